"""The trend section: the chart draws gaps, not zeros, over the band zones; the change table
splits each change by cause, prints parts that add up, and names new-data-only moves."""

from __future__ import annotations

import base64
import re

from readiness.api import score
from readiness.engine.paths import paths_to_next_band
from readiness.engine.result import Result
from readiness.inputs.values import Values, make_table
from readiness.report import build_report_set
from readiness.report.charts import Threshold
from readiness.report.trend_chart import Line, trend_chart
from readiness.rubric import parse_rubric
from readiness.trend.attribution import attribute
from readiness.trend.series import Trend

RUBRIC = """\
id: t
title: T
version: '1'
units:
  - {id: A, name: Alpha}
  - {id: B, name: Beta}
nodes:
  - {id: idx, name: Index, min_coverage: 1}
  - {id: p, name: Law, parent: idx}
  - {id: q, name: Money, parent: idx}
indicators:
  - {id: x, name: Code, parent: p, normalisation: {method: goalposts, low: 0, high: 10}}
  - {id: y, name: Courts, parent: p, normalisation: {method: goalposts, low: 0, high: 10}}
  - {id: z, name: FDI, parent: q, normalisation: {method: goalposts, low: 0, high: 10}}
bands:
  - {label: Ready, min: 50}
  - {label: Early, min: 0}
"""


def scored(rows: dict[tuple[str, str], float], period: str) -> Result:
    table = make_table([{"unit": u, "indicator": i, "value": v} for (u, i), v in rows.items()])
    return score(parse_rubric(RUBRIC), Values(table=table, period=period), period=period)


BEFORE = {("A", "x"): 2, ("A", "z"): 6, ("B", "x"): 5}  # A: p 20, idx 40; B: no q, no idx
AFTER = {("A", "x"): 2, ("A", "y"): 4, ("A", "z"): 6.25, ("B", "x"): 5}  # A: p 30, q 62.5


def trend_for(before: Result, after: Result) -> Trend:
    periods = ("2024-Q4", "2025-Q4", "2026-Q4")
    a_idx = (None, before.scores.at["A", "idx"], after.scores.at["A", "idx"])
    return Trend(
        periods,
        ("1", "1", "1"),
        {("A", "idx"): a_idx, ("A", "p"): (15.0, 20.0, 30.0), ("B", "p"): (50.0, 50.0, 50.0)},
        attribute(before, after),
    )


def test_the_change_table_splits_by_cause_and_adds_up() -> None:
    before, after = scored(BEFORE, "2025-Q4"), scored(AFTER, "2026-Q4")
    report = build_report_set(
        after, before, paths=paths_to_next_band(after), trend=trend_for(before, after)
    )
    card = next(c for c in report.scorecards if c.unit == "A")
    t = card.trend
    assert t.shown and not t.show_method
    rows = {r.name: r for r in t.rows}
    # index: 40 -> (30 + 62.5) / 2 = 46.25: changed z +1.25 (q +2.5 / 2), new y +5.0
    index = rows["Overall index"]
    assert (index.before, index.after, index.change) == ("40.0", "46.2", "+6.2")
    assert (index.changed, index.appeared, index.disappeared) == ("+1.2", "+5.0", "")
    assert float(index.changed) + float(index.appeared) == float(index.change)
    law = rows["Law"]
    assert (law.change, law.appeared, law.note) == ("+10.0", "+10.0", "new data only: Courts")
    money = rows["Money"]
    assert (money.changed, money.note) == ("+2.5", "changed: FDI")
    assert t.band == "Band unchanged: Early."
    assert "Change since 2025-Q4" in t.change_lead and "add up" in t.change_lead


def test_a_band_absent_in_both_periods_is_never_changed() -> None:
    before, after = scored(BEFORE, "2025-Q4"), scored(AFTER, "2026-Q4")
    report = build_report_set(
        after, before, paths=paths_to_next_band(after), trend=trend_for(before, after)
    )
    b = next(c for c in report.scorecards if c.unit == "B").trend
    assert b.band == "No band in either period (no index score)."
    index = next(r for r in b.rows if r.name == "Overall index")
    assert (index.before, index.after, index.change) == ("–", "–", "")
    assert index.note == "no score in either period"
    text = " ".join(f"{r.change} {r.note}" for r in b.rows) + b.band
    assert "changed" not in text


def test_regional_rows_one_per_country() -> None:
    before, after = scored(BEFORE, "2025-Q4"), scored(AFTER, "2026-Q4")
    regional = build_report_set(
        after, before, paths=paths_to_next_band(after), trend=trend_for(before, after)
    ).regional
    assert regional.trend.subject == "Country"
    assert [r.name for r in regional.trend.rows] == ["Alpha", "Beta"]


def test_without_a_history_there_is_no_trend_section() -> None:
    current = scored(AFTER, "2026-Q4")
    report = build_report_set(current, paths=paths_to_next_band(current))
    assert not report.regional.trend.shown
    assert not any(c.trend.shown for c in report.scorecards)


def svg_of(uri: str) -> str:
    return base64.b64decode(uri.split(",", 1)[1]).decode("utf-8")


def test_the_chart_breaks_lines_at_gaps_and_never_draws_a_zero() -> None:
    thresholds = [Threshold("Ready", 50, 0), Threshold("Early", 0, 1)]
    lines = [
        Line(
            "Index",
            (None, 40.0, 45.0, None, 50.0),
            0,
            "Index",
            True,
            ("", "40.0", "45.0", "", "50.0"),
        ),
        Line("Law", (10.0, None, 20.0, 30.0, None), 1, "Law"),
    ]
    periods = ["2022-Q4", "2023-Q4", "2024-Q4", "2025-Q4", "2026-Q4"]
    svg = trend_chart(periods, lines, thresholds, "T <&> title")
    assert svg == trend_chart(periods, lines, thresholds, "T <&> title")  # deterministic
    assert "T &lt;&amp;&gt; title" in svg
    polylines = re.findall(r'<polyline points="([^"]*)"', svg)
    # Index: one run of 2 points (40, 45), the lone 50 has no line; Law: one run (20, 30)
    assert [len(p.split()) for p in polylines] == [2, 2]
    # the plot's bottom (score 0) is y = 180; no marker is centred on it
    circles = [float(y) for y in re.findall(r'<circle cx="[^"]*" cy="([^"]*)"', svg)]
    squares = [
        float(y) + float(h) / 2
        for y, h in re.findall(
            r'<rect x="[^"]*" y="([^"]*)" width="[^"]*" height="([^"]*)" '
            r'fill="#b2182b"',
            svg,
        )
    ]
    assert len(circles) == 3 + 1  # the index's three scores and its legend swatch
    assert len(squares) == 3 + 1  # Law's three scores and its legend swatch
    assert all(abs(y - 180.0) > 1 for y in circles + squares)
    for text in ("40.0", "45.0", "50.0", "2022-Q4", "2026-Q4", "Ready", "Early", ">50<"):
        assert text in svg
