#!/usr/bin/env bash
# Serves the demo: a Celery worker on the SQLite-file broker in the background, with the
# beat scheduler inside it (-B) so the scheduled work of CELERY_BEAT_SCHEDULE runs (event
# reminders hourly, notification digests weekly), and the web server in the foreground.
# Ctrl-C stops both.
set -euo pipefail
host=${1:-127.0.0.1}
port=${2:-8000}
var_dir=${KAVERET_VAR_DIR:-var}
mkdir -p "$var_dir"
.venv/bin/celery -A kaveret worker -B --schedule "$var_dir/celerybeat-schedule" \
  --loglevel=WARNING --concurrency=1 &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
.venv/bin/python manage.py runserver "$host:$port"
