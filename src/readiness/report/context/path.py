"""Path to the next band: the smallest realistic changes that lift a unit into the next band
(computed by the library, `readiness.engine.paths`), in words. Policy levers come first;
outcome moves are listed apart; fixed indicators are never proposed; no value beyond its
feasible ceiling is asked for, and a band the ceilings put out of reach is said to be so."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from readiness import format as fmt
from readiness.engine.paths import Move, NextBandPath, Route, Status
from readiness.report.context.common import N_HIGHLIGHTS, Ctx
from readiness.rubric.model import Ceiling, Kind, Lever


@dataclass(frozen=True)
class PathStep:
    number: str
    name: str
    pillar: str
    kind: str  # "policy" or "outcome"
    change: str
    gain: str


@dataclass(frozen=True)
class PathSection:
    lead: str
    steps: tuple[PathStep, ...]
    steps_caption: str
    outcome: str
    outcome_steps: tuple[PathStep, ...]  # outcome moves, listed apart from the policy route
    outcome_note: str
    method_note: str


KIND = {Lever.POLICY: "policy", Lever.OUTCOME: "outcome", Lever.FIXED: "fixed"}


def _move_text(ctx: Ctx, move: Move) -> str:
    ind = ctx.rubric.indicator_by_id[move.indicator]
    before, _ = ctx.raw_text(ind, move.before)
    after, _ = ctx.raw_text(ind, move.after)
    if ind.kind is not Kind.NUMERIC:
        text = f"{before} → {after}"
    else:
        unit = fmt.cap(ind.unit, 40)
        text = f"{before} → {after}{f' {unit}' if unit else ''}"
    if move.partial:
        return f"{text} (just enough)"
    return text


def _steps(ctx: Ctx, current: float, moves: Sequence[Move]) -> tuple[PathStep, ...]:
    """Each move, in order, with the index points it adds after the ones before it."""
    out = []
    level = current
    for k, m in enumerate(moves):
        out.append(
            PathStep(
                number=str(k + 1),
                name=ctx.item_name(m.indicator),
                pillar=fmt.cap(ctx.rubric.node_by_id[m.pillar].name, fmt.CAP_LABEL),
                kind=KIND[m.lever],
                change=_move_text(ctx, m),
                gain=ctx.show_change(level, level + m.gain),
            )
        )
        level += m.gain
    return tuple(out)


def _unscored(ctx: Ctx, unit: str, path: NextBandPath, method: str) -> PathSection:
    blocks = "; ".join(
        f"{ctx.item_name(p)} (missing: "
        f"{', '.join(ctx.item_name(i) for i in miss) or 'scores of its parts'})"
        for p, miss in path.blocking
    )
    lead = (
        f"{ctx.name(unit)} has no index score, so it has no band to move up from. "
        f"What blocks the score: {blocks}."
    )
    if math.isnan(path.floor) or math.isnan(path.ceiling):
        outcome = "Even with every missing value supplied, the index could not be computed."
    else:
        outcome = (
            "Once every missing value is reported, the index would lie between "
            f"{ctx.band_with(path.floor)} if each were at the worst end of its scale and "
            f"{ctx.band_with(path.ceiling)} if each were at the best end."
        )
    return PathSection(
        lead,
        (),
        "",
        outcome,
        (),
        "",
        "Computed by re-scoring with the missing values filled in at each end of their scales.",
    )


def _ceiling_words(ctx: Ctx) -> str:
    policy = ctx.rubric.path
    rule = (
        "the best value observed among the countries scored"
        if policy.ceiling is Ceiling.BEST_OBSERVED
        else "the value that scores 100"
    )
    extra = " (or the rubric's own ceiling for an indicator)" if policy.ceilings else ""
    return rule + extra


def _method(ctx: Ctx, path: NextBandPath) -> str:
    text = (
        "Policy levers (laws, portals, treaties: what a government decides) come first; "
        "outcomes (ratings, FDI, logistics: they follow) are listed apart; no value beyond "
        f"{_ceiling_words(ctx)} is asked for. Each step goes to that ceiling except the last, "
        "which stops where the threshold is just reached. Index points are what each step adds "
        "after the ones before it; every combination was re-scored with the rubric's own rules."
    )
    if path.fixed:
        names = ", ".join(ctx.item_name(i) for i in path.fixed)
        text += f" Never proposed (fixed): {names}."
    return text


def _outcome_lines(
    ctx: Ctx, name: str, target: str, path: NextBandPath
) -> tuple[tuple[PathStep, ...], str]:
    """Outcome moves, listed apart from a policy route."""
    route = path.outcome
    if route is None or not route.moves:
        return (), "No outcome indicator is below its ceiling."
    if route.reaches:
        steps = _steps(ctx, path.current, route.moves)
        n = len(route.moves)
        return steps, (
            f"Outcome moves that would also get {name} to {target} "
            f"({'this one' if n == 1 else f'these {n} together'}, to "
            f"{ctx.band_with(route.reached)}); they follow policy rather than being decided."
        )
    return (), (
        f"Outcome moves alone could not: every outcome indicator at its ceiling gives "
        f"{ctx.band_with(route.best)}."
    )


def build_path(ctx: Ctx, unit: str) -> PathSection:
    path = ctx.paths[unit]
    name = ctx.name(unit)
    method = _method(ctx, path)
    if path.status is Status.NO_BANDS:
        return PathSection("The rubric defines no bands.", (), "", "", (), "", "")
    if path.status is Status.UNSCORED:
        return _unscored(ctx, unit, path, method)
    band = fmt.cap(path.band, 60)
    if path.status is Status.TOP_BAND:
        steps = _steps(ctx, path.current, path.candidates[:N_HIGHLIGHTS])
        lead = f"{name} is already in the top band ({band}). Largest remaining single gains:"
        if not steps:
            lead = f"{name} is already in the top band ({band}), with no change left to make."
        return PathSection(lead, steps, "Each change alone, to its ceiling", "", (), "", method)
    assert path.threshold is not None
    target = fmt.cap(path.next_band, 60)
    gap = ctx.show_change(path.current, path.threshold).lstrip("+")
    lead = (
        f"{name} scores {ctx.show(path.current)} ({band}), {gap} points below "
        f"{target} ({path.threshold:g})."
    )
    if path.status is Status.REACHABLE:
        route = path.policy
        assert route is not None
        steps = _steps(ctx, path.current, route.moves)
        n = len(route.moves)
        outcome = (
            f"{'This policy change gives' if n == 1 else f'These {n} policy changes give'} "
            f"{ctx.band_with(route.reached)}."
        )
        out_steps, out_note = _outcome_lines(ctx, name, target, path)
        caption = "Policy levers, largest gain first; the last step only as far as needed"
        return PathSection(lead, steps, caption, outcome, out_steps, out_note, method)
    route = path.combined
    assert route is not None and path.policy is not None
    policy_best = path.policy.best
    policy_words = (
        f"Policy levers alone, within their ceilings, reach at most {ctx.band_with(policy_best)}."
        if path.policy.moves
        else "No policy lever is below its ceiling."
    )
    if path.status is Status.WITH_OUTCOMES:
        steps = _steps(ctx, path.current, route.moves)
        outcome = (
            f"{policy_words} With the outcome moves below, {name} reaches "
            f"{ctx.band_with(route.reached)}."
        )
        caption = "Policy levers first, then outcomes; the last step only as far as needed"
        return PathSection(lead + " " + outcome, steps, caption, "", (), "", method)
    steps = _steps(ctx, path.current, route.moves)
    outcome = (
        f"{target} cannot be reached within the feasible ceilings ({_ceiling_words(ctx)}): "
        f"every lever at its ceiling gives {ctx.band_with(route.best)}. {policy_words}"
    )
    if not route.moves:
        outcome = (
            f"{target} cannot be reached within the feasible ceilings: no lever is below its "
            "ceiling."
        )
    return PathSection(
        lead, steps, "Every lever at its ceiling, and still short", outcome, (), "", method
    )


def route_of(path: NextBandPath) -> Route | None:
    """The route the scorecard shows first (for other sections that cite it)."""
    return path.route
