"""history.ingest: the shipped earlier periods recorded with the rubric their workbooks name,
recorded again when a workbook changes."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from history_support import ROOT, RUBRIC

from readiness import api, sources
from readiness.history import ingest, read, schema
from readiness.inputs.values import Values
from readiness.problems import ReadinessError
from readiness.rubric import parse_rubric


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


def test_the_inputs_digest_is_over_contents_not_names_or_order() -> None:
    digest = ingest.inputs_digest([("b.xlsx", "s2"), ("a.csv", "s1")])
    assert digest == hashlib.sha256(b"s1\ns2\n").hexdigest()
    assert ingest.inputs_digest([("history/a.csv", "s1"), ("x", "s2")]) == digest
    assert ingest.inputs_digest([("a.csv", "s1")]) != digest


def test_file_inputs_names_files_under_the_root_relative_to_it(tmp_path: Path) -> None:
    (tmp_path / "root" / "inputs").mkdir(parents=True)
    inside = tmp_path / "root" / "inputs" / "a.csv"
    outside = tmp_path / "b.csv"
    inside.write_bytes(b"abc")
    outside.write_bytes(b"")
    assert ingest.file_inputs((inside, outside), tmp_path / "root") == [
        ("inputs/a.csv", hashlib.sha256(b"abc").hexdigest()),
        (outside.as_posix(), hashlib.sha256(b"").hexdigest()),
    ]


def _small_repo(tmp_path: Path) -> tuple[Path, sources.RubricFile]:
    """A repository with the history test rubric and two earlier periods as CSV files."""
    root = tmp_path / "small"
    (root / "rubrics").mkdir(parents=True)
    (root / "rubrics" / "hist.yaml").write_text(RUBRIC, encoding="utf-8")
    history = root / "inputs" / "history"
    history.mkdir(parents=True)
    for period, x in (("2025-Q3", 2), ("2025-Q4", 10)):
        (history / f"hist-{period}.csv").write_text(
            f"unit,indicator,value,as_of,source\nA,x,{x},2025,S\nA,z,6,2025,S\nB,x,8,2025,S\n",
            encoding="utf-8",
        )
    return root, sources.RubricFile.read(root / "rubrics" / "hist.yaml")


def test_only_the_periods_before_the_one_named_are_ingested(
    db: sqlite3.Connection, tmp_path: Path
) -> None:
    root, current = _small_repo(tmp_path)
    assert [f.period for f, _ in ingest.pending(db, root, current)] == ["2025-Q3", "2025-Q4"]
    said: list[str] = []
    assert ingest.ingest_history(db, root, current, before="2025-Q4", progress=said.append) == [
        "2025-Q3"
    ]
    assert said == ["history: recorded 2025-Q3 from inputs/history/hist-2025-Q3.csv (rubric 1)"]
    [(found, inputs)] = ingest.pending(db, root, current)
    assert found.period == "2025-Q4" and inputs[0][0] == "inputs/history/hist-2025-Q4.csv"
    assert ingest.ingest_history(db, root, current) == ["2025-Q4"]
    assert ingest.pending(db, root, current) == []
    # A: p = mean(x, y) with y missing = x's score, q = z's: 2025-Q4 idx = (100 + 60) / 2
    stored = {(p.period, u): p.score for u, p in read.headline(db)}
    assert stored[("2025-Q3", "A")] == pytest.approx((20 + 60) / 2)
    assert stored[("2025-Q4", "A")] == pytest.approx((100 + 60) / 2)


def test_a_repository_without_earlier_periods_has_nothing_pending(
    db: sqlite3.Connection, tmp_path: Path
) -> None:
    root, current = _small_repo(tmp_path)
    shutil.rmtree(root / "inputs")
    assert ingest.pending(db, root, current) == []
    assert ingest.ingest_history(db, root, current) == []
