"""Executive summaries: written by rules from the data, checked against the TEST fixture's
numbers worked out from its scores (Kyrgyzstan 39.68: Early-stage, 0.32 below Emerging)."""

from __future__ import annotations

import math

import pytest
from report_support import VALUES, Rendered, pdf_text

from readiness import api
from readiness.engine.paths import paths_to_next_band
from readiness.engine.result import Result
from readiness.report import build_report_set
from readiness.report.context import ReportSet, Scorecard
from readiness.rubric.model import Uncertainty


@pytest.fixture(scope="module")
def report(c5_result: Result) -> ReportSet:
    return build_report_set(c5_result, paths=paths_to_next_band(c5_result))


def card(report: ReportSet, unit: str) -> Scorecard:
    return next(c for c in report.scorecards if c.unit == unit)


def test_band_margins_and_meaning(report: ReportSet, c5_result: Result) -> None:
    s = card(report, "KGZ").summary
    early = next(b for b in c5_result.rubric.bands if b.label == "Early-stage")
    assert s.verdict == "Kyrgyzstan is Early-stage, with an index of 39.7 (rank 3 of 3 scored)."
    assert s.meaning == f"For an investor, Early-stage means: {' '.join(early.description.split())}"
    # 39.7 as printed: 40.0 - 39.7 = 0.3 to Emerging, 39.7 - 25.0 = 14.7 above its floor
    assert s.decides[0] == (
        "The index of 39.7 sits 0.3 points below Emerging and 14.7 above the floor of Early-stage."
    )
    assert "Close to a threshold: 0.3 points below Emerging." in s.fragile
    assert s.changes[-1] == "It would fall to Not ready if the index lost more than 14.7 points."


def test_what_costs_most_is_the_largest_shortfall(report: ReportSet, c5_result: Result) -> None:
    """KGZ: Caspian access adds 0.00 of 6.25 possible points (6.25 lost), the geodata portal
    2.78 of 8.33 (5.56 lost); every other indicator loses less."""
    contrib = c5_result.contributions.set_index(["unit", "id"])
    lost = {
        i.id: 100 * c5_result.effective_share("KGZ", i.id)
        - float(contrib.at[("KGZ", i.id), "to_index"])
        for i in c5_result.rubric.indicators
    }
    top2 = sorted(lost, key=lambda k: -lost[k])[:2]
    assert top2 == ["caspian_access", "geodata_portal"]
    # Caspian access is geography: the gaps named are the two largest policy or outcome ones,
    # the Gaps box's first two, and the fixed one is said apart
    top2 = [k for k in sorted(lost, key=lambda k: -lost[k]) if k != "caspian_access"][:2]
    assert top2 == ["geodata_portal", "fdi_inflows"]
    decides = card(report, "KGZ").summary.decides
    assert decides[1] == (
        "It loses most on Public access to digital geological data (On request or fee only; "
        "loses 5.56 of 8.33 points) and FDI net inflows (1.5 % of GDP; loses 5.31 of 6.25 "
        "points)."
    )
    assert decides[2] == (
        "Own Caspian port on the Middle Corridor loses 6.25 points, more than any of these, but "
        "it is geography: fixed, not a policy lever."
    )
    gaps = card(report, "KGZ").highlights.gaps
    assert [g.name for g in gaps[:2]] == [
        "Public access to digital geological data",
        "FDI net inflows",
    ]


def test_what_would_change_it_follows_the_path(report: ReportSet) -> None:
    s = card(report, "KGZ").summary
    # policy levers first (the path's rule): the cadastre, a policy lever, goes one level up
    assert s.changes[0] == (
        "Emerging (40) is reached with one policy change: Online mining cadastre: Partial "
        "online → Public licence map (the best among the countries scored: Kazakhstan, "
        "Uzbekistan), giving 43.8 (Emerging)."
    )
    assert card(report, "KAZ").summary.changes[0] == "Kazakhstan is in the top band."


def test_a_country_without_an_index(report: ReportSet) -> None:
    s = card(report, "TKM").summary
    assert s.verdict.startswith("Turkmenistan has no index score and no band")
    assert "unknown, not low" in s.meaning
    assert s.decides[0].startswith(
        "Geological data access cannot be scored: 0 of 3 indicators reported"
    )
    assert s.changes[0].startswith("Reporting the missing values would give an index between")
    assert any("LPI infrastructure" in f for f in s.fragile)  # TKM's LPI is from 2018: stale


def test_robustness_when_the_analysis_ran(c5_result: Result, report: ReportSet) -> None:
    """The uncertainty analysis (the engine's) enters 'what is fragile' in its own words."""
    rubric = c5_result.rubric.model_copy(
        update={"uncertainty": Uncertainty.model_validate({"draws": 300, "seed": 5})}
    )
    result = api.score(rubric, api.load_values(VALUES, rubric))
    rob, _ = api.robustness(result, sobol=False)
    with_rob = build_report_set(result, paths=paths_to_next_band(result), robustness=rob)
    kgz = card(with_rob, "KGZ")
    line = kgz.robustness
    said = [f for f in kgz.summary.fragile if f.startswith("Under the uncertainty analysis")]
    low, high = line.score.split("-")
    assert said == [
        f"Under the uncertainty analysis: {line.sentence} The index lies between {low} and "
        f"{high} in 90% of the draws."
    ]
    assert not any("uncertainty" in f for f in card(report, "KGZ").summary.fragile)
    # the overview names the assessed countries whose band or rank is fragile, in the
    # robustness section's words, and leaves the reference jurisdictions to that section
    expected = [
        f"{c.name} under the uncertainty analysis: {c.robustness.sentence}"
        for c in sorted(with_rob.scorecards, key=lambda c: _rank_order(with_rob, c.unit))
        if c.robustness.fragile
    ]
    assert expected, "the fixture has fragile bands under 300 draws: the check must bite"
    assert [f for f in with_rob.regional.summary.fragile if "uncertainty" in f] == expected


def _rank_order(report: ReportSet, unit: str) -> int:
    return [r.code for r in report.regional.ranking].index(unit)


def test_regional_summary(report: ReportSet) -> None:
    s = report.regional.summary
    assert s.verdict == "3 of 5 countries have an index score."
    assert s.meaning.startswith("Investment-ready: Kazakhstan (74.2); Emerging: Uzbekistan")
    assert "Tajikistan and Turkmenistan have no index for lack of data" in s.meaning
    assert "Kyrgyzstan is 0.3 points below Emerging." in s.fragile
    assert [c.split(":")[0] for c in s.changes] == [
        "Uzbekistan",
        "Kyrgyzstan",
        "Tajikistan",
        "Turkmenistan",
    ]


@pytest.mark.parametrize("stem", ["regional-overview", "scorecard-KGZ", "scorecard-TJK"])
def test_the_summary_is_on_page_one(rendered: Rendered, report: ReportSet, stem: str) -> None:
    from pypdf import PdfReader

    first = " ".join((PdfReader(rendered.pdf(stem)).pages[0].extract_text() or "").split())
    doc = report.regional if stem == "regional-overview" else card(report, stem[-3:])
    assert "Executive summary" in first
    assert doc.summary.verdict in first
    for part in ("What decides it", "What is fragile"):
        assert part in first
    assert pdf_text(rendered.pdf(stem))  # the whole document still reads


@pytest.mark.parametrize("unit", ["KAZ", "KGZ", "UZB"])
def test_summary_and_gaps_box_name_the_same_gaps_by_points_lost(
    shipped_report: ReportSet, shipped_result: Result, unit: str
) -> None:
    """Both rank by index points lost (weight counts), worked out here from the contributions:
    KAZ's LPI infrastructure (5.21 of 8.33 lost) outranks EITI (2.38 of 3.57)."""
    contrib = shipped_result.contributions.set_index(["unit", "id"])
    rubric = shipped_result.rubric
    lost = {}
    for ind in rubric.indicators:
        got = float(contrib.at[(unit, ind.id), "to_index"])
        if ind.lever.value != "fixed" and not math.isnan(got):
            lost[ind.id] = 100 * shipped_result.effective_share(unit, ind.id) - got
    expected = [rubric.indicator_by_id[k].name for k in sorted(lost, key=lambda k: -lost[k])]
    c = card(shipped_report, unit)
    gaps = [g.name for g in c.highlights.gaps]
    assert gaps == expected[: len(gaps)]
    (sentence,) = [d for d in c.summary.decides if d.startswith("It loses most on ")]
    for name in gaps[:2]:
        assert name in sentence
    for g in c.highlights.gaps:  # the points are printed
        assert g.detail.startswith("loses ") and "index points" in g.detail
    if unit == "KAZ":
        assert "LPI infrastructure" in gaps
        assert "Extractives transparency (EITI or equivalent)" not in gaps


def test_full_marks_counts_the_indicators_reported(shipped_report: ReportSet) -> None:
    for c in shipped_report.scorecards:
        line = next((d for d in c.summary.decides if d.startswith("Full marks on ")), None)
        if line is None:
            continue
        reported = sum(r.value != "missing" for p in c.pillars for r in p.rows)
        assert f" of the {reported} indicators reported" in line, (c.unit, line)


def test_the_band_meaning_names_no_country(
    shipped_report: ReportSet, shipped_result: Result
) -> None:
    """A scorecard quotes its band's meaning: it must read as a statement about the band, so it
    names no jurisdiction (KGZ's used to describe Mongolia's routes). The calibration examples
    are printed in the methodology's band table instead, from the scores."""
    names = [u.name for u in shipped_result.rubric.units]
    for c in shipped_report.scorecards:
        band = shipped_result.band_of(c.unit)
        if band is None:
            continue
        assert c.summary.meaning.startswith(f"For an investor, {band} means: ")
        for name in names:
            assert name not in c.summary.meaning, (c.unit, name)
    bands = {b.label: b for b in shipped_report.regional.methodology.bands}
    for ref in shipped_result.rubric.reference_units:
        band = shipped_result.band_of(ref)
        assert band is not None
        assert shipped_result.unit_names[ref] in bands[band].references
