"""The report context: one typed object per document, built here and nowhere else.

Every label, rounded number, colour class and sort order the templates show is decided in this
module; templates only place strings. Text from inputs is cleaned and capped (`format.cap`),
links are vetted (`format.safe_url`), colours are one of a fixed set of CSS classes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pandas as pd

from readiness.engine.paths import Move, NextBandPath, Status
from readiness.engine.result import Result
from readiness.report import charts
from readiness.report import format as fmt
from readiness.rubric.model import (
    Aggregation,
    DistanceToTarget,
    Goalposts,
    Imputation,
    Indicator,
    Kind,
    MinMax,
    Node,
    Rank,
    Rubric,
    ZScore,
)

N_HIGHLIGHTS = 3
N_BAND_CLASSES = 5  # band-1 (best) .. band-5; CSS defines exactly these plus band-none

# --- context types ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    text: str
    href: str  # "" = show as plain text (not a safe http(s) URL)


@dataclass(frozen=True)
class Chart:
    src: str  # data: URI of a generated SVG
    alt: str


@dataclass(frozen=True)
class Meta:
    title: str  # <title> and PDF metadata
    kicker: str  # running head on every page
    heading: str
    subheading: str
    series: str  # rubric title, top right of every page
    footer: str  # rubric and period, bottom of every page
    filename: str  # file stem: scorecard-KAZ, regional-overview


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    css: str = ""


@dataclass(frozen=True)
class Headline:
    score: str
    band: str
    band_class: str
    band_description: str
    facts: tuple[Fact, ...]  # rank, coverage, indicators reported, period
    summary: str


@dataclass(frozen=True)
class IndicatorRow:
    name: str
    value: str
    value_detail: str  # unit, or "level 2 of 0-3"
    score: str
    weight: str
    points: str
    as_of: str
    flag: str  # "stale", "missing", "imputed" or ""
    source: Link
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


@dataclass(frozen=True)
class Highlight:
    name: str
    pillar: str
    score: str
    detail: str


@dataclass(frozen=True)
class PathStep:
    number: str
    name: str
    pillar: str
    change: str
    gain: str


@dataclass(frozen=True)
class PathSection:
    lead: str
    steps: tuple[PathStep, ...]
    steps_caption: str
    outcome: str
    pillar_note: str
    method_note: str


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


@dataclass(frozen=True)
class DataGaps:
    lead: str
    insufficient: tuple[str, ...]
    thin: tuple[str, ...]
    missing: tuple[Fact, ...]  # label = indicator (pillar), value = what it means
    stale: tuple[Fact, ...]
    imputed: tuple[str, ...]


@dataclass(frozen=True)
class MethodIndicator:
    name: str
    scale: str
    weight: str
    points: str


@dataclass(frozen=True)
class MethodGroup:
    """One pillar in the weights table, with its share of the index and its indicators."""

    name: str
    share: str
    indicators: tuple[MethodIndicator, ...]


@dataclass(frozen=True)
class LevelUsed:
    indicator: str
    level: str
    definition: str
    used_by: str


@dataclass(frozen=True)
class BandRow:
    label: str
    range: str
    description: str
    css: str


@dataclass(frozen=True)
class Methodology:
    rules: tuple[str, ...]
    groups: tuple[MethodGroup, ...]
    levels: tuple[LevelUsed, ...]
    levels_caption: str
    show_used_by: bool
    bands: tuple[BandRow, ...]
    provenance: tuple[Fact, ...]


@dataclass(frozen=True)
class Scorecard:
    meta: Meta
    unit: str
    name: str
    headline: Headline
    chart: Chart
    chart_caption: str
    pillars: tuple[PillarTable, ...]
    strengths: tuple[Highlight, ...]
    gaps: tuple[Highlight, ...]
    highlights_note: str
    path: PathSection
    change: ChangeSection
    data_gaps: DataGaps
    methodology: Methodology


@dataclass(frozen=True)
class Cell:
    text: str
    css: str = ""


@dataclass(frozen=True)
class RankingRow:
    rank: str
    name: str
    code: str
    score: str
    band: str
    band_class: str
    pillars: str
    indicators: str
    note: str
    change: str


@dataclass(frozen=True)
class CoverageRow:
    label: str
    cells: tuple[Cell, ...]
    group: bool  # a pillar heading row


@dataclass(frozen=True)
class ContextItem:
    number: str
    text: str
    source: str


@dataclass(frozen=True)
class Regional:
    meta: Meta
    summary: tuple[str, ...]
    ranking: tuple[RankingRow, ...]
    ranking_note: str
    show_change: bool
    heatmap: Chart
    heatmap_caption: str
    legend: tuple[BandRow, ...]
    comparison: Chart
    comparison_caption: str
    coverage_header: tuple[str, ...]
    coverage: tuple[CoverageRow, ...]
    coverage_note: str
    context: tuple[ContextItem, ...]
    change_lead: str
    methodology: Methodology


@dataclass(frozen=True)
class ReportSet:
    """Everything the templates need: the regional overview and one scorecard per unit."""

    regional: Regional
    scorecards: tuple[Scorecard, ...]


# --- helpers ----------------------------------------------------------------------------------


def _band_slots(rubric: Rubric) -> dict[str, int]:
    """Band label -> palette slot 0 (best) .. 4, spread evenly when there are not 5 bands."""
    ordered = sorted(rubric.bands, key=lambda b: -b.min)
    n = len(ordered)
    out = {}
    for k, band in enumerate(ordered):
        out[band.label] = 0 if n <= 1 else round(k * (N_BAND_CLASSES - 1) / (n - 1))
    return out


class _Ctx:
    """Shared lookups for building every document of one result."""

    def __init__(
        self,
        result: Result,
        previous: Result | None,
        paths: Mapping[str, NextBandPath],
    ) -> None:
        self.result = result
        self.previous = previous
        self.rubric = result.rubric
        self.root = result.rubric.root.id
        self.slots = _band_slots(result.rubric)
        self.evidence = result.evidence
        self.contrib = result.contributions.set_index(["unit", "id"])
        self.ranking = result.ranking()
        self.scored = [
            str(u)
            for u, s in zip(self.ranking["unit"], self.ranking["score"], strict=True)
            if not math.isnan(s)
        ]
        self.pillars = list(result.rubric.pillars)
        self.pillar_of = {i.id: self._pillar_for(i.parent) for i in result.rubric.indicators}
        self.paths = paths
        self.thresholds = tuple(
            charts.Threshold(fmt.cap(b.label, 40), b.min, self.slots[b.label])
            for b in result.rubric.bands
        )

    def _pillar_for(self, node_id: str) -> Node:
        pillar_ids = {p.id for p in self.rubric.pillars}
        node = self.rubric.node_by_id[node_id]
        while node.id not in pillar_ids and node.parent is not None:
            node = self.rubric.node_by_id[node.parent]
        return node

    # names and labels
    def name(self, unit: str) -> str:
        return fmt.cap(self.result.unit_names.get(unit, unit), fmt.CAP_LABEL) or unit

    def code(self, unit: str) -> str:
        return fmt.cap(unit, 12)

    def item_name(self, item_id: str) -> str:
        r = self.rubric
        item: Indicator | Node = (
            r.indicator_by_id[item_id] if item_id in r.indicator_by_id else r.node_by_id[item_id]
        )
        return fmt.cap(item.name, fmt.CAP_LABEL)

    def show(self, value: float) -> str:
        """An aggregate score as printed: 1 decimal, never rounded up into the next band."""
        return fmt.score(value, [b.min for b in self.rubric.bands])

    def index_reason(self, unit: str) -> str:
        """Why a unit has no index score, in words (the engine's reason speaks of weight)."""
        reason = fmt.clean(self.result.reasons.at[unit, self.root])
        if not reason:
            return ""
        kids = self.rubric.children[self.root]
        nodes = [k for k in kids if k in self.rubric.node_by_id]
        if nodes and len(nodes) == len(kids):
            have = sum(not math.isnan(self.score_of(unit, k)) for k in nodes)
            need = self.rubric.min_coverage_of(self.root)
            what = f"all {len(nodes)}" if need >= 1 else f"{fmt.percent(need)} of the weight"
            pillar_ids = {p.id for p in self.pillars}
            noun = "pillars" if set(nodes) <= pillar_ids else "components"
            return f"only {have} of {len(nodes)} {noun} can be scored and the rubric needs {what}"
        return fmt.cap(reason.removeprefix("insufficient data: "), 200)

    def score_of(self, unit: str, node_id: str) -> float:
        return float(self.result.scores.at[unit, node_id])

    def band_of(self, unit: str) -> str | None:
        band = self.result.bands.at[unit]
        return None if pd.isna(band) else str(band)

    def band_class(self, label: str | None) -> str:
        if label is None or label not in self.slots:
            return "band-none"
        return f"band-{self.slots[label] + 1}"

    def slot_for(self, value: float) -> int | None:
        label = self.rubric.band_for(value)
        return None if label is None else self.slots[label]

    def period(self) -> str:
        return fmt.cap(self.result.period, 40) or "period not stated"

    def rank_text(self, unit: str) -> str:
        rank = self.result.ranks.at[unit, self.root]
        if pd.isna(rank):
            return "not ranked"
        return f"{int(rank)} of {len(self.scored)}"

    def evidence_of(self, unit: str, ind_id: str) -> dict[str, str]:
        key = (unit, ind_id)
        if key not in self.evidence.index:
            return {"as_of": "", "source": "", "source_url": "", "note": ""}
        row = self.evidence.loc[key]
        if isinstance(row, pd.DataFrame):  # duplicated key: the engine refuses it, be safe
            row = row.iloc[0]
        return {k: str(row[k]) for k in ("as_of", "source", "source_url", "note")}

    def raw_text(self, ind: Indicator, raw: float) -> tuple[str, str]:
        """Raw value as shown: a level label with its position, or a number with its unit."""
        if math.isnan(raw):
            return "missing", "not found; not counted as 0"
        if ind.kind is not Kind.NUMERIC:
            level = ind.level_for(raw)
            values = [lv.value for lv in ind.scale]
            span = f"{fmt.number(min(values))}-{fmt.number(max(values))}"
            label = fmt.cap(level.label, fmt.CAP_LABEL) if level else fmt.number(raw)
            if ind.kind is Kind.YES_NO:
                return label, ""
            return label, f"level {fmt.number(raw)} of {span}"
        return fmt.number(raw), fmt.cap(ind.unit, 60)

    def effective_share(self, unit: str, item_id: str) -> float:
        """Share of the index one item could carry for this unit, given what is present.

        Under an arithmetic mean a missing sibling's weight is spread over the present ones, so
        the most an indicator can add is its weight over the present weight, up the tree.
        Other means have no such simple bound: the nominal share is used.
        """
        r = self.rubric
        share = 1.0
        item = item_id
        while True:
            parent = (
                r.indicator_by_id[item].parent
                if item in r.indicator_by_id
                else r.node_by_id[item].parent
            )
            if parent is None:
                return share
            kids = r.children[parent]
            node = r.node_by_id[parent]
            if node.aggregation is Aggregation.ARITHMETIC:
                present = [k for k in kids if not math.isnan(self._value(unit, k))]
                total = sum(r.weight_of(k) for k in present)
            else:
                total = sum(r.weight_of(k) for k in kids)
            share *= r.weight_of(item) / total if total else 0.0
            item = parent

    def _value(self, unit: str, item_id: str) -> float:
        if item_id in self.rubric.indicator_by_id:
            return float(self.result.normalised.at[unit, item_id])
        return float(self.result.scores.at[unit, item_id])


# --- shared parts -----------------------------------------------------------------------------


def _scale_text(ind: Indicator) -> str:
    method = ind.effective_normalisation
    unit = fmt.cap(ind.unit, 60)
    if ind.kind is not Kind.NUMERIC:
        levels = sorted(ind.scale, key=lambda lv: lv.value)
        lo, hi = (levels[0], levels[-1]) if ind.direction == 1 else (levels[-1], levels[0])
        if ind.kind is Kind.YES_NO:
            return f"yes/no: {lo.label} = 0, {hi.label} = 100"
        values = [lv.value for lv in levels]
        steps = {round(b - a, 9) for a, b in pairwise(values)}
        spans_levels = (
            isinstance(method, Goalposts) and method.low == values[0] and method.high == values[-1]
        )
        if spans_levels and len(steps) == 1:
            return (
                f"{len(levels)} levels, evenly spaced: {fmt.cap(lo.label, 60)} = 0 … "
                f"{fmt.cap(hi.label, 60)} = 100"
            )
        if isinstance(method, Goalposts):
            zero, top = (
                (method.low, method.high) if ind.direction == 1 else (method.high, method.low)
            )
            return (
                f"{len(levels)} levels ({fmt.cap(lo.label, 60)} … {fmt.cap(hi.label, 60)}): "
                f"0 at level {fmt.number(zero)}, 100 at level {fmt.number(top)}"
            )
        return f"{len(levels)} levels, scored relative to the units ({method.method})"
    suffix = f" ({unit})" if unit else ""
    if isinstance(method, Goalposts):
        zero, hundred = (
            (method.low, method.high) if ind.direction == 1 else (method.high, method.low)
        )
        clip = ", clipped" if method.clip else ""
        better = "" if ind.direction == 1 else "; lower is better"
        return f"0 at {fmt.number(zero)}, 100 at {fmt.number(hundred)}{suffix}{clip}{better}"
    if isinstance(method, MinMax):
        return f"min-max over the units scored{suffix}"
    if isinstance(method, ZScore):
        return f"z-score over the units scored{suffix}"
    if isinstance(method, Rank):
        return f"rank among the units scored{suffix}"
    assert isinstance(method, DistanceToTarget)
    return f"distance to target {fmt.number(method.target)}{suffix}"


def _aggregation_rule(rubric: Rubric) -> str:
    means = {
        Aggregation.ARITHMETIC: "weighted arithmetic mean",
        Aggregation.GEOMETRIC: "weighted geometric mean",
        Aggregation.HARMONIC: "weighted harmonic mean",
    }
    pillar_aggs = {p.aggregation for p in rubric.pillars}
    root = rubric.root
    parts = []
    if len(pillar_aggs) == 1:
        parts.append(f"A pillar's score is the {means[next(iter(pillar_aggs))]} of its indicators")
    else:
        parts.append("Each pillar aggregates its indicators as stated in the rubric")
    parts.append(f"the index is the {means[root.aggregation]} of its components")
    return "; ".join(parts) + "."


def _coverage_rule(rubric: Rubric) -> str:
    pillar_covs = sorted({rubric.min_coverage_of(p.id) for p in rubric.pillars})
    root_cov = rubric.min_coverage_of(rubric.root.id)
    if len(pillar_covs) == 1:
        text = (
            f"A pillar is scored only when indicators carrying at least "
            f"{fmt.percent(pillar_covs[0])} of its weight have values; otherwise it is "
            f"reported as insufficient data, not as a low score."
        )
    else:
        text = "Each pillar needs the share of its indicator weight set in the rubric to score."
    text += f" The index needs {fmt.percent(root_cov)} of its components' weight" + (
        ", so every pillar must be scored." if root_cov >= 1 else "."
    )
    return text


def _missing_rule(rubric: Rubric) -> str:
    imputation = rubric.missing_data.imputation
    if imputation is Imputation.NONE:
        return (
            "A value that could not be found stays missing: it is never counted as 0 and "
            "nothing is imputed."
        )
    how = {
        Imputation.INDICATOR_MEAN: "the indicator's mean over the units",
        Imputation.INDICATOR_MEDIAN: "the indicator's median over the units",
        Imputation.GROUP_MEAN: f"the mean of the unit's {rubric.missing_data.group} group",
        Imputation.GROUP_MEDIAN: f"the median of the unit's {rubric.missing_data.group} group",
    }[imputation]
    return f"Missing values are imputed with {how}; imputed values are marked."


def _methodology(ctx: _Ctx, units: Sequence[str]) -> Methodology:
    r = ctx.rubric
    res = ctx.result
    stale_overrides = [i for i in r.indicators if i.max_age_years is not None]
    rules = [
        "Every indicator is put on a 0-100 scale, higher = more ready, using the scale shown "
        "for it below. Raw values are shown beside the scores.",
        _aggregation_rule(r),
        _missing_rule(r),
        _coverage_rule(r),
        f"Values dated more than {r.max_age_years:g} years before the end of the period are "
        "flagged stale; they are still scored."
        + (
            " Own limits: "
            + "; ".join(f"{ctx.item_name(i.id)} {i.max_age_years:g} years" for i in stale_overrides)
            + "."
            if stale_overrides
            else ""
        ),
        "Scores are shown to one decimal. A score just below a band threshold is rounded down "
        "so it never prints at the threshold of a band it has not reached.",
        "No outlier treatment is applied."
        if r.outliers.method == "none"
        else "Outliers are winsorised by the skewness/kurtosis rule set in the rubric.",
        "Ranks are among the units with an index score; tied scores share the better rank.",
    ]
    potential = ctx.result.contributions.drop_duplicates("id").set_index("id")["potential"]
    groups = []
    for pillar in ctx.pillars:
        rows = []
        for ind in r.indicators:
            if ctx.pillar_of[ind.id].id != pillar.id:
                continue
            total = sum(r.weight_of(k) for k in r.children[ind.parent])
            rows.append(
                MethodIndicator(
                    name=ctx.item_name(ind.id),
                    scale=_scale_text(ind),
                    weight=fmt.percent(ind.weight / total if total else math.nan, 1),
                    points=f"{float(potential[ind.id]):.1f}",
                )
            )
        groups.append(
            MethodGroup(
                fmt.cap(pillar.name, fmt.CAP_LABEL),
                fmt.percent(float(potential[pillar.id]) / 100, 1) + " of the index",
                tuple(rows),
            )
        )
    levels = []
    for ind in r.indicators:
        if ind.kind is not Kind.CATEGORICAL:
            continue
        for lv in ind.scale:
            users = [
                ctx.code(u)
                for u in units
                if not math.isnan(float(res.raw.at[u, ind.id]))
                and math.isclose(float(res.raw.at[u, ind.id]), lv.value)
            ]
            if users:
                levels.append(
                    LevelUsed(
                        indicator=ctx.item_name(ind.id),
                        level=f"{fmt.cap(lv.label, fmt.CAP_LABEL)} ({fmt.number(lv.value)})",
                        definition=fmt.cap(lv.definition, fmt.CAP_LONG),
                        used_by=", ".join(users),
                    )
                )
    bands = _methodology_bands(ctx)
    origin = res.origin
    provenance = (
        Fact("Rubric", f"{fmt.cap(r.title, fmt.CAP_LABEL)} ({fmt.cap(r.id, 80)})"),
        Fact("Rubric version", fmt.cap(r.version, 40)),
        Fact("Period", ctx.period()),
        Fact("Input file", fmt.cap(Path(origin).name, 200) if origin else "not recorded"),
        Fact("Input SHA-256", fmt.cap(res.sha256, 80) or "not recorded", "hash"),
    )
    caption = (
        "Written definitions of the levels given to this country."
        if len(units) == 1
        else "Written definitions of every level given to at least one country."
    )
    return Methodology(
        rules=tuple(rules),
        groups=tuple(groups),
        levels=tuple(levels),
        levels_caption=caption,
        show_used_by=len(units) > 1,
        bands=bands,
        provenance=provenance,
    )


def _methodology_bands(ctx: _Ctx) -> tuple[BandRow, ...]:
    ordered = sorted(ctx.rubric.bands, key=lambda b: -b.min)
    bands = []
    for k, b in enumerate(ordered):
        upper = ordered[k - 1].min if k else None
        rng = f"{b.min:g} and above" if upper is None else f"{b.min:g} to under {upper:g}"
        bands.append(
            BandRow(
                fmt.cap(b.label, fmt.CAP_LABEL),
                rng,
                fmt.cap(b.description, fmt.CAP_LONG),
                ctx.band_class(b.label),
            )
        )
    return tuple(bands)


def _footer(ctx: _Ctx) -> str:
    r = ctx.rubric
    return f"Rubric {fmt.cap(r.id, 80)} v{fmt.cap(r.version, 40)} · period {ctx.period()}"


# --- scorecard --------------------------------------------------------------------------------


def _pillar_tables(ctx: _Ctx, unit: str) -> tuple[PillarTable, ...]:
    r = ctx.rubric
    res = ctx.result
    out = []
    for pillar in ctx.pillars:
        kids = [k for k in r.children[pillar.id] if k in r.indicator_by_id]
        total_w = sum(r.weight_of(k) for k in r.children[pillar.id])
        rows = []
        for ind_id in kids:
            ind = r.indicator_by_id[ind_id]
            raw = float(res.raw.at[unit, ind_id])
            value, detail = ctx.raw_text(ind, raw)
            norm = float(res.normalised.at[unit, ind_id])
            to_index = float(ctx.contrib.at[(unit, ind_id), "to_index"])
            ev = ctx.evidence_of(unit, ind_id)
            stale = res.stale.at[unit, ind_id]
            is_stale = bool(stale) if not pd.isna(stale) else False
            imputed = bool(res.imputed_mask.at[unit, ind_id])
            if math.isnan(to_index):
                points = fmt.DASH
            else:
                possible = 100 * ctx.effective_share(unit, ind_id)
                points = f"{to_index:.1f} of {possible:.1f}"
            note = fmt.cap(ev["note"], fmt.CAP_NOTE)
            if imputed:
                note = ("Imputed value. " + note).strip()
            source_text = fmt.cap(ev["source"], fmt.CAP_SOURCE)
            href = fmt.safe_url(ev["source_url"])
            if not source_text and href:
                source_text = fmt.cap(href, 120)
            row_class = (
                "missing" if math.isnan(raw) and not imputed else ("stale" if is_stale else "")
            )
            rows.append(
                IndicatorRow(
                    name=ctx.item_name(ind_id),
                    value=value if not imputed else fmt.number(float(res.treated.at[unit, ind_id])),
                    value_detail=detail if not imputed else "imputed",
                    score=fmt.score(norm),
                    weight=fmt.percent(ind.weight / total_w if total_w else math.nan, 1),
                    points=points,
                    as_of=fmt.cap(ev["as_of"], 40) or fmt.DASH,
                    flag=row_class or ("imputed" if imputed else ""),
                    source=Link(source_text, href),
                    note=note,
                    row_class=row_class,
                )
            )
        score = ctx.score_of(unit, pillar.id)
        cov = float(res.coverage.at[unit, pillar.id])
        n_present = sum(not math.isnan(float(res.treated.at[unit, k])) for k in kids)
        if math.isnan(score):
            status = f"No score: {fmt.cap(res.reasons.at[unit, pillar.id], 200)}."
            status_class = "insufficient"
        elif cov < 1 - 1e-9:
            status = (
                f"Thin: scored on {n_present} of {len(kids)} indicators "
                f"({fmt.percent(cov)} of the weight); missing values are left out, "
                "not counted as 0."
            )
            status_class = "thin"
        else:
            status = f"All {len(kids)} indicators reported."
            status_class = ""
        band = r.band_for(score)
        out.append(
            PillarTable(
                id=pillar.id,
                name=fmt.cap(pillar.name, fmt.CAP_LABEL),
                description=fmt.cap(pillar.description, fmt.CAP_LONG),
                score=ctx.show(score),
                band_class=ctx.band_class(band),
                status=status,
                status_class=status_class,
                rows=tuple(rows),
            )
        )
    return tuple(out)


def _highlights(ctx: _Ctx, unit: str) -> tuple[tuple[Highlight, ...], tuple[Highlight, ...], str]:
    """Strengths and gaps: indicators adding the largest and smallest share of what they could.

    Share = points added / points possible, at the index when the unit has an index score,
    otherwise within the pillar (so an unscored country still sees where it stands).
    """
    r = ctx.rubric
    res = ctx.result
    has_index = not math.isnan(ctx.score_of(unit, ctx.root))
    items = []
    order = {i.id: k for k, i in enumerate(r.indicators)}
    for ind in r.indicators:
        if has_index:
            got = float(ctx.contrib.at[(unit, ind.id), "to_index"])
            possible = 100 * ctx.effective_share(unit, ind.id)
        else:
            got = float(ctx.contrib.at[(unit, ind.id), "to_parent"])
            pillar_share = ctx.effective_share(unit, ind.parent)
            share = ctx.effective_share(unit, ind.id)
            possible = 100 * share / pillar_share if pillar_share else math.nan
        if math.isnan(got) or not possible or math.isnan(possible):
            continue
        items.append((got / possible, possible, order[ind.id], ind, got))
    where = "index" if has_index else "pillar"

    def light(entry: tuple[float, float, int, Indicator, float]) -> Highlight:
        ratio, possible, _, ind, got = entry
        return Highlight(
            name=ctx.item_name(ind.id),
            pillar=fmt.cap(ctx.pillar_of[ind.id].name, fmt.CAP_LABEL),
            score=fmt.score(float(res.normalised.at[unit, ind.id])),
            detail=(
                f"adds {got:.1f} of a possible {possible:.1f} {where} points ({fmt.percent(ratio)})"
            ),
        )

    best = sorted(items, key=lambda e: (-round(e[0], 9), -e[1], e[2]))
    worst = sorted(items, key=lambda e: (round(e[0], 9), -e[1], e[2]))
    n = min(N_HIGHLIGHTS, len(items) // 2)
    strengths = tuple(light(e) for e in best[:n])
    gaps = tuple(light(e) for e in worst[:n])
    if has_index:
        note = (
            "Share of the index points each indicator could add that it does add, "
            "given the indicators reported. Only reported values count."
        )
    else:
        note = (
            "This country has no index score, so shares are within each scored pillar. "
            "Only reported values count; indicators in pillars without a score are not shown."
        )
    return strengths, gaps, note


def _move_text(ctx: _Ctx, move: Move) -> str:
    ind = ctx.rubric.indicator_by_id[move.indicator]
    before, _ = ctx.raw_text(ind, move.before)
    after, _ = ctx.raw_text(ind, move.after)
    if ind.kind is Kind.NUMERIC:
        unit = fmt.cap(ind.unit, 40)
        tail = f" {unit}" if unit else ""
        return f"{before} → {after}{tail} (the value scoring 100)"
    return f"{before} → {after}"


def _steps(ctx: _Ctx, moves: Sequence[Move]) -> tuple[PathStep, ...]:
    return tuple(
        PathStep(
            number=str(k + 1),
            name=ctx.item_name(m.indicator),
            pillar=fmt.cap(ctx.rubric.node_by_id[m.pillar].name, fmt.CAP_LABEL),
            change=_move_text(ctx, m),
            gain=fmt.signed(m.gain),
        )
        for k, m in enumerate(moves)
    )


def _band_with(ctx: _Ctx, value: float) -> str:
    band = ctx.rubric.band_for(value)
    return f"{ctx.show(value)} ({fmt.cap(band, 60)})" if band else ctx.show(value)


def _path_section(ctx: _Ctx, unit: str) -> PathSection:
    path: NextBandPath = ctx.paths[unit]
    name = ctx.name(unit)
    method = (
        "Each change is one step on one reported indicator: a categorical indicator one level "
        "up, a numeric one to the value that scores 100. Gains are index points from that change "
        "alone; every combination shown was re-scored with the rubric's own rules."
    )
    if path.fixed:
        fixed_names = ", ".join(ctx.item_name(i) for i in path.fixed)
        method += f" Not treated as levers: {fixed_names}."
    if path.status is Status.NO_BANDS:
        return PathSection("The rubric defines no bands.", (), "", "", "", "")
    if path.status is Status.UNSCORED:
        blocks = "; ".join(
            f"{ctx.item_name(p)} (missing: "
            f"{', '.join(ctx.item_name(i) for i in miss) or 'scores of its parts'})"
            for p, miss in path.blocking
        )
        lead = (
            f"{name} has no index score, so it has no band to move up from. "
            f"What blocks the score: {blocks}."
        )
        if math.isnan(path.floor) or math.isnan(path.ceiling):
            outcome = "Even with every missing value supplied, the index could not be computed."
        else:
            outcome = (
                "Once every missing value is reported, the index would lie between "
                f"{_band_with(ctx, path.floor)} if each were at the worst end of its scale and "
                f"{_band_with(ctx, path.ceiling)} if each were at the best end."
            )
        return PathSection(
            lead,
            (),
            "",
            outcome,
            "",
            "Computed by re-scoring with the missing values filled in at each end of their scales.",
        )
    band = fmt.cap(path.band, 60)
    if path.status is Status.TOP_BAND:
        steps = _steps(ctx, path.candidates[:N_HIGHLIGHTS])
        lead = f"{name} is already in the top band ({band}). Largest remaining gains:"
        if not steps:
            lead = f"{name} is already in the top band ({band}), with no change left to make."
        return PathSection(lead, steps, "Largest single gains", "", "", method)
    assert path.threshold is not None
    gap = path.threshold - path.current
    target = fmt.cap(path.next_band, 60)
    lead = (
        f"{name} scores {ctx.show(path.current)} ({band}), {gap:.1f} points below "
        f"{target} ({path.threshold:g})."
    )
    if path.status is Status.UNREACHABLE:
        steps = _steps(ctx, path.candidates)
        outcome = (
            f"{target} cannot be reached with these steps: even all of them together give "
            f"{_band_with(ctx, path.best)}. It would take larger changes than one step per "
            "indicator, or values for the indicators now missing."
        )
        if not steps:
            outcome = (
                f"No reported indicator can improve, so {target} cannot be reached by changes "
                "to reported values."
            )
        return PathSection(
            lead, steps, "Every possible step, biggest single gain first", outcome, "", method
        )
    steps = _steps(ctx, path.moves)
    n = len(path.moves)
    outcome = (
        f"{'This change gives' if n == 1 else f'These {n} changes together give'} "
        f"{_band_with(ctx, path.reached)}."
    )
    route = path.pillar_route
    pillars_used = {m.pillar for m in path.moves}
    if route is None:
        pillar_note = (
            f"No single pillar can lift {name} into {target} on its own: "
            "the changes must span pillars."
        )
    elif len(pillars_used) == 1:
        pillar_note = f"All within one pillar: {ctx.item_name(next(iter(pillars_used)))}."
    else:
        k = len(route.moves)
        pillar_note = (
            f"Within one pillar alone, {ctx.item_name(route.pillar)} could do it with "
            f"{fmt.plural(k, 'change')} (to {_band_with(ctx, route.score)})."
        )
    caption = "Smallest set of changes found, biggest single gain first"
    return PathSection(lead, steps, caption, outcome, pillar_note, method)


def _order(ctx: _Ctx) -> Callable[[str], int]:
    order = {i.id: k for k, i in enumerate(ctx.rubric.indicators)}
    return lambda i: order.get(i, 0)


def _change_section(ctx: _Ctx, unit: str) -> ChangeSection:
    prev = ctx.previous
    period = ctx.period()
    if prev is None:
        return ChangeSection(
            f"No earlier period is available yet: {period} is the first period scored with this "
            "rubric, so there is nothing to compare with. Changes will appear here once an "
            "earlier period is scored.",
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
    band_before = prev.bands.at[unit] if unit in prev.bands.index else pd.NA
    band_now = ctx.band_of(unit)
    rows.append(
        ChangeRow(
            "Band",
            fmt.cap(band_before, 60) if not pd.isna(band_before) else fmt.DASH,
            fmt.cap(band_now, 60) or fmt.DASH,
            "" if str(band_before) == str(band_now) else "changed",
            "",
        )
    )
    ind_rows = []
    for ind in ctx.rubric.indicators:
        if ind.id not in prev.raw.columns:
            continue
        before = float(prev.raw.at[unit, ind.id])
        after = float(ctx.result.raw.at[unit, ind.id])
        if (math.isnan(before) and math.isnan(after)) or math.isclose(before, after):
            continue
        b, _ = ctx.raw_text(ind, before)
        a, _ = ctx.raw_text(ind, after)
        nb = float(prev.normalised.at[unit, ind.id]) if ind.id in prev.normalised else math.nan
        na = float(ctx.result.normalised.at[unit, ind.id])
        delta = na - nb
        ind_rows.append(
            ChangeRow(
                ctx.item_name(ind.id),
                b,
                a,
                fmt.signed(delta),
                "up" if delta > 0 else "down" if delta < 0 else "",
            )
        )
    lead = f"Compared with {prev_period}, scores on the same rubric."
    return ChangeSection(lead, tuple(rows), tuple(ind_rows))


def _change_row(ctx: _Ctx, name: str, before: float, after: float) -> ChangeRow:
    delta = after - before
    css = "" if math.isnan(delta) or round(delta, 1) == 0 else ("up" if delta > 0 else "down")
    return ChangeRow(name, ctx.show(before), ctx.show(after), fmt.signed(delta), css)


def _data_gaps(ctx: _Ctx, unit: str) -> DataGaps:
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
        label = f"{ctx.item_name(ind.id)} ({fmt.cap(ctx.pillar_of[ind.id].name, 80)})"
        if bool(res.imputed_mask.at[unit, ind.id]):
            imputed.append(label)
        if math.isnan(float(res.raw.at[unit, ind.id])):
            note = fmt.cap(ctx.evidence_of(unit, ind.id)["note"], 300)
            missing.append(Fact(label, note or "No value found."))
        flag = res.stale.at[unit, ind.id]
        if not pd.isna(flag) and bool(flag):
            as_of = fmt.cap(ctx.evidence_of(unit, ind.id)["as_of"], 40)
            stale.append(Fact(label, f"as of {as_of}, older than {r.max_age_of(ind.id):g} years"))
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


def _headline(ctx: _Ctx, unit: str) -> Headline:
    res = ctx.result
    r = ctx.rubric
    score = ctx.score_of(unit, ctx.root)
    band = ctx.band_of(unit)
    name = ctx.name(unit)
    n_ind = len(r.indicators)
    n_have = int(sum(not math.isnan(float(res.raw.at[unit, i.id])) for i in r.indicators))
    n_pillars = len(ctx.pillars)
    n_scored = sum(not math.isnan(ctx.score_of(unit, p.id)) for p in ctx.pillars)
    band_desc = ""
    if band is not None:
        match = next(b for b in r.bands if b.label == band)
        band_desc = fmt.cap(match.description, fmt.CAP_LONG)
    facts = (
        Fact(
            "Rank", ctx.rank_text(unit) + (" scored" if ctx.rank_text(unit) != "not ranked" else "")
        ),
        Fact("Pillars scored", f"{n_scored} of {n_pillars}"),
        Fact("Indicators reported", f"{n_have} of {n_ind}"),
        Fact("Period", ctx.period()),
    )
    scored_pillars = [
        (ctx.score_of(unit, p.id), k, p)
        for k, p in enumerate(ctx.pillars)
        if not math.isnan(ctx.score_of(unit, p.id))
    ]
    if math.isnan(score):
        summary = (
            f"{name} has no index score this period: {ctx.index_reason(unit)}. So it is not "
            "ranked or banded; the pillar scores that can be computed are shown below."
        )
    else:
        n_scored_units = len(ctx.scored)
        summary = (
            f"{name} scores {ctx.show(score)} of 100 ({fmt.cap(band, 60)}), "
            f"rank {ctx.rank_text(unit)} among the units with a score"
            + (f" (of {len(res.units)} assessed)." if n_scored_units < len(res.units) else ".")
        )
    if len(scored_pillars) >= 2:
        top = max(scored_pillars, key=lambda t: (t[0], -t[1]))
        low = min(scored_pillars, key=lambda t: (t[0], t[1]))
        summary += (
            f" Strongest pillar: {fmt.cap(top[2].name, 80)} ({ctx.show(top[0])}); "
            f"weakest: {fmt.cap(low[2].name, 80)} ({ctx.show(low[0])})."
        )
    return Headline(
        score=ctx.show(score),
        band=fmt.cap(band, 60) if band else "No band: insufficient data",
        band_class=ctx.band_class(band),
        band_description=band_desc,
        facts=facts,
        summary=summary,
    )


def _scorecard(ctx: _Ctx, unit: str) -> Scorecard:
    r = ctx.rubric
    res = ctx.result
    name = ctx.name(unit)
    pillars = _pillar_tables(ctx, unit)
    bars = [
        charts.Bar(
            "Overall index",
            ctx.score_of(unit, ctx.root),
            ctx.show(ctx.score_of(unit, ctx.root)),
            ctx.slot_for(ctx.score_of(unit, ctx.root)),
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
                note="insufficient data: " + _short_reason(res.reasons.at[unit, p.id]),
            )
        )
    title = f"{name}: index and pillar scores, {ctx.period()}"
    chart = Chart(charts.data_uri(charts.pillar_bars(bars, ctx.thresholds, title)), title)
    strengths, gaps, hl_note = _highlights(ctx, unit)
    rubric_title = fmt.cap(r.title, fmt.CAP_LABEL)
    meta = Meta(
        title=f"{name} scorecard: {rubric_title}, {ctx.period()}",
        kicker=f"{name} · scorecard · {ctx.period()}",
        heading=name,
        subheading=f"{rubric_title} · scorecard for {ctx.period()}",
        series=rubric_title,
        footer=_footer(ctx),
        filename=f"scorecard-{unit}",
    )
    return Scorecard(
        meta=meta,
        unit=ctx.code(unit),
        name=name,
        headline=_headline(ctx, unit),
        chart=chart,
        chart_caption=(
            "Scores 0-100. Shaded zones and dashed lines mark the bands. "
            "A pillar without enough data is hatched and has no bar: it is not a zero."
        ),
        pillars=pillars,
        strengths=strengths,
        gaps=gaps,
        highlights_note=hl_note,
        path=_path_section(ctx, unit),
        change=_change_section(ctx, unit),
        data_gaps=_data_gaps(ctx, unit),
        methodology=_methodology(ctx, [unit]),
    )


def _short_reason(reason: object) -> str:
    text = fmt.clean(reason).removeprefix("insufficient data: ")
    return fmt.cap(text, 70) or "too few values"


# --- regional overview ------------------------------------------------------------------------


def _regional(ctx: _Ctx) -> Regional:
    r = ctx.rubric
    res = ctx.result
    units = [str(u) for u in ctx.ranking["unit"]]
    n_ind = len(r.indicators)
    prev = ctx.previous
    ranking = []
    for unit in units:
        score = ctx.score_of(unit, ctx.root)
        band = ctx.band_of(unit)
        n_have = int(sum(not math.isnan(float(res.raw.at[unit, i.id])) for i in r.indicators))
        n_scored = sum(not math.isnan(ctx.score_of(unit, p.id)) for p in ctx.pillars)
        change = ""
        if prev is not None and unit in prev.scores.index:
            change = fmt.signed(score - float(prev.scores.at[unit, ctx.root]))
        rank = res.ranks.at[unit, ctx.root]
        reason = fmt.clean(res.reasons.at[unit, ctx.root])
        note = ""
        if reason:
            blocked = [
                fmt.cap(p.name, 80) for p in ctx.pillars if math.isnan(ctx.score_of(unit, p.id))
            ]
            note = (
                f"Not scored: too little data on {', '.join(blocked)}"
                if blocked
                else "Not scored: " + ctx.index_reason(unit)
            )
        ranking.append(
            RankingRow(
                rank=fmt.DASH if pd.isna(rank) else str(int(rank)),
                name=ctx.name(unit),
                code=ctx.code(unit),
                score=ctx.show(score),
                band=fmt.cap(band, 60) if band else "no band",
                band_class=ctx.band_class(band),
                pillars=f"{n_scored} of {len(ctx.pillars)}",
                indicators=f"{n_have} of {n_ind}",
                note=note,
                change=change or fmt.DASH,
            )
        )
    # heatmap: rows in ranking order, index first then pillars
    columns = ["Overall index", *(fmt.cap(p.name, 90) for p in ctx.pillars)]
    node_ids = [ctx.root, *(p.id for p in ctx.pillars)]
    cells = []
    for unit in units:
        row = []
        for node_id in node_ids:
            s = ctx.score_of(unit, node_id)
            text = ctx.show(s) if not math.isnan(s) else "no score"
            row.append(charts.HeatCell(s, text, ctx.slot_for(s)))
        cells.append(row)
    heat_title = f"Index and pillar scores by country, {ctx.period()}"
    heat = charts.heatmap([ctx.name(u) for u in units], columns, cells, heat_title)
    dots = [
        charts.DotRow(
            col,
            tuple((ctx.code(u), ctx.score_of(u, node_id)) for u in units),
            strong=(node_id == ctx.root),
        )
        for col, node_id in zip(columns, node_ids, strict=True)
    ]
    comp_title = f"Where each country stands on each pillar, {ctx.period()}"
    comparison = charts.dot_plot(dots, ctx.thresholds, comp_title)
    # coverage matrix: indicator rows grouped by pillar, unit columns (rubric order)
    order_units = list(res.units)
    coverage: list[CoverageRow] = []
    for pillar in ctx.pillars:
        pcells = []
        for unit in order_units:
            cov = float(res.coverage.at[unit, pillar.id])
            s = ctx.score_of(unit, pillar.id)
            pcells.append(Cell(fmt.percent(cov), "cov-none" if math.isnan(s) else "cov-group"))
        coverage.append(CoverageRow(fmt.cap(pillar.name, fmt.CAP_LABEL), tuple(pcells), True))
        for ind_id in r.children[pillar.id]:
            if ind_id not in r.indicator_by_id:
                continue
            row_cells = []
            for unit in order_units:
                raw = float(res.raw.at[unit, ind_id])
                flag = res.stale.at[unit, ind_id]
                as_of = fmt.cap(ctx.evidence_of(unit, ind_id)["as_of"], 10)
                if bool(res.imputed_mask.at[unit, ind_id]):
                    row_cells.append(Cell("imputed", "cov-imputed"))
                elif math.isnan(raw):
                    row_cells.append(Cell("missing", "cov-missing"))
                elif not pd.isna(flag) and bool(flag):
                    row_cells.append(Cell(f"{as_of[:4]} stale", "cov-stale"))
                else:
                    row_cells.append(Cell(as_of[:4] or "yes", "cov-ok"))
            coverage.append(CoverageRow(ctx.item_name(ind_id), tuple(row_cells), False))
    context = tuple(
        ContextItem(str(k + 1), fmt.cap(c.text, fmt.CAP_LONG), fmt.cap(c.source, fmt.CAP_LONG))
        for k, c in enumerate(r.context)
    )
    summary = _regional_summary(ctx, units)
    rubric_title = fmt.cap(r.title, fmt.CAP_LABEL)
    meta = Meta(
        title=f"Regional overview: {rubric_title}, {ctx.period()}",
        kicker=f"Regional overview · {ctx.period()}",
        heading="Regional overview",
        subheading=f"{rubric_title} · {ctx.period()}",
        series=rubric_title,
        footer=_footer(ctx),
        filename="regional-overview",
    )
    change_lead = (
        "No earlier period is available yet, so no changes are shown."
        if prev is None
        else f"Change: index points since {fmt.cap(prev.period, 40) or 'the previous period'}."
    )
    return Regional(
        meta=meta,
        summary=summary,
        ranking=tuple(ranking),
        ranking_note=(
            "Rank among the countries with an index score. A country without enough data is "
            "listed last, with no rank and no band: missing data is not scored as zero."
        ),
        show_change=prev is not None,
        heatmap=Chart(charts.data_uri(heat), heat_title),
        heatmap_caption=(
            "Cells are shaded by the band the score falls in (pillars use the index's bands) and "
            "every score is printed. Hatched cells have no score (insufficient data)."
        ),
        legend=_methodology_bands(ctx),
        comparison=Chart(charts.data_uri(comparison), comp_title),
        comparison_caption=(
            "Each dot is a country (ISO code). Shaded zones and dashed lines mark the bands. "
            "Countries with no score on a row are listed at its right."
        ),
        coverage_header=tuple(ctx.code(u) for u in order_units),
        coverage=tuple(coverage),
        coverage_note=(
            "Each cell gives the year of the value used. 'stale': older than the rubric allows "
            f"(default {r.max_age_years:g} years); 'missing': not found, left out rather than "
            "counted as 0. Pillar rows give the share of the pillar's weight with values."
        ),
        context=context,
        change_lead=change_lead,
        methodology=_methodology(ctx, order_units),
    )


def _regional_summary(ctx: _Ctx, units: Sequence[str]) -> tuple[str, ...]:
    res = ctx.result
    scored = [u for u in units if not math.isnan(ctx.score_of(u, ctx.root))]
    unscored = [u for u in units if u not in scored]
    n = len(units)
    lines = []
    if scored:
        lead = scored[0]
        lines.append(
            f"{len(scored)} of {n} countries have an index score. {ctx.name(lead)} leads with "
            f"{_band_with(ctx, ctx.score_of(lead, ctx.root))}."
        )
        bands: dict[str, list[str]] = {}
        for u in scored:
            bands.setdefault(str(res.bands.at[u]), []).append(ctx.name(u))
        ordered = sorted(bands, key=lambda b: ctx.slots.get(b, 99))
        lines.append(
            "By band: "
            + "; ".join(f"{fmt.cap(b, 60)}: {', '.join(bands[b])}" for b in ordered)
            + "."
        )
    else:
        lines.append(f"None of the {n} countries has an index score this period.")
    if unscored:
        parts = []
        for u in unscored:
            blocked = [
                fmt.cap(p.name, 80) for p in ctx.pillars if math.isnan(ctx.score_of(u, p.id))
            ]
            parts.append(f"{ctx.name(u)} ({', '.join(blocked) or 'index coverage'})")
        lines.append(
            "Not scored for lack of data: " + "; ".join(parts) + ". "
            "Missing values are reported as gaps, never counted as 0."
        )
    return tuple(lines)


# --- entry point ------------------------------------------------------------------------------


def build_report_set(
    result: Result,
    previous: Result | None = None,
    *,
    paths: Mapping[str, NextBandPath],
) -> ReportSet:
    """The context of every document for `result`: regional overview and one scorecard per unit.

    `previous` is the same rubric scored for an earlier period (for "change since"); `paths` is
    the path to the next band of every unit, computed by the library
    (`readiness.engine.paths.paths_to_next_band`): the report only reads results.
    """
    ctx = _Ctx(result, previous, paths)
    return ReportSet(
        regional=_regional(ctx),
        scorecards=tuple(_scorecard(ctx, str(u)) for u in result.units),
    )
