"""Forms of communities: an event, and the attendance sheet."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kaveret.core.errors import DomainError
from kaveret.ecosystem.forms import attach_domain_error

from . import services
from .models import Community, Event


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class EventForm(forms.ModelForm):
    """Create or edit an event; times are entered in Israel time."""

    online_link = forms.URLField(label=_("online link"), required=False, assume_scheme="https")

    class Meta:
        model = Event
        fields = services.EVENT_FIELDS
        widgets = {
            "starts_at": DateTimeLocalInput(),
            "ends_at": DateTimeLocalInput(),
            "description": forms.Textarea(attrs={"rows": 5}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "starts_at": _("Israel time."),
            "ends_at": _("Israel time."),
            "accessibility": _("Step-free access, sign language, captions, parking, and so on."),
        }

    def __init__(self, *args: Any, user: Any, community: Community, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.community = community
        for name in ("starts_at", "ends_at"):
            field = self.fields[name]
            assert isinstance(field, forms.DateTimeField)
            field.input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]

    def _post_clean(self) -> None:
        # The service validates; the model's own validation would only repeat it.
        pass

    def save(self, commit: bool = True) -> Event:
        values = {field: self.cleaned_data[field] for field in services.EVENT_FIELDS}
        try:
            if self.instance.pk:
                return services.event_update(by=self.user, event=self.instance, values=values)
            return services.event_create(by=self.user, community=self.community, values=values)
        except DomainError as error:
            attach_domain_error(self, error)
            raise
