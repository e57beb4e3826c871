"""Change since the previous period: index, pillars and band before and now, each change split
into the rubric's part and the data's (`change_split`), and the indicators whose value changed."""

from __future__ import annotations

import math
from dataclasses import dataclass

from readiness import format as fmt
from readiness.report.context.change_split import css_of, sentence, split_move, versions
from readiness.report.context.common import Ctx
from readiness.trend.attribution import Attribution


@dataclass(frozen=True)
class ChangeRow:
    name: str
    before: str
    after: str
    change: str
    css: str  # "up" | "down" | ""
    method: str = ""  # the rubric's part of the change, as printed (with a rubric change)
    data: str = ""  # the data's part


@dataclass(frozen=True)
class ChangeSection:
    lead: str
    rows: tuple[ChangeRow, ...]
    indicator_rows: tuple[ChangeRow, ...]
    show_method: bool = False  # the rubric differs between the two periods
    method_head: str = ""  # "Rubric 2.0.0"
    rubric_note: str = ""  # the indicators the rubric added or dropped, for this unit


def _names(names: list[str]) -> str:
    return ", ".join(names)


def _rubric_note(ctx: Ctx, found: Attribution, unit: str) -> str:
    """Which of this unit's values the rubric change brought in or left out."""
    old, new = versions(found)
    since = fmt.cap(found.period_before, 40)
    added = found.units[unit].moves[ctx.root].values_added_by_rubric
    parts = []
    if added:
        names = [ctx.item_name(i) for i in added if i in ctx.rubric.indicator_by_id]
        parts.append(
            f"Indicators new in rubric {new}, counted in the rubric's part at their current "
            f"values (rubric {old} did not ask them, so {since} has no value of its own): "
            f"{_names(names)}."
        )
    prev = ctx.previous
    if prev is not None and unit in prev.raw.index:
        gone = [
            fmt.cap(prev.rubric.indicator_by_id[i].name, fmt.CAP_LABEL)
            for i in found.dropped_by_rubric
            if i in prev.rubric.indicator_by_id
            and i in prev.raw.columns
            and not math.isnan(float(prev.raw.at[unit, i]))
        ]
        if gone:
            parts.append(
                f"Indicators of rubric {old} that {new} no longer scores (their {since} values "
                f"count in the rubric's part): {_names(gone)}."
            )
    return " ".join(parts)


def _indicator_rows(ctx: Ctx, unit: str) -> tuple[ChangeRow, ...]:
    """Indicators of the current rubric that the earlier period also had, whose value moved."""
    prev = ctx.previous
    if prev is None or unit not in prev.raw.index:
        return ()
    rows = []
    for ind in ctx.rubric.indicators:
        if ind.id not in prev.raw.columns:
            continue
        before = float(prev.raw.at[unit, ind.id])
        after = ctx.raw(unit, ind.id)
        if (math.isnan(before) and math.isnan(after)) or math.isclose(before, after):
            continue
        b, _ = ctx.raw_text(ind, before)
        a, _ = ctx.raw_text(ind, after)
        nb = float(prev.normalised.at[unit, ind.id]) if ind.id in prev.normalised else math.nan
        shown = fmt.change(nb, ctx.score_of(unit, ind.id))
        if math.isnan(before) or math.isnan(after):  # a value found or lost: no change to show
            shown = "newly reported" if math.isnan(before) else "no longer reported"
        rows.append(ChangeRow(ctx.item_name(ind.id), b, a, shown, css_of(shown)))
    return tuple(rows)


def build_change(ctx: Ctx, unit: str) -> ChangeSection:
    found = ctx.change
    period = ctx.period()
    if found is None:
        return ChangeSection(
            f"No period before {period} is recorded, so there is nothing to compare with. "
            "Changes will appear here once a later period is scored.",
            (),
            (),
        )
    since = fmt.cap(found.period_before, 40) or "the previous period"
    if unit not in found.units:
        return ChangeSection(f"{ctx.name(unit)} was not scored in {since}.", (), ())
    moves = found.units[unit]
    rows = []
    for node_id in [ctx.root, *(p.id for p in ctx.pillars)]:
        if node_id not in moves.moves:
            continue
        s = split_move(ctx, moves.moves[node_id])
        rows.append(
            ChangeRow(
                "Overall index" if node_id == ctx.root else ctx.item_name(node_id),
                s.before,
                s.after,
                s.change if moves.moves[node_id].status == "scored" else "",
                s.css,
                s.method,
                s.data,
            )
        )
    # "changed" only for a band that differs; no band in either period is no change.
    rows.append(
        ChangeRow(
            "Band",
            fmt.cap(moves.band_before, 60) or fmt.DASH,
            fmt.cap(moves.band_after, 60) or fmt.DASH,
            "changed" if moves.band_changed else "",
            "",
        )
    )
    lead = sentence(ctx, found, moves.moves[ctx.root], "Overall index")
    if found.rubric_changed:
        lead += " The parts add up to the change on every row."
    return ChangeSection(
        lead,
        tuple(rows),
        _indicator_rows(ctx, unit),
        show_method=found.rubric_changed,
        method_head=f"Rubric {versions(found)[1]}",
        rubric_note=_rubric_note(ctx, found, unit) if found.rubric_changed else "",
    )
