"""Strengths and gaps: the indicators adding the largest and smallest share of what they could."""

from __future__ import annotations

import math
from dataclasses import dataclass

from readiness import format as fmt
from readiness.report.context.common import N_HIGHLIGHTS, Ctx


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


@dataclass(frozen=True)
class Gap:
    """What one indicator adds and could add: at the index when the unit has an index score,
    otherwise within its pillar."""

    indicator: str
    got: float
    possible: float

    @property
    def lost(self) -> float:
        return self.possible - self.got


def contributions(ctx: Ctx, unit: str) -> list[Gap]:
    """Every reported indicator's points added and possible, in rubric order."""
    has_index = not math.isnan(ctx.score_of(unit, ctx.root))
    out = []
    for ind in ctx.rubric.indicators:
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
        out.append(Gap(ind.id, got, possible))
    return out


def biggest_gaps(ctx: Ctx, unit: str) -> list[Gap]:
    """The indicators that lose the most points, weight included (a 0 on a light indicator can
    cost less than a middling score on a heavy one), largest first; ties in rubric order. What
    the path to the next band calls unchangeable (geography) is left out: nothing can close it.
    The executive summary and the Gaps box both read this list, so they name the same gaps."""
    order = ctx.indicator_order()
    fixed = _fixed(ctx, unit)
    gaps = [g for g in contributions(ctx, unit) if g.indicator not in fixed]
    gaps = [g for g in gaps if round(g.lost, 2) > 0]
    return sorted(gaps, key=lambda g: (-round(g.lost, 9), order(g.indicator)))


def _fixed(ctx: Ctx, unit: str) -> set[str]:
    path = ctx.paths.get(unit)
    return set(path.fixed) if path is not None else set()


def build_highlights(ctx: Ctx, unit: str) -> Highlights:
    """Strengths: the largest share of what an indicator could add that it does add. Gaps: the
    most points lost (`biggest_gaps`). Points at the index when the unit has an index score,
    otherwise within the pillar (so an unscored country still sees where it stands)."""
    res = ctx.result
    has_index = not math.isnan(ctx.score_of(unit, ctx.root))
    order = ctx.indicator_order()
    items = contributions(ctx, unit)
    where = "index" if has_index else "pillar"

    def light(g: Gap, *, gap: bool) -> Highlight:
        ind = ctx.rubric.indicator_by_id[g.indicator]
        if gap:
            detail = (
                f"loses {fmt.points(g.lost)} of the {fmt.points(g.possible)} {where} points it "
                "could add"
            )
        else:
            detail = (
                f"adds {fmt.points(g.got)} of a possible {fmt.points(g.possible)} {where} points "
                f"({fmt.percent(g.got / g.possible)})"
            )
        return Highlight(
            name=ctx.item_name(ind.id),
            pillar=ctx.pillar_name(ind.id),
            score=fmt.score(float(res.normalised.at[unit, ind.id])),
            detail=detail,
        )

    best = sorted(
        items, key=lambda g: (-round(g.got / g.possible, 9), -g.possible, order(g.indicator))
    )
    n = min(N_HIGHLIGHTS, len(items) // 2)
    fixed = _fixed(ctx, unit)
    worst_all = sorted(items, key=lambda g: (-round(g.lost, 9), order(g.indicator)))
    left_out = [g.indicator for g in worst_all[:n] if g.indicator in fixed]
    gaps = biggest_gaps(ctx, unit)[:n]
    if has_index:
        note = (
            "Strengths: the largest share of the index points an indicator could add that it "
            "does add. Gaps: the most index points lost, so an indicator's weight counts. Only "
            "reported values count."
        )
    else:
        note = (
            "This country has no index score, so points are within each scored pillar. "
            "Only reported values count; indicators in pillars without a score are not shown."
        )
    if left_out:
        names = ", ".join(ctx.item_name(i) for i in left_out)
        note += f" Not listed as gaps, because nothing can change them: {names}."
    return Highlights(
        tuple(light(g, gap=False) for g in best[:n]),
        tuple(light(g, gap=True) for g in gaps),
        note,
    )
