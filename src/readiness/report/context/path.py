"""Path to the next band: the smallest realistic changes that lift a unit into the next band
(computed by the library, `readiness.engine.paths`), in words. Policy levers come first;
outcome moves are listed apart; fixed indicators are never proposed; no value beyond its
feasible ceiling is asked for, each step says which ceiling it stops at, and a band the
ceilings put out of reach is said to be so. The path is the scoring arithmetic, not a forecast,
and says so."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from readiness import format as fmt
from readiness.engine.paths import Move, NextBandPath, Route, Status
from readiness.report.context.common import N_HIGHLIGHTS, Ctx
from readiness.rubric.model import Ceiling, Indicator, Kind, Lever

ARITHMETIC = "What follows is what the scoring arithmetic needs, not a forecast."


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


def levels_between(ind: Indicator, before: float, after: float) -> int:
    """How many levels of a categorical scale lie between two readings (after counted)."""
    low, high = sorted((before, after))
    return sum(1 for lv in ind.scale if low < lv.value <= high)


def _holders(ctx: Ctx, unit: str, ind: Indicator, value: float, peers_only: bool) -> list[str]:
    """The other units (assessed only, or every unit scored) whose reading is `value`."""
    refs = ctx.rubric.reference_units
    column = ctx.result.denominated[ind.id]
    return [
        ctx.name(u)
        for u in column.index
        if u != unit
        and not (peers_only and u in refs)
        and math.isclose(float(column.at[u]), value, rel_tol=1e-9, abs_tol=1e-12)
    ]


def _ceiling_note(ctx: Ctx, unit: str, move: Move) -> str:
    """What stopped a step where it stops: the ceiling it reached, or why it stops short."""
    ind = ctx.rubric.indicator_by_id[move.indicator]
    numeric = ind.kind is Kind.NUMERIC
    if move.partial:
        if numeric:
            return "just enough"
        n = levels_between(ind, move.before, move.after)
        return "one level is enough" if n == 1 else f"{n} levels are enough"
    rule = ctx.rubric.path.rule_for(ind.id, ind.lever)
    if isinstance(rule, int | float):
        return "the rubric's ceiling for it"
    if rule is Ceiling.SCALE:
        return "the top of the scale"
    if rule is Ceiling.NEXT_LEVEL and not numeric:
        return "one level up"
    peers_only = rule is not Ceiling.BEST_OBSERVED
    who = _holders(ctx, unit, ind, move.ceiling, peers_only)
    where = "the assessed countries" if peers_only else "the countries scored"
    return (
        f"the best among {where}: {fmt.cap(', '.join(who), 120)}"
        if who
        else f"the best among {where}"
    )


def change_text(ctx: Ctx, unit: str, move: Move) -> str:
    """A step's change as printed: "B- → BB- (the best among the assessed countries: ...)",
    "2.70 → 2.80 score (1-5) (just enough)", "No venue → Being set up (one level is enough)"."""
    ind = ctx.rubric.indicator_by_id[move.indicator]
    before, _ = ctx.raw_text(ind, move.before)
    after, _ = ctx.raw_text(ind, move.after)
    if ind.kind is not Kind.NUMERIC:
        text = f"{before} → {after}"
    else:
        unit_text = fmt.cap(ind.unit, 40)
        text = f"{before} → {after}{f' {unit_text}' if unit_text else ''}"
    return f"{text} ({_ceiling_note(ctx, unit, move)})"


def _steps(ctx: Ctx, unit: str, moves: Sequence[Move]) -> tuple[PathStep, ...]:
    """Each move, in order, with the index points it adds after the ones before it (two
    decimals, rounded once: a one-level step worth 4.17 prints +4.17 wherever it is taken)."""
    return tuple(
        PathStep(
            number=str(k + 1),
            name=ctx.item_name(m.indicator),
            pillar=fmt.cap(ctx.rubric.node_by_id[m.pillar].name, fmt.CAP_LABEL),
            kind=KIND[m.lever],
            change=change_text(ctx, unit, m),
            gain=fmt.points_change(m.gain),
        )
        for k, m in enumerate(moves)
    )


def _thin_pillars(ctx: Ctx, unit: str, moves: Sequence[Move]) -> str:
    """Why a step can be worth more here than the same step elsewhere: in a pillar with an
    indicator that has no value, the others carry its weight (nothing is imputed)."""
    out = []
    seen: set[str] = set()
    for m in moves:
        if m.pillar in seen:
            continue
        seen.add(m.pillar)
        missing = [
            i
            for i in ctx.rubric.children[m.pillar]
            if i in ctx.rubric.indicator_by_id and math.isnan(float(ctx.result.treated.at[unit, i]))
        ]
        if missing:
            names = ", ".join(ctx.item_name(i) for i in missing)
            out.append(
                f"Steps in {ctx.item_name(m.pillar)} are worth more here than the weights alone "
                f"give: {names} has no value, so the pillar's other indicators carry its weight."
            )
    return " ".join(out)


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


RULE_WORDS = {
    Ceiling.BEST_OBSERVED: "the best value observed among the countries scored (reference "
    "jurisdictions included)",
    Ceiling.BEST_ASSESSED: "the best value among the assessed countries (a peer has done it; "
    "the reference jurisdictions are not the yardstick)",
    Ceiling.NEXT_LEVEL: "one level above the country's own reading",
    Ceiling.SCALE: "the value that scores 100",
}


def _rule_words(rule: Ceiling | float) -> str:
    if isinstance(rule, int | float):
        return f"the rubric's ceiling ({fmt.number(rule)})"
    return RULE_WORDS[rule]


def _ceiling_words(ctx: Ctx) -> str:
    """The feasible ceilings in words, per kind of lever when they differ."""
    policy = ctx.rubric.path
    rules = {
        lever: policy.by_lever.get(lever, policy.ceiling) for lever in (Lever.POLICY, Lever.OUTCOME)
    }
    if rules[Lever.POLICY] == rules[Lever.OUTCOME]:
        text = _rule_words(rules[Lever.POLICY])
    else:
        text = (
            f"for a policy lever, {_rule_words(rules[Lever.POLICY])}; for an outcome, "
            f"{_rule_words(rules[Lever.OUTCOME])}"
        )
    numeric_next = [
        i
        for i in ctx.rubric.indicators
        if i.kind is Kind.NUMERIC and policy.rule_for(i.id, i.lever) is Ceiling.NEXT_LEVEL
    ]
    if numeric_next:  # next_level has no levels to climb on a number
        names = ", ".join(ctx.item_name(i.id) for i in numeric_next)
        text += f" ({names}: the best value among the assessed countries)"
    extra = " (or the rubric's own ceiling for an indicator)" if policy.ceilings else ""
    return text + extra


def _precision_words(ctx: Ctx) -> str:
    given = ctx.rubric.path.precision
    if not given:
        return (
            "A number the last step needs is rounded up to the decimals the indicator is "
            "printed with."
        )
    named = "; ".join(f"{ctx.item_name(i)} {fmt.number(v)}" for i, v in given.items())
    return (
        "A number the last step needs is rounded up to the precision the indicator is "
        f"published at ({named}; others: the decimals they are printed with), so that it can "
        "actually be reported."
    )


def _method(ctx: Ctx, unit: str, path: NextBandPath) -> str:
    text = (
        "Policy levers (laws, portals, treaties: what a government decides) come "
        "first; outcomes (ratings, FDI, logistics: they follow) are listed apart. No value "
        f"beyond its ceiling is asked for: {_ceiling_words(ctx)}. Each step goes to its ceiling "
        "except the last, which stops where the threshold is reached. "
        f"{_precision_words(ctx)} Index points (two decimals) are what each step adds after "
        "the ones before it; every combination was re-scored with the rubric's own rules."
    )
    moves = [m for r in (path.policy, path.outcome, path.combined) if r for m in r.moves]
    if thin := _thin_pillars(ctx, unit, moves):
        text += " " + thin
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
        steps = _steps(ctx, path.unit, route.moves)
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
    method = _method(ctx, unit, path)
    if path.status is Status.NO_BANDS:
        return PathSection("The rubric defines no bands.", (), "", "", (), "", "")
    if path.status is Status.UNSCORED:
        return _unscored(ctx, unit, path, method)
    band = fmt.cap(path.band, 60)
    if path.status is Status.TOP_BAND:
        steps = _steps(ctx, path.unit, path.candidates[:N_HIGHLIGHTS])
        lead = f"{name} is already in the top band ({band}). Largest remaining single gains:"
        if not steps:
            lead = f"{name} is already in the top band ({band}), with no change left to make."
        return PathSection(lead, steps, "Each change alone, to its ceiling", "", (), "", method)
    assert path.threshold is not None
    target = fmt.cap(path.next_band, 60)
    gap = ctx.show_change(path.current, path.threshold).lstrip("+")
    lead = (
        f"{name} scores {ctx.show(path.current)} ({band}), {gap} points below "
        f"{target} ({path.threshold:g}). {ARITHMETIC}"
    )
    if path.status is Status.REACHABLE:
        route = path.policy
        assert route is not None
        steps = _steps(ctx, path.unit, route.moves)
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
        steps = _steps(ctx, path.unit, route.moves)
        outcome = (
            f"{policy_words} With the outcome moves below, {name} reaches "
            f"{ctx.band_with(route.reached)}."
        )
        caption = "Policy levers first, then outcomes; the last step only as far as needed"
        return PathSection(lead + " " + outcome, steps, caption, "", (), "", method)
    steps = _steps(ctx, path.unit, route.moves)
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
