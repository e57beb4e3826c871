"""Read an .xlsx file's sheets as plain grids, safely, whatever the file holds.

python-calamine (Rust) reads cell values about 15 times faster than openpyxl's read-only mode
(measured in benchmarks/bench_workbook.py), but it hides two things the validator must see:
formula cells whose value was never calculated and cells showing an Excel error such as #N/A
(both come back empty); and it holds a sheet's whole bounding box in memory (one stray cell at
XFD1048576 makes it abort the process). So before calamine touches a sheet, cheap byte checks
of the sheet's XML look for formulas, error cells, far-away or unreferenced cells; only when they
find any does one streaming expat pass record them exactly and measure the real extent. Where
calamine still fails (it panics on a huge negative number in a date cell), openpyxl's read-only
reader takes over. Every way a file can fail becomes an `OpenError` with a stable code.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import IO
from xml.parsers import expat

# defusedxml refuses entity expansion and external references.
import defusedxml.ElementTree as SafeET
import python_calamine

from readiness.workbook.layout import cell_ref, column_letter

CellValue = str | float | int | bool | date | datetime | time | timedelta
Grid = list[list[CellValue]]
Pos = tuple[int, int]  # 0-based (row, column)

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
_ENCRYPTED_MARKERS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))

# Guards against files that would exhaust memory (a zip bomb, a stray cell a million rows down).
MAX_MEMBER_BYTES = 512 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_CELLS = 4_000_000  # cells in a sheet's bounding box: calamine holds them densely

_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_OFFICE_DOCUMENT = "/officeDocument"

# A cell reference with two or more column letters (beyond Z) or a row number of six or more
# digits (beyond 99,999): beyond the box that calamine may allocate without a closer look.
_FAR_REF = re.compile(rb' r="(?:[A-Z]{2}|[A-Z]{1,3}[0-9]{6})')


_MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Za-z]+\d+):([A-Za-z]+\d+)"')


class OpenError(Exception):
    """The file cannot be read as a workbook; `code` is the problem code to report."""

    def __init__(self, code: str, message: str, sheet: str = "", cell: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.sheet = sheet
        self.cell = cell


@dataclass
class RawSheet:
    """A sheet's cell values as a grid aligned on A1 ("" for an empty cell), plus what a value
    alone cannot tell: formulas (with whether Excel stored a result), error cells, merges."""

    name: str
    rows: Grid
    formulas: dict[Pos, bool] = field(default_factory=dict)  # position -> has a stored result
    errors: dict[Pos, str] = field(default_factory=dict)  # position -> "#N/A", "#DIV/0!", ...
    merged: list[tuple[Pos, Pos]] = field(default_factory=list)

    def value(self, row: int, col: int) -> CellValue:
        if row < len(self.rows):
            line = self.rows[row]
            if col < len(line):
                return line[col]
        return ""


@dataclass
class _Scan:
    """What the exact XML pass found in a sheet."""

    formulas: dict[Pos, bool] = field(default_factory=dict)
    errors: dict[Pos, str] = field(default_factory=dict)
    max_row: int = -1
    max_col: int = -1
    far_cell: Pos | None = None


class RawWorkbook:
    """An opened .xlsx file. Use as a context manager; sheets are read on demand."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh: IO[bytes] | None = None
        self._zip: zipfile.ZipFile | None = None
        self._book: python_calamine.CalamineWorkbook | None = None
        self.sheet_paths: dict[str, str] = {}
        try:
            self._open()
        except BaseException:
            self.close()
            raise

    # -- opening -------------------------------------------------------------------------------

    def _open(self) -> None:
        path = self.path
        if not path.exists():
            raise OpenError("file-not-found", "no such file")
        if path.is_dir():
            raise OpenError("file-unreadable", "this is a folder, not an Excel workbook")
        try:
            self._fh = open(path, "rb")  # noqa: SIM115 - closed in close()
            head = self._fh.read(8)
        except OSError as exc:
            raise OpenError("file-unreadable", f"the file cannot be read: {exc}") from exc
        if not head:
            raise OpenError("file-empty", "the file is empty (0 bytes), not a workbook")
        if head.startswith(_OLE_MAGIC):
            self._fh.seek(0)
            blob = self._fh.read(64 * 1024 * 1024)
            if any(marker in blob for marker in _ENCRYPTED_MARKERS):
                raise OpenError(
                    "workbook-encrypted",
                    "the workbook is protected with a password; remove the password "
                    "(File > Info > Protect Workbook > Encrypt with Password, clear it) and save "
                    "again as .xlsx",
                )
            raise OpenError(
                "workbook-unreadable",
                "this is an old-format Excel (.xls) or other Office file; save it as an Excel "
                "Workbook (.xlsx)",
            )
        if not head.startswith(_ZIP_MAGICS):
            raise OpenError(
                "workbook-unreadable", "this is not an Excel workbook (.xlsx); check the file"
            )
        try:
            self._fh.seek(0)
            self._zip = zipfile.ZipFile(self._fh)
            self._check_sizes(self._zip)
            self.sheet_paths = self._sheet_paths(self._zip)
        except OpenError:
            raise
        except Exception as exc:  # BadZipFile, KeyError, XML errors, anything a bad file causes
            raise OpenError(
                "workbook-unreadable", f"the file is damaged or not an Excel workbook ({_why(exc)})"
            ) from exc
        try:
            self._fh.seek(0)
            self._book = python_calamine.CalamineWorkbook.from_filelike(self._fh)
        except python_calamine.PasswordError as exc:
            raise OpenError(
                "workbook-encrypted", "the workbook is protected with a password"
            ) from exc
        except Exception as exc:
            raise OpenError(
                "workbook-unreadable", f"the file is damaged or not an Excel workbook ({_why(exc)})"
            ) from exc

    @staticmethod
    def _check_sizes(zf: zipfile.ZipFile) -> None:
        total = 0
        for info in zf.infolist():
            total += info.file_size
            if info.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
                raise OpenError(
                    "limit-unpacked-size",
                    f"the workbook unpacks to more than {MAX_TOTAL_BYTES // 2**20} MB; "
                    "this is far more than a values workbook holds",
                )

    @staticmethod
    def _sheet_paths(zf: zipfile.ZipFile) -> dict[str, str]:
        names = set(zf.namelist())
        book_part = "xl/workbook.xml"
        if "_rels/.rels" in names:
            for rel in SafeET.fromstring(zf.read("_rels/.rels")):
                if str(rel.get("Type", "")).endswith(_OFFICE_DOCUMENT):
                    book_part = str(rel.get("Target", book_part)).lstrip("/")
        if book_part not in names:
            raise OpenError(
                "workbook-unreadable",
                "this is not an Excel workbook (no workbook part inside; a Word, ODS or zip "
                "file?); save it as an Excel Workbook (.xlsx)",
            )
        base = posixpath.dirname(book_part)
        rels_part = posixpath.join(base, "_rels", posixpath.basename(book_part) + ".rels")
        targets: dict[str, str] = {}
        if rels_part in names:
            for rel in SafeET.fromstring(zf.read(rels_part)):
                target = str(rel.get("Target", ""))
                full = (
                    target.lstrip("/")
                    if target.startswith("/")
                    else posixpath.normpath(posixpath.join(base, target))
                )
                targets[str(rel.get("Id", ""))] = full
        paths: dict[str, str] = {}
        for elem in SafeET.fromstring(zf.read(book_part)).iter():
            if _local(elem.tag) == "sheet":
                rid = elem.get(f"{{{_REL_NS}}}id", "")
                name = elem.get("name")
                if name is not None and rid in targets:
                    paths[name] = targets[rid]
        return paths

    # -- sheets --------------------------------------------------------------------------------

    @property
    def sheet_names(self) -> list[str]:
        assert self._book is not None
        return list(self._book.sheet_names)

    def sheet_has_content(self, name: str) -> bool:
        """Whether a sheet holds any cell value (without loading it)."""
        data = _sheet_data(self._sheet_xml(name))
        return any(m in data for m in (b"<v>", b"<v ", b"<is>", b":v>", b":v ", b":is>"))

    def sheet(self, name: str) -> RawSheet:
        """Read one sheet. Raises OpenError when the sheet cannot be read safely."""
        assert self._book is not None
        xml = self._sheet_xml(name)
        scan = _scan_if_needed(xml, name)
        if scan is not None and (scan.max_row + 1) * (scan.max_col + 1) > MAX_CELLS:
            row, col = scan.far_cell or (scan.max_row, scan.max_col)
            far = cell_ref(row, col)
            raise OpenError(
                "limit-sheet-extent",
                f"the sheet has content as far as column {column_letter(scan.max_col)} and row "
                f"{scan.max_row + 1}, far outside the table; delete whatever is in {far} "
                "and other stray cells, then save again",
                sheet=name,
                cell=cell_ref(row, col),
            )
        merged: list[tuple[Pos, Pos]] = []
        errors: dict[Pos, str] = {}
        try:
            sheet = self._book.get_sheet_by_name(name)
            merged = [((a, b), (c, d)) for (a, b), (c, d) in (sheet.merged_cell_ranges or [])]
            rows: Grid = sheet.to_python(skip_empty_area=False)
        except BaseException as exc:
            # calamine raises, or panics (pyo3's PanicException is a BaseException), on some
            # cells, e.g. a huge negative number in a date-formatted cell: read the slow way.
            if not isinstance(exc, Exception) and type(exc).__name__ != "PanicException":
                raise
            rows, errors = self._openpyxl_rows(name, exc)
        raw = RawSheet(name=name, rows=rows, merged=merged)
        if scan is not None:
            raw.formulas, raw.errors = scan.formulas, scan.errors
        raw.errors.update(errors)
        return raw

    def _openpyxl_rows(self, name: str, why: BaseException) -> tuple[Grid, dict[Pos, str]]:
        """The sheet's values through openpyxl's read-only reader (slower, never panics)."""
        import openpyxl  # only for the rare sheet calamine cannot read (a slow import)

        rows: Grid = []
        errors: dict[Pos, str] = {}
        try:
            book = openpyxl.load_workbook(self.path, read_only=True, data_only=True)
            try:
                ws = book[name]
                ws.reset_dimensions()  # do not trust the file's stated size
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # "marked as a date but out of range"
                    for r, cells in enumerate(ws.iter_rows()):
                        line: list[CellValue] = []
                        for c, cell in enumerate(cells):
                            value = getattr(cell, "value", None)
                            if getattr(cell, "data_type", None) == "e":
                                errors[(r, c)] = str(value)
                                value = None
                            line.append("" if value is None else value)
                        rows.append(line)
            finally:
                book.close()
        except Exception as exc:
            raise OpenError(
                "workbook-unreadable", f"the sheet cannot be read ({_why(why)})", sheet=name
            ) from exc
        return rows, errors

    def _sheet_xml(self, name: str) -> bytes:
        assert self._zip is not None
        part = self.sheet_paths.get(name)
        if part is None:
            return b""
        try:
            with self._zip.open(part) as fh:
                data = fh.read(MAX_MEMBER_BYTES + 1)
        except Exception as exc:
            raise OpenError(
                "workbook-unreadable", f"the sheet cannot be read ({_why(exc)})", sheet=name
            ) from exc
        if len(data) > MAX_MEMBER_BYTES:
            raise OpenError(
                "limit-unpacked-size",
                f"the sheet unpacks to more than {MAX_MEMBER_BYTES // 2**20} MB",
                sheet=name,
            )
        return data

    def merged_area(self) -> int:
        """Cells covered by merged ranges over all sheets (openpyxl makes an object for each)."""
        total = 0
        for name in self.sheet_paths:
            for first, last in _MERGE_REF.findall(self._sheet_xml(name)):
                a, b = _ref_pos(first.decode()), _ref_pos(last.decode())
                if a is not None and b is not None:
                    total += (abs(b[0] - a[0]) + 1) * (abs(b[1] - a[1]) + 1)
        return total

    # -- lifetime ------------------------------------------------------------------------------

    def close(self) -> None:
        if self._book is not None:
            with contextlib.suppress(Exception):
                self._book.close()
        if self._zip is not None:
            self._zip.close()
        if self._fh is not None:
            self._fh.close()

    def __enter__(self) -> RawWorkbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_workbook(path: str | os.PathLike[str]) -> RawWorkbook:
    """Open an .xlsx file for reading; raises `OpenError` with a problem code if it cannot."""
    return RawWorkbook(Path(path))


# -- the XML scan ------------------------------------------------------------------------------


def _sheet_data(xml: bytes) -> bytes:
    """The `<sheetData>` part of a worksheet (formula and error markers only count there)."""
    start = xml.find(b"sheetData")
    if start < 0:
        return xml
    end = xml.rfind(b"sheetData")
    return xml[start:end]


def _scan_if_needed(xml: bytes, name: str) -> _Scan | None:
    """Run the exact XML pass only when the cheap byte checks see something calamine hides."""
    data = _sheet_data(xml)
    suspicious = (
        any(m in data for m in (b"<f", b":f>", b":f ", b't="e"', b"t='e'"))
        or _FAR_REF.search(data) is not None
        # Every <row> and <c> carries r="..."; more of them than r= attributes means cells
        # without a reference (or an unusual writer): look closer.
        or data.count(b"<c ") + data.count(b"<c>") + data.count(b"<row ") + data.count(b"<row>")
        != data.count(b' r="')
    )
    return _scan(xml, name) if suspicious else None


def _scan(xml: bytes, name: str) -> _Scan:
    scanner = _Scanner()
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    # A worksheet never has a DTD; refusing one rules out entity expansion (billion laughs) and
    # external entities, as defusedxml does.
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.StartElementHandler = scanner.start
    parser.EndElementHandler = scanner.end
    parser.CharacterDataHandler = scanner.text
    try:
        parser.Parse(xml, True)
    except Exception as exc:
        raise OpenError(
            "workbook-unreadable", f"the sheet's XML is damaged ({_why(exc)})", sheet=name
        ) from exc
    return scanner.out


def _refuse_dtd(*_: object) -> None:
    raise ValueError("a DTD in a worksheet is not allowed")


class _Scanner:
    """expat callbacks (about four times faster than ElementTree.iterparse here): positions
    follow calamine's rules, a cell's reference or else the next column / row."""

    def __init__(self) -> None:
        self.out = _Scan()
        self.row = -1
        self.col = -1
        self.pos: Pos = (0, 0)
        self.kind: str | None = None
        self.formula = False
        self.value: str | None = None
        self.inline = False
        self.in_value = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = name.rpartition("}")[2]
        if local == "c":
            pos = _ref_pos(attrs.get("r"))
            if pos is None:
                self.col += 1
            else:
                self.row, self.col = pos
            self.pos = (self.row, self.col)
            self.kind = attrs.get("t")
            self.formula = self.inline = False
            self.value = None
        elif local == "row":
            ref = attrs.get("r", "")
            self.row = int(ref) - 1 if ref.isdigit() else self.row + 1
            self.col = -1
        elif local == "f":
            self.formula = True
        elif local == "v":
            self.value = ""
            self.in_value = True
        elif local == "is":
            self.inline = True

    def text(self, data: str) -> None:
        if self.in_value:
            self.value = (self.value or "") + data

    def end(self, name: str) -> None:
        local = name.rpartition("}")[2]
        if local == "v":
            self.in_value = False
        elif local == "c":
            out, pos, value = self.out, self.pos, self.value
            if self.formula:
                out.formulas[pos] = bool(value)
            if self.kind == "e":
                out.errors[pos] = value or "#error"
            if value or self.inline:
                row, col = pos
                if row > out.max_row or col > out.max_col:
                    out.far_cell = pos
                out.max_row = max(out.max_row, row)
                out.max_col = max(out.max_col, col)


def _ref_pos(ref: str | None) -> Pos | None:
    if not ref:
        return None
    letters = ref.rstrip("0123456789")
    digits = ref[len(letters) :]
    if not letters.isalpha() or not digits.isdigit() or len(letters) > 3:
        return None
    col = 0
    for ch in letters.upper():
        col = col * 26 + ord(ch) - 64
    return int(digits) - 1, col - 1


def _local(tag: object) -> str:
    text = str(tag)
    return text.rsplit("}", 1)[-1]


def _why(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    name = type(exc).__name__
    return f"{name}: {text[:200]}" if text else name
