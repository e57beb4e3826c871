"""Reference jurisdictions beside the assessed countries: markers, a heatmap block, one line.

Reference units (rubric role `reference`) are scored and banded on the same rubric, and never
ranked or counted among the assessed countries. The report shows them as markers in the
comparison chart, as a separate block under the heatmap, and in one line on each scorecard
that puts the country beside them. A reference unit with no value at all (its workbook was not
given) is left out everywhere.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from readiness import format as fmt
from readiness.report.context.common import Ctx

REFERENCE_MARK = "hollow diamonds"  # how the comparison chart draws them (charts.dot_plot)


@dataclass(frozen=True)
class ReferenceNote:
    """One paragraph (regional overview) or one line (scorecard); nothing when `shown` is False."""

    shown: bool
    text: str


def reference_units(ctx: Ctx) -> list[str]:
    """The reference units that have at least one value, in rubric order."""
    refs = ctx.rubric.reference_units
    return [
        str(u)
        for u in ctx.result.units
        if u in refs and any(ctx.has_value(str(u), i.id) for i in ctx.rubric.indicators)
    ]


def points(ctx: Ctx, node_id: str) -> tuple[tuple[str, float], ...]:
    """(code, score) of each reference unit on one node, for the comparison chart's markers."""
    return tuple((ctx.code(u), ctx.score_of(u, node_id)) for u in reference_units(ctx))


def _listing(ctx: Ctx, units: list[str]) -> str:
    """'Australia 85.3 and Canada 86.2 (Investment-ready), Chile 68.1 (Advanced)': grouped by
    band, best band first, in rubric order within a band."""
    groups: dict[str, list[str]] = {}
    for u in units:
        score = ctx.score_of(u, ctx.root)
        band = ctx.band_of(u) or "no band"
        shown = ctx.show(score) if not math.isnan(score) else "no score"
        groups.setdefault(band, []).append(f"{ctx.name(u)} {shown}")
    order = sorted(groups, key=lambda b: ctx.slots.get(b, 99))
    parts = []
    for band in order:
        names = groups[band]
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        parts.append(f"{joined} ({fmt.cap(band, 60)})")
    return ", ".join(parts)


def build_regional_note(ctx: Ctx) -> ReferenceNote:
    refs = reference_units(ctx)
    if not refs:
        return ReferenceNote(False, "")
    n = len(ctx.result.assessed_units)
    return ReferenceNote(
        True,
        f"Reference jurisdictions, scored on the same rubric and the same kinds of evidence, "
        f"and never ranked among the {n} countries: {_listing(ctx, refs)}. They show what the "
        f"bands mean; they are drawn as {REFERENCE_MARK} in the comparison chart and listed "
        "below the heatmap.",
    )


def build_scorecard_line(ctx: Ctx, unit: str) -> ReferenceNote:
    """The country beside the references: its index, theirs, and the nearest reference."""
    refs = reference_units(ctx)
    if not refs or unit in ctx.rubric.reference_units:
        return ReferenceNote(False, "")
    score = ctx.score_of(unit, ctx.root)
    listing = _listing(ctx, refs)
    if math.isnan(score):
        return ReferenceNote(
            True, f"{ctx.name(unit)} has no index score; the reference jurisdictions: {listing}."
        )
    scored = [r for r in refs if not math.isnan(ctx.score_of(r, ctx.root))]
    nearest = min(scored, key=lambda r: (abs(ctx.score_of(r, ctx.root) - score), r), default="")
    tail = ""
    if nearest:
        gap = ctx.show_change(score, ctx.score_of(nearest, ctx.root))  # nearest minus unit
        if gap.startswith("+"):
            tail = f" Nearest: {ctx.name(nearest)}, {gap[1:]} points higher."
        elif gap.startswith("-"):
            tail = f" Nearest: {ctx.name(nearest)}, {gap[1:]} points lower."
        else:
            tail = f" Nearest: {ctx.name(nearest)}, level."
    return ReferenceNote(
        True,
        f"Beside the reference jurisdictions: {ctx.name(unit)} {ctx.band_with(score)}; "
        f"{listing}.{tail}",
    )
