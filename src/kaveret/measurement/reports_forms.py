"""The form to request a report: which report, of what, in which language and format.

The choices offered are only what the user may produce (``reports_services.reportable``);
the service checks again.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import ReportFormat, ReportKind
from .reports_services import FIRST_YEAR, Reportable


class ReportRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=ReportKind.choices)
    plan = forms.TypedChoiceField(
        label=_("Work plan"), coerce=int, required=False, empty_value=None
    )
    community = forms.ChoiceField(label=_("Community"), required=False)
    year = forms.IntegerField(
        label=_("Year of the community's report"),
        required=False,
        min_value=FIRST_YEAR,
        max_value=datetime.date.today().year + 1,
    )
    call = forms.ChoiceField(label=_("Call"), required=False)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    format = forms.ChoiceField(label=_("Format"), choices=ReportFormat.choices)

    def __init__(self, *args: Any, reportable: Reportable, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = []
        if reportable.plans:
            kinds.append((ReportKind.WORK_PLAN.value, ReportKind.WORK_PLAN.label))
        if reportable.communities:
            kinds.append((ReportKind.COMMUNITY_YEAR.value, ReportKind.COMMUNITY_YEAR.label))
        if reportable.calls:
            kinds.append((ReportKind.CALL_RESULTS.value, ReportKind.CALL_RESULTS.label))
        self._choices("kind", kinds)
        blank = [("", _("Choose…"))]
        self._choices(
            "plan", blank + [(plan.pk, f"{plan.title} ({plan.year})") for plan in reportable.plans]
        )
        self._choices(
            "community",
            blank
            + [(community.slug, community.display_name) for community in reportable.communities],
        )
        self._choices("call", blank + [(call.slug, call.title) for call in reportable.calls])

    def _choices(self, name: str, choices: list[tuple[Any, Any]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        needed: list[str] = {
            ReportKind.WORK_PLAN.value: ["plan"],
            ReportKind.COMMUNITY_YEAR.value: ["community", "year"],
            ReportKind.CALL_RESULTS.value: ["call"],
        }.get(str(data.get("kind", "")), [])
        for name in needed:
            if data.get(name) in (None, ""):
                self.add_error(name, _("Choose one for this report."))
        return data

    def params(self) -> dict[str, Any]:
        data = self.cleaned_data
        if data["kind"] == ReportKind.WORK_PLAN:
            return {"plan": data["plan"]}
        if data["kind"] == ReportKind.COMMUNITY_YEAR:
            return {"community": data["community"], "year": data["year"]}
        return {"call": data["call"]}
