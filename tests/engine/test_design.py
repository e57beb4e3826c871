"""The uncertain inputs as factors on [0, 1)^k and their mapping to draws, worked by hand."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

from readiness import api
from readiness.engine.design import Design
from readiness.engine.plan import Plan
from readiness.inputs.values import Values, from_matrix
from readiness.rubric.model import Uncertainty

LEVELS = [{"value": v, "label": f"l{v}", "definition": f"Level {v}."} for v in range(3)]


def design(make_rubric: Any, **spec: Any) -> Design:
    rubric = make_rubric(
        {
            "a": {"parent": "p", "normalisation": {"method": "goalposts", "low": 0, "high": 100}},
            "b": {"parent": "p", "kind": "categorical", "levels": LEVELS},
        },
        {"idx": {}, "p": {"parent": "idx"}},
    )
    values = from_matrix(pd.DataFrame({"a": [50.0, 20.0], "b": [0.0, 1.0]}, index=["X", "Y"]))
    table = values.table.copy()
    table.loc[(table["unit"] == "X") & (table["indicator"] == "a"), ["low", "high"]] = [40, 60]
    table.loc[table["indicator"] == "b", "contested"] = True
    result = api.score(rubric, Values(table, values.units))
    plan = Plan.build(rubric, result.units, result.attributes)
    raw = pd.concat([result.raw, result.denominators], axis=1)[list(plan.columns)]
    return Design(
        plan, raw.to_numpy(dtype=float), result.evidence, Uncertainty.model_validate(spec)
    )


def test_factors_and_their_groups(make_rubric: Any) -> None:
    d = design(make_rubric, leave_one_out=True, aggregation=["rubric", "geometric"])
    # weights of a, b and p (the index has none); aggregation; left out; X/a interval;
    # X/b (level 0: options 0, 1) and Y/b (level 1: options 0, 1, 2) contested.
    assert [f.group for f in d.factors] == [
        "weight: a",
        "weight: b",
        "weight: p",
        "aggregation",
        "indicator left out",
        "value: a",
        "value: b",
        "value: b",
    ]
    assert d.k == 8


def test_points_map_to_draws(make_rubric: Any) -> None:
    d = design(make_rubric, leave_one_out=True, aggregation=["rubric", "geometric"])
    u = np.array(
        [
            [0.0, 1.0, 0.5, 0.0, 0.0, 0.0, 0.0, 0.0],
            [0.5, 0.5, 0.5, 0.99, 0.5, 1.0, 0.99, 0.5],
        ]
    )
    draws = d.draws(u)
    assert draws.weights is not None
    # w (1 + 0.25 (2u - 1)): 0.75, 1.25, 1 in the first draw
    np.testing.assert_allclose(draws.weights[0, :3], [0.75, 1.25, 1.0])
    # left out: floor(0.5 * 3) - 1 = 0: indicator a's weight is 0 in the second draw
    np.testing.assert_allclose(draws.weights[1, :3], [0.0, 1.0, 1.0])
    assert draws.method_of is not None and draws.method_of.tolist() == [0, 1]
    assert draws.cell_values is not None
    # X/a: 40 + u (60 - 40); X/b from {0, 1}; Y/b from {0, 1, 2}
    np.testing.assert_allclose(draws.cell_values[0], [40.0, 0.0, 0.0])
    np.testing.assert_allclose(draws.cell_values[1], [60.0, 1.0, 1.0])
    assert "one indicator left out at a time (or none)" in [v.text() for v in d.varied()]


def test_no_noise_no_factor(make_rubric: Any) -> None:
    d = design(make_rubric, weights={"noise": 0}, values=False)
    assert d.k == 0 and d.varied() == []
    draws = d.draws(np.zeros((3, 0)))
    assert draws.cell_values is None and draws.n == 3


@pytest.mark.parametrize("level", [1, 2])
def test_noise_by_level(make_rubric: Any, level: int) -> None:
    d = design(make_rubric, weights={"noise": 0, "by_level": {level: 0.1}}, values=False)
    assert [f.name for f in d.factors] == (["w:a", "w:b"] if level == 1 else ["w:p"])
