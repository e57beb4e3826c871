"""What an OpenDocument spreadsheet (.ods, LibreOffice's default) holds beyond its values.

python-calamine reads .ods values, but, as for .xlsx, it hides formulas, cells showing an error
(#DIV/0!, Err:502) and percentage cells, and it expands repeated rows and columns
(`table:number-rows-repeated="1000000"`) in memory. One streaming expat pass over content.xml
records those cells and the sheets' real extent, so a sheet too large to hold is refused (with
the limit named) before calamine opens the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from readiness import limits
from readiness.workbook import safe_xml

Pos = tuple[int, int]

MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_CALCEXT = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
_MAX_REPEAT_TEXT = 4096  # characters of a cell's text kept to name an error (#DIV/0!)


class SheetTooLarge(Exception):
    def __init__(self, sheet: str, code: str, message: str, cell: Pos | None = None) -> None:
        super().__init__(message)
        self.sheet, self.code, self.message, self.cell = sheet, code, message, cell


@dataclass
class OdsSheet:
    """One table of content.xml: the cells a value alone does not describe, and its extent."""

    name: str
    formulas: dict[Pos, bool] = field(default_factory=dict)  # position -> has a stored result
    errors: dict[Pos, str] = field(default_factory=dict)
    percent: set[Pos] = field(default_factory=set)
    long_text: dict[Pos, int] = field(default_factory=dict)  # text over the cell limit: length
    merged: list[tuple[Pos, Pos]] = field(default_factory=list)
    content_cells: int = 0
    content_rows: int = 0
    max_row: int = -1
    max_col: int = -1


def scan_content(xml: bytes) -> dict[str, OdsSheet]:
    """Every table in content.xml, by name. Raises `SheetTooLarge` as soon as a table is over
    the row or cell limit, and `ValueError` for XML that cannot be read (or has a DTD)."""
    scanner = _Scanner()
    safe_xml.parse(xml, scanner.start, scanner.end, scanner.text, what="a spreadsheet's content")
    return scanner.sheets


def _repeat(attrs: dict[str, str], name: str) -> int:
    text = attrs.get(f"{_TABLE}}}{name}", "1")
    return int(text) if text.isdigit() and int(text) > 0 else 1


class _Scanner:
    def __init__(self) -> None:
        self.sheets: dict[str, OdsSheet] = {}
        self.sheet: OdsSheet | None = None
        self.row = -1
        self.col = 0
        self.row_repeat = 1
        self.row_has_content = False
        self.row_special: list[tuple[str, int, str]] = []  # (kind, column, detail) to repeat
        self.cell: dict[str, str] | None = None
        self.cell_text: list[str] = []
        self.cell_chars = 0
        self.cell_repeat = 1

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == f"{_TABLE}}}table":
            table = OdsSheet(attrs.get(f"{_TABLE}}}name", f"Sheet{len(self.sheets) + 1}"))
            self.sheets.setdefault(table.name, table)
            self.sheet, self.row = table, -1
        elif self.sheet is None:
            return
        elif name == f"{_TABLE}}}table-row":
            self.row += 1
            self.col = 0
            self.row_repeat = _repeat(attrs, "number-rows-repeated")
            self.row_has_content = False
            self.row_special = []
        elif name in (f"{_TABLE}}}table-cell", f"{_TABLE}}}covered-table-cell"):
            self.cell = attrs
            self.cell_text = []
            self.cell_chars = 0
            self.cell_repeat = _repeat(attrs, "number-columns-repeated")

    def text(self, data: str) -> None:
        if self.cell is not None:
            self.cell_chars += len(data)
            if self.cell_chars - len(data) < _MAX_REPEAT_TEXT:
                self.cell_text.append(data)

    def end(self, name: str) -> None:
        sheet = self.sheet
        if sheet is None:
            return
        if name in (f"{_TABLE}}}table-cell", f"{_TABLE}}}covered-table-cell"):
            self._cell(sheet)
        elif name == f"{_TABLE}}}table-row":
            self._row(sheet)
        elif name == f"{_TABLE}}}table":
            self.sheet = None

    def _cell(self, sheet: OdsSheet) -> None:
        attrs, self.cell = self.cell or {}, None
        first, repeat = self.col, self.cell_repeat
        self.col += repeat
        kind = attrs.get(f"{_OFFICE}}}value-type")
        text = "".join(self.cell_text).strip()
        formula = f"{_TABLE}}}formula" in attrs
        if kind is None and not text and not formula:
            return  # an empty cell, however often repeated
        last = first + repeat - 1
        self.row_has_content = True
        sheet.content_cells += repeat
        if last > sheet.max_col:
            sheet.max_col = last
            self._check_box(sheet, (self.row, last))
        special: list[tuple[str, str]] = []
        if formula:
            special.append(("formula", "1" if kind is not None else ""))
        if attrs.get(f"{_CALCEXT}}}value-type") == "error":
            special.append(("error", text or "#error"))
        elif kind == "percentage":
            special.append(("percent", ""))
        if self.cell_chars > limits.CELL_TEXT.value:
            special.append(("long", str(self.cell_chars)))
        rows_spanned = _repeat(attrs, "number-rows-spanned")
        cols_spanned = _repeat(attrs, "number-columns-spanned")
        if rows_spanned > 1 or cols_spanned > 1:
            sheet.merged.append(
                ((self.row, first), (self.row + rows_spanned - 1, first + cols_spanned - 1))
            )
        for col in range(first, last + 1):
            for what, detail in special:
                self.row_special.append((what, col, detail))
                _record(sheet, what, (self.row, col), detail)

    def _row(self, sheet: OdsSheet) -> None:
        repeat = self.row_repeat
        if self.row_has_content:
            sheet.content_rows += repeat
            if sheet.content_rows > limits.ROWS.value:
                raise SheetTooLarge(
                    sheet.name,
                    limits.ROWS.code,
                    limits.ROWS.exceeded(f"the sheet {sheet.name!r}", sheet.content_rows)
                    + "; keep one row per country and indicator",
                )
            last = self.row + repeat - 1
            sheet.max_row = max(sheet.max_row, last)
            self._check_box(sheet, (last, sheet.max_col))
            for extra in range(self.row + 1, last + 1):
                for what, col, detail in self.row_special:
                    _record(sheet, what, (extra, col), detail)
        self.row += repeat - 1

    @staticmethod
    def _check_box(sheet: OdsSheet, far: Pos) -> None:
        rows, cols = max(sheet.max_row, far[0]) + 1, max(sheet.max_col, far[1]) + 1
        if rows * cols > limits.SHEET_CELLS.value:
            raise SheetTooLarge(
                sheet.name,
                limits.SHEET_CELLS.code,
                f"the sheet has content as far as row {rows} and column {cols}, far outside the "
                f"table ({limits.SHEET_CELLS.name}: at most {limits.SHEET_CELLS.shown()}); "
                "delete stray cells and rows, then save again",
                far,
            )


def _record(sheet: OdsSheet, what: str, pos: Pos, detail: str) -> None:
    if what == "formula":
        sheet.formulas[pos] = bool(detail)
    elif what == "error":
        sheet.errors[pos] = detail
    elif what == "long":
        sheet.long_text[pos] = int(detail)
    else:
        sheet.percent.add(pos)
