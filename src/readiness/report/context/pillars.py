"""The indicator tables: one per pillar, each indicator with its value, score, weight, points,
date and evidence."""

from __future__ import annotations

import math
from dataclasses import dataclass

from readiness import format as fmt
from readiness.report.context.citations import Citations
from readiness.report.context.common import Ctx
from readiness.report.context.types import Link
from readiness.rubric.model import Indicator, Kind


@dataclass(frozen=True)
class IndicatorRow:
    name: str
    value: str
    value_detail: str  # unit, or "level 2 of 0-3"
    score: str
    weight: str  # the weight the indicator carries here: shared out when a sibling is missing
    weight_detail: str  # "rubric 14.3%" when that differs from the rubric's weight, else ""
    points: str
    as_of: str
    as_of_label: str  # what the date means: "data year", "law in force or last amended"
    flag: str  # "stale", "missing", "imputed", "no date" or ""
    source: Link
    ref: str  # number in the document's references list
    definition: str  # the written definition of the level given ("" for numbers)
    note: str
    row_class: str  # "" | "missing" | "stale"


@dataclass(frozen=True)
class PillarTable:
    id: str
    name: str
    description: str
    score: str
    band_class: str
    status: str
    status_class: str  # "" | "thin" | "insufficient"
    rows: tuple[IndicatorRow, ...]


def _row(ctx: Ctx, unit: str, ind_id: str, citations: Citations) -> IndicatorRow:
    r = ctx.rubric
    res = ctx.result
    ind = r.indicator_by_id[ind_id]
    raw = ctx.raw(unit, ind_id)
    value, detail = ctx.raw_text(ind, raw)
    to_index = float(ctx.contrib.at[(unit, ind_id), "to_index"])
    ev = ctx.evidence_of(unit, ind_id)
    imputed = ctx.is_imputed(unit, ind_id)
    if math.isnan(to_index):
        points = fmt.DASH
    else:
        possible = 100 * ctx.effective_share(unit, ind_id)
        points = f"{fmt.points(to_index)} of {fmt.points(possible)}"
    note = fmt.cap(ev["note"], fmt.CAP_NOTE)
    if imputed:
        note = ("Imputed value. " + note).strip()
    source_text = fmt.cap(ev["source"], fmt.CAP_SOURCE)
    urls = fmt.safe_urls(ev["source_url"])
    href = urls[0] if urls else ""
    if not source_text and href:
        source_text = fmt.cap(href, 120)
    row_class = (
        "missing"
        if math.isnan(raw) and not imputed
        else ("stale" if ctx.is_stale(unit, ind_id) else "")
    )
    as_of, as_of_label = ctx.as_of(unit, ind_id)
    undated = not math.isnan(raw) and not fmt.clean(ev["as_of"])
    weight, weight_detail = weight_in_pillar(ctx, unit, ind_id)
    if imputed:
        value = fmt.fixed(float(res.treated.at[unit, ind_id]), ctx.decimals[ind_id])
    return IndicatorRow(
        name=ctx.item_name(ind_id),
        value=value,
        value_detail=detail if not imputed else "imputed",
        score=fmt.score(ctx.score_of(unit, ind_id)),
        weight=weight,
        weight_detail=weight_detail,
        points=points,
        as_of=as_of,
        as_of_label=as_of_label,
        flag=row_class or ("imputed" if imputed else "no date" if undated else ""),
        source=Link(source_text, href),
        ref=citations.of(unit, ind_id),
        definition=_definition(ind, raw),
        note=note,
        row_class=row_class,
    )


def weight_in_pillar(ctx: Ctx, unit: str, ind_id: str) -> tuple[str, str]:
    """(the weight an indicator carries in its pillar for `unit`, the rubric's weight when that
    differs). A missing sibling's weight is shared among the others (the methodology's rule), so
    the weight printed is the one the index points were computed with."""
    nominal = ctx.rubric.weight_share(ind_id)
    if ctx.is_imputed(unit, ind_id):
        return fmt.percent(nominal, 1), ""
    pillar = ctx.rubric.pillar_of(ind_id).id
    if math.isnan(ctx.score_of(unit, pillar)):  # no score, so no weight was shared out
        return fmt.percent(nominal, 1), ""
    if not ctx.has_value(unit, ind_id):
        return fmt.percent(nominal, 1), "left out"
    pillar_share = ctx.effective_share(unit, pillar)
    here = ctx.effective_share(unit, ind_id) / pillar_share if pillar_share else nominal
    if fmt.percent(here, 1) == fmt.percent(nominal, 1):
        return fmt.percent(nominal, 1), ""
    return fmt.percent(here, 1), f"rubric {fmt.percent(nominal, 1)}"


def _definition(ind: Indicator, raw: float) -> str:
    """The level's written definition, so the row says what its level means."""
    if ind.kind is not Kind.CATEGORICAL or math.isnan(raw):
        return ""
    level = ind.level_for(raw)
    return fmt.cap(level.definition, fmt.CAP_LONG) if level else ""


def _status(ctx: Ctx, unit: str, pillar_id: str, kids: list[str]) -> tuple[str, str]:
    res = ctx.result
    score = ctx.score_of(unit, pillar_id)
    cov = float(res.coverage.at[unit, pillar_id])
    n_present = sum(not math.isnan(float(res.treated.at[unit, k])) for k in kids)
    if math.isnan(score):
        return f"No score: {fmt.cap(res.reasons.at[unit, pillar_id], 200)}.", "insufficient"
    if cov < 1 - 1e-9:
        return (
            f"Thin: scored on {n_present} of {len(kids)} indicators "
            f"({fmt.percent(cov)} of the weight); a missing value is left out, not counted "
            "as 0, and its weight is shared among the pillar's other indicators."
        ), "thin"
    return f"All {len(kids)} indicators reported.", ""


def citation_pairs(ctx: Ctx, unit: str) -> list[tuple[str, str]]:
    """The (unit, indicator) pairs a scorecard cites, in the order its tables show them."""
    return [(unit, i.id) for p in ctx.pillars for i in ctx.rubric.indicators_of(p.id)]


def build_pillars(ctx: Ctx, unit: str, citations: Citations) -> tuple[PillarTable, ...]:
    out = []
    for pillar in ctx.pillars:
        kids = [i.id for i in ctx.rubric.indicators_of(pillar.id)]
        score = ctx.score_of(unit, pillar.id)
        status, status_class = _status(ctx, unit, pillar.id, kids)
        out.append(
            PillarTable(
                id=pillar.id,
                name=fmt.cap(pillar.name, fmt.CAP_LABEL),
                description=fmt.cap(pillar.description, fmt.CAP_LONG),
                score=ctx.show(score),
                band_class=ctx.band_class(ctx.rubric.band_for(score)),
                status=status,
                status_class=status_class,
                rows=tuple(_row(ctx, unit, k, citations) for k in kids),
            )
        )
    return tuple(out)
