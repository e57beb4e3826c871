"""The regional data-coverage matrix: indicator rows grouped by pillar, one column per unit."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from readiness import format as fmt
from readiness.report.context.citations import Citations
from readiness.report.context.common import Ctx
from readiness.report.context.types import Cell


@dataclass(frozen=True)
class CoverageRow:
    label: str
    cells: tuple[Cell, ...]
    group: bool  # a pillar heading row
    refs: str  # reference numbers of the row's values: "1", "4–8"


def _cell(ctx: Ctx, unit: str, ind_id: str) -> Cell:
    as_of = fmt.cap(ctx.evidence_of(unit, ind_id)["as_of"], 10)
    if ctx.is_imputed(unit, ind_id):
        return Cell("imputed", "cov-imputed")
    if not ctx.has_value(unit, ind_id):
        return Cell("missing", "cov-missing")
    if not as_of:
        return Cell("no date", "cov-undated")
    if ctx.is_stale(unit, ind_id):
        return Cell(f"{as_of[:4]} stale", "cov-stale")
    return Cell(as_of[:4], "cov-ok")


def citation_pairs(ctx: Ctx, units: Sequence[str]) -> list[tuple[str, str]]:
    """The (unit, indicator) pairs the overview cites, in the order its matrix shows them."""
    return [(u, i.id) for p in ctx.pillars for i in ctx.rubric.indicators_of(p.id) for u in units]


def build_coverage(ctx: Ctx, units: Sequence[str], citations: Citations) -> tuple[CoverageRow, ...]:
    res = ctx.result
    rows: list[CoverageRow] = []
    for pillar in ctx.pillars:
        cells = []
        for unit in units:
            cov = float(res.coverage.at[unit, pillar.id])
            s = ctx.score_of(unit, pillar.id)
            cells.append(Cell(fmt.percent(cov), "cov-none" if math.isnan(s) else "cov-group"))
        rows.append(CoverageRow(fmt.cap(pillar.name, fmt.CAP_LABEL), tuple(cells), True, ""))
        for ind in ctx.rubric.indicators_of(pillar.id):
            cells = [_cell(ctx, unit, ind.id) for unit in units]
            refs = citations.numbers([(u, ind.id) for u in units])
            rows.append(CoverageRow(ctx.item_name(ind.id), tuple(cells), False, refs))
    return tuple(rows)
