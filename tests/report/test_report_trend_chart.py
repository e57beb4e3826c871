"""The trend chart on hand-made lines: a rubric change is a labelled rule that no line crosses
from a score of the old rubric (only from the earlier values re-scored under the new one, a
hollow marker); no rule where the rubric stays; end labels printed in full; the headline's
values printed under the axis, clear of every marker."""

from __future__ import annotations

import itertools
import re

from svg_support import Svg

from readiness.report.charts import Threshold
from readiness.report.trend_chart import Line, RubricChange, trend_chart

THRESHOLDS = [Threshold("Ready", 50, 0), Threshold("Early", 0, 1)]
PERIODS = ["2023-Q4", "2024-Q4", "2025-Q4", "2026-Q4"]
LONG = "Transport routes bypassing Russia and China"


def chart(
    rescored: tuple[tuple[int, float], ...] = (),
    changes: tuple[RubricChange, ...] = (RubricChange(2, "rubric 2.0.0", "2024-Q4 under 2.0.0"),),
) -> Svg:
    lines = [
        Line(
            "Overall index",
            (40.0, 45.0, 30.0, 35.0),
            0,
            "Index 35.0",
            True,
            ("40.0", "45.0", "30.0", "35.0"),
            rescored,
        ),
        Line(LONG, (44.0, 46.0, 31.0, 36.0), 1, LONG),
    ]
    return Svg(trend_chart(PERIODS, lines, THRESHOLDS, "T", changes=changes))


def test_a_rubric_change_is_a_labelled_rule_between_its_two_periods() -> None:
    svg = chart()
    rules = svg.rubric_rules()
    assert len(rules) == 1
    x = rules[0]
    assert svg.period_x("2024-Q4") < x < svg.period_x("2025-Q4")
    assert abs(x - (svg.period_x("2024-Q4") + svg.period_x("2025-Q4")) / 2) < 0.01
    assert svg.texts_of("rubric-change") == ["rubric 2.0.0"]


def test_no_rule_when_every_period_has_the_same_rubric() -> None:
    svg = chart(changes=())
    assert svg.rubric_rules() == [] and svg.texts_of("rubric-change") == []
    # each line runs unbroken through the four periods
    assert [len(p) for p in svg.polylines()] == [4, 4]


def test_no_line_crosses_the_rule_from_a_score_of_the_old_rubric() -> None:
    svg = chart()
    x_rule = svg.rubric_rules()[0]
    for points in svg.polylines():
        for (x1, _), (x2, _) in itertools.pairwise(points):
            assert not (x1 < x_rule < x2), "a segment runs across the rubric change"
    assert [len(p) for p in svg.polylines()] == [2, 2, 2, 2]  # broken at the rule


def test_a_line_crosses_the_rule_from_its_rescored_value_drawn_hollow() -> None:
    svg = chart(rescored=((2, 38.0),))
    x_rule = svg.rubric_rules()[0]
    x_before, x_after = svg.period_x("2024-Q4"), svg.period_x("2025-Q4")
    crossing = [p for p in svg.polylines() if p[0][0] < x_rule < p[-1][0]]
    assert len(crossing) == 1  # the index only: the other line has no rescored value
    (x1, y1), (x2, y2) = crossing[0]
    assert (x1, x2) == (x_before, x_after)
    assert abs(y1 - svg.y_of(38.0)) < 0.01 and abs(y2 - svg.y_of(30.0)) < 0.01
    hollow = [c for c in svg.circles() if c.fill == "#ffffff"]
    assert [(c.x, round(c.y, 2)) for c in hollow if c.x == x_before] == [
        (x_before, round(svg.y_of(38.0), 2))
    ]
    assert "2024-Q4 under 2.0.0" in svg.text  # the hollow marker is in the legend


def test_a_rescored_value_equal_to_the_published_one_draws_no_hollow_marker() -> None:
    svg = chart(rescored=((2, 45.0),))
    assert not [c for c in svg.circles() if c.fill == "#ffffff" and c.x < svg.rubric_rules()[0]]
    assert "2024-Q4 under 2.0.0" not in svg.text


def test_end_labels_are_printed_in_full_and_fit_the_chart() -> None:
    svg = chart()
    ends = svg.texts_of("end")
    assert " ".join(ends[1:]) == LONG and ends[0] == "Index 35.0"  # wrapped, never cut
    assert "…" not in svg.text
    for box in svg.text_boxes("end"):
        assert box[2] <= svg.width
    svg.assert_no_overlaps()


def test_the_headline_values_are_printed_under_the_axis() -> None:
    svg = chart()
    values = svg.text_boxes("value")
    assert svg.texts_of("value") == ["40.0", "45.0", "30.0", "35.0"]
    bottom = svg.y_of(0.0)
    assert all(box[1] > bottom for box in values)  # below the plot: never over a marker
    for k, period in enumerate(PERIODS):
        assert abs((values[k][0] + values[k][2]) / 2 - svg.period_x(period)) < 0.01
    assert re.search(r">Overall index</text>", svg.text)  # the row is named


def reference_chart(references: tuple[tuple[str, float], ...]) -> Svg:
    lines = [
        Line("Overall index", (40.0, 45.0, 30.0, 86.0), 0, "Index 86.0", True),
        Line(LONG, (44.0, 46.0, 31.0, 84.0), 1, LONG),
    ]
    return Svg(
        trend_chart(
            PERIODS,
            lines,
            THRESHOLDS,
            "T",
            references=references,
            reference_legend="reference jurisdictions' index in 2026-Q4",
        )
    )


def reference_marks(svg: Svg) -> list[tuple[float, float]]:
    """Centres of the reference diamonds in the plot (the legend's sample left out)."""
    out = []
    for e in svg.root.iter("{http://www.w3.org/2000/svg}polygon"):
        if e.get("class") != "reference":
            continue
        xs, ys = zip(*(map(float, p.split(",")) for p in e.attrib["points"].split()), strict=True)
        out.append(((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2))
    return [(x, y) for x, y in out if y <= svg.y_of(0) + 0.01]


def test_reference_jurisdictions_are_diamonds_at_the_last_period_only() -> None:
    refs = (("AUS", 85.3), ("CAN", 86.2), ("CHL", 68.1), ("MNG", 51.0), ("NAN", float("nan")))
    svg = reference_chart(refs)
    marks = reference_marks(svg)
    assert len(marks) == 4  # one per scored reference; no score, no marker
    x_last = svg.period_x("2026-Q4")
    assert all(abs(x - x_last) < 0.01 for x, _ in marks)
    assert sorted(round(y, 1) for _, y in marks) == sorted(
        round(svg.y_of(s), 1) for _, s in refs[:4]
    )
    labels = svg.texts_of("reference")
    # AUS and CAN lie closer than a label's height: one label (higher score first); the
    # others stand alone; every code printed once
    assert sorted(labels) == ["CAN · AUS", "CHL", "MNG"]
    assert sorted(" · ".join(labels).split(" · ")) == ["AUS", "CAN", "CHL", "MNG"]
    italic = [t for t in svg.texts() if t.get("class") == "reference"]
    assert all(t.get("font-style") == "italic" for t in italic)
    assert "reference jurisdictions' index in 2026-Q4" in svg.text
    svg.assert_no_overlaps()


def test_no_reference_marker_without_reference_jurisdictions() -> None:
    svg = reference_chart(())
    assert reference_marks(svg) == [] and svg.texts_of("reference") == []
    assert "reference jurisdictions" not in svg.text  # nor a legend entry
    svg.assert_no_overlaps()
