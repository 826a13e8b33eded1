"""Forms of the assessment pages: a rubric's scores, and the MAP tags of a work activity."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kaveret.communities.work_forms import DateInput
from kaveret.core.errors import DomainError
from kaveret.ecosystem.forms import attach_domain_error

from . import assessments_services as services
from .assessments import localised_name
from .models import Assessment, MapTag, Rubric, RubricDimension


class RubricAssessmentForm(forms.Form):
    """Each dimension of a rubric: a score (or none) and a note; then an overall note."""

    assessed_on = forms.DateField(label=_("Date of the assessment"), widget=DateInput())

    def __init__(
        self,
        *args: Any,
        user: Any,
        rubric: Rubric,
        subject: Any = None,
        assessment: Assessment | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.rubric = rubric
        self.subject = subject
        self.assessment = assessment
        self.dimensions: list[RubricDimension] = list(rubric.dimensions.all())
        choices = [("", _("Not assessed"))] + [
            (str(value), str(value)) for value in range(rubric.scale_min, rubric.scale_max + 1)
        ]
        current = (
            {score.dimension_id: score for score in assessment.scores.all()} if assessment else {}
        )
        for dimension in self.dimensions:
            given = current.get(dimension.pk)
            self.fields[f"score_{dimension.key}"] = forms.TypedChoiceField(
                label=_("Score"),
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                initial=given.score if given else None,
            )
            self.fields[f"note_{dimension.key}"] = forms.CharField(
                label=_("Note"),
                required=False,
                max_length=services.MAX_NOTE_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=given.note if given else "",
            )
        self.fields["notes"] = forms.CharField(
            label=_("Overall note"),
            required=False,
            max_length=services.MAX_NOTE_LENGTH,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
        if assessment is not None:
            self.initial.setdefault("assessed_on", assessment.assessed_on)
            self.initial.setdefault("notes", assessment.notes)

    def dimension_rows(
        self,
    ) -> list[tuple[RubricDimension, str, forms.BoundField, forms.BoundField]]:
        return [
            (
                dimension,
                localised_name(dimension),
                self[f"score_{dimension.key}"],
                self[f"note_{dimension.key}"],
            )
            for dimension in self.dimensions
        ]

    def save(self) -> Assessment:
        scores = {
            dimension.key: services.ScoreInput(
                self.cleaned_data[f"score_{dimension.key}"],
                self.cleaned_data[f"note_{dimension.key}"],
            )
            for dimension in self.dimensions
        }
        try:
            if self.assessment is None:
                return services.record_assessment(
                    self.user,
                    self.rubric,
                    self.subject,
                    assessed_on=self.cleaned_data["assessed_on"],
                    scores=scores,
                    notes=self.cleaned_data["notes"],
                )
            return services.update_assessment(
                self.user,
                self.assessment,
                assessed_on=self.cleaned_data["assessed_on"],
                scores=scores,
                notes=self.cleaned_data["notes"],
            )
        except DomainError as error:
            if hasattr(error, "error_dict"):
                keys = {dimension.key for dimension in self.dimensions}
                renamed = {
                    f"score_{field}" if field in keys else field: errors
                    for field, errors in error.error_dict.items()
                }
                error = DomainError(renamed)
            attach_domain_error(self, error)
            raise


class MapTagsForm(forms.Form):
    tags = forms.MultipleChoiceField(
        label=_("MAP tags"),
        choices=MapTag.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Mindset: how people think about the issue. Ability: the skills and capacities to "
            "act. Pipes and mechanisms: the structures, processes and tools that carry the work."
        ),
    )
