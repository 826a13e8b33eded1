"""Use cases that write challenges: create, edit, publish, and refine them.

Every service takes the acting user as ``by``, checks the permission itself, and raises
``PermissionDenied`` or a translated ``DomainError``. Every change of a challenge's text
(created, edited directly, or an accepted proposed edit) is kept as a ``ChallengeRevision``
with each field's text before and after. Changes lock the challenge row, so two editors
(or an editor and an owner accepting a proposal) cannot overwrite each other unseen.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from kaveret.communities.models import Community
from kaveret.core.errors import DomainError
from kaveret.core.text import search_document
from kaveret.ecosystem.models import Domain, Organisation, TargetPopulation
from kaveret.notifications.services import notify

from .models import (
    Challenge,
    ChallengeComment,
    ChallengeKind,
    ChallengeOrigin,
    ChallengeOwnerKind,
    ChallengeRevision,
    ChallengeStatus,
    ChallengeSupport,
    EditProposal,
    MapTag,
    ProposalStatus,
    RevisionSource,
    field_label,
)
from .rules import (
    can_create_challenge,
    can_decide_proposals,
    can_edit_challenge,
    can_refine_challenge,
)

# Which status may follow which (publishing is leaving draft). A lifecycle as data.
TRANSITIONS: dict[str, frozenset[str]] = {
    ChallengeStatus.DRAFT: frozenset({ChallengeStatus.REFINEMENT, ChallengeStatus.OPEN}),
    ChallengeStatus.REFINEMENT: frozenset({ChallengeStatus.OPEN, ChallengeStatus.CLOSED}),
    ChallengeStatus.OPEN: frozenset(
        {ChallengeStatus.REFINEMENT, ChallengeStatus.ADDRESSED, ChallengeStatus.CLOSED}
    ),
    ChallengeStatus.ADDRESSED: frozenset({ChallengeStatus.OPEN, ChallengeStatus.CLOSED}),
    ChallengeStatus.CLOSED: frozenset({ChallengeStatus.OPEN}),
}
TEXT_FIELDS = Challenge.REFINABLE_FIELDS
REQUIRED_TEXT = ("title", "problem")
CHOICE_FIELDS: dict[str, Any] = {
    "kind": ChallengeKind,
    "owner_kind": ChallengeOwnerKind,
    "origin": ChallengeOrigin,
}
OTHER_FIELDS = (
    "kind",
    "owner_kind",
    "origin",
    "domain",
    "community",
    "owner_organisation",
    "populations",
    "map_tags",
    *Challenge.SYSTEM_CRITERIA,
)
EDITABLE_FIELDS = frozenset((*TEXT_FIELDS, *OTHER_FIELDS))
MAX_TEXT = {"title": 200}
MAX_COMMENT = 5000


def _refuse() -> PermissionDenied:
    return PermissionDenied(_("You do not have permission to do this."))


# Values


def _clean_text(value: Any) -> str:
    """Trimmed text with one kind of line ending (browsers send CRLF from a textarea)."""
    return str(value or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def _check_known(values: Mapping[str, Any]) -> None:
    unknown = set(values) - EDITABLE_FIELDS
    if unknown:
        raise DomainError(
            _("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))},
            code="unknown_field",
        )


def _clean_map_tags(value: Any) -> list[str]:
    tags = list(value or [])
    invalid = [tag for tag in tags if tag not in MapTag.values]
    if invalid:
        raise DomainError(
            {"map_tags": _("Choose MAP tags from Mindset, Ability, and Pipes and mechanisms.")},
            code="invalid_map_tag",
        )
    return [tag for tag in MapTag.values if tag in tags]


def _apply_values(challenge: Challenge, values: Mapping[str, Any]) -> list[TargetPopulation] | None:
    """Set the given values on ``challenge`` (not saved); returns populations to set."""
    _check_known(values)
    populations = None
    for field, value in values.items():
        if field == "populations":
            populations = list(value or [])
        elif field == "map_tags":
            challenge.map_tags = _clean_map_tags(value)
        elif field in TEXT_FIELDS:
            setattr(challenge, field, _clean_text(value))
        else:
            setattr(challenge, field, value)
    _validate(challenge)
    if challenge.kind != ChallengeKind.SYSTEM:
        # The five criteria and MAP tags describe system challenges only.
        for criterion in Challenge.SYSTEM_CRITERIA:
            setattr(challenge, criterion, False)
        challenge.map_tags = []
    return populations


def _validate(challenge: Challenge) -> None:
    errors: dict[str, Any] = {}
    for field in REQUIRED_TEXT:
        if not getattr(challenge, field):
            errors[field] = _("This field is required.")
    for field, limit in MAX_TEXT.items():
        if len(getattr(challenge, field) or "") > limit:
            errors[field] = _("Keep this under %(limit)s characters.") % {"limit": limit}
    for field, choices in CHOICE_FIELDS.items():
        if getattr(challenge, field) not in choices.values:
            errors[field] = _("Choose one of the options.")
    for field, model in (
        ("domain", Domain),
        ("community", Community),
        ("owner_organisation", Organisation),
    ):
        value = getattr(challenge, f"{field}_id", None)
        related = getattr(challenge, field, None) if value else None
        if related is not None and not isinstance(related, model):
            errors[field] = _("Choose one of the options.")
    if (
        challenge.owner_kind == ChallengeOwnerKind.MINISTRY
        and challenge.owner_organisation_id is None
    ):
        errors["owner_organisation"] = _(
            "Name the ministry that owns the challenge, or choose who else defined it."
        )
    if errors:
        raise DomainError(errors, code="invalid_challenge")


def _unique_slug(title: str) -> str:
    base = slugify(title, allow_unicode=True)[:100] or "challenge"
    slug, number = base, 1
    while Challenge.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _refresh_search_text(challenge: Challenge) -> None:
    challenge.search_text = search_document(*(getattr(challenge, field) for field in TEXT_FIELDS))


def _text_of(challenge: Challenge) -> dict[str, str]:
    return {field: getattr(challenge, field) or "" for field in TEXT_FIELDS}


def _record_revision(
    challenge: Challenge,
    *,
    by: Any,
    before: Mapping[str, str],
    source: str,
    proposal: EditProposal | None = None,
) -> ChallengeRevision | None:
    after = _text_of(challenge)
    changes = {
        field: {"before": before.get(field, ""), "after": after[field]}
        for field in TEXT_FIELDS
        if before.get(field, "") != after[field]
    }
    if not changes:
        return None
    return ChallengeRevision.objects.create(
        challenge=challenge, author=by, source=source, proposal=proposal, changes=changes
    )


# Creating and editing


def challenge_create(*, by: Any, values: Mapping[str, Any]) -> Challenge:
    """Create a draft challenge owned by ``by``; its first text is its first revision.

    Raises ``PermissionDenied`` (may not create for that community or organisation) or
    ``DomainError`` (invalid values).
    """
    challenge = Challenge(owner=by, status=ChallengeStatus.DRAFT)
    populations = _apply_values(challenge, values)
    if not can_create_challenge(
        by, community=challenge.community, owner_organisation=challenge.owner_organisation
    ):
        raise _refuse()
    _refresh_search_text(challenge)
    with transaction.atomic():
        for _attempt in range(3):
            challenge.slug = _unique_slug(challenge.title)
            try:
                with transaction.atomic():
                    challenge.save()
                break
            except IntegrityError:  # another challenge took the slug in between
                continue
        else:
            raise DomainError(_("Please try again."), code="slug_taken")
        if populations:
            challenge.populations.set(populations)
        _record_revision(challenge, by=by, before={}, source=RevisionSource.CREATED)
    return challenge


def challenge_update(*, by: Any, challenge: Challenge, values: Mapping[str, Any]) -> Challenge:
    """Change a challenge; a change of its text is kept as a revision.

    Moving it to another community needs the right to create there. Raises
    ``PermissionDenied`` or ``DomainError``.
    """
    if not can_edit_challenge(by, challenge):
        raise _refuse()
    with transaction.atomic():
        locked = Challenge.objects.select_for_update().get(pk=challenge.pk)
        before = _text_of(locked)
        old_community_id = locked.community_id
        populations = _apply_values(locked, values)
        if locked.community_id != old_community_id and not can_create_challenge(
            by, community=locked.community, owner_organisation=locked.owner_organisation
        ):
            raise _refuse()
        _refresh_search_text(locked)
        locked.save()
        if populations is not None:
            locked.populations.set(populations)
        _record_revision(locked, by=by, before=before, source=RevisionSource.EDITED)
    return locked


def challenge_set_status(*, by: Any, challenge: Challenge, status: str) -> Challenge:
    """Move a challenge along its lifecycle (``TRANSITIONS``); leaving draft publishes it.

    Raises ``PermissionDenied`` or ``DomainError`` (a move the lifecycle does not allow).
    """
    if not can_edit_challenge(by, challenge):
        raise _refuse()
    with transaction.atomic():
        locked = Challenge.objects.select_for_update().get(pk=challenge.pk)
        if status == locked.status:
            return locked
        if status not in TRANSITIONS.get(locked.status, frozenset()):
            raise DomainError(
                _("A challenge cannot move from “%(current)s” to “%(new)s”.")
                % {
                    "current": locked.get_status_display(),
                    "new": dict(ChallengeStatus.choices).get(status, status),
                },
                code="invalid_transition",
            )
        locked.status = status
        fields = ["status", "updated_at"]
        if locked.published_at is None:
            locked.published_at = timezone.now()
            fields.append("published_at")
        locked.save(update_fields=fields)
    return locked


def allowed_statuses(challenge: Challenge) -> list[tuple[str, str]]:
    """The statuses the challenge may move to next, with their labels."""
    following = TRANSITIONS.get(challenge.status, frozenset())
    return [(value, str(label)) for value, label in ChallengeStatus.choices if value in following]


# Refinement: comments, support, proposed edits


def comment_add(*, by: Any, challenge: Challenge, body: str) -> ChallengeComment:
    """Comment on a challenge being refined. Raises ``PermissionDenied`` or ``DomainError``."""
    if not can_refine_challenge(by, challenge):
        raise _refuse()
    body = _clean_text(body)
    if not body:
        raise DomainError({"body": _("Write a comment first.")}, code="empty_comment")
    if len(body) > MAX_COMMENT:
        raise DomainError(
            {"body": _("Keep this under %(limit)s characters.") % {"limit": MAX_COMMENT}},
            code="comment_too_long",
        )
    return ChallengeComment.objects.create(challenge=challenge, author=by, body=body)


def support_add(*, by: Any, challenge: Challenge) -> ChallengeSupport:
    """Support a challenge; supporting again changes nothing. Raises ``PermissionDenied``."""
    if not can_refine_challenge(by, challenge):
        raise _refuse()
    support, _created = ChallengeSupport.objects.get_or_create(challenge=challenge, user=by)
    return support


def support_withdraw(*, by: Any, challenge: Challenge) -> bool:
    """Withdraw ``by``'s support; returns whether there was one to withdraw."""
    if not getattr(by, "is_authenticated", False):
        raise _refuse()
    deleted, _rows = ChallengeSupport.objects.filter(challenge=challenge, user=by).delete()
    return bool(deleted)


def proposal_create(
    *, by: Any, challenge: Challenge, changes: Mapping[str, str], note: str = ""
) -> EditProposal:
    """Propose new text for one or more refinable fields, with a note.

    Only fields whose text actually changes are kept. Raises ``PermissionDenied`` or
    ``DomainError`` (unknown field, nothing changed, a required field emptied).
    """
    if not can_refine_challenge(by, challenge):
        raise _refuse()
    unknown = set(changes) - set(TEXT_FIELDS)
    if unknown:
        raise DomainError(
            _("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))},
            code="unknown_field",
        )
    current = _text_of(challenge)
    proposed = {
        field: _clean_text(text)
        for field, text in changes.items()
        if _clean_text(text) != current[field]
    }
    if not proposed:
        raise DomainError(
            _("The proposed text is the same as the current text; change something first."),
            code="no_change",
        )
    errors: dict[str, Any] = {
        field: _("This field is required.") for field in REQUIRED_TEXT if proposed.get(field) == ""
    }
    for field, limit in MAX_TEXT.items():
        if len(proposed.get(field, "")) > limit:
            errors[field] = _("Keep this under %(limit)s characters.") % {"limit": limit}
    if errors:
        raise DomainError(errors, code="invalid_proposal")
    return EditProposal.objects.create(
        challenge=challenge,
        author=by,
        changes=proposed,
        base={field: current[field] for field in proposed},
        note=_clean_text(note),
    )


def proposal_decide(
    *, by: Any, proposal: EditProposal, accept: bool, message: str = ""
) -> EditProposal:
    """Accept (apply the text, as a revision) or reject a proposed edit; tell its author.

    Accepting is refused when a field's text changed since the proposal was made: the
    owner must not overwrite an edit they have not seen. Raises ``PermissionDenied`` or
    ``DomainError``.
    """
    challenge = proposal.challenge
    if not can_decide_proposals(by, challenge):
        raise _refuse()
    with transaction.atomic():
        locked = Challenge.objects.select_for_update().get(pk=challenge.pk)
        current = EditProposal.objects.select_for_update().get(pk=proposal.pk)
        if not current.is_open:
            raise DomainError(_("This proposed edit was already decided."), code="already_decided")
        if accept:
            before = _text_of(locked)
            stale = [field for field, text in current.base.items() if before.get(field) != text]
            if stale:
                raise DomainError(
                    _(
                        "The text of %(fields)s changed after this edit was proposed, so it "
                        "cannot be applied as is. Reject it with a note, or ask its author "
                        "to propose it again over the current text."
                    )
                    % {"fields": ", ".join(_field_label(field) for field in stale)},
                    code="stale_proposal",
                )
            for field, text in current.changes.items():
                setattr(locked, field, text)
            _refresh_search_text(locked)
            locked.save()
            _record_revision(
                locked, by=by, before=before, source=RevisionSource.PROPOSAL, proposal=current
            )
        current.status = ProposalStatus.ACCEPTED if accept else ProposalStatus.REJECTED
        current.decided_by = by
        current.decided_at = timezone.now()
        current.decision_message = _clean_text(message)
        current.save(update_fields=["status", "decided_by", "decided_at", "decision_message"])
        notify(
            current.author,
            "challenge_edit_decided",
            url=locked.get_absolute_url(),
            params={
                "challenge": locked.title,
                "accepted": "yes" if accept else "no",
                "message": current.decision_message,
            },
        )
    return current


def _field_label(field: str) -> str:
    return field_label(field)
