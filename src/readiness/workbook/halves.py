"""Reading a large sheet as two halves at once, each by its own calamine in its own thread.

calamine parses a sheet without holding the GIL, so on two cores two halves of a sheet take
about half the time of the whole (benchmarks/bench_workbook.py). The halves are two small
in-memory workbooks: the same parts as the original except the other sheets, and the sheet's
XML cut at the start of a row near its middle (the first half closed there, the second half
opened with the sheet's own head).

The split changes nothing, or it is not used:
- every cell carries its own reference (the unsafe-cell search made sure of it before), so a
  cell's position does not depend on what comes before it;
- a cut inside a comment, a CDATA section, a tag, a cell or a string leaves the first half
  unclosed, and calamine refuses it;
- the sheet has one `sheetData` (checked while the halves are read);
- the second half starts below the first (rows out of order would overlap).
Otherwise, or when either half fails, `result()` says so and the caller reads the sheet whole.
"""

from __future__ import annotations

import io
import threading
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import python_calamine

# Sheets of XML at least this large are read in halves (a thread and a workbook copy cost
# a few milliseconds: below this, the whole is about as fast).
SPLIT_FROM = 8 << 20

_OPEN = b"<sheetData>"
_CLOSE = b"</sheetData></worksheet>"

Grid = list[list[Any]]
Merged = list[tuple[tuple[int, int], tuple[int, int]]]


@dataclass
class _Half:
    book: io.BytesIO
    skip_empty: bool  # the second half starts at its first value, not at A1
    out: dict[str, Any] = field(default_factory=dict)
    thread: threading.Thread | None = None


class Halves:
    """Two calamine readers started on the halves of one sheet; `result()` joins them."""

    def __init__(self, name: str, halves: list[_Half]) -> None:
        self.name = name
        self.halves = halves

    @classmethod
    def start(
        cls,
        name: str,
        sheet_part: str,
        pieces: list[bytes],
        parts: Iterable[tuple[str, bytes]],
    ) -> Halves | None:
        """Start reading the sheet `name` (its XML in `pieces`, stored as `sheet_part`) as two
        halves; `parts` are the workbook's other parts to copy (not the other sheets). None
        when the XML has no clean place to cut (then read the sheet whole)."""
        cut = _cut(pieces)
        if cut is None:
            return None
        head, first, second = cut
        copied = list(parts)
        halves: list[_Half] = []
        # The first half is read while the second half's workbook is made.
        for chunks, skip_empty in (([*first, _CLOSE], False), ([head, *second], True)):
            half = _Half(_book(copied, sheet_part, chunks), skip_empty)
            half.thread = threading.Thread(
                target=_read, args=(half.book, name, skip_empty, half.out), daemon=True
            )
            half.thread.start()
            halves.append(half)
        return cls(name, halves)

    def join(self) -> None:
        for half in self.halves:
            if half.thread is not None:
                half.thread.join()

    def result(self, xml: bytes) -> tuple[Grid, Merged] | None:
        """The sheet's grid, as calamine reads the whole (aligned on A1, every row as wide as
        the widest), and its merged ranges; None when the halves cannot stand for the whole
        (`xml` is the sheet's whole text)."""
        self.join()
        first, second = (half.out for half in self.halves)
        if "failure" in first or "failure" in second or xml.count(b"sheetData") != 2:
            return None
        rows: Grid = first["rows"]
        tail: Grid = second["rows"]
        if not tail:
            return rows, second["merged"]
        start = second["start"]
        if start is None or start[0] < len(rows):
            return None  # rows out of order: the halves overlap
        row, col = start
        width = max(len(rows[0]) if rows else 0, col + len(tail[0]))
        if rows and len(rows[0]) < width:
            extra = [""] * (width - len(rows[0]))
            rows = [[*line, *extra] for line in rows]
        if col or len(tail[0]) < width - col:
            lead, extra = [""] * col, [""] * (width - col - len(tail[0]))
            tail = [[*lead, *line, *extra] for line in tail]
        rows.extend([""] * width for _ in range(row - len(rows)))
        rows.extend(tail)
        return rows, second["merged"]


def _cut(pieces: list[bytes]) -> tuple[memoryview, list[memoryview], list[memoryview]] | None:
    """The sheet's head (up to and with `<sheetData>`), the first half's text and the second
    half's, cut at a row's start near the middle; None when there is no such place."""
    if len(pieces) < 2:
        return None
    opening = pieces[0].find(_OPEN)
    if opening < 0:
        return None
    head = memoryview(pieces[0])[: opening + len(_OPEN)]
    for m in range(len(pieces) // 2, len(pieces)):
        at = pieces[m].find(b"<row ")
        if at >= 0 and (m > 0 or at > opening):
            middle = memoryview(pieces[m])
            first = [memoryview(p) for p in pieces[:m]] + [middle[:at]]
            second = [middle[at:]] + [memoryview(p) for p in pieces[m + 1 :]]
            return head, first, second
    return None


def _book(parts: list[tuple[str, bytes]], sheet_part: str, chunks: list[Any]) -> io.BytesIO:
    """A workbook in memory: `parts` and the sheet's text, stored (not deflated)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as out:
        for name, data in parts:
            out.writestr(name, data)
        with out.open(sheet_part, "w") as sheet:
            for chunk in chunks:
                sheet.write(chunk)
    buf.seek(0)
    return buf


def _read(book: io.BytesIO, name: str, skip_empty: bool, out: dict[str, Any]) -> None:
    """Thread body: one half's cells, where they start, its merged ranges; or the failure."""
    try:
        try:
            workbook = python_calamine.CalamineWorkbook.from_filelike(book)
        finally:
            book.close()  # calamine holds its own copy: this one's memory back at once
        sheet = workbook.get_sheet_by_name(name)
        out["merged"] = [((a, b), (c, d)) for (a, b), (c, d) in sheet.merged_cell_ranges or []]
        out["start"] = sheet.start
        out["rows"] = sheet.to_python(skip_empty_area=skip_empty)
        workbook.close()
    except BaseException as exc:  # any failure: the caller reads the sheet whole
        out["failure"] = exc
