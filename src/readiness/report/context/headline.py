"""The scorecard's headline: index score, band, rank and coverage facts (the executive summary
below it says what they mean)."""

from __future__ import annotations

from dataclasses import dataclass

from readiness import format as fmt
from readiness.report.context.common import Ctx
from readiness.report.context.types import Fact


@dataclass(frozen=True)
class Headline:
    score: str
    band: str
    band_class: str
    facts: tuple[Fact, ...]  # rank, coverage, indicators reported, period


def build_headline(ctx: Ctx, unit: str) -> Headline:
    r = ctx.rubric
    score = ctx.score_of(unit, ctx.root)
    band = ctx.band_of(unit)
    rank = ctx.rank_text(unit)
    facts = (
        Fact("Rank", rank + (" scored" if rank != "not ranked" else "")),
        Fact("Pillars scored", f"{ctx.n_pillars_scored(unit)} of {len(ctx.pillars)}"),
        Fact("Indicators reported", f"{ctx.n_reported(unit)} of {len(r.indicators)}"),
        Fact("Period", ctx.period()),
    )
    return Headline(
        score=ctx.show(score),
        band=fmt.cap(band, 60) if band else "No band: insufficient data",
        band_class=ctx.band_class(band),
        facts=facts,
    )
