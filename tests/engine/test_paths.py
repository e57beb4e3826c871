"""Path to the next band, against hand-worked cases.

Rubric: index = mean(p1, p2), both needed; p1 = mean(a, b), p2 = mean(c, d).
a: 0-100 goalposts; b: levels 0/1/2 (0, 50, 100); c: 0-10 goalposts; d: yes/no.
Bands: High >= 65, Low >= 0.

Unit U: a=40 (40), b=1 (50), c=5 (50), d=no (0): p1 = 45, p2 = 25, index = 35 (Low).
Single moves and their index gains (each pillar carries half the index, each indicator half a
pillar, so a gain of g points on one indicator adds g / 4):
  d no->yes +100 -> +25;  a 40->100 +60 -> +15;  b 1->2 +50 -> +12.5;  c 5->10 +50 -> +12.5.
Prefixes: d -> 60 (< 65); d + a -> 75 (>= 65): two changes reach High.
Within one pillar: p1 alone a + b -> 62.5 (fails); p2 alone d + c -> 72.5 (two changes).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from readiness import api
from readiness.engine.changes import Baseline
from readiness.engine.paths import Status, paths_to_next_band
from readiness.engine.plan import Plan

ROOT = Path(__file__).resolve().parents[2]

LEVELS = [
    {"value": 0, "label": "none", "definition": "Nothing."},
    {"value": 1, "label": "some", "definition": "Some."},
    {"value": 2, "label": "full", "definition": "Everything."},
]


def rubric(make_rubric: Any, top: float = 65.0) -> Any:
    return make_rubric(
        {
            "a": {"parent": "p1", "normalisation": {"method": "goalposts", "low": 0, "high": 100}},
            "b": {"parent": "p1", "kind": "categorical", "levels": LEVELS},
            "c": {"parent": "p2", "normalisation": {"method": "goalposts", "low": 0, "high": 10}},
            "d": {"parent": "p2", "kind": "yes_no"},
        },
        {"idx": {"min_coverage": 1.0}, "p1": {"parent": "idx"}, "p2": {"parent": "idx"}},
        bands=[{"label": "High", "min": top}, {"label": "Low", "min": 0}],
    )


ROWS = {
    "U": {"a": 40.0, "b": 1.0, "c": 5.0, "d": 0.0},
    "V": {"a": 100.0, "b": 2.0, "c": 10.0, "d": 0.0},  # p1 100, p2 50: index 75, top band
    "W": {"a": math.nan, "b": math.nan, "c": 10.0, "d": 1.0},  # p1 has no data: no index
    "X": {"a": 100.0, "b": 0.0, "c": 10.0, "d": 1.0},  # p1 50, p2 100: index 75
}


@pytest.fixture
def result(make_rubric: Any, make_values: Any) -> Any:
    return api.score(rubric(make_rubric), make_values(ROWS))


def test_smallest_set_biggest_gain_first(result: Any) -> None:
    path = paths_to_next_band(result)["U"]
    assert path.status is Status.REACHABLE
    assert path.current == pytest.approx(35.0)
    assert (path.next_band, path.threshold) == ("High", 65.0)
    assert [(m.indicator, m.before, m.after) for m in path.moves] == [("d", 0, 1), ("a", 40, 100)]
    assert [m.gain for m in path.moves] == pytest.approx([25.0, 15.0])
    assert path.reached == pytest.approx(75.0)
    assert [m.indicator for m in path.candidates] == ["d", "a", "b", "c"]
    assert path.best == pytest.approx(100.0)


def test_single_pillar_route(result: Any) -> None:
    route = paths_to_next_band(result)["U"].pillar_route
    assert route is not None
    assert route.pillar == "p2"
    assert [m.indicator for m in route.moves] == ["d", "c"]
    assert route.score == pytest.approx(72.5)


def test_top_band(result: Any) -> None:
    path = paths_to_next_band(result)["V"]
    assert path.status is Status.TOP_BAND
    assert [m.indicator for m in path.candidates] == ["d"]


def test_unscored_unit_gets_the_range_once_data_are_supplied(result: Any) -> None:
    path = paths_to_next_band(result)["W"]
    assert path.status is Status.UNSCORED
    assert path.blocking == (("p1", ("a", "b")),)
    assert path.floor == pytest.approx(50.0)  # p1 at 0, p2 at 100
    assert path.ceiling == pytest.approx(100.0)


def test_unreachable_when_one_step_per_indicator_is_not_enough(
    make_rubric: Any, make_values: Any
) -> None:
    res = api.score(rubric(make_rubric, top=95.0), make_values(ROWS))
    path = paths_to_next_band(res)["X"]  # only b can move, one level: 75 -> 87.5
    assert path.status is Status.UNREACHABLE
    assert path.best == pytest.approx(87.5)
    assert path.moves == ()


def test_fixed_indicators_are_not_moved(result: Any) -> None:
    path = paths_to_next_band(result, fixed=frozenset({"d"}))["U"]
    # without d: a (+15), b (+12.5), c (+12.5): 35 + 40 = 75; two give 62.5, so three are needed
    assert [m.indicator for m in path.moves] == ["a", "b", "c"]
    assert path.reached == pytest.approx(75.0)
    assert path.pillar_route is None  # p1 alone tops out at 62.5, p2 alone (c) at 47.5


def test_what_if_kernel_baseline_is_the_engine_score(result: Any) -> None:
    """The kernel the search scores its candidates with starts from the engine's own scores."""
    plan = Plan.build(result.rubric, result.units, result.attributes)
    raw = pd.concat([result.raw, result.denominators], axis=1)[list(plan.columns)]
    base = Baseline(plan, raw.to_numpy(dtype=float))
    expected = result.scores[result.rubric.root.id].to_numpy()
    np.testing.assert_allclose(base.index, expected, rtol=0, atol=1e-12)


def test_c5_kyrgyzstan_one_step_from_emerging() -> None:
    rubric = api.load_rubric(ROOT / "rubrics" / "c5-critical-minerals.yaml")
    values = ROOT / "tests" / "report" / "data" / "c5-test-values.csv"
    c5_result = api.score(rubric, api.load_values(values, rubric))
    path = paths_to_next_band(c5_result)["KGZ"]
    assert path.status is Status.REACHABLE and path.next_band == "Emerging"
    assert path.reached >= 40.0
    assert len(path.moves) == 1
