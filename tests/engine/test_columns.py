"""Scores of the value columns a batch of draws varies, by route, against hand-worked numbers
and against `plan.indicator_scores` on each draw's values."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from numpy.testing import assert_allclose

from readiness.engine.columns import VariedColumns
from readiness.engine.plan import Methods, Plan, indicator_scores
from readiness.rubric.model import Imputation, Rank

GOAL = {"method": "goalposts", "low": 0, "high": 100}


def _rubric(make_rubric: Any, imputation: str = "none") -> Any:
    """g: goalposts 0-100, m: min-max 0-100, z: z-score (50, 10), d: goalposts, direction -1."""
    return make_rubric(
        {
            "g": {"parent": "p", "normalisation": GOAL},
            "m": {"parent": "p", "normalisation": {"method": "minmax", "low": 0, "high": 100}},
            "z": {"parent": "p", "normalisation": {"method": "zscore", "mean": 50, "sd": 10}},
            "d": {"parent": "p", "normalisation": GOAL, "direction": -1},
        },
        {"idx": {}, "p": {"parent": "idx"}},
        missing_data={"imputation": imputation},
    )


def _columns(
    plan: Plan, raw: np.ndarray, methods: Methods, unit: list[int], column: list[int]
) -> VariedColumns:
    cols = np.arange(len(plan.indicators))
    static = indicator_scores(plan, raw, cols, methods)
    return VariedColumns(
        plan,
        raw,
        raw,
        static,
        methods,
        np.asarray(unit, dtype=np.int64),
        np.asarray(column, dtype=np.int64),
    )


def _scores(vc: VariedColumns, values: list[list[float]]) -> dict[str, np.ndarray]:
    """{indicator: (draws, units)} from one block."""
    block = vc.block(np.asarray(values, dtype=float))
    return {vc.plan.indicators[int(k)]: block[s] for s, k in enumerate(vc.columns)}


def test_routes_and_hand_worked_scores(make_rubric: Any) -> None:
    """Units X, Y, Z with g, m, z, d = 10, 20, 30; the draws vary Z's value of each column
    (30 as given, then 60). g and d: one cell of three, scored alone: 60 and 100 - 60 = 40.
    m: min-max over (10, 20, 60): 0, 20, 100. z: mean 30, sd sqrt(700), 50 + 10 (x - 30) / sd."""
    plan = Plan.build(_rubric(make_rubric), ["X", "Y", "Z"])
    raw = np.tile(np.array([[10.0], [20.0], [30.0]]), (1, 4))
    vc = _columns(plan, raw, Methods(), [2, 2, 2, 2], [0, 1, 2, 3])
    assert [plan.indicators[int(k)] for k in vc.columns[vc.cells[0] : vc.cells[1]]] == ["g", "d"]
    assert [plan.indicators[int(k)] for k in vc.columns[vc.affine[0] : vc.affine[1]]] == [
        "m",
        "z",
    ]
    got = _scores(vc, [[30, 30, 30, 30], [60, 60, 60, 60]])
    assert_allclose(got["g"], [[10, 20, 30], [10, 20, 60]])
    assert_allclose(got["d"], [[90, 80, 70], [90, 80, 40]])
    assert_allclose(got["m"], [[0, 50, 100], [0, 20, 100]])
    assert_allclose(got["z"][0], [40, 50, 60])
    sd = math.sqrt(700)
    assert_allclose(got["z"][1], [50 - 200 / sd, 50 - 100 / sd, 50 + 300 / sd])


@pytest.mark.parametrize(
    "methods",
    [
        Methods(),
        Methods(imputation=Imputation.INDICATOR_MEAN),  # affine with a per-draw fill
        Methods(imputation=Imputation.INDICATOR_MEDIAN),  # general
        Methods(normalisation=Rank()),  # general
    ],
    ids=["declared", "mean-fill", "median-fill", "rank"],
)
def test_every_route_matches_indicator_scores_draw_by_draw(
    make_rubric: Any, methods: Methods
) -> None:
    """Eight units, a missing value in m and z, many cells varied in some columns and one in
    others, in any order: each draw's block equals the pipeline run on that draw's values
    (0 where a cell stays missing)."""
    rng = np.random.default_rng(4)
    plan = Plan.build(_rubric(make_rubric), [f"U{u}" for u in range(8)])
    raw = rng.uniform(0, 100, (8, 4))
    raw[3, 1] = raw[5, 2] = np.nan
    cells = [(u, k) for k in (1, 2) for u in range(8) if not np.isnan(raw[u, k])]
    cells += [(6, 0), (1, 3)]
    order = rng.permutation(len(cells))
    unit = [cells[v][0] for v in order]
    column = [cells[v][1] for v in order]
    values = rng.uniform(-10, 110, (5, len(cells)))
    vc = _columns(plan, raw, methods, unit, column)
    block = vc.block(values)
    for d in range(values.shape[0]):
        changed = raw.copy()
        changed[unit, column] = values[d]
        expected = indicator_scores(plan, changed, np.arange(4), methods)
        for s, k in enumerate(vc.columns):
            assert_allclose(block[s, d], np.nan_to_num(expected[:, k]), rtol=0, atol=1e-9)
            assert (vc.present[s] == ~np.isnan(expected[:, k])).all()
