"""Forms of the portfolio: a plan, an area, a programme, a yearly target, a budget line.

The forms only collect and check the input; ``portfolio_services`` writes (and validates
again), and its ``DomainError`` is shown on the field it names.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kaveret.accounts.roles import is_platform_admin
from kaveret.ecosystem.models import Actor
from kaveret.partnerships.rules import staff_community_ids

from .models import Area, BudgetLine, Indicator, MapTag, Programme, Target, WorkPlan


class PlanForm(forms.ModelForm):
    class Meta:
        model = WorkPlan
        fields = (
            "year",
            "title",
            "title_en",
            "organisation",
            "community",
            "currency",
            "budget_note",
            "opening_letter",
            "opening_signature",
            "background",
            "is_published",
        )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if user is not None and not is_platform_admin(user):
            # a plan belongs to a community its editor runs (platform admins: any, or none)
            field = self.fields["community"]
            field.queryset = field.queryset.filter(pk__in=staff_community_ids(user))  # type: ignore[attr-defined]
            field.required = True

    def _post_clean(self) -> None:  # the service validates the model (unique year)
        pass


class AreaForm(forms.ModelForm):
    class Meta:
        model = Area
        fields = ("name", "name_en", "name_ar", "slug", "order", "description")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Left empty, it is made from the name.")

    def _post_clean(self) -> None:
        pass


class ProgrammeForm(forms.ModelForm):
    map_tags = forms.MultipleChoiceField(
        label=_("MAP tags"),
        choices=MapTag.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("partners in the registry"),
        queryset=Actor.objects.none(),
        required=False,
    )

    class Meta:
        model = Programme
        fields = (
            "area",
            "title",
            "title_en",
            "slug",
            "order",
            "background",
            "main_goal",
            "partners_text",
            "partners",
            "community",
            "map_tags",
        )

    def __init__(self, *args: Any, plan: WorkPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(plan=plan)  # type: ignore[attr-defined]
        partners = self.fields["partners"]
        partners.queryset = Actor.objects.order_by("name")  # type: ignore[attr-defined]
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Left empty, it is made from the title.")

    def _post_clean(self) -> None:
        pass


class TargetForm(forms.ModelForm):
    class Meta:
        model = Target
        fields = ("text", "order", "indicator")

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(  # type: ignore[attr-defined]
            programme=programme
        ) | Indicator.objects.filter(programme__isnull=True, is_shared=True)
        self.fields["order"].required = False

    def _post_clean(self) -> None:
        pass


class BudgetLineForm(forms.ModelForm):
    class Meta:
        model = BudgetLine
        fields = ("area", "programme", "label", "inside", "outside")

    def __init__(self, *args: Any, plan: WorkPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(plan=plan)  # type: ignore[attr-defined]
        self.fields["programme"].queryset = Programme.objects.filter(plan=plan)  # type: ignore[attr-defined]
        for name in ("inside", "outside"):
            self.fields[name].widget.attrs["min"] = "0"

    def _post_clean(self) -> None:
        pass
