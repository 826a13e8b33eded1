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
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kaveret.core.errors import DomainError
from kaveret.ecosystem.choices import PARTNERSHIP_FACTOR_FIELDS, PartnershipLevel

from . import gates
from .definition_services import ensure_definition_rows
from .models import (
    STAGE_ORDER,
    ConditionKey,
    ContinuityPlan,
    Origin,
    Partnership,
    PartnershipParty,
    PartyRole,
    PilotPlan,
    Risk,
    RiskKey,
    Stage,
    StageMove,
    StagePeriod,
    SuccessCondition,
)
from .rules import can_create_partnership, can_edit_partnership, can_override_gate

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
    _check_challenge(user, challenge)
    _check_community(user, community, origin_meeting=origin_meeting)
    _check_origin_call(user, origin_call)
    _check_origin_meeting(user, origin_meeting)
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
        ensure_definition_rows(partnership)
        SuccessCondition.objects.bulk_create(
            SuccessCondition(partnership=partnership, key=key) for key in ConditionKey.values
        )
        ContinuityPlan.objects.create(partnership=partnership)
        Risk.objects.bulk_create(Risk(partnership=partnership, key=key) for key in chosen_risks)
        _set_parties(partnership, parties)
    return partnership


def _check_challenge(user: Any, challenge: Any) -> None:
    """A partnership can be tied only to a challenge its maker may see."""
    from kaveret.challenges.rules import can_view_challenge

    if challenge is not None and not can_view_challenge(user, challenge):
        raise DomainError({"challenge": _("No such challenge.")}, code="challenge_unknown")


def may_attach_community(user: Any, community: Any) -> bool:
    """A partnership is put in a community only by its members and staff (admins: any)."""
    from kaveret.accounts.roles import is_platform_admin
    from kaveret.communities.rules import is_community_member, runs_community

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return (
        is_platform_admin(user)
        or bool(runs_community(user, community))
        or is_community_member(user, community)
    )


def may_use_meeting(user: Any, meeting: Any) -> bool:
    """Whoever runs the matchmaking of ``meeting`` or acts for one of its two sides."""
    from kaveret.matching.rules import acts_for_participant, runs_matchmaking

    pair = meeting.pair
    return (
        runs_matchmaking(user, pair.matchmaking)
        or acts_for_participant(user, pair.venture)
        or acts_for_participant(user, pair.organisation)
    )


def _check_community(user: Any, community: Any, *, origin_meeting: Any = None) -> None:
    """The community must be one ``user`` belongs to or runs; a partnership proposed by a
    matchmaking meeting may also go to the meeting's community. Anything else reads as
    unknown, so a hidden community's existence is not revealed."""
    if community is None or may_attach_community(user, community):
        return
    if (
        origin_meeting is not None
        and may_use_meeting(user, origin_meeting)
        and community.pk == origin_meeting.pair.matchmaking.event.community_id
    ):
        return
    raise DomainError(
        {"community": _("No such community, or you are not a member of it.")},
        code="community_unknown",
    )


def _check_origin_call(user: Any, call: Any) -> None:
    from kaveret.calls.rules import can_view_call

    if call is not None and not can_view_call(user, call):
        raise DomainError({"origin_call": _("No such call.")}, code="call_unknown")


def _check_origin_meeting(user: Any, meeting: Any) -> None:
    if meeting is not None and not may_use_meeting(user, meeting):
        raise DomainError(
            {"origin_meeting": _("No such matchmaking meeting.")}, code="meeting_unknown"
        )


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


# Moving between stages


def move_stage(
    partnership: Partnership, to_stage: str, *, user: Any, override_reason: str = ""
) -> StageMove:
    """Move ``partnership`` to ``to_stage`` if its gate is met (``gates.unmet``).

    An unmet gate raises ``DomainError`` listing what is missing, unless an admin
    (``rules.can_override_gate``) gives a written reason: then the move is made and the
    unmet conditions are kept on the ``StageMove`` with the reason. Skipping a step, an
    unknown stage or the current stage is refused even with a reason. The period of the
    stage left ends today; the one entered starts today (owned by ``user`` if it has no
    owner yet). Entering 06 *launch* opens the private feedback link and, unless a date
    is already set, sets until when it works (``feedback_link_expiry``).
    """
    if not can_edit_partnership(user, partnership):
        raise _refuse()
    reason = _clean_text(override_reason)
    with transaction.atomic():
        locked = Partnership.objects.select_for_update().get(pk=partnership.pk)
        missing = gates.unmet(locked, to_stage)
        if missing and (gates.is_structural(locked, to_stage) or not reason):
            raise DomainError(missing, code="gate_unmet")
        if missing and not can_override_gate(user, locked):
            raise _refuse()
        from_stage = locked.stage
        today = _today()
        StagePeriod.objects.filter(partnership=locked, stage=from_stage).update(ended_on=today)
        period, _created = StagePeriod.objects.get_or_create(partnership=locked, stage=to_stage)
        period.starts_on = today
        period.ended_on = None
        if period.owner_id is None and getattr(user, "is_authenticated", False):
            period.owner = user
        period.save()
        locked.stage = to_stage
        fields = ["stage", "updated_at"]
        if to_stage == Stage.LAUNCH and locked.feedback_token_expires_at is None:
            locked.feedback_token_expires_at = feedback_link_expiry(locked)
            fields.append("feedback_token_expires_at")
        locked.save(update_fields=fields)
        move = StageMove.objects.create(
            partnership=locked,
            from_stage=from_stage,
            to_stage=to_stage,
            moved_by=user if getattr(user, "is_authenticated", False) else None,
            unmet=[str(text) for text in missing],
            override_reason=reason if missing else "",
        )
    partnership.stage = to_stage
    return move


FEEDBACK_AFTER_PILOT = datetime.timedelta(days=30)
FEEDBACK_WITHOUT_PLAN = datetime.timedelta(days=365)


def feedback_link_expiry(partnership: Partnership) -> datetime.datetime:
    """Until when the private feedback link works, set when the pilot is launched: to the
    end of the 30th day after the pilot plan's end date (Asia/Jerusalem), or a year from
    the launch when the plan has no end date (or that day is already past)."""
    now = timezone.now()
    plan = PilotPlan.objects.filter(partnership=partnership).only("ends_on").first()
    if plan is not None and plan.ends_on is not None:
        day_after = plan.ends_on + FEEDBACK_AFTER_PILOT + datetime.timedelta(days=1)
        until = timezone.make_aware(datetime.datetime.combine(day_after, datetime.time.min))
        if until > now:
            return until
    return now + FEEDBACK_WITHOUT_PLAN


def update_stage_period(
    period: StagePeriod,
    *,
    user: Any,
    starts_on: datetime.date | None,
    due_on: datetime.date | None,
    ended_on: datetime.date | None,
    owner: Any = None,
    notes: str = "",
) -> StagePeriod:
    """Set a stage's dates, owner and notes."""
    if not can_edit_partnership(user, period.partnership):
        raise _refuse()
    if starts_on and ended_on and ended_on < starts_on:
        raise DomainError(_("A stage cannot end before it starts."), code="period_dates")
    if owner is not None and owner.pk != period.owner_id:
        from .selectors import stage_owner_candidates

        if not stage_owner_candidates(period.partnership).filter(pk=owner.pk).exists():
            raise DomainError(
                {"owner": _("The owner must act for a side or run the community.")},
                code="owner_unknown",
            )
    if starts_on and due_on and due_on < starts_on:
        raise DomainError(
            _("A stage cannot be planned to end before it starts."), code="period_dates"
        )
    with transaction.atomic():
        period.starts_on, period.due_on, period.ended_on = starts_on, due_on, ended_on
        period.owner = owner
        period.notes = _clean_text(notes)
        period.save()
    return period


# Editing the basics

BASIC_FIELDS = frozenset(
    {"title", "summary", "organisation", "venture", "challenge", "community", "level"}
)


def update_partnership(
    partnership: Partnership,
    *,
    user: Any,
    values: Mapping[str, Any],
    parties: Iterable[tuple[Any, str]] | None = None,
) -> Partnership:
    """Change the title, summary, sides, challenge, community or level; ``parties``
    (when given) replaces the other parties. Changing a side or the community needs the
    right to create a partnership between the new sides there."""
    if not can_edit_partnership(user, partnership):
        raise _refuse()
    unknown = set(values) - BASIC_FIELDS
    if unknown:
        raise DomainError(
            _("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))},
            code="unknown_field",
        )
    with transaction.atomic():
        locked = Partnership.objects.select_for_update().get(pk=partnership.pk)
        for name, value in values.items():
            if name in ("title", "summary"):
                value = _clean_text(value)
            setattr(locked, name, value)
        if not locked.title:
            raise DomainError(_("Give the partnership a title."), code="title_required")
        if len(locked.title) > MAX_TITLE:
            raise DomainError(
                _("The title is at most %(max)d characters.") % {"max": MAX_TITLE},
                code="title_long",
            )
        if locked.level is not None and locked.level not in PartnershipLevel.values:
            raise DomainError(_("Unknown level."), code="level_unknown")
        if "challenge" in values and locked.challenge_id != partnership.challenge_id:
            _check_challenge(user, locked.challenge)
        if "community" in values and locked.community_id != partnership.community_id:
            _check_community(user, locked.community, origin_meeting=locked.origin_meeting)
        moved = {"organisation", "venture", "community"} & set(values)
        if moved and not can_create_partnership(
            user,
            organisation_id=locked.organisation_id,
            venture_id=locked.venture_id,
            community_id=locked.community_id,
        ):
            raise _refuse()
        locked.save()
        if parties is not None:
            locked.parties.all().delete()
            _set_parties(locked, parties)
    return locked


# The continuum and its five factors

FACTOR_FIELDS: tuple[str, ...] = PARTNERSHIP_FACTOR_FIELDS


def suggest_level(factors: Mapping[str, int | None]) -> tuple[PartnershipLevel, list[str]]:
    """The level on the continuum the five factors suggest, and why (seed 001).

    Each factor is scored 1 (very low) to 5 (very high). Seed 001: closeness of vision
    and values allows intensive ties, gaps lead to looser ones; the tie's contribution to
    the organisation's interests and each side's unique added value justify depth; deep
    partnerships need mechanisms protecting the weaker side when power gaps are large;
    strategic ones need time, money and people.

    1. **Base**: the mean of proximity, contribution, added value, investment capacity,
       and power gaps turned around (6 - gaps: small gaps count high), rounded half up.
    2. **Caps** (the lowest wins):
       - proximity: at most one level above the proximity score (gaps in vision lead
         to looser ties);
       - added value low (1-2): at most *focused* (offering the same thing breeds
         competition);
       - power gaps high (4-5): at most *ongoing* (a strategic partnership needs
         mechanisms that keep the weaker side autonomous);
       - investment capacity medium (3): at most *ongoing*; low (1-2): at most
         *focused* (ongoing and strategic partnerships need sustained investment).

    Raises ``DomainError`` unless all five are scored 1-5.
    """
    scores: dict[str, int] = {}
    for name in FACTOR_FIELDS:
        value = factors.get(name)
        if value is None or int(value) not in range(1, 6):
            raise DomainError(_("Score all five factors from 1 to 5."), code="factors_missing")
        scores[name] = int(value)
    labels = _factor_labels()
    parts = [
        scores["proximity"],
        scores["contribution"],
        scores["added_value"],
        6 - scores["power_gaps"],
        scores["investment_capacity"],
    ]
    mean = sum(parts) / len(parts)
    base = min(5, max(1, int(mean + 0.5)))
    reasons = [
        _(
            "The mean of the five factors (power gaps counted the other way round) is "
            "%(mean)s, which points to “%(level)s”."
        )
        % {"mean": f"{mean:.1f}", "level": PartnershipLevel(base).label}
    ]
    level = base
    cap_rows: list[tuple[int, str, str]] = [
        (
            scores["proximity"] + 1,
            str(
                _(
                    "%(factor)s is %(score)d: gaps in vision and values lead to looser "
                    "ties, so at most “%(level)s”."
                )
            ),
            "proximity",
        )
    ]
    if scores["added_value"] <= 2:
        cap_rows.append(
            (
                PartnershipLevel.FOCUSED,
                str(
                    _(
                        "%(factor)s is %(score)d: when both sides offer the same thing, "
                        "competition slows the partnership, so at most “%(level)s”."
                    )
                ),
                "added_value",
            )
        )
    if scores["power_gaps"] >= 4:
        cap_rows.append(
            (
                PartnershipLevel.ONGOING,
                str(
                    _(
                        "%(factor)s is %(score)d: a deep partnership needs mechanisms that "
                        "keep the weaker side autonomous, so at most “%(level)s” until "
                        "they exist."
                    )
                ),
                "power_gaps",
            )
        )
    capacity = scores["investment_capacity"]
    if capacity <= 3:
        cap_rows.append(
            (
                PartnershipLevel.FOCUSED if capacity <= 2 else PartnershipLevel.ONGOING,
                str(
                    _(
                        "%(factor)s is %(score)d: ongoing and strategic partnerships need "
                        "time, money and people, so at most “%(level)s”."
                    )
                ),
                "investment_capacity",
            )
        )
    for cap, text, name in cap_rows:
        cap = min(5, cap)
        if cap < level:
            level = cap
            reasons.append(
                text
                % {
                    "factor": labels[name],
                    "score": scores[name],
                    "level": PartnershipLevel(cap).label,
                }
            )
    if level == base and len(reasons) == 1:
        reasons.append(str(_("No factor holds it back.")))
    return PartnershipLevel(level), [str(reason) for reason in reasons]


def _factor_labels() -> dict[str, str]:
    return {
        name: str(getattr(Partnership._meta.get_field(name), "verbose_name", name)).capitalize()
        for name in FACTOR_FIELDS
    }


def set_factors(
    partnership: Partnership,
    *,
    user: Any,
    factors: Mapping[str, int | None],
    level: int | None = None,
) -> tuple[Partnership, PartnershipLevel, list[str]]:
    """Record the five factors; the level becomes ``level`` if given, else the
    suggestion. Returns the partnership, the suggested level and why."""
    if not can_edit_partnership(user, partnership):
        raise _refuse()
    suggested, reasons = suggest_level(factors)
    if level is not None and level not in PartnershipLevel.values:
        raise DomainError(_("Unknown level."), code="level_unknown")
    with transaction.atomic():
        locked = Partnership.objects.select_for_update().get(pk=partnership.pk)
        for name in FACTOR_FIELDS:
            setattr(locked, name, int(factors[name] or 0))
        locked.level = level if level is not None else suggested.value
        locked.save(update_fields=[*FACTOR_FIELDS, "level", "updated_at"])
    return locked, suggested, reasons
