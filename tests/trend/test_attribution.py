"""Trend attribution on hand-computed cases: a value that appeared, one that disappeared, one
that changed, all three at once, and a rubric whose weights changed (method + data = total)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from trend_support import Rows, scored

from readiness.api import score
from readiness.engine.result import Result
from readiness.inputs.values import Values, make_table
from readiness.rubric import parse_rubric
from readiness.trend.attribution import CAUSES, attribute, split_for_print


def causes(before: Rows, after: Rows, unit: str = "A", item: str = "idx", **kw: float) -> dict:
    found = attribute(
        scored(before, "2025-Q4", kw.get("w0", 1)), scored(after, "2026-Q4", kw.get("w1", 1))
    )
    move = found.units[unit].moves[item]
    return {"total": move.total, **move.causes()}


def test_a_value_that_appeared_is_new_data() -> None:
    """A: x=2, z=6 -> p = 20, q = 60, idx = 40; y = 4 appears -> p = 30, idx = 45."""
    before = {("A", "x"): 2, ("A", "z"): 6}
    after = {**before, ("A", "y"): 4}
    assert causes(before, after) == pytest.approx({"total": 5.0, "appeared": 5.0})
    found = attribute(scored(before, "2025-Q4"), scored(after, "2026-Q4"))
    p = found.units["A"].moves["p"]
    assert (p.before, p.after, p.appeared, p.values_appeared) == (20.0, 30.0, 10.0, ("y",))
    assert p.only_new_data
    q = found.units["A"].moves["q"]
    assert q.total == 0.0 and q.causes() == {} and not q.only_new_data


def test_a_value_that_disappeared() -> None:
    """A: x=2, y=4, z=6 -> idx 45; y disappears -> p = 20, idx = 40."""
    before = {("A", "x"): 2, ("A", "y"): 4, ("A", "z"): 6}
    after = {("A", "x"): 2, ("A", "z"): 6}
    assert causes(before, after) == pytest.approx({"total": -5.0, "disappeared": -5.0})
    assert causes(before, after, item="p") == pytest.approx({"total": -10.0, "disappeared": -10.0})


def test_a_value_that_changed() -> None:
    """x: 2 -> 8: p 30 -> 60, idx 45 -> 60."""
    before = {("A", "x"): 2, ("A", "y"): 4, ("A", "z"): 6}
    after = {**before, ("A", "x"): 8}
    assert causes(before, after) == pytest.approx({"total": 15.0, "changed": 15.0})
    found = attribute(scored(before, "2025-Q4"), scored(after, "2026-Q4"))
    assert found.units["A"].moves["p"].values_changed == ("x",)
    assert not found.units["A"].moves["p"].only_new_data


def test_changed_then_new_values_in_one_move() -> None:
    """Before x=2, z=6: p 20, idx 40. Step 1, x -> 8: p 80, idx 70 (+30). Step 2, y = 4
    appears: p 60, idx 60 (-10: the new value lowers the score). Total +20 = 30 - 10."""
    before = {("A", "x"): 2, ("A", "z"): 6}
    after = {("A", "x"): 8, ("A", "y"): 4, ("A", "z"): 6}
    assert causes(before, after) == pytest.approx(
        {"total": 20.0, "changed": 30.0, "appeared": -10.0}
    )


def test_a_rubric_change_is_the_method_effect_and_adds_up() -> None:
    """Weights of p : q go from 1 : 1 to 3 : 1. Earlier values x=2, y=4, z=6 (p 30, q 60):
    45 under the old rubric, (3 x 30 + 60) / 4 = 37.5 under the new, so method = -7.5. Now
    x = 8 (p 60, q 60): 60. Data = 60 - 37.5 = +22.5 (a changed value); total = +15."""
    before = {("A", "x"): 2, ("A", "y"): 4, ("A", "z"): 6}
    after = {**before, ("A", "x"): 8}
    found = attribute(scored(before, "2025-Q4", 1), scored(after, "2026-Q4", 3))
    assert found.rubric_changed
    move = found.units["A"].moves["idx"]
    assert (move.before, move.after) == (45.0, 60.0)
    assert move.method == pytest.approx(-7.5)
    assert move.data == pytest.approx(22.5)
    assert move.changed == pytest.approx(22.5)
    assert move.method + move.data == pytest.approx(move.total, abs=1e-12)
    assert move.total == 15.0


def test_the_same_rubric_has_no_method_effect_at_all() -> None:
    before = {("A", "x"): 2, ("A", "y"): 4, ("A", "z"): 6}
    found = attribute(scored(before, "2025-Q4"), scored({**before, ("A", "z"): 9}, "2026-Q4"))
    assert not found.rubric_changed
    assert found.units["A"].moves["idx"].method == 0.0  # exactly


def test_scores_absent_in_both_periods_never_change_and_new_scores_say_why() -> None:
    """B has no z in either period, so no q and no index (min_coverage 1): no band before or
    after, which is no change. B's p is scored for the first time because x appeared."""
    before = {("A", "x"): 2, ("A", "z"): 6}
    after = {**before, ("B", "x"): 5}
    found = attribute(scored(before, "2025-Q4"), scored(after, "2026-Q4"))
    b = found.units["B"]
    assert b.moves["idx"].status == "absent" and b.moves["idx"].total is None
    assert (b.band_before, b.band_after, b.band_changed) == (None, None, False)
    p = b.moves["p"]
    assert (p.status, p.before, p.after, p.values_appeared) == ("new", None, 50.0, ("x",))
    assert p.only_new_data
    a = found.units["A"]
    assert (a.band_before, a.band_after, a.band_changed) == ("low", "low", False)


def test_a_score_that_is_lost() -> None:
    before = {("A", "x"): 2, ("A", "z"): 6}
    after = {("A", "x"): 2}
    move = attribute(scored(before, "2025-Q4"), scored(after, "2026-Q4")).units["A"].moves["idx"]
    assert (move.status, move.before, move.after) == ("lost", 40.0, None)
    assert move.values_disappeared == ("z",) and not move.attributable


@pytest.mark.parametrize("seed", range(12))
def test_causes_add_up_to_the_total_on_random_cases(seed: int) -> None:
    rng = np.random.default_rng(seed)

    def draw() -> Rows:
        rows: Rows = {}
        for unit in ("A", "B"):
            for ind in ("x", "y", "z"):
                if rng.random() < 0.75:
                    rows[(unit, ind)] = float(rng.integers(0, 11))
        return rows

    w0, w1 = float(rng.integers(1, 4)), float(rng.integers(1, 4))
    found = attribute(scored(draw(), "2025-Q4", w0), scored(draw(), "2026-Q4", w1))
    for moves in found.units.values():
        for move in moves.moves.values():
            if move.attributable:
                parts = sum(getattr(move, c) for c in CAUSES)
                assert parts == pytest.approx(move.total, abs=1e-9)
                assert move.method + move.data == pytest.approx(move.total, abs=1e-9)


def test_printed_causes_add_up_to_the_printed_total() -> None:
    parts = {"method": 0.26, "changed": 0.26, "appeared": 0.26}  # 0.78 -> prints 0.8
    shown = split_for_print(parts, 0.78)
    assert sum(shown.values()) == pytest.approx(0.8)
    assert sorted(shown.values()) == [0.2, 0.3, 0.3]
    negative = split_for_print({"a": -1.25, "b": 3.75}, 2.5)
    assert sum(negative.values()) == pytest.approx(2.5)
    assert all(math.isclose(v * 10, round(v * 10)) for v in negative.values())


NEW_RUBRIC = """\
id: t
title: T
version: '2'
units:
  - {id: A, name: Alpha}
nodes:
  - {id: idx, name: Index, min_coverage: 1}
  - {id: p, name: P, parent: idx, min_coverage: 1}
  - {id: q, name: Q, parent: idx}
indicators:
  - {id: x, name: X, parent: p, normalisation: {method: goalposts, low: 0, high: 10}}
  - {id: w, name: W, parent: p, normalisation: {method: goalposts, low: 0, high: 10}}
  - {id: z, name: Z, parent: q, normalisation: {method: goalposts, low: 0, high: 10}}
bands:
  - {label: high, min: 50}
  - {label: low, min: 0}
"""


def test_a_new_rubric_the_earlier_values_cannot_fill_takes_the_new_indicator_as_method() -> None:
    """Rubric 2 drops y, adds w, and needs all of P. The 2025-Q4 values (x=2, y=4, z=6) score
    45 under rubric 1 but nothing under rubric 2 alone (no w: rubric 1 never asked it). w = 8
    now enters with the rubric: x=2, w=8 give P = 50, index 55, so the method effect is +10,
    and nothing is new data (the values of x and z did not change). Total +10."""
    before = scored({("A", "x"): 2, ("A", "y"): 4, ("A", "z"): 6}, "2025-Q4")
    rubric = parse_rubric(NEW_RUBRIC)
    rows = {("A", "x"): 2.0, ("A", "w"): 8.0, ("A", "z"): 6.0}
    table = make_table([{"unit": u, "indicator": i, "value": v} for (u, i), v in rows.items()])
    after = score(rubric, Values(table=table, period="2026-Q4"), period="2026-Q4")
    move = attribute(before, after).units["A"].moves["idx"]
    assert (move.before, move.after) == (45.0, 55.0)
    assert move.causes() == pytest.approx({"method": 10.0})
    assert (move.values_appeared, move.values_added_by_rubric) == ((), ("w",))
    p = attribute(before, after).units["A"].moves["p"]
    assert p.causes() == pytest.approx({"method": 20.0})


RUBRIC_V1 = """\
id: t
title: T
version: '1.0.0'
units:
  - {id: A, name: Alpha}
nodes:
  - {id: idx, name: Index, min_coverage: 1}
  - {id: p, name: P, parent: idx}
  - {id: q, name: Q, parent: idx}
indicators:
  - {id: x, name: X, parent: p, normalisation: {method: goalposts, low: 0, high: 10}}
  - {id: %s, name: Y, parent: p, normalisation: {method: goalposts, low: 0, high: 10}}
  - {id: z, name: Z, parent: q, normalisation: {method: goalposts, low: 0, high: 10}}
bands:
  - {label: high, min: 50}
  - {label: low, min: 0}
"""


def scored_with(text: str, rows: Rows, period: str) -> Result:
    table = make_table([{"unit": u, "indicator": i, "value": v} for (u, i), v in rows.items()])
    return score(parse_rubric(text), Values(table=table, period=period), period=period)


def test_an_indicator_new_in_the_rubric_is_part_of_the_method_effect() -> None:
    """Rubric 2.0.0 drops y and adds w. Before (1.0.0): x=2, y=4, z=6: p 30, q 60, idx 45.
    Now (2.0.0): x=8, w=10, z=6: p (80 + 100) / 2 = 90, idx 75; total +30.
    Method: the earlier values under 2.0.0, y dropped, w at its current value (1.0.0 never
    asked it): x=2, w=10: p 60, idx 60, so method = 60 - 45 = +15. Data: x 2 -> 8, p 90,
    idx 75, +15 (a changed value); nothing counts as new data. 15 + 15 = 30."""
    before = scored_with(RUBRIC_V1 % "y", {("A", "x"): 2, ("A", "y"): 4, ("A", "z"): 6}, "2025-Q4")
    v2 = (RUBRIC_V1 % "w").replace("'1.0.0'", "'2.0.0'")
    after = scored_with(v2, {("A", "x"): 8, ("A", "w"): 10, ("A", "z"): 6}, "2026-Q4")
    found = attribute(before, after)
    assert found.rubric_changed
    assert (found.version_before, found.version_after) == ("1.0.0", "2.0.0")
    assert (found.added_by_rubric, found.dropped_by_rubric) == (("w",), ("y",))
    idx = found.units["A"].moves["idx"]
    assert (idx.before, idx.after, idx.total) == (45.0, 75.0, 30.0)
    assert idx.method == pytest.approx(15.0)
    assert idx.changed == pytest.approx(15.0)
    assert (idx.appeared, idx.disappeared) == (0.0, 0.0)
    assert idx.method + idx.data == pytest.approx(idx.total, abs=1e-12)
    assert idx.values_added_by_rubric == ("w",) and idx.values_appeared == ()
    assert idx.values_changed == ("x",)
    p = found.units["A"].moves["p"]
    assert (p.before, p.after, p.method, p.changed) == pytest.approx((30.0, 90.0, 30.0, 30.0))
    q = found.units["A"].moves["q"]
    assert q.total == 0.0 and q.causes() == {}


def test_a_new_indicator_without_a_current_value_adds_nothing() -> None:
    """w is new in 2.0.0 but not reported now: the method step scores x alone on p (x=2: p 20,
    idx 40; method -5), and the data x 2 -> 8 gives p 80, idx 70 (+30): total +25."""
    before = scored_with(RUBRIC_V1 % "y", {("A", "x"): 2, ("A", "y"): 4, ("A", "z"): 6}, "2025-Q4")
    v2 = (RUBRIC_V1 % "w").replace("'1.0.0'", "'2.0.0'")
    after = scored_with(v2, {("A", "x"): 8, ("A", "z"): 6}, "2026-Q4")
    idx = attribute(before, after).units["A"].moves["idx"]
    assert (idx.total, idx.values_added_by_rubric) == (25.0, ())
    assert (idx.method, idx.changed) == pytest.approx((-5.0, 30.0))
