"""history.record: a period recorded with its rubric, values and results, replaced in one
transaction, with its uncertainty and unit roles."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
from history_support import FIRST, RUBRIC, evidence_table, result_for

from readiness import api
from readiness.history import read
from readiness.history.record import record_period
from readiness.inputs.values import Values, make_table
from readiness.rubric import parse_rubric


def test_a_recorded_period_reads_back_with_rubric_values_and_results(
    db: sqlite3.Connection,
) -> None:
    record_period(db, result_for("2025-Q4", FIRST), rubric_text=RUBRIC, inputs=[("t.csv", "ab")])
    [info] = read.periods(db)
    assert (info.period, info.start, info.rubric_id, info.rubric_version) == (
        "2025-Q4",
        "2025-10-01",
        "hist",
        "1",
    )
    assert info.rubric_sha256 == hashlib.sha256(RUBRIC.encode()).hexdigest()
    assert read.rubric_text(db, "2025-Q4") == RUBRIC
    values = read.value_rows(db, "2025-Q4")
    row = ("A", "x", 2.0, "2024-06", "Test source", "https://example.org", "=note A x")
    assert (*row, None, None, 0) in values  # no interval given, not contested
    assert len(values) == 5
    assert read.input_files(db, "2025-Q4") == [("t.csv", "ab")]
    assert read.unit_rows(db, "2025-Q4") == [("A", "Alpha", "assessed"), ("B", "=Beta", "assessed")]
    # A: p = mean(20, 40) = 30, q = 60, idx = 45 (low); B: p = 80 (y missing), q = 100, idx = 90
    points = {(p.item, p.period): p for p in read.trajectory(db, "A")}
    assert points[("idx", "2025-Q4")].score == pytest.approx(45.0)
    assert points[("idx", "2025-Q4")].band == "low"
    assert points[("idx", "2025-Q4")].rank == 2
    assert points[("p", "2025-Q4")].score == pytest.approx(30.0)
    b = {p.item: p for p in read.trajectory(db, "B", indicators=True)}
    assert b["idx"].score == pytest.approx(90.0) and b["idx"].band == "high" and b["idx"].rank == 1
    assert b["y"].score is None and b["y"].reason == "missing"
    assert b["p"].coverage == pytest.approx(0.5)
    contributions = dict(
        db.execute(
            "SELECT item, contribution_to_index FROM results WHERE unit = 'A' AND period = ?",
            ("2025-Q4",),
        ).fetchall()
    )
    assert contributions["x"] == pytest.approx(20 * 0.5 * 0.5)  # 20 points x 1/2 x 1/2
    assert contributions["idx"] == pytest.approx(45.0)


def _counts(db: sqlite3.Connection) -> dict[str, int]:
    return {
        t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("periods", "units", "input_values", "results", "rubrics")
    }


def test_recording_a_period_again_replaces_it(db: sqlite3.Connection) -> None:
    record_period(db, result_for("2025-Q4", FIRST), rubric_text=RUBRIC, inputs=[])
    before = _counts(db)
    changed = {**FIRST, ("A", "x"): 10.0}
    record_period(db, result_for("2025-Q4", changed), rubric_text=RUBRIC, inputs=[])
    assert _counts(db) == before
    [a] = [p for p in read.trajectory(db, "A") if p.item == "idx"]
    assert a.score == pytest.approx((70 + 60) / 2)


def test_a_failed_re_recording_leaves_the_period_as_it_was(
    db: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    record_period(db, result_for("2025-Q4", FIRST), rubric_text=RUBRIC, inputs=[])
    rows = db.execute("SELECT * FROM results ORDER BY period, unit, item").fetchall()

    from readiness.history import record

    def broken(*_: object) -> list[object]:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(record, "_result_rows", broken)
    with pytest.raises(RuntimeError):
        record_period(db, result_for("2025-Q4", {("A", "x"): 1.0}), rubric_text=RUBRIC, inputs=[])
    assert db.execute("SELECT * FROM results ORDER BY period, unit, item").fetchall() == rows


def test_uncertainty_and_roles_are_recorded(db: sqlite3.Connection) -> None:
    text = RUBRIC.replace("{id: B, name: '=Beta'}", "{id: B, name: Beta, role: reference}")
    result = result_for("2025-Q4", FIRST, text)
    table = evidence_table(result)
    table.loc[0, ["low", "high"]] = [1.5, 2.5]
    table.loc[1, "contested"] = True
    result = api.score(result.rubric, Values(table, period="2025-Q4"), period="2025-Q4")
    record_period(db, result, rubric_text=text, inputs=[])
    rows = {(r[0], r[1]): r[7:] for r in read.value_rows(db, "2025-Q4")}
    assert rows[("A", "x")] == (1.5, 2.5, 0)
    assert rows[("A", "y")] == (None, None, 1)
    assert read.unit_rows(db, "2025-Q4")[1] == ("B", "Beta", "reference")
    b = {p.item: p for p in read.trajectory(db, "B")}
    assert b["idx"].rank is None and b["idx"].score == pytest.approx(90.0)  # never ranked


def test_a_result_without_a_period_cannot_be_recorded(db: sqlite3.Connection) -> None:
    rubric = parse_rubric(RUBRIC)
    table = make_table([{"unit": "A", "indicator": "x", "value": 1.0}])
    result = api.score(rubric, Values(table=table))
    with pytest.raises(ValueError, match="named period"):
        record_period(db, result, rubric_text=RUBRIC, inputs=[])
    assert read.periods(db) == []
