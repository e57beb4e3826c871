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
import struct
import threading
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import IO, Any

# defusedxml refuses entity expansion and external references.
import defusedxml.ElementTree as SafeET
import python_calamine

from readiness import limits
from readiness.i18n.messages import Text
from readiness.workbook import ods, sheet_xml
from readiness.workbook.halves import SPLIT_FROM, Halves
from readiness.workbook.inflate import Inflated, inflate, inflate_searching
from readiness.workbook.layout import cell_ref, column_letter

CellValue = str | float | int | bool | date | datetime | time | timedelta
Grid = list[list[CellValue]]
Pos = tuple[int, int]  # 0-based (row, column)

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
_ENCRYPTED_MARKERS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))

# Guards against files that would exhaust memory (a zip bomb, a stray cell a million rows down):
# readiness.limits declares them; the names here are kept for the modules that read them.
MAX_CELLS = limits.SHEET_CELLS.value  # cells in a sheet's bounding box: calamine holds them

_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_OFFICE_DOCUMENT = "/officeDocument"

# A zip member's local header: signature, then (after 22 bytes) the lengths of its name and extra
# field, which the member's data follows.
_LOCAL_HEADER = struct.Struct("<4s22xHH")
_LOCAL_MAGIC = b"PK\x03\x04"
_DEFLATED = zipfile.ZIP_DEFLATED
# Sheets of XML at least this large are read by calamine in a thread (larger still: in halves).
_THREAD_FROM = 1 << 20

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
    percent: set[Pos] = field(default_factory=set)  # number cells formatted as a percentage
    long_text: dict[Pos, int] = field(default_factory=dict)  # text over the cell limit: length
    # The exact XML scan, when it has not run: `exact()` runs it (for text at the cell limit,
    # which calamine may have cut short).
    rescan: Callable[[], sheet_xml.Scan] | None = field(default=None, repr=False, compare=False)

    def exact(self) -> None:
        """Run the exact scan now, once, and take what it found."""
        if self.rescan is None:
            return
        scan, self.rescan = self.rescan(), None
        self.formulas.update(scan.formulas)
        self.errors.update(scan.errors)
        self.percent |= scan.percent
        self.long_text.update(scan.long_text)

    def value(self, row: int, col: int) -> CellValue:
        if row < len(self.rows):
            line = self.rows[row]
            if col < len(line):
                return line[col]
        return ""


class RawWorkbook:
    """An opened .xlsx, .xlsm or .ods file. Use as a context manager; sheets are read on demand.
    `kind` is "xlsx" (Office Open XML) or "ods" (OpenDocument)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh: IO[bytes] | None = None
        self._zip: zipfile.ZipFile | None = None
        self._book: python_calamine.CalamineWorkbook | None = None
        self.sheet_paths: dict[str, str] = {}
        self.percent_styles: frozenset[int] = frozenset()
        self.long_shared: dict[int, int] = {}
        self.kind = "xlsx"
        self.ods: dict[str, ods.OdsSheet] = {}
        try:
            self._open()
        except BaseException:
            self.close()
            raise

    # -- opening -------------------------------------------------------------------------------

    def _open(self) -> None:
        path = self.path
        if not path.exists():
            raise OpenError("file-not-found", Text.of("file.not-found"))
        if path.is_dir():
            raise OpenError("file-unreadable", Text.of("file.folder"))
        if (too_large := limits.file_too_large(path, limits.INPUT_FILE)) is not None:
            raise OpenError(limits.INPUT_FILE.code, too_large)
        try:
            self._fh = open(path, "rb")  # noqa: SIM115 - closed in close()
            head = self._fh.read(8)
        except OSError as exc:
            raise OpenError("file-unreadable", Text.of("file.cannot-read", why=str(exc))) from exc
        if not head:
            raise OpenError("file-empty", Text.of("file.empty"))
        if head.startswith(_OLE_MAGIC):
            self._fh.seek(0)
            blob = self._fh.read(64 * 1024 * 1024)
            if any(marker in blob for marker in _ENCRYPTED_MARKERS):
                raise OpenError("workbook-encrypted", Text.of("file.encrypted-remove"))
            raise OpenError("workbook-unreadable", Text.of("file.xls"))
        if not head.startswith(_ZIP_MAGICS):
            raise OpenError("workbook-unreadable", Text.of("file.not-a-workbook"))
        try:
            self._fh.seek(0)
            self._zip = zipfile.ZipFile(self._fh)
            self._check_sizes(self._zip)
            if _is_ods(self._zip):
                self.kind = "ods"
                self.ods = _scan_ods(self._zip)
            else:
                self.sheet_paths, styles, shared = self._sheet_paths(self._zip)
                if styles in self._zip.namelist():
                    self.percent_styles = sheet_xml.percent_styles(_read_part(self._zip, styles))
                if shared in self._zip.namelist():
                    self.long_shared = sheet_xml.long_shared_strings(self._part(shared))
        except OpenError:
            raise
        except Exception as exc:  # BadZipFile, KeyError, XML errors, anything a bad file causes
            raise OpenError("workbook-unreadable", Text.of("file.damaged", why=_why(exc))) from exc
        try:
            self._fh.seek(0)
            self._book = python_calamine.CalamineWorkbook.from_filelike(self._fh)
        except python_calamine.PasswordError as exc:
            raise OpenError("workbook-encrypted", Text.of("file.encrypted")) from exc
        except Exception as exc:
            raise OpenError("workbook-unreadable", Text.of("file.damaged", why=_why(exc))) from exc

    @staticmethod
    def _check_sizes(zf: zipfile.ZipFile) -> None:
        """The sizes the zip declares (reading checks them again: they can lie)."""
        total = 0
        for info in zf.infolist():
            total += info.file_size
            if info.file_size > limits.UNPACKED_PART.value:
                raise OpenError(
                    limits.UNPACKED_PART.code,
                    limits.UNPACKED_PART.exceeded(f"the part {info.filename[:80]!r}")
                    + "; far more than a values workbook holds",
                )
            if total > limits.UNPACKED.value:
                raise OpenError(
                    limits.UNPACKED.code,
                    limits.UNPACKED.exceeded("the workbook")
                    + "; far more than a values workbook holds",
                )

    @staticmethod
    def _sheet_paths(zf: zipfile.ZipFile) -> tuple[dict[str, str], str, str]:
        """Each sheet's part, the styles part and the shared-strings part."""
        names = set(zf.namelist())
        book_part = "xl/workbook.xml"
        if "_rels/.rels" in names:
            for rel in SafeET.fromstring(_read_part(zf, "_rels/.rels")):
                if str(rel.get("Type", "")).endswith(_OFFICE_DOCUMENT):
                    book_part = str(rel.get("Target", book_part)).lstrip("/")
        if book_part not in names:
            raise OpenError("workbook-unreadable", Text.of("file.no-workbook-part"))
        base = posixpath.dirname(book_part)
        rels_part = posixpath.join(base, "_rels", posixpath.basename(book_part) + ".rels")
        targets: dict[str, str] = {}
        styles = posixpath.join(base, "styles.xml")
        shared = posixpath.join(base, "sharedStrings.xml")
        if rels_part in names:
            for rel in SafeET.fromstring(_read_part(zf, rels_part)):
                target = str(rel.get("Target", ""))
                full = (
                    target.lstrip("/")
                    if target.startswith("/")
                    else posixpath.normpath(posixpath.join(base, target))
                )
                targets[str(rel.get("Id", ""))] = full
                if str(rel.get("Type", "")).endswith("/styles"):
                    styles = full
                elif str(rel.get("Type", "")).endswith("/sharedStrings"):
                    shared = full
        paths: dict[str, str] = {}
        book_xml = _read_part(zf, book_part)
        declared = book_xml.count(b"<sheet ") + book_xml.count(b":sheet ")
        if declared > limits.SHEETS.value:
            raise OpenError(limits.SHEETS.code, limits.SHEETS.exceeded("the workbook", declared))
        for elem in SafeET.fromstring(book_xml).iter():
            if _local(elem.tag) == "sheet":
                rid = elem.get(f"{{{_REL_NS}}}id", "")
                name = elem.get("name")
                if name is not None and rid in targets:
                    paths[name] = targets[rid]
        return paths, styles, shared

    # -- sheets --------------------------------------------------------------------------------

    @property
    def sheet_names(self) -> list[str]:
        assert self._book is not None
        return list(self._book.sheet_names)

    def sheet_has_content(self, name: str) -> bool:
        """Whether a sheet holds any cell value (without loading it)."""
        if self.kind == "ods":
            return name in self.ods and self.ods[name].content_cells > 0
        data = sheet_xml.sheet_data(self._sheet_xml(name))
        return any(m in data for m in (b"<v>", b"<v ", b"<is>", b":v>", b":v ", b":is>"))

    def sheet(self, name: str) -> RawSheet:
        """Read one sheet. Raises OpenError when the sheet cannot be read safely.

        An .xlsx sheet's XML is first checked for anything that could make calamine allocate
        a huge grid (scanned exactly, and refused over the limits, before calamine starts);
        then calamine reads the sheet in a thread (it releases the GIL), a large sheet as two
        halves in two threads (workbook/halves.py), while this thread looks for what calamine
        hides (formulas, errors, percentages, text cut short)."""
        assert self._book is not None
        scan: sheet_xml.Scan | None = None
        part = Inflated.whole(b"")
        if self.kind == "xlsx":
            part = self._sheet_xml_unchecked(name)
            found = part.unsafe
            scan = self._xml(
                name, lambda: sheet_xml.unsafe(part.xml) if found is None else found, part
            )
            if scan is not None:
                _check_extent(scan, name)
        loaded: dict[str, Any] = {}
        reader = threading.Thread(target=self._calamine, args=(name, loaded), daemon=True)
        split: Halves | None = None
        if self.kind == "xlsx" and part.length < _THREAD_FROM:
            self._calamine(name, loaded)  # a small sheet: a thread would cost more than it saves
        elif scan is None and part.length >= SPLIT_FROM and part.length == part.size:
            # (a part longer than the zip declares is read whole: calamine reads what it says)
            split = self._halves(name, part)
        if split is None and not loaded:
            reader.start()
        try:
            xml = part.xml  # joined while calamine reads
            if part.expected_crc is not None and part.checksum() != part.expected_crc:
                raise OpenError(
                    "workbook-unreadable",
                    f"the sheet cannot be read (BadZipFile: Bad CRC-32 for file "
                    f"{self.sheet_paths[name]!r})",
                    sheet=name,
                )
            if scan is None and xml:
                scan = self._xml(
                    name, lambda: sheet_xml.hidden(xml, self.percent_styles, self.long_shared), part
                )
            if split is not None:
                halves = split.result(xml)
                if halves is None:
                    self._calamine(name, loaded)  # the halves cannot stand for it: read whole
                else:
                    loaded["rows"], loaded["merged"] = halves
        finally:
            if reader.is_alive() or reader.ident is not None:
                reader.join()
            if split is not None:
                split.join()
        errors: dict[Pos, str] = {}
        percents: set[Pos] = set()
        failure = loaded.get("failure")
        if failure is not None:
            # calamine raises, or panics (pyo3's PanicException is a BaseException), on some
            # cells, e.g. a huge negative number in a date-formatted cell: read the slow way.
            if not isinstance(failure, Exception) and type(failure).__name__ != "PanicException":
                raise failure
            rows, errors, percents = self._openpyxl_rows(name, failure)
        else:
            rows = loaded["rows"]
        raw = RawSheet(name=name, rows=rows, merged=loaded.get("merged", []))
        if scan is not None:
            raw.formulas, raw.errors, raw.percent = scan.formulas, scan.errors, scan.percent
            raw.long_text = scan.long_text
        elif xml:
            raw.rescan = lambda: self._xml(name, lambda: True, part) or sheet_xml.Scan()
        if name in self.ods:
            info = self.ods[name]
            raw.formulas, raw.errors = dict(info.formulas), dict(info.errors)
            raw.percent = set(info.percent)
            raw.long_text = dict(info.long_text)
            raw.merged = raw.merged or list(info.merged)
        raw.errors.update(errors)
        raw.percent |= percents
        return raw

    def _halves(self, name: str, part: Inflated) -> Halves | None:
        """Start reading a large sheet as two halves (workbook/halves.py), or None."""
        assert self._zip is not None
        sheet_part = self.sheet_paths[name]
        skip = set(self.sheet_paths.values())
        try:
            parts = [(n, self._part(n)) for n in self._zip.namelist() if n not in skip]
        except OpenError:
            return None  # the whole read will say what is wrong
        return Halves.start(name, sheet_part, part.pieces, parts)

    def _xml(self, name: str, needed: Callable[[], bool], part: Inflated) -> sheet_xml.Scan | None:
        """The exact scan of a sheet's XML when `needed()` says so; damaged XML is refused."""
        try:
            if needed():
                return sheet_xml.scan(part.xml, self.percent_styles, self.long_shared)
        except Exception as exc:
            raise OpenError(
                "workbook-unreadable", f"the sheet's XML is damaged ({_why(exc)})", sheet=name
            ) from exc
        return None

    def _calamine(self, name: str, out: dict[str, Any]) -> None:
        """Thread body: the sheet's cell values and merges through calamine, or the failure."""
        assert self._book is not None
        try:
            sheet = self._book.get_sheet_by_name(name)
            ranges = sheet.merged_cell_ranges or []
            out["merged"] = [((a, b), (c, d)) for (a, b), (c, d) in ranges]
            out["rows"] = sheet.to_python(skip_empty_area=False)
        except BaseException as exc:  # handed to the calling thread, which decides
            out["failure"] = exc

    def _openpyxl_rows(
        self, name: str, why: BaseException
    ) -> tuple[Grid, dict[Pos, str], set[Pos]]:
        """The sheet's values through openpyxl's read-only reader (slower, never panics)."""
        import openpyxl  # only for the rare sheet calamine cannot read (a slow import)

        rows: Grid = []
        errors: dict[Pos, str] = {}
        percents: set[Pos] = set()
        if self.kind != "xlsx":
            raise OpenError(
                "workbook-unreadable", f"the sheet cannot be read ({_why(why)})", sheet=name
            )
        try:
            # Our own file object: openpyxl leaves its own open when a damaged file makes it
            # raise half-way.
            fh = open(self.path, "rb")  # noqa: SIM115 - closed below, whatever happens
        except OSError as exc:
            raise OpenError("file-unreadable", f"the file cannot be read: {exc}") from exc
        try:
            book = openpyxl.load_workbook(fh, read_only=True, data_only=True)
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
                            elif sheet_xml.is_percent(str(getattr(cell, "number_format", ""))):
                                percents.add((r, c))
                            line.append("" if value is None else value)
                        rows.append(line)
            finally:
                book.close()
        except Exception as exc:
            raise OpenError(
                "workbook-unreadable", f"the sheet cannot be read ({_why(why)})", sheet=name
            ) from exc
        finally:
            fh.close()
        return rows, errors, percents

    def _sheet_xml(self, name: str) -> bytes:
        part = self.sheet_paths.get(name)
        if part is None:
            return b""
        return self._part(part, sheet=name)

    def _sheet_xml_unchecked(self, name: str) -> Inflated:
        """A sheet's XML, inflated without the checksum, which the caller checks once calamine
        has started (calamine reads the very same bytes, so the scans before it still see what
        it sees). Every byte the part inflates to is returned, up to the part limit, even
        beyond the size the zip declares. Each piece of a large sheet is searched for unsafe
        cells as it arrives."""
        part = self.sheet_paths.get(name)
        if part is None:
            return Inflated.whole(b"")
        assert self._zip is not None and self._fh is not None
        try:
            info = self._zip.getinfo(part)
        except KeyError:
            return Inflated.whole(self._part(part, sheet=name))
        if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, _DEFLATED):
            return Inflated.whole(self._part(part, sheet=name))  # encrypted or another method
        limit = limits.UNPACKED_PART.value
        try:
            self._fh.seek(info.header_offset)
            header = self._fh.read(_LOCAL_HEADER.size)
            magic, name_length, extra_length = _LOCAL_HEADER.unpack(header)
            if magic != _LOCAL_MAGIC:
                raise zipfile.BadZipFile("bad magic number for file header")
            self._fh.seek(info.header_offset + _LOCAL_HEADER.size + name_length + extra_length)
            stored = self._fh.read(info.compress_size)
            if info.compress_type == zipfile.ZIP_STORED:
                inflated = Inflated.whole(stored[: limit + 1])
            elif len(stored) < _THREAD_FROM // 8:
                inflated = Inflated(inflate(stored, limit + 1, lambda piece: None))
            else:
                inflated = inflate_searching(stored, limit + 1, info.file_size)
        except OpenError:
            raise
        except Exception as exc:
            raise OpenError(
                "workbook-unreadable", f"the sheet cannot be read ({_why(exc)})", sheet=name
            ) from exc
        if inflated.length > limit:
            raise OpenError(
                limits.UNPACKED_PART.code, limits.UNPACKED_PART.exceeded("the sheet"), sheet=name
            )
        inflated.expected_crc, inflated.size = info.CRC, info.file_size
        return inflated

    def _part(self, part: str, sheet: str = "") -> bytes:
        """A part of the zip, read up to the part limit."""
        assert self._zip is not None
        what = "the sheet" if sheet else f"the part {part!r}"
        try:
            with self._zip.open(part) as fh:
                data = fh.read(limits.UNPACKED_PART.value + 1)
        except Exception as exc:
            raise OpenError(
                "workbook-unreadable", f"{what} cannot be read ({_why(exc)})", sheet=sheet
            ) from exc
        if len(data) > limits.UNPACKED_PART.value:
            raise OpenError(
                limits.UNPACKED_PART.code, limits.UNPACKED_PART.exceeded(what), sheet=sheet
            )
        return data

    def merged_area(self) -> int:
        """Cells covered by merged ranges over all sheets (openpyxl makes an object for each)."""
        total = sum(
            (b[0] - a[0] + 1) * (b[1] - a[1] + 1)
            for info in self.ods.values()
            for a, b in info.merged
        )
        for name in self.sheet_paths:
            for first, last in _MERGE_REF.findall(self._sheet_xml(name)):
                a, b = sheet_xml.ref_pos(first.decode()), sheet_xml.ref_pos(last.decode())
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


def _is_ods(zf: zipfile.ZipFile) -> bool:
    names = set(zf.namelist())
    if "mimetype" in names:
        return _read_part(zf, "mimetype").strip() == ods.MIMETYPE
    return "content.xml" in names and "xl/workbook.xml" not in names


def _scan_ods(zf: zipfile.ZipFile) -> dict[str, ods.OdsSheet]:
    """content.xml scanned before calamine expands it: refused when encrypted or too large."""
    manifest = "META-INF/manifest.xml"
    if manifest in zf.namelist() and b"encryption-data" in _read_part(zf, manifest):
        raise OpenError(
            "workbook-encrypted",
            "the workbook is protected with a password; save a copy without it (File > "
            "Save As, clear 'Save with password')",
        )
    with zf.open("content.xml") as fh:
        xml = fh.read(limits.UNPACKED_PART.value + 1)
    if len(xml) > limits.UNPACKED_PART.value:
        raise OpenError(limits.UNPACKED_PART.code, limits.UNPACKED_PART.exceeded("content.xml"))
    try:
        return ods.scan_content(xml)
    except ods.SheetTooLarge as exc:
        cell = cell_ref(*exc.cell) if exc.cell is not None else ""
        raise OpenError(exc.code, exc.message, sheet=exc.sheet, cell=cell) from exc
    except Exception as exc:
        raise OpenError(
            "workbook-unreadable", f"the workbook's content is damaged ({_why(exc)})"
        ) from exc


def _read_part(zf: zipfile.ZipFile, part: str) -> bytes:
    """A workbook's index part (relationships, the sheet list), read up to its limit."""
    with zf.open(part) as fh:
        data = fh.read(limits.INDEX_PART.value + 1)
    if len(data) > limits.INDEX_PART.value:
        raise OpenError(limits.INDEX_PART.code, limits.INDEX_PART.exceeded(f"the part {part!r}"))
    return data


def _check_extent(scan: sheet_xml.Scan, name: str) -> None:
    """Refuse a sheet with more rows than the limit, or whose content spans a box too large to
    hold (a stray cell far away), naming the limit that was hit."""
    if scan.content_rows > limits.ROWS.value:
        raise OpenError(
            limits.ROWS.code,
            limits.ROWS.exceeded(f"the sheet {name!r}", scan.content_rows)
            + "; keep one row per country and indicator",
            sheet=name,
        )
    if (scan.max_row + 1) * (scan.max_col + 1) > limits.SHEET_CELLS.value:
        row, col = scan.far_cell or (scan.max_row, scan.max_col)
        far = cell_ref(row, col)
        raise OpenError(
            limits.SHEET_CELLS.code,
            f"the sheet has content as far as column {column_letter(scan.max_col)} and row "
            f"{scan.max_row + 1}, far outside the table ({limits.SHEET_CELLS.name}: at most "
            f"{limits.SHEET_CELLS.shown()}); delete whatever is in {far} and other stray "
            "cells, then save again",
            sheet=name,
            cell=far,
        )


# -- the XML scan ------------------------------------------------------------------------------


def _local(tag: object) -> str:
    text = str(tag)
    return text.rsplit("}", 1)[-1]


def _why(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    name = type(exc).__name__
    return f"{name}: {text[:200]}" if text else name
