"""The draw kernel against the engine: same inputs, same scores (to rounding).

`score_draws` (weights per draw, method switches, varied cells) and `Baseline.score` (what-if
changes) must give what `score` gives for each draw or scenario scored on its own. Checked on
COINr's ASEM case (51 units, 49 indicators, 4 levels, denominators, group imputation) and on
the shipped C5 rubric.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from needs import shared
from readiness import api
from readiness.engine.batch import Draws, score_draws
from readiness.engine.plan import Methods, Plan
from readiness.engine.result import Result
from readiness.engine.score import score
from readiness.rubric.model import Aggregation, MinMax, OnZero, Outliers, Rank, Rubric, ZScore

ROOT = Path(__file__).resolve().parents[2]
ASEM = ("conformance", "coinr-asem", "input", "ASEM_iData.csv")  # under ../shared
C5 = ROOT / "rubrics" / "archive" / "c5-critical-minerals-1.0.0.yaml"  # the fixture's rubric
C5_VALUES = ROOT / "tests" / "report" / "data" / "c5-test-values.csv"
TOL = 1e-9


def _frame(result: Result, plan: Plan, raw: np.ndarray | None = None) -> pd.DataFrame:
    if raw is None:
        raw = _matrix(result, plan)
    return pd.DataFrame(raw, index=result.units, columns=list(plan.columns))


def _matrix(result: Result, plan: Plan) -> np.ndarray:
    both = pd.concat([result.raw, result.denominators], axis=1)
    return both.reindex(columns=list(plan.columns)).to_numpy(dtype=float)


@pytest.fixture(scope="module")
def asem() -> tuple[Rubric, Result, Plan]:
    data = shared(*ASEM)
    rubric = api.load_rubric(ROOT / "tests" / "conformance" / "asem.yaml")
    # Outlier treatment looks at a whole column and is not redone per draw; the varied-cell
    # cases below use the rubric without it (the nominal case keeps it).
    result = api.score(rubric, api.load_values(data, rubric))
    return rubric, result, Plan.build(rubric, result.units, result.attributes)


def _assert_same(got: np.ndarray, expected: np.ndarray) -> None:
    np.testing.assert_array_equal(np.isnan(got), np.isnan(expected))
    np.testing.assert_allclose(got, expected, rtol=0, atol=TOL)


def test_nominal_draw_is_the_engine_score_on_asem(asem: tuple[Rubric, Result, Plan]) -> None:
    rubric, result, plan = asem
    keep = [n.id for n in rubric.nodes]
    out = score_draws(plan, _matrix(result, plan), Draws(n=2), keep=keep)
    for node in keep:
        for row in out[node]:
            _assert_same(row, result.scores[node].to_numpy())


def _variant(rubric: Rubric, norm: object, agg: Aggregation) -> Rubric:
    data = rubric.model_dump(by_alias=True)
    for ind in data["indicators"]:
        ind["normalisation"] = norm
    for node in data["nodes"]:
        node["aggregation"] = agg.value
        node["on_zero"] = "offset"
    return Rubric.model_validate(data)


@pytest.mark.parametrize(
    ("norm", "agg"),
    [
        (MinMax(low=1, high=100), Aggregation.GEOMETRIC),
        (ZScore(mean=10, sd=2), Aggregation.ARITHMETIC),
        (Rank(), Aggregation.HARMONIC),
    ],
)
def test_method_switches_and_varied_cells_match_the_engine(
    asem: tuple[Rubric, Result, Plan], norm: MinMax | ZScore | Rank, agg: Aggregation
) -> None:
    rubric, result, _ = asem
    rubric = rubric.model_copy(update={"outliers": Outliers()})
    plan = Plan.build(rubric, result.units, result.attributes)
    raw = _matrix(result, plan)
    cells_u = np.array([0, 3, 7, 20])
    cells_c = np.array([0, 9, plan.columns.index("GDP"), 30])
    factors = np.array([[1.0, 1.0, 1.0, 1.0], [1.5, 0.5, 2.0, 0.9]])
    values = raw[cells_u, cells_c][np.newaxis, :] * factors
    rng = np.random.default_rng(7)
    weights = plan.weight[np.newaxis, :] * rng.uniform(0.75, 1.25, (2, len(plan.items)))
    methods = (Methods(), Methods(norm, agg, on_zero=OnZero.OFFSET))
    draws = Draws(2, weights, methods, np.array([1, 1]), cells_u, cells_c, values)
    got = score_draws(plan, raw, draws)["Index"]
    variant = _variant(rubric, norm.model_dump(), agg)
    for d in range(2):
        changed = raw.copy()
        changed[cells_u, cells_c] = values[d]
        data = variant.model_dump(by_alias=True)
        for k, item in enumerate(plan.items):
            target = data["indicators"] if item in rubric.indicator_by_id else data["nodes"]
            for entry in target:
                if entry["id"] == item:
                    entry["weight"] = float(weights[d, k])
        weighted = Rubric.model_validate(data)
        expected = score(weighted, _frame(result, plan, changed), attributes=result.attributes)
        _assert_same(got[d], expected.scores["Index"].to_numpy())
