"""The private feedback link: no account, refused when wrong or expired, rate-limited;
answers only by the venture's side and staff."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, override_settings
from django.utils import timezone

from kaveret.core.errors import DomainError
from kaveret.partnerships import running_services as services
from kaveret.partnerships.models import Feedback, FeedbackRole, Partnership, Stage
from kaveret.testing.partnerships_factories import (
    community_manager,
    entrepreneur,
    organisation_representative,
)
from kaveret.testing.partnerships_running_factories import FeedbackFactory
from kaveret.testing.partnerships_running_factories import make_partnership as _make

pytestmark = pytest.mark.django_db


def make_partnership(**kwargs: object) -> Partnership:
    """A partnership whose pilot is launched: the link takes feedback from step 06 on."""
    kwargs.setdefault("stage", Stage.LAUNCH)
    return _make(**kwargs)


FEEDBACK = {"role": FeedbackRole.USER, "rating": "4", "text": "המערכת נוחה ועוזרת לי."}


def _form_url(partnership: Partnership, language: str = "") -> str:
    prefix = f"/{language}" if language else ""
    return f"{prefix}/partnerships/feedback/{partnership.feedback_token}/"


def test_a_visitor_without_an_account_leaves_feedback_and_is_thanked(client: Client) -> None:
    partnership = make_partnership()

    form = client.get(_form_url(partnership, "en"))
    response = client.post(_form_url(partnership, "en"), FEEDBACK)

    assert form.status_code == 200
    assert partnership.title in form.content.decode()
    assert 'name="email"' not in form.content.decode()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/feedback/{partnership.feedback_token}/thanks/")
    thanks = client.get(response["Location"])
    assert "Thank you for your feedback" in thanks.content.decode()
    stored = Feedback.objects.get(partnership=partnership)
    assert (stored.role, stored.rating, stored.text) == ("user", 4, FEEDBACK["text"])


@pytest.mark.parametrize("language", ["", "en", "ar"])
def test_the_form_opens_in_every_language(client: Client, language: str) -> None:
    partnership = make_partnership()

    response = client.get(_form_url(partnership, language))

    assert response.status_code == 200
    assert f'lang="{language or "he"}"' in response.content.decode()


def test_a_wrong_link_is_404_with_a_clear_message_and_stores_nothing(client: Client) -> None:
    make_partnership()

    response = client.post("/en/partnerships/feedback/not-a-real-link/", FEEDBACK)

    assert response.status_code == 404
    assert "This feedback link is not valid" in response.content.decode()
    assert Feedback.objects.count() == 0


def test_an_expired_link_is_410_with_a_clear_message_and_stores_nothing(client: Client) -> None:
    partnership = make_partnership(
        feedback_token_expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    page = client.get(_form_url(partnership, "en"))
    response = client.post(_form_url(partnership, "en"), FEEDBACK)

    assert page.status_code == 410
    assert response.status_code == 410
    assert "This feedback link has expired" in response.content.decode()
    assert Feedback.objects.count() == 0


def test_a_link_before_its_expiry_still_works(client: Client) -> None:
    partnership = make_partnership(
        feedback_token_expires_at=timezone.now() + datetime.timedelta(days=1)
    )

    response = client.post(_form_url(partnership), FEEDBACK)

    assert response.status_code == 302
    assert Feedback.objects.filter(partnership=partnership).count() == 1


@override_settings(KAVERET_FEEDBACK_RATES=("5/m", "50/d"))
def test_the_sixth_submission_in_a_minute_is_429_and_not_stored(client: Client) -> None:
    partnership = make_partnership()

    statuses = [client.post(_form_url(partnership, "en"), FEEDBACK).status_code for _ in range(6)]

    assert statuses == [302] * 5 + [429]
    assert Feedback.objects.filter(partnership=partnership).count() == 5
    limited = client.post(_form_url(partnership, "en"), FEEDBACK)
    assert "Too much feedback at once" in limited.content.decode()


@override_settings(KAVERET_FEEDBACK_RATES=("3/m",))
def test_one_link_is_limited_even_from_many_addresses(client: Client) -> None:
    partnership = make_partnership()

    statuses = [
        client.post(_form_url(partnership), FEEDBACK, REMOTE_ADDR=f"10.0.0.{n}").status_code
        for n in range(1, 5)
    ]

    assert statuses == [302, 302, 302, 429]
    assert Feedback.objects.filter(partnership=partnership).count() == 3


@override_settings(KAVERET_FEEDBACK_RATES=("2/m",))
def test_the_api_link_is_rate_limited_too(client: Client) -> None:
    partnership = make_partnership()
    body = json.dumps({"role": "staff", "rating": 5, "text": "מצוין"})
    url = f"/api/v1/feedback/{partnership.feedback_token}"

    statuses = [
        client.post(url, body, content_type="application/json").status_code for _ in range(3)
    ]

    assert statuses == [201, 201, 429]
    assert Feedback.objects.filter(partnership=partnership).count() == 2


def test_the_api_refuses_a_wrong_and_an_expired_link(client: Client) -> None:
    expired = make_partnership(feedback_token_expires_at=timezone.now())
    body = json.dumps({"role": "staff", "rating": 5, "text": "מצוין"})

    wrong = client.post("/api/v1/feedback/nope", body, content_type="application/json")
    old = client.post(
        f"/api/v1/feedback/{expired.feedback_token}", body, content_type="application/json"
    )

    assert wrong.status_code == 404
    assert old.status_code == 410
    assert Feedback.objects.count() == 0


def test_html_is_stripped_from_feedback() -> None:
    partnership = make_partnership()

    feedback = services.submit_feedback(
        partnership_token=partnership.feedback_token,
        role="staff",
        rating=3,
        text="<script>alert(1)</script><b>טוב</b> מאוד",
    )

    assert "<" not in feedback.text
    assert "טוב מאוד" in feedback.text


@pytest.mark.parametrize(
    ("rating", "text", "field"),
    [(0, "טקסט", "rating"), (6, "טקסט", "rating"), (3, "   ", "text"), (3, "א" * 2001, "text")],
)
def test_invalid_feedback_is_refused(rating: int, text: str, field: str) -> None:
    partnership = make_partnership()

    with pytest.raises(DomainError) as error:
        services.submit_feedback(
            partnership_token=partnership.feedback_token, role="user", rating=rating, text=text
        )

    assert field in error.value.error_dict
    assert Feedback.objects.count() == 0


def test_a_failed_submit_keeps_what_was_typed(client: Client) -> None:
    partnership = make_partnership()

    response = client.post(_form_url(partnership), {"role": "user", "text": "נשאר כאן"})

    assert response.status_code == 400
    assert "נשאר כאן" in response.content.decode()


def test_a_new_link_retires_the_old_one(client: Client) -> None:
    partnership = make_partnership()
    manager = community_manager(partnership.community)
    old = partnership.feedback_token
    client.force_login(manager)

    client.post(f"/partnerships/{partnership.pk}/running/feedback-link/", {"action": "regenerate"})

    partnership.refresh_from_db()
    assert partnership.feedback_token != old
    assert client.get(f"/partnerships/feedback/{old}/").status_code == 404
    assert client.get(_form_url(partnership)).status_code == 200


def test_staff_set_and_clear_the_expiry(client: Client) -> None:
    partnership = make_partnership()
    client.force_login(community_manager(partnership.community))
    url = f"/partnerships/{partnership.pk}/running/feedback-link/"
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    client.post(url, {"expires_on": tomorrow.isoformat()})
    partnership.refresh_from_db()
    assert timezone.localtime(partnership.feedback_token_expires_at).date() == tomorrow

    client.post(url, {"expires_on": ""})
    partnership.refresh_from_db()
    assert partnership.feedback_token_expires_at is None


def test_an_expiry_in_the_past_is_refused() -> None:
    partnership = make_partnership()

    with pytest.raises(DomainError):
        services.feedback_link_set_expiry(
            by=community_manager(partnership.community),
            partnership=partnership,
            expires_at=timezone.now() - datetime.timedelta(hours=1),
        )


def test_the_entrepreneur_answers_and_records_the_change() -> None:
    feedback = FeedbackFactory()
    founder = entrepreneur(feedback.partnership.venture)

    answered = services.feedback_answer(
        by=founder, feedback=feedback, response="תודה, תיקנו.", change_made="כפתור גדול יותר"
    )

    assert answered.response == "תודה, תיקנו."
    assert answered.change_made == "כפתור גדול יותר"
    assert answered.responded_by == founder
    assert answered.responded_at is not None


def test_the_organisation_side_may_not_answer_for_the_venture() -> None:
    feedback = FeedbackFactory()
    representative = organisation_representative(feedback.partnership.organisation)

    with pytest.raises(PermissionDenied):
        services.feedback_answer(by=representative, feedback=feedback, response="x", change_made="")


def test_the_answer_page_is_404_for_the_organisation_side_and_works_for_staff(
    client: Client,
) -> None:
    feedback = FeedbackFactory()
    partnership = feedback.partnership
    url = f"/partnerships/{partnership.pk}/running/feedback/{feedback.pk}/answer/"

    client.force_login(organisation_representative(partnership.organisation))
    refused = client.post(url, {"response": "לא שלי"})
    client.force_login(community_manager(partnership.community))
    answered = client.post(url, {"response": "נבדק", "change_made": ""})

    assert refused.status_code == 404
    assert answered.status_code == 302
    feedback.refresh_from_db()
    assert feedback.response == "נבדק"


def test_the_api_answer_is_refused_to_the_organisation_side(client: Client) -> None:
    feedback = FeedbackFactory()
    partnership = feedback.partnership
    client.force_login(organisation_representative(partnership.organisation))

    response = client.post(
        f"/api/v1/partnerships/{partnership.pk}/feedback/{feedback.pk}/answer",
        json.dumps({"response": "x"}),
        content_type="application/json",
    )

    assert response.status_code == 403
    feedback.refresh_from_db()
    assert feedback.response == ""


def test_the_feedback_log_and_chart_table_show_months_and_averages(client: Client) -> None:
    partnership = make_partnership()
    FeedbackFactory(partnership=partnership, rating=2, text="קשה להתחבר")
    FeedbackFactory(partnership=partnership, rating=4)
    client.force_login(community_manager(partnership.community))

    response = client.get(f"/en/partnerships/{partnership.pk}/running/")
    body = response.content.decode()

    assert response.status_code == 200
    assert "קשה להתחבר" in body
    assert "<svg" in body and "Feedback per month" in body
    assert "<td>2</td><td>3.0</td>" in body


def test_the_api_lists_feedback_with_its_average(client: Client) -> None:
    partnership = make_partnership()
    FeedbackFactory(partnership=partnership, rating=5)
    FeedbackFactory(partnership=partnership, rating=2)
    client.force_login(entrepreneur(partnership.venture))

    response = client.get(f"/api/v1/partnerships/{partnership.pk}/feedback")

    assert response.status_code == 200
    assert response.json()["count"] == 2
    assert response.json()["average"] == 3.5


@pytest.mark.parametrize("stage", [Stage.IDENTIFY, Stage.CHOOSE, Stage.DEFINE])
def test_the_link_is_not_open_before_the_launch(client: Client, stage: str) -> None:
    partnership = make_partnership(stage=stage)

    page = client.get(_form_url(partnership, "en"))
    posted = client.post(_form_url(partnership, "en"), FEEDBACK)
    api = client.post(
        f"/api/v1/feedback/{partnership.feedback_token}",
        json.dumps(FEEDBACK),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert (page.status_code, posted.status_code, api.status_code) == (404, 404, 404)
    assert "not open yet" in page.content.decode()
    assert Feedback.objects.count() == 0


def test_the_link_is_gone_once_the_partnership_ended(client: Client) -> None:
    partnership = make_partnership(stage=Stage.ENDED)

    page = client.get(_form_url(partnership, "en"))
    api = client.post(
        f"/api/v1/feedback/{partnership.feedback_token}",
        json.dumps(FEEDBACK),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert (page.status_code, api.status_code) == (410, 410)
    assert "has ended" in page.content.decode()
    assert Feedback.objects.count() == 0
    with pytest.raises(services.FeedbackLinkError):
        services.submit_feedback(
            partnership_token=partnership.feedback_token, role="user", rating=4, text="x"
        )


def test_launching_sets_the_expiry_to_30_days_after_the_pilot_plan() -> None:
    from kaveret.partnerships.models import PilotPlan
    from kaveret.partnerships.services import move_stage
    from kaveret.testing.partnerships_factories import platform_admin

    partnership = make_partnership(stage=Stage.DEFINE)
    ends = timezone.localdate() + datetime.timedelta(days=90)
    PilotPlan.objects.create(partnership=partnership, ends_on=ends)
    move_stage(partnership, Stage.LAUNCH, user=platform_admin(), override_reason="בדיקה")

    partnership.refresh_from_db()
    until = timezone.localtime(partnership.feedback_token_expires_at)
    assert until.date() == ends + datetime.timedelta(days=31)
    assert (until.hour, until.minute) == (0, 0)


def test_launching_without_a_plan_end_gives_the_link_a_year() -> None:
    from kaveret.partnerships.services import move_stage
    from kaveret.testing.partnerships_factories import platform_admin

    partnership = make_partnership(stage=Stage.DEFINE)
    move_stage(partnership, Stage.LAUNCH, user=platform_admin(), override_reason="בדיקה")

    partnership.refresh_from_db()
    assert partnership.feedback_token_expires_at is not None
    left = partnership.feedback_token_expires_at - timezone.now()
    assert datetime.timedelta(days=364) < left <= datetime.timedelta(days=365)


def test_launching_keeps_an_expiry_already_set() -> None:
    from kaveret.partnerships.services import move_stage
    from kaveret.testing.partnerships_factories import platform_admin

    chosen = timezone.now() + datetime.timedelta(days=10)
    partnership = make_partnership(stage=Stage.DEFINE, feedback_token_expires_at=chosen)
    move_stage(partnership, Stage.LAUNCH, user=platform_admin(), override_reason="בדיקה")

    partnership.refresh_from_db()
    assert partnership.feedback_token_expires_at == chosen
