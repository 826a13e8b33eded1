"""iCalendar (RFC 5545) text for events: a single event, a community's, a person's feed.

Written by hand rather than with a library: we need one component (VEVENT) and four
rules of the format: escape text, end lines with CRLF, fold lines longer than 75 octets
(never inside a UTF-8 character: Hebrew and Arabic letters are two octets), and give
times in UTC.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable

from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from .models import Event

LINE_LIMIT = 75
PRODUCT_ID = "-//Kaveret//Innovation communities//HE"
UID_DOMAIN = "kaveret"
_FEED_SALT = "kaveret.communities.personal-event-feed"


def escape_text(value: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma and newlines."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets, continuation lines starting
    with one space; a multi-octet character is never split."""
    pieces: list[str] = []
    current = ""
    current_octets = 0
    limit = LINE_LIMIT
    for char in line:
        octets = len(char.encode("utf-8"))
        if current_octets + octets > limit:
            pieces.append(current)
            current = ""
            current_octets = 0
            limit = LINE_LIMIT - 1  # the leading space of a continuation line counts
        current += char
        current_octets += octets
    pieces.append(current)
    return "\r\n ".join(pieces)


def utc_stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _event_lines(event: Event, *, url_for: Callable[[Event], str], stamp: str) -> list[str]:
    location = ", ".join(part for part in (event.place, event.online_link) if part)
    description = "\n\n".join(part for part in (event.description, event.accessibility) if part)
    lines = [
        "BEGIN:VEVENT",
        f"UID:event-{event.pk}@{UID_DOMAIN}",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{utc_stamp(event.starts_at)}",
        f"DTEND:{utc_stamp(event.ends_at)}",
        f"SUMMARY:{escape_text(event.title)}",
        f"URL:{url_for(event)}",
    ]
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    lines.append("END:VEVENT")
    return lines


def calendar(events: Iterable[Event], *, name: str, url_for: Callable[[Event], str]) -> str:
    """A VCALENDAR holding ``events``; ``url_for`` gives each event's absolute address."""
    stamp = utc_stamp(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        "X-WR-TIMEZONE:Asia/Jerusalem",
    ]
    for event in events:
        lines.extend(_event_lines(event, url_for=url_for, stamp=stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def personal_feed_token(user_id: int) -> str:
    """The secret in a person's feed address: calendar apps subscribe without a session."""
    return salted_hmac(_FEED_SALT, str(user_id), algorithm="sha256").hexdigest()


def is_personal_feed_token(user_id: int, token: str) -> bool:
    return constant_time_compare(personal_feed_token(user_id), token)
