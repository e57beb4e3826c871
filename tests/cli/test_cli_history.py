"""`readiness history` is a thin wrapper over the history's library calls: the database option
reaches them and their answers are printed. The history itself is tested in tests/history."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from click.testing import CliRunner

from readiness import api, console
from readiness.cli import main
from readiness.problems import ReadinessError


def _invoke(*args: str) -> Any:
    return CliRunner().invoke(main, ["history", *args], prog_name="readiness")


def test_the_summary_reads_the_database_given(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Path] = []
    found = SimpleNamespace(periods=["P"], units=[("KAZ", "Kazakhstan")], index={}, thresholds=())
    monkeypatch.setattr(api, "history_summary", lambda db: seen.append(db) or found)
    monkeypatch.setattr(
        console, "history_table", lambda periods, units, index, thresholds: f"{periods} {units}"
    )
    assert _invoke("--history", "h.sqlite").stdout == "['P'] ['KAZ']\n"
    assert _invoke().exit_code == 0
    assert seen == [Path("h.sqlite"), Path("reports") / "history.sqlite"]


def test_show_prints_one_units_trajectory(monkeypatch: pytest.MonkeyPatch) -> None:
    found = SimpleNamespace(unit="UZB", name="Uzbekistan", points=[], items=[], thresholds=())
    seen: list[tuple[str, Path]] = []
    monkeypatch.setattr(
        api, "history_trajectory", lambda unit, db: seen.append((unit, db)) or found
    )
    monkeypatch.setattr(console, "trajectory_table", lambda unit, name, *_: f"{unit}: {name}")
    result = _invoke("show", "UZB", "--history", "h.sqlite")
    assert (result.exit_code, result.stdout) == (0, "UZB: Uzbekistan\n")
    assert seen == [("UZB", Path("h.sqlite"))]


def test_export_names_the_file_written(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "history_export", lambda output, db: Path(output).with_suffix(".csv"))
    result = _invoke("export", "-o", "h.xlsx")
    assert (result.exit_code, result.stdout) == (0, "wrote h.csv\n")
    assert _invoke("export").exit_code == 2  # -o is required


def test_an_unknown_unit_is_a_user_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(unit: str, db: Path) -> None:
        raise ReadinessError(f"no unit {unit} in the history")

    monkeypatch.setattr(api, "history_trajectory", missing)
    result = _invoke("show", "XXX")
    assert result.exit_code == 1 and "no unit XXX in the history" in result.stderr
