"""An .xlsx worksheet's XML, read where calamine cannot see: formulas, error cells, percentage
formats and the sheet's real extent.

Cheap byte checks decide whether a sheet needs a closer look; only then does one streaming expat
pass (about four times faster than ElementTree.iterparse) record the cells exactly.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

# defusedxml refuses entity expansion and external references.
import defusedxml.ElementTree as SafeET

from readiness.workbook import safe_xml

Pos = tuple[int, int]  # 0-based (row, column)

# A cell reference with two or more column letters (beyond Z) or a row number of six or more
# digits (beyond 99,999): beyond the box that calamine may allocate without a closer look.
FAR_REF = re.compile(rb' r="(?:[A-Z]{2}|[A-Z]{1,3}[0-9]{6})')


STYLE_REF = re.compile(rb' s="(\d{1,9})"')

# A text longer than a cell may hold (calamine cuts such text short without a word): a run
# of that many bytes between two '<'. Anchored at '<', so the search stays linear.
CELL_CHARS = 32_767
LONG_RUN = re.compile(rb"<[^<]{%d}" % (CELL_CHARS + 1))
_SI = re.compile(rb"<(?:\w+:)?si[ >]")


@dataclass
class Scan:
    """What the exact XML pass found in a sheet."""

    formulas: dict[Pos, bool] = field(default_factory=dict)
    errors: dict[Pos, str] = field(default_factory=dict)
    percent: set[Pos] = field(default_factory=set)
    max_row: int = -1
    max_col: int = -1
    far_cell: Pos | None = None
    content_rows: int = 0  # rows holding at least one value
    last_content_row: int = -1
    long_text: dict[Pos, int] = field(default_factory=dict)  # position -> characters, over limit


def sheet_data(xml: bytes) -> bytes:
    """The `<sheetData>` part of a worksheet (formula and error markers only count there)."""
    start, end = data_bounds(xml)
    return xml[start:end]


def data_bounds(xml: bytes) -> tuple[int, int]:
    """Where `<sheetData>` starts and ends (the whole text when it cannot be found)."""
    start = xml.find(b"sheetData")
    if start < 0:
        return 0, len(xml)
    return start, xml.rfind(b"sheetData")


# A cell the reader would place without a closer look: its reference is missing, comes after
# another attribute, or lies beyond column Z or row 99,999 (beyond the box calamine may allocate
# safely). One search with a literal prefix: about as fast as bytes.find.
_UNSAFE_CELL = re.compile(rb'<c(?! r="[A-Z][0-9]{1,5}")[ >/]')
_FORMULA = re.compile(rb"<f[ >/]")
_ERROR = re.compile(rb"""t=["']e["']""")


def unsafe(xml: bytes) -> bool:
    """Whether the sheet must be scanned exactly *before* calamine reads it: a DTD, a prefixed
    root element, or a cell that could put content far away (see `_UNSAFE_CELL`)."""
    root = xml.find(b"<worksheet")
    if root < 0 or b"<!DOCTYPE" in xml[:root]:
        return bool(xml)
    start, end = data_bounds(xml)
    return _UNSAFE_CELL.search(xml, start, end) is not None


class UnsafeSearch:
    """`unsafe` over a sheet's XML as it is inflated, piece by piece, with the same answer: the
    search for cells runs while the rest is still being inflated (benchmarks/bench_workbook.py).

    A match is decided only with at least `_OVERLAP` bytes after its start: a match closer to
    the end of what has arrived is decided again at the seam with the next piece (the last
    `_OVERLAP` bytes of one piece and the first of the next). Pieces are searched where they
    lie, never copied. The whole text is needed only when the sheet has no `sheetData`."""

    _OVERLAP = 32  # longer than any match of _UNSAFE_CELL and than "sheetData" or "<worksheet"

    def __init__(self) -> None:
        self.tail = b""  # the last bytes fed, not yet decided
        self.offset = 0  # where `tail` starts in the whole text
        self.length = 0  # bytes fed so far
        self.root: int | None = None  # where "<worksheet" first occurs
        self.doctype = False  # a "<!DOCTYPE" before the root
        self.start: int | None = None  # where "sheetData" first occurs
        self.first: int | None = None  # the first unsafe cell at or after `start`
        self.recent: list[tuple[int, bytes]] = []  # the last two pieces and where they start

    def feed(self, piece: bytes) -> None:
        if not piece:
            return
        self.recent = [*self.recent[-1:], (self.length, piece)]
        self.length += len(piece)
        if len(piece) <= 2 * self._OVERLAP:  # a small piece: search it with the tail
            window = self.tail + piece
            self._search(window, self.offset, len(window) - self._OVERLAP)
        else:
            seam = self.tail + piece[: self._OVERLAP]
            self._search(seam, self.offset, len(self.tail))
            window = piece
            self._search(piece, self.length - len(piece), len(piece) - self._OVERLAP)
        keep = min(len(window), self._OVERLAP)
        self.offset = self.length - keep
        self.tail = window[len(window) - keep :]

    def _search(self, text: bytes, base: int, decided: int) -> None:
        """Search `text` (starting at `base` in the whole text) for what starts before
        `decided` (later starts are searched again with the bytes that follow)."""
        if decided <= 0:
            return
        if self.root is None:
            at = text.find(b"<worksheet", 0, decided + len(b"<worksheet") - 1)
            before = text[: at if at >= 0 else decided + len(b"<!DOCTYPE") - 1]
            self.doctype = self.doctype or b"<!DOCTYPE" in before
            if at >= 0:
                self.root = base + at
        if self.start is None:
            at = text.find(b"sheetData", 0, decided + len(b"sheetData") - 1)
            if at >= 0:
                self.start = base + at
        if self.first is None and self.start is not None:
            match = _UNSAFE_CELL.search(text, max(0, self.start - base))
            if match is not None and match.start() < decided:
                self.first = base + match.start()

    def finish(self, whole: Callable[[], bytes]) -> bool:
        """The answer for the whole text (every piece fed, in order); `whole()` gives the text
        when it is needed after all."""
        self._search(self.tail, self.offset, len(self.tail))  # what is left is decided now
        if self.root is None or self.doctype:
            return self.length > 0
        last = self._last_sheet_data()
        if self.start is None or last is None:
            return unsafe(whole())
        return self.first is not None and self.first < last

    def _last_sheet_data(self) -> int | None:
        """Where "sheetData" last occurs, found in the last two pieces (in practice it closes
        the sheet's data a few kilobytes before the end); None beyond them."""
        if not self.recent:
            return None
        base = self.recent[0][0]
        text = b"".join(piece for _, piece in self.recent)
        at = text.rfind(b"sheetData")
        return base + at if at >= 0 else None

    def unsafe(self, xml: bytes) -> bool:
        """The answer for the whole text `xml` (every piece fed, in order)."""
        return self.finish(lambda: xml)


def hidden(
    xml: bytes, percent_styles: frozenset[int], long_shared: Mapping[int, int] | None = None
) -> bool:
    """Whether the sheet holds what calamine hides (formulas, error cells, percentage formats,
    shared text it would cut short): then the exact scan records it. Safe to run while calamine
    reads the sheet (after `unsafe` said no)."""
    start, end = data_bounds(xml)
    if long_shared or _FORMULA.search(xml, start, end) or _ERROR.search(xml, start, end):
        return True
    # (Inline text over a cell's limit comes back from calamine cut to exactly the limit: the
    # validator asks for the exact scan when it meets such a cell, RawSheet.exact.)
    if percent_styles:
        used = {int(s) for s in set(STYLE_REF.findall(xml, start, end))}
        return not percent_styles.isdisjoint(used)
    return False


def scan_if_needed(
    xml: bytes, percent_styles: frozenset[int], long_shared: Mapping[int, int] | None = None
) -> Scan | None:
    """The exact scan, when the cheap checks (`unsafe`, `hidden`) see any need for it."""
    if unsafe(xml) or hidden(xml, percent_styles, long_shared):
        return scan(xml, percent_styles, long_shared)
    return None


def scan(
    xml: bytes,
    percent_styles: frozenset[int] = frozenset(),
    long_shared: Mapping[int, int] | None = None,
) -> Scan:
    """The exact pass; raises ValueError (or expat's error) for XML that cannot be read."""
    scanner = Scanner(percent_styles, long_shared or {})
    safe_xml.parse(xml, scanner.start, scanner.end, scanner.text, what="a worksheet")
    return scanner.out


class Scanner:
    """expat callbacks (about four times faster than ElementTree.iterparse here): positions
    follow calamine's rules, a cell's reference or else the next column / row."""

    def __init__(self, percent_styles: frozenset[int], long_shared: Mapping[int, int]) -> None:
        self.percent_styles = percent_styles
        self.long_shared = long_shared
        self.inline_chars = 0
        self.in_inline_text = False
        self.style = -1
        self.out = Scan()
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
            pos = ref_pos(attrs.get("r"))
            if pos is None:
                self.col += 1
            else:
                self.row, self.col = pos
            self.pos = (self.row, self.col)
            self.kind = attrs.get("t")
            style = attrs.get("s", "")
            self.style = int(style) if style.isdigit() else -1
            self.formula = self.inline = False
            self.value = None
            self.inline_chars = 0
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
        elif local == "t" and self.inline:
            self.in_inline_text = True

    def text(self, data: str) -> None:
        if self.in_value:
            self.value = (self.value or "") + data
        elif self.in_inline_text:
            self.inline_chars += len(data)

    def end(self, name: str) -> None:
        local = name.rpartition("}")[2]
        if local == "v":
            self.in_value = False
        elif local == "t":
            self.in_inline_text = False
        elif local == "c":
            out, pos, value = self.out, self.pos, self.value
            if self.formula:
                out.formulas[pos] = bool(value)
            if self.kind == "e":
                out.errors[pos] = value or "#error"
            elif value and self.kind in (None, "n") and self.style in self.percent_styles:
                out.percent.add(pos)
            if self.inline_chars > CELL_CHARS:
                out.long_text[pos] = self.inline_chars
            elif self.kind == "s" and value and value.strip().isdigit():
                length = self.long_shared.get(int(value))
                if length is not None:
                    out.long_text[pos] = length
            if value or self.inline:
                row, col = pos
                if row != out.last_content_row:
                    out.content_rows += 1
                    out.last_content_row = row
                if row > out.max_row or col > out.max_col:
                    out.far_cell = pos
                out.max_row = max(out.max_row, row)
                out.max_col = max(out.max_col, col)


def long_shared_strings(xml: bytes) -> dict[int, int]:
    """Shared strings longer than a cell may hold: index -> characters (empty, after one cheap
    search, for any ordinary workbook)."""
    starts = [m.start() for m in _SI.finditer(xml)]
    gaps = (b - a for a, b in zip(starts, [*starts[1:], len(xml)], strict=True))
    if not any(gap > CELL_CHARS for gap in gaps):  # every string fits in its bytes
        return {}
    found: dict[int, int] = {}
    index = -1
    chars = 0
    depth_t = 0

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal index, chars, depth_t
        local = name.rpartition("}")[2]
        if local == "si":
            index += 1
            chars = 0
        elif local == "t":
            depth_t += 1

    def end(name: str) -> None:
        nonlocal depth_t
        local = name.rpartition("}")[2]
        if local == "t":
            depth_t -= 1
        elif local == "si" and chars > CELL_CHARS:
            found[index] = chars

    def text(data: str) -> None:
        nonlocal chars
        if depth_t:
            chars += len(data)

    safe_xml.parse(xml, start, end, text, what="a shared-strings part")
    return found


def percent_styles(xml: bytes) -> frozenset[int]:
    """The cell formats (indexes into cellXfs) that show numbers as percentages: built-in
    formats 9 (0%) and 10 (0.00%), and custom ones with a % outside quotes and brackets."""
    root = SafeET.fromstring(xml)
    percent_formats = {9, 10}
    xf_formats: list[int] = []
    for elem in root.iter():
        tag = _local(elem.tag)
        if tag == "numFmt" and is_percent(str(elem.get("formatCode", ""))):
            with contextlib.suppress(ValueError):
                percent_formats.add(int(str(elem.get("numFmtId", ""))))
        elif tag == "cellXfs":
            for xf in elem:
                if _local(xf.tag) == "xf":
                    text = str(xf.get("numFmtId", "0"))
                    xf_formats.append(int(text) if text.isdigit() else 0)
    return frozenset(k for k, fmt in enumerate(xf_formats) if fmt in percent_formats)


_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')


def is_percent(code: str) -> bool:
    """Whether a number format shows a percentage (a % that is not quoted, escaped or a
    colour or condition in brackets)."""
    return "%" in _FORMAT_LITERALS.sub("", code)


def ref_pos(ref: str | None) -> Pos | None:
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
