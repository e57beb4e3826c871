"""Strengths and gaps: the indicators adding the largest and smallest share of what they could."""

from __future__ import annotations

import math
from dataclasses import dataclass

from readiness import format as fmt
from readiness.report.context.common import N_HIGHLIGHTS, Ctx
from readiness.rubric.model import Indicator


@dataclass(frozen=True)
class Highlight:
    name: str
    pillar: str
    score: str
    detail: str


@dataclass(frozen=True)
class Highlights:
    strengths: tuple[Highlight, ...]
    gaps: tuple[Highlight, ...]
    note: str


def build_highlights(ctx: Ctx, unit: str) -> Highlights:
    """Share = points added / points possible, at the index when the unit has an index score,
    otherwise within the pillar (so an unscored country still sees where it stands)."""
    r = ctx.rubric
    res = ctx.result
    has_index = not math.isnan(ctx.score_of(unit, ctx.root))
    items = []
    order = ctx.indicator_order()
    for ind in r.indicators:
        if has_index:
            got = float(ctx.contrib.at[(unit, ind.id), "to_index"])
            possible = 100 * ctx.effective_share(unit, ind.id)
        else:
            got = float(ctx.contrib.at[(unit, ind.id), "to_parent"])
            pillar_share = ctx.effective_share(unit, ind.parent)
            share = ctx.effective_share(unit, ind.id)
            possible = 100 * share / pillar_share if pillar_share else math.nan
        if math.isnan(got) or not possible or math.isnan(possible):
            continue
        items.append((got / possible, possible, order(ind.id), ind, got))
    where = "index" if has_index else "pillar"

    def light(entry: tuple[float, float, int, Indicator, float]) -> Highlight:
        ratio, possible, _, ind, got = entry
        return Highlight(
            name=ctx.item_name(ind.id),
            pillar=ctx.pillar_name(ind.id),
            score=fmt.score(float(res.normalised.at[unit, ind.id])),
            detail=(
                f"adds {fmt.points(got)} of a possible {fmt.points(possible)} {where} points "
                f"({fmt.percent(ratio)})"
            ),
        )

    best = sorted(items, key=lambda e: (-round(e[0], 9), -e[1], e[2]))
    worst = sorted(items, key=lambda e: (round(e[0], 9), -e[1], e[2]))
    n = min(N_HIGHLIGHTS, len(items) // 2)
    # The gaps do not lead with what the path to the next band calls unchangeable (geography).
    path = ctx.paths.get(unit)
    fixed = set(path.fixed) if path is not None else set()
    left_out = [e[3] for e in worst[:n] if e[3].id in fixed]
    worst = [e for e in worst if e[3].id not in fixed]
    if has_index:
        note = (
            "Share of the index points each indicator could add that it does add, "
            "given the indicators reported. Only reported values count."
        )
    else:
        note = (
            "This country has no index score, so shares are within each scored pillar. "
            "Only reported values count; indicators in pillars without a score are not shown."
        )
    if left_out:
        names = ", ".join(ctx.item_name(i.id) for i in left_out)
        note += f" Not listed as gaps, because nothing can change them: {names}."
    return Highlights(tuple(light(e) for e in best[:n]), tuple(light(e) for e in worst[:n]), note)
