"""The index follows the objects: saved objects are found, deleted ones vanish, and a
rebuild reuses stored vectors when the text did not change."""

from __future__ import annotations

from typing import Any
from unittest import mock

import numpy as np
import pytest
from django.core.management import call_command

from kaveret.matching import engine, index
from kaveret.matching.engine import search
from kaveret.matching.models import SearchDocument
from kaveret.testing.factories import DomainFactory, VentureFactory
from kaveret.testing.matching_search_factories import fresh_search_index, index_now

pytestmark = pytest.mark.django_db

TEXT = "ליווי אנשים עם מוגבלות בדרך לתעסוקה."


@pytest.fixture(autouse=True)
def _fresh() -> None:
    fresh_search_index()


@pytest.fixture
def on_save(settings: Any) -> None:
    settings.SEARCH_INDEX_ON_SAVE = True


def _found(query: str = "מוגבלות") -> list[str]:
    hits, _ = search(query, mode="lexical")
    return [hit.title for hit in hits]


@pytest.mark.django_db(transaction=True)
def test_a_saved_venture_is_found_and_a_deleted_one_is_gone(on_save: None) -> None:
    venture = VentureFactory(name="עבודה שווה", description=TEXT)
    assert _found() == ["עבודה שווה"]

    venture.description = "מיחזור פסולת עירונית."
    venture.save()
    assert _found() == []
    assert _found("מיחזור") == ["עבודה שווה"]

    venture.delete()
    assert _found("מיחזור") == []
    assert not SearchDocument.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_adding_a_domain_refreshes_the_facets(on_save: None) -> None:
    venture = VentureFactory(name="עבודה שווה", description=TEXT)
    domain = DomainFactory()
    venture.domains.add(domain)
    document = SearchDocument.objects.get(kind="venture", object_id=venture.pk)
    assert document.domain_ids == [domain.pk]


def test_saving_does_nothing_when_indexing_on_save_is_off(settings: Any) -> None:
    settings.SEARCH_INDEX_ON_SAVE = False
    VentureFactory(description=TEXT)
    assert not SearchDocument.objects.exists()


def test_the_signal_queues_the_task_after_commit(
    on_save: None, django_capture_on_commit_callbacks: Any
) -> None:
    with (
        mock.patch("kaveret.matching.tasks.index_object_task.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        venture = VentureFactory(description=TEXT)
    delay.assert_any_call("venture", venture.pk)


def _counting_embedder() -> tuple[mock.MagicMock, Any]:
    real = engine.embed_passages
    counter = mock.MagicMock(side_effect=real)
    return counter, mock.patch("kaveret.matching.index.embed_passages", counter)


def test_rebuild_reuses_vectors_when_the_text_did_not_change() -> None:
    first = VentureFactory(name="עבודה שווה", description=TEXT)
    second = VentureFactory(name="עיר נקייה", description="מיחזור פסולת.")
    index_now(first, second)
    stored = bytes(SearchDocument.objects.get(object_id=first.pk).embedding)

    counter, patch = _counting_embedder()
    with patch:
        call_command("rebuild_index", "--quiet", stdout=mock.MagicMock())
    assert counter.call_count == 0
    assert bytes(SearchDocument.objects.get(object_id=first.pk).embedding) == stored

    second.description = "מיחזור פסולת ואריזות בבתי ספר."
    second.save()
    with patch:
        stats = index.rebuild(["venture"])
    assert stats.embedded == 1
    assert stats.reused == 1
    assert sum(len(call.args[0]) for call in counter.call_args_list) == 1


def test_rebuild_with_reembed_recomputes_every_vector() -> None:
    index_now(VentureFactory(description=TEXT))
    counter, patch = _counting_embedder()
    with patch:
        stats = index.rebuild(["venture"], reembed=True)
    assert stats.embedded == 1
    assert counter.call_count == 1
    vector = engine.vector_from_bytes(SearchDocument.objects.get().embedding)
    assert vector is not None
    assert np.isclose(np.linalg.norm(vector), 1.0, atol=1e-3)


def test_rebuild_drops_documents_of_objects_that_are_gone() -> None:
    venture = VentureFactory(description=TEXT)
    index_now(venture)
    SearchDocument.objects.create(kind="venture", object_id=venture.pk + 1000, title="x")
    stats = index.rebuild(["venture"])
    assert stats.deleted == 1
    assert list(SearchDocument.objects.values_list("object_id", flat=True)) == [venture.pk]


def test_rebuild_index_refuses_an_unknown_kind() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("rebuild_index", "--kinds", "venture,unicorn")


def test_the_rebuild_task_reports_counts() -> None:
    from kaveret.matching.tasks import rebuild_index_task

    index_now(VentureFactory(description=TEXT))
    result = rebuild_index_task.delay(["venture"]).get()
    assert result["total"] == 1
    assert result["reused"] == 1


def test_indexing_can_be_paused_for_bulk_loads(
    on_save: None, django_capture_on_commit_callbacks: Any
) -> None:
    from kaveret.matching.signals import indexing_paused

    with (
        mock.patch("kaveret.matching.tasks.index_object_task.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
        indexing_paused(),
    ):
        VentureFactory(description=TEXT)
    delay.assert_not_called()
