"""report.context.coverage: the regional data-coverage matrix (a pillar row with its share of
weight, then one dated cell per value), month-year dates and the caption's period end."""

from __future__ import annotations

import pytest
from context_support import small_ctx

from readiness.report.context.citations import build_citations
from readiness.report.context.coverage import (
    build_coverage,
    citation_pairs,
    coverage_note,
    month_year,
    period_end,
)


def test_the_matrix_by_hand() -> None:
    ctx = small_ctx()
    units = ["A", "B", "C"]
    pairs = citation_pairs(ctx, units)
    assert pairs[:4] == [("A", "a"), ("B", "a"), ("C", "a"), ("A", "b")]  # pillar, indicator, unit
    rows = build_coverage(ctx, units, build_citations(ctx, pairs, by_unit=True))
    table = [(r.label, r.group, [(c.text, c.css) for c in r.cells], r.limit) for r in rows]
    assert table == [
        ("Law", True, [("100%", "cov-group"), ("50%", "cov-group"), ("100%", "cov-group")], ""),
        (
            "Mining code",
            False,
            [("2025", "cov-ok"), ("Jul 2019 stale", "cov-stale"), ("2025", "cov-ok")],
            "3 y",
        ),
        (
            "Courts",
            False,
            [("2025", "cov-ok"), ("missing", "cov-missing"), ("2025", "cov-ok")],
            "3 y",
        ),
        # C has no value in Money: no score, 0% of its weight
        ("Money", True, [("100%", "cov-group"), ("100%", "cov-group"), ("0%", "cov-none")], ""),
        ("FDI", False, [("2025", "cov-ok"), ("2025", "cov-ok"), ("missing", "cov-missing")], "3 y"),
        (
            "Credit",
            False,
            [("2025", "cov-ok"), ("2025", "cov-ok"), ("missing", "cov-missing")],
            "3 y",
        ),
    ]
    assert rows[1].refs == "1" and rows[0].refs == ""  # one source for a's three values


@pytest.mark.parametrize(
    ("text", "shown"),
    [("2023", "2023"), ("2023-07", "Jul 2023"), ("2023-07-14", "Jul 2023")],
)
def test_a_date_is_shown_as_month_and_year_or_a_year_alone(text: str, shown: str) -> None:
    assert month_year(text) == shown


def test_the_caption_names_the_period_end_and_the_age_limit() -> None:
    ctx = small_ctx()
    assert period_end(ctx) == "31 Mar 2026"  # the last day of 2026-Q1
    note = coverage_note(ctx)
    assert "3 years unless the rubric sets another) before the end of the period (31 Mar 2026)" in (
        note
    )
