"""The indicator pages: the list, an indicator's chart and table, entering a measurement."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from kaveret.accounts.models import Role
from kaveret.measurement.models import Measurement
from kaveret.testing.application_factories import EXE_BYTES, upload
from kaveret.testing.clients import client_as
from kaveret.testing.factories import CommunityFactory, RoleAssignmentFactory, UserFactory
from kaveret.testing.measurement_factories import IndicatorFactory, WorkPlanFactory
from kaveret.testing.measurement_indicators_factories import (
    measure,
    owned_indicator,
    shared_indicator,
)

pytestmark = pytest.mark.django_db


def _funder() -> Any:
    return RoleAssignmentFactory(role=Role.FUNDER).user


def _detail(indicator: Any) -> str:
    return reverse("measurement:indicator_detail", args=[indicator.pk])


def _measure_url(indicator: Any) -> str:
    return reverse("measurement:indicator_measure", args=[indicator.pk])


def _draft_indicator(**fields: Any) -> Any:
    """An indicator of a programme in an unpublished plan: only editors, funders, owner."""
    from kaveret.testing.measurement_factories import AreaFactory, ProgrammeFactory

    area = AreaFactory(plan=WorkPlanFactory(is_published=False))
    return IndicatorFactory(programme=ProgrammeFactory(area=area), **fields)


def test_the_list_shows_what_the_user_may_see_with_status() -> None:
    visible = owned_indicator(name="מדד גלוי")
    measure(visible, 0, 30)
    hidden = _draft_indicator(name="מדד טיוטה")
    response = client_as(UserFactory()).get(reverse("measurement:indicator_list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "מדד גלוי" in body and "מדד טיוטה" not in body
    funder_body = client_as(_funder()).get(reverse("measurement:indicator_list")).content.decode()
    assert "מדד טיוטה" in funder_body
    assert hidden.name in funder_body


def test_the_list_filters_by_status_and_paginates(settings: Any) -> None:
    settings.KAVERET_PAGE_SIZE = 2
    for number in range(3):
        owned_indicator(name=f"ללא נתונים {number}")
    starts = timezone.localdate() - relativedelta(months=4)
    measured = owned_indicator(
        name="נמדד", starts_on=starts, target_on=starts + relativedelta(years=1)
    )
    measure(measured, 0, 100)
    client = client_as(_funder())
    url = reverse("measurement:indicator_list")
    on_track = client.get(url, {"status": "on_track"}).content.decode()
    assert "נמדד" in on_track and "ללא נתונים" not in on_track
    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()
    assert first.count("ללא נתונים") + second.count("ללא נתונים") == 3


def test_the_list_keeps_its_queries_bounded(django_assert_max_num_queries: Any) -> None:
    for _ in range(6):
        indicator, _parties = shared_indicator(parties=2)
        measure(indicator, 0, 5, party=_parties[0])
    client = client_as(_funder())
    client.get(reverse("measurement:indicator_list"))
    with django_assert_max_num_queries(20):
        client.get(reverse("measurement:indicator_list"))


def test_the_indicator_page_shows_missing_periods_as_missing() -> None:
    indicator = owned_indicator(name="שיעור השמה", target_on=datetime.date(2021, 12, 31))
    measure(indicator, 0, 30, evidence_link="https://data.example.org/q1")
    measure(indicator, 2, 55)
    response = client_as(indicator.owner).get(f"/en{_detail(indicator)}")
    body = response.content.decode()
    assert response.status_code == 200
    assert "שיעור השמה" in body
    assert "<svg" in body and "<table" in body
    assert body.count('class="missing"') >= 1  # Q2 (01/04–30/06/2021) is missing
    assert "01/04/2021" in body
    assert "https://data.example.org/q1" in body
    assert _measure_url(indicator) in body  # the owner may enter one


def test_a_shared_indicator_shows_each_party_and_the_total() -> None:
    indicator, (first, second) = shared_indicator(name="מדד משותף")
    measure(indicator, 0, 40, party=first)
    measure(indicator, 0, 2, party=second)
    measure(indicator, 1, 7, party=first)
    body = client_as(_funder()).get(f"/en{_detail(indicator)}").content.decode()
    assert str(first.actor) in body and str(second.actor) in body
    assert "<strong>42</strong>" in body  # Q1's total, every party reported
    assert "1 of 2" in body  # Q2 is partial


def test_the_indicator_page_is_404_for_who_may_not_see_it() -> None:
    indicator = _draft_indicator()
    assert client_as(UserFactory()).get(_detail(indicator)).status_code == 404
    assert client_as(None).get(_detail(indicator)).status_code == 404
    assert client_as(_funder()).get(_detail(indicator)).status_code == 200


def test_the_owner_enters_a_measurement_with_a_file() -> None:
    indicator = owned_indicator()
    client = client_as(indicator.owner)
    assert client.get(_measure_url(indicator)).status_code == 200
    response = client.post(
        _measure_url(indicator),
        {
            "period": "2021-04-01",
            "value": "48",
            "note": "",
            "evidence_link": "",
            "evidence_file": upload("report.pdf"),
        },
    )
    assert response.status_code == 302
    measurement = Measurement.objects.get()
    assert measurement.value == 48 and measurement.evidence_file
    download = client.get(reverse("measurement:indicator_evidence", args=[measurement.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    assert client_as(UserFactory()).get(
        reverse("measurement:indicator_evidence", args=[measurement.pk])
    ).status_code in (200, 404)


def test_evidence_of_a_hidden_indicator_is_404() -> None:
    indicator = _draft_indicator(owner=UserFactory())
    measurement = measure(indicator, 0, 5, evidence_file=upload("a.pdf"))
    url = reverse("measurement:indicator_evidence", args=[measurement.pk])
    assert client_as(UserFactory()).get(url).status_code == 404
    assert client_as(indicator.owner).get(url).status_code == 200


def test_a_failed_submit_keeps_the_typed_values() -> None:
    indicator = owned_indicator()
    response = client_as(indicator.owner).post(
        _measure_url(indicator),
        {
            "period": "2021-04-01",
            "value": "48.5",
            "note": "הערה שנכתבה",
            "evidence_link": "",
            "evidence_file": upload("report.pdf", EXE_BYTES),
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'value="48.5"' in body and "הערה שנכתבה" in body
    assert not Measurement.objects.exists()


def test_without_evidence_the_form_says_so() -> None:
    indicator = owned_indicator()
    response = client_as(indicator.owner).post(
        f"/en{_measure_url(indicator)}", {"period": "2021-04-01", "value": "3"}
    )
    assert response.status_code == 400
    assert "at least one piece of evidence" in response.content.decode()


def test_others_may_not_enter_measurements() -> None:
    indicator = owned_indicator()
    assert client_as(UserFactory()).get(_measure_url(indicator)).status_code == 403
    assert client_as(_funder()).post(_measure_url(indicator), {}).status_code == 403
    anonymous = client_as(None).get(_measure_url(indicator))
    assert anonymous.status_code == 302


def test_a_reporter_enters_for_their_party_only() -> None:
    indicator, (first, second) = shared_indicator()
    client = client_as(first.reporter)
    page = client.get(_measure_url(indicator)).content.decode()
    assert str(first.actor) in page and str(second.actor) not in page
    refused = client.post(
        _measure_url(indicator),
        {"period": "2021-01-01", "party": second.pk, "value": "1", "note": "x"},
    )
    assert refused.status_code == 400
    assert not Measurement.objects.exists()
    made = client.post(
        _measure_url(indicator),
        {"period": "2021-01-01", "party": first.pk, "value": "1", "note": "x"},
    )
    assert made.status_code == 302
    assert Measurement.objects.get().party == first


def test_correcting_a_measurement() -> None:
    indicator = owned_indicator()
    measurement = measure(indicator, 0, 5, reported_by=indicator.owner)
    url = reverse("measurement:indicator_measurement_edit", args=[measurement.pk])
    client = client_as(indicator.owner)
    assert client.get(url).status_code == 200
    response = client.post(url, {"value": "6", "note": "תוקן", "evidence_link": ""})
    assert response.status_code == 302
    measurement.refresh_from_db()
    assert measurement.value == 6 and measurement.reported_by == indicator.owner
    assert client_as(UserFactory()).post(url, {"value": "1"}).status_code in (403, 404)
    delete = reverse("measurement:indicator_measurement_delete", args=[measurement.pk])
    assert client.post(delete).status_code == 302
    assert not Measurement.objects.exists()


def test_community_indicators_are_read_by_members_only() -> None:
    community = CommunityFactory()
    indicator = IndicatorFactory(programme=None, community=community)
    assert client_as(UserFactory()).get(_detail(indicator)).status_code == 404
    manager = UserFactory()
    RoleAssignmentFactory(user=manager, role=Role.COMMUNITY_MANAGER, community=community)
    assert client_as(manager).get(_detail(indicator)).status_code == 200


def test_a_community_manager_defines_and_edits_an_indicator() -> None:
    community = CommunityFactory()
    manager = UserFactory()
    RoleAssignmentFactory(user=manager, role=Role.COMMUNITY_MANAGER, community=community)
    client = client_as(manager)
    url = reverse("measurement:indicator_create")
    assert client.get(url).status_code == 200
    data = {
        "name": "מספר מיזמים",
        "unit": "מיזמים",
        "baseline": "10",
        "target": "40",
        "target_on": "2021-12-31",
        "direction": "up",
        "frequency": "quarterly",
        "starts_on": "2021-01-01",
        "owner_email": manager.email,
        "community": community.pk,
    }
    refused = client.post(url, {**data, "target": "5"})
    assert refused.status_code == 400
    assert 'value="מספר מיזמים"' in refused.content.decode()
    response = client.post(url, data)
    assert response.status_code == 302
    from kaveret.measurement.models import Indicator

    indicator = Indicator.objects.get(name="מספר מיזמים")
    assert indicator.owner == manager and indicator.community == community
    edit = reverse("measurement:indicator_edit", args=[indicator.pk])
    assert client.get(edit).status_code == 200
    assert client.post(edit, {**data, "target": "60"}).status_code == 302
    indicator.refresh_from_db()
    assert indicator.target == 60
    other = UserFactory()
    assert client_as(other).get(url).status_code == 403
    assert client_as(other).get(edit).status_code == 404
    assert client_as(_funder()).get(edit).status_code == 403


def test_evidence_and_its_reporter_are_only_for_editors_reporters_funders_and_admins() -> None:
    indicator = owned_indicator()
    measurement = measure(
        indicator,
        0,
        31,
        note="הערה פנימית",
        evidence_link="https://data.example.org/secret",
        evidence_file=upload("a.pdf"),
    )
    url = reverse("measurement:indicator_evidence", args=[measurement.pk])
    for outsider in (None, UserFactory()):
        client = client_as(outsider)
        body = client.get(f"/en{_detail(indicator)}").content.decode()
        assert ">31<" in body  # the value stays
        assert "הערה פנימית" not in body and "data.example.org/secret" not in body
        assert url not in body
        assert client.get(url).status_code == 404
    for insider in (indicator.owner, _funder(), UserFactory(is_staff=True, is_superuser=True)):
        client = client_as(insider)
        body = client.get(f"/en{_detail(indicator)}").content.decode()
        assert "הערה פנימית" in body and "data.example.org/secret" in body
        assert client.get(url).status_code == 200


def _list_queries(client: Any, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_list_queries_do_not_grow_with_the_indicators(settings: Any) -> None:
    settings.KAVERET_PAGE_SIZE = 5
    community = CommunityFactory()
    staff = RoleAssignmentFactory(role=Role.COMMUNITY_MANAGER, community=community).user
    hidden = IndicatorFactory(programme=None, community=CommunityFactory(), name="מוסתר")
    for _ in range(3):
        IndicatorFactory(programme=None, community=community)
        owned_indicator()
    url = reverse("measurement:indicator_list")
    api = "/api/v1/indicators"
    client = client_as(staff)
    before = (_list_queries(client, url), _list_queries(client, api))
    for _ in range(15):
        measure(IndicatorFactory(programme=None, community=community), 0, 5)
        owned_indicator()
    assert (_list_queries(client, url), _list_queries(client, api)) == before
    body = client.get(f"{api}?limit=100").json()
    assert body["count"] == 36 and hidden.pk not in [item["id"] for item in body["items"]]
    assert "מוסתר" not in client_as(UserFactory()).get(url).content.decode()


def _indicator_csv(client: Any, indicator: Any) -> list[list[str]]:
    import csv
    import io

    response = client.get(f"/en/measurement/indicators/{indicator.pk}/data.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_chart_figures_download_as_csv_with_evidence_only_for_insiders() -> None:
    indicator = owned_indicator(target_on=datetime.date(2021, 12, 31))
    measure(indicator, 0, 30, note="הערה פנימית")
    measure(indicator, 2, 55)
    outsider = _indicator_csv(client_as(None), indicator)
    assert outsider[0] == ["Period", "Value", "Expected"]
    assert outsider[1][1] == "30" and outsider[2][1] == "missing" and outsider[3][1] == "55"
    assert "הערה פנימית" not in str(outsider)
    owner = _indicator_csv(client_as(indicator.owner), indicator)
    assert owner[0] == ["Period", "Value", "Evidence", "Expected"]
    assert "הערה פנימית" in owner[1][2]
    hidden = _draft_indicator()
    url = f"/en/measurement/indicators/{hidden.pk}/data.csv"
    assert client_as(UserFactory()).get(url).status_code == 404


def test_a_shared_indicator_csv_marks_a_partial_total() -> None:
    indicator, (first, second) = shared_indicator()
    measure(indicator, 0, 40, party=first)
    measure(indicator, 0, 2, party=second)
    measure(indicator, 1, 7, party=first)
    rows = _indicator_csv(client_as(_funder()), indicator)
    assert rows[0][1:3] == [str(first.actor), str(second.actor)]
    assert rows[1][3] == "42"
    assert rows[2][3] == "7 (partial: 1 of 2 parties)"
