"""The search page's form: the query and its filters (slugs, as in the other lists)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from kaveret.communities.models import Community
from kaveret.communities.rules import visible_community_condition
from kaveret.core.forms import with_all
from kaveret.ecosystem.choices import VentureStage
from kaveret.ecosystem.models import Domain, TargetPopulation

from .engine import SearchFilters
from .models import DocumentKind

MAX_QUERY_LENGTH = 300


class SearchForm(forms.Form):
    """What to find, and where; an unknown filter value is ignored, not an error."""

    q = forms.CharField(label=_("Search"), required=False, max_length=MAX_QUERY_LENGTH, strip=True)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[])
    domain = forms.ChoiceField(label=_("Domain"), required=False)
    population = forms.ChoiceField(label=_("Target population"), required=False)
    community = forms.ChoiceField(label=_("Community"), required=False)
    stage = forms.ChoiceField(
        label=_("Venture stage"), required=False, choices=with_all(VentureStage.choices)
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = with_all(list(DocumentKind.choices))
        self._domains = {d.slug: d for d in Domain.objects.order_by("name")}
        self._populations = {p.slug: p for p in TargetPopulation.objects.order_by("name")}
        self._communities = {
            c.slug: c
            for c in Community.objects.filter(visible_community_condition(user)).order_by("name")
        }
        cast(forms.ChoiceField, self.fields["domain"]).choices = with_all(
            [(slug, d.display_name) for slug, d in self._domains.items()]
        )
        cast(forms.ChoiceField, self.fields["population"]).choices = with_all(
            [(slug, p.display_name) for slug, p in self._populations.items()]
        )
        cast(forms.ChoiceField, self.fields["community"]).choices = with_all(
            [(slug, c.display_name) for slug, c in self._communities.items()]
        )

    def _data(self) -> dict[str, Any]:
        self.is_valid()
        data = dict(getattr(self, "cleaned_data", {}))
        # A field with a bad value is dropped, the others still apply.
        for name in self.errors:
            data.pop(name, None)
        return data

    def query(self) -> str:
        return str(self._data().get("q") or "")

    def filters(self) -> SearchFilters:
        data = self._data()
        domain = self._domains.get(data.get("domain") or "")
        population = self._populations.get(data.get("population") or "")
        community = self._communities.get(data.get("community") or "")
        return SearchFilters(
            kinds=(data["kind"],) if data.get("kind") else (),
            domain_ids=(domain.pk,) if domain else (),
            population_ids=(population.pk,) if population else (),
            community_ids=(community.pk,) if community else (),
            stages=(data["stage"],) if data.get("stage") else (),
        )

    def has_filters(self) -> bool:
        filters = self.filters()
        return bool(
            filters.kinds
            or filters.domain_ids
            or filters.population_ids
            or filters.community_ids
            or filters.stages
        )
