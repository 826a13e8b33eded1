"""Who may see and act on notifications: only their recipient.

Someone else's notification answers 404, as if it did not exist.
"""

from __future__ import annotations

from typing import Any

import rules
from django.http import Http404

from .models import Notification


@rules.predicate
def is_recipient(user: Any, notification: Notification | None) -> bool:
    return (
        notification is not None
        and getattr(user, "is_authenticated", False)
        and notification.recipient_id == user.pk
    )


can_see_notification = is_recipient


def get_notification_for_user_or_404(user: Any, notification_id: int) -> Notification:
    """The user's own notification with this id; anyone else's, or a missing one, is 404."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    notification = Notification.objects.filter(pk=notification_id, recipient=user).first()
    if notification is None:
        raise Http404
    return notification
