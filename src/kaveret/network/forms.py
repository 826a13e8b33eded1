"""The map's filter form: the query string of a shared view, parsed into ``GraphFilters``."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from kaveret.communities.selectors import visible_communities
from kaveret.core.forms import with_all
from kaveret.ecosystem.choices import (
    OrganisationKind,
    PartnershipLevel,
    RelationKind,
    Sector,
    VentureType,
)
from kaveret.ecosystem.models import Domain, Region, TargetPopulation

from .graph import VENTURE_SECTOR, GraphFilters
from .map import TABLE_SORTS


class MapFilterForm(forms.Form):
    """Every filter of the map; a value that is not a choice is ignored, not an error.

    Only the communities the user may see are choices, so a visitor cannot learn who belongs
    to a hidden community by guessing its slug.
    """

    community = forms.ChoiceField(label=_("Community"), required=False)
    sector = forms.ChoiceField(
        label=_("Sector"),
        required=False,
        choices=with_all([*Sector.choices, (VENTURE_SECTOR, _("Ventures"))]),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=with_all(
            [
                (_("Organisations"), OrganisationKind.choices),
                (_("Ventures"), VentureType.choices),
            ]
        ),
    )
    domain = forms.ChoiceField(label=_("Domain"), required=False)
    population = forms.ChoiceField(label=_("Target population"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    relation_kind = forms.ChoiceField(
        label=_("Relation kind"), required=False, choices=with_all(RelationKind.choices)
    )
    level = forms.TypedChoiceField(
        label=_("Partnership level"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=with_all(PartnershipLevel.choices),
    )
    active_from = forms.DateField(
        label=_("Active from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    active_until = forms.DateField(
        label=_("Active until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_fields = {
            "community": [(c.slug, c.display_name) for c in visible_communities(user)],
            "domain": [(d.slug, d.display_name) for d in Domain.objects.all()],
            "population": [(p.slug, p.display_name) for p in TargetPopulation.objects.all()],
            "region": [(r.slug, r.display_name) for r in Region.objects.all()],
        }
        for name, choices in choice_fields.items():
            cast(forms.ChoiceField, self.fields[name]).choices = with_all(choices)

    def filters(self) -> GraphFilters:
        """The valid filters; an invalid field is dropped, the others still apply."""
        if not self.is_bound:
            return GraphFilters()
        self.is_valid()
        data = self.cleaned_data
        return GraphFilters(
            community=data.get("community") or "",
            sector=data.get("sector") or "",
            kind=data.get("kind") or "",
            domain=data.get("domain") or "",
            population=data.get("population") or "",
            region=data.get("region") or "",
            relation_kind=data.get("relation_kind") or "",
            level=data.get("level"),
            active_on_or_after=data.get("active_from"),
            active_on_or_before=data.get("active_until"),
        )


def table_sort(value: str) -> str:
    """The table's sort from the query string: a column, ``-`` for descending; else name."""
    return value if value.removeprefix("-") in TABLE_SORTS else "name"
