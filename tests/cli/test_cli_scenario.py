"""`readiness scenario`: prints the comparison, renders it on request, exits 1 on a bad file."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from readiness import api
from readiness.cli import main

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
