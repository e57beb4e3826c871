"""history.read: periods in time order, the summary and one unit's trajectory (also as the CLI
prints them), the ranking of a period and its band thresholds."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from history_support import FIRST, RUBRIC, result_for

from readiness.cli import main
from readiness.history import read, schema
from readiness.history.record import record_period


def test_periods_are_ordered_by_time_not_by_insertion(db: sqlite3.Connection) -> None:
    for period in ("2026-Q1", "2025-Q3", "2025-Q4"):
        record_period(db, result_for(period, FIRST), rubric_text=RUBRIC, inputs=[])
    assert [p.period for p in read.periods(db)] == ["2025-Q3", "2025-Q4", "2026-Q1"]


def test_cli_lists_periods_with_headline_scores(db_file: Path) -> None:
    result = CliRunner().invoke(main, ["history", "--history", str(db_file)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["period", "rubric", "A", "B"]
    assert lines[2].split() == ["2025-Q4", "1", "45.0", "90.0"]
    assert lines[3].split() == ["2026-Q1", "1", "65.0", "90.0"]


def test_cli_shows_one_units_trajectory(db_file: Path) -> None:
    result = CliRunner().invoke(main, ["history", "show", "A", "--history", str(db_file)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Alpha (A)"
    assert lines[1].split() == ["period", "idx", "band", "rank", "p", "q", "note"]
    assert lines[3].split() == ["2025-Q4", "45.0", "low", "2", "30.0", "60.0"]
    assert lines[4].split() == ["2026-Q1", "65.0", "high", "2", "70.0", "60.0"]


def test_cli_history_errors_exit_1(db_file: Path, tmp_path: Path) -> None:
    unknown = CliRunner().invoke(main, ["history", "show", "C", "--history", str(db_file)])
    assert unknown.exit_code == 1
    assert "unit 'C' is not in the history (recorded: A, B)" in unknown.stderr
    missing = CliRunner().invoke(main, ["history", "--history", str(tmp_path / "none.sqlite")])
    assert missing.exit_code == 1
    assert "[history-not-found]" in missing.stderr
    assert not (tmp_path / "none.sqlite").exists()  # reading never creates the database


def test_units_follow_the_latest_periods_rubric_order_and_names(db: sqlite3.Connection) -> None:
    record_period(db, result_for("2025-Q4", FIRST), rubric_text=RUBRIC, inputs=[])
    later = RUBRIC.replace(
        "  - {id: A, name: Alpha}\n  - {id: B, name: '=Beta'}\n",
        "  - {id: B, name: Beta}\n  - {id: A, name: Alpha Renamed}\n",
    )
    assert later != RUBRIC
    record_period(db, result_for("2026-Q1", FIRST, later), rubric_text=later, inputs=[])
    assert read.units(db) == [("B", "Beta"), ("A", "Alpha Renamed")]


def test_the_summary_has_every_periods_index_and_band_thresholds(db_file: Path) -> None:
    conn = schema.connect(db_file, readonly=True)
    found = read.summary(conn)
    assert [p.period for p in found.periods] == ["2025-Q4", "2026-Q1"]
    assert found.units == [("A", "Alpha"), ("B", "=Beta")]
    assert sorted(found.index) == [
        ("2025-Q4", "A"),
        ("2025-Q4", "B"),
        ("2026-Q1", "A"),
        ("2026-Q1", "B"),
    ]
    # A: idx = mean(p, q); 2026-Q1 x = 10 makes p = (100 + 40) / 2 = 70, idx = (70 + 60) / 2
    assert found.index[("2026-Q1", "A")].score == pytest.approx(65.0)
    assert found.index[("2026-Q1", "A")].band == "high"
    assert found.thresholds == {"2025-Q4": (50.0, 0.0), "2026-Q1": (50.0, 0.0)}
    conn.close()


def test_a_units_trajectory_lists_its_aggregates_in_order(db_file: Path) -> None:
    conn = schema.connect(db_file, readonly=True)
    assert read.unit_trajectory(conn, "C") is None  # never recorded
    found = read.unit_trajectory(conn, "B")
    assert found is not None
    assert (found.unit, found.name, found.items) == ("B", "=Beta", ["p", "q"])
    assert set(found.thresholds) == {"2025-Q4", "2026-Q1"}
    kinds = {(p.period, p.item): p.kind for p in found.points}
    assert kinds[("2025-Q4", "idx")] == "index" and kinds[("2025-Q4", "p")] == "aggregate"
    assert all(p.kind != "indicator" for p in found.points)  # indicators only when asked
    conn.close()


def test_the_ranking_puts_unranked_reference_units_last(db: sqlite3.Connection) -> None:
    text = RUBRIC.replace(
        "  - {id: A, name: Alpha}\n",
        "  - {id: R, name: Ref, role: reference}\n  - {id: A, name: Alpha}\n",
    )
    rows = {**FIRST, ("R", "x"): 10.0, ("R", "y"): 10.0, ("R", "z"): 10.0}
    record_period(db, result_for("2025-Q4", rows, text), rubric_text=text, inputs=[])
    standings = read.ranking(db, "2025-Q4")
    assert [(s.unit, s.rank, s.role) for s in standings] == [
        ("B", 1, "assessed"),
        ("A", 2, "assessed"),
        ("R", None, "reference"),  # scored 100, never ranked: last
    ]
    assert standings[2].score == pytest.approx(100.0)
    assert standings[0].coverage == pytest.approx(1.0) and standings[0].band == "high"
    assert read.ranking(db, "1999-Q1") == []


def test_an_unrecorded_period_has_no_rubric_text(db: sqlite3.Connection) -> None:
    record_period(db, result_for("2025-Q4", FIRST), rubric_text=RUBRIC, inputs=[])
    with pytest.raises(KeyError):
        read.rubric_text(db, "2026-Q1")
    assert read.value_rows(db, "2026-Q1") == [] and read.unit_rows(db, "2026-Q1") == []
