"""Who may see and run a call, review in it, or act for an application.

- A call's **staff**: the staff (manager, coordinator, tech-arena manager) of the call's
  community, or a platform admin. A call with no community is run by platform admins.
- A call's **reviewers**: the users in ``Call.reviewers``; they see only the
  applications assigned to them (``Review`` rows) while still reviewers of the call, after
  confirming their conflicts, never those they declared a conflict with or are tied to.
- An application's **applicants**: whoever acts for its venture or organisation now
  (entrepreneur, organisation representative); for a person's application, the person's
  own login (and whoever filled it).
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
    users_acting_for,
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
    if application.actor_id is not None:
        # A venture's or organisation's application: only those who act for it now.
        return application.actor_id in represented_actor_ids(user)
    if application.created_by_id == user.pk:
        return True
    return bool(application.person.user_id == user.pk)  # type: ignore[union-attr]


def get_call_for_user_or_404(user: Any, slug: str) -> Call:
    call = Call.objects.select_related("community").filter(slug=slug).first()
    if call is None or not can_view_call(user, call):
        raise Http404
    return call


# Applications: who may read one (the applicant side, the call's staff, an assigned
# reviewer without a declared conflict); anyone else is told it does not exist.


def is_assigned_reviewer(user: Any, application: Application) -> bool:
    """``user`` may read ``application`` as its reviewer: a ``Review`` of it is theirs, they
    are still a reviewer of the call, they confirmed their conflicts after it was submitted
    (``review_services.may_open``), declared no conflict with it and are not tied to the
    applicant (``assignment.is_tied``)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    from .models import ConflictDeclaration, Review

    review = (
        Review.objects.select_related("application__call")
        .filter(application_id=application.pk, reviewer_id=user.pk)
        .first()
    )
    if review is None or not is_reviewer_of(user, application.call):
        return False
    if ConflictDeclaration.objects.filter(
        application_id=application.pk, reviewer_id=user.pk
    ).exists():
        return False
    from .assignment import is_tied
    from .review_services import may_open

    return may_open(user, review) and not is_tied(application, user)


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


def applicant_users(application: Application) -> list[Any]:
    """Who speaks for the application now: the people acting for its venture or
    organisation (or the person's own login); whoever filled it when there is no one."""
    if application.actor_id is not None:
        users = users_acting_for(application.actor_id)
    else:
        person_user = application.person.user  # type: ignore[union-attr]
        users = [person_user] if person_user is not None and person_user.is_active else []
    return users or [application.created_by]
