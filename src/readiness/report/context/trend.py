"""Scores over time and why they moved: the trend chart and the change-by-cause table.

The chart starts at the first period with a score (the caption names the periods left out),
marks each rubric change between two drawn periods with a rule, and, where the latest
attribution covers that change, lets each line cross it from the earlier values scored under
the new rubric (`Move.method`), so the segment across compares like with like.

Built from `readiness.trend` (the scores of every recorded period, read from the history, and
the attribution of the latest change), which the caller computes and hands in; nothing here
reads files or scores anything. A document made without a history has no trend section.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from readiness import format as fmt
from readiness.report import charts
from readiness.report.context.change_split import (
    crossing_text,
    rescored_text,
    split_move,
    versions,
)
from readiness.report.context.common import Ctx
from readiness.report.context.reference import points
from readiness.report.context.types import Chart
from readiness.report.trend_chart import Line, RubricChange, trend_chart
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


@dataclass(frozen=True)
class Frame:
    """What a trend chart draws of the recorded periods: from the first period with a score
    (the leading periods without any are left out and said so), and a rule at each rubric
    change between two drawn periods."""

    first: int  # index in `trend.periods` of the first period drawn
    periods: tuple[str, ...]  # the periods drawn
    changes: tuple[RubricChange, ...]  # `at` counts in the drawn periods


def _first_drawn(series: Sequence[Sequence[float | None]], n: int) -> int:
    """The first period in which any series has a score (0 when none has any)."""
    return next((k for k in range(n) if any(s[k] is not None for s in series)), 0)


def _rubric_name(trend: Trend, k: int) -> str:
    """ "rubric 2.0.0"; with the id too when the id changed as well."""
    rubric_id, version = trend.rubric_of(k)
    before_id, _ = trend.rubric_of(k - 1)
    if rubric_id and before_id and rubric_id != before_id:
        return f"rubric {fmt.cap(rubric_id, 40)} {fmt.cap(version, 20)}"
    return f"rubric {fmt.cap(version, 20)}"


def frame_of(trend: Trend, series: Sequence[Sequence[float | None]]) -> Frame:
    """The periods to draw of `series` (one tuple per line, one score per recorded period)."""
    first = _first_drawn(series, len(trend.periods))
    changes = tuple(
        RubricChange(
            k - first,
            _rubric_name(trend, k),
            f"{trend.periods[k - 1]} values scored under {_rubric_name(trend, k)}",
        )
        for k in range(first + 1, len(trend.periods))
        if trend.rubric_of(k) != trend.rubric_of(k - 1)
    )
    return Frame(first, trend.periods[first:], changes)


def _rescored(
    ctx: Ctx, trend: Trend, frame: Frame, unit: str, item: str
) -> tuple[tuple[int, float], ...]:
    """(k, score) for each rubric change at k that the latest attribution covers: the values
    of the period before it scored under the new rubric (the published score + the rubric's
    part of the change, `Move.method`)."""
    found = ctx.change
    if found is None or not found.rubric_changed or unit not in found.units:
        return ()
    move = found.units[unit].moves.get(item)
    if move is None or not move.attributable or move.before is None or move.method is None:
        return ()
    out = []
    for change in frame.changes:
        k = frame.first + change.at
        if (trend.periods[k - 1], trend.periods[k]) == (found.period_before, found.period_after):
            out.append((change.at, move.before + move.method))
    return tuple(out)


def _runs(periods: Sequence[str]) -> str:
    return periods[0] if len(periods) == 1 else f"{periods[0]} to {periods[-1]}"


def _caption(ctx: Ctx, trend: Trend, frame: Frame, what: str, empty: str, across: str) -> str:
    """The chart's caption: span, gaps, the periods left out, the rubric of each period and
    how a line crosses a rubric change. `empty` says why the leading periods are left out;
    `across` is what the change across the latest rubric change amounts to ("" for none)."""
    drawn = frame.periods
    n = len(trend.periods)
    if len(drawn) == n:
        span = f"{drawn[0]} to {drawn[-1]}, {n} recorded periods" if n > 1 else ""
        span = span or f"{drawn[0]}, the only recorded period"
    else:
        span = f"{_runs(drawn)}, {len(drawn)} of {n} recorded periods"
    text = (
        f"{what}, {span}. A break in a line is a period without a score (not enough data): "
        "a gap, not a zero. Shaded zones and dashed lines mark the bands of the current rubric."
    )
    if frame.first:
        left_out = trend.periods[: frame.first]
        verb = "is" if len(left_out) == 1 else "are"
        text += f" {_runs(left_out)} {verb} recorded but not drawn: {empty}."
    versions = dict.fromkeys(trend.rubric_versions)
    if len(versions) > 1:
        runs = []
        for version in versions:
            periods = [
                p for p, v in zip(trend.periods, trend.rubric_versions, strict=True) if v == version
            ]
            runs.append(f"{fmt.cap(version, 20)} ({_runs(periods)})")
        text += " Each period is scored with the rubric it was made with: " + ", ".join(runs) + "."
    for change in frame.changes:
        k = frame.first + change.at
        text += (
            f" The dashed vertical rule before {trend.periods[k]} marks the change to "
            f"{change.label}: no line runs across it from a score of the earlier rubric"
            + (";" if across else ".")
        )
    if across:
        text += " " + across
    return text


def _across(ctx: Ctx, found: Attribution | None, frame: Frame, trend: Trend) -> str:
    """How the lines cross the latest rubric change, when the attribution covers it."""
    if found is None or not found.rubric_changed:
        return ""
    drawn = {
        (trend.periods[frame.first + c.at - 1], trend.periods[frame.first + c.at])
        for c in frame.changes
    }
    if (found.period_before, found.period_after) not in drawn:
        return ""
    _, new = versions(found)
    return (
        f"each line crosses it from the {found.period_before} values scored again under {new} "
        "(a hollow marker where that differs from the published score): a like-for-like change."
    )


def _references(ctx: Ctx, frame: Frame) -> tuple[tuple[str, float], ...]:
    """(code, index) of each reference jurisdiction with an index score: the markers drawn at
    the last period, as in the comparison chart. None when the last period drawn is not the
    period scored (their scores are this period's)."""
    if not frame.periods or frame.periods[-1] != ctx.result.period:
        return ()
    return tuple(
        (code, v) for code, v in points(ctx, ctx.root) if v is not None and not math.isnan(v)
    )


def _chart(
    ctx: Ctx, frame: Frame, lines: list[Line], title: str, refs: Sequence[tuple[str, float]]
) -> str:
    """The trend chart's SVG: a scorecard's pillars or the overview's countries, with the bands,
    the rubric changes and the reference jurisdictions' markers."""
    return trend_chart(
        frame.periods,
        lines,
        ctx.thresholds,
        title,
        changes=frame.changes,
        references=refs,
        reference_legend=_reference_legend(frame),
    )


def _reference_legend(frame: Frame) -> str:
    return f"reference jurisdictions' index in {frame.periods[-1]}"


def _reference_caption(ctx: Ctx, frame: Frame, refs: Sequence[tuple[str, float]]) -> str:
    if not refs:
        return ""
    codes = ", ".join(code for code, _ in refs)
    return (
        f" ◇ {_reference_legend(frame)} (hollow grey diamonds, "
        f"for comparison): {codes}; codes whose scores lie close share one label."
    )


def _alt(
    ctx: Ctx,
    title: str,
    frame: Frame,
    lines: Sequence[Line],
    crossed: Sequence[str],
    refs: Sequence[tuple[str, float]] = (),
) -> str:
    """The chart in words, every number it draws: each line's scores by period, each rubric
    change and, for the latest, the score each line crosses it from (`crossed`, as printed in
    the change tables: "" for none), and the reference jurisdictions' index at the last
    period."""
    parts = []
    for line in lines:
        scored = [
            f"{p} {ctx.show(v)}"
            for p, v in zip(frame.periods, line.values, strict=True)
            if v is not None
        ]
        parts.append(f"{line.label}: {', '.join(scored) or 'no score in any period'}")
    text = f"Line chart, {title}, on a 0-100 scale. " + "; ".join(parts) + "."
    for change in frame.changes:
        text += f" Dashed rule: {change.label} from {frame.periods[change.at]}"
        named = [
            f"{line.label} {shown}"
            for line, shown in zip(lines, crossed, strict=True)
            if shown and any(k == change.at for k, _ in line.rescored)
        ]
        if named:
            text += f"; {change.rescored}: " + ", ".join(named)
        text += "."
    if refs:
        shown = ", ".join(f"{code} {ctx.show(v)}" for code, v in refs)
        text += f" Hollow diamonds, {_reference_legend(frame)}: {shown}."
    if ctx.rubric.bands:
        text += f" Band thresholds: {ctx.thresholds_text()}."
    return text


def _texts(ctx: Ctx, values: Sequence[float | None]) -> tuple[str, ...]:
    return tuple(fmt.DASH if v is None else ctx.show(v) for v in values)


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
    frame = frame_of(trend, [trend.series(unit, item) for item in items])
    found = ctx.change  # the change every section prints
    lines = []
    crossed = []
    for k, item in enumerate(items):
        values = trend.series(unit, item)[frame.first :]
        strong = item == ctx.root
        texts = _texts(ctx, values) if strong else ()
        last = next((v for v in reversed(values) if v is not None), None)
        end = ctx.item_name(item)
        if strong:  # the latest score goes with the line's name too
            end = "Index" + (f" {ctx.show(last)}" if last is not None else "")
        label = "Overall index" if strong else fmt.cap(ctx.item_name(item), 60)
        if all(v is None for v in values):
            label += " (no score in any period)"
        rescored = _rescored(ctx, trend, frame, unit, item)
        lines.append(Line(label, values, k, end, strong, texts, rescored))
        move = found.units[unit].moves.get(item) if found and unit in found.units else None
        crossed.append(rescored_text(ctx, move) if rescored and move else "")
    title = f"{ctx.name(unit)}: index and pillar scores over time"
    refs = _references(ctx, frame)
    svg = _chart(ctx, frame, lines, title, refs)
    across = _across(ctx, found, frame, trend)
    if across and found is not None and unit in found.units:
        index = found.units[unit].moves.get(ctx.root)
        if index is not None and (crossing := crossing_text(ctx, found, index)):
            across += f" Overall index: {crossing}."
    rows: list[CauseRow] = []
    band = ""
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
        chart=Chart(charts.data_uri(svg), _alt(ctx, title, frame, lines, crossed, refs)),
        caption=_caption(
            ctx,
            trend,
            frame,
            "Index (bold, its scores printed under the periods) and pillars",
            "no index or pillar score in them",
            across,
        )
        + _reference_caption(ctx, frame, refs),
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
    frame = frame_of(trend, [trend.series(unit, ctx.root) for unit in units])
    found = ctx.change  # the change every section prints
    lines = []
    crossed = []
    for k, unit in enumerate(units):
        values = trend.series(unit, ctx.root)[frame.first :]
        last = next((v for v in reversed(values) if v is not None), None)
        end = ctx.code(unit) + (f" {ctx.show(last)}" if last is not None else "")
        label = ctx.name(unit) if last is not None else f"{ctx.name(unit)} (no index score yet)"
        rescored = _rescored(ctx, trend, frame, unit, ctx.root)
        lines.append(Line(label, values, style=k, end_label=end, rescored=rescored))
        move = found.units[unit].moves.get(ctx.root) if found and unit in found.units else None
        crossed.append(rescored_text(ctx, move) if rescored and move else "")
    title = "Index by country over time"
    refs = _references(ctx, frame)
    svg = _chart(ctx, frame, lines, title, refs)
    rows: list[CauseRow] = []
    if found is not None:
        rows = [
            _row(ctx, ctx.name(u), found.units[u].moves[ctx.root], index=True)
            for u in units
            if u in found.units and ctx.root in found.units[u].moves
        ]
    return TrendSection(
        shown=True,
        chart=Chart(charts.data_uri(svg), _alt(ctx, title, frame, lines, crossed, refs)),
        caption=_caption(
            ctx,
            trend,
            frame,
            "Overall index of each country (code and latest score at the line's end)",
            "no country has an index score in them (not enough data for any)",
            _across(ctx, found, frame, trend),
        )
        + _reference_caption(ctx, frame, refs),
        change_lead=_change_lead(trend, found),
        subject="Country",
        rows=tuple(rows),
        band="",
        show_method=found is not None and found.rubric_changed,
        method_head=f"Rubric {versions(found)[1]}" if found is not None else "Rubric",
    )
