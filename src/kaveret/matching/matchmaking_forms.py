"""Forms of the matchmaking pages. Rules live in the services; these only parse and label."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kaveret.calls.call_forms import ISRAEL, IsraelDateTimeField
from kaveret.communities.models import Event
from kaveret.ecosystem.models import Actor

from .models import InterestLevel, MatchingMethod, MatchParticipant, MeetingOutcome


def _rooms_text(rooms: list[str] | None) -> str:
    return "\n".join(rooms or [])


class MatchmakingForm(forms.Form):
    """A matchmaking round's settings (and, when new, the event it belongs to)."""

    event = forms.ModelChoiceField(label=_("Community event"), queryset=Event.objects.none())
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    window_starts_at = IsraelDateTimeField(label=_("Meetings from"), required=False)
    window_ends_at = IsraelDateTimeField(label=_("Meetings until"), required=False)
    meeting_minutes = forms.IntegerField(
        label=_("Meeting length (minutes)"), min_value=5, max_value=480, initial=45
    )
    break_minutes = forms.IntegerField(
        label=_("Break between a participant's meetings (minutes)"),
        min_value=0,
        max_value=240,
        initial=15,
    )
    method = forms.ChoiceField(label=_("Pairing method"), choices=MatchingMethod.choices)
    rooms = forms.CharField(
        label=_("Rooms and online links"),
        help_text=_("One room name or online link per line. Leave empty for no rooms."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def __init__(self, *args: Any, events: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if events is None:
            del self.fields["event"]
        else:
            event_field = self.fields["event"]
            assert isinstance(event_field, forms.ModelChoiceField)
            event_field.queryset = events

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["rooms"] = str(data.get("rooms") or "").splitlines()
        return data


class ParticipantForm(forms.Form):
    actor = forms.ModelChoiceField(
        label=_("Venture or organisation"), queryset=Actor.objects.order_by("name")
    )
    capacity = forms.IntegerField(label=_("Meetings wanted"), min_value=1, max_value=50, initial=3)


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(label=_("Meetings wanted"), min_value=1, max_value=50)


_RANGE = re.compile(
    r"^\s*(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2})\s*[-–—]\s*"
    r"(?:(\d{4}-\d{2}-\d{2})[ T])?(\d{1,2}:\d{2})\s*$"
)


def parse_ranges(text: str) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """Lines like ``2026-12-01 09:00 - 17:00`` or ``2026-12-01 20:00 - 2026-12-02 08:00``
    (Israel time) as aware datetimes; raises ``ValidationError`` naming the bad line."""
    ranges = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _RANGE.match(line)
        if match is None:
            raise forms.ValidationError(
                _("Line %(number)d is not a time range like 2026-12-01 09:00 - 17:00."),
                params={"number": number},
            )
        day, start, end_day, end = match.groups()
        try:
            starts = datetime.datetime.fromisoformat(f"{day} {start:0>5}")
            ends = datetime.datetime.fromisoformat(f"{end_day or day} {end:0>5}")
        except ValueError as error:
            raise forms.ValidationError(
                _("Line %(number)d has a date or time that does not exist."),
                params={"number": number},
            ) from error
        ranges.append((starts.replace(tzinfo=ISRAEL), ends.replace(tzinfo=ISRAEL)))
    return ranges


def ranges_text(slots: Any) -> str:
    lines = []
    for slot in slots:
        starts = timezone.localtime(slot.starts_at, ISRAEL)
        ends = timezone.localtime(slot.ends_at, ISRAEL)
        end = f"{ends:%H:%M}" if ends.date() == starts.date() else f"{ends:%Y-%m-%d %H:%M}"
        lines.append(f"{starts:%Y-%m-%d %H:%M} - {end}")
    return "\n".join(lines)


class AvailabilityForm(forms.Form):
    ranges = forms.CharField(
        label=_("Available times (Israel time)"),
        help_text=_(
            "One time range per line, like 2026-12-01 09:00 - 17:00, or "
            "2026-12-01 20:00 - 2026-12-02 08:00 across midnight."
        ),
        widget=forms.Textarea(attrs={"rows": 6, "dir": "ltr"}),
        required=False,
    )

    def clean_ranges(self) -> list[tuple[datetime.datetime, datetime.datetime]]:
        return parse_ranges(self.cleaned_data.get("ranges") or "")


INTEREST_CHOICES = [("", _("No answer")), *InterestLevel.choices]


class InterestsForm(forms.Form):
    """One choice per participant of the other side."""

    def __init__(
        self,
        *args: Any,
        targets: list[MatchParticipant],
        current: dict[int, str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.targets = targets
        for target in targets:
            self.fields[f"interest_{target.pk}"] = forms.ChoiceField(
                label=target.actor.name,
                choices=INTEREST_CHOICES,
                required=False,
                initial=current.get(target.pk, ""),
            )

    def levels(self) -> dict[int, str | None]:
        return {
            target.pk: self.cleaned_data.get(f"interest_{target.pk}") or None
            for target in self.targets
        }


class PairingForm(forms.Form):
    method = forms.ChoiceField(label=_("Pairing method"), choices=MatchingMethod.choices)


class PairAddForm(forms.Form):
    venture = forms.ModelChoiceField(label=_("Venture"), queryset=MatchParticipant.objects.none())
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=MatchParticipant.objects.none()
    )

    def __init__(self, *args: Any, ventures: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        venture_field = self.fields["venture"]
        organisation_field = self.fields["organisation"]
        assert isinstance(venture_field, forms.ModelChoiceField)
        assert isinstance(organisation_field, forms.ModelChoiceField)
        venture_field.queryset = ventures
        organisation_field.queryset = organisations


class MeetingForm(forms.Form):
    starts_at = IsraelDateTimeField(label=_("Starts at (Israel time)"))
    room = forms.CharField(label=_("Room or online link"), max_length=300, required=False)


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=MeetingOutcome.choices)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=5000
    )


__all__ = [
    "AvailabilityForm",
    "CapacityForm",
    "InterestsForm",
    "MatchmakingForm",
    "MeetingForm",
    "OutcomeForm",
    "PairAddForm",
    "PairingForm",
    "ParticipantForm",
    "_rooms_text",
    "parse_ranges",
    "ranges_text",
]
