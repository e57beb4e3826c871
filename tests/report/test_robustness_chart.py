"""Robustness charts: deterministic SVG with one row per country or input, bars where the
numbers say."""

from __future__ import annotations

import math

from readiness.report.charts import Threshold
from readiness.report.robustness_chart import (
    Interval,
    SobolBar,
    rank_intervals,
    score_intervals,
    sobol_bars,
)

ROWS = [
    Interval("Alpha", 60.0, 40.0, 55.0, 65.0, "40-65"),
    Interval("Beta", math.nan, math.nan, math.nan, math.nan, "-"),
]


def test_score_intervals_are_deterministic_and_labelled() -> None:
    thresholds = [Threshold("High", 50.0, 0), Threshold("Low", 0.0, 4)]
    svg = score_intervals(ROWS, thresholds, "Scores")
    assert svg == score_intervals(ROWS, thresholds, "Scores")
    assert "<title>Scores</title>" in svg and "Alpha" in svg and "40-65" in svg
    assert "no score in any draw" in svg
    assert svg.count("<circle") == 1  # Beta has no nominal score


def test_rank_intervals_number_every_rank() -> None:
    svg = rank_intervals([Interval("A", 1.0, 1.0, 1.0, 2.0, "1-2")], 3, "Ranks")
    assert "rank 1 (best)" in svg and "rank 3" in svg


def test_sobol_bars_clip_to_0_1() -> None:
    svg = sobol_bars([SobolBar("weight: a", -0.05, 1.2, 0.1, "1.20 (-0.05)")], "Sobol")
    assert "weight: a" in svg and "alone (first-order)" in svg
