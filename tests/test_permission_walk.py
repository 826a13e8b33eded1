"""Walk every registered page as a visitor, an entrepreneur and staff.

Each page in the URL configuration must be listed here with who may read it and who may
write to it; a new page that is not listed fails the walk, so no page ships unchecked.
"""

from __future__ import annotations

import importlib.util
from datetime import timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from kaveret.accounts.models import RoleAssignment
from kaveret.communities.ical import personal_feed_token
from kaveret.communities.models import Invitation, MemberType
from kaveret.ecosystem.models import ImportJob
from kaveret.testing.factories import (
    EventFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    VentureFactory,
)

# Who may GET each named page: "all", "user" (any logged-in user), "staff", "owner+staff"
# (the entrepreneur running the venture and staff), "none" (POST only).
READ = {
    "home": "all",
    "healthz": "all",
    "ecosystem:organisation_list": "all",
    "ecosystem:organisation_detail": "all",
    "ecosystem:organisation_create": "staff",
    "ecosystem:organisation_edit": "staff",
    "ecosystem:venture_list": "all",
    "ecosystem:venture_detail": "all",
    "ecosystem:venture_create": "staff",
    "ecosystem:venture_edit": "owner+staff",
    "ecosystem:relation_create": "staff",
    "ecosystem:organisation_export": "all",
    "ecosystem:venture_export": "all",
    "ecosystem:import_start": "staff",
    "ecosystem:import_job": "staff",
    "ecosystem:import_confirm": "none",
    "ecosystem:import_progress": "staff",
    "ecosystem:import_template": "staff",
    "communities:list": "all",
    "communities:detail": "all",
    "communities:join": "user",
    "communities:manage": "staff",
    "communities:roles": "staff",
    "communities:role_revoke": "none",
    "communities:history": "staff",
    "communities:settings": "staff",
    "communities:member": "all",
    "communities:member_decide": "none",
    "communities:member_leave": "none",
    "communities:invitation": "all",
    "communities:invitation_revoke": "none",
    "communities:event_list": "all",
    "communities:event_detail": "all",
    "communities:event_create": "staff",
    "communities:event_edit": "staff",
    "communities:event_register": "none",
    "communities:event_cancel": "none",
    "communities:event_attendance": "staff",
    "communities:event_ics": "all",
    "communities:community_events_ics": "all",
    "communities:personal_events_ics": "all",
    "network:map": "all",
    "network:map_data": "all",
    "network:map_nodes_csv": "all",
    "network:map_relations_csv": "all",
    "network:map_graphml": "all",
    "network:analytics": "all",
    "network:analytics_recompute": "none",
    "task_status": "staff",
    "javascript-catalog": "all",
    "set_language": "none",
}


def _walk_modules() -> list[ModuleType]:
    """The apps' own lists of pages, in ``tests/walks/*.py`` (see its README)."""
    modules = []
    for path in sorted((Path(__file__).parent / "walks").glob("*.py")):
        spec = importlib.util.spec_from_file_location(f"walks.{path.stem}", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        modules.append(module)
    return modules


WALK_MODULES = _walk_modules()
for _module in WALK_MODULES:
    READ.update(_module.READ)
WRITE_REFUSED = [name for module in WALK_MODULES for name in getattr(module, "WRITE_REFUSED", ())]

# Third-party pages whose permissions their own packages test: allauth's account pages,
# the Django admin (is_staff only) and the API (walked in its own tests).
SKIPPED_NAMESPACES = ("admin", "api")
SKIPPED_PREFIXES = ("account_", "socialaccount_")


def named_patterns() -> list[str]:
    names: list[str] = []

    def walk(patterns: list[Any], namespace: str) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                child = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                walk(entry.url_patterns, child)
            elif isinstance(entry, URLPattern) and entry.name:
                names.append(f"{namespace}{entry.name}")

    walk(get_resolver().url_patterns, "")
    return names


def test_every_page_is_listed_in_the_walk() -> None:
    unlisted = [
        name
        for name in named_patterns()
        if name not in READ
        and not name.startswith(SKIPPED_PREFIXES)
        and name.split(":")[0] not in SKIPPED_NAMESPACES
    ]
    assert unlisted == []


@pytest.fixture
def urls(personas: Any) -> dict[str, str]:
    organisation = OrganisationFactory()
    VentureFactory()
    import_job = ImportJob.objects.create(
        created_by=personas.staff, kind=ImportJob.Kind.ORGANISATIONS, original_name="a.csv"
    )
    slug = personas.community.slug
    event = EventFactory(community=personas.community)
    feed_owner = UserFactory()
    membership = MembershipFactory(community=personas.community)
    invitation = Invitation.objects.create(
        community=personas.community,
        email="invitee@example.org",
        member_type=MemberType.ACADEMIA,
        token="walk-token",
        expires_at=timezone.now() + timedelta(days=1),
    )
    role = RoleAssignment.objects.get(user=personas.staff, community=personas.community)
    extra: dict[str, str] = {}
    for module in WALK_MODULES:
        extra.update(module.urls(personas))
    return extra | {
        "home": "/",
        "healthz": "/healthz",
        "ecosystem:organisation_list": "/organisations/",
        "ecosystem:organisation_detail": f"/organisations/{organisation.pk}/",
        "ecosystem:organisation_create": "/organisations/new/",
        "ecosystem:organisation_edit": f"/organisations/{organisation.pk}/edit/",
        "ecosystem:venture_list": "/ventures/",
        "ecosystem:venture_detail": f"/ventures/{personas.venture.pk}/",
        "ecosystem:venture_create": "/ventures/new/",
        "ecosystem:venture_edit": f"/ventures/{personas.venture.pk}/edit/",
        "ecosystem:relation_create": f"/actors/{organisation.pk}/relations/new/",
        "ecosystem:organisation_export": "/organisations/export.csv",
        "ecosystem:venture_export": "/ventures/export.xlsx",
        "ecosystem:import_start": "/import/",
        "ecosystem:import_job": f"/import/{import_job.pk}/",
        "ecosystem:import_confirm": f"/import/{import_job.pk}/confirm/",
        "ecosystem:import_progress": f"/import/{import_job.pk}/progress/",
        "ecosystem:import_template": "/import/templates/organisations.xlsx",
        "communities:list": "/communities/",
        "communities:detail": f"/communities/{personas.community.slug}/",
        "communities:join": f"/communities/{slug}/join/",
        "communities:manage": f"/communities/{slug}/manage/",
        "communities:roles": f"/communities/{slug}/roles/",
        "communities:role_revoke": f"/communities/{slug}/roles/{role.pk}/revoke/",
        "communities:history": f"/communities/{slug}/history/",
        "communities:settings": f"/communities/{slug}/settings/",
        "communities:member": f"/communities/{slug}/members/{membership.pk}/",
        "communities:member_decide": f"/communities/{slug}/members/{membership.pk}/decide/",
        "communities:member_leave": f"/communities/{slug}/members/{membership.pk}/leave/",
        "communities:invitation": f"/communities/invitations/{invitation.token}/",
        "communities:invitation_revoke": (
            f"/communities/{slug}/invitations/{invitation.pk}/revoke/"
        ),
        "communities:event_list": f"/communities/{slug}/events/",
        "communities:event_detail": f"/communities/{slug}/events/{event.pk}/",
        "communities:event_create": f"/communities/{slug}/events/new/",
        "communities:event_edit": f"/communities/{slug}/events/{event.pk}/edit/",
        "communities:event_register": f"/communities/{slug}/events/{event.pk}/register/",
        "communities:event_cancel": f"/communities/{slug}/events/{event.pk}/cancel/",
        "communities:event_attendance": f"/communities/{slug}/events/{event.pk}/attendance/",
        "communities:event_ics": f"/communities/{slug}/events/{event.pk}/event.ics",
        "communities:community_events_ics": f"/communities/{slug}/events.ics",
        # The token is the key: calendar apps read the feed without a session.
        "communities:personal_events_ics": (
            f"/communities/feeds/{feed_owner.pk}/{personal_feed_token(feed_owner.pk)}.ics"
        ),
        "network:map": "/network/map/",
        "network:map_data": "/network/map/data.json",
        "network:map_nodes_csv": "/network/map/actors.csv",
        "network:map_relations_csv": "/network/map/relations.csv",
        "network:map_graphml": "/network/map/map.graphml",
        "network:analytics": "/network/analytics/",
        "network:analytics_recompute": "/network/analytics/recompute/",
        "task_status": "/tasks/00000000-0000-0000-0000-000000000000/",
        "javascript-catalog": "/jsi18n/",
        "set_language": "/i18n/setlang/",
    }


def may_read(rule: str, persona: str) -> bool:
    return {
        "all": True,
        "user": persona != "anonymous",
        "staff": persona == "staff",
        "owner+staff": persona in {"staff", "entrepreneur"},
        "none": False,
    }[rule]


@pytest.mark.parametrize("persona", ["anonymous", "entrepreneur", "staff"])
def test_who_may_read_each_page(
    client: Client, personas: Any, urls: dict[str, str], persona: str
) -> None:
    if persona != "anonymous":
        client.force_login(getattr(personas, persona))
    wrong: list[str] = []
    for name, rule in READ.items():
        status = client.get(urls[name]).status_code
        allowed = may_read(rule, persona)
        if allowed and status != 200:
            wrong.append(f"{name}: {persona} got {status}, expected 200")
        if not allowed and status == 200:
            wrong.append(f"{name}: {persona} got 200, expected refusal")
    assert wrong == []


@pytest.mark.parametrize("persona", ["anonymous", "entrepreneur"])
def test_who_may_not_write(
    client: Client, personas: Any, urls: dict[str, str], persona: str
) -> None:
    if persona != "anonymous":
        client.force_login(getattr(personas, persona))
    for name in (
        "ecosystem:organisation_create",
        "ecosystem:organisation_edit",
        "ecosystem:venture_create",
        "ecosystem:relation_create",
        "communities:event_create",
        "communities:event_edit",
        "communities:event_attendance",
        "communities:manage",
        "communities:roles",
        "communities:settings",
        "communities:role_revoke",
        "communities:member_decide",
        "communities:invitation_revoke",
        *WRITE_REFUSED,
    ):
        response = client.post(urls[name], {"name": "השתלטות", "kind": "ngo"})
        assert response.status_code in {302, 403, 404}, name
        if response.status_code == 302:
            assert "/accounts/login/" in response["Location"], name
    from kaveret.ecosystem.models import Actor

    assert not Actor.objects.filter(name="השתלטות").exists()
