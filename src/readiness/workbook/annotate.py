"""Write a copy of a checked workbook with every problem marked where the official will see it.

Problem cells get a red (error) or amber (warning) fill and a comment with the message; a
"Problems" sheet, placed first, lists every problem with a link to its cell, including those that
belong to no cell (a missing row, a missing sheet). The input file is only read, never written.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils.cell import coordinate_from_string, get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink

from readiness.problems import Location, Problem, Severity, fail, present
from readiness.workbook import layout as L
from readiness.workbook.raw import MAX_CELLS, OpenError, open_workbook
from readiness.workbook.validate import WorkbookReport
from readiness.xlsx import save_workbook

if TYPE_CHECKING:
    from readiness.i18n import Language

_ERROR_FILL = PatternFill("solid", fgColor=L.ERROR_FILL)
_WARNING_FILL = PatternFill("solid", fgColor=L.WARNING_FILL)
_FONT = "Calibri"
_BODY = Font(name=_FONT, size=11)


@dataclass(frozen=True)
class _Texts:
    """What the copy says around the problems, in one language."""

    sheet: str
    author: str
    title: str  # {name}: the checked file's name
    counts: Callable[[int, int], str]  # errors, warnings -> the summary line
    clean: str
    period: str  # {period}
    guide: str
    guide_height: int  # points: the merged guide row shows the whole text
    headers: tuple[str, str, str, str]
    widths: tuple[int, int, int, int]  # of the four columns, in characters
    must_fix: str
    please_check: str
    comment_error: str
    comment_warning: str
    whole_file: str


_TEXTS: dict[Language, _Texts] = {
    "en": _Texts(
        sheet=L.PROBLEMS,
        author="readiness check",
        title="Check of {name}",
        counts=lambda e, w: f"{e} problem{'s' * (e != 1)} to fix (red) and {w} to check (amber).",
        clean="No problems found.",
        period=" Period {period}.",
        guide="Red cells must be fixed before the values can be used; amber cells should be "
        "looked at again. Hover over a coloured cell to read its comment, or click a place below "
        "to go to it. Colours, comments and this sheet are ignored when the workbook is checked.",
        guide_height=32,
        headers=("Where", "Severity", "Problem", "Code"),
        widths=(16, 13, 90, 22),
        must_fix="must fix",
        please_check="please check",
        comment_error="MUST FIX",
        comment_warning="PLEASE CHECK",
        whole_file="whole file",
    ),
    "ru": _Texts(
        sheet="Замечания",
        author="проверка readiness",
        title="Проверка файла «{name}»",
        counts=lambda e, w: (
            f"Нужно исправить: {e} (красные ячейки); нужно проверить: {w} (оранжевые ячейки)."
        ),
        clean="Замечаний нет.",
        period=" Период {period}.",
        guide="Ячейки, выделенные красным, необходимо исправить: до этого значения не могут быть "
        "использованы. Ячейки, выделенные оранжевым, следует проверить ещё раз. Наведите "
        "указатель на выделенную ячейку, чтобы прочитать примечание, или щёлкните место в "
        "списке ниже, чтобы перейти к нему. Цвета, примечания и этот лист не учитываются при "
        "проверке книги. Пояснения в скобках приведены на английском языке.",
        guide_height=64,
        headers=("Место", "Важность", "Замечание", "Код"),
        widths=(30, 13, 90, 22),  # "лист «Values», ячейка G12" on one line
        must_fix="исправить",
        please_check="проверить",
        comment_error="ИСПРАВИТЬ",
        comment_warning="ПРОВЕРИТЬ",
        whole_file="весь файл",
    ),
}


def annotate_workbook(
    src: str | os.PathLike[str],
    report: WorkbookReport,
    dest: str | os.PathLike[str],
    language: Language = "en",
) -> None:
    """Write `dest`: a copy of `src` with `report`'s problems marked. `src` is left untouched.
    The Problems sheet and the comments are in `language` (codes and places as the file has
    them; in Russian each problem's English detail follows in parentheses).

    Raises `ReadinessError` if `dest` is `src` or if `src` cannot be opened as a workbook.
    """
    src, dest = Path(src), Path(dest)
    if _same_file(src, dest):
        _fail(
            "output-is-input",
            "the annotated copy must not replace the input file",
            str(dest),
        )
    try:
        with open_workbook(src) as raw:
            too_large = raw.merged_area() > MAX_CELLS
            kind = raw.kind
    except OpenError as exc:
        _fail(exc.code, f"cannot annotate: {exc.message}", str(src))
    if kind != "xlsx":
        _fail(
            "annotate-needs-xlsx",
            "cannot annotate an OpenDocument (.ods) workbook; save it as an Excel workbook "
            "(.xlsx) and check that copy",
            str(src),
        )
    if too_large:
        _fail(
            "limit-sheet-extent",
            "cannot annotate: merged cells cover millions of cells; unmerge them first",
            str(src),
        )
    try:
        # Read from bytes: openpyxl leaves its file open when a damaged file makes it raise.
        book = openpyxl.load_workbook(io.BytesIO(src.read_bytes()))
    except Exception as exc:  # any damage: the report already says why
        _fail(
            "workbook-unreadable",
            f"cannot annotate a file that is not a readable workbook ({type(exc).__name__})",
            str(src),
        )
    by_cell: dict[tuple[str, str], list[Problem]] = defaultdict(list)
    hidden: dict[str, dict[str, str]] = {}  # per sheet: merged-away cell -> its range's top left
    for problem in report.problems:
        loc = problem.location
        if loc.sheet in book.sheetnames and _valid_cell(loc.cell):
            if loc.sheet not in hidden:
                hidden[loc.sheet] = _merged_anchors(book[loc.sheet])
            ref = hidden[loc.sheet].get(loc.cell, loc.cell)
            by_cell[(loc.sheet, ref)].append(problem)
    for (sheet, ref), problems in by_cell.items():
        _mark(book[sheet][ref], problems, language)
        book[sheet].page_setup.cellComments = "atEnd"  # printed copies show the messages too
    _problems_sheet(book, report, src.name, language)
    save_workbook(book, dest)  # atomic, and the same inputs give the same bytes


def _fail(code: str, message: str, file: str) -> NoReturn:
    fail(code, message, Location(file=file))


def _same_file(a: Path, b: Path) -> bool:
    with contextlib.suppress(OSError):
        if b.exists() and os.path.samefile(a, b):
            return True
    return a.resolve() == b.resolve()


def _merged_anchors(ws: Any) -> dict[str, str]:
    """Each cell inside a merged range -> the range's top-left cell, the only one that can hold
    a fill and a comment (openpyxl refuses both on the others). Merged areas are bounded by
    MAX_CELLS, checked above."""
    out: dict[str, str] = {}
    for merged in ws.merged_cells.ranges:
        anchor = str(ws.cell(row=merged.min_row, column=merged.min_col).coordinate)
        for row in range(merged.min_row, merged.max_row + 1):
            for col in range(merged.min_col, merged.max_col + 1):
                out[f"{get_column_letter(col)}{row}"] = anchor
    return out


def _valid_cell(ref: str) -> bool:
    if not ref:
        return False
    try:
        coordinate_from_string(ref)
    except ValueError:
        return False
    return True


def _mark(cell: Any, problems: list[Problem], language: Language) -> None:
    texts = _TEXTS[language]
    has_error = any(p.severity is Severity.ERROR for p in problems)
    cell.fill = _ERROR_FILL if has_error else _WARNING_FILL
    lines = [
        f"{texts.comment_error if p.severity is Severity.ERROR else texts.comment_warning}: "
        f"{present.explained(p, language)}"
        for p in problems
    ]
    text = "\n\n".join(lines)
    comment = Comment(text, texts.author)
    comment.width = 320
    comment.height = min(60 + 16 * (len(text) // 40 + 2 * len(lines)), 400)
    cell.comment = comment


def _text_cell(ws: Any, row: int, col: int, value: str, **style: Any) -> Any:
    cell = ws.cell(row=row, column=col)
    cell.value = value
    cell.data_type = "s"  # a message quoting "=..." must stay text
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def _where(problem: Problem, texts: _Texts, language: Language) -> str:
    loc = problem.location
    if language != "en":
        return present.where_ru(loc, with_file=False) or texts.whole_file
    if loc.sheet and loc.cell:
        return f"{loc.sheet}!{loc.cell}"
    return " ".join(x for x in (loc.sheet, loc.path) if x) or texts.whole_file


def _problems_sheet(book: Any, report: WorkbookReport, name: str, language: Language) -> None:
    texts = _TEXTS[language]
    for other in _TEXTS.values():  # a copy of a copy gets one Problems sheet, in its language
        if other.sheet in book.sheetnames:
            del book[other.sheet]
    ws = book.create_sheet(texts.sheet, 0)
    for other in book.worksheets:
        other.sheet_view.tabSelected = False
    ws.sheet_view.tabSelected = True
    book.active = 0
    ws.sheet_view.showGridLines = False
    for letter, width in zip("ABCD", texts.widths, strict=True):
        ws.column_dimensions[letter].width = width
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "5:5"
    title = Font(name=_FONT, bold=True, size=14, color=L.HEADER_FILL)
    _text_cell(ws, 1, 1, texts.title.format(name=name), font=title)
    _text_cell(ws, 2, 1, _summary(report, texts), font=Font(name=_FONT, bold=True))
    _text_cell(
        ws,
        3,
        1,
        texts.guide,
        alignment=Alignment(wrap_text=True, vertical="top"),
        font=_BODY,
    )
    ws.merge_cells("A3:D3")
    ws.row_dimensions[3].height = texts.guide_height
    header = Font(name=_FONT, bold=True, color=L.HEADER_FONT)
    header_fill = PatternFill("solid", fgColor=L.HEADER_FILL)
    for col, text in enumerate(texts.headers, start=1):
        _text_cell(ws, 5, col, text, font=header, fill=header_fill)
    ws.freeze_panes = "A6"
    wrap = Alignment(wrap_text=True, vertical="top")
    # Errors first (what must be fixed), then warnings, each in sheet order.
    ordered = sorted(report.problems, key=lambda p: p.severity is not Severity.ERROR)
    for row, problem in enumerate(ordered, start=6):
        loc = problem.location
        cell = _text_cell(ws, row, 1, _where(problem, texts, language), alignment=wrap, font=_BODY)
        if loc.sheet in book.sheetnames and _valid_cell(loc.cell):
            sheet = loc.sheet.replace("'", "''")
            cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{sheet}'!{loc.cell}")
            cell.font = Font(name=_FONT, color="0563C1", underline="single")
        error = problem.severity is Severity.ERROR
        _text_cell(
            ws,
            row,
            2,
            texts.must_fix if error else texts.please_check,
            fill=_ERROR_FILL if error else _WARNING_FILL,
            alignment=wrap,
            font=_BODY,
        )
        text = present.explained(problem, language)
        _text_cell(ws, row, 3, text, alignment=wrap, font=_BODY)
        _text_cell(ws, row, 4, problem.code, alignment=wrap, font=_BODY)
        ws.row_dimensions[row].height = 15 * max(1, -(-len(text) // 100)) + 3


def _summary(report: WorkbookReport, texts: _Texts) -> str:
    e, w = len(report.errors), len(report.warnings)
    text = texts.counts(e, w) if e or w else texts.clean
    if report.period:
        text += texts.period.format(period=report.period)
    return text
