"""Executive summaries: page 1 of every scorecard and of the overview, written from the data.

Four parts, each a rule over the result (never free text in a template):
- the band and what it means for an investor (the rubric's own description of the band);
- the two or three facts that decide it: where the score sits between the thresholds, the
  indicators that lose the most index points (the Gaps box's list, `biggest_gaps`), the ones
  at full marks (for a unit without an
  index: the pillar that cannot be scored and why);
- what is fragile: a close threshold, stale, undated or contested values, ranges given for a
  value, and, when the library ran the uncertainty analysis, how often the band holds under it
  (in `robustness.py`'s words);
- what would change it: the path to the next band, the fall to the band below, or the range
  the index would take once the missing values are reported.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from readiness import format as fmt
from readiness.engine.paths import Move, Status
from readiness.report.context.change_split import since_regional, since_sentence
from readiness.report.context.common import Ctx
from readiness.report.context.highlights import biggest_gaps, contributions
from readiness.report.context.path import change_text
from readiness.report.context.reference import reference_units
from readiness.report.context.robustness import build_line
from readiness.rubric.model import Kind

CLOSE_TO_THRESHOLD = 2.0  # index points: nearer than this to a band threshold is fragile
N_FACTS = 2  # indicators named as costing the most, and as at full marks
N_NAMED = 3  # names listed before "and k more"


@dataclass(frozen=True)
class ExecutiveSummary:
    verdict: str  # the band, in one sentence
    meaning: str  # what it means for an investor
    decides: tuple[str, ...]
    fragile: tuple[str, ...]
    changes: tuple[str, ...]
    since: str = ""  # band or rank changed since the previous period (`change_split`)


# --- shared pieces ------------------------------------------------------------------------------


def _names(items: Sequence[str]) -> str:
    """ "a, b and c"; more than N_NAMED: "a, b, c and 2 more"."""
    if len(items) > N_NAMED:
        return ", ".join(items[:N_NAMED]) + f" and {len(items) - N_NAMED} more"
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _value(ctx: Ctx, unit: str, ind_id: str) -> str:
    ind = ctx.rubric.indicator_by_id[ind_id]
    value, detail = ctx.raw_text(ind, ctx.raw(unit, ind_id))
    if ind.kind is Kind.NUMERIC and detail:
        return f"{value} {detail}"
    return value


def _margins(ctx: Ctx, score: float) -> tuple[str, float | None, str, float | None]:
    """(band above, points to it, band's floor label, points above the floor), as printed."""
    r = ctx.rubric
    above = r.next_band(score)
    band = r.band_of_score(score)
    up = float(ctx.show_change(score, above.min)) if above else None
    floor = band.min if band is not None and band.min > 0 else None
    down = float(ctx.show_change(floor, score)) if floor is not None else None
    return (above.label if above else "", up, band.label if band else "", down)


def _move(ctx: Ctx, unit: str, move: Move) -> str:
    """One step of the path in the path section's own words (`path.change_text`)."""
    return f"{ctx.item_name(move.indicator)}: {change_text(ctx, unit, move)}"


def _fragile_values(
    ctx: Ctx, units: Sequence[str], *, by_unit: bool, stale_too: bool = True
) -> list[str]:
    stale: list[str] = []
    undated: list[str] = []
    contested: list[str] = []
    ranged: list[str] = []
    ev = ctx.evidence
    for unit in units:
        for ind in ctx.rubric.indicators:
            if not ctx.has_value(unit, ind.id):
                continue
            name = ctx.item_name(ind.id) + (f" ({ctx.code(unit)})" if by_unit else "")
            if ctx.is_stale(unit, ind.id):
                stale.append(name)
            elif not fmt.clean(ctx.evidence_of(unit, ind.id)["as_of"]):
                undated.append(name)
            key = (unit, ind.id)
            if key in ev.index:
                if "contested" in ev.columns and bool(ev.at[key, "contested"]):
                    contested.append(name)
                if "low" in ev.columns and "high" in ev.columns:
                    low, high = float(ev.at[key, "low"]), float(ev.at[key, "high"])
                    if not (math.isnan(low) and math.isnan(high)):
                        ranged.append(name)
    out = []
    max_age = f"{ctx.rubric.max_age_years:g}"
    if stale and stale_too:
        out.append(
            f"{fmt.plural(len(stale), 'value')} older than the rubric allows (default "
            f"{max_age} years), still scored: {_names(stale)}."
        )
    if undated:
        out.append(f"Undated, so not checked for age: {_names(undated)}.")
    if contested:
        out.append(f"Readings analysts could place one level apart: {_names(contested)}.")
    if ranged:
        out.append(f"Given with a range rather than one number: {_names(ranged)}.")
    return out


def _robustness(ctx: Ctx, unit: str) -> str:
    """What the uncertainty analysis says of the unit's band and score ("" when not run)."""
    line = build_line(ctx, unit)
    if not line.shown:
        return ""
    return (
        f"Under the uncertainty analysis: {line.sentence} The index lies between "
        f"{line.score.replace('-', ' and ', 1)} in 90% of the draws."
        if line.score != fmt.DASH
        else f"Under the uncertainty analysis: {line.sentence}"
    )


# --- scorecard ----------------------------------------------------------------------------------


def _verdict(ctx: Ctx, unit: str) -> tuple[str, str]:
    name = ctx.name(unit)
    score = ctx.score_of(unit, ctx.root)
    band = ctx.rubric.band_of_score(score)
    if band is None:
        return (
            f"{name} has no index score and no band this period: {ctx.index_reason(unit)}.",
            "For an investor: readiness is unknown, not low; the gaps below say what is missing.",
        )
    rank = ctx.rank_text(unit)
    return (
        f"{name} is {fmt.cap(band.label, 60)}, with an index of {ctx.show(score)} "
        f"(rank {rank} scored).",
        f"For an investor, {fmt.cap(band.label, 60)} means: "
        f"{fmt.cap(band.description, fmt.CAP_LONG)}",
    )


def _decides_scored(ctx: Ctx, unit: str) -> list[str]:
    score = ctx.score_of(unit, ctx.root)
    above, up, band, down = _margins(ctx, score)
    out = []
    if above and up is not None:
        where = f"{up:.1f} points below {fmt.cap(above, 60)}"
        if down is not None:
            where += f" and {down:.1f} above the floor of {fmt.cap(band, 60)}"
        out.append(f"The index of {ctx.show(score)} sits {where}.")
    elif down is not None:
        out.append(
            f"The index of {ctx.show(score)} sits {down:.1f} points above the top band's floor."
        )
    gaps = biggest_gaps(ctx, unit)[:N_FACTS]
    if gaps:
        parts = [
            f"{ctx.item_name(g.indicator)} ({_value(ctx, unit, g.indicator)}; loses "
            f"{fmt.points(g.lost)} of {fmt.points(g.possible)} points)"
            for g in gaps
        ]
        out.append("It loses most on " + _names(parts) + ".")
    points = contributions(ctx, unit)
    fixed = [
        g
        for g in points
        if g.indicator not in ctx.levers and gaps and round(g.lost, 2) > round(gaps[0].lost, 2)
    ]
    for g in fixed:
        out.append(
            f"{ctx.item_name(g.indicator)} loses {fmt.points(g.lost)} points, more than any "
            "of these, but it is geography: fixed, not a policy lever."
        )
    full = [g.indicator for g in points if g.got >= g.possible - 0.005]
    if full:
        names = [ctx.item_name(i) for i in full]
        out.append(
            f"Full marks on {len(full)} of the {len(points)} indicators reported: {_names(names)}."
        )
    return out


def _decides_unscored(ctx: Ctx, unit: str) -> list[str]:
    out = []
    path = ctx.paths[unit]
    for pillar_id, missing in path.blocking:
        kids = ctx.rubric.indicators_of(pillar_id)
        have = sum(ctx.has_value(unit, i.id) for i in kids)
        need = ctx.rubric.min_coverage_of(pillar_id)
        names = [ctx.item_name(i) for i in missing]
        out.append(
            f"{ctx.item_name(pillar_id)} cannot be scored: {have} of {len(kids)} indicators "
            f"reported, {fmt.percent(need)} of its weight needed"
            + (f"; not found: {_names(names)}." if names else ".")
        )
    scored = [
        (ctx.score_of(unit, p.id), p)
        for p in ctx.pillars
        if not math.isnan(ctx.score_of(unit, p.id))
    ]
    if scored:
        parts = [f"{fmt.cap(p.name, 80)} {ctx.band_with(s)}" for s, p in scored]
        out.append("The pillars that can be scored: " + "; ".join(parts) + ".")
    return out


def _changes(ctx: Ctx, unit: str) -> list[str]:
    path = ctx.paths[unit]
    name = ctx.name(unit)
    out = []
    if path.status is Status.UNSCORED:
        if not (math.isnan(path.floor) or math.isnan(path.ceiling)):
            out.append(
                "Reporting the missing values would give an index between "
                f"{ctx.band_with(path.floor)}, with each at the worst end of its scale, and "
                f"{ctx.band_with(path.ceiling)}, with each at the best end."
            )
        return out
    route = path.route
    target = fmt.cap(path.next_band, 60)
    if path.status is Status.REACHABLE and route is not None and path.threshold is not None:
        steps = "; ".join(_move(ctx, unit, m) for m in route.moves)
        n = len(route.moves)
        what = "one policy change" if n == 1 else f"{n} policy changes"
        out.append(
            f"{target} ({path.threshold:g}) is reached with {what}: {steps}, giving "
            f"{ctx.band_with(route.reached)}."
        )
    elif path.status is Status.WITH_OUTCOMES and route is not None and path.policy is not None:
        steps = "; ".join(_move(ctx, unit, m) for m in route.moves)
        out.append(
            f"Policy levers alone reach at most {ctx.band_with(path.policy.best)}; {target} "
            f"also needs outcomes to move: {steps}, giving {ctx.band_with(route.reached)}."
        )
    elif path.status is Status.UNREACHABLE and route is not None and path.next_band:
        out.append(
            f"{target} is out of reach within the feasible ceilings: every lever at its "
            f"ceiling gives {ctx.band_with(route.best)}."
        )
    elif path.status is Status.TOP_BAND:
        out.append(f"{name} is in the top band.")
    score = ctx.score_of(unit, ctx.root)
    band = ctx.rubric.band_of_score(score)
    below = [b for b in ctx.rubric.bands if band is not None and b.min < band.min]
    if band is not None and below:
        drop = float(ctx.show_change(band.min, score))
        out.append(
            f"It would fall to {fmt.cap(below[0].label, 60)} if the index lost more than "
            f"{drop:.1f} points."
        )
    return out


def _fragile_unit(ctx: Ctx, unit: str) -> list[str]:
    out = []
    score = ctx.score_of(unit, ctx.root)
    if not math.isnan(score):
        above, up, band, down = _margins(ctx, score)
        if up is not None and up < CLOSE_TO_THRESHOLD:
            out.append(f"Close to a threshold: {up:.1f} points below {fmt.cap(above, 60)}.")
        if down is not None and down < CLOSE_TO_THRESHOLD:
            out.append(
                f"Close to a threshold: {down:.1f} points above the floor of {fmt.cap(band, 60)}."
            )
    if rob := _robustness(ctx, unit):
        out.append(rob)
    out += _fragile_values(ctx, [unit], by_unit=False)
    if not out:
        out.append("Nothing flagged: every value is current and dated, none contested.")
    return out


def build_unit_summary(ctx: Ctx, unit: str) -> ExecutiveSummary:
    scored = not math.isnan(ctx.score_of(unit, ctx.root))
    decides = _decides_scored(ctx, unit) if scored else _decides_unscored(ctx, unit)
    verdict, meaning = _verdict(ctx, unit)
    return ExecutiveSummary(
        verdict=verdict,
        meaning=meaning,
        decides=tuple(decides),
        fragile=tuple(_fragile_unit(ctx, unit)),
        changes=tuple(_changes(ctx, unit)),
        since=since_sentence(ctx, unit),
    )


# --- regional overview -------------------------------------------------------------------------


def build_regional_summary(ctx: Ctx, units: Sequence[str]) -> ExecutiveSummary:
    scored = [u for u in units if not math.isnan(ctx.score_of(u, ctx.root))]
    unscored = [u for u in units if u not in scored]
    n = len(units)
    if scored:
        by_band: dict[str, list[str]] = {}
        for u in scored:
            by_band.setdefault(str(ctx.band_of(u)), []).append(
                f"{ctx.name(u)} ({ctx.show(ctx.score_of(u, ctx.root))})"
            )
        top = ctx.rubric.bands[0].label if ctx.rubric.bands else ""
        verdict = f"{len(scored)} of {n} countries have an index score" + (
            f"; none is {fmt.cap(top, 60)}." if top and top not in by_band else "."
        )
        meaning = (
            "; ".join(
                f"{fmt.cap(b, 60)}: {', '.join(by_band[b])}"
                for b in sorted(by_band, key=lambda b: ctx.slots.get(b, 99))
            )
            + "."
        )
    else:
        verdict = f"None of the {n} countries has an index score this period."
        meaning = ""
    if unscored:
        meaning += (
            f" {_names([ctx.name(u) for u in unscored])} "
            f"{'has' if len(unscored) == 1 else 'have'} no index for lack of data: for an "
            "investor, unknown rather than low."
        )
    decides = []
    weakest: dict[str, list[str]] = {}
    for u in units:
        pillars = [(ctx.score_of(u, p.id), k, p) for k, p in enumerate(ctx.pillars)]
        present = [t for t in pillars if not math.isnan(t[0])]
        if present:
            low = min(present, key=lambda t: (t[0], t[1]))
            weakest.setdefault(low[2].id, []).append(ctx.name(u))
    for pillar_id, names in sorted(weakest.items(), key=lambda kv: -len(kv[1]))[:1]:
        decides.append(
            f"{ctx.item_name(pillar_id)} is the weakest pillar in {len(names)} of {n} countries "
            f"({_names(names)})."
        )
    blocked: dict[str, list[str]] = {}
    for u in unscored:
        for pillar_id, _ in ctx.paths[u].blocking:
            blocked.setdefault(pillar_id, []).append(ctx.name(u))
    for pillar_id, names in blocked.items():
        decides.append(
            f"{ctx.item_name(pillar_id)} cannot be scored for {_names(names)}: too few of "
            f"{'its' if len(names) == 1 else 'their'} values for this pillar were found."
        )
    if len(scored) >= 2:
        a, b = scored[0], scored[1]
        lead = float(ctx.show_change(ctx.score_of(b, ctx.root), ctx.score_of(a, ctx.root)))
        decides.append(f"{ctx.name(a)} leads {ctx.name(b)} by {lead:.1f} index points.")
    fragile = []
    for u in scored:
        score = ctx.score_of(u, ctx.root)
        above, up, band, down = _margins(ctx, score)
        if up is not None and up < CLOSE_TO_THRESHOLD:
            fragile.append(f"{ctx.name(u)} is {up:.1f} points below {fmt.cap(above, 60)}.")
        if down is not None and down < CLOSE_TO_THRESHOLD:
            fragile.append(
                f"{ctx.name(u)} is {down:.1f} points above the floor of {fmt.cap(band, 60)}."
            )
    for u in units:  # the uncertainty analysis' fragile bands and ranks, when it was run
        line = build_line(ctx, u)
        if line.shown and line.fragile:
            fragile.append(f"{ctx.name(u)} under the uncertainty analysis: {line.sentence}")
    stale = [(u, i.id) for u in units for i in ctx.rubric.indicators if ctx.is_stale(u, i.id)]
    if stale:
        counts = {u: sum(1 for v, _ in stale if v == u) for u in units}
        fragile.append(
            f"{fmt.plural(len(stale), 'value')} older than the rubric allows, still scored: "
            + ", ".join(f"{ctx.code(u)} {c}" for u, c in counts.items() if c)
            + "."
        )
    refs = reference_units(ctx)
    ref_stale = {u: sum(ctx.is_stale(u, i.id) for i in ctx.rubric.indicators) for u in refs}
    if any(ref_stale.values()):
        # counted like the countries': a reference's old value moves what the bands mean
        fragile.append(
            f"Reference jurisdictions: {fmt.plural(sum(ref_stale.values()), 'value')} older "
            "than the rubric allows, still scored: "
            + ", ".join(f"{ctx.code(u)} {c}" for u, c in ref_stale.items() if c)
            + "."
        )
    fragile += _fragile_values(ctx, units, by_unit=True, stale_too=False)  # counted above
    changes = []
    for u in units:
        path = ctx.paths[u]
        name = ctx.name(u)
        route = path.route
        target = fmt.cap(path.next_band, 60)
        if path.status is Status.REACHABLE and route is not None and route.moves:
            n_moves = len(route.moves)
            what = "one policy change" if n_moves == 1 else f"{n_moves} policy changes"
            first = ctx.item_name(route.moves[0].indicator)
            changes.append(
                f"{name}: {what} reach{'es' if n_moves == 1 else ''} {target}"
                + (f" ({first})." if n_moves == 1 else f", the first {first}.")
            )
        elif path.status is Status.WITH_OUTCOMES:
            changes.append(f"{name}: {target} only if outcomes move as well as policy.")
        elif path.status is Status.UNSCORED and not math.isnan(path.floor):
            changes.append(
                f"{name}: once the missing values are reported, between "
                f"{ctx.band_with(path.floor)} and {ctx.band_with(path.ceiling)}."
            )
        elif path.status is Status.UNREACHABLE and path.next_band:
            changes.append(f"{name}: {target} is out of reach within the feasible ceilings.")
    return ExecutiveSummary(
        verdict,
        meaning.strip(),
        tuple(decides),
        tuple(fragile),
        tuple(changes),
        since_regional(ctx, units),
    )
