"""Bars for the compare page: each treatment's sessions and downtime as a range on one scale.

Pure (plain numbers in, positions out) so the drawing is tested without a browser. The
template draws each bar as SVG attributes (never ``style=``, which the CSP forbids).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.translation import gettext, ngettext

# A range of one value (e.g. "1 session") still needs a visible bar.
MIN_BAR_PERCENT = 2.0


@dataclass(frozen=True)
class Bar:
    start: float  # percent of the scale
    width: float


@dataclass(frozen=True)
class Tick:
    value: int
    position: float  # percent of the scale


@dataclass(frozen=True)
class ChartRow:
    item: object
    bar: Bar
    text: str


@dataclass(frozen=True)
class RangeChart:
    unit: str
    scale_max: int
    ticks: list[Tick]
    rows: list[ChartRow]


def tick_step(largest: int) -> int:
    """A round step that gives at most about seven ticks."""
    for step in (1, 2, 5, 10, 20, 50):
        if largest / step <= 7:
            return step
    return 100


def range_bar(low: int, high: int, *, scale_max: int) -> Bar:
    start = 100 * low / scale_max
    width = max(100 * (high - low) / scale_max, MIN_BAR_PERCENT)
    # A bar at the far end still fits inside the scale.
    start = min(start, 100 - width)
    return Bar(start=round(start, 2), width=round(width, 2))


def range_chart(items, *, low, high, text, unit) -> RangeChart:
    """One row per item; ``low``, ``high`` and ``text`` read an item's range and its words."""
    items = list(items)
    largest = max([high(item) for item in items] + [1])
    step = tick_step(largest)
    scale_max = math.ceil(largest / step) * step
    ticks = [
        Tick(value, round(100 * value / scale_max, 2)) for value in range(0, scale_max + 1, step)
    ]
    rows = [
        ChartRow(item, range_bar(low(item), high(item), scale_max=scale_max), text(item))
        for item in items
    ]
    return RangeChart(unit=unit, scale_max=scale_max, ticks=ticks, rows=rows)


def sessions_words(low: int, high: int) -> str:
    """ "1 session", "2 to 4 sessions", in the active language."""
    if low == high:
        return ngettext("%(count)s session", "%(count)s sessions", high) % {"count": high}
    return ngettext("%(low)s to %(high)s session", "%(low)s to %(high)s sessions", high) % {
        "low": low,
        "high": high,
    }


def downtime_words(low: int, high: int) -> str:
    """ "Usually none", "About 3 days", "3 to 7 days", in the active language."""
    if high == 0:
        return gettext("Usually none")
    if low == high:
        return ngettext("About %(days)s day", "About %(days)s days", high) % {"days": high}
    return ngettext("%(low)s to %(high)s day", "%(low)s to %(high)s days", high) % {
        "low": low,
        "high": high,
    }


def compare_charts(treatments):
    """The compare page's two charts: sessions and days of downtime."""
    return {
        "sessions": range_chart(
            treatments,
            low=lambda t: t.sessions_min,
            high=lambda t: t.sessions_max,
            text=lambda t: sessions_words(t.sessions_min, t.sessions_max),
            unit="sessions",
        ),
        "downtime": range_chart(
            treatments,
            low=lambda t: t.downtime_min_days,
            high=lambda t: t.downtime_max_days,
            text=lambda t: downtime_words(t.downtime_min_days, t.downtime_max_days),
            unit="days",
        ),
    }
