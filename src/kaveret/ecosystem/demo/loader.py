"""Write the demo ecosystem of the seed documents, idempotently.

Every row is found by a stable key (a slug, a Hebrew name, an email, a pair of actors and a
kind) and updated in place, so running the load twice leaves the same rows. The services are
not used: they check a user's permission, and a load runs with no user.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import transaction
from django.db.models import Q

from kaveret.accounts.models import Role, RoleAssignment, User
from kaveret.accounts.services import mark_email_verified
from kaveret.calls.demo import DEMO_REVIEWERS, load_calls_demo
from kaveret.challenges.demo import load_challenges_demo
from kaveret.communities.demo import load_events_demo
from kaveret.communities.models import Community, Membership, MembershipStatus
from kaveret.communities.work_demo import load_work_demo
from kaveret.ecosystem.choices import (
    PARTNERSHIP_FACTOR_FIELDS,
    ActorType,
    RelationKind,
    sector_for_kind,
)
from kaveret.ecosystem.models import (
    Actor,
    Affiliation,
    Domain,
    Organisation,
    Person,
    Region,
    Relation,
    TargetPopulation,
    Technology,
    Venture,
)
from kaveret.ecosystem.signals import announce_ecosystem_changed
from kaveret.knowledge.demo import load_knowledge_demo
from kaveret.matching.demo import load_matching_demo
from kaveret.matching.signals import indexing_paused
from kaveret.measurement.demo import load_measurement_demo
from kaveret.partnerships.demo import load_partnerships_demo
from kaveret.trends.demo import load_trends_demo

from . import actors, network, taxonomies

TaxonomyModel = TypeVar("TaxonomyModel", Domain, TargetPopulation, Technology, Region)


@dataclass
class DemoResult:
    """What the load wrote, for the command's summary and for tests."""

    organisations: dict[str, Organisation] = field(default_factory=dict)
    ventures: dict[str, Venture] = field(default_factory=dict)
    communities: dict[str, Community] = field(default_factory=dict)
    events: int = 0
    work_activities: int = 0
    knowledge_items: int = 0
    trend_signals: int = 0
    challenges: int = 0
    calls: int = 0
    matchmaking_events: int = 0
    partnerships: int = 0
    programmes: int = 0
    logins: list[network.DemoLogin] = field(default_factory=list)

    def actor(self, key: str) -> Actor:
        """The organisation or venture loaded under ``key``."""
        if key in self.organisations:
            return self.organisations[key]
        return self.ventures[key]


def _load_terms(model: type[TaxonomyModel], terms: Iterable[taxonomies.Term]) -> dict[str, Any]:
    loaded: dict[str, Any] = {}
    for term in terms:
        obj, _ = model.objects.update_or_create(
            slug=term.slug,
            defaults={"name": term.name, "name_en": term.name_en, "name_ar": term.name_ar},
        )
        loaded[term.slug] = obj
    return loaded


def _pick(terms: dict[str, Any], slugs: Sequence[str]) -> list[Any]:
    # A slug missing from the vocabulary is a bug in the demo data, not a user error.
    return [terms[slug] for slug in slugs]


def _find_actor(model: type[Organisation] | type[Venture], name: str) -> Any:
    """The existing actor of that Hebrew name, or a new unsaved one.

    Taking the oldest match keeps the load stable even if a user later registers a second
    actor with the same name.
    """
    existing = model.objects.filter(name=name).order_by("pk").first()
    return existing if existing is not None else model(name=name)


def _save_actor(obj: Actor, m2m: dict[str, list[Any]]) -> None:
    # Directory search matches against search_text, which save() does not compute.
    obj.refresh_search_text()
    obj.save()
    for name, items in m2m.items():
        getattr(obj, name).set(items)


def load_taxonomies() -> dict[str, dict[str, Any]]:
    """Create or update the four vocabularies; returns them by slug."""
    return {
        "domains": _load_terms(Domain, taxonomies.DOMAINS),
        "populations": _load_terms(TargetPopulation, taxonomies.TARGET_POPULATIONS),
        "technologies": _load_terms(Technology, taxonomies.TECHNOLOGIES),
        "regions": _load_terms(Region, taxonomies.REGIONS),
    }


def _load_organisations(terms: dict[str, dict[str, Any]], result: DemoResult) -> None:
    for spec in actors.ORGANISATIONS:
        org: Organisation = _find_actor(Organisation, spec.name)
        org.actor_type = ActorType.ORGANISATION
        org.name_en = spec.name_en
        org.name_ar = spec.name_ar
        org.kind = spec.kind
        org.sector = sector_for_kind(spec.kind)
        org.description = spec.description
        org.website = spec.website
        org.languages = list(spec.languages)
        org.is_public = True
        _save_actor(
            org,
            {
                "domains": _pick(terms["domains"], spec.domains),
                "target_populations": _pick(terms["populations"], spec.populations),
                "regions": _pick(terms["regions"], spec.regions),
            },
        )
        result.organisations[spec.key] = org


def _load_ventures(terms: dict[str, dict[str, Any]], result: DemoResult) -> None:
    for spec in actors.VENTURES:
        venture: Venture = _find_actor(Venture, spec.name)
        venture.actor_type = ActorType.VENTURE
        venture.name_en = spec.name_en
        venture.venture_type = spec.venture_type
        venture.stage = spec.stage
        venture.origin = spec.origin
        venture.description = spec.description
        venture.website = spec.website
        venture.founded_year = spec.founded_year
        venture.is_public = True
        _save_actor(
            venture,
            {
                "domains": _pick(terms["domains"], spec.domains),
                "target_populations": _pick(terms["populations"], spec.populations),
                "regions": _pick(terms["regions"], spec.regions),
                "technologies": _pick(terms["technologies"], spec.technologies),
            },
        )
        result.ventures[spec.key] = venture


def _load_communities(terms: dict[str, dict[str, Any]], result: DemoResult) -> None:
    for spec in network.COMMUNITIES:
        community, _ = Community.objects.update_or_create(
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "name_en": spec.name_en,
                "name_ar": spec.name_ar,
                "tagline": spec.tagline,
                "purpose": spec.purpose,
                "domain": terms["domains"][spec.domain],
                "phase": spec.phase,
                "website": spec.website,
                "is_public": True,
            },
        )
        community.founders.set([result.actor(key) for key in spec.founders])
        result.communities[spec.slug] = community
    for member in network.MEMBERSHIPS:
        Membership.objects.update_or_create(
            community=result.communities[member.community],
            actor=result.actor(member.actor),
            defaults={"member_type": member.member_type, "status": MembershipStatus.ACTIVE},
        )


def check_relations(specs: Sequence[network.RelationSpec]) -> None:
    """Refuse demo data that breaks the rules on relations, before anything is written.

    The table already refuses a relation to self and a level outside partnerships; the
    services also refuse a second active relation of the same kind between the same two
    actors in either direction, which the table cannot express, so it is checked here.
    """
    seen: set[tuple[frozenset[str], str]] = set()
    for spec in specs:
        if spec.source == spec.target:
            raise ValueError(f"demo relation to self: {spec.source}")
        if spec.kind != RelationKind.PARTNERSHIP and (spec.level or spec.factors):
            raise ValueError(f"level on a non-partnership: {spec.source} → {spec.target}")
        pair = (frozenset((spec.source, spec.target)), spec.kind)
        if pair in seen:
            raise ValueError(f"duplicate demo relation: {spec.source} ↔ {spec.target}")
        seen.add(pair)


def _load_relations(result: DemoResult) -> None:
    check_relations(network.RELATIONS)
    for spec in network.RELATIONS:
        source, target = result.actor(spec.source), result.actor(spec.target)
        values: dict[str, Any] = {
            "description": spec.description,
            "level": spec.level,
            "started_on": spec.started_on,
            "is_public": True,
        }
        factors = spec.factors or (None,) * len(PARTNERSHIP_FACTOR_FIELDS)
        values.update(zip(PARTNERSHIP_FACTOR_FIELDS, factors, strict=True))
        existing = (
            Relation.objects.active()
            .filter(
                Q(source=source, target=target) | Q(source=target, target=source), kind=spec.kind
            )
            .first()
        )
        if existing is None:
            Relation.objects.create(source=source, target=target, kind=spec.kind, **values)
        else:
            for name, value in values.items():
                setattr(existing, name, value)
            existing.save()


def _load_people(result: DemoResult) -> None:
    for spec in network.PEOPLE:
        person = Person.objects.filter(full_name=spec.full_name).order_by("pk").first()
        if person is None:
            person = Person(full_name=spec.full_name)
        # Real people: no contact details are invented, and only those the seeds present
        # as authors, managers or founders are shown in the public directory.
        person.consent_directory = spec.public
        person.save()
        for affiliation in spec.affiliations:
            Affiliation.objects.update_or_create(
                person=person,
                actor=result.actor(affiliation.actor),
                defaults={"title": affiliation.title, "is_founder": affiliation.is_founder},
            )


def _load_logins(result: DemoResult) -> None:
    for login in network.DEMO_LOGINS:
        user = User.objects.filter(email=login.email).first()
        if user is None:
            user = User.objects.create_user(
                login.email, network.DEMO_PASSWORD, full_name=login.full_name
            )
        elif not user.check_password(network.DEMO_PASSWORD):
            user.set_password(network.DEMO_PASSWORD)
            user.save(update_fields=["password"])
        # The demo's addresses count as confirmed, so roles can be given to them.
        mark_email_verified(user)
        scope_kind, key = login.scope.split(":", 1)
        scope: dict[str, Any] = {}
        if scope_kind == "community":
            scope["community"] = result.communities[key]
        elif scope_kind == "organisation":
            scope["organisation"] = result.organisations[key]
        else:
            scope["venture"] = result.ventures[key]
        RoleAssignment.objects.get_or_create(user=user, role=Role(login.role), **scope)
        result.logins.append(login)


@transaction.atomic
def load_demo() -> DemoResult:
    """Load the real demo ecosystem of the seeds in one transaction; safe to run again."""
    # One re-index at the end (``manage.py load_demo`` runs ``rebuild_index``), not one per save.
    with indexing_paused():
        return _load_demo()


def _load_demo() -> DemoResult:
    result = DemoResult()
    terms = load_taxonomies()
    _load_organisations(terms, result)
    _load_ventures(terms, result)
    _load_communities(terms, result)
    _load_relations(result)
    _load_people(result)
    _load_logins(result)
    result.events = load_events_demo(result.communities)
    result.work_activities = load_work_demo(result.communities)
    result.knowledge_items = load_knowledge_demo(result.communities)
    result.trend_signals = load_trends_demo(result.communities)
    result.challenges = load_challenges_demo(result.communities, result.organisations)
    result.calls = load_calls_demo(result.communities, result.ventures)
    result.matchmaking_events = load_matching_demo(
        result.communities, result.organisations, result.ventures
    )
    result.partnerships = load_partnerships_demo(
        result.communities, result.organisations, result.ventures
    )
    result.programmes = load_measurement_demo(
        result.communities, result.organisations, result.ventures
    )
    result.logins.extend(
        network.DemoLogin(email, name, "reviewer", "", "reviewer of the demo calls")
        for email, name in DEMO_REVIEWERS
    )
    announce_ecosystem_changed()
    return result
