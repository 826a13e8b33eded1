"""Forms of trend sensing: a signal, a curator's decision, and the radar's filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kaveret.communities.models import Community
from kaveret.core.errors import DomainError
from kaveret.ecosystem.forms import attach_domain_error
from kaveret.ecosystem.models import Domain

from . import services
from .models import Horizon, Ring, SignalKind, TrendSignal


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class SignalForm(forms.ModelForm):
    """Propose a signal (members) or put one on the radar (the community's staff)."""

    source_url = forms.URLField(
        label=_("Link to the source"), required=False, assume_scheme="https"
    )

    class Meta:
        model = TrendSignal
        fields = services.SIGNAL_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "observed_on": DateInput(),
        }
        help_texts = {
            "ring": _(
                "Act: the community should respond now. Assess: worth studying. "
                "Watch: keep an eye on it."
            ),
        }

    def __init__(
        self, *args: Any, user: Any, community: Community, curate: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.community = community
        self.curate = curate
        domain = self.fields["domain"]
        assert isinstance(domain, forms.ModelChoiceField)
        domain.queryset = Domain.objects.order_by("name")
        if not self.is_bound and community.domain_id:
            self.initial.setdefault("domain", community.domain_id)
        if not curate:
            self.fields["ring"].label = _("Suggested ring")
        observed_on = self.fields["observed_on"]
        assert isinstance(observed_on, forms.DateField)
        observed_on.input_formats = ["%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"]

    def _post_clean(self) -> None:
        # The service validates; the model's own validation would only repeat it.
        pass

    def save(self, commit: bool = True) -> TrendSignal:
        values = {field: self.cleaned_data[field] for field in services.SIGNAL_FIELDS}
        try:
            if self.curate:
                return services.add_curated_signal(
                    by=self.user, community=self.community, values=values
                )
            return services.propose_signal(by=self.user, community=self.community, values=values)
        except DomainError as error:
            attach_domain_error(self, error)
            raise


class CurateForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=services.Decision.choices, widget=forms.RadioSelect
    )
    ring = forms.ChoiceField(label=_("Ring"), choices=Ring.choices)
    horizon = forms.ChoiceField(label=_("Horizon"), choices=Horizon.choices)
    kind = forms.ChoiceField(label=_("Kind of change"), choices=SignalKind.choices)
    note = forms.CharField(
        label=_("Note to the proposer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you decline a signal."),
    )

    def __init__(self, *args: Any, user: Any, signal: TrendSignal, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "ring": signal.ring,
                "horizon": signal.horizon,
                "kind": signal.kind,
                "note": signal.curator_note,
            },
        )
        super().__init__(*args, **kwargs)
        self.user = user
        self.signal = signal

    def save(self) -> TrendSignal:
        try:
            return services.curate_signal(by=self.user, signal=self.signal, **self.cleaned_data)
        except DomainError as error:
            attach_domain_error(self, error)
            raise


def _blank(label: Any) -> list[tuple[str, Any]]:
    return [("", label)]


class RadarFilterForm(forms.Form):
    """The radar's filters; values outside the lists are ignored, not errors."""

    domain = forms.ChoiceField(label=_("Domain"), required=False)
    horizon = forms.ChoiceField(
        label=_("Horizon"), required=False, choices=_blank(_("Any horizon")) + Horizon.choices
    )
    kind = forms.ChoiceField(
        label=_("Kind of change"),
        required=False,
        choices=_blank(_("Any kind")) + SignalKind.choices,
    )

    def __init__(self, *args: Any, domains: list[Domain], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        domain = self.fields["domain"]
        assert isinstance(domain, forms.ChoiceField)
        domain.choices = _blank(_("Any domain")) + [
            (term.slug, term.display_name) for term in domains
        ]
        self.allowed = {
            "domain": {term.slug for term in domains},
            "horizon": set(Horizon.values),
            "kind": set(SignalKind.values),
        }

    def values(self) -> dict[str, str]:
        """The valid filters; a value not in its list is dropped."""
        values: dict[str, str] = {}
        for name, allowed in self.allowed.items():
            raw = self.data.get(name, "")
            if raw in allowed:
                values[name] = raw
        return values
