"""The demo's partnerships: the three case studies of seed 001, at the stage their story
reaches, with the texts the seed tells; loading twice changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from kaveret.partnerships.demo import (
    CASE_STUDIES,
    NEXME_COLLEGES,
    VIVID_RIKMA,
    WELLPLAY_CLALIT,
    WELLPLAY_SHALVATA,
    load_partnerships_demo,
)
from kaveret.partnerships.models import (
    Outcome,
    Partnership,
    Stage,
)
from kaveret.partnerships.rules import can_view_partnership, visible_partnerships_condition
from kaveret.testing.partnerships_demo_factories import (
    DEMO_ENTREPRENEUR,
    DEMO_MANAGER,
    DEMO_ORGANISATION,
    demo_counts,
    load_demo_partnerships,
)

pytestmark = pytest.mark.django_db


def test_the_case_studies_load_once_at_the_stage_their_story_reaches() -> None:
    demo = load_demo_partnerships()
    first = demo_counts()
    assert load_partnerships_demo(demo.communities, demo.organisations, demo.ventures) == 4
    assert demo_counts() == first
    assert first[0] == len(CASE_STUDIES) == 4

    stages = {p.title: p.stage for p in Partnership.objects.all()}
    assert stages == {
        VIVID_RIKMA.title: Stage.LAUNCH,
        NEXME_COLLEGES.title: Stage.IMPLEMENT,
        WELLPLAY_SHALVATA.title: Stage.ENDED,
        WELLPLAY_CLALIT.title: Stage.LAUNCH,
    }
    # The same seven steps plus ended on each, dated where the story went through them.
    for partnership in Partnership.objects.all():
        assert partnership.stages.count() == len(Stage.values)
        current = partnership.stages.get(stage=partnership.stage)
        assert current.starts_on is not None and current.ended_on is None
        assert partnership.is_published
        # Recorded when the story began, so the timeline starts there, not at the load.
        first_start = min(p.starts_on for p in partnership.stages.all() if p.starts_on)
        assert timezone.localtime(partnership.created_at).date() == first_start


def test_vivid_with_rikma_keeps_the_template_the_pricing_and_the_rolling_model() -> None:
    load_demo_partnerships()
    vivid = Partnership.objects.get(title=VIVID_RIKMA.title)
    assert (vivid.organisation.name, vivid.venture.name) == ("רקמה", "VIVID")
    assert vivid.community is not None and vivid.community.slug == "techability"
    risks = {risk.title: risk for risk in vivid.risks.all()}
    assert "טמפלייט" in risks["פער בין התוכן לבין היכולת לדמיין מוצר"].mitigation
    assert "תמחור מראש" in risks["הגדרת גבולות עבודה"].mitigation
    assert vivid.expectations.get(key="resources").status == "open"
    assert vivid.conditions.get(key="early_legal").status == "not_met"
    assert "מתגלגל" in vivid.continuity.notes
    feedback = vivid.feedback.get(text__contains="מצדיקה את הערך")
    assert "אמון" in feedback.response
    assert vivid.lessons_item is not None and "VIVID" in vivid.lessons_item.title
    assert vivid.outcome == Outcome.NONE


def test_nexme_came_from_the_employtech_call_with_its_indicators() -> None:
    load_demo_partnerships()
    nexme = Partnership.objects.get(title=NEXME_COLLEGES.title)
    assert nexme.origin == "call"
    assert nexme.origin_call is not None
    assert nexme.origin_call.slug == "employtech-technological-education"
    assert nexme.challenge is not None
    assert nexme.community is not None and nexme.community.slug == "employtech"
    assert {party.actor.name for party in nexme.parties.select_related("actor")} == {
        "הכוורת",
        "ג'וינט תבת",
        'מה"ט',
    }
    assert "שיעור ההמרה מהסימולטור להרשמה בפועל" in set(
        nexme.indicators.values_list("name", flat=True)
    )
    # The seed gives no figures: no invented measurements or targets.
    assert not nexme.indicators.filter(target__isnull=False).exists()
    assert not nexme.indicators.filter(measurements__isnull=False).exists()
    assert nexme.stages.get(stage=Stage.CALL).starts_on is not None
    assert "עבודה חינמית" in nexme.legal_items.get(key="costs").agreed_text
    assert nexme.conditions.get(key="continuity").status == "partly"
    assert "מוסדות לימוד נוספים" in nexme.continuity.notes


def test_wellplay_ends_at_shalvata_with_its_ambassador_and_runs_on_at_clalit() -> None:
    load_demo_partnerships()
    shalvata = Partnership.objects.get(title=WELLPLAY_SHALVATA.title)
    assert shalvata.ambassador_name == "פרופ' מנדלוביץ"
    assert shalvata.ambassador is not None and shalvata.ambassador.full_name == "מנדלוביץ"
    assert shalvata.outcome == Outcome.ENDED
    assert shalvata.conditions.get(key="organisational_lead").status == "met"
    assert shalvata.parties.get().actor.name == "אוניברסיטת חיפה"
    assert "תקומה" in shalvata.continuity.funding_after

    clalit = Partnership.objects.get(title=WELLPLAY_CLALIT.title)
    assert clalit.ambassador_name == ""  # the seed names none
    assert clalit.conditions.get(key="mutual_commitment").status == "not_met"
    assert "גוף קטן וגמיש" in clalit.lessons
    assert "ועדות ענן" in clalit.risks.get(title__contains="אבטחת מידע").mitigation
    assert clalit.feedback.count() == 2
    assert shalvata.venture_id == clalit.venture_id


def test_the_demo_logins_see_the_case_studies_of_their_community_and_side() -> None:
    from kaveret.accounts.models import User

    load_demo_partnerships()
    manager = User.objects.get(email=DEMO_MANAGER)
    entrepreneur = User.objects.get(email=DEMO_ENTREPRENEUR)
    clalit_user = User.objects.get(email=DEMO_ORGANISATION)
    vivid = Partnership.objects.get(title=VIVID_RIKMA.title)
    clalit = Partnership.objects.get(title=WELLPLAY_CLALIT.title)
    nexme = Partnership.objects.get(title=NEXME_COLLEGES.title)

    assert can_view_partnership(manager, vivid) and can_view_partnership(manager, clalit)
    assert not can_view_partnership(manager, nexme)  # another community's
    assert can_view_partnership(entrepreneur, vivid)
    assert not can_view_partnership(entrepreneur, clalit)
    assert can_view_partnership(clalit_user, clalit)
    assert not can_view_partnership(clalit_user, vivid)
    # Published: everyone can read them (without feedback, risks or legal texts).
    visible = Partnership.objects.filter(visible_partnerships_condition(None))
    assert visible.count() == 4


def test_the_demo_pages_open_for_the_manager_and_the_published_view_for_visitors(
    client: Any,
) -> None:
    from kaveret.accounts.models import User

    load_demo_partnerships()
    vivid = Partnership.objects.get(title=VIVID_RIKMA.title)
    pages = (
        f"/en/partnerships/{vivid.pk}/",
        f"/en/partnerships/{vivid.pk}/definition/",
        f"/en/partnerships/{vivid.pk}/running/",
        f"/en/partnerships/{vivid.pk}/timeline/",
    )
    client.force_login(User.objects.get(email=DEMO_MANAGER))
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
    assert "פער בין התוכן לבין היכולת לדמיין מוצר" in client.get(pages[2]).content.decode()
    client.logout()
    # A visitor reads the published story, not the running pages (feedback, risks).
    assert client.get(pages[0]).status_code == 200
    assert client.get(pages[2]).status_code == 404
