"""The gate of each stage: what must be true before a partnership moves into it.

Moving **forward** goes one step at a time; the call (03) is optional, so from active
search (02) a partnership may go to the call or straight to choosing a partner (04).
Moving **back** is allowed and has no gate (it is recorded like any move), except out
of **ended**: an ended partnership reopens only at the stage it ended from (the
``from_stage`` of the last move into ended); reopening it anywhere else is refused unless
an admin overrides it with a written reason. Otherwise ending and reopening would skip
every gate in between.
**Ended** can be reached from any stage once an outcome is recorded (a partnership may be
stopped at any step). An outcome of implementation (purchased, scaled, extended, handed
over) is recorded only at step 07 *implement* or later (``outcome_allowed``), so ending
early never counts as implemented.

| moving into | the gate (seed 001) |
|---|---|
| 02 active search | the challenge is named: the search maps solutions *to a challenge* |
| 03 call | the challenge is named: the call defines the offer around it |
| 04 choose a partner | the challenge is named |
| 05 define | the level on the continuum is chosen or the five factors are assessed: the
  partnership's depth decides what the definition covers |
| 06 launch | an internal ambassador is named; every expectation is agreed (or agreed with
  a note); every item of the legal checklist is agreed with its text; the agreement is
  marked signed; the pilot plan has a scope and a duration |
| 07 implement | at least one pilot indicator; every success condition reviewed (a status
  beyond "not met", or evidence written); a continuity plan (who funds after the pilot
  or the procurement path) |
| ended | an outcome; an outcome of implementation only from 07 implement |
| leaving ended | only back to the stage it ended from (an admin may override) |

``unmet`` returns one translated, specific sentence per missing thing; an empty list
means the move may go ahead.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kaveret.ecosystem.choices import PARTNERSHIP_FACTOR_FIELDS

from .models import (
    OPTIONAL_STAGES,
    STAGE_ORDER,
    AgreementStatus,
    ConditionStatus,
    ContinuityPlan,
    Outcome,
    Partnership,
    PilotPlan,
    Stage,
    StageMove,
)

AGREED = (AgreementStatus.AGREED, AgreementStatus.AGREED_WITH_NOTE)
# Outcomes that say the pilot was carried out: recorded only from step 07 on.
IMPLEMENTED_OUTCOMES = frozenset(
    {Outcome.PURCHASED, Outcome.SCALED, Outcome.EXTENDED, Outcome.HANDED_OVER}
)


def stage_index(stage: str) -> int:
    return STAGE_ORDER.index(stage)


def next_stages(stage: str) -> list[str]:
    """The stages one step forward from ``stage`` (an optional step may be skipped)."""
    if stage == Stage.ENDED:
        return []
    found: list[str] = []
    for value in STAGE_ORDER[stage_index(stage) + 1 :]:
        if value == Stage.ENDED:
            break
        found.append(value)
        if value not in OPTIONAL_STAGES:
            break
    return found


def allowed_targets(stage: str) -> list[str]:
    """Every stage a partnership at ``stage`` may be moved to (gates aside)."""
    back = [value for value in STAGE_ORDER[: stage_index(stage)] if value != Stage.ENDED]
    forward = next_stages(stage)
    ended = [Stage.ENDED.value] if stage != Stage.ENDED else []
    return [value for value in STAGE_ORDER if value in {*back, *forward, *ended}]


def is_backward(from_stage: str, to_stage: str) -> bool:
    return to_stage != Stage.ENDED and stage_index(to_stage) < stage_index(from_stage)


def ended_from(partnership: Partnership) -> str | None:
    """The stage an ended partnership ended from (the last move into ended), if known."""
    if partnership.stage != Stage.ENDED:
        return None
    move = (
        StageMove.objects.filter(partnership=partnership, to_stage=Stage.ENDED)
        .order_by("-moved_at", "-pk")
        .only("from_stage")
        .first()
    )
    return move.from_stage if move is not None else None


def reached_stage(partnership: Partnership) -> str:
    """The step the work actually reached: the stage, or for an ended partnership the
    stage it ended from (ended itself when that is not recorded)."""
    if partnership.stage == Stage.ENDED:
        return ended_from(partnership) or Stage.ENDED.value
    return partnership.stage


def outcome_allowed(partnership: Partnership, outcome: str) -> bool:
    """An outcome of implementation only once the pilot reached 07 implement; "ended"
    (stopped) and "not decided yet" at any stage."""
    if outcome not in IMPLEMENTED_OUTCOMES:
        return True
    return stage_index(reached_stage(partnership)) >= stage_index(Stage.IMPLEMENT)


def _needs_challenge(partnership: Partnership) -> list[str]:
    if partnership.challenge_id is None:
        return [_("Link the challenge the partnership addresses")]
    return []


def _needs_level(partnership: Partnership) -> list[str]:
    assessed = all(getattr(partnership, name) is not None for name in PARTNERSHIP_FACTOR_FIELDS)
    if partnership.level is None and not assessed:
        return [_("Choose the level on the continuum or assess the five factors")]
    return []


def _pilot_plan(partnership: Partnership) -> PilotPlan | None:
    try:
        return partnership.pilot_plan
    except PilotPlan.DoesNotExist:
        return None


def _continuity(partnership: Partnership) -> ContinuityPlan | None:
    try:
        return partnership.continuity
    except ContinuityPlan.DoesNotExist:
        return None


def _needs_launch(partnership: Partnership) -> list[str]:
    missing: list[str] = []
    if not partnership.ambassador_name.strip() and partnership.ambassador_id is None:
        missing.append(_("Name the organisation's internal ambassador"))
    open_count = partnership.expectations.exclude(status__in=AGREED).count()
    if open_count:
        missing.append(
            ngettext(
                "%(count)d expectation is still open",
                "%(count)d expectations are still open",
                open_count,
            )
            % {"count": open_count}
        )
    for item in partnership.legal_items.all():
        if not (item.is_agreed and item.agreed_text.strip()):
            missing.append(
                _("The legal checklist: “%(item)s” is not agreed")
                % {"item": item.get_key_display()}
            )
    if partnership.agreement_signed_on is None:
        missing.append(_("Mark the agreement as signed"))
    plan = _pilot_plan(partnership)
    if plan is None or not plan.scope.strip():
        missing.append(_("The pilot plan needs its scope"))
    if plan is None or not plan.duration.strip():
        missing.append(_("The pilot plan needs its duration"))
    return missing


def _needs_implement(partnership: Partnership) -> list[str]:
    missing: list[str] = []
    if not partnership.indicators.exists():
        missing.append(_("Add at least one pilot indicator"))
    unreviewed = partnership.conditions.filter(status=ConditionStatus.NOT_MET, evidence="").count()
    if unreviewed:
        missing.append(
            ngettext(
                "%(count)d success condition has not been reviewed",
                "%(count)d success conditions have not been reviewed",
                unreviewed,
            )
            % {"count": unreviewed}
        )
    plan = _continuity(partnership)
    if plan is None or not (plan.funding_after.strip() or plan.procurement_path.strip()):
        missing.append(
            _("Plan continuity: who funds what after the pilot, or the procurement path")
        )
    return missing


def _needs_outcome(partnership: Partnership) -> list[str]:
    if partnership.outcome == Outcome.NONE:
        return [_("Record the outcome")]
    if not outcome_allowed(partnership, partnership.outcome):
        return [
            _(
                "The outcome “%(outcome)s” is for a pilot that reached implementation; "
                "to stop the partnership here, record the outcome “Ended”"
            )
            % {"outcome": partnership.get_outcome_display()}
        ]
    return []


def _leaving_ended(partnership: Partnership, to_stage: str) -> list[str]:
    """Out of ended: back to the stage it ended from; anywhere else needs an override."""
    origin = ended_from(partnership)
    if origin == to_stage:
        return []
    if origin is None:
        return [_("The partnership has ended; reopening it needs an admin's override")]
    return [
        _(
            "An ended partnership reopens only at the stage it ended from, %(stage)s; "
            "another stage needs an admin's override"
        )
        % {"stage": Stage(origin).label}
    ]


GATES = {
    Stage.SEARCH: _needs_challenge,
    Stage.CALL: _needs_challenge,
    Stage.CHOOSE: _needs_challenge,
    Stage.DEFINE: _needs_level,
    Stage.LAUNCH: _needs_launch,
    Stage.IMPLEMENT: _needs_implement,
    Stage.ENDED: _needs_outcome,
}


def unmet(partnership: Partnership, to_stage: str) -> list[str]:
    """What is missing before ``partnership`` may move to ``to_stage``.

    A move back has no gate, except out of ended (``_leaving_ended``); a move that
    skips a required step or goes nowhere says so.
    """
    current = partnership.stage
    if to_stage not in STAGE_ORDER:
        return [_("Unknown stage")]
    if to_stage == current:
        return [_("The partnership is already at this stage")]
    if current == Stage.ENDED:
        return _leaving_ended(partnership, to_stage)
    if is_backward(current, to_stage):
        return []
    if to_stage not in allowed_targets(current):
        following = ", ".join(str(Stage(value).label) for value in next_stages(current))
        return [_("Move one step at a time: the next step is %(next)s") % {"next": following}]
    gate = GATES.get(Stage(to_stage))
    return gate(partnership) if gate else []


def is_structural(partnership: Partnership, to_stage: str) -> bool:
    """A refusal no override can lift: an unknown stage, the same stage, a skipped step."""
    if to_stage not in STAGE_ORDER or to_stage == partnership.stage:
        return True
    return not is_backward(partnership.stage, to_stage) and to_stage not in allowed_targets(
        partnership.stage
    )
