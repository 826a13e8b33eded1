"""An RSS 2.0 feed of newly published calls, in the request's language; no hidden call."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .call_selectors import call_title, countdown, recently_published
from .models import Call


class NewCallsFeed(Feed):
    """What a visitor would see in the list: published calls of public communities (the
    feed is read without a session, so it is always the anonymous visitor's view)."""

    def title(self) -> str:
        return _("Kaveret: new calls")

    def description(self) -> str:
        return _("Calls for proposals and other funding and support, newest first.")

    def link(self) -> str:
        return reverse("calls:list")

    def items(self) -> list[Call]:
        return list(recently_published(AnonymousUser()))

    def item_title(self, item: Call) -> str:
        # One feed object serves every request: the language is read per request.
        return call_title(item, translation.get_language() or "he")

    def item_description(self, item: Call) -> str:
        deadline = item.deadline.astimezone(datetime.UTC).isoformat()
        parts = [item.summary, f"{countdown(item.deadline)} ({deadline})"]
        return " — ".join(part for part in parts if part)

    def item_link(self, item: Call) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Call) -> datetime.datetime | None:
        return item.published_at

    def item_guid(self, item: Call) -> str:
        return f"kaveret-call-{item.pk}"

    item_guid_is_permalink = False
