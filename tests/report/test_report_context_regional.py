"""report.context.regional: the regional overview assembled from its sections."""

from __future__ import annotations

from context_support import small_ctx

from readiness import format as fmt
from readiness.report.context import ReportSet
from readiness.report.context.regional import build_regional


def test_regional_ranking_and_coverage(c5_report: ReportSet) -> None:
    regional = c5_report.regional
    assert [r.code for r in regional.ranking] == ["KAZ", "UZB", "KGZ", "TJK", "TKM"]
    assert [r.rank for r in regional.ranking] == ["1", "2", "3", fmt.DASH, fmt.DASH]
    assert regional.ranking[3].band == "no band"
    assert regional.coverage_header == ("KAZ", "KGZ", "TJK", "TKM", "UZB")
    lpi = next(r for r in regional.coverage if r.label.startswith("Logistics"))
    assert lpi.cells[3].text == "Jul 2018 stale" and lpi.cells[3].css == "cov-stale"
    assert len(regional.context) == 5  # the archived 1.0.0 rubric's five cited facts


def test_the_small_overview_by_hand() -> None:
    regional = build_regional(small_ctx())
    assert [(r.rank, r.code, r.score) for r in regional.ranking] == [
        ("1", "A", "55.0"),
        ("2", "B", "30.0"),
        (fmt.DASH, "C", fmt.DASH),
    ]
    assert regional.coverage_header == ("A", "B", "C")
    assert not regional.show_change and not regional.reference.shown
    assert regional.context == () and regional.context_note == ""
    assert regional.meta.filename == "regional-overview"
    assert regional.meta.title == "Regional overview: Test rubric, 2026-Q1"
    assert "Gamma: Overall index no score, Law 60.0, Money no score" in regional.heatmap.alt
    assert "Overall index: A 55.0, B 30.0 (no score: C)" in regional.comparison.alt
    assert regional.comparison.alt.endswith("Band thresholds: High from 50.")
    assert [b.range for b in regional.legend] == ["50 and above", "0 to under 50"]
    assert "reference jurisdictions" not in regional.heatmap_caption
