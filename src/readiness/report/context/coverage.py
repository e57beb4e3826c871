"""The regional data-coverage matrix: indicator rows grouped by pillar, one column per unit."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from readiness import format as fmt
from readiness.period import parse_period
from readiness.report.context.citations import Citations
from readiness.report.context.common import Ctx
from readiness.report.context.types import Cell


@dataclass(frozen=True)
class CoverageRow:
    label: str
    cells: tuple[Cell, ...]
    group: bool  # a pillar heading row
    refs: str  # reference numbers of the row's values: "1", "4–8"
    limit: str = ""  # the indicator's age limit: "3 y" ("" for a pillar row)


def _cell(ctx: Ctx, unit: str, ind_id: str) -> Cell:
    text = fmt.clean(ctx.evidence_of(unit, ind_id)["as_of"])
    as_of = month_year(text) if text else ""
    if ctx.is_imputed(unit, ind_id):
        return Cell("imputed", "cov-imputed")
    if not ctx.has_value(unit, ind_id):
        return Cell("missing", "cov-missing")
    if not as_of:
        return Cell("no date", "cov-undated")
    if ctx.is_stale(unit, ind_id):
        return Cell(f"{as_of} stale", "cov-stale")
    return Cell(as_of, "cov-ok")


def month_year(text: str) -> str:
    """A value's date as the coverage cell prints it: a year given alone ("2023", a data year)
    as the year, a month or day as month and year ("Jul 2023"), so that a stale "Jul 2023" and
    a current "2023" are told apart (a year alone counts from its last day)."""
    shown = fmt.date(text)
    if fmt.date_precision(text) == "day":
        shown = shown.split(" ", 1)[1]
    return fmt.cap(shown, 12)


def citation_pairs(ctx: Ctx, units: Sequence[str]) -> list[tuple[str, str]]:
    """The (unit, indicator) pairs the overview cites, in the order its matrix shows them."""
    return [(u, i.id) for p in ctx.pillars for i in ctx.rubric.indicators_of(p.id) for u in units]


def coverage_note(ctx: Ctx) -> str:
    """The coverage table's caption: what a date means, and against what it is stale."""
    r = ctx.rubric
    end = period_end(ctx)
    return (
        "Each cell gives the date of the value used, as precise as its source gives it: a year "
        "alone (such as a statistic's data year) counts from its last day, 31 Dec; a month is "
        "that of the date the evidence gives (a law in force, a report, a rating action). "
        "'stale': the date is more than the indicator's age limit (column 'Limit'; "
        f"{r.max_age_years:g} years unless the rubric sets another) before the end of the "
        f"period{f' ({end})' if end else ''}, so a stale 'Jul 2023' can sit beside a current "
        "'2023'. 'no date': the source gives no date, so the value cannot be checked for age; "
        "'missing': not found, left out rather than counted as 0. Pillar rows give the share "
        "of the pillar's weight with values."
    )


def period_end(ctx: Ctx) -> str:
    """The period's last day as printed ("31 Dec 2026"; "" when the period is not parsable)."""
    try:
        _, end = parse_period(ctx.result.period or "", ctx.rubric.period_type)
    except ValueError:
        return ""
    return fmt.date(end.isoformat())


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
            limit = f"{ctx.rubric.max_age_of(ind.id):g} y"
            rows.append(CoverageRow(ctx.item_name(ind.id), tuple(cells), False, refs, limit))
    return tuple(rows)
