"""Use cases that write a design partnership's frame: create it, move it, edit its basics.

Every service takes the acting user, checks the permission itself (``rules``), runs in one
transaction and raises ``PermissionDenied`` or a translated ``DomainError``.

Where a new partnership starts (``starting_stage``), seed 001's seven steps:

- **direct contact** starts at 01 *identify challenges*: the organisation still names
  the challenge the partnership is about;
- **active search (scouting)** starts at 02 *active search*: the venture came out of a
  search that is still going on (a call may still follow);
- **a call** or **a matchmaking meeting** starts at 04 *choose a partner*: the challenge
  was named and the partner found by the call or the meeting; what is left is to choose
  it and decide what the work together will be.

The risk register starts with the common challenges of seed 001 that apply to every
partnership (``DEFAULT_RISKS``). Seed 001 lists seven "common challenges for
organisations and ventures"; four of them it states as inherent in any pilot between an
organisation and a venture, whatever the product or the agreement:

- gaps of pace (ventures move fast, institutional organisations slowly);
- many parties to enlist ("the success of the pilot *requires* ... internal teams,
  management, professional partners");
- investing resources against an uncertain result ("the result is not always known in
  advance");
- keeping funding and continuity to implementation ("even if the pilot succeeds", the
  question of funding "accompanies the whole process").

The other three depend on the case: working with a partial product ("*sometimes* the
solution is still in early development"), tension over IP or exclusivity (arises from a
*lack* of legal arrangement, which the legal checklist settles), and balancing a product
with customisation (where the organisation expects a tailored solution). The creation
form offers all seven with the four ticked.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kaveret.core.errors import DomainError

from .models import (
    EXPECTATIONS_BY_SIDE,
    STAGE_ORDER,
    ConditionKey,
    ContinuityPlan,
    Expectation,
    LegalItem,
    LegalKey,
    Origin,
    Partnership,
    PartnershipParty,
    PartyRole,
    PilotPlan,
    Risk,
    RiskKey,
    Stage,
    StagePeriod,
    SuccessCondition,
)
from .rules import (
    can_create_partnership,
)

DEFAULT_RISKS: tuple[str, ...] = (
    RiskKey.PACE_GAPS,
    RiskKey.MANY_STAKEHOLDERS,
    RiskKey.UNCERTAIN_RETURN,
    RiskKey.FUNDING_CONTINUITY,
)
COMMON_RISKS: tuple[str, ...] = tuple(key for key in RiskKey.values if key != RiskKey.OTHER)

STARTING_STAGE: dict[str, str] = {
    Origin.DIRECT: Stage.IDENTIFY,
    Origin.SCOUTING: Stage.SEARCH,
    Origin.CALL: Stage.CHOOSE,
    Origin.MATCHMAKING: Stage.CHOOSE,
}

MAX_TITLE = 200


def _refuse() -> PermissionDenied:
    return PermissionDenied(_("You do not have permission to do this."))


def _clean_text(value: Any) -> str:
    return str(value or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def _today() -> datetime.date:
    return timezone.localdate()


def starting_stage(origin: str) -> str:
    """The stage a new partnership starts at, by where it came from (see the module)."""
    return str(STARTING_STAGE.get(origin, Stage.IDENTIFY))


# Creating


def create_partnership(
    *,
    user: Any,
    organisation: Any,
    venture: Any,
    title: str,
    challenge: Any = None,
    community: Any = None,
    origin: str = Origin.DIRECT,
    origin_call: Any = None,
    origin_meeting: Any = None,
    summary: str = "",
    risks: Iterable[str] | None = None,
    parties: Iterable[tuple[Any, str]] = (),
) -> Partnership:
    """Create a partnership with all the rows its parts work on.

    The stage periods of the seven steps (the starting one dated today and owned by
    ``user``), every expectation of ``EXPECTATIONS_BY_SIDE`` (open), the legal checklist,
    the nine success conditions, an empty pilot plan and continuity plan, and a risk for
    each common challenge in ``risks`` (``None``: ``DEFAULT_RISKS``). ``parties`` are
    other parties as ``(actor, PartyRole)`` pairs.
    """
    if not can_create_partnership(
        user,
        organisation_id=organisation.pk,
        venture_id=venture.pk,
        community_id=community.pk if community is not None else None,
    ):
        raise _refuse()
    title = _clean_text(title)
    if not title:
        raise DomainError(_("Give the partnership a title."), code="title_required")
    if len(title) > MAX_TITLE:
        raise DomainError(
            _("The title is at most %(max)d characters.") % {"max": MAX_TITLE}, code="title_long"
        )
    if origin not in Origin.values:
        raise DomainError(_("Unknown origin."), code="origin_unknown")
    chosen_risks = list(DEFAULT_RISKS if risks is None else dict.fromkeys(risks))
    unknown = [key for key in chosen_risks if key not in COMMON_RISKS]
    if unknown:
        raise DomainError(
            _("Unknown common challenges: %(keys)s.") % {"keys": ", ".join(map(str, unknown))},
            code="risk_unknown",
        )
    stage = starting_stage(origin)
    with transaction.atomic():
        partnership = Partnership.objects.create(
            title=title,
            summary=_clean_text(summary),
            organisation=organisation,
            venture=venture,
            challenge=challenge,
            community=community,
            origin=origin,
            origin_call=origin_call,
            origin_meeting=origin_meeting,
            stage=stage,
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        today = _today()
        StagePeriod.objects.bulk_create(
            StagePeriod(
                partnership=partnership,
                stage=value,
                starts_on=today if value == stage else None,
                owner=user if value == stage else None,
            )
            for value in STAGE_ORDER
        )
        Expectation.objects.bulk_create(
            Expectation(partnership=partnership, side=side, key=key)
            for side, keys in EXPECTATIONS_BY_SIDE.items()
            for key in keys
        )
        LegalItem.objects.bulk_create(
            LegalItem(partnership=partnership, key=key) for key in LegalKey.values
        )
        SuccessCondition.objects.bulk_create(
            SuccessCondition(partnership=partnership, key=key) for key in ConditionKey.values
        )
        PilotPlan.objects.create(partnership=partnership)
        ContinuityPlan.objects.create(partnership=partnership)
        Risk.objects.bulk_create(Risk(partnership=partnership, key=key) for key in chosen_risks)
        _set_parties(partnership, parties)
    return partnership


def _set_parties(partnership: Partnership, parties: Iterable[tuple[Any, str]]) -> None:
    seen: set[int] = set()
    rows = []
    for actor, role in parties:
        if actor is None or actor.pk in seen:
            continue
        if actor.pk in (partnership.organisation_id, partnership.venture_id):
            continue
        if role not in PartyRole.values:
            raise DomainError(_("Unknown role of a party."), code="party_role_unknown")
        seen.add(actor.pk)
        rows.append(PartnershipParty(partnership=partnership, actor=actor, role=role))
    PartnershipParty.objects.bulk_create(rows)
