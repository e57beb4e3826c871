"""sources: where a run's inputs are (the rubric, each period's files, archived rubrics) and the
rubric a workbook's About sheet names, found from names and hashes alone."""

from __future__ import annotations

import hashlib
from pathlib import Path

import openpyxl
import pytest

from readiness import sources
from readiness.problems import ReadinessError
from readiness.workbook import layout

RUBRIC = """\
id: src  # the id as written
title: Sources test
version: '2'
nodes:
  - {id: idx, name: Index}
indicators:
  - {id: x, name: X, parent: idx, normalisation: {method: goalposts, low: 0, high: 10}}
"""


def _key(err: pytest.ExceptionInfo[ReadinessError]) -> tuple[str, str]:
    return err.value.problems[0].key()


def test_hashes_are_sha256_of_the_bytes(tmp_path: Path) -> None:
    data = b"x" * (3 << 20)  # read in more than one chunk
    (tmp_path / "f").write_bytes(data)
    assert sources.sha256_of(tmp_path / "f") == hashlib.sha256(data).hexdigest()
    assert sources.sha256_bytes(b"") == hashlib.sha256(b"").hexdigest()


def test_a_rubric_file_knows_its_text_hash_and_declared_id(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text(RUBRIC, encoding="utf-8")
    found = sources.RubricFile.read(tmp_path / "r.yaml")
    assert found.text == RUBRIC
    assert found.sha256 == hashlib.sha256(RUBRIC.encode()).hexdigest()
    assert found.declared_id == "src"  # a trailing comment is not part of it
    assert (found.rubric.id, found.rubric.version) == ("src", "2")
    quoted = sources.RubricFile(Path("q.yaml"), b"title: T\nid: 'a.b-c'\n")
    assert quoted.declared_id == "a.b-c"
    assert sources.RubricFile(Path("n.yaml"), b"rubric:\n  id: nested\n").declared_id is None


def test_a_missing_rubric_file_is_located(tmp_path: Path) -> None:
    with pytest.raises(ReadinessError) as err:
        sources.RubricFile.read(tmp_path / "none.yaml")
    assert _key(err) == (str(tmp_path / "none.yaml"), "file-not-found")


def test_a_rubric_that_is_not_utf8_is_reported_when_parsed(tmp_path: Path) -> None:
    found = sources.RubricFile(tmp_path / "r.yaml", RUBRIC.encode("utf-8") + b"# \xff\n")
    assert found.text.endswith("# \ufffd\n")  # shown, with the bad byte replaced
    with pytest.raises(ReadinessError) as err:
        _ = found.rubric
    assert _key(err) == (str(tmp_path / "r.yaml"), "file-encoding")
    assert "not UTF-8" in err.value.problems[0].message


def test_find_rubric_wants_exactly_one_yaml(tmp_path: Path) -> None:
    folder = tmp_path / "rubrics"
    with pytest.raises(ReadinessError) as err:
        sources.find_rubric(tmp_path)
    assert _key(err) == (str(folder), "no-rubric")
    (folder / "archive").mkdir(parents=True)
    (folder / "archive" / "c5-1.0.0.yaml").write_text(RUBRIC)  # the archive is not looked at
    (folder / "c5.yaml").write_text(RUBRIC)
    assert sources.find_rubric(tmp_path) == folder / "c5.yaml"
    (folder / "other.yml").write_text(RUBRIC)
    with pytest.raises(ReadinessError) as err:
        sources.find_rubric(tmp_path)
    assert _key(err) == (str(folder), "several-rubrics")
    assert err.value.problems[0].message.startswith("c5.yaml, other.yml:")


def test_period_files_pairs_each_period_with_its_reference_file(tmp_path: Path) -> None:
    names = [
        "c5-2026-Q1.xlsx",
        "c5-2025-Q4.csv",
        "c5-reference-2026-Q1.xlsx",
        "c5-reference-2024-Q4.xlsx",  # a reference file alone is no period
        "c5-2026.xlsx",
        "c5-2026-Q5.xlsx",  # not a quarter
        "c5-2026-Q1.ods",  # not a values file
        "other-2026-Q2.xlsx",  # another rubric's
        "~$c5-2026-Q2.xlsx",
    ]
    for name in names:
        (tmp_path / name).write_bytes(b"")
    (tmp_path / "c5-2023-Q1.xlsx").mkdir()  # a folder is not a file
    found = sources.period_files(tmp_path, "c5")
    assert [(f.period, [p.name for p in f.files]) for f in found] == [
        ("2025-Q4", ["c5-2025-Q4.csv"]),
        ("2026", ["c5-2026.xlsx"]),
        ("2026-Q1", ["c5-2026-Q1.xlsx", "c5-reference-2026-Q1.xlsx"]),
    ]
    assert sources.period_files(tmp_path / "absent", "c5") == []


def test_two_files_for_one_period_are_refused(tmp_path: Path) -> None:
    (tmp_path / "c5-2026-Q1.csv").write_bytes(b"")
    (tmp_path / "c5-2026-Q1.xlsx").write_bytes(b"")
    with pytest.raises(ReadinessError) as err:
        sources.period_files(tmp_path, "c5")
    assert _key(err) == (str(tmp_path / "c5-2026-Q1.xlsx"), "several-inputs")
    assert "c5-2026-Q1.csv and c5-2026-Q1.xlsx are for the same period" in str(err.value)


@pytest.mark.parametrize(
    ("period", "key", "after"),
    [
        ("2026-Q1", (2026, 1), "2026-Q2"),
        ("2026-Q4", (2026, 4), "2027-Q1"),
        ("1999-Q3", (1999, 3), "1999-Q4"),
        ("2026", (2026, 0), "2027"),
    ],
)
def test_period_key_and_next_period(period: str, key: tuple[int, int], after: str) -> None:
    assert sources.period_key(period) == key
    assert sources.next_period(period) == after
    assert sources.period_key(after) > key


def _workbook(path: Path, about: dict[str, str] | None) -> Path:
    book = openpyxl.Workbook()
    if about is not None:
        sheet = book.active
        sheet.title = layout.ABOUT
        sheet.append(["Field", "Value"])
        for field, value in about.items():
            sheet.append([f" {field} ", f"{value} "])  # read stripped
        sheet.append(["", "no field"])
    else:
        book.active.title = "Values"
    book.save(path)
    return path


def test_about_reads_the_fields_of_a_workbook_and_nothing_else(tmp_path: Path) -> None:
    book = _workbook(tmp_path / "a.xlsx", {"Rubric id": "src", "Rubric version": "2"})
    assert sources.about(book) == {"Field": "Value", "Rubric id": "src", "Rubric version": "2"}
    assert sources.about(_workbook(tmp_path / "b.xlsx", None)) == {}  # no About sheet
    (tmp_path / "c.csv").write_text("unit,indicator,value\n")
    assert sources.about(tmp_path / "c.csv") == {}
    (tmp_path / "d.xlsx").write_bytes(b"not a zip")
    assert sources.about(tmp_path / "d.xlsx") == {}  # validation says why, later


def _repo(tmp_path: Path) -> tuple[Path, sources.RubricFile]:
    (tmp_path / "rubrics" / "archive").mkdir(parents=True)
    (tmp_path / "rubrics" / "src.yaml").write_text(RUBRIC, encoding="utf-8")
    return tmp_path, sources.RubricFile.read(tmp_path / "rubrics" / "src.yaml")


def test_the_current_rubric_serves_a_workbook_naming_it_or_none(tmp_path: Path) -> None:
    root, current = _repo(tmp_path)
    same = _workbook(tmp_path / "a.xlsx", {"Rubric id": "src", "Rubric version": "2"})
    assert sources.rubric_named_by(same, current, root) is current
    (tmp_path / "v.csv").write_text("unit,indicator,value\n")
    assert sources.rubric_named_by(tmp_path / "v.csv", current, root) is current
    no_version = _workbook(tmp_path / "b.xlsx", {"Rubric id": "src"})
    assert sources.rubric_named_by(no_version, current, root) is current


def test_an_older_version_is_read_from_the_archive_once(tmp_path: Path) -> None:
    root, current = _repo(tmp_path)
    old = root / "rubrics" / "archive" / "src-1.yaml"
    old.write_text(RUBRIC.replace("version: '2'", "version: '1'"), encoding="utf-8")
    book = _workbook(tmp_path / "a.xlsx", {"Rubric id": "src", "Rubric version": "1"})
    archived: dict[Path, sources.RubricFile] = {}
    found = sources.rubric_named_by(book, current, root, archived)
    assert found.path == old and found.rubric.version == "1"
    assert archived == {old: found}
    old.write_text("not: [a rubric", encoding="utf-8")  # not read again: taken from `archived`
    assert sources.rubric_named_by(book, current, root, archived) is found


def test_an_unarchived_or_mislabelled_version_is_located(tmp_path: Path) -> None:
    root, current = _repo(tmp_path)
    book = _workbook(tmp_path / "a.xlsx", {"Rubric id": "src", "Rubric version": "1"})
    with pytest.raises(ReadinessError) as err:
        sources.rubric_named_by(book, current, root)
    problem = err.value.problems[0]
    assert (problem.code, problem.location.file, problem.location.sheet) == (
        "rubric-not-archived",
        str(book),
        layout.ABOUT,
    )
    assert "made with rubric src version 1; the current rubric is src 2" in problem.message
    # an archive file whose content is another version
    (root / "rubrics" / "archive" / "src-1.yaml").write_text(RUBRIC, encoding="utf-8")
    with pytest.raises(ReadinessError) as err:
        sources.rubric_named_by(book, current, root)
    assert _key(err) == (
        str(root / "rubrics" / "archive" / "src-1.yaml"),
        "rubric-archive-mismatch",
    )
    assert "this file says it is src 2, not src 1" in err.value.problems[0].message
