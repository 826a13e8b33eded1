"""Forms of the running pages; the rules live in ``running_services``."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kaveret.ecosystem.models import Actor

from .models import (
    ConditionStatus,
    FeedbackRole,
    Outcome,
    Risk,
    RiskKey,
    RiskLevel,
    RiskStatus,
)
from .running_selectors import RISK_STATUS_LABELS
from .running_services import MAX_FEEDBACK_LENGTH, MAX_LINE_LENGTH, MAX_TEXT_LENGTH

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _textarea(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class ConditionForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=ConditionStatus.choices)
    evidence = forms.CharField(
        label=_("evidence"),
        required=False,
        max_length=MAX_TEXT_LENGTH,
        widget=_textarea(),
        help_text=_("What shows where the condition stands. Required when it is met."),
    )


class RiskForm(forms.Form):
    key = forms.ChoiceField(label=_("challenge"), choices=RiskKey.choices)
    title = forms.CharField(
        label=_("title"),
        required=False,
        max_length=MAX_LINE_LENGTH,
        help_text=_("Required for “Other”."),
    )
    likelihood = forms.TypedChoiceField(
        label=_("likelihood"), choices=RiskLevel.choices, coerce=int, initial=RiskLevel.MEDIUM
    )
    impact = forms.TypedChoiceField(
        label=_("impact"), choices=RiskLevel.choices, coerce=int, initial=RiskLevel.MEDIUM
    )
    owner = forms.CharField(label=_("owner"), required=False, max_length=MAX_LINE_LENGTH)
    mitigation = forms.CharField(
        label=_("mitigation"), required=False, max_length=MAX_TEXT_LENGTH, widget=_textarea()
    )
    status = forms.ChoiceField(
        label=_("status"), choices=list(RISK_STATUS_LABELS.items()), initial=RiskStatus.OPEN
    )

    @classmethod
    def initial_from(cls, risk: Risk) -> dict[str, Any]:
        return {name: getattr(risk, name) for name in cls.base_fields}


class FeedbackForm(forms.Form):
    """The public form: no name, no e-mail, nothing that identifies the writer."""

    role = forms.ChoiceField(
        label=_("I am"), choices=FeedbackRole.choices, widget=forms.RadioSelect
    )
    rating = forms.TypedChoiceField(
        label=_("How is it going? (1 = poorly, 5 = very well)"),
        choices=[(number, str(number)) for number in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Your feedback"),
        max_length=MAX_FEEDBACK_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": MAX_FEEDBACK_LENGTH}),
        help_text=_(
            "Please do not write names, phone numbers or other details that identify anyone."
        ),
    )


class AnswerForm(forms.Form):
    response = forms.CharField(
        label=_("the venture's answer"), max_length=MAX_TEXT_LENGTH, widget=_textarea()
    )
    change_made = forms.CharField(
        label=_("change made"), required=False, max_length=MAX_TEXT_LENGTH, widget=_textarea(3)
    )


class FeedbackLinkExpiryForm(forms.Form):
    expires_on = forms.DateField(
        label=_("feedback link valid until"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("The link works through the end of this day. Leave empty for no limit."),
    )

    def expires_at(self) -> datetime.datetime | None:
        """The end of the chosen day in Asia/Jerusalem, or ``None``."""
        day = self.cleaned_data.get("expires_on")
        if day is None:
            return None
        zone = ZoneInfo(settings.TIME_ZONE)
        return datetime.datetime.combine(day, datetime.time.max, tzinfo=zone)


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("indicator"), max_length=MAX_LINE_LENGTH)
    unit = forms.CharField(label=_("unit"), required=False, max_length=50)
    baseline = forms.DecimalField(
        label=_("baseline"), required=False, max_digits=14, decimal_places=2
    )
    target = forms.DecimalField(label=_("target"), required=False, max_digits=14, decimal_places=2)
    higher_is_better = forms.BooleanField(label=_("higher is better"), required=False, initial=True)


class MeasurementForm(forms.Form):
    measured_on = forms.DateField(label=_("measured on"), widget=DATE_INPUT)
    value = forms.DecimalField(label=_("value"), max_digits=14, decimal_places=2)
    note = forms.CharField(
        label=_("evidence or note"), required=False, max_length=MAX_TEXT_LENGTH, widget=_textarea(3)
    )


class DecisionForm(forms.Form):
    decided_on = forms.DateField(label=_("decided on"), widget=DATE_INPUT)
    text = forms.CharField(label=_("decision"), max_length=MAX_TEXT_LENGTH, widget=_textarea())
    decided_by = forms.CharField(label=_("decided by"), required=False, max_length=MAX_LINE_LENGTH)


class ContinuityForm(forms.Form):
    funding_after = forms.CharField(
        label=_("who funds what after the pilot"),
        required=False,
        max_length=MAX_TEXT_LENGTH,
        widget=_textarea(),
    )
    procurement_path = forms.CharField(
        label=_("procurement path"), required=False, max_length=MAX_TEXT_LENGTH, widget=_textarea()
    )
    handover_to = forms.ModelChoiceField(
        label=_("handed over to"),
        required=False,
        queryset=Actor.objects.order_by("name"),
        help_text=_("A ministry or another owner that takes the pilot on."),
    )
    handover_on = forms.DateField(label=_("hand-over date"), required=False, widget=DATE_INPUT)
    notes = forms.CharField(
        label=_("notes"), required=False, max_length=MAX_TEXT_LENGTH, widget=_textarea(3)
    )


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("outcome of the partnership"), choices=Outcome.choices, required=False
    )
    outcome_on = forms.DateField(label=_("outcome on"), required=False, widget=DATE_INPUT)
    lessons = forms.CharField(
        label=_("lessons learned"),
        required=False,
        max_length=MAX_TEXT_LENGTH,
        widget=_textarea(8),
        help_text=_("What you learned, for others who start a similar partnership."),
    )
