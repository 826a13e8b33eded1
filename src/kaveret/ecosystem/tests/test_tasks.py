"""Background work: the search-text rebuild, eagerly and through a real Redis worker."""

from __future__ import annotations

from typing import Any

import pytest
from celery import Celery
from celery.contrib.testing.worker import start_worker
from django.test import Client

from kaveret.celery import app as kaveret_app
from kaveret.ecosystem.models import Venture
from kaveret.ecosystem.selectors import DirectoryFilters, venture_directory
from kaveret.ecosystem.tasks import rebuild_search_text
from kaveret.testing.factories import VentureFactory


@pytest.mark.django_db
def test_rebuilding_makes_rows_written_without_search_text_findable() -> None:
    venture = VentureFactory(name="תעסוקה לאנשים במוגבלות")
    Venture.objects.filter(pk=venture.pk).update(search_text="")
    assert not venture_directory(None, DirectoryFilters(q="מוגבלות")).exists()

    result = rebuild_search_text.delay()

    assert result.get() == {"current": 1, "total": 1}
    assert list(venture_directory(None, DirectoryFilters(q="מוגבלות"))) == [venture]


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_task_runs_through_a_real_redis_broker_and_worker() -> None:
    venture = VentureFactory(name="הכשרה לצעירים בפריפריה")
    Venture.objects.filter(pk=venture.pk).update(search_text="")
    # A separate app with the production configuration (Redis broker and results), so the
    # eager app the other tests use is left alone.
    redis_url = "redis://127.0.0.1:6379/14"
    redis_app = Celery("kaveret-redis-test", broker=redis_url, backend=redis_url)
    redis_app.conf.task_always_eager = False
    task = redis_app.task(bind=True, name=rebuild_search_text.name)(
        rebuild_search_text.run.__func__
    )
    try:
        with start_worker(redis_app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
            result = task.delay()
            assert result.get(timeout=30) == {"current": 1, "total": 1}
            assert result.state == "SUCCESS"
    finally:
        # start_worker makes its app the current and default one; the shared tasks of the
        # tests that follow must run on the eager project app again.
        kaveret_app.set_current()
        kaveret_app.set_default()
    assert venture_directory(None, DirectoryFilters(q="בפריפריה")).get() == venture


@pytest.mark.django_db
def test_task_progress_page_is_for_staff_only(client: Client, personas: Any) -> None:
    result = rebuild_search_text.delay()
    assert client.get(f"/tasks/{result.id}/").status_code in {302, 403}
    client.force_login(personas.entrepreneur)
    assert client.get(f"/tasks/{result.id}/").status_code == 403
    client.force_login(personas.staff)
    response = client.get(f"/tasks/{result.id}/")
    assert response.status_code == 200
    assert 'value="100"' in response.content.decode()
