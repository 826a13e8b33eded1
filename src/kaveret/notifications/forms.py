"""The preferences form: a default delivery and, per kind, "as the default" or another."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Delivery, NotificationKind, NotificationPreference

AS_DEFAULT = ""
KIND_HELP: dict[str, Any] = {
    NotificationKind.MEMBERSHIP_APPROVED: _("When a community approves your request to join."),
    NotificationKind.MEMBERSHIP_DECLINED: _("When a community declines your request to join."),
    NotificationKind.EVENT_REMINDER: _("A day before an event you registered for."),
    NotificationKind.WAITLIST_SEAT: _("When a seat is freed and given to you from a waiting list."),
    NotificationKind.KNOWLEDGE_REVIEW: _("When a knowledge item waits for your review."),
    NotificationKind.KNOWLEDGE_DECIDED: _("When your knowledge item is published or sent back."),
}


def kind_field_name(kind: str) -> str:
    return f"kind_{kind}"


class PreferencesForm(forms.Form):
    default_delivery = forms.ChoiceField(
        label=_("E-mail me about notifications"),
        choices=Delivery.choices,
        widget=forms.RadioSelect,
        help_text=_("You always see every notification on the site."),
    )

    def __init__(self, *args: Any, preference: NotificationPreference, **kwargs: Any) -> None:
        initial = {"default_delivery": preference.default_delivery}
        for kind in NotificationKind.values:
            initial[kind_field_name(kind)] = (preference.overrides or {}).get(kind, AS_DEFAULT)
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        for kind, label in NotificationKind.choices:
            self.fields[kind_field_name(kind)] = forms.ChoiceField(
                label=label,
                choices=[(AS_DEFAULT, _("As my default")), *Delivery.choices],
                widget=forms.RadioSelect,
                required=False,
                help_text=KIND_HELP.get(kind, ""),
            )

    def kind_fields(self) -> list[forms.BoundField]:
        return [self[kind_field_name(kind)] for kind in NotificationKind.values]

    def overrides(self) -> dict[str, str]:
        return {
            kind: self.cleaned_data.get(kind_field_name(kind)) or AS_DEFAULT
            for kind in NotificationKind.values
        }
