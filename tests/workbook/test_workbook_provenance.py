"""The optional Provenance sheet: written from `Values.provenance`, read back into it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from workbook_support import check, fill

from readiness import api
from readiness.inputs.values import PROVENANCE_COLUMNS, Values, make_provenance, make_table
from readiness.rubric.model import Rubric
from readiness.workbook import write_template

PERIOD = "2026-Q4"
LINEAGE = [
    {
        "source": "World Bank, WGI, 2024 update, Rule of Law, data year 2023",
        "dataset": "Worldwide Governance Indicators, 2024 update",
        "repository": "someone/some-repo (data/wgidataset.xlsx)",
        "commit": "8569d44918f4a7281194414839f48e69f95c3126",
        "file": "wgi_2024update_c5_peers_2019_2023.csv",
        "fields": "code=KAZ; year=2023; indicator=rl",
    }
]


def _values() -> Values:
    table = make_table(
        [
            {
                "unit": "KAZ",
                "indicator": "rule_of_law",
                "value": 36.8,
                "as_of": "2023",
                "source": LINEAGE[0]["source"],
                "source_url": "https://example.org/wgi",
                "note": "Percentile rank 36.8.",
            }
        ]
    )
    return Values(table=table, period=PERIOD, provenance=make_provenance(list(LINEAGE)))


def _filled(tmp_path: Path, rubric: Rubric, edit: Any = None) -> Path:
    template = tmp_path / "t.xlsx"
    write_template(rubric, PERIOD, template, values=_values())
    book = openpyxl.load_workbook(template)
    fill(book["Values"])
    if edit is not None:
        edit(book)
    path = tmp_path / "filled.xlsx"
    book.save(path)
    return path


def test_provenance_round_trips_through_the_workbook(tmp_path: Path, rubric: Rubric) -> None:
    template = tmp_path / "t.xlsx"
    write_template(rubric, PERIOD, template, values=_values())
    book = openpyxl.load_workbook(template)
    assert book.sheetnames == [
        "Instructions",
        "Values",
        "Indicators",
        "Levels",
        "Provenance",
        "About",
    ]
    sheet = book["Provenance"]
    assert [c.value for c in sheet[1]] == [
        "Source",
        "Dataset",
        "Repository",
        "Commit",
        "File",
        "Fields",
    ]
    assert sheet.protection.sheet
    values = api.load_values(_filled(tmp_path, rubric), rubric)
    assert values.provenance.to_dict("records") == LINEAGE
    assert list(values.provenance.columns) == list(PROVENANCE_COLUMNS)


def test_a_template_without_provenance_has_no_sheet(tmp_path: Path, rubric: Rubric) -> None:
    path = tmp_path / "t.xlsx"
    write_template(rubric, PERIOD, path)
    assert "Provenance" not in openpyxl.load_workbook(path).sheetnames
    book = openpyxl.load_workbook(path)
    fill(book["Values"])
    book.save(path)
    assert api.load_values(path, rubric).provenance.empty


def test_a_damaged_provenance_sheet_is_a_warning_and_ignored(
    tmp_path: Path, rubric: Rubric
) -> None:
    def damage(book: Any) -> None:
        book["Provenance"].protection.sheet = False
        book["Provenance"]["D1"] = "Hash"

    path = _filled(tmp_path, rubric, damage)
    report = check(path, rubric)
    assert [(p.key(), p.severity.value) for p in report.problems] == [
        ((f"{path}!Provenance!A1", "bad-provenance"), "warning")
    ]
    assert report.values is not None and report.values.provenance.empty


@pytest.mark.parametrize("count", [1, 2])
def test_merged_values_keep_each_files_provenance_once(
    tmp_path: Path, rubric: Rubric, count: int
) -> None:
    from readiness.inputs import merge_values

    parts = [_values()] + [
        Values(table=make_table([]), period=PERIOD, provenance=make_provenance(list(LINEAGE)))
    ] * (count - 1)
    merged = merge_values(parts, rubric)
    assert merged.provenance.to_dict("records") == LINEAGE
