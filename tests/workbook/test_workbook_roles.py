"""A workbook covers the rubric's units of one role: the assessed countries or the references."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from workbook_support import check, fill, keys

from readiness import api
from readiness.rubric import load_rubric
from readiness.rubric.model import Role, Rubric
from readiness.workbook import write_template

HERE = Path(__file__).parent
PERIOD = "2026-Q4"


@pytest.fixture(scope="module")
def roles_rubric(tmp_path_factory: pytest.TempPathFactory) -> Rubric:
    """The workbook tests' rubric plus two reference units."""
    text = (HERE / "rubric.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "  - {id: UZB, name: Uzbekistan}\n",
        "  - {id: UZB, name: Uzbekistan}\n"
        "  - {id: AUS, name: Australia, role: reference}\n"
        "  - {id: CAN, name: Canada, role: reference}\n",
    )
    assert "role: reference" in text
    path = tmp_path_factory.mktemp("roles") / "rubric.yaml"
    path.write_text(text, encoding="utf-8")
    return load_rubric(path)


def _units_and_role(path: Path) -> tuple[list[str], str]:
    book = openpyxl.load_workbook(path)
    units = list(dict.fromkeys(row[0].value for row in book["Values"].iter_rows(min_row=2)))
    about = {row[0].value: row[1].value for row in book["About"].iter_rows()}
    return units, about["Unit role"]


def test_the_officials_template_lists_only_the_assessed_units(
    tmp_path: Path, roles_rubric: Rubric
) -> None:
    path = tmp_path / "c3.xlsx"
    write_template(roles_rubric, PERIOD, path)
    assert _units_and_role(path) == (["KAZ", "KGZ", "UZB"], "assessed")


def test_the_reference_template_lists_only_the_references(
    tmp_path: Path, roles_rubric: Rubric
) -> None:
    path = tmp_path / "refs.xlsx"
    write_template(roles_rubric, PERIOD, path, role=Role.REFERENCE)
    assert _units_and_role(path) == (["AUS", "CAN"], "reference")


def _filled(tmp_path: Path, rubric: Rubric, role: Role, edit: Any = None) -> Path:
    template = tmp_path / f"template-{role.value}.xlsx"
    write_template(rubric, PERIOD, template, role=role)
    book = openpyxl.load_workbook(template)
    fill(book["Values"])
    if edit is not None:
        edit(book)
    path = tmp_path / f"filled-{role.value}.xlsx"
    book.save(path)
    return path


def test_each_workbook_validates_against_its_own_units(
    tmp_path: Path, roles_rubric: Rubric
) -> None:
    for role, units in ((Role.ASSESSED, ["KAZ", "KGZ", "UZB"]), (Role.REFERENCE, ["AUS", "CAN"])):
        report = check(_filled(tmp_path, roles_rubric, role), roles_rubric)
        assert report.errors == [], role
        assert report.values is not None
        assert list(report.values.units.index) == units
        assert sorted(report.values.table["unit"].unique()) == sorted(units)


def test_the_two_workbooks_merge_into_values_for_every_unit(
    tmp_path: Path, roles_rubric: Rubric
) -> None:
    c3 = _filled(tmp_path, roles_rubric, Role.ASSESSED)
    refs = _filled(tmp_path, roles_rubric, Role.REFERENCE)
    values = api.load_values([c3, refs], roles_rubric)
    assert list(values.units.index) == ["KAZ", "KGZ", "UZB", "AUS", "CAN"]
    result = api.score(roles_rubric, values)
    assert result.ranks["index"].notna().sum() == 3  # the references are never ranked
    assert result.scores["index"].notna().sum() == 5  # ... but every unit is scored


def test_an_assessed_country_in_the_reference_workbook_is_refused(
    tmp_path: Path, roles_rubric: Rubric
) -> None:
    def retag(book: Any) -> None:
        book["Values"]["A2"].value = "KAZ"  # first row was AUS / rule_of_law

    report = check(_filled(tmp_path, roles_rubric, Role.REFERENCE, retag), roles_rubric)
    problems = [p for p in report.errors if p.code == "unknown-unit"]
    assert [p.location.cell for p in problems] == ["A2"]
    assert "role assessed" in problems[0].message and "reference units" in problems[0].message
    # And the reference row it replaced is now missing.
    assert ("AUS/rule_of_law", "missing-row") in {(p.location.path, p.code) for p in report.errors}


def test_a_workbook_without_a_role_row_covers_the_assessed_units(
    tmp_path: Path, roles_rubric: Rubric
) -> None:
    def drop_role(book: Any) -> None:
        about = book["About"]
        for row in about.iter_rows():
            if row[0].value == "Unit role":
                row[0].value = row[1].value = None

    report = check(_filled(tmp_path, roles_rubric, Role.ASSESSED, drop_role), roles_rubric)
    assert report.errors == []
    assert report.values is not None and list(report.values.units.index) == ["KAZ", "KGZ", "UZB"]


def test_an_unknown_role_is_a_located_error(tmp_path: Path, roles_rubric: Rubric) -> None:
    def bad_role(book: Any) -> None:
        for row in book["About"].iter_rows():
            if row[0].value == "Unit role":
                row[1].value = "peers"

    report = check(_filled(tmp_path, roles_rubric, Role.ASSESSED, bad_role), roles_rubric)
    assert [k for k in keys(report) if k[1] == "bad-unit-role"] == [
        (f"{tmp_path / 'filled-assessed.xlsx'}!About!B5", "bad-unit-role")
    ]


def test_a_reference_workbook_for_a_rubric_without_references_is_refused(
    tmp_path: Path, rubric: Rubric
) -> None:
    from readiness.problems import ReadinessError

    with pytest.raises(ReadinessError) as caught:
        write_template(rubric, PERIOD, tmp_path / "x.xlsx", role=Role.REFERENCE)
    assert [p.code for p in caught.value.problems] == ["no-units"]
    assert not (tmp_path / "x.xlsx").exists()
