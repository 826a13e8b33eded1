"""Forms of ecosystem work: an activity on the board, the phase, a principles assessment."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from kaveret.accounts.models import COMMUNITY_ROLES, User
from kaveret.core.errors import DomainError
from kaveret.ecosystem.forms import attach_domain_error

from . import work_services
from .models import (
    ActivityKind,
    ActivityStatus,
    Community,
    EcosystemPhase,
    Principle,
    PrincipleAssessment,
    WorkActivity,
)

SCORE_CHOICES = [("", "—"), *[(str(score), str(score)) for score in range(1, 6)]]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def possible_owners(community: Community, current: User | None) -> QuerySet[User]:
    """Who may own an activity: the community's role holders, and the current owner."""
    condition = Q(role_assignments__community=community, role_assignments__role__in=COMMUNITY_ROLES)
    if current is not None:
        condition |= Q(pk=current.pk)
    return User.objects.filter(condition, is_active=True).distinct().order_by("full_name", "email")


class ActivityForm(forms.Form):
    """Add or edit an activity; the service validates and saves it."""

    title = forms.CharField(label=_("Title"), max_length=200)
    move = forms.ChoiceField(label=_("Move"), choices=EcosystemPhase.choices)
    kind = forms.ChoiceField(label=_("Kind"), choices=ActivityKind.choices)
    status = forms.ChoiceField(label=_("Status"), choices=ActivityStatus.choices)
    owner = forms.ModelChoiceField(
        label=_("Owner"), queryset=User.objects.none(), required=False, empty_label="—"
    )
    starts_on = forms.DateField(label=_("Starts"), required=False, widget=DateInput())
    ends_on = forms.DateField(label=_("Ends"), required=False, widget=DateInput())
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    outputs = forms.CharField(
        label=_("Outputs"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the activity produced: a map, a report, a call, decisions…"),
    )
    links = forms.CharField(
        label=_("Links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
        help_text=_("One web address (http:// or https://) per line."),
    )

    def __init__(
        self,
        *args: Any,
        user: Any,
        community: Community,
        instance: WorkActivity | None = None,
        **kwargs: Any,
    ) -> None:
        if instance is not None and not kwargs.get("initial"):
            kwargs["initial"] = {
                "title": instance.title,
                "move": instance.move,
                "kind": instance.kind,
                "status": instance.status,
                "owner": instance.owner_id,
                "starts_on": instance.starts_on,
                "ends_on": instance.ends_on,
                "description": instance.description,
                "outputs": instance.outputs,
                "links": "\n".join(instance.links or []),
            }
        super().__init__(*args, **kwargs)
        self.user = user
        self.community = community
        self.instance = instance
        owner_field = self.fields["owner"]
        assert isinstance(owner_field, forms.ModelChoiceField)
        owner_field.queryset = possible_owners(community, instance.owner if instance else None)
        self.fields["starts_on"].help_text = _("Israel date.")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The activity cannot end before it starts."))
        return cleaned

    def save(self) -> WorkActivity:
        values = {name: self.cleaned_data[name] for name in work_services.ACTIVITY_FIELDS}
        try:
            if self.instance is not None:
                return work_services.activity_update(
                    by=self.user, activity=self.instance, values=values
                )
            return work_services.activity_create(
                by=self.user, community=self.community, values=values
            )
        except DomainError as error:
            attach_domain_error(self, error)
            raise


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(label=_("Current phase"), choices=EcosystemPhase.choices)
    summary = forms.CharField(
        label=_("Summary of the cycle"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Used when you move on from evaluation to exploration: the cycle closes and a "
            "new one starts."
        ),
    )


class MoveForm(forms.Form):
    move = forms.ChoiceField(label=_("Move to"), choices=EcosystemPhase.choices)


class AssessmentForm(forms.Form):
    """The six principles, each with a 1-5 score and a note, and an overall note."""

    assessed_on = forms.DateField(label=_("Date of the assessment"), widget=DateInput())

    def __init__(self, *args: Any, user: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.community = community
        for principle in Principle:
            self.fields[f"score_{principle.value}"] = forms.TypedChoiceField(
                label=_("Score"),
                choices=SCORE_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
            )
            self.fields[f"note_{principle.value}"] = forms.CharField(
                label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
        self.fields["note"] = forms.CharField(
            label=_("Overall note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
        )

    def principle_rows(self) -> list[tuple[str, str, forms.BoundField, forms.BoundField]]:
        return [
            (
                principle.value,
                str(principle.label),
                self[f"score_{principle.value}"],
                self[f"note_{principle.value}"],
            )
            for principle in Principle
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for principle in Principle:
            name = f"score_{principle.value}"
            if name not in self.errors and cleaned.get(name) is None:
                self.add_error(
                    name,
                    _("Give “%(principle)s” a score from 1 to 5.") % {"principle": principle.label},
                )
        return cleaned

    def save(self) -> PrincipleAssessment:
        scores = {
            principle.value: (
                self.cleaned_data[f"score_{principle.value}"],
                self.cleaned_data[f"note_{principle.value}"],
            )
            for principle in Principle
        }
        try:
            return work_services.record_assessment(
                by=self.user,
                community=self.community,
                assessed_on=self.cleaned_data["assessed_on"],
                scores=scores,
                note=self.cleaned_data["note"],
            )
        except DomainError as error:
            attach_domain_error(self, error)
            raise
