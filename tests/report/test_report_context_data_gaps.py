"""report.context.data_gaps: pillars without a score or on part of their weight, missing, stale
and imputed values, in plain words."""

from __future__ import annotations

from context_support import small_ctx
from report_support import card

from readiness.report.context import ReportSet
from readiness.report.context.data_gaps import build_data_gaps


def test_data_gaps_are_listed_plainly(c5_report: ReportSet) -> None:
    gaps = card(c5_report, "TKM").data_gaps
    assert any(g.startswith("Geological data access") for g in gaps.insufficient)
    missing = [m.label for m in gaps.missing]
    assert "FDI net inflows (Financing)" in missing
    assert [s.label for s in gaps.stale] == [
        "Logistics Performance Index (overall) (Transport routes bypassing Russia and China)",
        "LPI infrastructure (Transport routes bypassing Russia and China)",
    ]
    assert card(c5_report, "KAZ").data_gaps.lead.startswith("No data gaps")


def test_the_small_results_gaps_by_hand() -> None:
    ctx = small_ctx()
    assert build_data_gaps(ctx, "A").lead.startswith("No data gaps")
    b = build_data_gaps(ctx, "B")  # b missing (half of Law's weight); a dated Jul 2019: stale
    assert b.thin == ("Law: scored on 50% of its weight.",) and b.insufficient == ()
    assert [(f.label, f.value) for f in b.missing] == [("Courts (Law)", "No value found.")]
    assert [(f.label, f.value) for f in b.stale] == [
        ("Mining code (Law)", "evidence dated Jul 2019, older than 3 years")
    ]
    assert b.lead.startswith("1 indicator missing, 1 stale.")
    c = build_data_gaps(ctx, "C")  # no value in Money: no score; c's evidence note is printed
    assert c.insufficient == ("Money: insufficient data: no component has a value.",)
    assert [(f.label, f.value) for f in c.missing] == [
        ("FDI (Money)", "Not published."),
        ("Credit (Money)", "No value found."),
    ]
    assert c.lead.startswith("2 indicators missing, 0 stale.") and c.imputed == ()
