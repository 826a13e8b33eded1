"""Forms of the recommenders' pages: free-text routing, fit constraints, scouting entries,
criterion assessments."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from kaveret.ecosystem.choices import VentureStage
from kaveret.ecosystem.models import Domain, Region

from .models import Criterion, ScoutingStatus
from .recommend import ROUTE_TEXT_MAX, Constraints
from .scouting import NOTE_MAX_LENGTH

KIND_CHOICES = [
    ("community", _("Communities")),
    ("call", _("Calls")),
    ("challenge", _("Challenges")),
]


class RouteForm(forms.Form):
    """Where does my idea fit?"""

    text = forms.CharField(
        label=_("Describe your venture or idea"),
        help_text=_("In Hebrew, English or Arabic; what it does, for whom, and where."),
        max_length=ROUTE_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
    )
    kinds = forms.MultipleChoiceField(
        label=_("Look for"),
        choices=KIND_CHOICES,
        initial=[value for value, _label in KIND_CHOICES],
        widget=forms.CheckboxSelectMultiple,
    )


class FitFilterForm(forms.Form):
    """Hard constraints on a fit list; whoever fails one is listed apart with the reason."""

    domain = forms.ModelChoiceField(
        label=_("Domain"), queryset=Domain.objects.none(), required=False, to_field_name="slug"
    )
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.none(), required=False, to_field_name="slug"
    )
    stage = forms.ChoiceField(
        label=_("Venture stage"),
        required=False,
        choices=[("", _("Any stage")), *VentureStage.choices],
    )

    def __init__(self, *args: Any, show_stage: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["domain"]).queryset = Domain.objects.order_by(
            "name"
        )
        cast(forms.ModelChoiceField, self.fields["region"]).queryset = Region.objects.order_by(
            "name"
        )
        if not show_stage:
            del self.fields["stage"]

    def constraints(self) -> Constraints:
        if not self.is_valid():
            return Constraints()
        data = self.cleaned_data
        return Constraints(
            domain_ids=(data["domain"].pk,) if data.get("domain") else (),
            region_ids=(data["region"].pk,) if data.get("region") else (),
            stages=(data["stage"],) if data.get("stage") else (),
        )


class ScoutingEntryForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ScoutingStatus.choices)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )


class AssessmentForm(forms.Form):
    """One score (1-5, or empty: not assessed) and a note per criterion of an actor."""

    SCORE_CHOICES = [("", _("Not assessed")), *[(str(n), str(n)) for n in range(1, 6)]]

    def __init__(self, *args: Any, criteria: tuple[str, ...], initial_scores: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for score in initial_scores:
            self.fields[f"score_{score.criterion}"] = forms.ChoiceField(
                label=Criterion(score.criterion).label,
                choices=self.SCORE_CHOICES,
                required=False,
                initial="" if score.score is None else str(score.score),
            )
            self.fields[f"note_{score.criterion}"] = forms.CharField(
                label=_("Note on %(criterion)s") % {"criterion": Criterion(score.criterion).label},
                required=False,
                max_length=NOTE_MAX_LENGTH,
                initial=score.note,
                widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
            )

    def scores(self) -> list[tuple[str, int | None, str]]:
        return [
            (
                criterion,
                int(self.cleaned_data[f"score_{criterion}"])
                if self.cleaned_data.get(f"score_{criterion}")
                else None,
                self.cleaned_data.get(f"note_{criterion}", ""),
            )
            for criterion in self.criteria
        ]
