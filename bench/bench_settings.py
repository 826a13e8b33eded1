"""Settings for the benchmarks: the production settings plus a baseline page.

``bench/run.py`` serves the app with ``DJANGO_SETTINGS_MODULE=bench_settings`` and
``bench/`` on the Python path, so the baseline URL never reaches production's URLconf.
Everything else (DEBUG, database, security) comes from the environment, as in production.
"""

from pathlib import Path

from kaveret.settings import *  # noqa: F403
from kaveret.settings import BASE_DIR, STATICFILES_DIRS, TEMPLATES

ROOT_URLCONF = "bench_urls"
_template_dirs = list(TEMPLATES[0]["DIRS"])  # type: ignore[call-overload]
TEMPLATES = [
    {**TEMPLATES[0], "DIRS": [*_template_dirs, Path(__file__).resolve().parent / "templates"]}
]

# src/kaveret/static/ (css/kaveret.css) belongs to no installed app and is not listed in
# STATICFILES_DIRS, so collectstatic misses it and every DEBUG=0 page fails on
# {% static 'css/kaveret.css' %}. Until the project settings collect it, the benchmark does.
_PROJECT_STATIC = BASE_DIR / "static"
if _PROJECT_STATIC.is_dir() and all(
    Path(str(entry[1] if isinstance(entry, tuple) else entry)) != _PROJECT_STATIC
    for entry in STATICFILES_DIRS
):
    STATICFILES_DIRS = [*STATICFILES_DIRS, _PROJECT_STATIC]
