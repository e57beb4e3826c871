"""The trend charts of the shipped set, made from the shipped history as `readiness run` makes
them: a rule marks the rubric change exactly where two consecutive periods were scored with
different rubrics; no text overlaps another or a marker; end labels are printed in full; the
overview leaves out the leading periods in which no country has an index, and says so; a
single-period rubric run prints once."""

from __future__ import annotations

import base64
import itertools
import math
import re
import sqlite3
from collections.abc import Iterator

import pytest
from report_support import ROOT, SHIPPED, SHIPPED_RUBRIC
from svg_support import Svg

from readiness import api, sources
from readiness import format as fmt
from readiness.engine.paths import paths_to_next_band
from readiness.engine.result import Result
from readiness.history import frames, ingest, read, schema
from readiness.history.record import record_period
from readiness.report import build_report_set
from readiness.report.context import ReportSet
from readiness.report.context.trend import TrendSection, frame_of
from readiness.report.trend_chart import Line, RubricChange, trend_chart
from readiness.trend.attribution import attribute
from readiness.trend.series import Trend, from_history


@pytest.fixture(scope="module")
def history(
    shipped_result: Result, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[sqlite3.Connection]:
    """The shipped earlier periods and the current one, recorded as `readiness run` does."""
    conn = schema.connect(tmp_path_factory.mktemp("history") / "history.sqlite")
    current = sources.RubricFile.read(SHIPPED_RUBRIC)
    ingest.ingest_history(conn, ROOT, current)
    record_period(
        conn,
        shipped_result,
        rubric_text=current.text,
        inputs=ingest.file_inputs(SHIPPED, ROOT),
    )
    yield conn
    conn.close()


@pytest.fixture(scope="module")
def report(shipped_result: Result, history: sqlite3.Connection) -> ReportSet:
    period = shipped_result.period
    before = [p.period for p in read.periods(history) if p.period != period][-1]
    previous = api.score(
        frames.rubric_of(history, before), frames.values_of(history, before), period=before
    )
    trend = from_history(history, period).with_attribution(attribute(previous, shipped_result))
    return build_report_set(
        shipped_result, previous, paths=paths_to_next_band(shipped_result), trend=trend
    )


def svg_of(uri: str) -> Svg:
    return Svg(base64.b64decode(uri.split(",", 1)[1]).decode("utf-8"))


def sections(report: ReportSet) -> list[tuple[str, TrendSection]]:
    return [("overview", report.regional.trend), *((c.unit, c.trend) for c in report.scorecards)]


def test_the_rule_marks_each_rubric_change_between_consecutive_periods(
    report: ReportSet, history: sqlite3.Connection
) -> None:
    recorded = read.periods(history)
    changes = [
        (a.period, b.period)
        for a, b in itertools.pairwise(recorded)
        if (a.rubric_id, a.rubric_version) != (b.rubric_id, b.rubric_version)
    ]
    assert changes == [("2025-Q4", "2026-Q4")]  # the shipped history: 1.0.0, then 2.0.0
    for name, t in sections(report):
        svg = svg_of(t.chart.src)
        rules = svg.rubric_rules()
        assert len(rules) == len(changes), name
        for x, (before, after) in zip(rules, changes, strict=True):
            assert svg.period_x(before) < x < svg.period_x(after), name
        assert svg.texts_of("rubric-change") == ["rubric 2.0.0"], name
        assert "rule before 2026-Q4 marks the change to rubric 2.0.0" in t.caption, name


def test_no_text_overlaps_another_or_a_marker_and_end_labels_are_whole(report: ReportSet) -> None:
    for name, t in sections(report):
        svg = svg_of(t.chart.src)
        svg.assert_no_overlaps()
        assert "…" not in svg.text, name
    for card in report.scorecards:
        ends = " ".join(svg_of(card.trend.chart.src).texts_of("end"))
        names = [
            r.name
            for r in card.change.rows
            if r.name not in ("Overall index", "Band") and r.after != fmt.DASH
        ]
        for pillar in names:  # every pillar scored now is named in full at its line's end
            assert pillar in ends, (card.unit, pillar)


def test_the_index_values_are_printed_clear_of_the_plot(
    report: ReportSet, history: sqlite3.Connection, shipped_result: Result
) -> None:
    """Under each period, the recorded index as the report prints scores (a dash for none),
    below the plot, so no marker covers it."""
    thresholds = shipped_result.rubric.thresholds
    for unit in ("KAZ", "KGZ", "UZB"):
        card = next(c for c in report.scorecards if c.unit == unit)
        recorded = history.execute(
            "SELECT score FROM results WHERE unit = ? AND item = 'index' ORDER BY period",
            (unit,),
        ).fetchall()
        expected = [fmt.DASH if s is None else fmt.score(s, thresholds) for (s,) in recorded]
        svg = svg_of(card.trend.chart.src)
        assert svg.texts_of("value") == expected, unit
        assert all(box[1] > svg.y_of(0) for box in svg.text_boxes("value"))


def test_the_hollow_marker_is_the_earlier_index_under_the_new_rubric(report: ReportSet) -> None:
    """KAZ's caption says what its 2025-Q4 index is under 2.0.0; the hollow circle sits there,
    at 2025-Q4, and the line from it runs to the 2026-Q4 index."""
    kaz = next(c for c in report.scorecards if c.unit == "KAZ")
    found = re.search(
        r"Overall index: (\d+\.\d) in 2025-Q4 under rubric 1\.0\.0, (\d+\.\d) under 2\.0\.0, "
        r"(\d+\.\d) now: of the (\S+) change, rubric 2\.0\.0 accounts for (\S+) and the data for "
        r"(\S+)\.",
        kaz.trend.caption,
    )
    assert found, kaz.trend.caption
    before, again, now, change, method, data = found.groups()
    row = kaz.change.rows[0]  # the change section's index row: the same figures
    assert (row.before, row.after, row.change, row.method, row.data) == (
        before,
        now,
        change,
        method,
        data,
    )
    assert math.isclose(float(before) + float(method), float(again), abs_tol=1e-9)
    svg = svg_of(kaz.trend.chart.src)
    x = svg.period_x("2025-Q4")
    hollow = [c for c in svg.circles() if c.fill == "#ffffff" and c.x == x]
    assert len(hollow) == 1
    # The circle is drawn at the exact score; the caption prints the published score plus the
    # rubric's part as the tables print them (rounded so that the parts add up): within 0.1.
    assert abs(hollow[0].y - svg.y_of(float(again))) <= svg.y_of(0) - svg.y_of(0.1) + 1e-6


def test_the_overview_leaves_out_the_periods_no_country_has_an_index_and_says_so(
    report: ReportSet, history: sqlite3.Connection
) -> None:
    rows = history.execute(
        "SELECT period, COUNT(score) FROM results WHERE item = 'index' AND unit IN "
        "('KAZ', 'KGZ', 'TJK', 'TKM', 'UZB') GROUP BY period ORDER BY period"
    ).fetchall()
    empty = [p for p, n in rows if n == 0]
    recorded = [p for p, _ in rows]
    assert empty == recorded[: len(empty)] and empty  # leading periods (the shipped history)
    kept = recorded[len(empty) :]
    t = report.regional.trend
    svg = svg_of(t.chart.src)
    drawn = [x.text for x in svg.texts() if re.fullmatch(r"\d{4}-Q\d", x.text or "")]
    assert drawn == kept
    left_out = empty[0] if len(empty) == 1 else f"{empty[0]} to {empty[-1]}"
    verb = "is" if len(empty) == 1 else "are"
    assert f"{kept[0]} to {kept[-1]}, {len(kept)} of {len(recorded)} recorded periods." in t.caption
    assert (
        f"{left_out} {verb} recorded but not drawn: no country has an index score in them"
        in t.caption
    )
    assert "2.0.0 (2026-Q4)" in t.caption and "2026-Q4-2026-Q4" not in t.caption
    assert "1.0.0 (2020-Q4 to 2025-Q4)" in t.caption
    # the scorecards keep every period: the pillars have scores in the early ones
    kaz = next(c for c in report.scorecards if c.unit == "KAZ")
    assert "recorded but not drawn" not in kaz.trend.caption
    assert "2020-Q4 to 2026-Q4, 7 recorded periods." in kaz.trend.caption
    assert svg_of(kaz.trend.chart.src).period_x("2020-Q4") > 0


def test_a_rubric_id_change_names_the_new_rubric_in_full() -> None:
    trend = Trend(("2025-Q4", "2026-Q4"), ("1.0.0", "1.0.0"), {}, None, ("old-id", "new-id"))
    assert trend.rubric_of(1) != trend.rubric_of(0)
    frame = frame_of(trend, [(1.0, 2.0)])
    assert frame.changes == (
        RubricChange(1, "rubric new-id 1.0.0", "2025-Q4 values scored under rubric new-id 1.0.0"),
    )
    same = Trend(("2025-Q4", "2026-Q4"), ("1.0.0", "1.0.0"), {}, None, ("x", "x"))
    assert frame_of(same, [(1.0, 2.0)]).changes == ()
    assert "rubric-change" not in trend_chart(["a", "b"], [Line("L", (1.0, 2.0), 0)], [], "T")


def test_the_alt_text_states_the_rubric_change_and_the_rescored_scores(report: ReportSet) -> None:
    alt = report.regional.trend.chart.alt
    assert "Dashed rule: rubric 2.0.0 from 2026-Q4" in alt
    for row in report.regional.trend.rows:
        if row.change and row.method:  # each country with a split change: its re-scored score
            again = f"{float(row.before) + float(row.method):.1f}"
            assert f"{row.name} {again}" in alt, row.name


def test_reference_jurisdictions_are_marked_at_the_last_period_of_index_charts(
    report: ReportSet, shipped_result: Result
) -> None:
    """One hollow diamond per scored reference unit at the last period's x, at its index, in
    the overview's chart and each scorecard's; said in the caption and the alt text."""
    refs = [u for u in shipped_result.units if u in shipped_result.rubric.reference_units]
    root = shipped_result.rubric.root.id
    scored = {
        str(u): shipped_result.score_of(str(u), root)
        for u in refs
        if not math.isnan(shipped_result.score_of(str(u), root))
    }
    assert scored, "the shipped set has reference jurisdictions with an index"
    last = shipped_result.period
    for name, t in sections(report):
        svg = svg_of(t.chart.src)
        marks = [
            e
            for e in svg.root.iter("{http://www.w3.org/2000/svg}polygon")
            if e.get("class") == "reference"
        ]
        centres = []
        for e in marks:
            pts = [tuple(map(float, p.split(","))) for p in e.attrib["points"].split()]
            centres.append((pts[0][0], (pts[0][1] + pts[2][1]) / 2))
        in_plot = [(x, y) for x, y in centres if y <= svg.y_of(0) + 0.01]
        assert len(in_plot) == len(scored), name
        assert all(abs(x - svg.period_x(last)) < 0.01 for x, _ in in_plot), name
        assert sorted(round(y, 1) for _, y in in_plot) == sorted(
            round(svg.y_of(v), 1) for v in scored.values()
        ), name
        assert sorted(" · ".join(svg.texts_of("reference")).split(" · ")) == sorted(
            u for u in scored
        ), name
        svg.assert_no_overlaps()
        assert f"reference jurisdictions' index in {last}" in t.caption, name
        for u, v in scored.items():
            shown = fmt.score(v, shipped_result.rubric.thresholds)
            assert f"{u} {shown}" in t.chart.alt, (name, u)
