"""Scenarios: a scenario file validated against the rubric with located errors, scored by the
engine beside the baseline; the CLI prints the comparison and renders it on request."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from readiness import api
from readiness.cli import main
from readiness.engine.scenarios import run_scenario
from readiness.problems import ReadinessError
from readiness.scenario import parse_scenario, resolved_value

ROOT = Path(__file__).resolve().parents[2]
RUBRIC = ROOT / "rubrics" / "archive" / "c5-critical-minerals-1.0.0.yaml"  # the fixture's rubric
VALUES = ROOT / "tests" / "report" / "data" / "c5-test-values.csv"

GOOD = """\
title: KGZ opens its cadastre map
changes:
  - {unit: KGZ, indicator: online_cadastre, level: public licence map, note: map online}
  - {unit: KAZ, indicator: fdi_inflows, value: 2.3}
"""


@pytest.fixture(scope="module")
def result() -> api.Result:
    rubric = api.load_rubric(RUBRIC)
    return api.score(rubric, api.load_values(VALUES, rubric))


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


def test_every_problem_is_located(result: api.Result) -> None:
    text = """\
changes:
  - {unit: KGZ, indicator: online_cadastre, level: Nope}
  - {unit: XXX, indicator: fdi_inflows, value: 2.3}
  - {unit: KAZ, indicator: fdi_inflows, value: 500}
  - {unit: KAZ, indicator: nosuch, value: 1, level: a}
  - {unit: KAZ, indicator: mining_code, value: 2.5}
  - {unit: KGZ, indicator: online_cadastre, value: 2}
"""
    with pytest.raises(ReadinessError) as info:
        parse_scenario(text, result.rubric, "s.yaml")
    found = [(str(p.location), p.code) for p in info.value.problems]
    assert found == [
        ("s.yaml:2:52 changes[0].level", "scenario-invalid"),
        ("s.yaml:3:12 changes[1].unit", "scenario-invalid"),
        ("s.yaml:4:48 changes[2].value", "scenario-invalid"),
        ("s.yaml:5:5 changes[3]", "scenario-invalid"),
        ("s.yaml:6:48 changes[4].value", "scenario-invalid"),
        ("s.yaml:7:28 changes[5].indicator", "scenario-invalid"),
    ]


def test_cli_prints_and_renders(tmp_path: Path) -> None:
    scenario = tmp_path / "s.yaml"
    scenario.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    args = ["scenario", "--rubric", str(RUBRIC), "--inputs", str(VALUES), str(scenario)]
    run = CliRunner().invoke(main, [*args, "-o", str(out)])
    assert run.exit_code == 0, run.output
    assert "KGZ   online_cadastre" in run.stdout
    assert "new band" in run.stdout
    assert not out.exists()  # nothing written without --report
    run = CliRunner().invoke(main, [*args, "--report", "-o", str(out)])
    assert run.exit_code == 0, run.output
    assert (out / "scorecard-KGZ.pdf").is_file() and (out / "scores.csv").is_file()


def test_cli_bad_scenario_exits_1(tmp_path: Path) -> None:
    scenario = tmp_path / "s.yaml"
    scenario.write_text("changes: []\n", encoding="utf-8")
    run = CliRunner().invoke(
        main, ["scenario", "--rubric", str(RUBRIC), "--inputs", str(VALUES), str(scenario)]
    )
    assert run.exit_code == 1
    assert "s.yaml:1:10 changes" in run.stderr


def test_the_example_scenario_fits_the_shipped_rubric() -> None:
    from readiness.scenario import load_scenario

    rubric = api.load_rubric(ROOT / "rubrics" / "c5-critical-minerals.yaml")
    spec = load_scenario(ROOT / "scenarios" / "example-2026-Q4.yaml", rubric)
    assert {c.unit for c in spec.changes} == {"KAZ"}


def test_cli_sensitivity_prints_and_writes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run = CliRunner().invoke(
        main,
        [
            "sensitivity",
            "--rubric",
            str(RUBRIC),
            "--inputs",
            str(VALUES),
            "--draws",
            "200",
            "--seed",
            "5",
            "-o",
            str(out),
        ],
    )
    assert run.exit_code == 0, run.output
    assert "Uncertainty analysis: 200 draws, seed 5" in run.stdout
    assert "Sobol indices" in run.stdout
    for name in ("uncertainty.csv", "uncertainty.json", "sensitivity.csv"):
        assert (out / name).is_file()
