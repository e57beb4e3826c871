"""The rubric compiled to arrays, and indicator scores per combination of methods."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from readiness.engine.normalise import normalise
from readiness.engine.plan import ARITHMETIC, GEOMETRIC, HARMONIC, Methods, Plan, indicator_scores
from readiness.rubric.model import Aggregation, MinMax, OnZero


def rubric(make_rubric: Any) -> Any:
    goal = {"method": "goalposts", "low": 0, "high": 10}
    return make_rubric(
        {"a": {"parent": "p", "normalisation": goal}, "b": {"parent": "p", "weight": 2}},
        {
            "idx": {},
            "p": {"parent": "idx", "aggregation": "geometric", "on_zero": "insufficient"},
        },
    )


def test_tree_as_arrays(make_rubric: Any) -> None:
    plan = Plan.build(rubric(make_rubric), ["X", "Y"])
    assert plan.items == ("a", "b", "p", "idx")
    assert plan.parent.tolist() == [2, 2, 3, -1]
    assert [c.tolist() for c in plan.children] == [[0, 1], [2]]
    assert plan.weight.tolist() == [1.0, 2.0, 1.0, 1.0]
    assert plan.root == 3


def test_node_methods(make_rubric: Any) -> None:
    plan = Plan.build(rubric(make_rubric), ["X"])
    codes, offsets = plan.node_methods(Methods())
    assert codes.tolist() == [GEOMETRIC, ARITHMETIC] and np.isnan(offsets).all()
    # A batch's geometric switch: the node's own rule (insufficient) stays; the index takes
    # the batch's offset.
    codes, offsets = plan.node_methods(
        Methods(aggregation=Aggregation.GEOMETRIC, on_zero=OnZero.OFFSET, zero_offset=1.0)
    )
    assert codes.tolist() == [GEOMETRIC, GEOMETRIC]
    assert np.isnan(offsets[0]) and offsets[1] == 1.0


def test_indicator_scores_match_the_engine_and_switch(make_rubric: Any) -> None:
    r = rubric(make_rubric)
    plan = Plan.build(r, ["X", "Y", "Z"])
    x = np.array([[2.0, 5.0], [4.0, np.nan], [10.0, 1.0]])
    got = indicator_scores(plan, x, np.arange(2), Methods())
    frame = pd.DataFrame(x, columns=["a", "b"])
    np.testing.assert_allclose(got, normalise(frame, r).to_numpy())
    switched = indicator_scores(plan, x, np.arange(2), Methods(normalisation=MinMax()))
    np.testing.assert_allclose(switched[:, 0], [0.0, 25.0, 100.0])
    assert plan.cellwise(Methods(), np.array([False, True])).tolist() == [True, False]


def test_an_aggregation_switch_replaces_the_named_nodes_only(make_rubric: Any) -> None:
    plan = Plan.build(rubric(make_rubric), ["X"])  # p: geometric (insufficient), idx: arithmetic
    scoped = Methods(
        aggregation=Aggregation.HARMONIC,
        aggregation_nodes=frozenset({"idx"}),
        on_zero=OnZero.OFFSET,
        zero_offset=2.0,
    )
    codes, offsets = plan.node_methods(scoped)
    assert codes.tolist() == [GEOMETRIC, HARMONIC]  # p keeps its own mean
    assert np.isnan(offsets[0]) and offsets[1] == 2.0
    everywhere = Methods(aggregation=Aggregation.HARMONIC, on_zero=OnZero.OFFSET)
    assert plan.node_methods(everywhere)[0].tolist() == [HARMONIC, HARMONIC]
