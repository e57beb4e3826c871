"""The context builder: labels, rounding, classes and sentences decided in Python."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pandas as pd
import pytest

from readiness import format as fmt
from readiness.engine.paths import paths_to_next_band
from readiness.engine.result import Result
from readiness.engine.score import score
from readiness.report import build_report_set
from readiness.report.context import ReportSet, Scorecard

CSS_CLASS = re.compile(
    r"^(band-[1-5]|band-none|missing|stale|thin|insufficient|up|down|hash|changed|"
    r"cov-(ok|stale|missing|imputed|none|group|undated)|)$"
)


@pytest.fixture(scope="module")
def report(c5_result: Result) -> ReportSet:
    return build_report_set(c5_result, paths=paths_to_next_band(c5_result))


def card(report: ReportSet, unit: str) -> Scorecard:
    return next(c for c in report.scorecards if c.meta.filename == f"scorecard-{unit}")


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


def test_context_holds_only_strings_and_fixed_css_classes(report: ReportSet) -> None:
    for name, value in walk(report):
        if dataclasses.is_dataclass(value) or isinstance(value, tuple):
            continue
        assert isinstance(value, (str, bool)), (name, value)
        if name in ("css", "band_class", "row_class", "status_class"):
            assert CSS_CLASS.match(value), (name, value)


def test_headline_of_a_scored_country(report: ReportSet, c5_result: Result) -> None:
    h = card(report, "KGZ").headline
    assert h.score == f"{c5_result.scores.at['KGZ', 'index']:.1f}" == "39.7"
    assert h.band == "Early-stage"
    assert h.band_class == "band-4"
    assert dict((f.label, f.value) for f in h.facts)["Rank"] == "3 of 3 scored"


def test_headline_of_an_unscored_country(report: ReportSet) -> None:
    h = card(report, "TKM").headline
    assert (h.score, h.band_class) == (fmt.DASH, "band-none")
    assert "only 3 of 4 pillars can be scored" in card(report, "TKM").summary.verdict
    assert dict((f.label, f.value) for f in h.facts)["Rank"] == "not ranked"


def test_data_gaps_are_listed_plainly(report: ReportSet) -> None:
    gaps = card(report, "TKM").data_gaps
    assert any(g.startswith("Geological data access") for g in gaps.insufficient)
    missing = [m.label for m in gaps.missing]
    assert "FDI net inflows (Financing)" in missing
    assert [s.label for s in gaps.stale] == [
        "Logistics Performance Index (overall) (Transport routes bypassing Russia and China)",
        "LPI infrastructure (Transport routes bypassing Russia and China)",
    ]
    assert card(report, "KAZ").data_gaps.lead.startswith("No data gaps")


def test_path_sections(report: ReportSet) -> None:
    kgz = card(report, "KGZ").path
    assert kgz.lead.startswith("Kyrgyzstan scores 39.7 (Early-stage), 0.3 points below Emerging")
    assert len(kgz.steps) == 1
    assert "Emerging" in kgz.outcome
    kaz = card(report, "KAZ").path
    assert "already in the top band" in kaz.lead
    tjk = card(report, "TJK").path
    assert "no index score" in tjk.lead and "between" in tjk.outcome


def test_fixed_indicators_leave_geography_alone(c5_result: Result) -> None:
    geography = {"caspian_access", "transit_borders"}
    fixed = build_report_set(c5_result, paths=paths_to_next_band(c5_result, geography))
    path = card(fixed, "KGZ").path
    assert all("Caspian" not in s.name and "Transit" not in s.name for s in path.steps)
    assert "Never proposed (fixed): Own Caspian port" in path.method_note


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


def test_regional_ranking_and_coverage(report: ReportSet) -> None:
    regional = report.regional
    assert [r.code for r in regional.ranking] == ["KAZ", "UZB", "KGZ", "TJK", "TKM"]
    assert [r.rank for r in regional.ranking] == ["1", "2", "3", fmt.DASH, fmt.DASH]
    assert regional.ranking[3].band == "no band"
    assert regional.coverage_header == ("KAZ", "KGZ", "TJK", "TKM", "UZB")
    lpi = next(r for r in regional.coverage if r.label.startswith("Logistics"))
    assert lpi.cells[3].text == "Jul 2018 stale" and lpi.cells[3].css == "cov-stale"
    assert len(regional.context) == 5  # the archived 1.0.0 rubric's five cited facts


def test_level_definitions_used(report: ReportSet, c5_result: Result) -> None:
    """The overview's appendix defines every level given; a scorecard's rows carry their own."""
    levels = report.regional.methodology.levels
    assert any(lv.level == "BBB+ (14)" and "KAZ" in lv.used_by for lv in levels)
    assert report.regional.methodology.show_used_by
    kaz = card(report, "KAZ")
    assert kaz.methodology.levels == ()
    rating = next(r for p in kaz.pillars for r in p.rows if r.name == "Sovereign credit rating")
    bbb = next(
        lv for lv in c5_result.rubric.indicator_by_id["sovereign_rating"].levels if lv.value == 14
    )
    assert rating.definition == " ".join(bbb.definition.split())
