"""Problems of a Russian workbook read in Russian down to the detail: the terminal table, the JSON
and the annotated copy give the Russian detail message (the cell's typed value quoted exactly,
the level labels as the Russian workbook shows them), while English stays byte for byte what it
was (the message an English run prints, and the JSON's `message`)."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from readiness import api
from readiness.i18n.workbook import RU
from readiness.rubric.model import Rubric
from readiness.rubric.translation import translation_for
from readiness.workbook import annotate_workbook, validate_workbook, write_template
from readiness.workbook.levels import aliases_beside
from readiness.workbook.outcome import problems_json, problems_table
from readiness.workbook.validate import WorkbookReport

ROOT = Path(__file__).resolve().parents[2]
RUBRIC = ROOT / "rubrics" / "c5-critical-minerals.yaml"
SHIPPED = ROOT / "inputs" / "c5-critical-minerals-2026-Q4.xlsx"
CYRILLIC = re.compile("[А-Яа-яЁё]")

# (unit, indicator) -> (column header in the Russian workbook, typed value)
PLANTED = {
    ("KAZ", "rule_of_law"): ("value", "1,5 кг"),
    ("KGZ", "rule_of_law"): ("value", "1,234"),
    ("TJK", "rule_of_law"): ("value", 150),
    ("KAZ", "licence_allocation"): ("value", "может быть"),
    ("KAZ", "control_of_corruption"): ("as_of", "05/11/2025"),
    ("KGZ", "control_of_corruption"): ("as_of", "вчера"),
    ("TJK", "control_of_corruption"): ("as_of", "2099-01-01"),
    ("KAZ", "extractives_transparency"): ("source_url", "www.пример.kz"),
    ("KAZ", "state_participation"): ("contested", "наверное"),
}
# code -> what its Russian detail must say (besides the typed value)
EXPECTED = {
    "not-a-number": "«1,5 кг» не является числом",
    "ambiguous-number": "«1,234» можно прочитать и как 1234, и как 1.234",
    "out-of-limits": "число 150 вне допустимого диапазона (от 0 до 100)",
    "unknown-level": "текст «может быть» не является уровнем этого индикатора",
    "ambiguous-date": "«05/11/2025» может означать 11 мая 2025 или 5 ноября 2025",
    "bad-date": "текст «вчера» не является датой",
    "future-date": "дата актуальности 2099-01-01 еще не наступила (сегодня 2026-12-01)",
    "bad-url": "«www.пример.kz» не является веб-адресом",
    "bad-contested": "текст «наверное» здесь не подходит",
}


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return api.load_rubric(RUBRIC)


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory, rubric: Rubric) -> Path:
    """The shipped values through the Russian template, with problems planted."""
    translation = translation_for(RUBRIC, rubric, "ru")
    path = tmp_path_factory.mktemp("ru") / "ru.xlsx"
    values = api.load_values(SHIPPED, rubric)
    write_template(rubric, "2026-Q4", path, values=values, language="ru", translation=translation)
    book = openpyxl.load_workbook(path)
    ws = book[RU.sheets["values"]]
    header = {cell.value: cell.column for cell in ws[1]}
    column = {key: header[RU.headers[key]] for key in RU.headers if RU.headers[key] in header}
    for row in ws.iter_rows(min_row=2):
        key = (row[column["unit"] - 1].value, row[column["indicator"] - 1].value)
        if key in PLANTED:
            where, typed = PLANTED[key]
            row[column[where] - 1].value = typed
    book.save(path)
    return path


@pytest.fixture(scope="module")
def report(planted: Path, rubric: Rubric) -> WorkbookReport:
    aliases = aliases_beside(RUBRIC, rubric)
    return validate_workbook(
        planted, rubric, today=date(2026, 12, 1), level_aliases=aliases, with_values=False
    )


def _planted_problems(report: WorkbookReport) -> dict[str, str]:
    found = {p.code: p.message for p in report.problems if p.code in EXPECTED}
    assert set(found) == set(EXPECTED)
    return found


def test_the_json_gives_the_russian_detail_and_keeps_the_english_message(
    report: WorkbookReport,
) -> None:
    english = _planted_problems(report)
    items = json.loads(problems_json(report, language="ru"))["problems"]
    by_code = {item["code"]: item for item in items if item["code"] in EXPECTED}
    for code, said in EXPECTED.items():
        item = by_code[code]
        assert said in item["detail"], code
        assert item["message"] == english[code]  # identity for programs: unchanged
        assert not CYRILLIC.search(item["message"].split("'")[0]), code
    # every problem of this workbook has its detail in Russian
    assert all(CYRILLIC.search(item["detail"]) for item in items)
    assert "detail" not in json.loads(problems_json(report))["problems"][0]


def test_the_levels_offered_are_the_russian_workbook_labels(
    report: WorkbookReport, rubric: Rubric
) -> None:
    translation = translation_for(RUBRIC, rubric, "ru")
    assert translation is not None
    ru = translation.apply(rubric).indicator_by_id["licence_allocation"]
    (problem,) = [p for p in report.problems if p.code == "unknown-level"]
    listed = ", ".join(f"«{level.label}»" for level in ru.scale)
    assert problem.message.in_language("ru").endswith(  # type: ignore[attr-defined]
        f"выберите один из уровней: {listed} (см. лист «Уровни», Levels)"
    )


def test_the_terminal_table_reads_russian(report: WorkbookReport) -> None:
    table = problems_table(report.problems, limit=None, language="ru")
    for said in EXPECTED.values():
        assert said in table
    assert "is not a number" not in table and "is not a web address" not in table
    english = problems_table(report.problems, limit=None)
    assert "the text '1,5 кг' is not a number; type the number alone" in english
    assert "не является" not in english


def test_the_annotated_copy_comments_and_problems_sheet_read_russian(
    report: WorkbookReport, planted: Path, tmp_path: Path
) -> None:
    dest = tmp_path / "copy.xlsx"
    annotate_workbook(planted, report, dest, language="ru")
    book = openpyxl.load_workbook(dest)
    listed = " ".join(str(c.value) for row in book[RU.sheets["problems"]].iter_rows() for c in row)
    comments = " ".join(
        c.comment.text for row in book[RU.sheets["values"]].iter_rows() for c in row if c.comment
    )
    for said in EXPECTED.values():
        assert said in listed
        assert said in comments


def test_russian_years_are_said_with_a_decimal_comma_and_their_plural() -> None:
    from readiness.workbook.value_cells import _years_ru

    assert [_years_ru(y) for y in (1, 3, 5, 2.5)] == ["1 год", "3 года", "5 лет", "2,5 года"]
