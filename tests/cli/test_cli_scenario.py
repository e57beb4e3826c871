"""`readiness scenario`: prints the comparison, renders it on request, exits 1 on a bad file."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from readiness.cli import main
from scenario_support import GOOD, RUBRIC, VALUES


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
