"""Path to the next band: the smallest set of one-step changes found that lifts a unit into the
next band (computed by the library, `readiness.engine.paths`), in words."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from readiness import format as fmt
from readiness.engine.paths import Move, NextBandPath, Status
from readiness.report.context.common import N_HIGHLIGHTS, Ctx
from readiness.rubric.model import Kind


@dataclass(frozen=True)
class PathStep:
    number: str
    name: str
    pillar: str
    change: str
    gain: str


@dataclass(frozen=True)
class PathSection:
    lead: str
    steps: tuple[PathStep, ...]
    steps_caption: str
    outcome: str
    pillar_note: str
    method_note: str


def _move_text(ctx: Ctx, move: Move) -> str:
    ind = ctx.rubric.indicator_by_id[move.indicator]
    before, _ = ctx.raw_text(ind, move.before)
    after, _ = ctx.raw_text(ind, move.after)
    if ind.kind is Kind.NUMERIC:
        unit = fmt.cap(ind.unit, 40)
        tail = f" {unit}" if unit else ""
        return f"{before} → {after}{tail} (the value scoring 100)"
    return f"{before} → {after}"


def _steps(ctx: Ctx, current: float, moves: Sequence[Move]) -> tuple[PathStep, ...]:
    """Each move with its gain as the change of the printed index score."""
    return tuple(
        PathStep(
            number=str(k + 1),
            name=ctx.item_name(m.indicator),
            pillar=fmt.cap(ctx.rubric.node_by_id[m.pillar].name, fmt.CAP_LABEL),
            change=_move_text(ctx, m),
            gain=ctx.show_change(current, current + m.gain),
        )
        for k, m in enumerate(moves)
    )


def _unscored(ctx: Ctx, unit: str, path: NextBandPath) -> PathSection:
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
        "",
        "Computed by re-scoring with the missing values filled in at each end of their scales.",
    )


def build_path(ctx: Ctx, unit: str) -> PathSection:
    path = ctx.paths[unit]
    name = ctx.name(unit)
    method = (
        "Each change is one step on one reported indicator: a categorical indicator one level "
        "up, a numeric one to the value that scores 100. Gains are index points from that change "
        "alone; every combination shown was re-scored with the rubric's own rules."
    )
    if path.fixed:
        fixed_names = ", ".join(ctx.item_name(i) for i in path.fixed)
        method += f" Not treated as levers: {fixed_names}."
    if path.status is Status.NO_BANDS:
        return PathSection("The rubric defines no bands.", (), "", "", "", "")
    if path.status is Status.UNSCORED:
        return _unscored(ctx, unit, path)
    band = fmt.cap(path.band, 60)
    if path.status is Status.TOP_BAND:
        steps = _steps(ctx, path.current, path.candidates[:N_HIGHLIGHTS])
        lead = f"{name} is already in the top band ({band}). Largest remaining gains:"
        if not steps:
            lead = f"{name} is already in the top band ({band}), with no change left to make."
        return PathSection(lead, steps, "Largest single gains", "", "", method)
    assert path.threshold is not None
    target = fmt.cap(path.next_band, 60)
    gap = ctx.show_change(path.current, path.threshold).lstrip("+")
    lead = (
        f"{name} scores {ctx.show(path.current)} ({band}), {gap} points below "
        f"{target} ({path.threshold:g})."
    )
    if path.status is Status.UNREACHABLE:
        steps = _steps(ctx, path.current, path.candidates)
        outcome = (
            f"{target} cannot be reached with these steps: even all of them together give "
            f"{ctx.band_with(path.best)}. It would take larger changes than one step per "
            "indicator, or values for the indicators now missing."
        )
        if not steps:
            outcome = (
                f"No reported indicator can improve, so {target} cannot be reached by changes "
                "to reported values."
            )
        return PathSection(
            lead, steps, "Every possible step, biggest single gain first", outcome, "", method
        )
    steps = _steps(ctx, path.current, path.moves)
    n = len(path.moves)
    outcome = (
        f"{'This change gives' if n == 1 else f'These {n} changes together give'} "
        f"{ctx.band_with(path.reached)}."
    )
    route = path.pillar_route
    pillars_used = {m.pillar for m in path.moves}
    if route is None:
        pillar_note = (
            f"No single pillar can lift {name} into {target} on its own: "
            "the changes must span pillars."
        )
    elif len(pillars_used) == 1:
        pillar_note = f"All within one pillar: {ctx.item_name(next(iter(pillars_used)))}."
    else:
        k = len(route.moves)
        pillar_note = (
            f"Within one pillar alone, {ctx.item_name(route.pillar)} could do it with "
            f"{fmt.plural(k, 'change')} (to {ctx.band_with(route.score)})."
        )
    caption = "Smallest set of changes found, biggest single gain first"
    return PathSection(lead, steps, caption, outcome, pillar_note, method)
