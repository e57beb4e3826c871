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

import numpy as np

from readiness import format as fmt
from readiness.engine.design import Varied
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
    score: str  # "55.6-72.4" (a dash for a unit without a published score)
    rank: str  # "1 in every draw", "2-3"
    bands: tuple[Fact, ...]  # band label: share of draws, highest band first
    sentence: str
    fragile: bool
    css: str  # "" | "fragile"
    nominal: str = ""  # the published score
    median: str = ""  # the median over the draws
    plain: bool = False  # no published score: the box is the sentence alone


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
    apart: str = ""  # the units without a published score, said apart from the charts


END_SHARE = 0.8  # a published score above (below) this share of the draws sits at an end


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


def _published(u: UnitRobustness) -> bool:
    """The unit has a score in the published (nominal) scoring."""
    return not math.isnan(u.score)


def _rank_text(u: UnitRobustness) -> str:
    if u.reference:
        return "reference, not ranked"
    if not _published(u) or u.rank is None:
        return "not ranked"
    if math.isnan(u.rank_low):
        return "not ranked in any draw"
    low, high = int(u.rank_low), int(u.rank_high)
    if low == high:
        return f"{low} in 90 % of draws or more" if u.p_same_rank < 1 else f"{low} in every draw"
    return f"{low}-{high}"


def unscored_sentence(ctx: Ctx, u: UnitRobustness) -> str:
    """A unit without a published index score: no interval, rank or band, said plainly, with
    how often a draw let it reach its coverage rule (those draws' scores are exported, marked,
    not shown as if it were scored)."""
    name = ctx.name(u.unit)
    text = (
        f"{name} has no index score in the published scoring, so the uncertainty analysis "
        "gives it no score interval, rank or band."
    )
    if u.p_scored > 0:
        return (
            f"{text} In {share(u.p_scored)} of the draws a left-out indicator or a weight draw "
            "let it reach its coverage rule; those draws' scores are in the exported files "
            "(uncertainty.csv), marked, and are not shown as a score here."
        )
    return f"{text} No draw could score it either."


def _band_sentence(ctx: Ctx, rob: Robustness, u: UnitRobustness) -> tuple[str, bool]:
    """How firm the nominal band is; True when fragile. Below half the draws, it says plainly
    on which side of the band the draws fall more often."""
    assert u.band is not None
    labels = list(rob.bands)
    k = labels.index(u.band)
    label = fmt.cap(u.band, 40)
    p = u.p_same_band
    others = "; ".join(
        f"{fmt.cap(b, 40)} {share(q)}"
        for b, q in zip(rob.bands, u.p_band, strict=True)
        if b != u.band and q >= 0.05
    )
    if p >= rob.fragile_below:
        return f"{label} in {share(p)} of draws.", False
    if p >= 0.5:
        detail = f" ({others})" if others else ""
        return f"{label} in {share(p)} of draws{detail}: the band is fragile.", True
    bands = {b.label: b for b in ctx.rubric.bands}
    sides = []
    for side, labels_q, line in (
        ("below", list(zip(labels[k + 1 :], u.p_band[k + 1 :], strict=True)), bands[u.band].min),
        (
            "above",
            list(zip(labels[:k], u.p_band[:k], strict=True)),
            bands[labels[k - 1]].min if k else 0.0,
        ),
    ):
        q = sum(x for _, x in labels_q)
        if q >= 0.01:  # a side under 1 % of the draws is left out of the sentence
            detail = "; ".join(f"{fmt.cap(b, 40)} {share(x)}" for b, x in labels_q if x >= 0.01)
            sides.append((side, q, line, detail))
    sides.sort(key=lambda t: -t[1])
    text = f"{label} in only {share(p)} of draws" + "".join(
        f", {side} it in {share(q)} ({detail})" for side, q, _, detail in sides
    )
    side, q, line, _ = sides[0] if sides else ("below", 0.0, 0.0, "")
    where = (
        f"below the {label} threshold ({line:g})"
        if side == "below"
        else f"past the {fmt.cap(labels[k - 1], 40)} threshold ({line:g})"
    )
    # "as likely as not" is said of a side in about half the draws (45-55 %), "more likely
    # than not" of one in more; a side likelier than the band but in fewer than 45 % is
    # "more often than in the band".
    if sides and 0.45 <= q <= 0.55:
        verdict = f"as likely as not {where}"
    elif sides and q > 0.55:
        verdict = f"more likely than not {where}"
    elif sides and q > p:
        verdict = f"more often {where} than in the band"
    else:
        verdict = "still its likeliest band, but held in fewer than half the draws"
    return f"{text}: {verdict}. The band is fragile.", True


def _end_sentence(ctx: Ctx, rob: Robustness, u: UnitRobustness) -> str:
    """Said plainly when the published score sits at an end of its interval."""
    units = list(ctx.result.units)
    if u.unit not in units or not _published(u):
        return ""
    col = rob.index_draws[:, units.index(u.unit)]
    col = col[~np.isnan(col)]
    if col.size == 0:
        return ""
    below = float(np.mean(col < u.score))
    above = float(np.mean(col > u.score))
    median = ctx.show(u.score_median)
    if below >= END_SHARE:
        return (
            f"The published score ({ctx.show(u.score)}) is higher than {share(below)} of the "
            f"draws (median {median}): it sits at the top end of its interval, so most of the "
            "varied choices score it lower."
        )
    if above >= END_SHARE:
        return (
            f"The published score ({ctx.show(u.score)}) is lower than {share(above)} of the "
            f"draws (median {median}): it sits at the bottom end of its interval, so most of "
            "the varied choices score it higher."
        )
    return ""


def _sentence(ctx: Ctx, rob: Robustness, u: UnitRobustness) -> tuple[str, bool]:
    """Plain sentences on how firm the band and rank are; True when something is fragile."""
    if u.band is None or not _published(u):
        return unscored_sentence(ctx, u), False
    parts = []
    band, fragile = _band_sentence(ctx, rob, u)
    parts.append(band)
    if not u.reference and u.rank is not None and u.p_same_rank < rob.fragile_below:
        fragile = True
        parts.append(f"Rank {u.rank} holds in {share(u.p_same_rank)} of draws.")
    if end := _end_sentence(ctx, rob, u):
        parts.append(end)
    return " ".join(parts), fragile


def build_line(ctx: Ctx, unit: str) -> RobustnessLine:
    rob = ctx.robustness
    if rob is None or unit not in rob.by_unit():
        return RobustnessLine(False, "", "", (), "", False, "")
    u = rob.by_unit()[unit]
    sentence, fragile = _sentence(ctx, rob, u)
    if not _published(u) or u.band is None:
        return RobustnessLine(True, fmt.DASH, "not ranked", (), sentence, False, "", plain=True)
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
    return RobustnessLine(
        True,
        score,
        _rank_text(u),
        bands,
        sentence,
        fragile,
        "fragile" if fragile else "",
        nominal=ctx.show(u.score),
        median=ctx.show(u.score_median),
    )


SOBOL_PREFIXES = (("weight: ", "Weight of "), ("value: ", "Reading of "))
SOBOL_WORDS = {
    "aggregation": "Arithmetic or geometric mean",
    "normalisation": "How indicators are put on 0-100",
    "imputation": "How missing values are filled",
    "indicator left out": "Which indicator is left out",
}
NEAR_ZERO = 0.005  # an estimate that prints as 0.00 or below 0 is "≈0": estimator noise


def sobol_label(group: str) -> str:
    """An uncertain input in plain words ("Weight of Financing", "Reading of LPI")."""
    for prefix, words in SOBOL_PREFIXES:
        if group.startswith(prefix):
            return words + group.removeprefix(prefix)
    return SOBOL_WORDS.get(group, group[:1].upper() + group[1:])


def index_text(value: float) -> str:
    """A Sobol estimate as printed: two decimals, "≈0" for one that is zero within noise
    (a negative estimate is sampling noise of the estimator, not a negative share)."""
    return "≈0" if value < NEAR_ZERO else f"{value:.2f}"


def plain_varied(item: Varied) -> str:
    """What was varied, in a reader's words (not the rubric's: "a zero child: offset")."""
    if item.kind != "aggregation":
        return item.text()
    where = " of " + ", ".join(item.nodes) if item.nodes else ""
    zero = (
        "a zero score counts as a small positive one, so one zero does not zero the mean"
        if item.on_zero == "offset"
        else "a node with a zero score has no geometric mean in that draw"
    )
    return f"aggregation{where}: {', '.join(item.options)} ({zero})"


def build_section(ctx: Ctx) -> RobustnessSection:
    rob, sens = ctx.robustness, ctx.sensitivity
    if rob is None:
        return RobustnessSection(False, "", (), NO_CHART, NO_CHART, NO_CHART, "", ())
    units = [u for u in rob.units if _published(u) and not math.isnan(u.score_low)]
    lead = (
        f"How far each score, rank and band moves when the inputs that are a matter of judgement "
        f"or measurement move: {rob.draws:,} draws of those inputs, each scored in full. Bars "
        "run from the 5th to the 95th percentile over the draws; the line inside is the median "
        "(printed first at the right), the circle the published score or rank."
    )
    high_end = [u for u in units if _end_sentence(ctx, rob, u).find("top end") >= 0]
    if high_end:
        names = fmt.cap(", ".join(ctx.name(u.unit) for u in high_end), 300)
        lead += (
            f" For {names} the published score is higher than {END_SHARE:.0%} of the draws or "
            "more: it sits at the top end of its interval, and most of the varied choices score "
            "them lower."
        )
    period = ctx.period()
    score_rows = [
        rc.Interval(
            ctx.name(u.unit) + (" (reference)" if u.reference else ""),
            u.score,
            u.score_low,
            u.score_median,
            u.score_high,
            f"{ctx.show(u.score_median)} ({ctx.show(u.score_low)}-{ctx.show(u.score_high)})",
        )
        for u in units
    ]
    title = f"Index score: median and 5th-95th percentile over the draws, {period}"
    score_chart = Chart(rc_uri(rc.score_intervals(score_rows, ctx.thresholds, title)), title)
    ranked = [u for u in units if not u.reference and u.rank is not None]
    ranked = [u for u in ranked if not math.isnan(u.rank_low)]
    rank_chart = NO_CHART
    if ranked:
        n = int(max(u.rank_high for u in ranked))
        n = max(n, len(ctx.scored))
        rank_rows = [
            rc.Interval(
                ctx.name(u.unit),
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
    apart = " ".join(unscored_sentence(ctx, u) for u in rob.units if not _published(u))
    if apart:
        apart = "Not in the charts: " + apart
    sobol_chart, caption = NO_CHART, ""
    if sens is not None and sens.indices:
        rows = [
            rc.SobolBar(
                fmt.cap(sobol_label(i.group), 100),
                max(i.first, 0.0),
                i.total,
                i.total_conf,
                f"{index_text(i.total)} (alone {index_text(i.first)})",
            )
            for i in sens.indices[:N_SOBOL]
        ]
        title = "What moves the ranks most"
        sobol_chart = Chart(rc_uri(rc.sobol_bars(rows, title)), title)
        near_zero = any(i.first < NEAR_ZERO for i in sens.indices[:N_SOBOL])
        caption = (
            "For each input that was varied, the share of the movement in the ranks it "
            "accounts for: together with its interplay with the other inputs (light bar, with "
            f"its {sens.confidence:.0%} interval) and alone (dark bar, the figure in brackets). "
            f"The largest {min(N_SOBOL, len(sens.indices))} of {len(sens.indices)} inputs; "
            "how they were computed is in the methodology."
        )
        if near_zero:
            caption += (
                " ≈0: the input has no effect alone that the estimate can tell apart from zero "
                "(estimates just below zero are noise of the method, not negative shares)."
            )
        if sens.variance == 0:
            sobol_chart = NO_CHART
            caption = "No uncertain input moves any rank."
    fragile = tuple(
        f"{ctx.name(u.unit)}{' (reference)' if u.reference else ''}: {sentence}"
        for u in rob.units
        if _published(u)
        for sentence, is_fragile in [_sentence(ctx, rob, u)]
        if is_fragile
    )
    varied = tuple(plain_varied(v) for v in rob.varied)
    return RobustnessSection(
        True, lead, varied, score_chart, rank_chart, sobol_chart, caption, fragile, apart
    )


def varied_rule(ctx: Ctx, *, aggregation: bool = True) -> str:
    """What the uncertainty analysis varied, in one methodology rule ("" without one), with the
    technical detail the overview's captions leave out; `aggregation=False` leaves the means out
    (the methodology then says them as an alternative to the published mean)."""
    rob = ctx.robustness
    if rob is None:
        return ""
    items = [v for v in rob.varied if aggregation or v.kind != "aggregation"]
    varied = [plain_varied(v) for v in items]
    what = "; ".join(varied) if varied else "nothing (no uncertain input declared)"
    if not varied and not aggregation and rob.varied:
        what = "nothing else"
    text = (
        f"Robustness: {rob.draws:,} Monte Carlo draws (seed {rob.seed}) vary {what}. Intervals "
        "are the 5th to 95th percentiles over the draws, beside their median; a band or rank "
        f"held in fewer than {rob.fragile_below:.0%} of draws is called fragile. Reference "
        "jurisdictions are scored in every draw and never ranked. A country without a published "
        "index score is given no interval, rank or band, even where some draws score it."
    )
    sens = ctx.sensitivity
    if sens is not None and sens.indices:
        text += (
            " What moves the ranks: first-order and total Sobol indices of the variance of the "
            "mean absolute rank shift (each draw's mean over the ranked countries of |rank in "
            f"the draw - published rank|), estimated with SALib from {sens.base_samples:,} base "
            f"samples ({sens.runs:,} scored runs), with {sens.confidence:.0%} bootstrap "
            f"intervals ({sens.resamples:,} resamples); estimates below {NEAR_ZERO} are printed "
            "≈0."
        )
    return text


def rc_uri(svg: str) -> str:
    from readiness.report.charts import data_uri

    return data_uri(svg)
