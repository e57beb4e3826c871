"""Properties of the pipeline on random small rubrics and values (hypothesis).

Every rubric drawn here: one index over 1-3 pillars of 1-3 indicators each, arithmetic means,
positive random weights, random directions, goalposts (clipped) or min-max normalisation, no
imputation and no outlier treatment; values are random, some missing.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.api import Result, Rubric, Values, score
from readiness.engine.aggregate import aggregate_node
from readiness.rubric.model import Aggregation

RubricFactory = Callable[..., Rubric]
ValuesFactory = Callable[..., Values]

FAST = settings(max_examples=60, deadline=None)


@dataclass(frozen=True)
class Case:
    indicators: dict[str, dict[str, Any]]
    nodes: dict[str, dict[str, Any]]
    min_coverage: float
    values: dict[str, dict[str, float]]  # unit -> indicator -> raw (NaN = missing)

    @property
    def units(self) -> list[str]:
        return list(self.values)

    def rubric(self, make_rubric: RubricFactory) -> Rubric:
        return make_rubric(
            self.indicators, self.nodes, missing_data={"min_coverage": self.min_coverage}
        )


def finite(lo: float, hi: float) -> st.SearchStrategy[float]:
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False)


@st.composite
def cases(draw: st.DrawFn, method: str = "goalposts", min_coverage: float | None = None) -> Case:
    sizes = draw(st.lists(st.integers(1, 3), min_size=1, max_size=3))
    indicators: dict[str, dict[str, Any]] = {}
    nodes: dict[str, dict[str, Any]] = {"idx": {}}
    for p, size in enumerate(sizes):
        nodes[f"P{p}"] = {"parent": "idx", "weight": draw(finite(0.1, 10))}
        for k in range(size):
            if method == "goalposts":
                low = draw(finite(-100, 100))
                norm = {"method": "goalposts", "low": low, "high": low + draw(finite(0.5, 200))}
            else:
                norm = {"method": "minmax"}
            indicators[f"i{p}_{k}"] = {
                "parent": f"P{p}",
                "direction": draw(st.sampled_from([1, -1])),
                "weight": draw(finite(0.1, 10)),
                "normalisation": norm,
            }
    n_units = draw(st.integers(1, 6))
    raw = st.one_of(st.just(math.nan), finite(-300, 300))
    values = {f"U{u}": {i: draw(raw) for i in indicators} for u in range(n_units)}
    cov = min_coverage if min_coverage is not None else draw(st.sampled_from([0.0, 0.5]))
    return Case(indicators, nodes, cov, values)


def run(case: Case, make_rubric: RubricFactory, make_values: ValuesFactory) -> Result:
    return score(case.rubric(make_rubric), make_values(case.values))


def _present(case: Case, data: st.DataObject) -> tuple[str, str] | None:
    cells = [(u, i) for u, row in case.values.items() for i, x in row.items() if not math.isnan(x)]
    return data.draw(st.sampled_from(cells)) if cells else None


# --- bounds ------------------------------------------------------------------------------------


@FAST
@given(case=st.one_of(cases("goalposts"), cases("minmax")))
def test_every_score_is_within_0_and_100(
    case: Case, make_rubric: RubricFactory, make_values: ValuesFactory
) -> None:
    res = run(case, make_rubric, make_values)
    for frame in (res.normalised, res.scores):
        x = frame.to_numpy(dtype=float)
        x = x[~np.isnan(x)]
        assert ((x >= 0) & (x <= 100)).all()


@FAST
@given(
    rows=st.lists(
        st.lists(st.one_of(st.just(math.nan), finite(0.5, 100)), min_size=3, max_size=3),
        min_size=1,
        max_size=5,
    ),
    weights=st.lists(finite(0.01, 10), min_size=3, max_size=3),
    method=st.sampled_from(list(Aggregation)),
)
def test_a_weighted_mean_lies_between_its_smallest_and_largest_child(
    rows: list[list[float]], weights: list[float], method: Aggregation
) -> None:
    """min_c x_c <= mean <= max_c x_c, exactly (no rounding past the ends), for every method;
    so children on 0-100 give a node on 0-100, and equal children give exactly their value."""
    scores = np.array(rows)
    ns = aggregate_node(scores, np.array(weights), method)
    for row, value in zip(scores, ns.score, strict=True):
        present = row[~np.isnan(row)]
        if present.size == 0:
            assert math.isnan(value)
        else:
            assert present.min() <= value <= present.max()


# --- monotonicity ------------------------------------------------------------------------------


def _improve(case: Case, unit: str, ind: str, delta: float) -> Case:
    """The same case with `unit`'s raw value for `ind` moved by `delta` in its good direction."""
    values = {u: dict(row) for u, row in case.values.items()}
    values[unit][ind] += case.indicators[ind]["direction"] * delta
    return Case(case.indicators, case.nodes, case.min_coverage, values)


@FAST
@given(case=cases("goalposts"), delta=finite(0, 500), data=st.data())
def test_improving_an_indicator_never_lowers_the_units_aggregates(
    case: Case,
    delta: float,
    data: st.DataObject,
    make_rubric: RubricFactory,
    make_values: ValuesFactory,
) -> None:
    """Goalposts: if unit u has a value x for indicator i and x moves to x + d * delta
    (d its direction, delta >= 0), none of u's aggregate scores goes down and each keeps being
    scored or not; with fixed goalposts no other unit changes at all."""
    cell = _present(case, data)
    if cell is None:
        return
    unit, ind = cell
    before = run(case, make_rubric, make_values).scores
    after = run(_improve(case, unit, ind, delta), make_rubric, make_values).scores
    b, a = before.loc[unit].to_numpy(), after.loc[unit].to_numpy()
    np.testing.assert_array_equal(np.isnan(a), np.isnan(b))
    ok = ~np.isnan(b)
    assert (a[ok] >= b[ok]).all(), (before.loc[unit], after.loc[unit])
    others = [u for u in case.units if u != unit]
    pd.testing.assert_frame_equal(before.loc[others], after.loc[others])


@FAST
@given(case=cases("minmax"), delta=finite(0, 500), data=st.data())
def test_improving_an_indicator_never_lowers_the_units_own_aggregates_under_minmax(
    case: Case,
    delta: float,
    data: st.DataObject,
    make_rubric: RubricFactory,
    make_values: ValuesFactory,
) -> None:
    """Min-max: y_u = (x_u - min) / (max - min) is non-decreasing in x_u even though min and max
    move with it, so the unit's own aggregates cannot fall (other units' may)."""
    cell = _present(case, data)
    if cell is None:
        return
    unit, ind = cell
    b = run(case, make_rubric, make_values).scores.loc[unit].to_numpy()
    a = run(_improve(case, unit, ind, delta), make_rubric, make_values).scores.loc[unit].to_numpy()
    np.testing.assert_array_equal(np.isnan(a), np.isnan(b))
    ok = ~np.isnan(b)
    assert (a[ok] >= b[ok]).all()


# --- invariances -------------------------------------------------------------------------------


@FAST
@given(case=st.one_of(cases("goalposts"), cases("minmax")), data=st.data())
def test_reordering_units_changes_nothing(
    case: Case, data: st.DataObject, make_rubric: RubricFactory, make_values: ValuesFactory
) -> None:
    order = data.draw(st.permutations(case.units))
    shuffled = Case(
        case.indicators, case.nodes, case.min_coverage, {u: case.values[u] for u in order}
    )
    a = run(case, make_rubric, make_values)
    b = run(shuffled, make_rubric, make_values)
    assert b.units == order
    for name in ("normalised", "scores", "coverage", "reasons", "ranks", "stale"):
        got: pd.DataFrame = getattr(b, name)
        pd.testing.assert_frame_equal(got.loc[case.units], getattr(a, name), obj=name)
    key = ["unit", "id"]
    ca = a.contributions.sort_values(key).reset_index(drop=True)
    cb = b.contributions.sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(ca, cb)


@FAST
@given(case=cases("goalposts"), factor=finite(1e-3, 1e3), data=st.data())
def test_scaling_sibling_weights_changes_nothing(
    case: Case,
    factor: float,
    data: st.DataObject,
    make_rubric: RubricFactory,
    make_values: ValuesFactory,
) -> None:
    """Only weight shares matter: w_c -> k w_c for every child of one node leaves every score."""
    parent = data.draw(st.sampled_from(list(case.nodes)))

    def scaled(items: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        return {
            k: {**v, "weight": v["weight"] * factor} if v.get("parent") == parent else v
            for k, v in items.items()
        }

    other = Case(scaled(case.indicators), scaled(case.nodes), case.min_coverage, case.values)
    a = run(case, make_rubric, make_values)
    b = run(other, make_rubric, make_values)
    for name in ("scores", "coverage"):
        pd.testing.assert_frame_equal(
            getattr(a, name), getattr(b, name), rtol=1e-9, atol=1e-9, obj=name
        )
    pd.testing.assert_frame_equal(a.reasons, b.reasons)


# --- missing is not zero -----------------------------------------------------------------------


def _reweighted(children: list[str], weights: dict[str, float], scores: pd.Series) -> float:
    """sum_c w_c y_c / sum_c w_c over the children with a score; NaN if none has one."""
    present = [c for c in children if not math.isnan(scores[c])]
    if not present:
        return math.nan
    return sum(weights[c] * scores[c] for c in present) / sum(weights[c] for c in present)


@FAST
@given(case=cases("goalposts", min_coverage=0.0), data=st.data())
def test_a_missing_value_is_left_out_not_counted_as_zero(
    case: Case, data: st.DataObject, make_rubric: RubricFactory, make_values: ValuesFactory
) -> None:
    """With (u, i) missing, u's pillar is the re-weighted mean of its present siblings and the
    index the re-weighted mean of the pillars that have a score. With (u, i) at its worst
    goalpost (score 0) instead, the pillar is lower whenever the siblings' mean is above 0."""
    unit = data.draw(st.sampled_from(case.units))
    ind = data.draw(st.sampled_from(list(case.indicators)))
    spec = case.indicators[ind]
    worst = spec["normalisation"]["low" if spec["direction"] == 1 else "high"]
    pillar = spec["parent"]

    def with_value(x: float) -> Case:
        values = {u: dict(row) for u, row in case.values.items()}
        values[unit][ind] = x
        return Case(case.indicators, case.nodes, case.min_coverage, values)

    missing = run(with_value(math.nan), make_rubric, make_values)
    zero = run(with_value(worst), make_rubric, make_values)
    assert math.isnan(missing.normalised.at[unit, ind])
    assert zero.normalised.at[unit, ind] == 0.0

    weights = {k: v.get("weight", 1.0) for k, v in [*case.indicators.items(), *case.nodes.items()]}
    siblings = [k for k, v in case.indicators.items() if v["parent"] == pillar]
    row = missing.normalised.loc[unit]
    expected = _reweighted(siblings, weights, row)
    got = missing.scores.at[unit, pillar]
    if math.isnan(expected):
        assert math.isnan(got)
    else:
        assert math.isclose(got, expected, rel_tol=1e-12, abs_tol=1e-9)
    pillars = [k for k, v in case.nodes.items() if v.get("parent") == "idx"]
    index = _reweighted(pillars, weights, missing.scores.loc[unit])
    got_index = missing.scores.at[unit, "idx"]
    assert (math.isnan(index) and math.isnan(got_index)) or math.isclose(
        got_index, index, rel_tol=1e-12, abs_tol=1e-9
    )

    # Counting the value as 0 would be sum_c w_c y_c / (sum_c w_c + w_i): a different number.
    zero_pillar = zero.scores.at[unit, pillar]
    assert not math.isnan(zero_pillar)
    if math.isnan(expected):
        return  # missing: no score at all; zero: a score
    if expected > 1e-9:
        assert zero_pillar < got
    present = [c for c in siblings if c != ind and not math.isnan(row[c])]
    by_hand = sum(weights[c] * row[c] for c in present) / (
        sum(weights[c] for c in present) + weights[ind]
    )
    assert math.isclose(zero_pillar, by_hand, rel_tol=1e-12, abs_tol=1e-9)
