"""Forms of the indicator pages; they collect values, the services decide."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from kaveret.communities.models import Community
from kaveret.core.forms import with_all
from kaveret.core.uploads import describe_extensions

from .indicators_selectors import IndicatorFilters
from .indicators_services import EVIDENCE_EXTENSIONS, reportable_periods
from .models import Direction, Frequency, Indicator, IndicatorParty, Programme
from .status import IndicatorStatus, Period


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
        label=_("Status"), required=False, choices=with_all(IndicatorStatus.choices)
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        programmes = Programme.objects.filter(indicators__isnull=False).distinct()
        cast(forms.ChoiceField, self.fields["programme"]).choices = with_all(
            [(p.pk, p.title) for p in programmes.order_by("title")]
        )
        communities = Community.objects.filter(indicators__isnull=False).distinct()
        cast(forms.ChoiceField, self.fields["community"]).choices = with_all(
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


class IndicatorForm(forms.Form):
    """Define or edit an indicator (its reporting parties are set through the API)."""

    name = forms.CharField(label=_("Indicator (Hebrew)"), max_length=300)
    name_en = forms.CharField(label=_("Indicator (English)"), max_length=300, required=False)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    unit = forms.CharField(label=_("Unit"), max_length=50, required=False)
    baseline = forms.CharField(label=_("Baseline"), max_length=30, required=False)
    baseline_on = forms.DateField(
        label=_("Baseline measured on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    target = forms.CharField(label=_("Target"), max_length=30, required=False)
    target_on = forms.DateField(
        label=_("Target date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices)
    frequency = forms.ChoiceField(label=_("Frequency"), choices=Frequency.choices)
    starts_on = forms.DateField(
        label=_("First period starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    data_source = forms.CharField(label=_("Data source"), max_length=300, required=False)
    owner_email = forms.EmailField(
        label=_("Owner's e-mail"),
        required=False,
        help_text=_("The person who enters the measurements; they need an account."),
    )
    community = forms.TypedChoiceField(
        label=_("Community"), required=False, coerce=int, empty_value=None
    )
    programme = forms.TypedChoiceField(
        label=_("Programme"), required=False, coerce=int, empty_value=None
    )
    is_shared = forms.BooleanField(
        label=_("Shared measurement"),
        required=False,
        help_text=_(
            "Every party reports the same indicator; the platform shows each and the total."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["community"]).choices = [
            ("", _("None")),
            *[(c.pk, c.display_name) for c in Community.objects.order_by("name")],
        ]
        cast(forms.ChoiceField, self.fields["programme"]).choices = [
            ("", _("None")),
            *[
                (p.pk, f"{p.title} ({p.plan.year})")
                for p in Programme.objects.select_related("plan").order_by("-plan__year", "title")
            ],
        ]

    @staticmethod
    def initial_from(indicator: Indicator) -> dict[str, Any]:
        initial = {
            field: getattr(indicator, field)
            for field in (
                "name",
                "name_en",
                "description",
                "unit",
                "baseline_on",
                "target_on",
                "direction",
                "frequency",
                "starts_on",
                "data_source",
                "is_shared",
            )
        }
        for field in ("baseline", "target"):
            value = getattr(indicator, field)
            initial[field] = "" if value is None else f"{value.normalize():f}"
        initial["owner_email"] = indicator.owner.email if indicator.owner else ""
        initial["community"] = indicator.community_id
        initial["programme"] = indicator.programme_id
        return initial

    def values(self) -> dict[str, Any]:
        """The cleaned data as the service's values (the owner looked up by e-mail)."""
        from kaveret.accounts.models import User
        from kaveret.core.errors import DomainError

        data = dict(self.cleaned_data)
        email = data.pop("owner_email", "")
        owner = None
        if email:
            owner = User.objects.filter(email__iexact=email, is_active=True).first()
            if owner is None:
                raise DomainError({"owner_email": _("No one with this e-mail has an account.")})
        data["owner"] = owner
        community_id = data.pop("community")
        programme_id = data.pop("programme")
        data["community"] = (
            Community.objects.filter(pk=community_id).first() if community_id else None
        )
        data["programme"] = (
            Programme.objects.filter(pk=programme_id).first() if programme_id else None
        )
        return data
