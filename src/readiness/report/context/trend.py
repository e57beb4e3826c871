"""Scores over time and why they moved: the trend chart and the change-by-cause table.

Built from `readiness.trend` (the scores of every recorded period, read from the history, and
the attribution of the latest change), which the caller computes and hands in; nothing here
reads files or scores anything. A document made without a history has no trend section.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from readiness import format as fmt
from readiness.report import charts
from readiness.report.context.change_split import split_move, versions
from readiness.report.context.common import Ctx
from readiness.report.context.types import Chart
from readiness.report.trend_chart import Line, trend_chart
from readiness.trend.attribution import Attribution, Move, UnitMoves
from readiness.trend.series import Trend

CAUSE_NAMES = {
    "method": "rubric change",
    "changed": "changed values",
    "appeared": "new data",
    "disappeared": "removed values",
}


@dataclass(frozen=True)
class CauseRow:
    name: str
    before: str
    after: str
    change: str
    css: str  # "up" | "down" | ""
    method: str  # each cause as printed; "" when it did not contribute
    changed: str
    appeared: str
    disappeared: str
    note: str


@dataclass(frozen=True)
class TrendSection:
    shown: bool  # False for a document made without a history: the section is left out
    chart: Chart
    caption: str
    change_lead: str
    subject: str  # heading of the first column: "Score" or "Country"
    rows: tuple[CauseRow, ...]
    band: str
    show_method: bool  # the rubric changed between the two periods
    method_head: str = "Rubric"  # heading of the rubric's column: "Rubric 2.0.0"


def _caption(ctx: Ctx, trend: Trend, what: str) -> str:
    versions = dict.fromkeys(trend.rubric_versions)
    span = (
        f"{trend.periods[0]} to {trend.periods[-1]}, {len(trend.periods)} recorded periods"
        if len(trend.periods) > 1
        else f"{trend.periods[0]}, the only recorded period"
    )
    text = (
        f"{what}, {span}. A break in a line is a period without a score (not enough data): "
        "a gap, not a zero. Shaded zones and dashed lines mark the bands of the current rubric."
    )
    if len(versions) > 1:
        runs = []
        for version in versions:
            periods = [
                p for p, v in zip(trend.periods, trend.rubric_versions, strict=True) if v == version
            ]
            runs.append(f"{fmt.cap(version, 20)} ({periods[0]}-{periods[-1]})")
        text += " Each period is scored with the rubric it was made with: " + ", ".join(runs) + "."
    return text


def _texts(ctx: Ctx, values: Sequence[float | None]) -> tuple[str, ...]:
    return tuple("" if v is None else ctx.show(v) for v in values)


def _names(ctx: Ctx, ids: Sequence[str], limit: int = 4) -> str:
    names = [ctx.item_name(i) if i in ctx.rubric.indicator_by_id else i for i in ids]
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def _note(ctx: Ctx, move: Move, *, index: bool) -> str:
    def listed(ids: Sequence[str]) -> str:
        return f"{len(ids)} value{'s' * (len(ids) != 1)}" if index else _names(ctx, ids)

    if move.status == "absent":
        if move.values_appeared:
            new = listed(move.values_appeared)
            return f"no score in either period; new data ({new}) is not enough yet"
        return "no score in either period"
    if move.status == "new":
        if move.values_added_by_rubric and not move.values_appeared:
            return f"first scored this period (rubric: {listed(move.values_added_by_rubric)})"
        why = f": {listed(move.values_appeared)}" if move.values_appeared else ""
        label = "new data" if move.only_new_data else "more data"
        return f"first scored this period ({label}{why})"
    if move.status == "lost":
        why = f": {listed(move.values_disappeared)}" if move.values_disappeared else ""
        return f"no score this period (values removed{why})"
    if not move.attributable:
        return "cannot be split by cause (a geometric or harmonic mean met a new zero)"
    if move.only_new_data and not move.values_added_by_rubric:
        return f"new data only: {listed(move.values_appeared)}"
    parts = []
    for ids, word in (
        (move.values_added_by_rubric, "new in the rubric"),
        (move.values_changed, "changed"),
        (move.values_appeared, "new"),
        (move.values_disappeared, "removed"),
    ):
        if ids:
            parts.append(f"{word}: {listed(ids)}")
    return "; ".join(parts)


def _row(ctx: Ctx, name: str, move: Move, *, index: bool) -> CauseRow:
    shown = split_move(ctx, move)  # the same figures as the change section and the ranking
    note = _note(ctx, move, index=index)
    if move.status == "absent":
        return CauseRow(name, shown.before, shown.after, "", "", **shown.parts, note=note)
    if move.status in ("new", "lost"):
        change = "new score" if move.status == "new" else "no score"
        return CauseRow(name, shown.before, shown.after, change, "", **shown.parts, note=note)
    cells = shown.parts if shown.split else {c: fmt.DASH for c in CAUSE_NAMES}
    return CauseRow(name, shown.before, shown.after, shown.change, shown.css, **cells, note=note)


def _band(moves: UnitMoves) -> str:
    if moves.band_before is None and moves.band_after is None:
        return "No band in either period (no index score)."
    if not moves.band_changed:
        return f"Band unchanged: {fmt.cap(moves.band_after, 60)}."
    before = fmt.cap(moves.band_before, 60) if moves.band_before else "no band"
    after = fmt.cap(moves.band_after, 60) if moves.band_after else "no band"
    return f"Band: {before} before, {after} now."


def _change_lead(trend: Trend, found: Attribution | None) -> str:
    if found is None:
        return (
            f"{trend.periods[-1]} is the first recorded period: there is no earlier one to "
            "compare with."
        )
    return change_lead(found)


def change_lead(found: Attribution) -> str:
    """What the change-by-cause table splits, and the rule for a rubric change."""
    lead = (
        f"Change since {found.period_before}, split by cause: values that changed, new data "
        "(values that appeared) and values removed"
    )
    if found.rubric_changed:
        old, new = versions(found)
        return (
            lead + f", and the rubric change from {old} to {new}: the {found.period_before} "
            f"values scored under {new}, minus their published score under {old}. Indicators "
            f"new in {new} count in the rubric's part at their current values ({old} did not "
            "ask them); indicators it dropped leave in it. The causes add up to the change."
        )
    return lead + ". Same rubric in both periods. The causes add up to the change."


def _label(ctx: Ctx, item: str) -> str:
    return "Overall index" if item == ctx.root else ctx.item_name(item)


NO_TREND = TrendSection(False, Chart("", ""), "", "", "", (), "", False)


def build_trend(ctx: Ctx, unit: str) -> TrendSection:
    trend = ctx.trend
    if trend is None or not trend.periods:
        return NO_TREND
    items = [ctx.root, *(p.id for p in ctx.pillars)]
    lines = []
    for k, item in enumerate(items):
        values = trend.series(unit, item)
        strong = item == ctx.root
        texts = list(_texts(ctx, values)) if strong else []
        last = next((j for j in range(len(values) - 1, -1, -1) if values[j] is not None), None)
        end = "Index"
        if strong and last is not None:  # the latest score goes with the line's name
            end = f"Index {texts[last]}"
            texts[last] = ""
        label = "Overall index" if strong else fmt.cap(ctx.item_name(item), 60)
        if all(v is None for v in values):
            label += " (no score in any period)"
        lines.append(
            Line(
                label,
                values,
                style=k,
                end_label=end if strong else ctx.item_name(item),
                strong=strong,
                texts=tuple(texts),
            )
        )
    title = f"{ctx.name(unit)}: index and pillar scores over time"
    svg = trend_chart(trend.periods, lines, ctx.thresholds, title)
    rows: list[CauseRow] = []
    band = ""
    found = ctx.change  # the change every section prints
    if found is not None and unit in found.units:
        moves = found.units[unit]
        rows = [
            _row(
                ctx,
                "Overall index" if i == ctx.root else ctx.item_name(i),
                moves.moves[i],
                index=i == ctx.root,
            )
            for i in items
            if i in moves.moves
        ]
        band = _band(moves)
    return TrendSection(
        shown=True,
        chart=Chart(charts.data_uri(svg), title),
        caption=_caption(ctx, trend, "Index (bold, its scores printed) and pillars"),
        change_lead=_change_lead(trend, found),
        subject="Score",
        rows=tuple(rows),
        band=band,
        show_method=found is not None and found.rubric_changed,
        method_head=f"Rubric {versions(found)[1]}" if found is not None else "Rubric",
    )


def build_regional_trend(ctx: Ctx, units: Sequence[str]) -> TrendSection:
    trend = ctx.trend
    if trend is None or not trend.periods:
        return NO_TREND
    lines = []
    for k, unit in enumerate(units):
        values = trend.series(unit, ctx.root)
        last = next((v for v in reversed(values) if v is not None), None)
        end = ctx.code(unit) + (f" {ctx.show(last)}" if last is not None else "")
        label = ctx.name(unit) if last is not None else f"{ctx.name(unit)} (no index score yet)"
        lines.append(Line(label, values, style=k, end_label=end))
    title = "Index by country over time"
    svg = trend_chart(trend.periods, lines, ctx.thresholds, title)
    rows: list[CauseRow] = []
    found = ctx.change  # the change every section prints
    if found is not None:
        rows = [
            _row(ctx, ctx.name(u), found.units[u].moves[ctx.root], index=True)
            for u in units
            if u in found.units and ctx.root in found.units[u].moves
        ]
    return TrendSection(
        shown=True,
        chart=Chart(charts.data_uri(svg), title),
        caption=_caption(
            ctx, trend, "Overall index of each country (code and latest score at the line's end)"
        ),
        change_lead=_change_lead(trend, found),
        subject="Country",
        rows=tuple(rows),
        band="",
        show_method=found is not None and found.rubric_changed,
        method_head=f"Rubric {versions(found)[1]}" if found is not None else "Rubric",
    )
