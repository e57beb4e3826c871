"""The what-if kernel (`engine.changes`) against the engine: each scenario scored on its own
gives the same scores (to rounding), on COINr's ASEM case and the C5 rubric."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from needs import shared
from readiness import api
from readiness.engine.changes import Baseline, Changes
from readiness.engine.plan import Plan
from readiness.engine.result import Result
from readiness.engine.score import score
from readiness.rubric.model import Outliers, Rubric

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


def test_what_if_changes_match_the_engine(asem: tuple[Rubric, Result, Plan]) -> None:
    """Random changes (values, denominators, a value removed) in six scenarios at once; ASEM's
    min-max normalisation and group imputation make every change reach the whole column."""
    rubric, result, _ = asem
    rubric = rubric.model_copy(update={"outliers": Outliers()})
    plan = Plan.build(rubric, result.units, result.attributes)
    raw = _matrix(result, plan)
    base = Baseline(plan, raw)
    rng = np.random.default_rng(3)
    rows: list[tuple[int, int, int, float]] = []
    expected = []
    for b in range(6):
        changed = raw.copy()
        for _ in range(b + 1):
            u, c = int(rng.integers(len(plan.units))), int(rng.integers(len(plan.columns)))
            value = float(raw[u, c] * rng.uniform(0.5, 1.5)) if b != 5 else np.nan
            changed[u, c] = value
            rows.append((b, u, c, value))
        out = score(rubric, _frame(result, plan, changed), attributes=result.attributes)
        expected.append(out.scores["Index"].to_numpy())
    got = base.score(Changes.of(6, rows))
    _assert_same(got, np.array(expected))


def test_what_if_changes_on_the_c5_rubric() -> None:
    rubric = api.load_rubric(C5)
    result = api.score(rubric, api.load_values(C5_VALUES, rubric))
    plan = Plan.build(rubric, result.units, result.attributes)
    raw = _matrix(result, plan)
    base = Baseline(plan, raw)
    _assert_same(base.index, result.scores["index"].to_numpy())
    k = plan.columns.index("fdi_inflows")
    u = plan.units.index("KAZ")
    got = base.score(Changes.of(2, [(0, u, k, 2.5), (1, u, k, 100.0)]))
    for b, value in enumerate((2.5, 100.0)):
        changed = raw.copy()
        changed[u, k] = value
        out = score(rubric, _frame(result, plan, changed), attributes=result.attributes)
        _assert_same(got[b], out.scores["index"].to_numpy())


def test_what_if_changes_through_a_geometric_offset_node(make_rubric: Any) -> None:
    """A zero appearing in one unit switches the offset on for every unit of a geometric
    `on_zero: offset` node (as `score` does): the kernel recomputes such a node whole."""
    goal = {"method": "goalposts", "low": 0, "high": 100}
    rubric = make_rubric(
        {"a": {"parent": "p", "normalisation": goal}, "b": {"parent": "p", "normalisation": goal}},
        {"idx": {}, "p": {"parent": "idx", "aggregation": "geometric", "on_zero": "offset"}},
    )
    frame = pd.DataFrame({"a": [10.0, 40.0, 90.0], "b": [50.0, 20.0, 70.0]}, index=["X", "Y", "Z"])
    result = score(rubric, frame)
    plan = Plan.build(rubric, result.units)
    base = Baseline(plan, frame.reindex(columns=list(plan.columns)).to_numpy(dtype=float))
    _assert_same(base.index, result.scores["idx"].to_numpy())
    a = plan.columns.index("a")
    got = base.score(Changes.of(2, [(0, 0, a, 0.0), (1, 1, a, 30.0)]))
    for b, (u, value) in enumerate(((0, 0.0), (1, 30.0))):
        changed = frame.copy()
        changed.iloc[u, changed.columns.get_loc("a")] = value
        _assert_same(got[b], score(rubric, changed).scores["idx"].to_numpy())
