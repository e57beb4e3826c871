"""Reading a large sheet as two halves (workbook/halves.py): whatever the sheet holds, the
halves give exactly what calamine gives for the whole sheet, or they say they cannot (and the
sheet is read whole)."""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
import python_calamine
from hypothesis import given, settings
from hypothesis import strategies as st
from workbook_support import PERIOD, TODAY, fill

from readiness.rubric.model import Rubric
from readiness.workbook import halves, validate_workbook
from readiness.workbook.raw import open_workbook

NS = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
SHEET = "Values"


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], str]:
    """A workbook's parts (a one-sheet workbook made by openpyxl) and its sheet's part name."""
    import openpyxl

    path = tmp_path_factory.mktemp("halves") / "base.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = SHEET
    wb.active["A1"] = 1
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    return parts, "xl/worksheets/sheet1.xml"


def cell(ref: str, value: Any) -> bytes:
    if isinstance(value, str):
        return b'<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref.encode(), value.encode())
    if isinstance(value, bool):
        return b'<c r="%s" t="b"><v>%d</v></c>' % (ref.encode(), value)
    return b'<c r="%s"><v>%s</v></c>' % (ref.encode(), repr(value).encode())


def row(r: int, cells: dict[int, Any]) -> bytes:
    body = b"".join(cell(f"{'ABCDEFGH'[c]}{r + 1}", v) for c, v in sorted(cells.items()))
    return b'<row r="%d">%s</row>' % (r + 1, body)


def sheet(rows: list[bytes], tail: bytes = b"") -> bytes:
    return NS + b"<sheetData>" + b"".join(rows) + b"</sheetData>" + tail + b"</worksheet>"


def whole(parts: dict[str, bytes], part: str, xml: bytes) -> tuple[list[list[Any]], list[Any]]:
    """What calamine reads from the whole sheet."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in parts.items():
            z.writestr(name, xml if name == part else data)
    buf.seek(0)
    sh = python_calamine.CalamineWorkbook.from_filelike(buf).get_sheet_by_name(SHEET)
    merged = [((a, b), (c, d)) for (a, b), (c, d) in sh.merged_cell_ranges or []]
    return sh.to_python(skip_empty_area=False), merged


def in_halves(
    parts: dict[str, bytes], part: str, xml: bytes, cuts: list[int]
) -> tuple[list[list[Any]], list[Any]] | None:
    """The halves' answer, the sheet's text handed over in pieces cut at `cuts`."""
    bounds = [0, *sorted({min(max(c, 1), len(xml) - 1) for c in cuts}), len(xml)]
    pieces = [xml[a:b] for a, b in itertools.pairwise(bounds) if b > a]
    others = [(name, data) for name, data in parts.items() if name != part]
    split = halves.Halves.start(SHEET, part, pieces, others)
    return None if split is None else split.result(xml)


def cuts_at_rows(xml: bytes, n: int) -> list[int]:
    """Cut points so that the middle piece starts just before a row's start."""
    starts = [k for k in range(len(xml)) if xml.startswith(b"<row ", k)]
    middle = starts[len(starts) // 2]
    return [len(NS) + 20, middle - 3, middle + 40][:n]


def test_a_plain_sheet_is_split_and_read_as_the_whole(book: tuple[dict[str, bytes], str]) -> None:
    parts, part = book
    rows = [row(r, {0: f"U{r}", 1: r * 1.5, 2: r % 2 == 0, 4: "note"}) for r in range(40)]
    xml = sheet(rows, b'<mergeCells count="1"><mergeCell ref="F2:G3"/></mergeCells>')
    got = in_halves(parts, part, xml, cuts_at_rows(xml, 3))
    assert got is not None, "a plain sheet must be read in halves"
    assert got == whole(parts, part, xml)
    assert got[1] == [((1, 5), (2, 6))]


@pytest.mark.parametrize(
    "second",
    [
        {2: "starts at column C"},  # the second half's first value is not in column A
        {0: "A", 7: "wider than the first half"},
        {},  # nothing below the cut
    ],
)
def test_halves_of_other_shapes_are_aligned_as_the_whole(
    book: tuple[dict[str, bytes], str], second: dict[int, Any]
) -> None:
    parts, part = book
    rows = [row(r, {0: "x", 1: float(r)}) for r in range(10)]
    rows += [row(r, second) for r in range(14, 24)]  # and a gap of empty rows between
    xml = sheet(rows)
    cut = xml.index(b'<row r="15"')
    got = in_halves(parts, part, xml, [len(NS) + 20, cut - 2, cut + 30])
    assert got is not None
    assert got == whole(parts, part, xml)


def test_rows_out_of_order_are_not_split(book: tuple[dict[str, bytes], str]) -> None:
    parts, part = book
    rows = [row(r, {0: r}) for r in range(20, 40)] + [row(r, {0: r}) for r in range(0, 20)]
    xml = sheet(rows)
    assert in_halves(parts, part, xml, cuts_at_rows(xml, 3)) is None


def test_a_second_sheet_data_is_not_split(book: tuple[dict[str, bytes], str]) -> None:
    """calamine reads the first sheetData only: the second half must not read the other."""
    parts, part = book
    first = b"<sheetData>" + b"".join(row(r, {0: r}) for r in range(5)) + b"</sheetData>"
    second = b"<sheetData>" + b"".join(row(r, {1: r}) for r in range(5, 40)) + b"</sheetData>"
    xml = NS + first + second + b"</worksheet>"
    got = in_halves(parts, part, xml, cuts_at_rows(xml, 3))
    assert got is None or got == whole(parts, part, xml)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (b"<!-- ", b" -->"),  # a comment holding rows
        (b'<c r="H1" t="inlineStr"><is><t><![CDATA[', b"]]></t></is></c>"),  # a CDATA section
        (b'<c r="H1"><v>1</v>', b"</c>"),  # a cell left open across rows
        (b"<?pi ", b"?>"),  # a processing instruction
    ],
)
def test_a_cut_inside_markup_gives_the_whole_or_nothing(
    book: tuple[dict[str, bytes], str], before: bytes, after: bytes
) -> None:
    parts, part = book
    inner = b"".join(row(r, {0: r, 1: "in"}) for r in range(10, 30))
    rows = b"".join(row(r, {0: r}) for r in range(10))
    xml = NS + b"<sheetData>" + rows + before + inner + after
    xml += b"".join(row(r, {0: r}) for r in range(30, 40)) + b"</sheetData></worksheet>"
    cut = xml.index(b'<row r="20"')
    got = in_halves(parts, part, xml, [len(NS) + 20, cut - 2, cut + 30])
    try:
        expected = whole(parts, part, xml)
    except python_calamine.CalamineError:
        assert got is None
        return
    assert got is None or got == expected


_VALUE = st.one_of(
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text("abc xyz<&>\u0436", min_size=0, max_size=6).map(
        lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    ),
    st.booleans(),
)


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(
        st.tuples(st.integers(0, 60), st.dictionaries(st.integers(0, 7), _VALUE, max_size=5)),
        min_size=2,
        max_size=40,
    ),
    cuts=st.lists(st.integers(0, 4000), max_size=4),
    near_rows=st.lists(st.tuples(st.integers(0, 60), st.integers(-8, 8)), max_size=3),
)
def test_any_sheet_in_halves_reads_as_the_whole_or_says_it_cannot(
    book: tuple[dict[str, bytes], str],
    rows: list[tuple[int, dict[int, Any]]],
    cuts: list[int],
    near_rows: list[tuple[int, int]],
) -> None:
    """Rows in any order, with gaps, repeated or empty, values of every kind; the text cut
    anywhere, and often near a row's start (so that the halves are used, not only refused)."""
    parts, part = book
    xml = sheet([row(r, cells) for r, cells in rows])
    starts = [m.start() for m in re.finditer(rb"<row ", xml)]
    head = len(NS) + len(b"<sheetData>")  # the first piece holds the head, as inflating gives
    cuts = [c for c in cuts if c > head] + [head]
    cuts += [starts[k % len(starts)] + shift for k, shift in near_rows]
    got = in_halves(parts, part, xml, cuts)
    assert got is None or got == whole(parts, part, xml)


def big_values_sheet(path: Path) -> int:
    """Make the Values sheet of the workbook at `path` larger than the size at which a sheet
    is read in halves, by repeating its filled rows further down; the rows it now has."""
    with open_workbook(path) as wb:
        part = wb.sheet_paths[SHEET]
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    xml = parts[part]
    start = xml.index(b"<row ", xml.index(b"<sheetData>"))
    end = xml.index(b"</sheetData>")
    body = xml[start:end]
    copies = [body]
    rows_per_copy = body.count(b"<row ")
    k = 1
    while len(b"".join(copies)) < halves.SPLIT_FROM * 1.2:
        shift = k * rows_per_copy

        def moved(match: Any, shift: int = shift) -> bytes:
            return match.group(1) + str(int(match.group(2)) + shift).encode()

        copies.append(re.sub(rb'( r="[A-Z]*)(\d+)', moved, body))
        k += 1
    parts[part] = xml[:start] + b"".join(copies) + xml[end:]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return k * rows_per_copy  # (the header row was repeated too: it reads as a bad row)


def test_a_large_workbook_validates_the_same_read_in_halves_or_whole(
    tmp_path: Path, template: Path, rubric: Rubric, monkeypatch: pytest.MonkeyPatch
) -> None:
    """End to end: a workbook large enough to be read in halves gives the same grid and the
    same report (the duplicated rows' problems, in the same order) as read whole."""
    import openpyxl

    path = tmp_path / "big.xlsx"
    wb = openpyxl.load_workbook(template)
    fill(wb["Values"])
    wb.save(path)
    n_rows = big_values_sheet(path)

    used: list[bool] = []
    start = halves.Halves.start

    def spy(*args: Any, **kwargs: Any) -> halves.Halves | None:
        split = start(*args, **kwargs)
        used.append(split is not None)
        return split

    monkeypatch.setattr(halves.Halves, "start", spy)
    with open_workbook(path) as wb_raw:
        split_rows = wb_raw.sheet(SHEET).rows
    split_report = validate_workbook(path, rubric, period=PERIOD, today=TODAY)
    assert used == [True, True]

    monkeypatch.setattr("readiness.workbook.raw.SPLIT_FROM", 1 << 40)
    with open_workbook(path) as wb_raw:
        whole_rows = wb_raw.sheet(SHEET).rows
    whole_report = validate_workbook(path, rubric, period=PERIOD, today=TODAY)
    assert used == [True, True]  # not asked again
    assert split_rows == whole_rows
    assert len(split_rows) == n_rows > 10_000
    assert [(p.code, p.location.cell) for p in split_report.problems] == [
        (p.code, p.location.cell) for p in whole_report.problems
    ]
    assert split_report.problems  # the repeated rows are duplicates: reported alike
