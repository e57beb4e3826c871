"""The whole pipeline on a small hand-worked case: scores, coverage, reasons, ranks, bands,
contributions and potentials, stale flags, and the checks that guard `score`."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest
from numpy.testing import assert_allclose

from readiness.api import Result, Rubric, Values, score
from readiness.inputs.values import from_matrix, make_table
from readiness.problems import ReadinessError

NAN = math.nan
RubricFactory = Callable[..., Rubric]
ValuesFactory = Callable[..., Values]


def gp(low: float, high: float) -> dict[str, Any]:
    return {"method": "goalposts", "low": low, "high": high}


# index <- P1 (weight 1) <- a (1), b (1, lower is better)
#       <- P2 (weight 3) <- c (2), d (1), e (1)
INDICATORS: dict[str, dict[str, Any]] = {
    "a": {"parent": "P1", "normalisation": gp(0, 10)},
    "b": {"parent": "P1", "direction": -1, "normalisation": gp(0, 10), "max_age_years": 1},
    "c": {"parent": "P2", "weight": 2, "normalisation": gp(0, 100)},
    "d": {"parent": "P2", "normalisation": gp(0, 100)},
    "e": {"parent": "P2", "normalisation": gp(0, 100)},
}
NODES: dict[str, dict[str, Any]] = {
    "index": {},
    "P1": {"parent": "index"},
    "P2": {"parent": "index", "weight": 3},
}
BANDS = [{"label": "ready", "min": 70}, {"label": "mid", "min": 50}, {"label": "low", "min": 0}]
VALUES = {
    # a 50, b 80 -> P1 65; c 40, d 80, e 60 -> P2 (80 + 80 + 60) / 4 = 55;
    # index (65 + 3 * 55) / 4 = 57.5
    "U1": {"a": 5, "b": 2, "c": 40, "d": 80, "e": 60},
    # b 50 -> P1 50 (coverage 1/2); c 100, e 20 -> P2 (200 + 20) / 3; index (50 + 220) / 4 = 67.5
    "U2": {"a": NAN, "b": 5, "c": 100, "d": NAN, "e": 20},
    # a 100, b 0 -> P1 50; P2 has nothing; index coverage 1/4 < 0.5 -> insufficient
    "U3": {"a": 10, "b": 10, "c": NAN, "d": NAN, "e": NAN},
}


@pytest.fixture(scope="module")
def rubric(make_rubric: RubricFactory) -> Rubric:
    return make_rubric(INDICATORS, NODES, bands=BANDS)


@pytest.fixture(scope="module")
def result(rubric: Rubric, make_values: ValuesFactory) -> Result:
    return score(rubric, make_values(VALUES))


def test_node_scores_by_hand(result: Result) -> None:
    s = result.scores
    assert list(s.columns) == ["P1", "P2", "index"]
    assert_allclose(s.loc["U1"].to_numpy(), [65.0, 55.0, 57.5])
    assert_allclose(s.loc["U2"].to_numpy(), [50.0, 220 / 3, 67.5])
    assert s.at["U3", "P1"] == 50.0
    assert math.isnan(s.at["U3", "P2"]) and math.isnan(s.at["U3", "index"])


def test_coverage_and_reasons(result: Result) -> None:
    cov = result.coverage
    assert_allclose(cov.loc["U2"].to_numpy(), [0.5, 0.75, 1.0])
    assert_allclose(cov.loc["U3"].to_numpy(), [1.0, 0.0, 0.25])
    assert result.reasons.loc["U1"].tolist() == ["", "", ""]
    assert result.reasons.at["U3", "P2"] == "insufficient data: no component has a value"
    assert result.reasons.at["U3", "index"] == (
        "insufficient data: 25% of the weight has values, 50% needed"
    )


def test_ranks_and_bands(result: Result) -> None:
    assert result.ranks["index"].tolist()[:2] == [2, 1]
    assert result.ranks["index"].isna().tolist() == [False, False, True]
    assert result.ranks["P1"].tolist() == [1, 2, 2]  # 65, 50, 50: ties share rank 2
    assert result.bands.tolist()[:2] == ["mid", "mid"]
    assert result.bands.iloc[2] is pd.NA
    assert result.ranking()["unit"].tolist() == ["U2", "U1", "U3"]


def _contrib(result: Result) -> pd.DataFrame:
    return result.contributions.set_index(["unit", "id"])


def test_contributions_by_hand(result: Result) -> None:
    """to_index = score x product of weight shares along the path (present siblings only)."""
    c = _contrib(result)
    # U1: a 50 * 1/2 * 1/4, b 80 * 1/2 * 1/4, c 40 * 1/2 * 3/4, d 80 * 1/4 * 3/4, e 60 * 1/4 * 3/4
    got = [c.at[("U1", i), "to_index"] for i in "abcde"]
    assert_allclose(got, [6.25, 10.0, 15.0, 15.0, 11.25])
    # U2: a missing; b 50 * 1 * 1/4; c 100 * 2/3 * 3/4; d missing; e 20 * 1/3 * 3/4
    got = [c.at[("U2", i), "to_index"] for i in "abcde"]
    assert_allclose(got, [NAN, 12.5, 50.0, NAN, 5.0])
    assert_allclose(c.at[("U1", "c"), "to_parent"], 20.0)  # 40 * 2/4
    assert_allclose(c.at[("U1", "P2"), "to_parent"], 41.25)  # 55 * 3/4


@pytest.mark.parametrize("unit", ["U1", "U2"])
def test_indicator_contributions_sum_to_the_index(result: Result, unit: str) -> None:
    c = result.contributions
    rows = c[(c["unit"] == unit) & c["id"].isin(list(INDICATORS))]
    assert_allclose(rows["to_index"].sum(), result.scores.at[unit, "index"])
    pillars = c[(c["unit"] == unit) & c["id"].isin(["P1", "P2"])]
    assert_allclose(pillars["to_index"].sum(), result.scores.at[unit, "index"])


def test_potential_is_the_nominal_weight_share(result: Result) -> None:
    """P1 1/4, P2 3/4; a, b 1/2 of P1; c 2/4, d, e 1/4 of P2; times 100."""
    c = _contrib(result)
    expected = {
        "a": 12.5, "b": 12.5, "c": 37.5, "d": 18.75, "e": 18.75,
        "P1": 25.0, "P2": 75.0, "index": 100.0,
    }  # fmt: skip
    for unit in ("U1", "U2", "U3"):  # the same for every unit, whatever is missing
        assert {k: c.at[(unit, k), "potential"] for k in expected} == pytest.approx(expected)


def test_insufficient_unit_contributes_nothing(result: Result) -> None:
    c = _contrib(result)
    assert math.isnan(c.at[("U3", "a"), "to_index"])
    assert_allclose(c.at[("U3", "a"), "to_parent"], 50.0)  # P1 itself scores


def test_geometric_contributions_are_proportional_and_sum_to_the_node(
    make_rubric: RubricFactory, make_values: ValuesFactory
) -> None:
    """Geometric: sqrt(10 * 40) = 20, split in proportion to s_c x_c: 20 * 5/25 and 20 * 20/25."""
    r = make_rubric(
        {k: {"parent": "idx", "normalisation": gp(0, 100)} for k in "ab"},
        {"idx": {"aggregation": "geometric"}},
    )
    res = score(r, make_values({"U": {"a": 10, "b": 40}}))
    c = _contrib(res)
    assert_allclose(res.scores.at["U", "idx"], 20.0)
    assert_allclose([c.at[("U", "a"), "to_index"], c.at[("U", "b"), "to_index"]], [4.0, 16.0])


def test_zero_child_in_geometric_mean_is_a_user_error(
    make_rubric: RubricFactory, make_values: ValuesFactory
) -> None:
    r = make_rubric(
        {k: {"parent": "idx", "normalisation": gp(0, 100)} for k in "ab"},
        {"idx": {"aggregation": "geometric"}},
    )
    with pytest.raises(ReadinessError, match=r"V scores 0 on 'b'.*geometric"):
        score(r, make_values({"U": {"a": 10, "b": 40}, "V": {"a": 10, "b": 0}}))


def test_zero_child_insufficient_gives_a_reason(
    make_rubric: RubricFactory, make_values: ValuesFactory
) -> None:
    r = make_rubric(
        {k: {"parent": "idx", "normalisation": gp(0, 100)} for k in "ab"},
        {"idx": {"aggregation": "harmonic", "on_zero": "insufficient"}},
    )
    res = score(r, make_values({"U": {"a": 20, "b": 60}, "V": {"a": 10, "b": 0}}))
    assert_allclose(res.scores.at["U", "idx"], 30.0)
    assert math.isnan(res.scores.at["V", "idx"])
    assert res.reasons.at["V", "idx"] == (
        "insufficient data: a component scores 0 or less, which this mean cannot take"
    )


def test_a_component_still_below_zero_after_the_offset_gives_a_reason(
    make_rubric: RubricFactory, make_values: ValuesFactory
) -> None:
    """Unclipped goalposts: b = -5 scores -5; the offset 1 leaves -4, so V's geometric mean is
    undefined (insufficient, with the reason); U takes the offset too (its a is 0)."""
    unclipped = {"method": "goalposts", "low": 0, "high": 100, "clip": False}
    r = make_rubric(
        {k: {"parent": "idx", "normalisation": unclipped} for k in "ab"},
        {"idx": {"aggregation": "geometric", "on_zero": "offset"}},
    )
    res = score(r, make_values({"U": {"a": 0, "b": 80}, "V": {"a": 30, "b": -5}}))
    assert_allclose(res.scores.at["U", "idx"], math.sqrt(81) - 1)
    assert math.isnan(res.scores.at["V", "idx"])
    assert res.reasons.at["V", "idx"] == (
        "insufficient data: a component scores 0 or less, which this mean cannot take"
    )


def test_node_min_coverage_overrides_the_policy(
    make_rubric: RubricFactory, make_values: ValuesFactory
) -> None:
    inds = {k: {"parent": "idx", "normalisation": gp(0, 100)} for k in "abc"}
    values = make_values({"U": {"a": 30, "b": NAN, "c": NAN}})
    lenient = score(make_rubric(inds, {"idx": {"min_coverage": 0.3}}), values)
    strict = score(make_rubric(inds, {"idx": {}}), values)  # policy default 0.5
    assert lenient.scores.at["U", "idx"] == 30.0
    assert math.isnan(strict.scores.at["U", "idx"])
    assert strict.reasons.at["U", "idx"] == (
        "insufficient data: 33% of the weight has values, 50% needed"
    )


# --- stale flags -------------------------------------------------------------------------------


def _stale_values() -> Values:
    rows = [
        # 2024-06 means 2024-06-30: 2.5 years before 2026-12-31 (end of 2026-Q4).
        {"unit": "U1", "indicator": "a", "value": 5, "as_of": "2024-06"},  # max 3: fresh
        {"unit": "U1", "indicator": "b", "value": 5, "as_of": "2024-06"},  # max 1: stale
        {"unit": "U2", "indicator": "a", "value": 5, "as_of": "2020"},  # 7 years: stale
        {"unit": "U2", "indicator": "b", "value": 5, "as_of": ""},  # no date: unknown
        {"unit": "U3", "indicator": "a", "value": NAN, "as_of": "2010"},  # no value: unknown
        {"unit": "U3", "indicator": "b", "value": 5, "as_of": "last year"},  # not a date
        {"unit": "U3", "indicator": "c", "value": 5, "as_of": "2026-12-31"},  # fresh
    ]
    units = pd.DataFrame({"name": ["U1", "U2", "U3"]}, index=pd.Index(["U1", "U2", "U3"]))
    return Values(table=make_table(rows), units=units, period="2026-Q4")


def test_stale_flags_from_as_of_dates_and_period(rubric: Rubric) -> None:
    res = score(rubric, _stale_values())
    assert res.period == "2026-Q4"
    st = res.stale
    assert str(st["a"].dtype) == "boolean"
    assert bool(st.at["U1", "a"]) is False
    assert bool(st.at["U1", "b"]) is True
    assert bool(st.at["U2", "a"]) is True
    assert bool(st.at["U3", "c"]) is False
    for unit, ind in [("U2", "b"), ("U3", "a"), ("U3", "b"), ("U1", "c"), ("U1", "e")]:
        assert st.at[unit, ind] is pd.NA, (unit, ind)


def test_stale_flags_follow_the_period_given_to_score(rubric: Rubric) -> None:
    # Scored as of 2023-Q1 (ends 2023-03-31), 2020 (= 2020-12-31) is only 2.25 years old.
    res = score(rubric, _stale_values(), period="2023-Q1")
    assert bool(res.stale.at["U2", "a"]) is False


def test_no_period_means_no_stale_flags(rubric: Rubric) -> None:
    v = _stale_values()
    res = score(rubric, Values(table=v.table, units=v.units, period=None))
    assert res.stale.isna().all().all()


# --- the checks guarding score -----------------------------------------------------------------


def test_group_imputation_without_the_group_column_is_a_user_error(
    make_rubric: RubricFactory, make_values: ValuesFactory
) -> None:
    r = make_rubric(
        {"a": {"parent": "idx"}},
        {"idx": {}},
        missing_data={"imputation": "group_mean", "group": "region"},
    )
    with pytest.raises(ReadinessError, match="needs a unit column 'region'"):
        score(r, make_values({"U": {"a": 1.0}}))


def test_rubric_units_fix_the_order_and_include_units_without_values(
    make_rubric: RubricFactory, make_values: ValuesFactory
) -> None:
    r = make_rubric(
        {"a": {"parent": "idx", "normalisation": gp(0, 10)}},
        {"idx": {}},
        units=[{"id": "B", "name": "Bee"}, {"id": "A", "name": "Ay"}, {"id": "C", "name": "Sea"}],
    )
    res = score(r, make_values({"A": {"a": 1.0}, "B": {"a": 2.0}}))
    assert res.units == ["B", "A", "C"]
    assert res.unit_names.tolist() == ["Bee", "Ay", "Sea"]
    assert math.isnan(res.scores.at["C", "idx"])
    assert res.reasons.at["C", "idx"] == "insufficient data: no component has a value"


def test_reference_units_are_scored_and_banded_but_never_ranked(make_rubric: Any) -> None:
    rubric = make_rubric(
        {"a": {"parent": "p", "normalisation": {"method": "goalposts", "low": 0, "high": 100}}},
        {"idx": {}, "p": {"parent": "idx"}},
        units=[
            {"id": "AAA", "name": "A"},
            {"id": "REF", "name": "Reference", "role": "reference"},
            {"id": "BBB", "name": "B"},
        ],
        bands=[{"label": "high", "min": 50}, {"label": "low", "min": 0}],
    )
    values = from_matrix(pd.DataFrame({"a": [40.0, 90.0, 60.0]}, index=["AAA", "REF", "BBB"]))
    result = score(rubric, values)
    # REF scores highest but takes no rank: the assessed units rank 1 and 2 among themselves.
    assert result.scores.at["REF", "idx"] == 90.0
    assert result.bands.at["REF"] == "high"
    assert result.ranks.at["REF", "idx"] is pd.NA
    assert (result.ranks.at["BBB", "idx"], result.ranks.at["AAA", "idx"]) == (1, 2)
    assert result.assessed_units == ["AAA", "BBB"]
    assert list(result.ranking()["unit"]) == ["BBB", "AAA", "REF"]
