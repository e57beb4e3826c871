"""Several input files for one period: read one by one, merged into one `Values`."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from readiness import api
from readiness.inputs import merge_values
from readiness.problems import ReadinessError
from readiness.rubric import load_rubric
from readiness.rubric.model import Rubric

RUBRIC_TEXT = """
id: merge-test
title: Merge test
version: "1"
units:
  - {id: KAZ, name: Kazakhstan}
  - {id: UZB, name: Uzbekistan}
  - {id: AUS, name: Australia, role: reference}
nodes:
  - {id: index, name: Index}
indicators:
  - {id: a, name: A, parent: index, normalisation: {method: goalposts, low: 0, high: 10}}
  - {id: b, name: B, parent: index, normalisation: {method: goalposts, low: 0, high: 10}}
"""
HEADER = "unit,indicator,value,as_of,source,source_url,note,period\n"


@pytest.fixture
def rubric(tmp_path: Path) -> Rubric:
    path = tmp_path / "rubric.yaml"
    path.write_text(RUBRIC_TEXT, encoding="utf-8")
    return load_rubric(path)


def _csv(folder: Path, name: str, rows: list[str]) -> Path:
    path = folder / name
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def test_two_files_merge_into_one_values_in_rubric_unit_order(
    tmp_path: Path, rubric: Rubric
) -> None:
    refs = _csv(tmp_path, "refs.csv", ["AUS,a,9,2024,S,https://x.org,n,2026-Q4"])
    c5 = _csv(
        tmp_path,
        "c5.csv",
        ["UZB,a,2,2024,S,https://x.org,n,2026-Q4", "KAZ,b,3,2024,S,https://x.org,n,2026-Q4"],
    )
    values = api.load_values([refs, c5], rubric)
    assert values.period == "2026-Q4"
    assert list(values.units.index) == ["KAZ", "UZB", "AUS"]  # rubric order, not file order
    got = {(r.unit, r.indicator): r.value for r in values.table.itertuples()}
    assert got == {("AUS", "a"): 9.0, ("UZB", "a"): 2.0, ("KAZ", "b"): 3.0}
    assert [f.origin for f in values.files] == [str(refs), str(c5)]
    assert all(len(f.sha256) == 64 for f in values.files)
    assert values.origin == f"{refs} + {c5}"
    assert len(values.sha256) == 64 and values.sha256 not in {f.sha256 for f in values.files}
    # The merged values score like any other: the reference unit is scored, never ranked.
    result = api.score(rubric, values)
    assert [f.origin for f in result.inputs] == [str(refs), str(c5)]
    assert result.provenance.empty  # CSV files carry no provenance
    assert not math.isnan(result.scores.at["AUS", "index"])
    assert result.ranks["index"].isna()["AUS"]


def test_one_path_in_a_list_is_the_same_as_one_path(tmp_path: Path, rubric: Rubric) -> None:
    path = _csv(tmp_path, "c5.csv", ["KAZ,a,3,2024,S,https://x.org,n,2026-Q4"])
    one, listed = api.load_values(path, rubric), api.load_values([path], rubric)
    assert one.table.equals(listed.table)
    assert (one.origin, one.sha256) == (listed.origin, listed.sha256)
    assert [f.origin for f in one.inputs] == [str(path)]


def test_a_cell_given_in_two_files_is_a_located_error(tmp_path: Path, rubric: Rubric) -> None:
    first = _csv(tmp_path, "first.csv", ["KAZ,a,3,2024,S,https://x.org,n,2026-Q4"])
    second = _csv(tmp_path, "second.csv", ["KAZ,a,4,2024,S,https://x.org,n,2026-Q4"])
    with pytest.raises(ReadinessError) as caught:
        api.load_values([first, second], rubric)
    keys = [p.key() for p in caught.value.problems]
    assert keys == [(f"{second} KAZ/a", "duplicate-across-files")]
    assert str(first) in caught.value.problems[0].message


def test_files_for_different_periods_are_refused(tmp_path: Path, rubric: Rubric) -> None:
    first = _csv(tmp_path, "q3.csv", ["KAZ,a,3,2024,S,https://x.org,n,2026-Q3"])
    second = _csv(tmp_path, "q4.csv", ["UZB,a,4,2024,S,https://x.org,n,2026-Q4"])
    with pytest.raises(ReadinessError) as caught:
        api.load_values([first, second], rubric)
    assert [p.key() for p in caught.value.problems] == [(str(second), "period-mismatch")]


def test_every_files_problems_are_reported_at_once(tmp_path: Path, rubric: Rubric) -> None:
    bad_unit = _csv(tmp_path, "a.csv", ["XXX,a,3,2024,S,https://x.org,n,2026-Q4"])
    bad_value = _csv(tmp_path, "b.csv", ["KAZ,a,abc,2024,S,https://x.org,n,2026-Q4"])
    with pytest.raises(ReadinessError) as caught:
        api.load_values([bad_unit, bad_value, tmp_path / "missing.csv"], rubric)
    files = {p.location.file for p in caught.value.problems}
    assert files == {str(bad_unit), str(bad_value), str(tmp_path / "missing.csv")}


def test_an_empty_row_in_one_file_does_not_clash_with_a_value_in_another(
    tmp_path: Path, rubric: Rubric
) -> None:
    empty = api.load_values(_csv(tmp_path, "e.csv", ["KAZ,a,,,,,not found,2026-Q4"]), rubric)
    given = api.load_values(
        _csv(tmp_path, "g.csv", ["KAZ,a,5,2024,S,https://x.org,n,2026-Q4"]), rubric
    )
    merged = merge_values([empty, given], rubric)
    assert merged.table[["unit", "indicator", "value"]].values.tolist() == [["KAZ", "a", 5.0]]


def test_no_files_is_an_error(rubric: Rubric) -> None:
    with pytest.raises(ReadinessError) as caught:
        api.load_values([], rubric)
    assert [p.code for p in caught.value.problems] == ["no-input-files"]
