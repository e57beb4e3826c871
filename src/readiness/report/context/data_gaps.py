"""Data gaps: pillars without a score or scored on part of their weight, missing, stale and
imputed values."""

from __future__ import annotations

import math
from dataclasses import dataclass

from readiness import format as fmt
from readiness.report.context.common import Ctx
from readiness.report.context.types import Fact


@dataclass(frozen=True)
class DataGaps:
    lead: str
    insufficient: tuple[str, ...]
    thin: tuple[str, ...]
    missing: tuple[Fact, ...]  # label = indicator (pillar), value = what it means
    stale: tuple[Fact, ...]
    imputed: tuple[str, ...]


def build_data_gaps(ctx: Ctx, unit: str) -> DataGaps:
    r = ctx.rubric
    res = ctx.result
    insufficient = []
    thin = []
    for pillar in ctx.pillars:
        score = ctx.score_of(unit, pillar.id)
        cov = float(res.coverage.at[unit, pillar.id])
        name = fmt.cap(pillar.name, fmt.CAP_LABEL)
        if math.isnan(score):
            insufficient.append(f"{name}: {fmt.cap(res.reasons.at[unit, pillar.id], 200)}.")
        elif cov < 1 - 1e-9:
            thin.append(f"{name}: scored on {fmt.percent(cov)} of its weight.")
    missing = []
    stale = []
    imputed = []
    for ind in r.indicators:
        label = f"{ctx.item_name(ind.id)} ({ctx.pillar_name(ind.id, 80)})"
        if ctx.is_imputed(unit, ind.id):
            imputed.append(label)
        if not ctx.has_value(unit, ind.id):
            note = fmt.cap(ctx.evidence_of(unit, ind.id)["note"], 300)
            missing.append(Fact(label, note or "No value found."))
        if ctx.is_stale(unit, ind.id):
            as_of, meaning = ctx.as_of(unit, ind.id)
            stale.append(
                Fact(label, f"{meaning} {as_of}, older than {r.max_age_of(ind.id):g} years")
            )
    if not (insufficient or thin or missing or stale or imputed):
        lead = "No data gaps: every indicator has a current value."
    else:
        lead = (
            f"{fmt.plural(len(missing), 'indicator')} missing, {len(stale)} stale. "
            "Missing values are not counted as 0; they are left out, and a pillar without "
            "enough of them gets no score."
        )
    return DataGaps(
        lead, tuple(insufficient), tuple(thin), tuple(missing), tuple(stale), tuple(imputed)
    )
