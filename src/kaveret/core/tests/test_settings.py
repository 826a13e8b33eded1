"""Production settings must be safe: `check --deploy` reports nothing."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[4]


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(PROJECT / "manage.py"), *args],
        # The browser tests allow async-unsafe ORM calls in this process; production
        # never does, and the deploy check rightly refuses it.
        env={
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            **env,
        },
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.mark.parametrize("database_url", ["", "postgres://postgres@127.0.0.1:5432/postgres"])
def test_production_settings_pass_the_deploy_check(database_url: str, tmp_path: Path) -> None:
    env = {
        "DJANGO_SETTINGS_MODULE": "kaveret.settings",
        "DEBUG": "0",
        "SECRET_KEY": "x" * 30 + "-production-secret-of-sufficient-length-and-variety-42",
        "ALLOWED_HOSTS": "kaveret.example.org",
        "KAVERET_VAR_DIR": str(tmp_path),
        "DATABASE_URL": database_url,
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_default_database_is_an_sqlite_file_in_wal_mode() -> None:
    from django.conf import settings
    from django.db import connection

    if os.environ.get("DATABASE_URL"):
        pytest.skip("this run uses DATABASE_URL")
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert "journal_mode=WAL" in settings.DATABASES["default"]["OPTIONS"]["init_command"]
    assert connection.vendor == "sqlite"
