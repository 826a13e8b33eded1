"""The forms of the definition page: one expectation, one legal item, the pilot plan, the
ambassador, the agreement. They check the shape of the input; the rules are the services'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kaveret.ecosystem.models import Person

from .models import AgreementStatus, Expectation, LegalItem, Partnership, PilotPlan

DATE = {"type": "date"}


class ExpectationForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=AgreementStatus.choices)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, expectation: Expectation, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"expectation-{expectation.key}")
        kwargs.setdefault("initial", {"status": expectation.status, "note": expectation.note})
        super().__init__(*args, **kwargs)
        self.expectation = expectation
        self.form_id = f"expectation-form-{expectation.key}"
        for field in self.fields.values():
            field.widget.attrs["form"] = self.form_id


class LegalItemForm(forms.Form):
    agreed_text = forms.CharField(
        label=_("Agreed text"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    is_agreed = forms.BooleanField(label=_("Agreed by both sides"), required=False)

    def __init__(self, *args: Any, item: LegalItem, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"legal-{item.key}")
        kwargs.setdefault("initial", {"agreed_text": item.agreed_text, "is_agreed": item.is_agreed})
        super().__init__(*args, **kwargs)
        self.item = item


class PilotPlanForm(forms.ModelForm):
    class Meta:
        model = PilotPlan
        fields = (
            "scope",
            "participants_headquarters",
            "participants_field",
            "data_access",
            "terms_of_use",
            "training_support",
            "feedback_collection",
            "adaptation_level",
            "duration",
            "starts_on",
            "ends_on",
            "success_indicators",
        )
        widgets = {
            "starts_on": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in (
                    "scope",
                    "participants_headquarters",
                    "participants_field",
                    "data_access",
                    "terms_of_use",
                    "training_support",
                    "feedback_collection",
                    "adaptation_level",
                    "success_indicators",
                )
            },
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "plan")
        super().__init__(*args, **kwargs)

    def _post_clean(self) -> None:
        """The service validates and saves; the form does not touch the instance."""


class AmbassadorForm(forms.Form):
    name = forms.CharField(label=_("Internal ambassador's name"), required=False, max_length=200)
    role = forms.CharField(label=_("Ambassador's role"), required=False, max_length=200)
    person = forms.ModelChoiceField(
        label=_("Or choose someone of the organisation"),
        queryset=Person.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "ambassador")
        kwargs.setdefault(
            "initial",
            {
                "name": partnership.ambassador_name,
                "role": partnership.ambassador_role,
                "person": partnership.ambassador_id,
            },
        )
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Person.objects.filter(
            affiliations__actor_id=partnership.organisation_id
        ).distinct()


class AgreementForm(forms.Form):
    signed_on = forms.DateField(
        label=_("Agreement signed on"),
        required=False,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        help_text=_("Leave empty while the agreement is not signed."),
    )

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "agreement")
        kwargs.setdefault("initial", {"signed_on": partnership.agreement_signed_on})
        super().__init__(*args, **kwargs)
