"""Geometry of the dashboards' SVG charts, computed here and drawn by the templates.

Two shapes cover every figure: horizontal **bars** (one value per category: statuses,
stages, the funnel, budgets) and **columns** over time (stacked or side by side: members
per month, registrations and attendance per month). Series are told apart by a fill
pattern as well as a colour (never by colour alone), and every bar carries its value as
text. Time runs in the reading direction: right to left in Hebrew and Arabic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

CHART_WIDTH = 640
LABEL_WIDTH = 220
VALUE_WIDTH = 70
ROW_HEIGHT = 26
BAR_HEIGHT = 18
COLUMN_HEIGHT = 220
COLUMN_BOTTOM = 24
MAX_SLOT = 48
MAX_X_LABELS = 8

#: (colour, pattern id) of each series, in order; the patterns are defined once per page
#: (``measurement/dashboards/_patterns.html``). Each colour has 4.5:1 contrast on white.
SERIES_STYLES: tuple[tuple[str, str], ...] = (
    ("#0b5cab", "dash-solid"),
    ("#b45309", "dash-stripes"),
    ("#1e6b2e", "dash-dots"),
    ("#a4133c", "dash-cross"),
    ("#6b21a8", "dash-back-stripes"),
    ("#374151", "dash-grid"),
    ("#0f766e", "dash-waves"),
    ("#854d0e", "dash-checks"),
)


#: Statuses keep the same look wherever they are drawn: green for on track, amber for at
#: risk, red for off track, grey for no data and not measured (each with its own pattern).
STATUS_STYLES: dict[str, tuple[str, str]] = {
    "on_track": ("#1e6b2e", "dash-dots"),
    "at_risk": ("#b45309", "dash-stripes"),
    "off_track": ("#a4133c", "dash-cross"),
    "no_data": ("#374151", "dash-grid"),
    "not_measured": ("#6b21a8", "dash-back-stripes"),
}


def series_style(index: int) -> tuple[str, str]:
    return SERIES_STYLES[index % len(SERIES_STYLES)]


@dataclass
class Bar:
    label: str
    value: float
    shown: str
    x: float
    width: float
    y: float
    label_x: float
    value_x: float
    colour: str
    pattern: str


@dataclass
class BarChart:
    bars: list[Bar]
    width: int
    height: int
    bar_height: int
    label_anchor: str
    value_anchor: str


def bar_chart(
    rows: Sequence[tuple[str, float, str]],
    *,
    rtl: bool,
    styled: bool = False,
    keys: Sequence[str] | None = None,
) -> BarChart:
    """One bar per (label, value, value as shown); with ``styled`` each bar has its own
    colour and pattern (categories such as statuses), otherwise all share the first."""
    largest = max((float(value) for _label, value, _shown in rows), default=0) or 1
    # Room for the longest value as written beside its bar (about 7 units a character).
    value_width = max(VALUE_WIDTH, 7 * max((len(shown) for *_rest, shown in rows), default=0) + 8)
    room = CHART_WIDTH - LABEL_WIDTH - value_width
    bars = []
    for position, (label, value, shown) in enumerate(rows):
        colour, pattern = series_style(position if styled else 0)
        if keys is not None and keys[position] in STATUS_STYLES:
            colour, pattern = STATUS_STYLES[keys[position]]
        length = room * float(value) / largest
        y = position * ROW_HEIGHT
        if rtl:
            start = CHART_WIDTH - LABEL_WIDTH
            bar = Bar(
                label, value, shown, start - length, length, y, start + 8, start - length - 4,
                colour, pattern,
            )  # fmt: skip
        else:
            bar = Bar(
                label, value, shown, LABEL_WIDTH, length, y, LABEL_WIDTH - 8,
                LABEL_WIDTH + length + 4, colour, pattern,
            )  # fmt: skip
        bars.append(bar)
    return BarChart(
        bars=bars,
        width=CHART_WIDTH,
        height=max(len(rows), 1) * ROW_HEIGHT,
        bar_height=BAR_HEIGHT,
        label_anchor="start" if rtl else "end",
        value_anchor="end" if rtl else "start",
    )


@dataclass
class Rect:
    x: float
    y: float
    width: float
    height: float
    colour: str
    pattern: str
    series: str
    label: str
    value: int


@dataclass
class Legend:
    key: str
    label: str
    colour: str
    pattern: str


@dataclass
class ColumnChart:
    rects: list[Rect]
    x_labels: list[tuple[float, str]]
    legend: list[Legend]
    width: int
    height: int
    plot_height: int
    y_max: int
    y_ticks: list[tuple[float, int]] = field(default_factory=list)


def _ticks(largest: int, plot_height: int) -> list[tuple[float, int]]:
    if largest <= 0:
        return []
    step = max(1, -(-largest // 4))
    return [
        (plot_height - plot_height * value / largest, value)
        for value in range(0, largest + 1, step)
    ]


def column_chart(
    x_labels: Sequence[str],
    series: Sequence[tuple[str, str, Sequence[int]]],
    *,
    rtl: bool,
    stacked: bool,
) -> ColumnChart:
    """Columns per x position, one per series (``(key, label, values)``), stacked or side
    by side. At most ``MAX_X_LABELS`` labels are written under the axis (the table has all)."""
    count = len(x_labels)
    plot_height = COLUMN_HEIGHT - COLUMN_BOTTOM
    if stacked:
        largest = max(
            (sum(values[index] for _k, _l, values in series) for index in range(count)),
            default=0,
        )
    else:
        largest = max((max(values, default=0) for _k, _l, values in series), default=0)
    scale = plot_height / (largest or 1)
    slot = min(CHART_WIDTH / max(count, 1), MAX_SLOT)
    inner = max(slot - 2, 1)
    rects: list[Rect] = []
    labels: list[tuple[float, str]] = []
    stride = max(1, -(-count // MAX_X_LABELS))
    for index, x_label in enumerate(x_labels):
        start = CHART_WIDTH - (index + 1) * slot if rtl else index * slot
        base = float(plot_height)
        for position, (key, label, values) in enumerate(series):
            colour, pattern = series_style(position)
            height = values[index] * scale
            if stacked:
                rects.append(
                    Rect(start + 1, base - height, inner, height, colour, pattern, key, label,
                         values[index])
                )  # fmt: skip
                base -= height
            else:
                width = inner / max(len(series), 1)
                side = len(series) - 1 - position if rtl else position
                rects.append(
                    Rect(start + 1 + side * width, plot_height - height, width, height, colour,
                         pattern, key, label, values[index])
                )  # fmt: skip
        if index % stride == 0:
            # Kept inside the drawing, so the first and last labels are not cut off.
            labels.append((min(max(start + slot / 2, 24.0), CHART_WIDTH - 24.0), x_label))
    legend = [
        Legend(key, label, *series_style(position))
        for position, (key, label, _values) in enumerate(series)
    ]
    return ColumnChart(
        rects=rects,
        x_labels=labels,
        legend=legend,
        width=CHART_WIDTH,
        height=COLUMN_HEIGHT,
        plot_height=plot_height,
        y_max=largest,
        y_ticks=_ticks(largest, plot_height),
    )
