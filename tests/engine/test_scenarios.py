"""Scenarios: a scenario file validated against the rubric with located errors, scored by the
engine beside the baseline; the CLI prints the comparison and renders it on request."""

from __future__ import annotations

import pytest

from readiness import api
from readiness.engine.scenarios import run_scenario
from readiness.scenario import parse_scenario, resolved_value
from scenario_support import GOOD, scored


@pytest.fixture(scope="module")
def result() -> api.Result:
    return scored()


def test_changes_are_scored_by_the_engine_beside_the_baseline(result: api.Result) -> None:
    spec = parse_scenario(GOOD, result.rubric, "s.yaml")
    changes = [
        (c.unit, c.indicator, resolved_value(c, result.rubric), c.note) for c in spec.changes
    ]
    assert changes[0][2] == 2.0  # the level's number, found by its label in any case
    outcome = run_scenario(result, changes, spec.title)
    by_unit = {u.unit: u for u in outcome.units}
    kgz = by_unit["KGZ"]
    # online_cadastre is one of three geodata indicators (levels 0-2): 1 -> 2 adds 50 points to
    # it, 50 / 3 to the pillar and 50 / 12 to the index.
    assert kgz.score_after - kgz.score_before == pytest.approx(50 / 12)
    kaz = by_unit["KAZ"]
    fdi = result.raw.at["KAZ", "fdi_inflows"]
    expected = (min(2.3, 10) - min(fdi, 10)) / 10 * 100 / 16
    assert kaz.score_after - kaz.score_before == pytest.approx(expected)
    assert by_unit["TJK"].score_before != by_unit["TJK"].score_before  # NaN stays NaN
    assert outcome.result.raw.at["KGZ", "online_cadastre"] == 2.0
    assert result.raw.at["KGZ", "online_cadastre"] == 1.0  # the baseline is untouched
