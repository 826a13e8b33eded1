"""``manage.py load_demo``: the real demo ecosystem of the seeds, and the synthetic bulk."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db.models import F, Q
from django.test import RequestFactory

from kaveret.accounts.models import Role, RoleAssignment, User
from kaveret.accounts.roles import (
    holds_community_role,
    is_ecosystem_staff,
    is_entrepreneur_of,
    represents_organisation,
)
from kaveret.communities.models import Community, Membership, MemberType
from kaveret.core.text import words
from kaveret.ecosystem.choices import (
    PartnershipLevel,
    RelationKind,
    Sector,
    VentureType,
)
from kaveret.ecosystem.demo.loader import check_relations, load_demo
from kaveret.ecosystem.demo.network import RelationSpec
from kaveret.ecosystem.demo.synthetic import load_synthetic, with_check_digit
from kaveret.ecosystem.models import (
    Actor,
    Affiliation,
    Domain,
    Organisation,
    Person,
    Relation,
    TargetPopulation,
    Venture,
)
from kaveret.ecosystem.selectors import DirectoryFilters, actor_people, venture_directory
from kaveret.ecosystem.validators import registration_check_digit_ok
from kaveret.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

MODELS: tuple[Any, ...] = (
    Actor,
    Organisation,
    Venture,
    Person,
    Affiliation,
    Relation,
    Community,
    Membership,
    Domain,
    TargetPopulation,
    User,
    RoleAssignment,
)


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def _venture(name: str) -> Venture:
    return Venture.objects.get(name=name)


def _org(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


def _relation(source: Actor, target: Actor, kind: str) -> Relation:
    return Relation.objects.get(source=source, target=target, kind=kind, ended_on__isnull=True)


def _search(query: str) -> list[str]:
    return list(
        venture_directory(AnonymousUser(), DirectoryFilters(q=query)).values_list("name", flat=True)
    )


def test_the_case_study_ventures_carry_the_types_the_seed_gives_them() -> None:
    load_demo()
    # Seed 001: "VIVID מגדירה עצמה כסטארט-אפ אימפקט".
    assert _venture("VIVID").venture_type == VentureType.IMPACT_STARTUP
    assert _venture("Nexme").venture_type == VentureType.IMPACT_STARTUP
    assert _venture("Wellplay").venture_type == VentureType.IMPACT_STARTUP
    # The table of venture types in seed 001, column by column.
    assert _venture("בבא-דע").venture_type == VentureType.SOCIAL_VENTURE
    assert _venture("סנאפ").venture_type == VentureType.SOCIAL_BUSINESS_VENTURE
    assert _venture("KitePride").venture_type == VentureType.SOCIAL_BUSINESS
    assert _venture("Cognishine").venture_type == VentureType.IMPACT_STARTUP
    named = {
        "VIVID", "Nexme", "Wellplay", "GGtude", "CLARO", "Cognishine", "AgeWise", "Blend.AR",
        "KitePride", "IzraEx", "סנאפ", "MemoApp", "Job 360", "הקול שבפנים", "מומנטום", "מפגש",
    }  # fmt: skip
    assert named <= set(Venture.objects.values_list("name", flat=True))
    assert Venture.objects.count() + Organisation.objects.count() >= 25
    # Hebrew descriptions drawn from the text, and the venture is findable in the directory.
    assert "פסיכודרמה" in _venture("Wellplay").description
    assert _search("vivid") == ["VIVID"]
    assert "מומנטום" in _search("ומומנטום")


def test_organisations_have_the_sector_of_their_kind_and_no_invented_numbers() -> None:
    load_demo()
    assert _org("הכוורת").sector == Sector.THIRD_SECTOR
    assert _org("ג'וינט ישראל").sector == Sector.PHILANTHROPY
    assert _org("כללית").sector == Sector.PUBLIC_CENTRAL
    assert _org("משרד הבריאות").sector == Sector.PUBLIC_CENTRAL
    assert _org("אוניברסיטת חיפה").sector == Sector.ACADEMIA
    # Real bodies: the seeds give no registration numbers, so none is made up.
    assert not Organisation.objects.exclude(registration_number="").exists()
    # The directory's search text is filled, so a prefixed Hebrew word finds the body.
    assert Organisation.objects.filter(search_text__contains=" כוורת ").exists()


def test_the_three_communities_have_their_founders_and_members() -> None:
    load_demo()
    techability = Community.objects.get(slug="techability")
    assert techability.name == "טקאביליטי"
    assert set(techability.founders.values_list("name", flat=True)) == {
        "משרד הכלכלה",
        "ג'וינט ישראל מעבר למוגבלות",
        "קרנות הביטוח הלאומי",
        "הכוורת",
    }
    employtech = Community.objects.get(slug="employtech")
    assert set(employtech.founders.values_list("name", flat=True)) == {"הכוורת", "ג'וינט תבת"}
    agingil = Community.objects.get(slug="agingil")
    assert {"ג'וינט אשל", "שיתופים", "רשות החדשנות", "המשרד לשוויון חברתי"} <= set(
        agingil.founders.values_list("name", flat=True)
    )
    # Nexme came through EmployTech's call for technological education.
    nexme = Membership.objects.get(community=employtech, actor=_venture("Nexme"))
    assert nexme.member_type == MemberType.ENTREPRENEUR
    assert (
        Membership.objects.get(community=agingil, actor=_org("משרד הבריאות")).member_type
        == MemberType.PUBLIC_INSTITUTION
    )
    for community in (techability, employtech, agingil):
        assert community.memberships.filter(member_type=MemberType.ENTREPRENEUR).exists()
        assert community.domain is not None


def test_loading_twice_changes_nothing() -> None:
    load_demo()
    first = _counts()
    rikma = _relation(_venture("VIVID"), _org("רקמה"), RelationKind.PARTNERSHIP)
    load_demo()
    assert _counts() == first
    assert Relation.objects.get(pk=rikma.pk).level == PartnershipLevel.FOCUSED
    # The demo password still works after the second run.
    assert authenticate(
        RequestFactory().get("/"), email="manager@demo.kaveret.local", password="kaveret-demo"
    )


def test_the_ties_the_seeds_state_are_there_and_keep_the_rules() -> None:
    load_demo()
    hakaveret = _org("הכוורת")
    vivid, wellplay = _venture("VIVID"), _venture("Wellplay")
    rikma = _relation(vivid, _org("רקמה"), RelationKind.PARTNERSHIP)
    assert rikma.level == PartnershipLevel.FOCUSED
    assert None not in (rikma.proximity, rikma.added_value, rikma.power_gaps)
    _relation(_org("כללית"), wellplay, RelationKind.PILOT)
    _relation(_org("שלוותא"), wellplay, RelationKind.PILOT)
    _relation(_org("רשות החדשנות"), wellplay, RelationKind.FUNDING)
    _relation(_org("משרד הבריאות"), wellplay, RelationKind.FUNDING)
    colleges = _relation(_venture("Nexme"), _org("המכללות הטכנולוגיות"), RelationKind.PARTNERSHIP)
    assert colleges.level is not None
    _relation(_org("ג'וינט ישראל"), hakaveret, RelationKind.FOUNDER)
    _relation(_org("קרנות הביטוח הלאומי"), hakaveret, RelationKind.FOUNDER)

    assert not Relation.objects.filter(source=F("target")).exists()
    assert not Relation.objects.exclude(kind=RelationKind.PARTNERSHIP).exclude(level=None).exists()
    active = list(Relation.objects.active().values_list("source_id", "target_id", "kind"))
    unordered = {(frozenset((s, t)), k) for s, t, k in active}
    assert len(unordered) == len(active), "two active relations of one kind between two actors"


def test_demo_data_with_a_duplicate_tie_is_refused_before_writing() -> None:
    twice = (
        RelationSpec("vivid", "rikma", RelationKind.PARTNERSHIP, "", level=1),
        RelationSpec("rikma", "vivid", RelationKind.PARTNERSHIP, "", level=2),
    )
    with pytest.raises(ValueError, match="duplicate"):
        check_relations(twice)
    with pytest.raises(ValueError, match="non-partnership"):
        check_relations((RelationSpec("a", "b", RelationKind.PILOT, "", level=1),))


def test_real_people_have_no_invented_contacts_and_only_authors_are_listed() -> None:
    load_demo()
    assert not Person.objects.exclude(email="", phone="").exists()
    avital = Person.objects.get(full_name="אביטל אלפנט פילר")
    assert avital.consent_directory
    assert avital.affiliations.get().title == "מנהלת קהילה ושותפויות"
    assert not Person.objects.get(full_name="פולה ברקן").consent_directory
    # A visitor to HaKaveret's page sees its managers, not the people merely thanked.
    shown = {a.person.full_name for a in actor_people(AnonymousUser(), _org("הכוורת"))}
    assert {"אביטל אלפנט פילר", "אסנת ירון"} <= shown
    assert "פולה ברקן" not in shown
    founders = Affiliation.objects.filter(actor=_venture("VIVID"), is_founder=True)
    assert founders.count() == 3


def test_demo_logins_hold_their_scoped_roles() -> None:
    load_demo()
    request = RequestFactory().get("/")
    manager = authenticate(request, email="manager@demo.kaveret.local", password="kaveret-demo")
    entrepreneur = authenticate(
        request, email="entrepreneur@demo.kaveret.local", password="kaveret-demo"
    )
    representative = authenticate(request, email="org@demo.kaveret.local", password="kaveret-demo")
    assert manager and entrepreneur and representative
    techability = Community.objects.get(slug="techability")
    assert holds_community_role(manager, techability.pk, frozenset({Role.COMMUNITY_MANAGER}))
    assert not holds_community_role(
        manager, Community.objects.get(slug="agingil").pk, frozenset({Role.COMMUNITY_MANAGER})
    )
    assert is_ecosystem_staff(manager)
    assert is_entrepreneur_of(entrepreneur, _venture("VIVID").pk)
    assert not is_entrepreneur_of(entrepreneur, _venture("Nexme").pk)
    assert not is_ecosystem_staff(entrepreneur)
    assert represents_organisation(representative, _org("כללית").pk)
    assert not represents_organisation(representative, _org("מכבי").pk)


def test_the_command_prints_counts_and_the_demo_logins() -> None:
    out = StringIO()
    call_command("load_demo", stdout=out)
    text = out.getvalue()
    for email in (
        "manager@demo.kaveret.local",
        "entrepreneur@demo.kaveret.local",
        "org@demo.kaveret.local",
    ):
        assert email in text
    assert "kaveret-demo" in text
    assert "ventures" in text
    # The command ends by indexing the demo: its search finds a seed venture at once.
    from kaveret.matching.engine import search

    hits, _total = search("VIVID")
    assert any(hit.kind == "venture" and "VIVID" in hit.title for hit in hits)


def test_synthetic_adds_searchable_ventures_with_valid_unique_numbers() -> None:
    OrganisationFactory(registration_number=with_check_digit("58000001"))
    call_command("load_demo", stdout=StringIO())
    before_ventures = set(Venture.objects.values_list("pk", flat=True))
    before_orgs = set(Organisation.objects.values_list("pk", flat=True))
    out = StringIO()
    call_command("load_demo", synthetic=200, seed=11, stdout=out)
    assert "200/200" in out.getvalue()

    new_ventures = Venture.objects.exclude(pk__in=before_ventures)
    assert new_ventures.count() == 200
    new_orgs = Organisation.objects.exclude(pk__in=before_orgs)
    assert 30 <= new_orgs.count() <= 50
    numbers = [n for n in new_orgs.values_list("registration_number", flat=True) if n]
    assert numbers
    assert all(len(n) == 9 and registration_check_digit_ok(n) for n in numbers)
    all_numbers = list(
        Organisation.objects.exclude(registration_number="").values_list(
            "registration_number", flat=True
        )
    )
    assert len(all_numbers) == len(set(all_numbers))
    for org in new_orgs.exclude(registration_number="")[:20]:
        org.full_clean()

    # A visitor finds a generated venture by a Hebrew word of its name, prefixed with ה or ב.
    venture = new_ventures.filter(is_public=True).order_by("pk").first()
    assert venture is not None
    word = next(w for w in words(venture.name) if not w.isdigit() and w != "מיזמ")
    assert venture.name in _search("ה" + word)
    assert venture.name in _search("ב" + word)
    assert venture.domains.exists() and venture.target_populations.exists()
    assert venture.affiliations.filter(is_founder=True).exists()


def test_synthetic_ties_are_valid_and_about_three_per_venture() -> None:
    load_demo()
    result = load_synthetic(300, seed=5)
    assert result.ventures == 300
    assert 2 * 300 <= result.relations <= 4 * 300
    assert result.people == 300
    assert not Relation.objects.filter(source=F("target")).exists()
    assert not Relation.objects.exclude(kind=RelationKind.PARTNERSHIP).exclude(level=None).exists()
    # Generated partnerships all sit on the continuum with their five factors.
    synthetic = Venture.objects.filter(name__regex=r"^מיזם .* [0-9]+$")
    generated = Relation.objects.filter(Q(source__in=synthetic) | Q(target__in=synthetic))
    partnerships = generated.filter(kind=RelationKind.PARTNERSHIP)
    assert partnerships.exists()
    assert not partnerships.filter(Q(level=None) | Q(proximity=None) | Q(power_gaps=None)).exists()
    active = list(Relation.objects.active().values_list("source_id", "target_id", "kind"))
    assert len({(frozenset((s, t)), k) for s, t, k in active}) == len(active)
    # Generated members join the real demo communities.
    assert Membership.objects.filter(
        actor__in=Venture.objects.filter(name__regex=r"^מיזם .* [0-9]+$")
    ).exists()


def test_synthetic_twice_with_the_same_seed_adds_more_without_clashes() -> None:
    load_demo()
    load_synthetic(100, seed=3)
    load_synthetic(100, seed=3)
    assert Venture.objects.filter(name__regex=r"^מיזם .* [0-9]+$").count() == 200
    numbers = list(
        Organisation.objects.exclude(registration_number="").values_list(
            "registration_number", flat=True
        )
    )
    assert len(numbers) == len(set(numbers))
    names = list(
        Venture.objects.filter(name__regex=r"^מיזם .* [0-9]+$").values_list("name", flat=True)
    )
    assert len(names) == len(set(names)), "serial numbers keep generated names apart"
