"""The regional ranking table: every unit by index rank, unscored units last and unranked."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from readiness import format as fmt
from readiness.report.context.common import Ctx


@dataclass(frozen=True)
class RankingRow:
    rank: str
    name: str
    code: str
    score: str
    band: str
    band_class: str
    pillars: str
    indicators: str
    note: str
    change: str


def _row(ctx: Ctx, unit: str) -> RankingRow:
    res = ctx.result
    prev = ctx.previous
    score = ctx.score_of(unit, ctx.root)
    band = ctx.band_of(unit)
    change = ""
    if prev is not None and unit in prev.scores.index:
        change = ctx.show_change(float(prev.scores.at[unit, ctx.root]), score)
    rank = res.ranks.at[unit, ctx.root]
    note = ""
    if fmt.clean(res.reasons.at[unit, ctx.root]):
        blocked = [fmt.cap(p.name, 80) for p in ctx.pillars if math.isnan(ctx.score_of(unit, p.id))]
        note = (
            f"Not scored: too little data on {', '.join(blocked)}"
            if blocked
            else "Not scored: " + ctx.index_reason(unit)
        )
    return RankingRow(
        rank=fmt.DASH if pd.isna(rank) else str(int(rank)),
        name=ctx.name(unit),
        code=ctx.code(unit),
        score=ctx.show(score),
        band=fmt.cap(band, 60) if band else "no band",
        band_class=ctx.band_class(band),
        pillars=f"{ctx.n_pillars_scored(unit)} of {len(ctx.pillars)}",
        indicators=f"{ctx.n_reported(unit)} of {len(ctx.rubric.indicators)}",
        note=note,
        change=change or fmt.DASH,
    )


def build_ranking(ctx: Ctx, units: Sequence[str]) -> tuple[RankingRow, ...]:
    return tuple(_row(ctx, u) for u in units)
