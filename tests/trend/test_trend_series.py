"""trend.series: the index and aggregate scores of every recorded period up to the reported one,
read from the history, with gaps as None (never 0)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from trend_support import RUBRIC, Rows, scored

from readiness.history import schema
from readiness.history.record import record_period
from readiness.trend.attribution import attribute
from readiness.trend.series import Trend, from_history

# 2025-Q4: A: p = mean(20, 40) = 30, q = 60, idx = 45; B: p = 80, q has no value: no idx
#          (idx needs full coverage)
# 2026-Q1: A: x = 8 makes p = 60, idx = 60; B: q = 100, idx = (80 + 100) / 2 = 90
# 2026-Q2: recorded, but after the period reported
PERIODS: dict[str, Rows] = {
    "2026-Q2": {("A", "x"): 0, ("A", "y"): 0, ("A", "z"): 0},
    "2025-Q4": {("A", "x"): 2, ("A", "y"): 4, ("A", "z"): 6, ("B", "x"): 8},
    "2026-Q1": {("A", "x"): 8, ("A", "y"): 4, ("A", "z"): 6, ("B", "x"): 8, ("B", "z"): 10},
}


@pytest.fixture
def history(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    conn = schema.connect(tmp_path / "h.sqlite")
    for period, rows in PERIODS.items():  # recorded out of time order
        record_period(conn, scored(rows, period), rubric_text=RUBRIC % 1, inputs=[])
    yield conn
    conn.close()


def test_the_trend_runs_up_to_the_reported_period_oldest_first(
    history: sqlite3.Connection,
) -> None:
    trend = from_history(history, "2026-Q1")
    assert trend.periods == ("2025-Q4", "2026-Q1")
    assert trend.rubric_versions == ("1", "1") and trend.rubric_ids == ("t", "t")
    assert trend.series("A", "idx") == pytest.approx((45.0, 60.0))
    assert trend.series("A", "p") == pytest.approx((30.0, 60.0))
    assert trend.series("B", "idx") == (None, pytest.approx(90.0))  # a gap, not a zero
    assert trend.series("B", "q") == (None, pytest.approx(100.0))
    assert ("A", "x") not in trend.scores  # indicators are not drawn
    assert list(trend.scores) == sorted(trend.scores)
    assert trend.attribution is None


def test_an_unrecorded_series_is_all_gaps(history: sqlite3.Connection) -> None:
    trend = from_history(history, "2026-Q2")
    assert len(trend.periods) == 3
    assert trend.series("C", "idx") == (None, None, None)
    assert from_history(history, "2025-Q3").periods == ()  # nothing recorded that early


def test_the_attribution_and_rubric_of_a_period(history: sqlite3.Connection) -> None:
    trend = from_history(history, "2026-Q1")
    found = attribute(scored(PERIODS["2025-Q4"], "2025-Q4"), scored(PERIODS["2026-Q1"], "2026-Q1"))
    both = trend.with_attribution(found)
    assert both.attribution is found
    assert (both.periods, both.scores, both.rubric_ids) == (
        trend.periods,
        trend.scores,
        trend.rubric_ids,
    )
    assert both.rubric_of(1) == ("t", "1")
    unknown_ids = Trend(("2025-Q4",), ("0.9",), {})  # made before rubric ids were recorded
    assert unknown_ids.rubric_of(0) == ("", "0.9")
