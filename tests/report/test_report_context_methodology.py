"""The methodology says what the engine does, once: the rubric's means (and the uncertainty
analysis' other mean only as an alternative), and what a missing value does to the weights,
with the weights printed as they were used."""

from __future__ import annotations

import re

import pytest
from report_support import SHIPPED_RUBRIC

from readiness import api
from readiness.engine.paths import paths_to_next_band
from readiness.engine.result import Result
from readiness.report import build_report_set
from readiness.report.context import ReportSet
from readiness.rubric.model import Aggregation


@pytest.fixture(scope="module")
def with_robustness(shipped_result: Result) -> ReportSet:
    rob, _ = api.robustness(shipped_result, draws=60, sobol=False)
    return build_report_set(
        shipped_result, paths=paths_to_next_band(shipped_result), robustness=rob
    )


def test_the_aggregation_is_stated_as_the_rubric_sets_it(shipped_report: ReportSet) -> None:
    rubric = api.load_rubric(SHIPPED_RUBRIC)
    rules = shipped_report.regional.methodology.rules
    (rule,) = [r for r in rules if "the index is the" in r]
    root = rubric.root.aggregation.value
    assert f"the index is the weighted {root} mean" in rule
    for pillar in rubric.pillars:
        assert f"weighted {pillar.aggregation.value} mean of its indicators" in rule


def test_the_uncertainty_alternative_is_named_as_one(
    with_robustness: ReportSet, shipped_result: Result
) -> None:
    spec = shipped_result.rubric.uncertainty
    assert spec is not None
    others = [a for a in spec.aggregation if a != "rubric"]
    assert others, "the shipped rubric tries another mean in its uncertainty analysis"
    text = " ".join(with_robustness.regional.methodology.rules)
    # the engine's own words ("as in the rubric, geometric (a zero child: offset)") are gone
    assert "as in the rubric" not in text and "zero child" not in text
    for alt in others:
        mean = f"weighted {Aggregation(alt).value} mean"
        # the other mean appears once, and as the uncertainty analysis' alternative
        assert text.count(mean) == 1
        sentence = next(s for s in re.split(r"(?<=\.) ", text) if mean in s)
        assert "alternative" in sentence
    assert "Published scores always use the means of rule 2." in text


def test_the_missing_value_rule_says_the_weight_is_shared_out(shipped_report: ReportSet) -> None:
    text = " ".join(shipped_report.regional.methodology.rules)
    assert "nothing is imputed" not in text
    assert "its weight is shared among the pillar's other indicators" in text
    assert "the same as giving it their weighted mean score" in text


def _pct(text: str) -> float:
    return float(text.rstrip("%")) / 100


@pytest.mark.parametrize("unit", ["KAZ", "KGZ", "UZB"])
def test_a_rows_weight_is_the_one_its_points_were_computed_with(
    shipped_report: ReportSet, shipped_result: Result, unit: str
) -> None:
    card = next(c for c in shipped_report.scorecards if c.unit == unit)
    rubric = shipped_result.rubric
    checked = 0
    for pillar in card.pillars:
        pillar_points = 100 * rubric.nominal_share(pillar.id)
        for row in pillar.rows:
            if " of " not in row.points:
                continue
            possible = float(row.points.split(" of ")[1])
            # weight in pillar x the pillar's points = the most the row can add, as printed
            assert _pct(row.weight) * pillar_points == pytest.approx(possible, abs=0.01), row
            checked += 1
    assert checked >= 16


def test_a_shared_out_weight_is_shown_beside_the_rubrics(
    shipped_report: ReportSet, shipped_result: Result
) -> None:
    # Uzbekistan's EITI reading is missing: the six other legal indicators carry its weight
    missing = [
        i.id for i in shipped_result.rubric.indicators if shipped_result.raw[i.id].isna()["UZB"]
    ]
    assert missing, "the shipped set has a missing UZB value"
    card = next(c for c in shipped_report.scorecards if c.unit == "UZB")
    pillar_of = shipped_result.rubric.pillar_of
    thin = {pillar_of(i).id for i in missing}
    for pillar in card.pillars:
        for row in pillar.rows:
            if pillar.id in thin and row.value != "missing":
                assert row.weight_detail.startswith("rubric "), row
                assert row.weight != row.weight_detail.removeprefix("rubric ")
            elif row.value == "missing":
                assert row.weight_detail == "left out"
            else:
                assert row.weight_detail == ""
    # the scorecard's methodology says so beside the weights table, with the numbers used
    (line,) = card.methodology.shared
    row = next(r for p in card.pillars if p.id in thin for r in p.rows if r.weight_detail)
    assert (
        f"{row.weight} of the pillar instead of {row.weight_detail.removeprefix('rubric ')}" in line
    )
    assert f"at most {row.points.split(' of ')[1]} index points" in line
    kaz = next(c for c in shipped_report.scorecards if c.unit == "KAZ")
    assert kaz.methodology.shared == ()
