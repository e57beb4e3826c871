"""The context builder: labels, rounding, classes and sentences decided in Python."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pandas as pd
from report_support import card

from readiness.engine.paths import paths_to_next_band
from readiness.engine.result import Result
from readiness.engine.score import score
from readiness.report import build_report_set
from readiness.report.context import ReportSet

CSS_CLASS = re.compile(
    r"^(band-[1-5]|band-none|missing|stale|thin|insufficient|up|down|hash|changed|"
    r"cov-(ok|stale|missing|imputed|none|group|undated)|)$"
)


def walk(obj: Any) -> Any:
    """Every (field name, value) pair in a nested context object."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            yield f.name, value
            yield from walk(value)
    elif isinstance(obj, tuple):
        for item in obj:
            yield from walk(item)


def test_context_holds_only_strings_and_fixed_css_classes(c5_report: ReportSet) -> None:
    for name, value in walk(c5_report):
        if dataclasses.is_dataclass(value) or isinstance(value, tuple):
            continue
        assert isinstance(value, (str, bool)), (name, value)
        if name in ("css", "band_class", "row_class", "status_class"):
            assert CSS_CLASS.match(value), (name, value)


def test_change_since_previous_period(c5_result: Result) -> None:
    raw = pd.concat([c5_result.raw, c5_result.denominators], axis=1)
    raw.loc["KGZ", "finance_centre"] = 0.0  # KGZ had no common-law venue before
    previous = score(
        c5_result.rubric,
        raw,
        evidence=c5_result.evidence,
        attributes=c5_result.attributes,
        period="2025-Q4",
    )
    paths = paths_to_next_band(c5_result)
    ctx = build_report_set(c5_result, previous, paths=paths)
    change = card(ctx, "KGZ").change
    assert "since 2025-Q4, on the same rubric" in change.lead
    assert not change.show_method  # the same rubric: the whole change is the data's
    index_row = change.rows[0]
    delta = c5_result.scores.at["KGZ", "index"] - previous.scores.at["KGZ", "index"]
    assert index_row.change == f"{delta:+.1f}" and index_row.css == "up"
    assert [r.name for r in change.indicator_rows] == [
        "International financial centre with common-law courts"
    ]
    assert ctx.regional.show_change
    assert card(build_report_set(c5_result, paths=paths), "KGZ").change.rows == ()


def test_level_definitions_used(c5_report: ReportSet, c5_result: Result) -> None:
    """The overview's appendix defines every level given; a scorecard's rows carry their own."""
    levels = c5_report.regional.methodology.levels
    assert any(lv.level == "BBB+ (14)" and "KAZ" in lv.used_by for lv in levels)
    assert c5_report.regional.methodology.show_used_by
    kaz = card(c5_report, "KAZ")
    assert kaz.methodology.levels == ()
    rating = next(r for p in kaz.pillars for r in p.rows if r.name == "Sovereign credit rating")
    bbb = next(
        lv for lv in c5_result.rubric.indicator_by_id["sovereign_rating"].levels if lv.value == 14
    )
    assert rating.definition == " ".join(bbb.definition.split())
