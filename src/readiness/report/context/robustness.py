"""How robust each score, rank and band is: the uncertainty analysis (computed by the library,
`readiness.engine.uncertainty` and `.sensitivity`) in words and charts.

Per scorecard, beside the headline: the 5th-95th percentile of score and rank over the draws,
the share of draws in each band, and a plain sentence when the band or rank is fragile
("Investment-ready in 19 % of draws"). In the regional overview: the rank and score intervals of
every country, the Sobol bars (which uncertain input drives the ranks) and what was varied.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from readiness import format as fmt
from readiness.engine.uncertainty import Robustness, UnitRobustness
from readiness.report import robustness_chart as rc
from readiness.report.context.common import Ctx
from readiness.report.context.types import Chart, Fact

N_SOBOL = 10  # largest total indices shown
NO_CHART = Chart("", "")


@dataclass(frozen=True)
class RobustnessLine:
    """One country's robustness, beside its headline."""

    shown: bool
    score: str  # "55.6-72.4"
    rank: str  # "1 in every draw", "2-3"
    bands: tuple[Fact, ...]  # band label: share of draws, highest band first
    sentence: str
    fragile: bool
    css: str  # "" | "fragile"


@dataclass(frozen=True)
class RobustnessSection:
    """The regional overview's robustness section."""

    shown: bool
    lead: str
    varied: tuple[str, ...]
    score_chart: Chart  # src "" when there is none
    rank_chart: Chart
    sobol_chart: Chart
    sobol_caption: str
    fragile: tuple[str, ...]  # one plain sentence per fragile band or rank (for a summary)


def share(p: float) -> str:
    """A share of draws as printed: never 0 % for something that happened, nor 100 % for
    something that did not always happen."""
    if math.isnan(p):
        return fmt.DASH
    if 0 < p < 0.005:
        return "<1%"
    if 0.995 <= p < 1:
        return ">99%"
    return f"{p:.0%}"


def _rank_text(u: UnitRobustness) -> str:
    if u.reference:
        return "reference, not ranked"
    if math.isnan(u.rank_low):
        return "not ranked in any draw"
    low, high = int(u.rank_low), int(u.rank_high)
    if low == high:
        return f"{low} in 90 % of draws or more" if u.p_same_rank < 1 else f"{low} in every draw"
    return f"{low}-{high}"


def _sentence(ctx: Ctx, rob: Robustness, u: UnitRobustness) -> tuple[str, bool]:
    """A plain sentence on how firm the band and rank are; True when something is fragile."""
    name = ctx.name(u.unit)
    cut = rob.fragile_below
    if u.band is None:
        if u.p_scored > 0:
            return (
                f"{name} has no score here, but would have one in {share(u.p_scored)} of the "
                "draws: those in which the indicator left out, or the varied weights, give each "
                "pillar the share of its weight with values that the coverage rule asks for.",
                False,
            )
        return f"{name} has no score in any draw.", False
    parts = []
    fragile = False
    if u.p_same_band < cut:
        fragile = True
        others = [
            (label, p)
            for label, p in zip(rob.bands, u.p_band, strict=True)
            if label != u.band and p >= 0.05
        ]
        other = "; ".join(f"{fmt.cap(label, 40)} in {share(p)}" for label, p in others)
        parts.append(
            f"{fmt.cap(u.band, 40)} in {share(u.p_same_band)} of draws"
            + (f" ({other})" if other else "")
            + ": the band is fragile."
        )
    else:
        parts.append(f"{fmt.cap(u.band, 40)} in {share(u.p_same_band)} of draws.")
    if not u.reference and u.rank is not None and u.p_same_rank < cut:
        fragile = True
        parts.append(f"Rank {u.rank} holds in {share(u.p_same_rank)} of draws.")
    return " ".join(parts), fragile


def build_line(ctx: Ctx, unit: str) -> RobustnessLine:
    rob = ctx.robustness
    if rob is None or unit not in rob.by_unit():
        return RobustnessLine(False, "", "", (), "", False, "")
    u = rob.by_unit()[unit]
    score = (
        f"{ctx.show(u.score_low)}-{ctx.show(u.score_high)}"
        if not math.isnan(u.score_low)
        else fmt.DASH
    )
    bands = tuple(
        Fact(fmt.cap(label, 40), share(p))
        for label, p in zip(rob.bands, u.p_band, strict=True)
        if p > 0
    )
    sentence, fragile = _sentence(ctx, rob, u)
    return RobustnessLine(
        True, score, _rank_text(u), bands, sentence, fragile, "fragile" if fragile else ""
    )


def build_section(ctx: Ctx) -> RobustnessSection:
    rob, sens = ctx.robustness, ctx.sensitivity
    if rob is None:
        return RobustnessSection(False, "", (), NO_CHART, NO_CHART, NO_CHART, "", ())
    units = [u for u in rob.units if not math.isnan(u.score_low)]
    lead = (
        f"How far each score, rank and band moves when the inputs that are a matter of judgement "
        f"or measurement move: {rob.draws:,} draws (seed {rob.seed}). Bars run from the 5th to "
        "the 95th percentile over the draws; the line inside is the median, the circle the "
        "published score or rank."
    )
    period = ctx.period()
    score_rows = [
        rc.Interval(
            ctx.name(u.unit)
            + (" (reference)" if u.reference else "")
            + ("" if u.band is not None else f" (scored in {share(u.p_scored)} of draws)"),
            u.score,
            u.score_low,
            u.score_median,
            u.score_high,
            f"{ctx.show(u.score_low)}-{ctx.show(u.score_high)}",
        )
        for u in units
    ]
    title = f"Index score, 5th-95th percentile over the draws, {period}"
    score_chart = Chart(rc_uri(rc.score_intervals(score_rows, ctx.thresholds, title)), title)
    ranked = [u for u in units if not u.reference and not math.isnan(u.rank_low)]
    rank_chart = NO_CHART
    if ranked:
        n = int(max(u.rank_high for u in ranked))
        n = max(n, len(ctx.scored))
        rank_rows = [
            rc.Interval(
                ctx.name(u.unit)
                + ("" if u.rank is not None else f" (scored in {share(u.p_scored)} of draws)"),
                float(u.rank) if u.rank is not None else math.nan,
                u.rank_low,
                u.rank_median,
                u.rank_high,
                _rank_text(u),
            )
            for u in ranked
        ]
        title = f"Rank, 5th-95th percentile over the draws, {period}"
        rank_chart = Chart(rc_uri(rc.rank_intervals(rank_rows, n, title)), title)
    sobol_chart, caption = NO_CHART, ""
    if sens is not None and sens.indices:
        rows = [
            rc.SobolBar(
                fmt.cap(i.group, 60),
                i.first,
                i.total,
                i.total_conf,
                f"{i.total:.2f} ({i.first:.2f})",
            )
            for i in sens.indices[:N_SOBOL]
        ]
        title = "What drives the ranks: Sobol indices of the mean absolute rank shift"
        sobol_chart = Chart(rc_uri(rc.sobol_bars(rows, title)), title)
        caption = (
            f"Total index (light bar, with its {sens.confidence:.0%} bootstrap interval) and "
            "first-order index (dark bar) of each uncertain input, the largest "
            f"{min(N_SOBOL, len(sens.indices))} of {len(sens.indices)}: the share of the "
            "variance of the mean absolute rank shift that input explains with (total) or "
            f"without (first-order) its interactions. SALib, {sens.base_samples:,} base samples, "
            f"{sens.runs:,} runs."
        )
        if sens.variance == 0:
            sobol_chart = NO_CHART
            caption = "No uncertain input moves any rank: every Sobol index is 0."
    fragile = tuple(
        f"{ctx.name(u.unit)}{' (reference)' if u.reference else ''}: {sentence}"
        for u in rob.units
        for sentence, is_fragile in [_sentence(ctx, rob, u)]
        if is_fragile
    )
    return RobustnessSection(
        True, lead, rob.varied, score_chart, rank_chart, sobol_chart, caption, fragile
    )


def varied_rule(ctx: Ctx) -> str:
    """What the uncertainty analysis varied, in one methodology rule ("" without one)."""
    rob = ctx.robustness
    if rob is None:
        return ""
    what = "; ".join(rob.varied) if rob.varied else "nothing (no uncertain input declared)"
    return (
        f"Robustness: {rob.draws:,} Monte Carlo draws (seed {rob.seed}) vary {what}. Intervals "
        "are the 5th to 95th percentiles over the draws; a band or rank held in fewer than "
        f"{rob.fragile_below:.0%} of draws is called fragile. Reference jurisdictions are "
        "scored in every draw and never ranked."
    )


def rc_uri(svg: str) -> str:
    from readiness.report.charts import data_uri

    return data_uri(svg)
