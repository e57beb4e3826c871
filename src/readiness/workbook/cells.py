"""Cells and sheet set-up for the streamed (write-only) workbook: styles, text that stays text,
row heights for wrapped text, protection, column widths and printing."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray

from readiness.workbook import layout as L
from readiness.workbook.raw import CellValue
from readiness.xlsx import safe_text

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)

LOCKED = Protection(locked=True)
UNLOCKED = Protection(locked=False)
_THIN = Side(style="thin", color="BFBFBF")
GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
FONT = "Calibri"
HEADER_FONT = Font(name=FONT, size=11, bold=True, color=L.HEADER_FONT)
BODY_FONT = Font(name=FONT, size=11)
BOLD_FONT = Font(name=FONT, size=11, bold=True)
HEADER_FILL = PatternFill("solid", fgColor=L.HEADER_FILL)
INPUT_FILL = PatternFill("solid", fgColor=L.INPUT_FILL)
LOCKED_FILL = PatternFill("solid", fgColor=L.LOCKED_FILL)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
LINE_HEIGHT = 15.0  # points per line of 11-point text


def bare_cell(ws: Any, value: CellValue | None) -> WriteOnlyCell:
    """A cell whose text stays text: a leading = + - @ never makes it a formula."""
    if isinstance(value, str):
        cell = WriteOnlyCell(ws, value=safe_text(value))
        cell.data_type = "s"
        return cell
    return WriteOnlyCell(ws, value=value)


def styled_cell(ws: Any, value: CellValue | None, **style: Any) -> WriteOnlyCell:
    cell = bare_cell(ws, value)
    style.setdefault("font", BODY_FONT)
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


class Presets:
    """Cell styles resolved once per sheet. Assigning openpyxl style objects cell by cell hashes
    each of them on every assignment, which took most of the time to write a large template."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.styles: dict[str, Any] = {}

    def define(self, name: str, **style: Any) -> None:
        self.styles[name] = styled_cell(self.ws, None, **style)._style

    def cell(self, value: CellValue | None, name: str) -> WriteOnlyCell:
        cell = bare_cell(self.ws, value)
        cell._style = StyleArray(self.styles[name])
        return cell


def as_date(value: CellValue) -> CellValue:
    """ISO date text becomes a real Excel date; anything else is written as it was typed."""
    if isinstance(value, datetime):
        return value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return value
    return value


def fit_row(
    ws: Any, row: int, texts: Sequence[object], widths: Sequence[float], per_unit: float = 1.2
) -> None:
    """Set a row's height to show wrapped text: officials' spreadsheet programs do not always
    re-measure rows on opening. An estimate: words wrapped at about `per_unit` characters per
    unit of column width (1.2 for Latin text in Calibri 11; Cyrillic letters are wider)."""
    lines = 1
    for text, width in zip(texts, widths, strict=False):
        lines = max(lines, wrapped_lines(str(text), max(int(width * per_unit), 1)))
    if lines > 1:
        ws.row_dimensions[row].height = LINE_HEIGHT * lines + 3


def wrapped_lines(text: str, per_line: int) -> int:
    if len(text) <= per_line and "\n" not in text:
        return 1
    return sum(
        max(len(textwrap.wrap(part, per_line, break_long_words=True)), 1)
        for part in text.split("\n")
    )


def header_row(
    ws: Any, headers: Sequence[str], widths: Sequence[float], per_unit: float = 1.2
) -> None:
    fit_row(ws, 1, headers, widths, per_unit)
    ws.append(
        [
            styled_cell(ws, h, font=HEADER_FONT, fill=HEADER_FILL, alignment=WRAP_TOP, border=GRID)
            for h in headers
        ]
    )


def protect(ws: Any, *, filter_ok: bool = False) -> None:
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # officials may widen columns
    ws.protection.formatRows = False
    if filter_ok:
        ws.protection.autoFilter = False


def start(
    ws: Any,
    widths: Sequence[float],
    *,
    freeze: str | None = None,
    title_rows: str | None = None,
    landscape: bool = True,
) -> None:
    """Column widths, frozen panes and printing: in write-only mode they must precede the rows."""
    for k, width in enumerate(widths):
        ws.column_dimensions[L.column_letter(k)].width = width
    if freeze:
        ws.freeze_panes = freeze
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows:
        ws.print_title_rows = title_rows


def reference_rows(
    ws: Any,
    rows: list[list[CellValue]],
    widths: Sequence[float],
    bold: int | None = None,
    per_unit: float = 1.2,
) -> None:
    """Locked, wrapped rows under a header row, each tall enough for its longest text."""
    style = {"alignment": WRAP_TOP, "protection": LOCKED, "border": GRID}
    for k, values in enumerate(rows, start=2):
        fit_row(ws, k, values, widths, per_unit)
        ws.append(
            [
                styled_cell(ws, v, **style, font=BOLD_FONT if c == bold else BODY_FONT)
                for c, v in enumerate(values)
            ]
        )
