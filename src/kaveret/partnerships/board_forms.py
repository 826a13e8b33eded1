"""Forms of the board: filters, creating and editing a partnership, moves, five factors."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kaveret.accounts.roles import is_platform_admin
from kaveret.calls.models import Call
from kaveret.challenges.models import Challenge
from kaveret.challenges.rules import visible_challenges_condition
from kaveret.communities.models import Community
from kaveret.communities.rules import (
    member_community_ids,
    represented_actor_ids,
    visible_community_condition,
)
from kaveret.ecosystem.choices import FactorScore, PartnershipLevel
from kaveret.ecosystem.models import Organisation, Venture

from .models import Origin, Partnership, PartyRole, RiskKey, Stage
from .rules import staff_community_ids
from .selectors import BoardFilters
from .services import COMMON_RISKS, DEFAULT_RISKS, FACTOR_FIELDS

PARTY_ROWS = 2


def _blank(label: Any) -> list[tuple[str, Any]]:
    return [("", label)]


class BoardFilterForm(forms.Form):
    """Filters of the board; unknown values are ignored, not errors."""

    q = forms.CharField(label=_("Search by title"), required=False, max_length=200)
    community = forms.TypedChoiceField(label=_("Community"), required=False, coerce=int)
    organisation = forms.TypedChoiceField(label=_("Organisation"), required=False, coerce=int)
    venture = forms.TypedChoiceField(label=_("Venture"), required=False, coerce=int)
    challenge = forms.TypedChoiceField(label=_("Challenge"), required=False, coerce=int)
    stage = forms.ChoiceField(
        label=_("Stage"), required=False, choices=[*_blank(_("All")), *Stage.choices]
    )

    def __init__(self, *args: Any, choices: dict[str, list[tuple[int, str]]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        for name in ("community", "organisation", "venture", "challenge"):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [*_blank(_("All")), *choices.get(name, [])]

    def filters(self) -> BoardFilters:
        if not self.is_bound or not self.is_valid():
            data = self.cleaned_data if self.is_bound else {}
            data = {key: value for key, value in data.items() if key not in self.errors}
        else:
            data = self.cleaned_data
        return BoardFilters(
            community=data.get("community") or None,
            organisation=data.get("organisation") or None,
            venture=data.get("venture") or None,
            challenge=data.get("challenge") or None,
            stage=data.get("stage") or "",
            q=data.get("q") or "",
        )


def _visible_calls(user: Any) -> Any:
    """Published calls of no community or of a community ``user`` may see."""
    calls = Call.objects.filter(is_published=True)
    if is_platform_admin(user):
        return calls
    communities = Community.objects.filter(visible_community_condition(user))
    return calls.filter(Q(community__isnull=True) | Q(community__in=communities))


class PartnershipForm(forms.Form):
    """Creating (with origin and common challenges) or editing (with level) a partnership."""

    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.order_by("name")
    )
    venture = forms.ModelChoiceField(label=_("Venture"), queryset=Venture.objects.order_by("name"))
    challenge = forms.ModelChoiceField(
        label=_("Challenge"),
        required=False,
        queryset=Challenge.objects.exclude(published_at=None).order_by("title"),
    )
    community = forms.ModelChoiceField(
        label=_("Community"), required=False, queryset=Community.objects.order_by("name")
    )

    def __init__(
        self,
        *args: Any,
        creating: bool,
        user: Any,
        partnership: Partnership | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._limit_links(user, partnership)
        own = represented_actor_ids(user)
        visible = Q(is_public=True) | Q(pk__in=own)
        organisations = Organisation.objects.filter(visible).order_by("name")
        self._set_queryset("organisation", organisations)
        self._set_queryset("venture", Venture.objects.filter(visible).order_by("name"))
        if creating:
            self.fields["origin"] = forms.ChoiceField(
                label=_("Came from"), choices=Origin.choices, initial=Origin.DIRECT
            )
            self.fields["origin_call"] = forms.ModelChoiceField(
                label=_("Call it came from"),
                required=False,
                queryset=_visible_calls(user).order_by("-pk"),
            )
            labels = dict(RiskKey.choices)
            self.fields["risks"] = forms.MultipleChoiceField(
                label=_("Common challenges to track as risks"),
                required=False,
                choices=[(key, labels[key]) for key in COMMON_RISKS],
                initial=list(DEFAULT_RISKS),
                widget=forms.CheckboxSelectMultiple,
                help_text=_(
                    "The ones ticked apply to every partnership (seed 001); add the others "
                    "if they apply to this one."
                ),
            )
        else:
            self.fields["level"] = forms.TypedChoiceField(
                label=_("Level on the continuum"),
                required=False,
                coerce=int,
                empty_value=None,
                choices=[*_blank(_("Not chosen yet")), *PartnershipLevel.choices],
            )
        for index in range(1, PARTY_ROWS + 1):
            self.fields[f"party_{index}"] = forms.ModelChoiceField(
                label=_("Other party %(number)d") % {"number": index},
                required=False,
                queryset=organisations,
            )
            self.fields[f"party_{index}_role"] = forms.ChoiceField(
                label=_("Role of other party %(number)d") % {"number": index},
                required=False,
                choices=[*_blank("—"), *PartyRole.choices],
            )

    def _limit_links(self, user: Any, partnership: Partnership | None) -> None:
        """Offer only the challenges the user may see and the communities they belong to
        or run (the partnership's current ones stay, named only if the user sees them)."""
        admin = is_platform_admin(user)
        attachable = Q(pk__in=member_community_ids(user) | staff_community_ids(user))
        visible = Q(visible_challenges_condition(user))
        challenges = visible & ~Q(published_at=None)
        if partnership is not None:
            attachable |= Q(pk=partnership.community_id)
            challenges |= Q(pk=partnership.challenge_id)
        if admin:  # (an empty Q in an "or" would be dropped, not match everything)
            attachable = Q(pk__isnull=False)
        visible_communities = set(
            Community.objects.filter(visible_community_condition(user)).values_list("pk", flat=True)
        )
        community_field = self.fields["community"]
        assert isinstance(community_field, forms.ModelChoiceField)
        community_field.queryset = Community.objects.filter(attachable).order_by("name")
        community_field.label_from_instance = lambda community: (  # type: ignore[method-assign,assignment]
            community.name
            if community.pk in visible_communities
            else str(_("The current community (not visible to you)"))
        )
        visible_challenges: set[int] = set()
        if partnership is not None and partnership.challenge_id is not None:
            visible_challenges = set(
                Challenge.objects.filter(visible, pk=partnership.challenge_id).values_list(
                    "pk", flat=True
                )
            )
        challenge_field = self.fields["challenge"]
        assert isinstance(challenge_field, forms.ModelChoiceField)
        challenge_field.queryset = Challenge.objects.filter(challenges).order_by("title")
        challenge_field.label_from_instance = lambda challenge: (  # type: ignore[method-assign,assignment]
            challenge.title
            if partnership is None
            or challenge.pk != partnership.challenge_id
            or challenge.pk in visible_challenges
            else str(_("The current challenge (not visible to you)"))
        )

    def _set_queryset(self, name: str, queryset: Any) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = queryset

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for index in range(1, PARTY_ROWS + 1):
            if data.get(f"party_{index}") and not data.get(f"party_{index}_role"):
                self.add_error(f"party_{index}_role", _("Choose the role of this party."))
        return data

    def parties(self) -> list[tuple[Any, str]]:
        return [
            (self.cleaned_data[f"party_{index}"], self.cleaned_data[f"party_{index}_role"])
            for index in range(1, PARTY_ROWS + 1)
            if self.cleaned_data.get(f"party_{index}")
        ]

    @classmethod
    def initial_for(cls, partnership: Partnership) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "title": partnership.title,
            "summary": partnership.summary,
            "organisation": partnership.organisation_id,
            "venture": partnership.venture_id,
            "challenge": partnership.challenge_id,
            "community": partnership.community_id,
            "level": partnership.level,
        }
        for index, party in enumerate(partnership.parties.all()[:PARTY_ROWS], start=1):
            initial[f"party_{index}"] = party.actor_id
            initial[f"party_{index}_role"] = party.role
        return initial


class MoveForm(forms.Form):
    """Move to another stage; an admin may add a reason to override an unmet gate."""

    to_stage = forms.ChoiceField(label=_("Move to"), choices=Stage.choices)
    override_reason = forms.CharField(
        label=_("Reason for overriding the gate"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only for an admin moving on although the gate is not met; it is recorded."),
    )

    def __init__(self, *args: Any, targets: list[str], can_override: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        labels = dict(Stage.choices)
        field = self.fields["to_stage"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(value, labels[value]) for value in targets]
        if not can_override:
            del self.fields["override_reason"]


class FactorsForm(forms.Form):
    """The five factors (1-5) and, optionally, a level other than the suggested one."""

    level = forms.TypedChoiceField(
        label=_("Level on the continuum"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[*_blank(_("Take the suggested level")), *PartnershipLevel.choices],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, forms.Field] = {}
        for name in FACTOR_FIELDS:
            model_field = Partnership._meta.get_field(name)
            fields[name] = forms.TypedChoiceField(
                label=str(getattr(model_field, "verbose_name", name)).capitalize(),
                coerce=int,
                choices=[*_blank("—"), *FactorScore.choices],
            )
        fields["level"] = self.fields.pop("level")
        self.fields.clear()
        self.fields.update(fields)


class StagePeriodForm(forms.Form):
    """A stage's dates, owner and notes."""

    starts_on = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    due_on = forms.DateField(
        label=_("Planned until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ended_on = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    owner: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Owner"), required=False, queryset=None
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owner"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = owners
        field.label_from_instance = lambda user: user.public_name  # type: ignore[method-assign,assignment]
