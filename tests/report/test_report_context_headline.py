"""report.context.headline: the scorecard's index score, band and facts."""

from __future__ import annotations

from context_support import small_ctx
from report_support import card

from readiness import format as fmt
from readiness.engine.result import Result
from readiness.report.context import ReportSet
from readiness.report.context.headline import build_headline


def test_headline_of_a_scored_country(c5_report: ReportSet, c5_result: Result) -> None:
    h = card(c5_report, "KGZ").headline
    assert h.score == f"{c5_result.scores.at['KGZ', 'index']:.1f}" == "39.7"
    assert h.band == "Early-stage"
    assert h.band_class == "band-4"
    assert dict((f.label, f.value) for f in h.facts)["Rank"] == "3 of 3 scored"


def test_headline_of_an_unscored_country(c5_report: ReportSet) -> None:
    h = card(c5_report, "TKM").headline
    assert (h.score, h.band_class) == (fmt.DASH, "band-none")
    assert "only 3 of 4 pillars can be scored" in card(c5_report, "TKM").summary.verdict
    assert dict((f.label, f.value) for f in h.facts)["Rank"] == "not ranked"


def test_the_small_results_headlines_by_hand() -> None:
    ctx = small_ctx()
    a = build_headline(ctx, "A")  # index 55 from Law 80 and Money 30; High from 50
    assert (a.score, a.band, a.band_class) == ("55.0", "High", "band-1")
    assert [(f.label, f.value) for f in a.facts] == [
        ("Rank", "1 of 2 scored"),
        ("Pillars scored", "2 of 2"),
        ("Indicators reported", "4 of 4"),
        ("Period", "2026-Q1"),
    ]
    b = build_headline(ctx, "B")  # two bands: High the best slot, Low the last of five
    assert (b.score, b.band_class, b.facts[2].value) == ("30.0", "band-5", "3 of 4")
    c = build_headline(ctx, "C")  # Money has no value, and the index needs both pillars
    assert (c.score, c.band, c.band_class) == (fmt.DASH, "No band: insufficient data", "band-none")
    assert (c.facts[0].value, c.facts[1].value) == ("not ranked", "1 of 2")
