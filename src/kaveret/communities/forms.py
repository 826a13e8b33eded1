"""Forms of communities: events, joining, decisions, invitations and roles."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kaveret.accounts.models import COMMUNITY_ROLES, Role
from kaveret.core.errors import DomainError
from kaveret.ecosystem.forms import attach_domain_error
from kaveret.ecosystem.models import Actor

from . import services
from .models import Community, Event, MemberType


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


# Membership


class JoinForm(forms.Form):
    """Ask to join, as oneself or for a venture or organisation one acts for."""

    on_behalf_of = forms.ChoiceField(label=_("Who is joining"))
    member_type = forms.ChoiceField(label=_("Member type"), choices=MemberType.choices)
    note = forms.CharField(
        label=_("Why you want to join (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, actors: list[Actor], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actors = {str(actor.pk): actor for actor in actors}
        self.fields["on_behalf_of"].choices = [  # type: ignore[attr-defined]
            ("self", _("Myself")),
            *((key, actor.display_name) for key, actor in self.actors.items()),
        ]

    def chosen_actor(self) -> Actor | None:
        return self.actors.get(self.cleaned_data["on_behalf_of"])


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Message to the applicant (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    member_type = forms.ChoiceField(label=_("Member type"), choices=MemberType.choices)
    message = forms.CharField(
        label=_("Personal message (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RoleForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the person"),
        help_text=_("The person must already have an account."),
    )
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [  # type: ignore[attr-defined]
            (role.value, role.label) for role in Role if role.value in COMMUNITY_ROLES
        ]


class CommunitySettingsForm(forms.Form):
    knowledge_needs_review = forms.BooleanField(
        label=_("Knowledge items need a coordinator's review before they are published"),
        required=False,
        help_text=_("When off, members publish their knowledge items themselves; staff always do."),
    )
