"""The regional ranking table: every unit by index rank, unscored units last and unranked."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from readiness import format as fmt
from readiness.report.context.change_split import split_move, versions
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
    change: str  # the index's change since the previous period, as printed
    change_method: str = ""  # its rubric part ("rubric 2.0.0 -12.9"), with a rubric change
    change_data: str = ""  # its data part ("data +5.5")


def _row(ctx: Ctx, unit: str) -> RankingRow:
    res = ctx.result
    found = ctx.change
    score = ctx.score_of(unit, ctx.root)
    band = ctx.band_of(unit)
    change = method = data = ""
    if found is not None and unit in found.units and ctx.root in found.units[unit].moves:
        shown = split_move(ctx, found.units[unit].moves[ctx.root])  # as in every section
        change = shown.change
        if found.rubric_changed and shown.split:
            method = f"rubric {shown.method}"
            data = f"data {shown.data}"
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
        change_method=method,
        change_data=data,
    )


def build_ranking(ctx: Ctx, units: Sequence[str]) -> tuple[RankingRow, ...]:
    return tuple(_row(ctx, u) for u in units)


def ranking_change_lead(ctx: Ctx) -> str:
    """The ranking's caption on its change column."""
    found = ctx.change
    if found is None:
        return "No earlier period is recorded, so no changes are shown."
    since = fmt.cap(found.period_before, 40) or "the previous period"
    if not found.rubric_changed:
        return f"Change: index points since {since}, on the same rubric."
    old, new = versions(found)
    return (
        f"Change: index points since {since}, published scores ({since} scored with rubric "
        f"{old}), split into the part of rubric {new} ({since}'s values scored again under "
        f"{new}) and the part of the data; the two add up to the change. 'Why the scores "
        "moved' splits the data's part further."
    )
