"""Path to the next band, against hand-worked cases.

Rubric: index = mean(p1, p2), both needed; p1 = mean(a, b), p2 = mean(c, d). Each indicator
carries a quarter of the index, so g normalised points on one of them add g / 4 index points.
  a: 0-100 goalposts, policy lever;   b: levels 0/1/2 (0, 50, 100), policy lever;
  c: 0-10 goalposts, outcome;          d: yes/no, fixed (geography).
Feasible ceiling: the best value observed among the units scored (the rubric's default).

U: a=40 (40), b=2 (100), c=5 (50), d=no (0): p1 = 70, p2 = 25, index 47.5.
V: a=60, b=2, c=10, d=yes: the best observed values, so the ceilings are a 60, c 10.
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
from readiness.report import build_report_set

ROOT = Path(__file__).resolve().parents[2]

LEVELS = [
    {"value": 0, "label": "none", "definition": "Nothing."},
    {"value": 1, "label": "some", "definition": "Some."},
    {"value": 2, "label": "full", "definition": "Everything."},
]


def rubric(make_rubric: Any, top: float, **policy: Any) -> Any:
    return make_rubric(
        {
            "a": {"parent": "p1", "normalisation": {"method": "goalposts", "low": 0, "high": 100}},
            "b": {"parent": "p1", "kind": "categorical", "levels": LEVELS},
            "c": {
                "parent": "p2",
                "lever": "outcome",
                "normalisation": {"method": "goalposts", "low": 0, "high": 10},
            },
            "d": {"parent": "p2", "kind": "yes_no", "lever": "fixed"},
        },
        {"idx": {"min_coverage": 1.0}, "p1": {"parent": "idx"}, "p2": {"parent": "idx"}},
        bands=[{"label": "High", "min": top}, {"label": "Low", "min": 0}],
        **policy,
    )


ROWS = {
    "U": {"a": 40.0, "b": 2.0, "c": 5.0, "d": 0.0},
    "V": {"a": 60.0, "b": 2.0, "c": 10.0, "d": 1.0},
    "W": {"a": math.nan, "b": math.nan, "c": 10.0, "d": 1.0},  # p1 has no data: no index
}


def result_for(make_rubric: Any, make_values: Any, top: float, **policy: Any) -> Any:
    return api.score(rubric(make_rubric, top, **policy), make_values(ROWS))


def test_a_numeric_lever_needs_only_part_of_its_range(make_rubric: Any, make_values: Any) -> None:
    """High at 50: U needs +2.5 index points = +10 points on a: 40 -> 50, not 60 (its
    ceiling) and not 100 (the value scoring 100)."""
    path = paths_to_next_band(result_for(make_rubric, make_values, 50.0))["U"]
    assert path.status is Status.REACHABLE
    assert path.policy is not None
    moves = [(m.indicator, m.before, m.after, m.ceiling, m.partial) for m in path.policy.moves]
    assert moves == [("a", 40.0, 50.0, 60.0, True)]
    assert path.policy.reached == pytest.approx(50.0)
    assert path.policy.moves[0].gain == pytest.approx(2.5)


def test_a_policy_lever_is_preferred_over_a_bigger_outcome(
    make_rubric: Any, make_values: Any
) -> None:
    """c (an outcome) at its ceiling would add 12.5 points, a (policy) at most 5; the path
    still takes a, and lists the outcome move apart, also only as far as needed: c 5 -> 6."""
    path = paths_to_next_band(result_for(make_rubric, make_values, 50.0))["U"]
    assert [m.indicator for m in path.policy.moves] == ["a"]  # type: ignore[union-attr]
    assert path.outcome is not None and path.outcome.reaches
    [move] = path.outcome.moves
    assert (move.indicator, move.before, move.after, move.partial) == ("c", 5.0, 6.0, True)
    assert path.outcome.best == pytest.approx(60.0)  # c at 10: 47.5 + 12.5
    assert path.combined is None


def test_outcomes_join_when_policy_levers_fall_short(make_rubric: Any, make_values: Any) -> None:
    """High at 55: a to its ceiling gives 52.5; then c only as far as needed: +2.5 index
    points = +10 on c = 5 -> 6."""
    path = paths_to_next_band(result_for(make_rubric, make_values, 55.0))["U"]
    assert path.status is Status.WITH_OUTCOMES
    assert path.policy is not None and not path.policy.reaches
    assert path.policy.best == pytest.approx(52.5)
    assert path.combined is not None
    moves = [(m.indicator, m.after, m.partial) for m in path.combined.moves]
    assert moves == [("a", 60.0, False), ("c", 6.0, True)]
    assert [m.gain for m in path.combined.moves] == pytest.approx([5.0, 2.5])


def test_a_ceiling_can_make_the_band_unreachable_and_the_scorecard_says_so(
    make_rubric: Any, make_values: Any
) -> None:
    """High at 80: every lever at its ceiling gives 47.5 + 5 + 12.5 = 65. Only the fixed d
    (+25) could close the gap, and it is never proposed."""
    res = result_for(make_rubric, make_values, 80.0)
    path = paths_to_next_band(res)["U"]
    assert path.status is Status.UNREACHABLE
    assert path.combined is not None and path.combined.best == pytest.approx(65.0)
    assert "d" not in [m.indicator for m in path.combined.moves]
    assert path.fixed == ("d",)
    section = next(
        c.path
        for c in build_report_set(res, paths={"U": path, **_others(res)}).scorecards
        if c.unit == "U"
    )
    assert "cannot be reached within the feasible ceilings" in section.outcome
    assert "best value observed among the countries scored" in section.outcome
    assert "Never proposed (fixed): d" in section.method_note


def _others(res: Any) -> dict[str, Any]:
    return {u: p for u, p in paths_to_next_band(res).items() if u != "U"}


def test_a_declared_ceiling_overrides_the_best_observed(make_rubric: Any, make_values: Any) -> None:
    """With a's ceiling at the scale's top (100), High at 60 is reachable by policy alone:
    +12.5 index points = +50 on a: 40 -> 90."""
    res = result_for(
        make_rubric,
        make_values,
        60.0,
        path={"ceiling": "best_observed", "ceilings": {"a": "scale"}},
    )
    path = paths_to_next_band(res)["U"]
    assert path.status is Status.REACHABLE
    assert [(m.indicator, m.after) for m in path.policy.moves] == [("a", 90.0)]  # type: ignore[union-attr]


def test_a_categorical_last_step_takes_the_lowest_level_that_is_enough(
    make_rubric: Any, make_values: Any
) -> None:
    rows = {**ROWS, "U": {"a": 40.0, "b": 0.0, "c": 5.0, "d": 0.0}}  # p1 20, index 22.5
    res = api.score(rubric(make_rubric, 30.0), make_values(rows))
    path = paths_to_next_band(res)["U"]
    # a at its ceiling (60) gives +5 (27.5); b one level (+12.5) would give 35 alone, and it is
    # b's gain at its ceiling (+25) that ranks it first: b 0 -> 1 is enough.
    assert [(m.indicator, m.after, m.partial) for m in path.policy.moves] == [("b", 1.0, True)]  # type: ignore[union-attr]


def test_top_band_and_unscored(make_rubric: Any, make_values: Any) -> None:
    paths = paths_to_next_band(result_for(make_rubric, make_values, 65.0))
    assert paths["V"].status is Status.TOP_BAND  # V: p1 80, p2 100: 90
    w = paths["W"]
    assert w.status is Status.UNSCORED
    assert w.blocking == (("p1", ("a", "b")),)
    assert w.floor == pytest.approx(50.0)  # p1 at 0, p2 at 100
    assert w.ceiling == pytest.approx(100.0)


def test_what_if_kernel_baseline_is_the_engine_score(make_rubric: Any, make_values: Any) -> None:
    res = result_for(make_rubric, make_values, 65.0)
    plan = Plan.build(res.rubric, res.units, res.attributes)
    raw = pd.concat([res.raw, res.denominators], axis=1)[list(plan.columns)]
    base = Baseline(plan, raw.to_numpy(dtype=float))
    expected = res.scores[res.rubric.root.id].to_numpy()
    np.testing.assert_allclose(base.index, expected, rtol=0, atol=1e-12)


# The values of the 2026-Q4 inputs as shipped before the rubric 2.0.0 re-audit (rubric 1.0.0),
# the case the issue measured: Kazakhstan 69.0, 1.0 point below Investment-ready.
ISSUE_CASE = """\
unit,rule_of_law,regulatory_quality,control_of_corruption,mining_code,investment_treaty,eiti_score,geodata_portal,online_cadastre,reporting_code,caspian_access,transit_borders,lpi_overall,lpi_infrastructure,fdi_inflows,sovereign_rating,western_minerals_partnership,finance_centre
KAZ,36.792454,53.301888,47.169811,3,2,56,2,1,2,1,0,2.7,2.5,0.6789,14,3,2
KGZ,12.735849,29.245283,11.320755,1,2,57.5,2,1,1,0,1,2.3,2.4,4.0355,6,2,1
TJK,9.905661,11.320755,7.54717,1,0,55,2,,,0,2,2.5,2.5,2.0508,7,1,
TKM,6.603774,1.415094,6.603774,1,0,0,,,,1,0,2.409804,2.228861,3.2007,9,1,
UZB,23.113207,31.132076,23.113207,3,1,,1,1,1,0,1,2.6,2.4,2.5973,10,3,1
"""


def test_the_issue_case_kazakhstan_fdi_needs_about_2_2_percent(tmp_path: Path) -> None:
    """Policy levers are at or near their ceilings (the best observed among the five), so FDI
    (an outcome) joins, only as far as needed: about 2.2 % of GDP, not the 10 % that scores 100
    (the old path's answer)."""
    rubric = api.load_rubric(ROOT / "rubrics" / "archive" / "c5-critical-minerals-1.0.0.yaml")
    values = tmp_path / "v.csv"
    values.write_text(ISSUE_CASE, encoding="utf-8")
    res = api.score(rubric, api.load_values(values, rubric))
    assert res.scores.at["KAZ", "index"] == pytest.approx(69.03, abs=0.01)
    path = paths_to_next_band(res)["KAZ"]
    assert path.status is Status.WITH_OUTCOMES
    assert path.policy is not None and path.policy.best < 70
    assert path.combined is not None
    fdi = [m for m in path.combined.moves if m.indicator == "fdi_inflows"]
    assert len(fdi) == 1 and fdi[0].partial
    assert 2.0 <= fdi[0].after <= 2.4
    assert path.combined.reached >= 70.0
    assert path.outcome is not None and path.outcome.reaches  # FDI alone: about 2.3
    kgz = paths_to_next_band(res)["KGZ"]
    for route in (kgz.policy, kgz.outcome, kgz.combined):
        for m in route.moves if route else ():
            assert m.indicator != "lpi_overall" or m.after <= 2.7  # never LPI 5.0


def test_shipped_paths_are_realistic() -> None:
    """On the shipped inputs (with the reference jurisdictions): no fixed indicator is ever
    proposed, no outcome beyond the best value among the five assessed countries (the
    reference jurisdictions are not the yardstick), no policy lever more than one level up, and
    no LPI target that the LPI's one-decimal publication could not report."""
    rubric = api.load_rubric(ROOT / "rubrics" / "c5-critical-minerals.yaml")
    files = [
        ROOT / "inputs" / "c5-critical-minerals-2026-Q4.xlsx",
        ROOT / "inputs" / "c5-critical-minerals-reference-2026-Q4.xlsx",
    ]
    res = api.score(rubric, api.load_values(files, rubric))
    paths = paths_to_next_band(res)
    assert paths["KAZ"].status is Status.REACHABLE  # by policy levers alone
    peers = [u for u in res.units if u not in rubric.reference_units]
    seen = 0
    for p in paths.values():
        for route in (p.policy, p.outcome, p.combined):
            for m in route.moves if route else ():
                seen += 1
                ind = rubric.indicator_by_id[m.indicator]
                assert ind.lever.value != "fixed"
                if ind.lever.value == "policy" and ind.kind.value != "numeric":
                    above = [lv.value for lv in ind.scale if lv.value > m.before]
                    assert m.after == min(above)  # one level up
                else:
                    column = res.denominated.loc[peers, m.indicator]
                    best = column.max() if ind.direction == 1 else column.min()
                    assert (best - m.after) * ind.direction >= -1e-9
                if m.indicator.startswith("lpi_") and m.partial:
                    assert round(m.after, 1) == pytest.approx(m.after)
    assert seen > 0


# --- review 2026-12-01 M5: ceilings from peers, published precision, overshooting levels ------

UNITS = [
    {"id": "U", "name": "Uland"},
    {"id": "V", "name": "Vland"},
    {"id": "R", "name": "Refland", "role": "reference"},
]


def test_a_ceiling_from_peers_only_leaves_the_reference_jurisdictions_out(
    make_rubric: Any, make_values: Any
) -> None:
    """R (a reference jurisdiction) has a = 90 and c = 10; the peer V has a = 60, c = 7.
    High at 60: U (47.5) needs +12.5. best_observed lets a go to R's 90 (+12.5 index points,
    reached by policy alone); best_assessed stops a at V's 60 (+5) and c at V's 7
    (+2 x 10 / 4 = +5): 57.5 at most, so High is out of reach, and the scorecard says which
    ceiling stopped each step."""
    rows = {
        "U": {"a": 40.0, "b": 2.0, "c": 5.0, "d": 0.0},
        "V": {"a": 60.0, "b": 2.0, "c": 7.0, "d": 1.0},
        "R": {"a": 90.0, "b": 2.0, "c": 10.0, "d": 1.0},
    }
    wide = api.score(
        rubric(make_rubric, 60.0, units=UNITS, path={"ceiling": "best_observed"}),
        make_values(rows),
    )
    path = paths_to_next_band(wide)["U"]
    assert path.status is Status.REACHABLE
    assert [(m.indicator, m.after) for m in path.policy.moves] == [("a", 90.0)]  # type: ignore[union-attr]

    peers = api.score(
        rubric(make_rubric, 60.0, units=UNITS, path={"ceiling": "best_assessed"}),
        make_values(rows),
    )
    path = paths_to_next_band(peers)["U"]
    assert path.status is Status.UNREACHABLE
    assert path.combined is not None
    moves = [(m.indicator, m.after, m.ceiling) for m in path.combined.moves]
    assert moves == [("a", 60.0, 60.0), ("c", 7.0, 7.0)]
    assert path.combined.best == pytest.approx(57.5)
    section = next(
        c.path
        for c in build_report_set(peers, paths=paths_to_next_band(peers)).scorecards
        if c.unit == "U"
    )
    assert "best value among the assessed countries" in section.method_note
    assert [s.change for s in section.steps] == [
        "40 → 60 (the best among the assessed countries: Vland)",
        "5 → 7 (the best among the assessed countries: Vland)",
    ]


def test_a_target_is_rounded_up_to_the_published_precision(
    make_rubric: Any, make_values: Any
) -> None:
    """U: a = 60 and b = 2 are at their ceilings (no policy lever), index 52.5; each unit of c
    adds 10 normalised points x 1/4 = 2.5 index points. High at 53.1 needs c = 5.24 exactly.
    Printed to two decimals that is 5.24; published to one decimal (precision 0.1) it cannot
    be reported, so 5.3 is asked (+0.75). When 5.3 is beyond the ceiling (V's 5.25), the
    ceiling itself is asked, a value someone reported, not the unreportable 5.24."""
    c_two = {
        "parent": "p2",
        "lever": "outcome",
        "decimals": 2,
        "normalisation": {"method": "goalposts", "low": 0, "high": 10},
    }
    rows = {
        "U": {"a": 60.0, "b": 2.0, "c": 5.0, "d": 0.0},
        "V": {"a": 60.0, "b": 2.0, "c": 10.0, "d": 1.0},
    }

    def last(precision: dict[str, float], v_c: float = 10.0) -> Any:
        r = make_rubric(
            {
                "a": {
                    "parent": "p1",
                    "normalisation": {"method": "goalposts", "low": 0, "high": 100},
                },
                "b": {"parent": "p1", "kind": "categorical", "levels": LEVELS},
                "c": c_two,
                "d": {"parent": "p2", "kind": "yes_no", "lever": "fixed"},
            },
            {"idx": {"min_coverage": 1.0}, "p1": {"parent": "idx"}, "p2": {"parent": "idx"}},
            bands=[{"label": "High", "min": 53.1}, {"label": "Low", "min": 0}],
            path={"ceiling": "best_observed", "precision": precision},
        )
        res = api.score(r, make_values({**rows, "V": {**rows["V"], "c": v_c}}))
        path = paths_to_next_band(res)["U"]
        assert path.outcome is not None and path.outcome.reaches
        [move] = path.outcome.moves
        return move

    assert last({}).after == pytest.approx(5.24)
    move = last({"c": 0.1})
    assert (move.after, move.partial) == (pytest.approx(5.3), True)
    assert move.gain == pytest.approx(0.75)
    move = last({"c": 0.1}, v_c=5.25)
    assert (move.after, move.partial) == (pytest.approx(5.25), False)


def test_an_overshooting_level_step_is_not_called_just_enough(
    make_rubric: Any, make_values: Any
) -> None:
    """U: b = 0 (p1 = 20, index 22.5), High at 30. b one level up (+12.5: 35) is enough and
    overshoots by 5: the scorecard says "one level is enough", never "just enough". With the
    policy rule next_level, b may only go one level (its ceiling is 1, not V's 2), so the step
    stops at its ceiling: "one level up". Index points print with two decimals (+12.50)."""
    rows = {**ROWS, "U": {"a": 40.0, "b": 0.0, "c": 5.0, "d": 0.0}}
    for policy, note, ceiling in (
        ({"ceiling": "best_observed"}, "one level is enough", 2.0),
        ({"ceiling": "best_observed", "by_lever": {"policy": "next_level"}}, "one level up", 1.0),
    ):
        res = api.score(rubric(make_rubric, 30.0, path=policy), make_values(rows))
        paths = paths_to_next_band(res)
        [move] = paths["U"].policy.moves  # type: ignore[union-attr]
        assert (move.indicator, move.after, move.ceiling) == ("b", 1.0, ceiling)
        assert paths["U"].policy.reached == pytest.approx(35.0)  # type: ignore[union-attr]
        section = next(
            c.path for c in build_report_set(res, paths=paths).scorecards if c.unit == "U"
        )
        [step] = section.steps
        assert step.change == f"none → some ({note})"
        assert "just enough" not in step.change
        assert step.gain == "+12.50"


def test_next_level_moves_a_policy_lever_one_level_at_a_time(
    make_rubric: Any, make_values: Any
) -> None:
    """U: b = 0, High at 40 needs +17.5: b two levels (+25) would do it alone, but under
    next_level b goes one level (+12.5) and a goes to V's 60 (+5): 22.5 + 17.5 = 40."""
    rows = {**ROWS, "U": {"a": 40.0, "b": 0.0, "c": 5.0, "d": 0.0}}
    policy = {"ceiling": "best_observed", "by_lever": {"policy": "next_level"}}
    res = api.score(rubric(make_rubric, 40.0, path=policy), make_values(rows))
    path = paths_to_next_band(res)["U"]
    assert path.status is Status.REACHABLE
    moves = [(m.indicator, m.after) for m in path.policy.moves]  # type: ignore[union-attr]
    assert moves == [("b", 1.0), ("a", 60.0)]
    assert path.policy.reached == pytest.approx(40.0)  # type: ignore[union-attr]
