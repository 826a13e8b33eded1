"""Forms of the indicator pages; they collect values, the services decide."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from kaveret.communities.models import Community
from kaveret.core.uploads import describe_extensions

from .indicators_selectors import IndicatorFilters
from .indicators_services import EVIDENCE_EXTENSIONS, reportable_periods
from .models import Indicator, IndicatorParty, Programme
from .status import IndicatorStatus, Period


def _with_all(choices: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    return [("", _("All")), *choices]


class IndicatorFilterForm(forms.Form):
    """The list's filters; an unknown value is ignored, not an error."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    programme = forms.TypedChoiceField(
        label=_("Programme"), required=False, coerce=int, empty_value=None
    )
    community = forms.TypedChoiceField(
        label=_("Community"), required=False, coerce=int, empty_value=None
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_with_all(IndicatorStatus.choices)
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        programmes = Programme.objects.filter(indicators__isnull=False).distinct()
        cast(forms.ChoiceField, self.fields["programme"]).choices = _with_all(
            [(p.pk, p.title) for p in programmes.order_by("title")]
        )
        communities = Community.objects.filter(indicators__isnull=False).distinct()
        cast(forms.ChoiceField, self.fields["community"]).choices = _with_all(
            [(c.pk, c.display_name) for c in communities.order_by("name")]
        )

    def filters(self) -> IndicatorFilters:
        self.is_valid()
        data: dict[str, Any] = getattr(self, "cleaned_data", {})
        return IndicatorFilters(
            programme=data.get("programme"),
            community=data.get("community"),
            status=data.get("status") or "",
            q=(data.get("q") or "").strip(),
        )


def period_label(period: Period) -> str:
    return f"{period.start:%d/%m/%Y} – {period.end:%d/%m/%Y}"


class MeasurementForm(forms.Form):
    """Enter (or correct) one period's value with its evidence."""

    period = forms.ChoiceField(label=_("Period"))
    party = forms.TypedChoiceField(label=_("Reported for"), coerce=int, required=False)
    value = forms.CharField(
        label=_("Value"),
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    note = forms.CharField(
        label=_("Evidence: note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("How the figure was counted, and from what source."),
    )
    evidence_file = forms.FileField(
        label=_("Evidence: file"),
        required=False,
        help_text=_("%(types)s, up to 10 MB.")
        % {"types": describe_extensions(EVIDENCE_EXTENSIONS)},
    )
    evidence_link = forms.CharField(
        label=_("Evidence: link"),
        required=False,
        max_length=200,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    remove_file = forms.BooleanField(label=_("Remove the current file"), required=False)

    def __init__(
        self,
        *args: Any,
        indicator: Indicator,
        parties: list[IndicatorParty],
        correcting: bool = False,
        today: datetime.date | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.correcting = correcting
        cast(forms.ChoiceField, self.fields["period"]).choices = [
            (period.start.isoformat(), period_label(period))
            for period in reportable_periods(indicator, today)
        ]
        if indicator.is_shared and not correcting:
            party_field = cast(forms.TypedChoiceField, self.fields["party"])
            party_field.choices = [(party.pk, str(party.actor)) for party in parties]
            party_field.required = True
            if len(parties) == 1:
                party_field.initial = parties[0].pk
        else:
            del self.fields["party"]
        if correcting:
            del self.fields["period"]
        else:
            del self.fields["remove_file"]
        if indicator.unit:
            self.fields["value"].help_text = _("In %(unit)s.") % {"unit": indicator.unit}

    def clean_period(self) -> datetime.date:
        return datetime.date.fromisoformat(self.cleaned_data["period"])
