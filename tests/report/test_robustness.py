"""Robustness in the reports: the interval and band shares beside each headline, a plain
sentence when a band or rank is fragile, the rank-interval chart and Sobol bars in the regional
overview, and what was varied in the methodology."""

from __future__ import annotations

import base64
import math
from dataclasses import replace

import numpy as np
import pytest
from report_support import RUBRIC, VALUES

from readiness import api
from readiness import format as fmt
from readiness.engine.paths import paths_to_next_band
from readiness.engine.result import Result
from readiness.report import build_documents, build_report_set, resolve_templates
from readiness.report.context import ReportSet
from readiness.report.context.robustness import index_text, sobol_label
from readiness.rubric.model import Uncertainty


@pytest.fixture(scope="module")
def result() -> Result:
    spec = Uncertainty.model_validate(
        {
            "draws": 400,
            "seed": 3,
            "aggregation": ["rubric", "geometric"],
            "leave_one_out": True,
            "sobol": {"base_samples": 64, "resamples": 20},
        }
    )
    rubric = api.load_rubric(RUBRIC).model_copy(update={"uncertainty": spec})
    return api.score(rubric, api.load_values(VALUES, rubric))


@pytest.fixture(scope="module")
def report(result: Result) -> ReportSet:
    rob, sens = api.robustness(result)
    return build_report_set(
        result, paths=paths_to_next_band(result), robustness=rob, sensitivity=sens
    )


def test_headline_carries_intervals_and_band_shares(result: Result, report: ReportSet) -> None:
    rob, _ = api.robustness(result, sobol=False)
    for card in report.scorecards:
        line = card.robustness
        u = rob.by_unit()[card.unit]
        assert line.shown
        if u.band is None:
            continue
        assert line.score.count("-") == 1
        shares = {b.label: b.value for b in line.bands}
        assert u.band in shares
        if u.p_same_band < rob.fragile_below:
            assert line.fragile and "the band is fragile" in line.sentence
            assert line.css == "fragile"
        assert "of draws" in line.sentence


def test_regional_section_and_methodology(report: ReportSet) -> None:
    section = report.regional.robustness
    assert section.shown and section.rank_chart.src and section.score_chart.src
    assert "draws" in section.lead
    assert any("left out" in v for v in section.varied)
    if not section.sobol_chart.src:  # on this fixture no input moves a rank
        assert section.sobol_caption.startswith("No uncertain input moves any rank")
    else:  # plain words on the page, the technical detail in the methodology
        assert "SALib" not in section.sobol_caption
        assert "variance" not in section.sobol_caption
        assert any("SALib" in r for r in report.regional.methodology.rules)
    for sentence in section.fragile:
        assert ":" in sentence  # names the country
    rules = report.regional.methodology.rules
    assert any(r.startswith("Robustness: 400 Monte Carlo draws") for r in rules)


def test_documents_render_the_partial(report: ReportSet) -> None:
    docs = build_documents(report, resolve_templates(None))
    regional = next(d for d in docs if d.stem == "regional-overview")
    assert "How robust the ranks are" in regional.html
    card = next(d for d in docs if d.stem.startswith("scorecard-"))
    assert "Robustness." in card.html


def test_without_the_analysis_nothing_is_shown(result: Result) -> None:
    plain = build_report_set(result, paths=paths_to_next_band(result))
    assert not plain.regional.robustness.shown
    assert not any(c.robustness.shown for c in plain.scorecards)
    docs = build_documents(plain, resolve_templates(None))
    assert all("How robust" not in d.html for d in docs)


# --- review 2026-12-01: B3, M7 and M2 ---------------------------------------------------------


def _svg(src: str) -> str:
    return base64.b64decode(src.split(",", 1)[1]).decode("utf-8")


def _hand(result: Result, **units: dict[str, object]) -> ReportSet:
    """The fixture's analysis with some units' statistics replaced by hand-made ones."""
    rob, _ = api.robustness(result, sobol=False)
    by = rob.by_unit()
    changed = tuple(replace(u, **units[u.unit]) if u.unit in units else u for u in rob.units)
    hand = replace(rob, units=changed)
    assert set(units) <= set(by)
    return build_report_set(result, paths=paths_to_next_band(result), robustness=hand)


NAN = math.nan
NO_DRAW = {  # TKM-like: no published score, no draw scores it
    "score_low": NAN,
    "score_median": NAN,
    "score_high": NAN,
    "rank_low": NAN,
    "rank_median": NAN,
    "rank_high": NAN,
    "p_scored": 0.0,
    "p_band": (0.0,) * 5,
}
SOME_DRAWS = {  # TJK-like: no published score, 5 % of the draws score it
    "score_low": 17.9,
    "score_median": 28.1,
    "score_high": 39.4,
    "rank_low": 2.0,
    "rank_median": 4.0,
    "rank_high": 4.0,
    "p_scored": 0.05,
    "p_band": (0.0, 0.0, 0.001, 0.03, 0.019),
}


def test_a_unit_without_a_published_score_gets_a_plain_sentence(result: Result) -> None:
    """B3 and M7: no "Score –; rank not ranked in any draw; Bands: ." and no rank or score
    interval for a country the published scoring could not score; the overview lists it
    apart, not as a row of its charts; the summary gives it no interval."""
    assert math.isnan(result.scores.at["TJK", "index"])
    assert math.isnan(result.scores.at["TKM", "index"])
    rs = _hand(result, TJK=SOME_DRAWS, TKM=NO_DRAW)
    cards = {c.unit: c for c in rs.scorecards}
    tkm, tjk = cards["TKM"].robustness, cards["TJK"].robustness
    assert tkm.plain and tjk.plain and not tkm.bands and not tjk.bands
    assert tkm.sentence == (
        "Turkmenistan has no index score in the published scoring, so the uncertainty "
        "analysis gives it no score interval, rank or band. No draw could score it either."
    )
    assert (
        "In 5% of the draws a left-out indicator or a weight draw let it reach its "
        "coverage rule" in tjk.sentence
    )
    assert "rank 2" not in tjk.sentence.lower()
    assert not any("lies between" in f for f in cards["TJK"].summary.fragile)
    docs = {d.stem: d.html for d in build_documents(rs, resolve_templates(None))}
    for stem in ("scorecard-TKM", "scorecard-TJK"):
        assert "Bands: ." not in docs[stem] and "Score –" not in docs[stem]
    section = rs.regional.robustness
    assert "Tajikistan" in section.apart and "Turkmenistan" in section.apart
    for chart in (section.score_chart, section.rank_chart):
        assert "Tajikistan" not in _svg(chart.src) and "Kazakhstan" in _svg(chart.src)


def test_a_band_held_in_under_half_the_draws_says_which_side_is_likelier(
    result: Result,
) -> None:
    """M2: UZB (48.4, Emerging: 40-55) in Emerging in 48 % of draws, below it in 52 %
    (Early-stage 38 %, Not ready 14 %): as likely as not below the Emerging threshold (40).
    In 30 % with 65 % below: more likely than not."""
    rs = _hand(result, UZB={"p_band": (0.0, 0.0, 0.48, 0.38, 0.14), "p_same_band": 0.48})
    line = next(c for c in rs.scorecards if c.unit == "UZB").robustness
    assert line.sentence.startswith(
        "Emerging in only 48% of draws, below it in 52% (Early-stage 38%; Not ready 14%): as "
        "likely as not below the Emerging threshold (40). The band is fragile."
    ), line.sentence
    assert line.fragile
    rs = _hand(result, UZB={"p_band": (0.05, 0.0, 0.30, 0.65, 0.0), "p_same_band": 0.30})
    line = next(c for c in rs.scorecards if c.unit == "UZB").robustness
    assert "more likely than not below the Emerging threshold (40)" in line.sentence
    # in 47 %, above in 36 %, below in 17 %: no side is likelier than the band itself
    rs = _hand(result, UZB={"p_band": (0.0, 0.36, 0.47, 0.17, 0.0), "p_same_band": 0.47})
    line = next(c for c in rs.scorecards if c.unit == "UZB").robustness
    assert line.sentence.startswith(
        "Emerging in only 47% of draws, above it in 36% (Advanced 36%), below it in 17% "
        "(Early-stage 17%): still its likeliest band, but held in fewer than half the draws."
    )
    # in 46 %, above in 37 %, below in 17 %: not "as likely as not" past 55 (37 % is not half)
    rs = _hand(result, UZB={"p_band": (0.0, 0.37, 0.46, 0.17, 0.0), "p_same_band": 0.46})
    line = next(c for c in rs.scorecards if c.unit == "UZB").robustness
    assert "as likely as not" not in line.sentence
    assert "still its likeliest band" in line.sentence
    # in 30 %, above in 40 %, below in 30 %: more often past 55 than in the band
    rs = _hand(result, UZB={"p_band": (0.0, 0.40, 0.30, 0.30, 0.0), "p_same_band": 0.30})
    line = next(c for c in rs.scorecards if c.unit == "UZB").robustness
    assert "more often past the Advanced threshold (55) than in the band" in line.sentence
    # in 45 %, above in 50 %: as likely as not past the threshold of the band above (55)
    rs = _hand(result, UZB={"p_band": (0.0, 0.5, 0.45, 0.05, 0.0), "p_same_band": 0.45})
    line = next(c for c in rs.scorecards if c.unit == "UZB").robustness
    assert "as likely as not past the Advanced threshold (55)" in line.sentence


def test_the_median_is_shown_and_a_published_score_at_an_end_is_said(result: Result) -> None:
    """M2: KAZ's published score (74.2) above 90 % of hand-made draws (0..89 below it by 10,
    10 above it by 1): the box prints the median beside it and says it sits at the top end."""
    rob, _ = api.robustness(result, sobol=False)
    k = list(result.units).index("KAZ")
    nominal = float(result.scores.at["KAZ", "index"])
    draws = rob.index_draws.copy()
    column = np.full(draws.shape[0], nominal - 10.0)
    column[: draws.shape[0] // 10] = nominal + 1.0
    draws[:, k] = column
    hand = replace(rob, index_draws=draws)
    rs = build_report_set(result, paths=paths_to_next_band(result), robustness=hand)
    line = next(c for c in rs.scorecards if c.unit == "KAZ").robustness
    median = rob.by_unit()["KAZ"].score_median
    assert line.nominal == "74.2" and line.median == fmt.score(median, result.rubric.thresholds)
    assert "it sits at the top end of its interval" in line.sentence
    assert "higher than 90% of the draws" in line.sentence
    html = next(
        d.html for d in build_documents(rs, resolve_templates(None)) if d.stem == "scorecard-KAZ"
    )
    assert f"median of the draws {line.median}" in html
    assert "Kazakhstan" in rs.regional.robustness.lead  # named in the overview too


def test_sobol_estimates_and_inputs_in_plain_words() -> None:
    """M2: a negative first-order estimate is noise: "≈0", never "-0.01"; no "value:" or
    "weight:" prefixes."""
    assert index_text(-0.0110) == "≈0" and index_text(0.004) == "≈0"
    assert index_text(0.52) == "0.52" and index_text(0.006) == "0.01"
    assert sobol_label("value: Public access to digital geological data") == (
        "Reading of Public access to digital geological data"
    )
    assert sobol_label("weight: Financing") == "Weight of Financing"
    assert sobol_label("aggregation") == "Arithmetic or geometric mean"
    assert sobol_label("indicator left out") == "Which indicator is left out"


def test_the_aggregation_switch_is_said_in_a_readers_words() -> None:
    """The report phrases what was varied from the engine's items, not by rewriting its text."""
    from readiness.engine.design import Varied
    from readiness.report.context.robustness import plain_varied

    means = ("as in the rubric", "geometric")
    offset = Varied("aggregation", means, nodes=("Index",), on_zero="offset")
    assert plain_varied(offset) == (
        "aggregation of Index: as in the rubric, geometric (a zero score counts as a small "
        "positive one, so one zero does not zero the mean)"
    )
    assert (
        offset.text() == "aggregation of Index: as in the rubric, geometric (a zero child: offset)"
    )
    missing = Varied("aggregation", means, on_zero="missing")
    assert plain_varied(missing).endswith(
        "(a node with a zero score has no geometric mean in that draw)"
    )
    assert plain_varied(Varied("intervals", count=3)) == Varied("intervals", count=3).text()
