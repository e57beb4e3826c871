"""The regional overview: summary, ranking, heatmap, comparison, coverage, context, methodology."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from readiness import format as fmt
from readiness.report import charts
from readiness.report.context.citations import REFERENCES_INTRO, Reference, build_citations
from readiness.report.context.common import Ctx
from readiness.report.context.coverage import (
    CoverageRow,
    build_coverage,
    citation_pairs,
    coverage_note,
)
from readiness.report.context.data_appendix import DataAppendix, build_data_appendix
from readiness.report.context.methodology import Methodology, build_methodology
from readiness.report.context.ranking import RankingRow, build_ranking, ranking_change_lead
from readiness.report.context.reference import (
    REFERENCE_MARK,
    ReferenceEvidence,
    ReferenceNote,
    build_reference_evidence,
    build_regional_note,
    points,
    reference_units,
)
from readiness.report.context.robustness import RobustnessSection, build_section
from readiness.report.context.summary import ExecutiveSummary, build_regional_summary
from readiness.report.context.trend import TrendSection, build_regional_trend
from readiness.report.context.types import BandRow, Chart, Meta


@dataclass(frozen=True)
class ContextItem:
    number: str
    text: str
    source: str


@dataclass(frozen=True)
class Regional:
    meta: Meta
    summary: ExecutiveSummary
    ranking: tuple[RankingRow, ...]
    ranking_note: str
    robustness: RobustnessSection
    show_change: bool
    heatmap: Chart
    heatmap_caption: str
    reference: ReferenceNote
    legend: tuple[BandRow, ...]
    comparison: Chart
    comparison_caption: str
    coverage_header: tuple[str, ...]
    coverage: tuple[CoverageRow, ...]
    coverage_note: str
    context: tuple[ContextItem, ...]
    context_note: str
    change_lead: str
    trend: TrendSection
    methodology: Methodology
    reference_evidence: tuple[ReferenceEvidence, ...]
    data_appendix: DataAppendix
    references: tuple[Reference, ...]
    references_intro: str


def _columns(ctx: Ctx) -> tuple[list[str], list[str]]:
    """Chart columns: the index first, then the pillars (labels, node ids)."""
    labels = ["Overall index", *(fmt.cap(p.name, 90) for p in ctx.pillars)]
    return labels, [ctx.root, *(p.id for p in ctx.pillars)]


def _heatmap(ctx: Ctx, units: Sequence[str]) -> Chart:
    columns, node_ids = _columns(ctx)
    cells = [[_heat_cell(ctx, unit, node_id) for node_id in node_ids] for unit in units]
    references = [
        (ctx.name(r), [_heat_cell(ctx, r, node_id) for node_id in node_ids])
        for r in reference_units(ctx)
    ]
    title = f"Index and pillar scores by country, {ctx.period()}"
    svg = charts.heatmap([ctx.name(u) for u in units], columns, cells, title, references)
    rows = [
        f"{name}: "
        + ", ".join(f"{col} {cell.text}" for col, cell in zip(columns, row, strict=True))
        for name, row in [*zip([ctx.name(u) for u in units], cells, strict=True), *references]
    ]
    alt = (
        f"Grid chart, {title}, each cell shaded by the band of its score. "
        + "; ".join(rows)
        + (f". Band thresholds: {ctx.thresholds_text()}." if ctx.rubric.bands else ".")
    )
    return Chart(charts.data_uri(svg), alt)


def _heat_cell(ctx: Ctx, unit: str, node_id: str) -> charts.HeatCell:
    s = ctx.score_of(unit, node_id)
    return charts.HeatCell(s, ctx.show(s) if not math.isnan(s) else "no score", ctx.slot_for(s))


def _comparison(ctx: Ctx, units: Sequence[str]) -> Chart:
    columns, node_ids = _columns(ctx)
    dots = [
        charts.DotRow(
            col,
            tuple((ctx.code(u), ctx.score_of(u, node_id)) for u in units),
            strong=(node_id == ctx.root),
            references=points(ctx, node_id),
        )
        for col, node_id in zip(columns, node_ids, strict=True)
    ]
    title = f"Where each country stands on each pillar, {ctx.period()}"
    svg = charts.dot_plot(dots, ctx.thresholds, title)
    lines = []
    for col, node_id in zip(columns, node_ids, strict=True):
        ordered = sorted(units, key=lambda u: -_or_low(ctx.score_of(u, node_id)))
        scored = [
            f"{ctx.code(u)} {ctx.show(ctx.score_of(u, node_id))}"
            for u in ordered
            if not math.isnan(ctx.score_of(u, node_id))
        ]
        none = [ctx.code(u) for u in ordered if math.isnan(ctx.score_of(u, node_id))]
        lines.append(
            f"{col}: {', '.join(scored) or 'no scores'}"
            + (f" (no score: {', '.join(none)})" if none else "")
        )
    alt = (
        f"Dot chart, {title}, on a 0-100 scale, highest first. "
        + "; ".join(lines)
        + (f". Band thresholds: {ctx.thresholds_text()}." if ctx.rubric.bands else ".")
    )
    return Chart(charts.data_uri(svg), alt)


def _or_low(value: float) -> float:
    return -1.0 if math.isnan(value) else value


def build_regional(ctx: Ctx) -> Regional:
    r = ctx.rubric
    units = [str(u) for u in ctx.ranking["unit"]]
    # Coverage columns follow the rubric's unit order; reference units are not among them.
    order_units = list(ctx.result.assessed_units)
    has_refs = bool(reference_units(ctx))
    rubric_title = fmt.cap(r.title, fmt.CAP_LABEL)
    meta = ctx.meta(
        title=f"Regional overview: {rubric_title}, {ctx.period()}",
        kicker=f"Regional overview · {ctx.period()}",
        heading="Regional overview",
        subheading=f"{rubric_title} · {ctx.period()}",
        filename="regional-overview",
    )
    change_lead = ranking_change_lead(ctx)
    context = tuple(
        ContextItem(str(k + 1), fmt.cap(c.text, fmt.CAP_LONG), fmt.cap(c.source, fmt.CAP_LONG))
        for k, c in enumerate(r.context)
    )
    # the reference jurisdictions' values are cited too, after the countries' (their evidence
    # is in the appendix, in this order)
    refs = reference_units(ctx)
    pairs = citation_pairs(ctx, order_units) + [
        (u, i.id) for u in refs for p in ctx.pillars for i in r.indicators_of(p.id)
    ]
    citations = build_citations(ctx, pairs, by_unit=True)
    return Regional(
        meta=meta,
        summary=build_regional_summary(ctx, units),
        ranking=build_ranking(ctx, units),
        ranking_note=(
            "Rank among the countries with an index score. A country without enough data is "
            "listed last, with no rank and no band: missing data is not scored as zero."
        ),
        show_change=ctx.change is not None,
        heatmap=_heatmap(ctx, units),
        heatmap_caption=(
            "Cells are shaded by the band the score falls in (pillars use the index's bands) and "
            "every score is printed. Hatched cells have no score (insufficient data)."
            + (
                " The block below the countries gives the reference jurisdictions, for "
                "comparison only."
                if has_refs
                else ""
            )
        ),
        reference=build_regional_note(ctx),
        legend=ctx.band_rows(),
        comparison=_comparison(ctx, units),
        comparison_caption=(
            "Each dot is a country (ISO code). Shaded zones and dashed lines mark the bands. "
            "Countries with no score on a row are listed at its right."
            + (
                f" The {REFERENCE_MARK} with italic codes are the reference jurisdictions, "
                "scored on the same rubric and not ranked."
                if has_refs
                else ""
            )
        ),
        coverage_header=tuple(ctx.code(u) for u in order_units),
        coverage=build_coverage(ctx, order_units, citations),
        coverage_note=coverage_note(ctx),
        context=context,
        context_note=(
            "Facts from the article behind the project, as the rubric cites them: by title and "
            "date, with no web address (the rubric records none), so they carry no number in "
            "the references."
            if context
            else ""
        ),
        change_lead=change_lead,
        trend=build_regional_trend(ctx, units),
        robustness=build_section(ctx),
        methodology=build_methodology(ctx, order_units, full=True),
        reference_evidence=build_reference_evidence(ctx, citations.of),
        data_appendix=build_data_appendix(ctx, pairs, citations),
        references=citations.references,
        references_intro=REFERENCES_INTRO,
    )
