"""report.context.scorecard: one unit's scorecard assembled from its sections, with its document
metadata and a bar chart whose alt text says every number it draws."""

from __future__ import annotations

import base64

from context_support import small_ctx

from readiness.report.context.scorecard import build_scorecard


def test_a_scored_units_scorecard() -> None:
    card = build_scorecard(small_ctx(), "A")
    assert (card.unit, card.name) == ("A", "Alpha")
    assert card.meta.filename == "scorecard-A"
    assert card.meta.title == "Alpha scorecard: Test rubric, 2026-Q1"
    assert card.meta.kicker == "Alpha · scorecard · 2026-Q1"
    assert card.meta.keywords == "test, 2026-Q1, Alpha"
    assert card.headline.score == "55.0" and [p.id for p in card.pillars] == ["law", "money"]
    assert card.chart.alt == (
        "Bar chart, Alpha: index and pillar scores, 2026-Q1, on a 0-100 scale. "
        "Overall index 55.0 (High); Law 80.0 (High); Money 30.0 (Low). "
        "Band thresholds: High from 50."
    )
    assert card.chart.src.startswith("data:image/svg+xml;base64,")
    svg = base64.b64decode(card.chart.src.split(",", 1)[1]).decode()
    assert "<svg" in svg
    # one reference per source: a, b, c and d each cite their own
    assert len(card.references) == 4 and not card.reference.shown


def test_an_unscored_pillar_is_said_not_drawn_as_zero() -> None:
    card = build_scorecard(small_ctx(), "C")
    assert "Overall index: no score (no index score: only 1 of 2 pillars can be scored" in (
        card.chart.alt
    )
    assert "Money: no score (insufficient data: no component has a value)" in card.chart.alt
    assert "Law 60.0 (High)" in card.chart.alt
    assert card.data_gaps.insufficient and card.headline.band_class == "band-none"
