"""Forms of the calls' staff pages: a call, a criterion, a section and a question; the
filters of the list. Rules live in the services; these only parse and label."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kaveret.accounts.models import User
from kaveret.challenges.models import Challenge
from kaveret.communities.models import Community
from kaveret.ecosystem.choices import FoundersSociety, OrganisationKind, VentureStage, VentureType
from kaveret.ecosystem.models import Domain, Region, TargetPopulation

from .form_builder import FILE_SIZE_CEILING_MB, choices_as_text
from .models import ApplicantKind, Call, Mechanism, Offer, Question, QuestionKind
from .rubric import SCALE_CEILING

ISRAEL = ZoneInfo("Asia/Jerusalem")


class IsraelDateTimeField(forms.DateTimeField):
    """A date and time entered and shown in Israel time, whatever the active time zone."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            return timezone.localtime(value, ISRAEL)
        return value

    def to_python(self, value: Any) -> datetime.datetime | None:
        with timezone.override(ISRAEL):
            result = super().to_python(value)
        return result


def _checkboxes(choices: Any, label: Any, help_text: Any = "") -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
    )


ELIGIBILITY_FIELDS = {
    "applicant_kinds": "eligible_applicant_kinds",
    "venture_types": "eligible_venture_types",
    "stages": "eligible_stages",
    "founders_societies": "eligible_founders_societies",
    "organisation_kinds": "eligible_organisation_kinds",
    "domains": "eligible_domains",
    "populations": "eligible_populations",
    "regions": "eligible_regions",
}


def _slugs(model: Any) -> list[tuple[str, str]]:
    return [(term.slug, term.display_name) for term in model.objects.order_by("name")]


class CallForm(forms.Form):
    title = forms.CharField(label=_("Title (Hebrew)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    title_ar = forms.CharField(label=_("Title (Arabic)"), max_length=200, required=False)
    summary = forms.CharField(
        label=_("Summary"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    mechanism = forms.ChoiceField(label=_("Mechanism"), choices=Mechanism.choices)
    offers = _checkboxes(Offer.choices, _("What it offers"))
    community = forms.ModelChoiceField(
        label=_("Community"), queryset=Community.objects.none(), required=False
    )
    challenges = forms.ModelMultipleChoiceField(
        label=_("Challenges it serves"),
        queryset=Challenge.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Open challenges."),
    )
    opens_at = IsraelDateTimeField(label=_("Opens (Israel time)"))
    deadline = IsraelDateTimeField(label=_("Deadline (Israel time)"))
    review_ends_on = forms.DateField(
        label=_("Reviews end"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    decision_on = forms.DateField(
        label=_("Decisions by"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    budget = forms.DecimalField(
        label=_("Budget (ILS)"), min_value=0, max_digits=14, decimal_places=2, initial=0
    )
    reviews_per_application = forms.IntegerField(
        label=_("Reviews per application"), min_value=1, max_value=20, initial=2
    )
    reviewer_emails = forms.CharField(
        label=_("Reviewers' e-mail addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One a line; each must belong to a registered user."),
    )
    eligible_applicant_kinds = _checkboxes(ApplicantKind.choices, _("Who may apply"))
    eligible_venture_types = _checkboxes(VentureType.choices, _("Venture types"))
    eligible_stages = _checkboxes(VentureStage.choices, _("Venture stages"))
    eligible_founders_societies = _checkboxes(
        [c for c in FoundersSociety.choices if c[0]], _("Founders' society")
    )
    eligible_organisation_kinds = _checkboxes(OrganisationKind.choices, _("Organisation kinds"))
    eligible_domains = _checkboxes([], _("Domains"))
    eligible_populations = _checkboxes([], _("Populations served"))
    eligible_regions = _checkboxes([], _("Regions"))

    def __init__(
        self,
        *args: Any,
        communities: QuerySet[Community],
        allow_no_community: bool,
        call: Call | None = None,
        **kwargs: Any,
    ) -> None:
        if call is not None:
            kwargs.setdefault("initial", initial_for(call))
        super().__init__(*args, **kwargs)
        community_field = self.fields["community"]
        community_field.queryset = communities  # type: ignore[attr-defined]
        community_field.required = not allow_no_community
        challenge_ids = list(call.challenges.values_list("pk", flat=True)) if call else []
        self.fields["challenges"].queryset = Challenge.objects.filter(  # type: ignore[attr-defined]
            pk__in=challenge_ids
        ) | Challenge.objects.filter(status="open")
        self.fields["eligible_domains"].choices = _slugs(Domain)  # type: ignore[attr-defined]
        self.fields["eligible_populations"].choices = _slugs(TargetPopulation)  # type: ignore[attr-defined]
        self.fields["eligible_regions"].choices = _slugs(Region)  # type: ignore[attr-defined]

    def clean_reviewer_emails(self) -> list[User]:
        emails = [line.strip().lower() for line in self.cleaned_data["reviewer_emails"].split()]
        emails = [email for email in emails if email]
        users = list(User.objects.filter(email__in=emails))
        found = {user.email.lower() for user in users}
        unknown = [email for email in emails if email not in found]
        if unknown:
            raise forms.ValidationError(
                _("No registered user has the address %(emails)s."),
                params={"emails": ", ".join(unknown)},
            )
        return users

    def service_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values = {
            field: data[field]
            for field in (
                "title",
                "title_en",
                "title_ar",
                "summary",
                "description",
                "mechanism",
                "offers",
                "community",
                "challenges",
                "opens_at",
                "deadline",
                "review_ends_on",
                "decision_on",
                "budget",
                "reviews_per_application",
            )
        }
        values["reviewers"] = data["reviewer_emails"]
        values["eligibility"] = {key: data[field] for key, field in ELIGIBILITY_FIELDS.items()}
        return values


def initial_for(call: Call) -> dict[str, Any]:
    initial: dict[str, Any] = {
        field: getattr(call, field)
        for field in (
            "title",
            "title_en",
            "title_ar",
            "summary",
            "description",
            "mechanism",
            "offers",
            "community",
            "opens_at",
            "deadline",
            "review_ends_on",
            "decision_on",
            "budget",
            "reviews_per_application",
        )
    }
    initial["challenges"] = list(call.challenges.all())
    initial["reviewer_emails"] = "\n".join(call.reviewers.values_list("email", flat=True))
    for key, field in ELIGIBILITY_FIELDS.items():
        initial[field] = (call.eligibility or {}).get(key, [])
    return initial


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Criterion (Hebrew)"), max_length=200)
    name_en = forms.CharField(label=_("Criterion (English)"), max_length=200, required=False)
    name_ar = forms.CharField(label=_("Criterion (Arabic)"), max_length=200, required=False)
    description = forms.CharField(
        label=_("What to look for"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    weight = forms.DecimalField(label=_("Weight"), max_digits=6, decimal_places=2, initial=1)
    scale_min = forms.IntegerField(
        label=_("Lowest score"), min_value=0, max_value=SCALE_CEILING, initial=1
    )
    scale_max = forms.IntegerField(
        label=_("Highest score"), min_value=1, max_value=SCALE_CEILING, initial=5
    )


class SectionForm(forms.Form):
    title = forms.CharField(label=_("Section title (Hebrew)"), max_length=200)
    title_en = forms.CharField(label=_("Section title (English)"), max_length=200, required=False)
    title_ar = forms.CharField(label=_("Section title (Arabic)"), max_length=200, required=False)


class QuestionForm(forms.Form):
    """A question's wording and the settings of its kind (the builder's services check
    which settings the kind needs)."""

    kind = forms.ChoiceField(label=_("Kind of question"), choices=QuestionKind.choices)
    label = forms.CharField(label=_("Question (Hebrew)"), max_length=500)
    label_en = forms.CharField(label=_("Question (English)"), max_length=500, required=False)
    label_ar = forms.CharField(label=_("Question (Arabic)"), max_length=500, required=False)
    help_text = forms.CharField(
        label=_("Help text (Hebrew)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    help_text_en = forms.CharField(
        label=_("Help text (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    help_text_ar = forms.CharField(
        label=_("Help text (Arabic)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False, initial=True)
    section = forms.TypedChoiceField(
        label=_("Section"), required=False, coerce=int, empty_value=None
    )
    max_length = forms.IntegerField(
        label=_("Length limit (characters)"),
        required=False,
        min_value=1,
        help_text=_("For text questions; a long text needs one."),
    )
    min_value = forms.DecimalField(
        label=_("Lowest number"), required=False, max_digits=14, decimal_places=2
    )
    max_value = forms.DecimalField(
        label=_("Highest number"), required=False, max_digits=14, decimal_places=2
    )
    choices = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For choice questions: one a line, as Hebrew | English | Arabic."),
    )
    file_types = forms.CharField(
        label=_("File types"),
        required=False,
        help_text=_("For file questions: extensions, such as pdf, docx."),
    )
    max_file_mb = forms.IntegerField(
        label=_("Largest file (MB)"),
        required=False,
        min_value=1,
        max_value=FILE_SIZE_CEILING_MB,
        initial=FILE_SIZE_CEILING_MB,
    )

    def __init__(self, *args: Any, sections: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [  # type: ignore[attr-defined]
            ("", _("No section")),
            *[(str(position), title) for position, title in sections],
        ]

    def service_values(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


def question_initial(question: Question, section_position: int | None) -> dict[str, Any]:
    initial = {
        field: getattr(question, field)
        for field in (
            "kind",
            "label",
            "label_en",
            "label_ar",
            "help_text",
            "help_text_en",
            "help_text_ar",
            "required",
            "max_length",
            "min_value",
            "max_value",
            "max_file_mb",
        )
    }
    initial["choices"] = choices_as_text(question.choices)
    initial["file_types"] = ", ".join(question.file_types)
    initial["section"] = section_position
    return initial


class CallFilterForm(forms.Form):
    """The list's filters; unknown values are ignored."""

    mechanism = forms.ChoiceField(
        label=_("Mechanism"), required=False, choices=[("", _("Any")), *Mechanism.choices]
    )
    community = forms.ChoiceField(label=_("Community"), required=False)
    offer = forms.ChoiceField(
        label=_("Offers"), required=False, choices=[("", _("Any")), *Offer.choices]
    )

    def __init__(self, *args: Any, communities: list[Community], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["community"].choices = [  # type: ignore[attr-defined]
            ("", _("Any")),
            *[(community.slug, community.display_name) for community in communities],
        ]
