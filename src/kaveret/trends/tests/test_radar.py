"""The radar's geometry: every dot inside its own ring and sector, apart, deterministic."""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from kaveret.trends import radar


@dataclass(frozen=True)
class FakeSignal:
    pk: int
    kind: str
    ring: str


def _signals(cells: dict[tuple[str, str], int]) -> list[FakeSignal]:
    signals = []
    pk = 1
    for (ring, kind), count in cells.items():
        for _ in range(count):
            signals.append(FakeSignal(pk=pk, kind=kind, ring=ring))
            pk += 1
    return signals


def _assert_inside_own_cell(dot: radar.Dot) -> None:
    distance, angle = radar.polar(dot.x, dot.y)
    inner, outer = radar.RING_BOUNDS[dot.ring]
    start, end = radar.sector_bounds(dot.kind)
    # The whole dot, not only its centre, is inside the ring...
    assert inner + dot.radius <= distance + 1e-6, dot
    assert distance + dot.radius <= outer + 1e-6, dot
    # ...and inside the sector: its centre is further from both edge lines than its radius.
    assert start <= angle <= end, dot
    assert distance * math.sin(angle - start) >= dot.radius - 1e-6, dot
    assert distance * math.sin(end - angle) >= dot.radius - 1e-6, dot


def _assert_apart(dots: list[radar.Dot]) -> None:
    for first, second in combinations(dots, 2):
        gap = math.hypot(first.x - second.x, first.y - second.y)
        assert gap >= first.radius + second.radius, (first, second)


def test_every_dot_sits_in_its_own_ring_and_sector() -> None:
    cells = {(ring, kind): 3 for ring in radar.RINGS for kind in radar.KINDS}
    dots = radar.layout(_signals(cells))

    assert len(dots) == 45
    for dot in dots:
        _assert_inside_own_cell(dot)
    _assert_apart(dots)


def test_the_act_ring_is_innermost_and_watch_outermost() -> None:
    signals = [
        FakeSignal(1, radar.KINDS[0], "watch"),
        FakeSignal(2, radar.KINDS[0], "act"),
        FakeSignal(3, radar.KINDS[0], "assess"),
    ]
    distance = {dot.ring: radar.polar(dot.x, dot.y)[0] for dot in radar.layout(signals)}

    assert distance["act"] < distance["assess"] < distance["watch"]


def test_the_same_signals_give_the_same_dots_in_any_order() -> None:
    signals = _signals({("assess", "technology"): 7, ("act", "policy_change"): 4})

    first = [(dot.signal.pk, dot.x, dot.y, dot.radius) for dot in radar.layout(signals)]
    again = [(dot.signal.pk, dot.x, dot.y, dot.radius) for dot in radar.layout(signals[::-1])]

    assert first == again


def test_a_crowded_cell_gets_smaller_dots_that_still_do_not_overlap() -> None:
    signals = _signals({("act", "social_process"): 25})

    dots = radar.layout(signals)

    assert len(dots) == 25
    assert dots[0].radius < radar.SPACINGS[0] * radar.DOT_SHARE
    for dot in dots:
        _assert_inside_own_cell(dot)
    _assert_apart(dots)


def test_signals_of_an_unknown_ring_or_kind_are_left_out() -> None:
    signals = [FakeSignal(1, "gossip", "act"), FakeSignal(2, "technology", "someday")]

    assert radar.layout(signals) == []


@settings(max_examples=40, deadline=None)
@given(
    st.dictionaries(
        st.tuples(st.sampled_from(radar.RINGS), st.sampled_from(radar.KINDS)),
        st.integers(min_value=0, max_value=20),
    )
)
def test_reasonable_counts_never_overlap(cells: dict[tuple[str, str], int]) -> None:
    dots = radar.layout(_signals(cells))

    assert len(dots) == sum(cells.values())
    for dot in dots:
        _assert_inside_own_cell(dot)
    _assert_apart(dots)


def test_the_frame_has_three_rings_and_five_sectors() -> None:
    frame = radar.frame()

    assert [circle.ring for circle in frame.rings] == ["watch", "assess", "act"]
    assert len(frame.lines) == len(frame.labels) == 5
    assert {label.kind for label in frame.labels} == set(radar.KINDS)
    for label in frame.labels:
        assert 0 <= label.x <= frame.width and 0 <= label.y <= frame.height
