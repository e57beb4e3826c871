"""history.schema: connecting (durable, staged, read-only), refusing what is not a history database,
migrating version 1 in one transaction."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from history_support import FIRST, RUBRIC, result_for

from readiness.history import read, schema
from readiness.history.record import record_period
from readiness.problems import ReadinessError


def test_only_a_staged_copy_leaves_durability_to_the_run(tmp_path: Path) -> None:
    # The history file itself: SQLite's own crash safety (rollback journal on disk, fsync).
    durable = schema.connect(tmp_path / "h.sqlite")
    assert durable.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert durable.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    durable.close()
    # The run's staged copy, which outputs.Transaction fsyncs and renames on commit.
    staged = schema.connect(tmp_path / "staged.sqlite", staged=True)
    assert staged.execute("PRAGMA synchronous").fetchone()[0] == 0  # OFF
    assert staged.execute("PRAGMA journal_mode").fetchone()[0] == "memory"
    staged.close()
    reader = schema.connect(tmp_path / "h.sqlite", readonly=True)
    assert reader.execute("PRAGMA synchronous").fetchone()[0] == 2
    reader.close()
    with pytest.raises(ValueError):
        schema.connect(tmp_path / "h.sqlite", readonly=True, staged=True)


def test_a_file_that_is_not_a_database_is_a_user_error(tmp_path: Path) -> None:
    (tmp_path / "h.sqlite").write_bytes(b"not a database" * 100)
    with pytest.raises(ReadinessError) as err:
        schema.connect(tmp_path / "h.sqlite")
    assert err.value.problems[0].code == "history-unreadable"


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    conn = schema.connect(tmp_path / "h.sqlite")
    conn.execute("UPDATE schema_version SET version = 99")
    conn.close()
    with pytest.raises(ReadinessError) as err:
        schema.connect(tmp_path / "h.sqlite")
    assert err.value.problems[0].code == "history-too-new"


def _version_1(path: Path) -> sqlite3.Connection:
    """An empty history database at schema version 1, open for rows to be added."""
    conn = sqlite3.connect(path)
    for statement in schema.V1.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("INSERT INTO schema_version VALUES (1)")
    return conn


def test_a_version_1_database_is_migrated_with_its_rows_kept(tmp_path: Path) -> None:
    path = tmp_path / "v1.sqlite"
    conn = _version_1(path)
    conn.execute("INSERT INTO rubrics VALUES ('s1', 'hist', '1', 'id: hist')")
    conn.execute("INSERT INTO periods VALUES ('2024-Q4', '2024-10-01', 's1', 'd1')")
    conn.execute("INSERT INTO units VALUES ('2024-Q4', 'A', 'Alpha', 0)")
    conn.execute(
        "INSERT INTO input_values VALUES ('2024-Q4', 'A', 'x', 3.0, '2024', 'S', 'https://s', 'n')"
    )
    conn.execute(
        "INSERT INTO results VALUES ('2024-Q4', 'A', 'idx', 'index', '', NULL, 41.5, 1.0, 1, "
        "'low', NULL, 41.5, '')"
    )
    conn.commit()
    conn.close()

    migrated = schema.connect(path)
    assert schema.version_of(migrated) == schema.SCHEMA_VERSION == 2
    assert read.value_rows(migrated, "2024-Q4") == [
        ("A", "x", 3.0, "2024", "S", "https://s", "n", None, None, None)
    ]
    assert read.unit_rows(migrated, "2024-Q4") == [("A", "Alpha", "assessed")]
    assert read.input_files(migrated, "2024-Q4") == []
    [(unit, point)] = read.headline(migrated)
    assert (unit, point.period, point.score, point.band) == ("A", "2024-Q4", 41.5, "low")
    # and a version-2 period can be recorded beside it
    record_period(migrated, result_for("2025-Q4", FIRST), rubric_text=RUBRIC, inputs=[])
    assert [p.period for p in read.periods(migrated)] == ["2024-Q4", "2025-Q4"]
    assert migrated.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_failed_migration_leaves_version_1_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "v1.sqlite"
    conn = _version_1(path)
    conn.commit()
    conn.close()

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE units ADD COLUMN role TEXT")
        raise RuntimeError("power cut")

    monkeypatch.setitem(schema.MIGRATIONS, 1, broken)
    with pytest.raises(RuntimeError):
        schema.connect(path)
    check = sqlite3.connect(path)
    assert check.execute("SELECT version FROM schema_version").fetchone() == (1,)
    columns = [r[1] for r in check.execute("PRAGMA table_info(units)")]
    assert "role" not in columns
    check.close()


def test_reading_a_missing_database_fails_and_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(ReadinessError) as err:
        schema.connect(tmp_path / "none.sqlite", readonly=True)
    assert err.value.problems[0].key() == (str(tmp_path / "none.sqlite"), "history-not-found")
    assert not (tmp_path / "none.sqlite").exists()
    conn = schema.connect(tmp_path / "new.sqlite")  # a writer creates it at the current version
    assert schema.version_of(conn) == schema.SCHEMA_VERSION
    conn.close()


def test_a_reader_leaves_an_old_schema_for_a_run_to_migrate(tmp_path: Path) -> None:
    path = tmp_path / "v1.sqlite"
    conn = _version_1(path)
    conn.commit()
    conn.close()
    with pytest.raises(ReadinessError) as err:
        schema.connect(path, readonly=True)
    assert err.value.problems[0].code == "history-old-schema"
    assert "schema version 1" in err.value.problems[0].message
    check = sqlite3.connect(path)
    assert check.execute("SELECT version FROM schema_version").fetchone() == (1,)
    check.close()
