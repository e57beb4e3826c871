"""Reference jurisdictions beside the assessed countries: markers, a heatmap block, one line.

Reference units (rubric role `reference`) are scored and banded on the same rubric, and never
ranked or counted among the assessed countries. The report shows them as markers in the
comparison chart, as a separate block under the heatmap, and in one line on each scorecard
that puts the country beside them. A reference unit with no value at all (its workbook was not
given) is left out everywhere.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
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
        "below the heatmap. "
        + (f"{fed} " if (fed := federation_sentence(ctx, refs)) else "")
        + "Their values and evidence are in the appendix.",
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


# --- the reference jurisdictions' evidence (overview appendix) ---------------------------------

FEDERATION = re.compile(r"\bFederation:\s*([A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)*)")


@dataclass(frozen=True)
class EvidenceRow:
    name: str
    value: str
    value_detail: str
    score: str
    as_of: str
    as_of_label: str
    flag: str  # "stale", "missing", "no date" or ""
    ref: str
    note: str
    row_class: str  # "" | "missing" | "stale"


@dataclass(frozen=True)
class ReferenceEvidence:
    code: str
    heading: str  # "Australia (AUS): 85.3, Investment-ready"
    lead: str  # the federation's state or province, and the count of stale values
    rows: tuple[EvidenceRow, ...]


def federation(ctx: Ctx, unit: str) -> tuple[str, tuple[str, ...]]:
    """(the state or province a federation's evidence describes, the indicators whose evidence
    names it), as the evidence notes say ("Federation: Western Australia ... is used"); ("", ())
    when no note says so."""
    notes = {i.id: fmt.clean(ctx.evidence_of(unit, i.id)["note"]) for i in ctx.rubric.indicators}
    place = next((m.group(1) for n in notes.values() if (m := FEDERATION.search(n))), "")
    if not place:
        return "", ()
    initials = "".join(w[0] for w in place.split())
    named = re.compile(rf"\b({re.escape(place)}|{re.escape(initials)})\b")
    return place, tuple(i for i, n in notes.items() if named.search(n))


def federation_sentence(ctx: Ctx, units: list[str]) -> str:
    """ "Australia is scored on Western Australia's mining rules and Canada on British
    Columbia's" ("" when no reference unit's evidence names a state or province)."""
    parts = [(ctx.name(u), place) for u in units for place, _ in [federation(ctx, u)] if place]
    if not parts:
        return ""
    items = [f"{parts[0][0]} is scored on {parts[0][1]}'s mining rules"]
    items += [f"{name} on {place}'s" for name, place in parts[1:]]
    joined = items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
    return joined + ": for a federation, the evidence reads the state or province named in it."


def build_reference_evidence(
    ctx: Ctx, cite: Callable[[str, str], str]
) -> tuple[ReferenceEvidence, ...]:
    """Every reference jurisdiction's values with their dates, reference numbers and evidence
    notes, so that their scores can be audited like the countries'."""
    out = []
    for unit in reference_units(ctx):
        score = ctx.score_of(unit, ctx.root)
        band = ctx.band_of(unit)
        heading = f"{ctx.name(unit)} ({ctx.code(unit)}): " + (
            f"{ctx.show(score)}, {fmt.cap(band, 60)}" if band else "no score"
        )
        rows = []
        for pillar in ctx.pillars:
            for ind in ctx.rubric.indicators_of(pillar.id):
                raw = ctx.raw(unit, ind.id)
                value, detail = ctx.raw_text(ind, raw)
                as_of, label = ctx.as_of(unit, ind.id)
                missing = math.isnan(raw)
                stale = ctx.is_stale(unit, ind.id)
                undated = not missing and not fmt.clean(ctx.evidence_of(unit, ind.id)["as_of"])
                row_class = "missing" if missing else "stale" if stale else ""
                rows.append(
                    EvidenceRow(
                        name=ctx.item_name(ind.id),
                        value=value,
                        value_detail=detail,
                        score=fmt.score(ctx.score_of(unit, ind.id)),
                        as_of=as_of,
                        as_of_label=label,
                        flag=row_class or ("no date" if undated else ""),
                        ref=cite(unit, ind.id),
                        note=fmt.cap(ctx.evidence_of(unit, ind.id)["note"], fmt.CAP_NOTE),
                        row_class=row_class,
                    )
                )
        n_stale = sum(r.row_class == "stale" for r in rows)
        place, inds = federation(ctx, unit)
        lead = []
        if place:
            names = ", ".join(ctx.item_name(i) for i in inds)
            lead.append(
                f"A federation: the evidence for {names} describes {place}; the other "
                "indicators are national."
            )
        lead.append(
            f"{fmt.plural(n_stale, 'value')} older than the rubric allows, still scored."
            if n_stale
            else "No value older than the rubric allows."
        )
        out.append(ReferenceEvidence(ctx.code(unit), heading, " ".join(lead), tuple(rows)))
    return tuple(out)
