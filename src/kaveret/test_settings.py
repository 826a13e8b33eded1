"""Settings for the test suite: the production settings with test-only conveniences.

Tests run over plain HTTP, send mail to memory, hash passwords fast and run Celery tasks
eagerly (one test runs a real Redis worker on purpose).
"""

import os

from kaveret.settings import *  # noqa: F403
from kaveret.settings import STORAGES

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_TASK_STORE_EAGER_RESULT = True
SEARCH_INDEX_ON_SAVE = False  # search tests turn it on with the settings fixture

# One test database file per test run, so runs side by side (two checkouts' CI, or several
# engineers in one tree) never delete each other's database. The Celery test worker and
# the browser tests' live server run inside the same process, so they share it.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}  # noqa: F405
