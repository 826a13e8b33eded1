"""The Celery application; the broker comes from settings (SQLite file or Redis)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kaveret.settings")

app = Celery("kaveret")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
