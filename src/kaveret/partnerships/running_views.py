"""Pages for running a partnership, and the public feedback form of its private link.

Thin: look the partnership up through ``rules`` (what a user may not see is 404), call
``running_services`` and ``running_selectors``, render. The public form is rate-limited
per address and per link (``KAVERET_FEEDBACK_RATES``, default 5 a minute and 50 a day).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited

from kaveret.core.errors import DomainError
from kaveret.ecosystem.forms import attach_domain_error

from . import rules
from . import running_selectors as selectors
from . import running_services as services
from .models import ConditionKey, Feedback, Partnership, PilotIndicator, Risk
from .running_forms import (
    AnswerForm,
    ConditionForm,
    ContinuityForm,
    DecisionForm,
    FeedbackForm,
    FeedbackLinkExpiryForm,
    IndicatorForm,
    MeasurementForm,
    OutcomeForm,
    RiskForm,
)

DEFAULT_FEEDBACK_RATES = ("5/m", "50/d")
FEEDBACK_ON_PAGE = 10
CHART_WIDTH = 520
CHART_HEIGHT = 160
SPARK_WIDTH = 160
SPARK_HEIGHT = 36


# Looking partnerships up


def _viewable(request: HttpRequest, pk: int) -> Partnership:
    partnership = rules.get_partnership_for_user_or_404(request.user, pk)
    if not rules.can_view_partnership(request.user, partnership):
        raise Http404
    return partnership


def _editable(request: HttpRequest, pk: int) -> Partnership:
    partnership = _viewable(request, pk)
    if not rules.can_edit_partnership(request.user, partnership):
        raise Http404
    return partnership


def _running_url(partnership: Partnership, anchor: str = "") -> str:
    url = reverse("partnerships:running_page", args=[partnership.pk])
    return f"{url}#{anchor}" if anchor else url


# Charts


@dataclass
class Column:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float


def feedback_chart(months: list[selectors.FeedbackMonth], *, rtl: bool) -> dict[str, Any]:
    """Columns of feedback per month, time running in the reading direction."""
    plot = CHART_HEIGHT - 20
    largest = max((month.count for month in months), default=0) or 1
    slot = min(CHART_WIDTH / max(len(months), 1), 48)
    columns = []
    for position, month in enumerate(months):
        start = CHART_WIDTH - (position + 1) * slot if rtl else position * slot
        height = plot * month.count / largest
        columns.append(
            Column(
                month.month.strftime("%m/%y"),
                month.count,
                start + slot * 0.15,
                plot - height,
                slot * 0.7,
                height,
            )
        )
    return {"columns": columns, "width": CHART_WIDTH, "height": CHART_HEIGHT, "plot": plot}


def sparkline(indicator: PilotIndicator, *, rtl: bool = False) -> str:
    """SVG polyline points of the indicator's measurements, spaced by date, time running in
    the reading direction.

    Only measured days have points: a missing day is a gap in time, never a zero.
    """
    measurements = list(indicator.measurements.all())
    if len(measurements) < 2:
        return ""
    first, last = measurements[0].measured_on, measurements[-1].measured_on
    days = max((last - first).days, 1)
    values = [float(m.value) for m in measurements]
    low, high = min(values), max(values)
    spread = (high - low) or 1.0
    points = []
    for measurement, value in zip(measurements, values, strict=True):
        x = 2 + (SPARK_WIDTH - 4) * (measurement.measured_on - first).days / days
        if rtl:
            x = SPARK_WIDTH - x
        y = SPARK_HEIGHT - 2 - (SPARK_HEIGHT - 4) * (value - low) / spread
        points.append(f"{x:.1f},{y:.1f}")
    return " ".join(points)


# The running page


def running_page(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _viewable(request, pk)
    user = request.user
    months = selectors.feedback_by_month(partnership)
    risks = list(selectors.risk_register(partnership))
    indicators = selectors.indicators(partnership)
    feedback = list(selectors.feedback_log(partnership)[:FEEDBACK_ON_PAGE])
    can_edit = rules.can_edit_partnership(user, partnership)
    rtl = translation.get_language_bidi()
    return render(
        request,
        "partnerships/running/page.html",
        {
            "partnership": partnership,
            "summary": selectors.running_summary(partnership),
            "conditions": selectors.conditions_checklist(partnership),
            "risks": [(risk, selectors.heat(risk)) for risk in risks],
            "feedback": feedback,
            "feedback_months": months,
            "chart": feedback_chart(months, rtl=rtl),
            "indicators": [
                (indicator, list(indicator.measurements.all()), sparkline(indicator, rtl=rtl))
                for indicator in indicators
            ],
            "decisions": selectors.decisions(partnership)[:50],
            "continuity": selectors.continuity(partnership),
            "can_edit": can_edit,
            "can_answer": rules.can_answer_feedback(user, partnership),
            "feedback_url": request.build_absolute_uri(
                reverse("partnerships:feedback_form", args=[partnership.feedback_token])
            )
            if can_edit
            else "",
        },
    )


def feedback_list(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _viewable(request, pk)
    page = Paginator(selectors.feedback_log(partnership), settings.KAVERET_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "partnerships/running/feedback_list.html",
        {
            "partnership": partnership,
            "page": page,
            "can_answer": rules.can_answer_feedback(request.user, partnership),
        },
    )


# Editing pages: one form each, back to the running page when saved


def _form_page(
    request: HttpRequest,
    partnership: Partnership,
    form: Any,
    title: str,
    *,
    anchor: str,
    intro: str = "",
) -> HttpResponse:
    return render(
        request,
        "partnerships/running/form.html",
        {
            "partnership": partnership,
            "form": form,
            "title": title,
            "intro": intro,
            "cancel_url": _running_url(partnership, anchor),
        },
        status=400 if request.method == "POST" else 200,
    )


def _save(
    request: HttpRequest,
    partnership: Partnership,
    form: Any,
    action: Callable[[], Any],
    *,
    success: str,
    anchor: str,
) -> HttpResponse | None:
    """Run ``action`` when the posted form is valid; the response, or None to re-show."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        action()
    except DomainError as error:
        attach_domain_error(form, error)
        return None
    except PermissionDenied as error:
        raise Http404 from error
    messages.success(request, success)
    return redirect(_running_url(partnership, anchor))


@require_http_methods(["GET", "POST"])
def condition_edit(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    partnership = _editable(request, pk)
    if key not in ConditionKey.values:
        raise Http404
    row = next(row for row in selectors.conditions_checklist(partnership) if row.key == key)
    form = ConditionForm(
        request.POST or None, initial={"status": row.status, "evidence": row.evidence}
    )
    done = _save(
        request,
        partnership,
        form,
        lambda: services.condition_update(
            by=request.user,
            partnership=partnership,
            key=key,
            status=form.cleaned_data["status"],
            evidence=form.cleaned_data["evidence"],
        ),
        success=_("Saved the condition “%(condition)s”.") % {"condition": row.label},
        anchor="conditions",
    )
    return done or _form_page(request, partnership, form, row.label, anchor="conditions")


@require_http_methods(["GET", "POST"])
def risk_add(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _editable(request, pk)
    form = RiskForm(request.POST or None)
    done = _save(
        request,
        partnership,
        form,
        lambda: services.risk_add(
            by=request.user, partnership=partnership, values=form.cleaned_data
        ),
        success=_("Added the risk to the register."),
        anchor="risks",
    )
    return done or _form_page(request, partnership, form, _("New risk"), anchor="risks")


def _risk(partnership: Partnership, risk_id: int) -> Risk:
    return get_object_or_404(Risk, pk=risk_id, partnership=partnership)


@require_http_methods(["GET", "POST"])
def risk_edit(request: HttpRequest, pk: int, risk_id: int) -> HttpResponse:
    partnership = _editable(request, pk)
    risk = _risk(partnership, risk_id)
    form = RiskForm(request.POST or None, initial=RiskForm.initial_from(risk))
    done = _save(
        request,
        partnership,
        form,
        lambda: services.risk_update(by=request.user, risk=risk, values=form.cleaned_data),
        success=_("Saved the risk."),
        anchor="risks",
    )
    return done or _form_page(request, partnership, form, str(risk), anchor="risks")


@require_POST
def risk_close(request: HttpRequest, pk: int, risk_id: int) -> HttpResponse:
    partnership = _editable(request, pk)
    risk = _risk(partnership, risk_id)
    services.risk_close(by=request.user, risk=risk)
    messages.success(request, _("Closed the risk “%(risk)s”.") % {"risk": risk})
    return redirect(_running_url(partnership, "risks"))


@require_http_methods(["GET", "POST"])
def feedback_answer(request: HttpRequest, pk: int, feedback_id: int) -> HttpResponse:
    partnership = _viewable(request, pk)
    if not rules.can_answer_feedback(request.user, partnership):
        raise Http404
    feedback = get_object_or_404(Feedback, pk=feedback_id, partnership=partnership)
    form = AnswerForm(
        request.POST or None,
        initial={"response": feedback.response, "change_made": feedback.change_made},
    )
    done = _save(
        request,
        partnership,
        form,
        lambda: services.feedback_answer(
            by=request.user,
            feedback=feedback,
            response=form.cleaned_data["response"],
            change_made=form.cleaned_data["change_made"],
        ),
        success=_("Saved the answer."),
        anchor="feedback",
    )
    return done or _form_page(
        request, partnership, form, _("Answer the feedback"), anchor="feedback", intro=feedback.text
    )


@require_http_methods(["GET", "POST"])
def feedback_link(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _editable(request, pk)
    expires = partnership.feedback_token_expires_at
    initial = {"expires_on": timezone.localtime(expires).date() if expires else None}
    if request.method == "POST" and request.POST.get("action") == "regenerate":
        services.feedback_link_regenerate(by=request.user, partnership=partnership)
        messages.success(request, _("Made a new feedback link; the old one no longer works."))
        return redirect(reverse("partnerships:running_feedback_link", args=[partnership.pk]))
    form = FeedbackLinkExpiryForm(request.POST or None, initial=initial)
    done = _save(
        request,
        partnership,
        form,
        lambda: services.feedback_link_set_expiry(
            by=request.user, partnership=partnership, expires_at=form.expires_at()
        ),
        success=_("Saved until when the feedback link works."),
        anchor="feedback",
    )
    if done:
        return done
    return render(
        request,
        "partnerships/running/feedback_link.html",
        {
            "partnership": partnership,
            "form": form,
            "feedback_url": request.build_absolute_uri(
                reverse("partnerships:feedback_form", args=[partnership.feedback_token])
            ),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def indicator_add(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _editable(request, pk)
    form = IndicatorForm(request.POST or None)
    done = _save(
        request,
        partnership,
        form,
        lambda: services.indicator_add(
            by=request.user, partnership=partnership, values=form.cleaned_data
        ),
        success=_("Added the indicator."),
        anchor="indicators",
    )
    return done or _form_page(
        request, partnership, form, _("New pilot indicator"), anchor="indicators"
    )


def _indicator(partnership: Partnership, indicator_id: int) -> PilotIndicator:
    return get_object_or_404(PilotIndicator, pk=indicator_id, partnership=partnership)


@require_http_methods(["GET", "POST"])
def indicator_edit(request: HttpRequest, pk: int, indicator_id: int) -> HttpResponse:
    partnership = _editable(request, pk)
    indicator = _indicator(partnership, indicator_id)
    initial = {name: getattr(indicator, name) for name in IndicatorForm.base_fields}
    form = IndicatorForm(request.POST or None, initial=initial)
    done = _save(
        request,
        partnership,
        form,
        lambda: services.indicator_update(
            by=request.user, indicator=indicator, values=form.cleaned_data
        ),
        success=_("Saved the indicator."),
        anchor="indicators",
    )
    return done or _form_page(request, partnership, form, indicator.name, anchor="indicators")


@require_http_methods(["GET", "POST"])
def measurement_add(request: HttpRequest, pk: int, indicator_id: int) -> HttpResponse:
    partnership = _editable(request, pk)
    indicator = _indicator(partnership, indicator_id)
    form = MeasurementForm(request.POST or None)
    done = _save(
        request,
        partnership,
        form,
        lambda: services.measurement_record(
            by=request.user,
            indicator=indicator,
            measured_on=form.cleaned_data["measured_on"],
            value=form.cleaned_data["value"],
            note=form.cleaned_data["note"],
        ),
        success=_("Recorded the measurement."),
        anchor="indicators",
    )
    title = _("New measurement: %(indicator)s") % {"indicator": indicator.name}
    return done or _form_page(request, partnership, form, title, anchor="indicators")


@require_http_methods(["GET", "POST"])
def decision_add(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _editable(request, pk)
    form = DecisionForm(request.POST or None)
    done = _save(
        request,
        partnership,
        form,
        lambda: services.decision_add(
            by=request.user,
            partnership=partnership,
            decided_on=form.cleaned_data["decided_on"],
            text=form.cleaned_data["text"],
            decided_by=form.cleaned_data["decided_by"],
        ),
        success=_("Recorded the decision."),
        anchor="decisions",
    )
    return done or _form_page(request, partnership, form, _("New decision"), anchor="decisions")


@require_http_methods(["GET", "POST"])
def continuity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _editable(request, pk)
    plan = selectors.continuity(partnership)
    initial = {name: getattr(plan, name) for name in ContinuityForm.base_fields} if plan else None
    form = ContinuityForm(request.POST or None, initial=initial)
    done = _save(
        request,
        partnership,
        form,
        lambda: services.continuity_save(
            by=request.user, partnership=partnership, values=form.cleaned_data
        ),
        success=_("Saved the continuity plan."),
        anchor="continuity",
    )
    return done or _form_page(request, partnership, form, _("Continuity plan"), anchor="continuity")


@require_http_methods(["GET", "POST"])
def outcome_edit(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _editable(request, pk)
    form = OutcomeForm(
        request.POST or None,
        initial={
            "outcome": partnership.outcome,
            "outcome_on": partnership.outcome_on,
            "lessons": partnership.lessons,
        },
    )
    done = _save(
        request,
        partnership,
        form,
        lambda: services.outcome_set(
            by=request.user,
            partnership=partnership,
            outcome=form.cleaned_data["outcome"],
            outcome_on=form.cleaned_data["outcome_on"],
            lessons=form.cleaned_data["lessons"],
        ),
        success=_("Saved the outcome and the lessons."),
        anchor="outcome",
    )
    return done or _form_page(
        request, partnership, form, _("Outcome and lessons learned"), anchor="outcome"
    )


@require_POST
def lessons_publish(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _editable(request, pk)
    already = partnership.lessons_item_id is not None
    try:
        item = services.lessons_publish(
            by=request.user, partnership=partnership, publish=request.POST.get("draft") != "1"
        )
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if already:
            messages.info(request, _("The lessons are already a knowledge item."))
        else:
            messages.success(
                request,
                _("The lessons are now a knowledge item: “%(title)s”.") % {"title": item.title},
            )
    return redirect(_running_url(partnership, "outcome"))


# The public feedback form


def feedback_rates() -> tuple[str, ...]:
    return tuple(getattr(settings, "KAVERET_FEEDBACK_RATES", DEFAULT_FEEDBACK_RATES))


def feedback_limited(request: HttpRequest, token: str | None = None) -> bool:
    """Count this submission against the address and, if given, the link; True if over."""
    limited = False
    for rate in feedback_rates():
        if token is None:
            limited |= is_ratelimited(
                request, group="partnerships.feedback.ip", key="ip", rate=rate, increment=True
            )
        else:
            limited |= is_ratelimited(
                request,
                group="partnerships.feedback.link",
                key=lambda _group, _request: token,
                rate=rate,
                increment=True,
            )
    return limited


def _link_refused(request: HttpRequest, error: services.FeedbackLinkError) -> HttpResponse:
    status = error.status
    return render(
        request,
        "partnerships/running/feedback_unavailable.html",
        {"message": " ".join(error.messages)},
        status=status,
    )


def _too_many(request: HttpRequest) -> HttpResponse:
    return render(request, "partnerships/running/feedback_limited.html", status=429)


@require_http_methods(["GET", "POST"])
def feedback_form(request: HttpRequest, token: str) -> HttpResponse:
    """The private link: anyone holding it may leave feedback, without an account."""
    if request.method == "POST" and feedback_limited(request):
        return _too_many(request)
    try:
        partnership = services.partnership_for_feedback_token(token)
    except services.FeedbackLinkError as error:
        return _link_refused(request, error)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST":
        if feedback_limited(request, token):
            return _too_many(request)
        if form.is_valid():
            try:
                services.submit_feedback(
                    partnership_token=token,
                    role=form.cleaned_data["role"],
                    rating=form.cleaned_data["rating"],
                    text=form.cleaned_data["text"],
                )
            except services.FeedbackLinkError as error:
                return _link_refused(request, error)
            except DomainError as error:
                attach_domain_error(form, error)
            else:
                return redirect(reverse("partnerships:feedback_thanks", args=[token]))
    response = render(
        request,
        "partnerships/running/feedback_form.html",
        {"partnership": partnership, "form": form},
        status=400 if request.method == "POST" else 200,
    )
    # The link is the key: keep it out of other sites' logs (not "no-referrer", which makes
    # browsers send "Origin: null" and fail the CSRF check on our own form).
    response["Referrer-Policy"] = "same-origin"
    return response


def feedback_thanks(request: HttpRequest, token: str) -> HttpResponse:
    try:
        partnership = services.partnership_for_feedback_token(token)
    except services.FeedbackLinkError as error:
        return _link_refused(request, error)
    response = render(
        request, "partnerships/running/feedback_thanks.html", {"partnership": partnership}
    )
    response["Referrer-Policy"] = "same-origin"
    return response
