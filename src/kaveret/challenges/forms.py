"""Forms of the challenge pages; they collect values, the services decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from kaveret.communities.models import Community
from kaveret.communities.rules import visible_community_condition
from kaveret.core.forms import with_all
from kaveret.ecosystem.choices import OrganisationKind
from kaveret.ecosystem.models import Domain, Organisation, TargetPopulation

from .models import Challenge, ChallengeKind, ChallengeStatus, MapTag, field_label
from .selectors import ChallengeFilters


class ChallengeFilterForm(forms.Form):
    """The list's filters; an unknown value is ignored, not an error."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=with_all(ChallengeKind.choices)
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=with_all(ChallengeStatus.choices)
    )
    domain = forms.ChoiceField(label=_("Domain"), required=False)
    population = forms.ChoiceField(label=_("Target population"), required=False)
    community = forms.ChoiceField(label=_("Community"), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["domain"]).choices = with_all(
            [(d.slug, d.display_name) for d in Domain.objects.order_by("name")]
        )
        cast(forms.ChoiceField, self.fields["population"]).choices = with_all(
            [(p.slug, p.display_name) for p in TargetPopulation.objects.order_by("name")]
        )
        communities = Community.objects.filter(visible_community_condition(user)).order_by("name")
        cast(forms.ChoiceField, self.fields["community"]).choices = with_all(
            [(c.slug, c.display_name) for c in communities]
        )

    def filters(self) -> ChallengeFilters:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return ChallengeFilters(**{key: value for key, value in data.items() if value})


class ChallengeForm(forms.ModelForm):
    """Create or edit a challenge; the criteria and MAP tags count for system challenges."""

    criteria = forms.MultipleChoiceField(
        label=_("The five criteria of a system challenge"),
        required=False,
        choices=[
            (field.name, capfirst(field.verbose_name))
            for field in Challenge._meta.fields
            if field.name in Challenge.SYSTEM_CRITERIA
        ],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick each criterion the challenge meets."),
    )
    map_tags = forms.MultipleChoiceField(
        label=_("MAP tags"),
        required=False,
        choices=MapTag.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For a system challenge: Mindset, Ability, Pipes and mechanisms."),
    )

    class Meta:
        model = Challenge
        fields = (
            "title",
            "kind",
            "problem",
            "background",
            "evidence",
            "success_measures",
            "populations",
            "domain",
            "community",
            "owner_kind",
            "owner_organisation",
            "origin",
            "map_tags",
        )
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 5}),
            "background": forms.Textarea(attrs={"rows": 5}),
            "evidence": forms.Textarea(attrs={"rows": 4}),
            "success_measures": forms.Textarea(attrs={"rows": 4}),
            "populations": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields = self.fields
        cast(forms.ModelChoiceField, fields["community"]).queryset = Community.objects.filter(
            visible_community_condition(user)
        ).order_by("name")
        cast(
            forms.ModelChoiceField, fields["owner_organisation"]
        ).queryset = Organisation.objects.filter(kind=OrganisationKind.MINISTRY).order_by("name")
        cast(forms.ModelChoiceField, fields["domain"]).queryset = Domain.objects.order_by("name")
        cast(
            forms.ModelChoiceField, fields["populations"]
        ).queryset = TargetPopulation.objects.order_by("name")
        self.order_fields([*self._meta.fields[:-1], "criteria", "map_tags"])  # type: ignore[index]
        if self.instance.pk:
            self.initial["map_tags"] = list(self.instance.map_tags or [])
            self.initial["criteria"] = [
                name for name in Challenge.SYSTEM_CRITERIA if getattr(self.instance, name)
            ]

    def values(self) -> dict[str, Any]:
        """The cleaned values as the services take them."""
        data = dict(self.cleaned_data)
        data["populations"] = list(data.get("populations") or [])
        met = set(data.pop("criteria", None) or [])
        data.update({name: name in met for name in Challenge.SYSTEM_CRITERIA})
        return data


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["status"]).choices = choices


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )


class ProposalForm(forms.Form):
    """The current text of each refinable field, to change; only changed fields count."""

    note = forms.CharField(
        label=_("Why this change"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Tell the owner what your edit improves."),
    )

    def __init__(self, *args: Any, challenge: Challenge, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in Challenge.REFINABLE_FIELDS:
            self.fields[field] = forms.CharField(
                label=field_label(field),
                required=False,
                initial=getattr(challenge, field),
                widget=forms.TextInput() if field == "title" else forms.Textarea(attrs={"rows": 5}),
            )
        self.order_fields([*Challenge.REFINABLE_FIELDS, "note"])

    def changes(self) -> dict[str, str]:
        return {field: self.cleaned_data.get(field, "") for field in Challenge.REFINABLE_FIELDS}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept and apply")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Message to the author"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
