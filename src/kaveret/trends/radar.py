"""The radar's geometry: pure functions, no database, no templates.

The radar is a disc of three rings (act innermost, then assess, then watch) cut into five
sectors, one per kind of change, starting at the top and going clockwise. ``layout`` puts
every signal on a dot inside its own ring and sector. Dots are placed on slots laid out
in bands across the cell, each slot at least ``spacing`` from every other slot (in its
cell and in the cells around it), so dots never overlap while a cell holds no more dots
than it has slots; then the spacing is halved and tried again. The same signals always
give the same picture: they are ordered by id before they are placed.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from .models import Ring, SignalKind

# The viewBox: wider than tall, to leave room beside the disc for the sectors' names.
WIDTH = 900
HEIGHT = 600
CENTRE_X = WIDTH / 2
CENTRE_Y = HEIGHT / 2
OUTER_RADIUS = 250.0
# Ring bounds (inner, outer), innermost first; the inner rings are wider, since at a
# smaller radius the same width holds fewer dots.
RING_BOUNDS: dict[str, tuple[float, float]] = {
    Ring.ACT: (0.0, 100.0),
    Ring.ASSESS: (100.0, 180.0),
    Ring.WATCH: (180.0, OUTER_RADIUS),
}
RINGS: tuple[str, ...] = tuple(RING_BOUNDS)
KINDS: tuple[str, ...] = tuple(SignalKind.values)
SECTOR_ANGLE = 2 * math.pi / len(KINDS)
START_ANGLE = -math.pi / 2  # the first sector starts at the top
SPACINGS = (20.0, 14.0, 10.0, 7.0)  # tried in turn until every dot has its own slot
DOT_SHARE = 0.4  # a dot's radius, as a share of the spacing: dots keep a gap between them
# A colour per kind, each at least 4.5:1 against white and the rings' light fills (WCAG
# 1.4.11 asks 3:1 of graphics). The sector, not only the colour, tells the kind.
KIND_COLOURS: dict[str, str] = {
    SignalKind.SOCIAL_PROCESS: "#0b5cab",
    SignalKind.TECHNOLOGY: "#7b1fa2",
    SignalKind.SYSTEM_CHALLENGE: "#b00020",
    SignalKind.WORK_MECHANISM: "#1e6b2e",
    SignalKind.POLICY_CHANGE: "#8a4b00",
}
RING_FILLS: dict[str, str] = {
    Ring.ACT: "#e6ecf3",
    Ring.ASSESS: "#f2f5f9",
    Ring.WATCH: "#ffffff",
}


class Placeable(Protocol):
    pk: Any
    kind: str
    ring: str


@dataclass(frozen=True)
class Dot:
    signal: Any
    x: float
    y: float
    radius: float

    @property
    def kind(self) -> str:
        return str(self.signal.kind)

    @property
    def ring(self) -> str:
        return str(self.signal.ring)

    @property
    def colour(self) -> str:
        return KIND_COLOURS[self.kind]


def sector_bounds(kind: str) -> tuple[float, float]:
    """The angles (radians, clockwise from the x axis as on screen) of a kind's sector."""
    index = KINDS.index(kind)
    start = START_ANGLE + index * SECTOR_ANGLE
    return start, start + SECTOR_ANGLE


def point(radius: float, angle: float) -> tuple[float, float]:
    """A point of the radar in screen coordinates (y grows downwards)."""
    return CENTRE_X + radius * math.cos(angle), CENTRE_Y + radius * math.sin(angle)


def polar(x: float, y: float) -> tuple[float, float]:
    """(radius, angle) of a screen point, the angle in [START_ANGLE, START_ANGLE + 2π)."""
    dx, dy = x - CENTRE_X, y - CENTRE_Y
    angle = math.atan2(dy, dx)
    while angle < START_ANGLE:
        angle += 2 * math.pi
    while angle >= START_ANGLE + 2 * math.pi:
        angle -= 2 * math.pi
    return math.hypot(dx, dy), angle


def cell_slots(ring: str, kind: str, spacing: float) -> list[tuple[float, float]]:
    """The places for dots in one ring and sector, as (radius, angle), band by band.

    Each slot keeps ``spacing / 2`` from the ring's edges and from the sector's edge lines,
    and ``spacing`` from the other slots, so slots of neighbouring cells keep apart too.
    """
    inner, outer = RING_BOUNDS[ring]
    start, end = sector_bounds(kind)
    half = spacing / 2
    slots: list[tuple[float, float]] = []
    band_count = int((outer - inner - spacing) // spacing) + 1
    for band in range(max(band_count, 0)):
        radius = inner + half + band * spacing
        if radius <= half:
            continue
        # Distance to the sector's edge lines: radius × sin(offset) ≥ half.
        edge = math.asin(min(half / radius, 1.0))
        # Between neighbours on the band: the chord 2 r sin(step / 2) ≥ spacing.
        if spacing / (2 * radius) >= 1:
            continue
        step = 2 * math.asin(spacing / (2 * radius))
        usable = (end - start) - 2 * edge
        if usable < 0:
            continue
        count = int(usable // step) + 1
        # Centre the slots of the band in the sector.
        offset = (usable - (count - 1) * step) / 2
        for index in range(count):
            slots.append((radius, start + edge + offset + index * step))
    return slots


def _spread(slots: list[tuple[float, float]], count: int) -> list[tuple[float, float]]:
    """``count`` of the slots, spread evenly over the list (and so over the bands)."""
    return [slots[(2 * index + 1) * len(slots) // (2 * count)] for index in range(count)]


def _place_cell(ring: str, kind: str, signals: list[Any]) -> list[Dot]:
    for spacing in SPACINGS:
        slots = cell_slots(ring, kind, spacing)
        if len(slots) >= len(signals):
            break
    radius = spacing * DOT_SHARE
    if len(slots) < len(signals):
        # More signals than even the finest slots: some dots share places. The table
        # and the list beside the radar still show every signal.
        slots = [slots[index % len(slots)] for index in range(len(signals))]
        chosen = slots
    else:
        chosen = _spread(slots, len(signals))
    dots = []
    for signal, (distance, angle) in zip(signals, chosen, strict=True):
        x, y = point(distance, angle)
        dots.append(Dot(signal=signal, x=round(x, 2), y=round(y, 2), radius=radius))
    return dots


def layout(signals: Sequence[Placeable]) -> list[Dot]:
    """A dot for every signal, inside its ring and sector; the same input, the same dots.

    The dots come back ring by ring (innermost first), sector by sector, in id order.
    Signals of an unknown ring or kind are left out.
    """
    cells: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for signal in sorted(signals, key=lambda s: (s.pk is None, s.pk or 0)):
        if signal.ring in RING_BOUNDS and signal.kind in KINDS:
            cells[(signal.ring, signal.kind)].append(signal)
    dots: list[Dot] = []
    for ring in RINGS:
        for kind in KINDS:
            if cells.get((ring, kind)):
                dots.extend(_place_cell(ring, kind, cells[(ring, kind)]))
    return dots


# The frame the template draws: rings, sector lines and labels.


@dataclass(frozen=True)
class RingCircle:
    ring: str
    radius: float
    fill: str
    label_y: float  # the ring's name, written on the vertical line above the centre


@dataclass(frozen=True)
class SectorLine:
    x2: float
    y2: float


@dataclass(frozen=True)
class SectorLabel:
    kind: str
    x: float
    y: float
    anchor: str  # SVG text-anchor, with the SVG's direction fixed to ltr


@dataclass(frozen=True)
class Frame:
    width: int
    height: int
    centre_x: float
    centre_y: float
    rings: list[RingCircle]  # outermost first, so inner discs are drawn over outer ones
    lines: list[SectorLine]
    labels: list[SectorLabel]


def frame() -> Frame:
    rings = [
        RingCircle(
            ring=ring,
            radius=outer,
            fill=RING_FILLS[ring],
            label_y=round(CENTRE_Y - (inner + outer) / 2, 2),
        )
        for ring, (inner, outer) in reversed(RING_BOUNDS.items())
    ]
    lines = []
    labels = []
    for kind in KINDS:
        start, end = sector_bounds(kind)
        x2, y2 = point(OUTER_RADIUS, start)
        lines.append(SectorLine(x2=round(x2, 2), y2=round(y2, 2)))
        middle = (start + end) / 2
        x, y = point(OUTER_RADIUS + 18, middle)
        dx = x - CENTRE_X
        anchor = "middle" if abs(dx) < 40 else ("start" if dx > 0 else "end")
        labels.append(SectorLabel(kind=kind, x=round(x, 2), y=round(y + 5, 2), anchor=anchor))
    return Frame(
        width=WIDTH,
        height=HEIGHT,
        centre_x=CENTRE_X,
        centre_y=CENTRE_Y,
        rings=rings,
        lines=lines,
        labels=labels,
    )
