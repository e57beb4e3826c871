"""The methodology appendix: rules in words, bands, weights and scales, the level definitions
used (overview)."""

from __future__ import annotations

import copy
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from readiness import format as fmt
from readiness.report.context.change_split import change_rule
from readiness.report.context.common import Ctx
from readiness.report.context.pillars import weight_in_pillar
from readiness.report.context.reference import reference_units
from readiness.report.context.robustness import varied_rule
from readiness.report.context.types import BandRow
from readiness.rubric.model import (
    Aggregation,
    DistanceToTarget,
    Goalposts,
    Imputation,
    Indicator,
    Kind,
    MinMax,
    Rank,
    Rubric,
    ZScore,
)


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
class Methodology:
    rules: tuple[str, ...]
    groups: tuple[MethodGroup, ...]
    levels: tuple[LevelUsed, ...]
    levels_caption: str
    show_used_by: bool
    bands: tuple[BandRow, ...]
    shared: tuple[str, ...] = ()  # a scorecard's weights as shared out by its missing values


def scale_text(ind: Indicator) -> str:
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


MEANS = {
    Aggregation.ARITHMETIC: "weighted arithmetic mean",
    Aggregation.GEOMETRIC: "weighted geometric mean",
    Aggregation.HARMONIC: "weighted harmonic mean",
}


def _aggregation_rule(rubric: Rubric) -> str:
    """How the published scores aggregate, read from the rubric: one statement per level."""
    pillar_aggs = {p.aggregation for p in rubric.pillars}
    root = rubric.root
    if len(pillar_aggs) == 1:
        first = (
            f"A pillar's score is the {MEANS[next(iter(pillar_aggs))]} of its indicators' scores"
        )
    else:
        first = "Each pillar aggregates its indicators' scores by the mean the rubric sets for it"
    shares = {round(rubric.weight_share(k), 9) for k in rubric.children[root.id]}
    equal = f" (equal weights, {fmt.percent(next(iter(shares)))} each)" if len(shares) == 1 else ""
    return f"{first}; the index is the {MEANS[root.aggregation]} of the pillar scores{equal}."


def _alternative_aggregation(rubric: Rubric) -> str:
    """The uncertainty analysis' other means, said as alternatives to the published one ("" when
    it tries none)."""
    spec = rubric.uncertainty
    if spec is None:
        return ""
    used = {n.aggregation for n in rubric.nodes}
    others = [a for a in spec.aggregation if a != "rubric" and a not in used]
    if not others:
        return ""
    names = " or ".join(MEANS[Aggregation(a)] for a in others)
    zero = (
        f" (adding {fmt.number(spec.zero_offset)} to every component when one scores 0)"
        if spec.on_zero == "offset"
        and any(Aggregation(a) is not Aggregation.ARITHMETIC for a in others)
        else ""
    )
    chance = f"{len(others)} of every {len(spec.aggregation)} draws"
    return (
        f"Only this analysis tries another mean, as an alternative: in {chance} the {names}"
        f"{zero}. Published scores always use the means of rule 2."
    )


def _missing_rule(rubric: Rubric) -> str:
    imputation = rubric.missing_data.imputation
    if imputation is Imputation.NONE:
        return (
            "A value not found is left out, never counted as 0 or estimated: its weight is "
            "shared among the pillar's other indicators in proportion to their weights (the same "
            "as giving it their weighted mean score), while the pillar meets the coverage rule "
            "below; scorecards print the weights so shared."
        )
    how = {
        Imputation.INDICATOR_MEAN: "the indicator's mean over the units",
        Imputation.INDICATOR_MEDIAN: "the indicator's median over the units",
        Imputation.GROUP_MEAN: f"the mean of the unit's {rubric.missing_data.group} group",
        Imputation.GROUP_MEDIAN: f"the median of the unit's {rubric.missing_data.group} group",
    }[imputation]
    return f"Missing values are imputed with {how}; imputed values are marked."


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


def shared_out(ctx: Ctx, unit: str) -> tuple[str, ...]:
    """One sentence per pillar where a missing value's weight is shared among the others: the
    weights a scorecard's rows were computed with, beside the rubric's."""
    out = []
    for pillar in ctx.pillars:
        if math.isnan(ctx.score_of(unit, pillar.id)):
            continue
        kids = ctx.rubric.indicators_of(pillar.id)
        missing = [
            i.id for i in kids if not ctx.has_value(unit, i.id) and not ctx.is_imputed(unit, i.id)
        ]
        if not missing:
            continue
        shared: dict[tuple[str, str, str, str], list[str]] = {}
        for ind in kids:
            if ind.id in missing:
                continue
            weight, rubric_weight = weight_in_pillar(ctx, unit, ind.id)
            if not rubric_weight:
                continue
            points = fmt.points(100 * ctx.effective_share(unit, ind.id))
            nominal = fmt.points(100 * ctx.rubric.nominal_share(ind.id))
            key = (weight, rubric_weight.removeprefix("rubric "), points, nominal)
            shared.setdefault(key, []).append(ind.id)
        if not shared:
            continue
        n_others = len(kids) - len(missing)
        parts = [
            ("each carries" if len(shared) == 1 else ", ".join(map(ctx.item_name, ids)) + ":")
            + f" {weight} of the pillar instead of {rubric_weight}, worth at most {points} index "
            f"points instead of {nominal}"
            for (weight, rubric_weight, points, nominal), ids in shared.items()
        ]
        names = ", ".join(ctx.item_name(i) for i in missing)
        out.append(
            f"{ctx.name(unit)}: {names} {'is' if len(missing) == 1 else 'are'} missing, so "
            f"{'its' if len(missing) == 1 else 'their'} weight is shared among the other "
            f"{n_others} indicators of {ctx.item_name(pillar.id)}: " + "; ".join(parts) + "."
        )
    return tuple(out)


def _with_references(ctx: Ctx) -> tuple[BandRow, ...]:
    """The band table, each band with the reference jurisdictions scoring in it this period:
    the calibration examples, from the scores (the band's description says what it means for
    any country, since a scorecard quotes it)."""
    refs = reference_units(ctx)
    rows = []
    for row, band in zip(
        ctx.band_rows(), sorted(ctx.rubric.bands, key=lambda b: -b.min), strict=True
    ):
        here = [u for u in refs if ctx.band_of(u) == band.label]
        text = ", ".join(f"{ctx.name(u)} {ctx.show(ctx.score_of(u, ctx.root))}" for u in here)
        rows.append(replace(row, references=f"Reference jurisdictions: {text}." if text else ""))
    return tuple(rows)


def _without_sensitivity(ctx: Ctx) -> Ctx:
    plain = copy.copy(ctx)
    plain.sensitivity = None
    return plain


def build_methodology(ctx: Ctx, units: Sequence[str], *, full: bool) -> Methodology:
    """The methodology of a document about `units`. `full` (the overview): with the written
    definitions of every level given. A scorecard's fits on one page: its indicator rows carry
    their level's definition instead."""
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
        "so it never prints at the threshold of a band it has not reached. A change is the "
        "difference of the two scores as printed. Index points are shown to two decimals.",
        "No outlier treatment is applied."
        if r.outliers.method == "none"
        else "Outliers are winsorised by the skewness/kurtosis rule set in the rubric.",
        "Ranks are among the units with an index score; tied scores share the better rank.",
    ]
    # A scorecard draws no Sobol chart, so its one-page methodology leaves out the Sobol detail
    # (the overview's, which draws it, keeps it).
    varied = varied_rule(ctx if full else _without_sensitivity(ctx))
    if varied:
        alternative = _alternative_aggregation(r)
        if alternative:
            # the methodology says the other means once, as an alternative to the published
            # mean, not among the varied inputs
            varied = varied_rule(ctx if full else _without_sensitivity(ctx), aggregation=False)
            varied += " " + alternative
        rules.append(varied)
    if change_rule(ctx):
        rules.append(change_rule(ctx))
    groups = []
    for pillar in ctx.pillars:
        rows = [
            MethodIndicator(
                name=ctx.item_name(ind.id),
                scale=scale_text(ind),
                weight=fmt.percent(r.weight_share(ind.id), 1),
                points=fmt.points(100 * r.nominal_share(ind.id)),
            )
            for ind in r.indicators_of(pillar.id)
        ]
        groups.append(
            MethodGroup(
                fmt.cap(pillar.name, fmt.CAP_LABEL),
                fmt.percent(r.nominal_share(pillar.id), 1) + " of the index",
                tuple(rows),
            )
        )
    levels = []
    for ind in r.indicators if full else ():
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
    bands = _with_references(ctx)
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
        shared=shared_out(ctx, units[0]) if len(units) == 1 else (),
    )
