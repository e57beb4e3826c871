"""report.context.ranking: the regional ranking table, unscored units last with no rank and the
pillar that blocks them named; the change column's caption."""

from __future__ import annotations

from context_support import small_ctx

from readiness import format as fmt
from readiness.report.context.ranking import build_ranking, ranking_change_lead


def test_each_row_by_hand() -> None:
    ctx = small_ctx()
    a, b, c = build_ranking(ctx, ["A", "B", "C"])
    assert (a.rank, a.name, a.score, a.band, a.band_class) == (
        "1",
        "Alpha",
        "55.0",
        "High",
        "band-1",
    )
    assert (a.pillars, a.indicators, a.note) == ("2 of 2", "4 of 4", "")
    assert (b.rank, b.band, b.band_class, b.indicators) == ("2", "Low", "band-5", "3 of 4")
    assert (c.rank, c.score, c.band, c.band_class) == (fmt.DASH, fmt.DASH, "no band", "band-none")
    assert c.note == "Not scored: too little data on Money" and c.pillars == "1 of 2"
    assert {r.change for r in (a, b, c)} == {fmt.DASH}  # no earlier period
    assert (a.change_method, a.change_data) == ("", "")


def test_the_rows_follow_the_order_given() -> None:
    assert [r.code for r in build_ranking(small_ctx(), ["C", "A"])] == ["C", "A"]


def test_without_an_earlier_period_the_caption_says_so() -> None:
    assert ranking_change_lead(small_ctx()) == (
        "No earlier period is recorded, so no changes are shown."
    )
