"""Success conditions, the risk register, indicators and measurements, decisions."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from kaveret.core.errors import DomainError
from kaveret.partnerships import running_selectors as selectors
from kaveret.partnerships import running_services as services
from kaveret.partnerships.models import (
    ConditionKey,
    ConditionStatus,
    PilotMeasurement,
    Risk,
    RiskKey,
    RiskStatus,
    SuccessCondition,
)
from kaveret.testing.partnerships_factories import community_manager, entrepreneur
from kaveret.testing.partnerships_running_factories import (
    PilotIndicatorFactory,
    PilotMeasurementFactory,
    RiskFactory,
    make_partnership,
)

pytestmark = pytest.mark.django_db


def test_a_condition_is_met_only_with_evidence() -> None:
    partnership = make_partnership()
    manager = community_manager(partnership.community)

    with pytest.raises(DomainError) as error:
        services.condition_update(
            by=manager,
            partnership=partnership,
            key=ConditionKey.ORGANISATIONAL_LEAD,
            status=ConditionStatus.MET,
            evidence="  ",
        )
    assert "evidence" in error.value.error_dict

    services.condition_update(
        by=manager,
        partnership=partnership,
        key=ConditionKey.ORGANISATIONAL_LEAD,
        status=ConditionStatus.MET,
        evidence="פרופ' מנדלוביץ מוביל את הפיילוט בבית החולים",
    )
    assert selectors.running_summary(partnership).conditions_met == 1


def test_the_checklist_always_has_the_nine_conditions_in_order() -> None:
    partnership = make_partnership()
    SuccessCondition.objects.create(
        partnership=partnership, key=ConditionKey.CONTINUITY, status=ConditionStatus.PARTLY
    )

    rows = selectors.conditions_checklist(partnership)

    assert [row.key for row in rows] == list(ConditionKey.values)
    assert rows[-1].status == ConditionStatus.PARTLY
    assert rows[0].status == ConditionStatus.NOT_MET


def test_an_unknown_condition_or_status_is_refused() -> None:
    partnership = make_partnership()
    manager = community_manager(partnership.community)

    with pytest.raises(DomainError):
        services.condition_update(
            by=manager, partnership=partnership, key="nope", status="met", evidence="x"
        )
    with pytest.raises(DomainError):
        services.condition_update(
            by=manager,
            partnership=partnership,
            key=ConditionKey.CONTINUITY,
            status="done",
            evidence="x",
        )


def test_the_condition_page_keeps_what_was_typed_when_evidence_is_missing(client: Client) -> None:
    partnership = make_partnership()
    client.force_login(community_manager(partnership.community))
    url = f"/partnerships/{partnership.pk}/running/conditions/{ConditionKey.EARLY_LEGAL}/"

    refused = client.post(url, {"status": "met", "evidence": ""})
    saved = client.post(url, {"status": "partly", "evidence": "טיוטת הסכם"})

    assert refused.status_code == 400
    assert saved.status_code == 302
    condition = SuccessCondition.objects.get(partnership=partnership, key=ConditionKey.EARLY_LEGAL)
    assert (condition.status, condition.evidence) == ("partly", "טיוטת הסכם")


def test_the_api_patches_a_condition(client: Client) -> None:
    partnership = make_partnership()
    client.force_login(entrepreneur(partnership.venture))
    url = f"/api/v1/partnerships/{partnership.pk}/conditions/{ConditionKey.MEASUREMENT}"

    refused = client.patch(url, json.dumps({"status": "met"}), content_type="application/json")
    done = client.patch(
        url,
        json.dumps({"status": "met", "evidence": "סט מדדים מוסכם"}),
        content_type="application/json",
    )

    assert refused.status_code == 422
    assert done.status_code == 200
    assert done.json()["status"] == "met"
    listed = client.get(f"/api/v1/partnerships/{partnership.pk}/conditions").json()
    assert len(listed) == 9


def test_a_custom_risk_needs_a_title() -> None:
    partnership = make_partnership()
    manager = community_manager(partnership.community)

    with pytest.raises(DomainError) as error:
        services.risk_add(by=manager, partnership=partnership, values={"key": RiskKey.OTHER})
    assert "title" in error.value.error_dict

    risk = services.risk_add(
        by=manager,
        partnership=partnership,
        values={"key": RiskKey.OTHER, "title": "עומס על המטפלים", "likelihood": 3, "impact": 3},
    )
    assert str(risk) == "עומס על המטפלים"
    assert selectors.heat(risk) == "high"


def test_likelihood_and_impact_must_be_low_medium_or_high() -> None:
    partnership = make_partnership()

    with pytest.raises(DomainError) as error:
        services.risk_add(
            by=community_manager(partnership.community),
            partnership=partnership,
            values={"key": RiskKey.PACE_GAPS, "likelihood": 7, "impact": 0},
        )

    assert {"likelihood", "impact"} <= set(error.value.error_dict)


def test_closing_a_risk_keeps_it_but_not_as_open(client: Client) -> None:
    risk = RiskFactory()
    partnership = risk.partnership
    client.force_login(community_manager(partnership.community))

    response = client.post(f"/partnerships/{partnership.pk}/running/risks/{risk.pk}/close/")

    assert response.status_code == 302
    risk.refresh_from_db()
    assert risk.status == RiskStatus.CLOSED
    assert selectors.running_summary(partnership).open_risks == 0


def test_the_api_creates_edits_and_deletes_risks(client: Client) -> None:
    partnership = make_partnership()
    client.force_login(entrepreneur(partnership.venture))
    base = f"/api/v1/partnerships/{partnership.pk}/risks"

    created = client.post(
        base,
        json.dumps({"key": "ip_exclusivity", "likelihood": 2, "impact": 3, "owner": "היזם"}),
        content_type="application/json",
    )
    risk_id = created.json()["id"]
    patched = client.patch(
        f"{base}/{risk_id}", json.dumps({"status": "mitigating"}), content_type="application/json"
    )
    missing_title = client.post(base, json.dumps({"key": "other"}), content_type="application/json")
    deleted = client.delete(f"{base}/{risk_id}")

    assert created.status_code == 201
    assert created.json()["heat"] == "high"
    assert patched.json()["status"] == "mitigating"
    assert missing_title.status_code == 422
    assert deleted.status_code == 204
    assert not Risk.objects.filter(pk=risk_id).exists()


def test_one_measurement_per_day() -> None:
    indicator = PilotIndicatorFactory()
    manager = community_manager(indicator.partnership.community)
    day = datetime.date(2026, 2, 1)

    services.measurement_record(by=manager, indicator=indicator, measured_on=day, value="12.5")
    with pytest.raises(DomainError) as error:
        services.measurement_record(by=manager, indicator=indicator, measured_on=day, value="13")

    assert "measured_on" in error.value.error_dict
    assert PilotMeasurement.objects.filter(indicator_id=indicator.pk).count() == 1


def test_a_measurement_needs_a_value_and_a_past_date() -> None:
    indicator = PilotIndicatorFactory()
    manager = community_manager(indicator.partnership.community)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    with pytest.raises(DomainError) as error:
        services.measurement_record(by=manager, indicator=indicator, measured_on=tomorrow, value="")

    assert {"measured_on", "value"} <= set(error.value.error_dict)


def test_a_missing_measurement_is_not_zero(client: Client) -> None:
    indicator = PilotIndicatorFactory()
    partnership = indicator.partnership
    client.force_login(community_manager(partnership.community))

    listed = client.get(f"/api/v1/partnerships/{partnership.pk}/indicators").json()
    page = client.get(f"/en/partnerships/{partnership.pk}/running/").content.decode()

    assert listed[0]["latest"] is None
    assert listed[0]["measurements"] == []
    assert "Not measured yet." in page


def test_measurements_are_listed_oldest_first_with_a_trend(client: Client) -> None:
    indicator = PilotIndicatorFactory()
    PilotMeasurementFactory(
        indicator=indicator, measured_on=datetime.date(2026, 3, 1), value=Decimal("30")
    )
    PilotMeasurementFactory(
        indicator=indicator, measured_on=datetime.date(2026, 1, 1), value=Decimal("12")
    )
    partnership = indicator.partnership
    client.force_login(community_manager(partnership.community))

    listed = client.get(f"/api/v1/partnerships/{partnership.pk}/indicators").json()
    page = client.get(f"/partnerships/{partnership.pk}/running/").content.decode()

    assert [m["value"] for m in listed[0]["measurements"]] == ["12.00", "30.00"]
    assert listed[0]["latest"] == "30.00"
    assert 'class="sparkline"' in page


def test_the_api_records_a_measurement_and_refuses_a_second_on_the_same_day(
    client: Client,
) -> None:
    indicator = PilotIndicatorFactory()
    partnership = indicator.partnership
    client.force_login(entrepreneur(partnership.venture))
    url = f"/api/v1/partnerships/{partnership.pk}/indicators/{indicator.pk}/measurements"
    body = json.dumps({"measured_on": "2026-01-05", "value": "17", "note": "דוח חודשי"})

    first = client.post(url, body, content_type="application/json")
    second = client.post(url, body, content_type="application/json")

    assert first.status_code == 201
    assert second.status_code == 422


def test_decisions_are_logged_latest_first(client: Client) -> None:
    partnership = make_partnership()
    client.force_login(community_manager(partnership.community))
    url = f"/partnerships/{partnership.pk}/running/decisions/new/"

    client.post(url, {"decided_on": "2026-01-10", "text": "להתחיל בסניף אחד"})
    client.post(url, {"decided_on": "2026-02-10", "text": "להרחיב לשני סניפים"})
    empty = client.post(url, {"decided_on": "2026-02-11", "text": ""})

    assert empty.status_code == 400
    texts = [decision.text for decision in selectors.decisions(partnership)]
    assert texts == ["להרחיב לשני סניפים", "להתחיל בסניף אחד"]


def test_the_trend_line_spaces_points_by_date_and_reads_in_the_page_direction() -> None:
    from kaveret.partnerships.running_views import SPARK_WIDTH, sparkline

    indicator = PilotIndicatorFactory()
    for day, value in ((0, "10"), (10, "20"), (40, "30")):
        PilotMeasurementFactory(
            indicator=indicator,
            measured_on=datetime.date(2026, 1, 1) + datetime.timedelta(days=day),
            value=Decimal(value),
        )

    left_to_right = [float(point.split(",")[0]) for point in sparkline(indicator).split()]
    right_to_left = [float(point.split(",")[0]) for point in sparkline(indicator, rtl=True).split()]

    # Day 10 of 40 sits a quarter of the way along: the untested days are a gap, not zeros.
    assert left_to_right[1] == pytest.approx(2 + (SPARK_WIDTH - 4) / 4, abs=0.1)
    assert right_to_left == [pytest.approx(SPARK_WIDTH - x, abs=0.1) for x in left_to_right]
