"""Who may see and run a call, review in it, or act for an application.

- A call's **staff**: the staff (manager, coordinator, tech-arena manager) of the call's
  community, or a platform admin. A call with no community is run by platform admins.
- A call's **reviewers**: the users in ``Call.reviewers``; they see only the
  applications assigned to them (``Review`` rows), never those they declared a conflict
  with.
- An application's **applicants**: whoever filled it (``created_by``), and whoever acts
  for its venture or organisation (entrepreneur, organisation representative), or the
  person's own login.
- Visitors see a call once it is published, if its community is one they may see.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from kaveret.accounts.roles import is_platform_admin
from kaveret.communities.rules import (
    can_view_community,
    represented_actor_ids,
    runs_community,
)

from .models import Application, Call


def runs_call(user: Any, call: Call) -> bool:
    if is_platform_admin(user):
        return True
    return call.community is not None and bool(runs_community(user, call.community))


def can_view_call(user: Any, call: Call) -> bool:
    if runs_call(user, call):
        return True
    if not call.is_published:
        return False
    return call.community is None or can_view_community(user, call.community)


def is_reviewer_of(user: Any, call: Call) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return call.reviewers.filter(pk=user.pk).exists()


def acts_for_application(user: Any, application: Application) -> bool:
    """The applicant side: who filled it, or acts for its venture, organisation or person."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if application.created_by_id == user.pk:
        return True
    if application.actor_id is not None:
        return application.actor_id in represented_actor_ids(user)
    return bool(application.person.user_id == user.pk)  # type: ignore[union-attr]


def get_call_for_user_or_404(user: Any, slug: str) -> Call:
    call = Call.objects.select_related("community").filter(slug=slug).first()
    if call is None or not can_view_call(user, call):
        raise Http404
    return call


# Applications: who may read one (the applicant side, the call's staff, an assigned
# reviewer without a declared conflict); anyone else is told it does not exist.


def is_assigned_reviewer(user: Any, application: Application) -> bool:
    """A ``Review`` of ``application`` is theirs and they declared no conflict with it."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    from .models import ConflictDeclaration, Review

    assigned = Review.objects.filter(application_id=application.pk, reviewer_id=user.pk).exists()
    return assigned and not (
        ConflictDeclaration.objects.filter(
            application_id=application.pk, reviewer_id=user.pk
        ).exists()
    )


def can_view_application(user: Any, application: Application) -> bool:
    return (
        acts_for_application(user, application)
        or runs_call(user, application.call)
        or is_assigned_reviewer(user, application)
    )


def get_application_for_user_or_404(user: Any, slug: str, pk: int) -> Application:
    """The application ``pk`` of the call ``slug``, if ``user`` may read it; else 404."""
    application = (
        Application.objects.select_related(
            "call", "call__community", "actor", "person", "form_version", "created_by"
        )
        .filter(pk=pk, call__slug=slug)
        .first()
    )
    if application is None or not can_view_application(user, application):
        raise Http404
    return application


def get_application_by_id_for_user_or_404(user: Any, pk: int) -> Application:
    application = (
        Application.objects.select_related("call").filter(pk=pk).values_list("call__slug").first()
    )
    if application is None:
        raise Http404
    return get_application_for_user_or_404(user, application[0], pk)
