"""The five factors place a partnership on the continuum; cases computed by hand."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from kaveret.core.errors import DomainError
from kaveret.ecosystem.choices import PartnershipLevel
from kaveret.partnerships.services import set_factors, suggest_level
from kaveret.testing.factories import UserFactory
from kaveret.testing.partnerships_factories import (
    full_partnership,
    organisation_representative,
)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def _factors(p: int, c: int, a: int, g: int, i: int) -> dict[str, int]:
    return {
        "proximity": p,
        "contribution": c,
        "added_value": a,
        "power_gaps": g,
        "investment_capacity": i,
    }


@pytest.mark.parametrize(
    ("factors", "level"),
    [
        # Everything high, small power gaps: (5+5+5+(6-1)+5)/5 = 5.0 -> strategic.
        (_factors(5, 5, 5, 1, 5), PartnershipLevel.STRATEGIC),
        # Everything medium: 3.0 -> focused; no cap below it.
        (_factors(3, 3, 3, 3, 3), PartnershipLevel.FOCUSED),
        # Everything very low, power gaps very high: 1.0 -> sharing.
        (_factors(1, 1, 1, 5, 1), PartnershipLevel.SHARING),
        # (4+4+4+(6-2)+4)/5 = 4.0 -> ongoing; capacity 4 sets no cap.
        (_factors(4, 4, 4, 2, 4), PartnershipLevel.ONGOING),
        # (3+4+4+(6-3)+4)/5 = 3.6 rounds to 4 -> ongoing; proximity 3 caps at 4.
        (_factors(3, 4, 4, 3, 4), PartnershipLevel.ONGOING),
        # (2+2+3+(6-3)+2)/5 = 2.4 -> participation.
        (_factors(2, 2, 3, 3, 2), PartnershipLevel.PARTICIPATION),
        # (1+5+5+(6-1)+5)/5 = 4.2 -> 4, but proximity 1 caps at 2 -> participation.
        (_factors(1, 5, 5, 1, 5), PartnershipLevel.PARTICIPATION),
        # (5+5+5+(6-1)+2)/5 = 4.4 -> 4, capacity 2 caps at focused.
        (_factors(5, 5, 5, 1, 2), PartnershipLevel.FOCUSED),
        # (5+5+5+(6-5)+5)/5 = 4.2 -> 4; power gaps 5 cap at ongoing: stays ongoing.
        (_factors(5, 5, 5, 5, 5), PartnershipLevel.ONGOING),
        # (5+5+2+(6-1)+5)/5 = 4.4 -> 4; added value 2 caps at focused.
        (_factors(5, 5, 2, 1, 5), PartnershipLevel.FOCUSED),
        # (5+5+5+(6-1)+3)/5 = 4.6 -> 5; capacity 3 caps at ongoing.
        (_factors(5, 5, 5, 1, 3), PartnershipLevel.ONGOING),
    ],
)
def test_suggested_level(factors: dict[str, int], level: PartnershipLevel) -> None:
    suggested, reasons = suggest_level(factors)
    assert suggested == level
    assert reasons


def test_the_reasons_say_which_factor_held_it_back() -> None:
    level, reasons = suggest_level(_factors(1, 5, 5, 1, 5))
    assert level == PartnershipLevel.PARTICIPATION
    assert "4.2" in reasons[0] and "“Ongoing”" in reasons[0]
    assert reasons[1].startswith("Proximity of vision and values is 1")
    assert "“Participation”" in reasons[1]
    _level, reasons = suggest_level(_factors(5, 5, 5, 1, 5))
    assert reasons[-1] == "No factor holds it back."


def test_all_five_factors_are_needed() -> None:
    partial = _factors(3, 3, 3, 3, 3)
    partial["power_gaps"] = None  # type: ignore[assignment]
    with pytest.raises(DomainError):
        suggest_level(partial)
    with pytest.raises(DomainError):
        suggest_level(_factors(3, 3, 3, 3, 6))


@pytest.mark.django_db
def test_setting_factors_takes_the_suggestion_unless_a_level_is_chosen() -> None:
    partnership = full_partnership()
    representative = organisation_representative(partnership.organisation)
    saved, suggested, _reasons = set_factors(
        partnership, user=representative, factors=_factors(5, 5, 5, 1, 2)
    )
    assert suggested == PartnershipLevel.FOCUSED and saved.level == PartnershipLevel.FOCUSED
    assert saved.investment_capacity == 2
    saved, suggested, _reasons = set_factors(
        partnership,
        user=representative,
        factors=_factors(5, 5, 5, 1, 2),
        level=PartnershipLevel.ONGOING,
    )
    saved.refresh_from_db()
    assert saved.level == PartnershipLevel.ONGOING
    with pytest.raises(PermissionDenied):
        set_factors(partnership, user=UserFactory(), factors=_factors(3, 3, 3, 3, 3))
