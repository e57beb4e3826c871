"""The scorecard's headline: index score, band, rank, coverage facts and a one-paragraph summary."""

from __future__ import annotations

import math
from dataclasses import dataclass

from readiness import format as fmt
from readiness.report.context.common import Ctx
from readiness.report.context.types import Fact


@dataclass(frozen=True)
class Headline:
    score: str
    band: str
    band_class: str
    band_description: str
    facts: tuple[Fact, ...]  # rank, coverage, indicators reported, period
    summary: str


def build_headline(ctx: Ctx, unit: str) -> Headline:
    res = ctx.result
    r = ctx.rubric
    score = ctx.score_of(unit, ctx.root)
    band = ctx.band_of(unit)
    name = ctx.name(unit)
    band_desc = ""
    if band is not None:
        match = r.band_named(band)
        band_desc = fmt.cap(match.description if match else "", fmt.CAP_LONG)
    rank = ctx.rank_text(unit)
    facts = (
        Fact("Rank", rank + (" scored" if rank != "not ranked" else "")),
        Fact("Pillars scored", f"{ctx.n_pillars_scored(unit)} of {len(ctx.pillars)}"),
        Fact("Indicators reported", f"{ctx.n_reported(unit)} of {len(r.indicators)}"),
        Fact("Period", ctx.period()),
    )
    scored_pillars = [
        (ctx.score_of(unit, p.id), k, p)
        for k, p in enumerate(ctx.pillars)
        if not math.isnan(ctx.score_of(unit, p.id))
    ]
    if math.isnan(score):
        summary = (
            f"{name} has no index score this period: {ctx.index_reason(unit)}. So it is not "
            "ranked or banded; the pillar scores that can be computed are shown below."
        )
    else:
        assessed = len(res.assessed_units)  # reference units are never counted among them
        summary = (
            f"{name} scores {ctx.show(score)} of 100 ({fmt.cap(band, 60)}), "
            f"rank {rank} among the units with a score"
            + (f" (of {assessed} assessed)." if len(ctx.scored) < assessed else ".")
        )
    if len(scored_pillars) >= 2:
        top = max(scored_pillars, key=lambda t: (t[0], -t[1]))
        low = min(scored_pillars, key=lambda t: (t[0], t[1]))
        summary += (
            f" Strongest pillar: {fmt.cap(top[2].name, 80)} ({ctx.show(top[0])}); "
            f"weakest: {fmt.cap(low[2].name, 80)} ({ctx.show(low[0])})."
        )
    return Headline(
        score=ctx.show(score),
        band=fmt.cap(band, 60) if band else "No band: insufficient data",
        band_class=ctx.band_class(band),
        band_description=band_desc,
        facts=facts,
        summary=summary,
    )
