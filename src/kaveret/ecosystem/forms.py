"""Forms for the registry. They parse and show errors; the services hold the rules."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from kaveret.core.errors import DomainError

from . import services
from .choices import OrganisationKind, Sector, VentureStage, VentureType
from .models import (
    Actor,
    Domain,
    Organisation,
    Region,
    Relation,
    TargetPopulation,
    Technology,
    Venture,
)
from .selectors import ORGANISATION_SORTS, VENTURE_SORTS, DirectoryFilters


def attach_domain_error(form: forms.BaseForm, error: DomainError) -> None:
    """Show a service's error on the form: on its field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _blank(label: Any) -> list[tuple[str, Any]]:
    return [("", label)]


class DirectoryFilterForm(forms.Form):
    """The filters shared by both directories; unknown values are ignored, not errors."""

    q = forms.CharField(label=_("Search by name"), required=False, max_length=200)
    domain = forms.ChoiceField(label=_("Domain"), required=False)
    population = forms.ChoiceField(label=_("Target population"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False)

    sort_choices: list[tuple[str, Any]] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        any_label = _("All")
        cast(forms.ChoiceField, self.fields["domain"]).choices = _blank(any_label) + [
            (d.slug, d.display_name) for d in Domain.objects.all()
        ]
        cast(forms.ChoiceField, self.fields["population"]).choices = _blank(any_label) + [
            (p.slug, p.display_name) for p in TargetPopulation.objects.all()
        ]
        cast(forms.ChoiceField, self.fields["region"]).choices = _blank(any_label) + [
            (r.slug, r.display_name) for r in Region.objects.all()
        ]
        cast(forms.ChoiceField, self.fields["sort"]).choices = self.sort_choices

    def filters(self) -> DirectoryFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return DirectoryFilters(**{k: v for k, v in data.items() if v})


class OrganisationFilterForm(DirectoryFilterForm):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=_blank(_("All")) + OrganisationKind.choices
    )
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=_blank(_("All")) + Sector.choices
    )
    sort_choices = [
        ("name", _("Name (A to Z)")),
        ("-name", _("Name (Z to A)")),
        ("newest", _("Newest first")),
        ("kind", _("Kind")),
    ]
    field_order = ["q", "kind", "sector", "domain", "population", "region", "sort"]


class VentureFilterForm(DirectoryFilterForm):
    venture_type = forms.ChoiceField(
        label=_("Venture type"), required=False, choices=_blank(_("All")) + VentureType.choices
    )
    stage = forms.ChoiceField(
        label=_("Stage"), required=False, choices=_blank(_("All")) + VentureStage.choices
    )
    technology = forms.ChoiceField(label=_("Technology"), required=False)
    sort_choices = [
        ("name", _("Name (A to Z)")),
        ("-name", _("Name (Z to A)")),
        ("newest", _("Newest first")),
        ("stage", _("Stage")),
    ]
    field_order = [
        "q",
        "venture_type",
        "stage",
        "domain",
        "population",
        "region",
        "technology",
        "sort",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["technology"]).choices = _blank(_("All")) + [
            (t.slug, t.display_name) for t in Technology.objects.all()
        ]


assert set(ORGANISATION_SORTS) == {value for value, _label in OrganisationFilterForm.sort_choices}
assert set(VENTURE_SORTS) == {value for value, _label in VentureFilterForm.sort_choices}


class ActorForm(forms.ModelForm):
    """Create or edit an actor through its service, showing the service's errors."""

    user: Any
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        for name in ("domains", "target_populations", "regions", "technologies"):
            if name in self.fields:
                self.fields[name].widget = forms.CheckboxSelectMultiple()

    def _call_service(self) -> Actor:
        raise NotImplementedError

    def save(self, commit: bool = True) -> Any:
        try:
            return self._call_service()
        except DomainError as error:
            attach_domain_error(self, error)
            raise

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields if name in self.cleaned_data}


class OrganisationForm(ActorForm):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "name_en",
            "name_ar",
            "kind",
            "registration_number",
            "description",
            "website",
            "email",
            "domains",
            "target_populations",
            "regions",
            "is_public",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def _call_service(self) -> Actor:
        if self.instance.pk:
            return services.update_organisation(
                by=self.user, organisation=self.instance, **self.values()
            )
        return services.create_organisation(by=self.user, **self.values())


class VentureForm(ActorForm):
    class Meta:
        model = Venture
        fields = [
            "name",
            "name_en",
            "name_ar",
            "venture_type",
            "stage",
            "origin",
            "founded_year",
            "founders_society",
            "description",
            "website",
            "email",
            "domains",
            "target_populations",
            "technologies",
            "regions",
            "is_public",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def _call_service(self) -> Actor:
        if self.instance.pk:
            return services.update_venture(by=self.user, venture=self.instance, **self.values())
        return services.create_venture(by=self.user, **self.values())


class RelationForm(forms.ModelForm):
    """A new relation from a given actor to another."""

    target = forms.ModelChoiceField(
        label=_("With"), queryset=Actor.objects.order_by("name"), widget=forms.Select
    )

    class Meta:
        model = Relation
        fields = [
            "target",
            "kind",
            "started_on",
            "ended_on",
            "level",
            "proximity",
            "contribution",
            "added_value",
            "power_gaps",
            "investment_capacity",
            "description",
            "is_public",
        ]
        widgets = {
            "started_on": forms.DateInput(attrs={"type": "date"}),
            "ended_on": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, user: Any, source: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.source = source
        cast(forms.ModelChoiceField, self.fields["target"]).queryset = Actor.objects.exclude(
            pk=source.pk
        ).order_by("name")

    def _post_clean(self) -> None:
        # The service validates the relation as a whole; skip the model's own pass.
        pass

    def save(self, commit: bool = True) -> Relation:
        values = {k: v for k, v in self.cleaned_data.items() if k != "target"}
        kind = values.pop("kind")
        try:
            return services.create_relation(
                by=self.user,
                source=self.source,
                target=self.cleaned_data["target"],
                kind=kind,
                **values,
            )
        except DomainError as error:
            attach_domain_error(self, error)
            raise
