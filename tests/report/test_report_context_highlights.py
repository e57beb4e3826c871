"""report.context.highlights: strengths and gaps in points of the index (or of the pillar for a
unit without an index score), weight included, worked by hand on the small result."""

from __future__ import annotations

from context_support import small_ctx

from readiness.report.context.highlights import biggest_gaps, build_highlights, contributions


def test_contributions_are_points_added_and_possible() -> None:
    ctx = small_ctx()
    # A: each indicator a quarter of the index: a 100 -> 25 of 25, b 60 -> 15, c 40 -> 10, d 20 -> 5
    assert [(g.indicator, g.got, g.possible) for g in contributions(ctx, "A")] == [
        ("a", 25.0, 25.0),
        ("b", 15.0, 25.0),
        ("c", 10.0, 25.0),
        ("d", 5.0, 25.0),
    ]
    # B: b missing, so a carries all of Law's half of the index: 20 -> 10 of 50
    assert [(g.indicator, g.got, g.possible) for g in contributions(ctx, "B")] == [
        ("a", 10.0, 50.0),
        ("c", 10.0, 25.0),
        ("d", 10.0, 25.0),
    ]
    # C has no index: points within the pillar, a and b half of Law each (60 -> 30 of 50)
    assert [(g.indicator, g.got, g.possible) for g in contributions(ctx, "C")] == [
        ("a", 30.0, 50.0),
        ("b", 30.0, 50.0),
    ]


def test_the_biggest_gaps_count_the_weight() -> None:
    ctx = small_ctx()
    assert [(g.indicator, g.lost) for g in biggest_gaps(ctx, "A")] == [
        ("d", 20.0),
        ("c", 15.0),
        ("b", 10.0),
    ]  # a loses nothing: not a gap
    # B: a's 40 lost points outweigh c's and d's 15 each (ties in rubric order)
    assert [g.indicator for g in biggest_gaps(ctx, "B")] == ["a", "c", "d"]


def test_strengths_and_gaps_as_printed() -> None:
    ctx = small_ctx()
    a = build_highlights(ctx, "A")  # four values: two of each
    assert [(h.name, h.pillar, h.score) for h in a.strengths] == [
        ("Mining code", "Law", "100.0"),
        ("Courts", "Law", "60.0"),
    ]
    assert a.strengths[1].detail == "adds 15.00 of a possible 25.00 index points (60%)"
    assert [h.name for h in a.gaps] == ["Credit", "FDI"]
    assert a.gaps[0].detail == "loses 20.00 of the 25.00 index points it could add"
    assert a.note.startswith("Strengths: the largest share of the index points")
    c = build_highlights(ctx, "C")
    assert c.strengths[0].detail == "adds 30.00 of a possible 50.00 pillar points (60%)"
    assert c.note.startswith("This country has no index score, so points are within each")
