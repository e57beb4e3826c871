"""report.context.pillars: one table per pillar, each indicator with its value, score, the weight
it carries once a missing sibling's is shared out, points, date and evidence."""

from __future__ import annotations

from context_support import small_ctx

from readiness import format as fmt
from readiness.report.context.citations import build_citations
from readiness.report.context.pillars import build_pillars, citation_pairs, weight_in_pillar


def test_a_thin_pillar_shares_the_missing_weight() -> None:
    ctx = small_ctx()
    assert citation_pairs(ctx, "B") == [("B", "a"), ("B", "b"), ("B", "c"), ("B", "d")]
    law, money = build_pillars(
        ctx, "B", build_citations(ctx, citation_pairs(ctx, "B"), by_unit=False)
    )
    assert (law.score, law.band_class, law.status_class) == ("20.0", "band-5", "thin")
    assert law.status.startswith("Thin: scored on 1 of 2 indicators (50% of the weight)")
    a, b = law.rows
    # a carries all of Law: 100% instead of the rubric's 50%, 10 of the 50 index points
    assert (a.value, a.score, a.weight, a.weight_detail, a.points) == (
        "2",
        "20.0",
        "100.0%",
        "rubric 50.0%",
        "10.00 of 50.00",
    )
    assert (a.as_of, a.as_of_label, a.flag, a.row_class) == (
        "Jul 2019",
        "evidence dated",
        "stale",
        "stale",
    )
    assert (a.source.text, a.source.href, a.note) == ("Source a", "https://example.org", "note B a")
    assert (b.value, b.value_detail, b.score, b.points) == (
        "missing",
        "not found; not counted as 0",
        fmt.DASH,
        fmt.DASH,
    )
    assert (b.weight, b.weight_detail, b.flag, b.row_class) == (
        "50.0%",
        "left out",
        "missing",
        "missing",
    )
    assert money.status == "All 2 indicators reported." and money.status_class == ""
    fdi = money.rows[0]
    assert (fdi.value, fdi.value_detail, fdi.as_of_label) == ("4", "% GDP", "data year")


def test_a_pillar_without_a_score_keeps_the_rubric_weights() -> None:
    ctx = small_ctx()
    _, money = build_pillars(
        ctx, "C", build_citations(ctx, citation_pairs(ctx, "C"), by_unit=False)
    )
    assert (money.score, money.status_class, money.band_class) == (
        fmt.DASH,
        "insufficient",
        "band-none",
    )
    assert money.status == "No score: insufficient data: no component has a value."
    assert weight_in_pillar(ctx, "C", "c") == ("50.0%", "")  # nothing was shared out
    assert money.rows[0].note == "Not published."
    assert weight_in_pillar(ctx, "A", "a") == ("50.0%", "")
