"""Change since the previous period: index, pillar and band before and now, and the indicators
whose value changed."""

from __future__ import annotations

import math
from dataclasses import dataclass

from readiness import format as fmt
from readiness.report.context.common import Ctx


@dataclass(frozen=True)
class ChangeRow:
    name: str
    before: str
    after: str
    change: str
    css: str  # "up" | "down" | ""


@dataclass(frozen=True)
class ChangeSection:
    lead: str
    rows: tuple[ChangeRow, ...]
    indicator_rows: tuple[ChangeRow, ...]


def _css(shown: str) -> str:
    """ "up" / "down" from the change as printed (a printed 0.0 is no change)."""
    if shown.startswith("+"):
        return "up"
    return "down" if shown.startswith("-") else ""


def _change_row(ctx: Ctx, name: str, before: float, after: float) -> ChangeRow:
    shown = ctx.show_change(before, after)
    return ChangeRow(name, ctx.show(before), ctx.show(after), shown, _css(shown))


def build_change(ctx: Ctx, unit: str) -> ChangeSection:
    prev = ctx.previous
    period = ctx.period()
    if prev is None:
        version = fmt.cap(ctx.rubric.version, 40)
        return ChangeSection(
            f"{period} is the first period scored with this rubric (version {version}), so "
            "there is nothing to compare with: a difference from a period scored with another "
            "version would be a change of method, not of the country. Changes will appear here "
            "once the next period is scored with this version.",
            (),
            (),
        )
    prev_period = fmt.cap(prev.period, 40) or "the previous period"
    if unit not in prev.scores.index:
        return ChangeSection(f"{ctx.name(unit)} was not scored in {prev_period}.", (), ())
    rows = []
    for node_id in [ctx.root, *(p.id for p in ctx.pillars)]:
        before = (
            float(prev.scores.at[unit, node_id]) if node_id in prev.scores.columns else math.nan
        )
        after = ctx.score_of(unit, node_id)
        rows.append(_change_row(ctx, ctx.item_name(node_id), before, after))
    band_before = prev.band_of(unit) if unit in prev.bands.index else None
    band_now = ctx.band_of(unit)
    rows.append(
        ChangeRow(
            "Band",
            fmt.cap(band_before, 60) or fmt.DASH,
            fmt.cap(band_now, 60) or fmt.DASH,
            "" if band_before == band_now else "changed",  # no band in either period: same
            "",
        )
    )
    ind_rows = []
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
        ind_rows.append(ChangeRow(ctx.item_name(ind.id), b, a, shown, _css(shown)))
    lead = f"Compared with {prev_period}, scores on the same rubric."
    return ChangeSection(lead, tuple(rows), tuple(ind_rows))
