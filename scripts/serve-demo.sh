#!/usr/bin/env bash
# Serves the demo: a Celery worker on the SQLite-file broker in the background, and the
# web server in the foreground. Ctrl-C stops both.
set -euo pipefail
host=${1:-127.0.0.1}
port=${2:-8000}
.venv/bin/celery -A kaveret worker --loglevel=WARNING --concurrency=1 &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
.venv/bin/python manage.py runserver "$host:$port"
