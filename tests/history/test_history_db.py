"""The history database: a period recorded with its rubric, values and results, read back,
replaced in one transaction, exported formula-safe; the shipped earlier periods ingested."""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from readiness import api, sources
from readiness.cli import main
from readiness.engine.result import Result
from readiness.history import ingest, read, schema
from readiness.history.record import record_period
from readiness.inputs.values import Values, make_table
from readiness.problems import ReadinessError
from readiness.rubric import parse_rubric

ROOT = Path(__file__).resolve().parents[2]

RUBRIC = """\
id: hist
title: History test
version: '1'
units:
  - {id: A, name: Alpha}
  - {id: B, name: '=Beta'}
nodes:
  - {id: idx, name: Index}
  - {id: p, name: Pillar, parent: idx}
  - {id: q, name: Other, parent: idx}
indicators:
  - {id: x, name: X, parent: p, normalisation: {method: goalposts, low: 0, high: 10}}
  - {id: y, name: Y, parent: p, normalisation: {method: goalposts, low: 0, high: 10}}
  - {id: z, name: Z, parent: q, normalisation: {method: goalposts, low: 0, high: 10}}
bands:
  - {label: high, min: 50}
  - {label: low, min: 0}
"""


def result_for(
    period: str, rows: dict[tuple[str, str], float], rubric_text: str = RUBRIC
) -> Result:
    rubric = parse_rubric(rubric_text)
    table = make_table(
        [
            {
                "unit": u,
                "indicator": i,
                "value": v,
                "as_of": "2024-06",
                "source": "Test source",
                "source_url": "https://example.org",
                "note": f"=note {u} {i}",
            }
            for (u, i), v in rows.items()
        ]
    )
    return api.score(rubric, Values(table=table, period=period, origin="t.csv"), period=period)


FIRST = {("A", "x"): 2.0, ("A", "y"): 4.0, ("A", "z"): 6.0, ("B", "x"): 8.0, ("B", "z"): 10.0}


@pytest.fixture(params=["durable", "staged"])
def db(tmp_path: Path, request: pytest.FixtureRequest) -> sqlite3.Connection:
    # `staged`: the run's private copy (no fsync per commit, rollback journal in memory)
    conn = schema.connect(tmp_path / "h.sqlite", staged=request.param == "staged")
    yield conn
    conn.close()


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


def test_periods_are_ordered_by_time_not_by_insertion(db: sqlite3.Connection) -> None:
    for period in ("2026-Q1", "2025-Q3", "2025-Q4"):
        record_period(db, result_for(period, FIRST), rubric_text=RUBRIC, inputs=[])
    assert [p.period for p in read.periods(db)] == ["2025-Q3", "2025-Q4", "2026-Q1"]


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


# --- export and CLI -----------------------------------------------------------------------------


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    path = tmp_path / "h.sqlite"
    conn = schema.connect(path)
    record_period(conn, result_for("2025-Q4", FIRST), rubric_text=RUBRIC, inputs=[])
    later = {**FIRST, ("A", "x"): 10.0}
    record_period(conn, result_for("2026-Q1", later), rubric_text=RUBRIC, inputs=[])
    conn.close()
    return path


def run(*args: str) -> object:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


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


def test_export_csv_is_formula_safe(db_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "h.csv"
    result = CliRunner().invoke(
        main, ["history", "export", "-o", str(out), "--history", str(db_file)]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert {r["name"] for r in rows} == {"Alpha", "'=Beta"}
    idx = [r for r in rows if r["item"] == "idx" and r["unit"] == "A"]
    assert [(r["period"], float(r["score"]), r["band"]) for r in idx] == [
        ("2025-Q4", 45.0, "low"),
        ("2026-Q1", 65.0, "high"),
    ]


def test_export_xlsx_keeps_text_as_text(db_file: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "h.xlsx"
    api.history_export(out, db_file)
    book = load_workbook(out)
    assert book.sheetnames == ["Results", "Values", "Periods"]
    notes = [c.value for c in book["Values"]["H"][1:]]
    assert "=note A x" in notes
    assert all(c.data_type == "s" for c in book["Values"]["H"][1:])
    with pytest.raises(ReadinessError) as err:
        api.history_export(tmp_path / "h.txt", db_file)
    assert err.value.problems[0].key() == (str(tmp_path / "h.txt"), "file-format-unknown")


# --- ingest of the shipped earlier periods --------------------------------------------------------


def _repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir(parents=True)
    shutil.copytree(ROOT / "rubrics", root / "rubrics")  # the current rubric and the archive
    shutil.copytree(ROOT / "inputs" / "history", root / "inputs" / "history")
    return root


def test_ingest_records_each_shipped_period_with_the_scores_of_its_workbook(
    tmp_path: Path,
) -> None:
    root = _repo(tmp_path)
    current = sources.RubricFile.read(root / "rubrics" / "c5-critical-minerals.yaml")
    conn = schema.connect(tmp_path / "h.sqlite")
    shipped = sorted((root / "inputs" / "history").glob("*.xlsx"))
    done = ingest.ingest_history(conn, root, current)
    assert done == [p.stem.rsplit("-", 2)[-2] + "-" + p.stem.rsplit("-", 1)[-1] for p in shipped]
    for path, period in zip(shipped, done, strict=True):
        made_with = sources.rubric_named_by(path, current, root).rubric  # 1.0.0 for the history
        direct = api.score(made_with, api.load_values(path, made_with), period=period)
        stored = {u: p.score for u, p in read.headline(conn) if p.period == period}
        for unit in direct.units:
            expected = direct.scores.at[unit, "index"]
            assert stored[unit] == (None if expected != expected else pytest.approx(expected))
    uzb = {p.period: p.score for u, p in read.headline(conn) if u == "UZB"}
    assert round(uzb["2023-Q4"], 1) == 35.8  # the figure for Uzbekistan
    assert ingest.ingest_history(conn, root, current) == []  # nothing missing any more


def test_a_changed_shipped_workbook_is_recorded_again(tmp_path: Path) -> None:
    from readiness.workbook.template import write_template

    root = _repo(tmp_path)
    current = sources.RubricFile.read(root / "rubrics" / "c5-critical-minerals.yaml")
    conn = schema.connect(tmp_path / "h.sqlite")
    ingest.ingest_history(conn, root, current)
    path = root / "inputs" / "history" / "c5-critical-minerals-2025-Q4.xlsx"
    made_with = sources.rubric_named_by(path, current, root).rubric
    values = api.load_values(path, made_with)
    table = values.table.copy()
    first = table.index[table["value"].notna()][0]
    table.loc[first, "value"] = table.loc[first, "value"] + 1  # a corrected figure
    write_template(made_with, "2025-Q4", path, values=Values(table, values.units))
    assert ingest.ingest_history(conn, root, current) == ["2025-Q4"]
    unit, indicator = table.loc[first, "unit"], table.loc[first, "indicator"]
    stored = {(u, i): v for u, i, v, *_ in read.value_rows(conn, "2025-Q4")}
    assert stored[(unit, indicator)] == table.loc[first, "value"]


def test_a_workbook_made_with_an_archived_rubric_is_scored_with_it(tmp_path: Path) -> None:
    from readiness.workbook.template import write_template

    root = _repo(tmp_path)
    for old in (root / "inputs" / "history").glob("*.xlsx"):
        old.unlink()
    # the shipped history is made with 1.0.0; pretend it was made with an unarchived 0.9.0
    text = (root / "rubrics" / "archive" / "c5-critical-minerals-1.0.0.yaml").read_text(
        encoding="utf-8"
    )
    old_text = text.replace('version: "1.0.0"', 'version: "0.9.0"')
    assert old_text != text
    old_rubric = parse_rubric(old_text)
    shipped = ROOT / "inputs" / "history" / "c5-critical-minerals-2024-Q4.xlsx"
    values = api.load_values(shipped, parse_rubric(text))
    workbook = root / "inputs" / "history" / "c5-critical-minerals-2024-Q4.xlsx"
    write_template(old_rubric, "2024-Q4", workbook, values=values)
    current = sources.RubricFile.read(root / "rubrics" / "c5-critical-minerals.yaml")
    conn = schema.connect(tmp_path / "h.sqlite")
    with pytest.raises(ReadinessError) as err:
        ingest.ingest_history(conn, root, current)
    assert err.value.problems[0].code == "rubric-not-archived"
    assert "c5-critical-minerals-0.9.0.yaml does not exist" in err.value.problems[0].message
    (root / "rubrics" / "archive" / "c5-critical-minerals-0.9.0.yaml").write_text(
        old_text, encoding="utf-8"
    )
    assert ingest.ingest_history(conn, root, current) == ["2024-Q4"]
    [info] = read.periods(conn)
    assert info.rubric_version == "0.9.0"
    assert read.rubric_text(conn, "2024-Q4") == old_text


def test_uncertainty_and_roles_are_recorded(db: sqlite3.Connection) -> None:
    text = RUBRIC.replace("{id: B, name: '=Beta'}", "{id: B, name: Beta, role: reference}")
    result = result_for("2025-Q4", FIRST, text)
    table = result.evidence.reset_index()
    raw = result.raw
    pairs = zip(table["unit"], table["indicator"], strict=True)
    table["value"] = [float(raw.at[u, i]) for u, i in pairs]
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


def test_a_version_1_database_is_migrated_with_its_rows_kept(tmp_path: Path) -> None:
    path = tmp_path / "v1.sqlite"
    conn = sqlite3.connect(path)
    for statement in schema.V1.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("INSERT INTO schema_version VALUES (1)")
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
    conn = sqlite3.connect(path)
    for statement in schema.V1.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("INSERT INTO schema_version VALUES (1)")
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
