"""Forms of the review, decision and grant pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Milestone, Outcome, Recommendation, RubricCriterion


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=_("What is the conflict?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class ReviewForm(forms.Form):
    """One score and comment per criterion, a recommendation and an overall comment."""

    recommendation = forms.ChoiceField(
        label=_("Recommendation"),
        choices=[("", _("Not chosen yet")), *Recommendation.choices],
        required=False,
    )
    comment = forms.CharField(
        label=_("Overall comment"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args: Any, criteria: list[RubricCriterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=_("Score for %(criterion)s") % {"criterion": criterion.label},  # type: ignore[attr-defined]
                choices=[("", "—")]
                + [(n, str(n)) for n in range(criterion.scale_min, criterion.scale_max + 1)],
                coerce=int,
                empty_value=None,
                required=False,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on %(criterion)s") % {"criterion": criterion.label},  # type: ignore[attr-defined]
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )

    def criterion_fields(self) -> list[tuple[RubricCriterion, Any, Any]]:
        return [(c, self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def scores(self) -> dict[int, tuple[int | None, str]]:
        return {
            c.pk: (
                self.cleaned_data.get(f"score_{c.pk}"),
                self.cleaned_data.get(f"comment_{c.pk}", ""),
            )
            for c in self.criteria
        }


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class ReversalForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the decision reversed?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class GrantForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount (ILS)"), min_value=0.01, decimal_places=2, max_digits=14
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_on = forms.DateField(label=_("Due"), widget=forms.DateInput(attrs={"type": "date"}))
    amount = forms.DecimalField(
        label=_("Amount (ILS)"), min_value=0, decimal_places=2, max_digits=14, required=False
    )
    outcome_measure = forms.CharField(
        label=_("Measurable outcome (optional)"), max_length=300, required=False
    )
    target_value = forms.DecimalField(
        label=_("Target"), decimal_places=2, max_digits=14, required=False
    )


class ReportForm(forms.Form):
    text = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}))
    value = forms.DecimalField(
        label=_("Value reached"), decimal_places=2, max_digits=14, required=False
    )


class DisbursementForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount (ILS)"), min_value=0.01, decimal_places=2, max_digits=14
    )
    paid_on = forms.DateField(label=_("Paid on"), widget=forms.DateInput(attrs={"type": "date"}))
    milestone = forms.ModelChoiceField(
        label=_("For milestone (optional)"), queryset=Milestone.objects.none(), required=False
    )

    def __init__(self, *args: Any, grant: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if grant is not None:
            self.fields["milestone"].queryset = grant.milestones.all()  # type: ignore[attr-defined]
