"""The home page and the health check."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from kaveret.communities.selectors import communities_with_member_counts
from kaveret.core.progress import percent, task_progress
from kaveret.ecosystem.selectors import ecosystem_counts

logger = logging.getLogger(__name__)


def home(request: HttpRequest) -> HttpResponse:
    context = {
        "communities": communities_with_member_counts(request.user),
        "counts": ecosystem_counts(request.user),
    }
    return render(request, "core/home.html", context)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any failure means "not healthy"; it is logged, not hidden
        logger.exception("health check: database unreachable")
        return False


def _redis_ok() -> bool | None:
    if not settings.REDIS_URL:
        return None
    import redis

    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2
        )
        return bool(client.ping())
    except redis.RedisError:
        logger.exception("health check: Redis unreachable")
        return False


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database (and Redis, when configured) answer; 503 otherwise."""
    checks: dict[str, str] = {"database": "ok" if _database_ok() else "failing"}
    redis_state = _redis_ok()
    if redis_state is not None:
        checks["redis"] = "ok" if redis_state else "failing"
    healthy = all(state == "ok" for state in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "failing", "checks": checks},
        status=200 if healthy else 503,
    )


def task_status(request: HttpRequest, task_id: str) -> HttpResponse:
    """A background task's progress, as a page that polls itself (htmx) until it ends."""
    from django.core.exceptions import PermissionDenied

    if not request.user.has_perm("accounts.view_staff_area"):
        raise PermissionDenied
    progress = task_progress(task_id)
    done = progress.total == 0 and progress.state == "SUCCESS"
    context = {
        "task_id": task_id,
        "state": progress.state,
        "current": progress.current,
        "total": progress.total,
        "percent": 100 if done else percent(progress.current, progress.total),
        "finished": progress.finished,
        "failed": progress.failed,
    }
    template = "core/_task_progress.html" if getattr(request, "htmx", False) else "core/task.html"
    return render(request, template, context)
