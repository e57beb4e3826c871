"""Robustness in the reports: the interval and band shares beside each headline, a plain
sentence when a band or rank is fragile, the rank-interval chart and Sobol bars in the regional
overview, and what was varied in the methodology."""

from __future__ import annotations

import pytest
from report_support import RUBRIC, VALUES

from readiness import api
from readiness.engine.paths import paths_to_next_band
from readiness.engine.result import Result
from readiness.report import build_documents, build_report_set, resolve_templates
from readiness.report.context import ReportSet
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
    else:
        assert "SALib" in section.sobol_caption
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
