"""One unit's scorecard: the sections in reading order, assembled from their builders."""

from __future__ import annotations

import math
from dataclasses import dataclass

from readiness import format as fmt
from readiness.report import charts
from readiness.report.context.change import ChangeSection, build_change
from readiness.report.context.citations import REFERENCES_INTRO, Reference, build_citations
from readiness.report.context.common import Ctx, short_reason
from readiness.report.context.data_gaps import DataGaps, build_data_gaps
from readiness.report.context.headline import Headline, build_headline
from readiness.report.context.highlights import Highlights, build_highlights
from readiness.report.context.methodology import Methodology, build_methodology
from readiness.report.context.path import PathSection, build_path
from readiness.report.context.pillars import PillarTable, build_pillars, citation_pairs
from readiness.report.context.reference import ReferenceNote, build_scorecard_line
from readiness.report.context.robustness import RobustnessLine, build_line
from readiness.report.context.summary import ExecutiveSummary, build_unit_summary
from readiness.report.context.trend import TrendSection, build_trend
from readiness.report.context.types import Chart, Fact, Meta


@dataclass(frozen=True)
class Scorecard:
    meta: Meta
    unit: str
    name: str
    headline: Headline
    summary: ExecutiveSummary
    robustness: RobustnessLine
    reference: ReferenceNote
    chart: Chart
    chart_caption: str
    pillars: tuple[PillarTable, ...]
    highlights: Highlights
    path: PathSection
    change: ChangeSection
    trend: TrendSection
    data_gaps: DataGaps
    methodology: Methodology
    references: tuple[Reference, ...]
    references_intro: str
    inputs: tuple[Fact, ...]  # rubric, period, each input file with its SHA-256


def _chart(ctx: Ctx, unit: str) -> Chart:
    index = ctx.score_of(unit, ctx.root)
    bars = [
        charts.Bar(
            "Overall index",
            index,
            ctx.show(index),
            ctx.slot_for(index),
            note="no index score: " + fmt.cap(ctx.index_reason(unit), 80),
            strong=True,
        )
    ]
    for p in ctx.pillars:
        s = ctx.score_of(unit, p.id)
        bars.append(
            charts.Bar(
                fmt.cap(p.name, 90),
                s,
                ctx.show(s),
                ctx.slot_for(s),
                note="insufficient data: " + short_reason(ctx.result.reasons.at[unit, p.id]),
            )
        )
    title = f"{ctx.name(unit)}: index and pillar scores, {ctx.period()}"
    svg = charts.pillar_bars(bars, ctx.thresholds, title)
    return Chart(charts.data_uri(svg), _alt(ctx, title, bars))


def _alt(ctx: Ctx, title: str, bars: list[charts.Bar]) -> str:
    """The chart in words, every number it shows: a reader who cannot see it misses nothing."""
    parts = []
    for bar in bars:
        if math.isnan(bar.value):
            parts.append(f"{bar.label}: no score ({bar.note})")
        else:
            band = ctx.rubric.band_for(bar.value)
            parts.append(f"{bar.label} {bar.text}" + (f" ({fmt.cap(band, 60)})" if band else ""))
    return (
        f"Bar chart, {title}, on a 0-100 scale. "
        + "; ".join(parts)
        + (f". Band thresholds: {ctx.thresholds_text()}." if ctx.rubric.bands else ".")
    )


def build_scorecard(ctx: Ctx, unit: str) -> Scorecard:
    name = ctx.name(unit)
    rubric_title = fmt.cap(ctx.rubric.title, fmt.CAP_LABEL)
    meta = ctx.meta(
        title=f"{name} scorecard: {rubric_title}, {ctx.period()}",
        kicker=f"{name} · scorecard · {ctx.period()}",
        heading=name,
        subheading=f"{rubric_title} · scorecard for {ctx.period()}",
        filename=f"scorecard-{unit}",
    )
    citations = build_citations(ctx, citation_pairs(ctx, unit), by_unit=False)
    return Scorecard(
        meta=meta,
        unit=ctx.code(unit),
        name=name,
        headline=build_headline(ctx, unit),
        summary=build_unit_summary(ctx, unit),
        robustness=build_line(ctx, unit),
        reference=build_scorecard_line(ctx, unit),
        chart=_chart(ctx, unit),
        chart_caption=(
            "Scores 0-100. Shaded zones and dashed lines mark the bands. "
            "A pillar without enough data is hatched and has no bar: it is not a zero."
        ),
        pillars=build_pillars(ctx, unit, citations),
        highlights=build_highlights(ctx, unit),
        path=build_path(ctx, unit),
        change=build_change(ctx, unit),
        trend=build_trend(ctx, unit),
        data_gaps=build_data_gaps(ctx, unit),
        methodology=build_methodology(ctx, [unit], full=False),
        references=citations.references,
        references_intro=REFERENCES_INTRO,
        inputs=ctx.input_facts(),
    )
