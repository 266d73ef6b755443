"""The compare page's bars are drawn from the numbers (education/charts.py)."""

from types import SimpleNamespace

import pytest

from education.charts import MIN_BAR_PERCENT, compare_charts, range_bar, tick_step


@pytest.mark.parametrize(("largest", "step"), [(1, 1), (6, 1), (7, 1), (10, 2), (14, 2), (30, 5)])
def test_tick_step_gives_at_most_about_seven_ticks(largest, step):
    assert tick_step(largest) == step


def test_range_bar_spans_low_to_high_on_the_scale():
    assert range_bar(1, 5, scale_max=10) == range_bar(1, 5, scale_max=10)
    bar = range_bar(1, 5, scale_max=10)
    assert (bar.start, bar.width) == (10.0, 40.0)


def test_a_single_value_still_draws_a_bar_inside_the_scale():
    assert range_bar(1, 1, scale_max=6).width == MIN_BAR_PERCENT
    at_the_end = range_bar(6, 6, scale_max=6)
    assert at_the_end.start + at_the_end.width <= 100


def treatment(name, sessions, downtime):
    return SimpleNamespace(
        name=name,
        sessions_min=sessions[0],
        sessions_max=sessions[1],
        downtime_min_days=downtime[0],
        downtime_max_days=downtime[1],
        sessions_range=f"{sessions[0]} to {sessions[1]}" if sessions[0] != sessions[1] else "1",
        downtime_range=f"{downtime[0]} to {downtime[1]} days",
    )


def test_compare_charts_share_one_scale_per_measure():
    charts = compare_charts([treatment("A", (1, 2), (0, 2)), treatment("B", (3, 6), (7, 14))])
    sessions, downtime = charts["sessions"], charts["downtime"]
    assert sessions.scale_max == 6
    assert [tick.value for tick in sessions.ticks] == [0, 1, 2, 3, 4, 5, 6]
    assert downtime.scale_max == 14
    assert downtime.ticks[-1].position == 100
    longest = downtime.rows[1].bar
    assert (longest.start, longest.width) == (50.0, 50.0)
    assert [row.text for row in sessions.rows] == ["1 to 2 sessions", "3 to 6 sessions"]


def test_one_session_is_singular():
    charts = compare_charts([treatment("C", (1, 1), (2, 5))])
    assert charts["sessions"].rows[0].text == "1 session"
