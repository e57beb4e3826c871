"""Reading any file without crashing: stray far cells, odd XML, damaged bytes, arbitrary text."""

from __future__ import annotations

import dataclasses
import random
import re
import struct
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from workbook_support import check, keys, rewrite_sheet_xml

from readiness import limits
from readiness.problems import REGISTRY as CODES
from readiness.rubric.model import Rubric
from readiness.workbook import raw
from readiness.workbook.raw import open_workbook

Make = Callable[..., Path]


def test_stray_cell_in_the_far_corner_is_reported_not_fatal(
    make_workbook: Make, rubric: Rubric
) -> None:
    # calamine would allocate the whole A1:XFD1048576 box and abort the process.
    def stray(book: Any) -> None:
        book["Values"]["XFD1048576"] = "oops"

    path = make_workbook(stray)
    report = check(path, rubric)
    assert keys(report) == [(f"{path}!Values!XFD1048576", "limit-sheet-extent")]
    assert "delete whatever is in XFD1048576" in report.problems[0].message


def test_stray_cell_far_down_is_read(make_workbook: Make, rubric: Rubric) -> None:
    def stray(book: Any) -> None:
        book["Values"]["K150000"] = "a note far below"

    path = make_workbook(stray)
    assert keys(check(path, rubric)) == [(f"{path}!Values!A150000", "unidentified-row")]


@pytest.mark.parametrize("number", [-3.4e38, -1e300, 1e300, -1.0])
def test_absurd_number_in_a_date_cell(make_workbook: Make, rubric: Rubric, number: float) -> None:
    # calamine panics on a huge negative date serial; the slower reader takes over.
    def absurd(book: Any) -> None:
        book["Values"]["H2"] = number  # the cell keeps its yyyy-mm-dd format

    path = make_workbook(absurd)
    report = check(path, rubric)
    assert len(report.problems) == 1
    assert report.problems[0].key()[0] == f"{path}!Values!H2"
    assert report.problems[0].code in ("bad-date", "excel-error")
    assert report.values is None


def test_cells_without_references(make_workbook: Make, rubric: Rubric, tmp_path: Path) -> None:
    # References on <c> are optional in the file format; positions then follow the order.
    dest = tmp_path / "no-refs.xlsx"
    rewrite_sheet_xml(
        make_workbook(), dest, "Values", lambda x: re.sub(rb'<c r="[A-Z]+\d+"', b"<c", x)
    )
    report = check(dest, rubric)
    assert keys(report) == []
    assert report.values is not None and len(report.values.table) == 12


def test_dtd_in_a_sheet_is_refused_quickly(
    make_workbook: Make, rubric: Rubric, tmp_path: Path
) -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            b'<!ENTITY lol%d "%s">' % (k, (b"&lol%d;" % (k - 1) if k > 1 else b"&lol;") * 10)
            for k in range(1, 10)
        )
        + b"]>"
    )

    def add_dtd(xml: bytes) -> bytes:
        xml = re.sub(rb"^<\?xml[^>]*\?>", b"", xml)
        xml = xml.replace(b"<v>45.5</v>", b"<f>1</f><v>&lol9;</v>", 1)
        return bomb + xml

    dest = tmp_path / "bomb.xlsx"
    rewrite_sheet_xml(make_workbook(), dest, "Values", add_dtd)
    start = time.perf_counter()
    report = check(dest, rubric)
    assert time.perf_counter() - start < 5
    assert [p.code for p in report.problems] == ["workbook-unreadable"]


def test_declared_size_limit(
    make_workbook: Make, rubric: Rubric, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "UNPACKED", dataclasses.replace(limits.UNPACKED, value=1000))
    path = make_workbook()
    assert keys(check(path, rubric)) == [(str(path), "limit-unpacked-size")]


def test_fast_path_cannot_exceed_the_cell_limit() -> None:
    # Without a closer look calamine only meets refs up to column Z and row 99,999.
    assert raw.MAX_CELLS >= 26 * 99_999


def test_sheet_paths_follow_the_relationships(make_workbook: Make) -> None:
    with open_workbook(make_workbook()) as book:
        assert book.sheet_names == ["Instructions", "Values", "Indicators", "Levels", "About"]
        assert set(book.sheet_paths) == set(book.sheet_names)
        assert all(p.startswith("xl/worksheets/") for p in book.sheet_paths.values())


@pytest.fixture(scope="module")
def good_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    from workbook_support import HERE, fill

    from readiness.rubric import load_rubric
    from readiness.workbook import write_template

    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "good.xlsx"
    write_template(load_rubric(HERE / "rubric.yaml"), "2026-Q4", path)
    book = openpyxl.load_workbook(path)
    fill(book["Values"])
    book.save(path)
    return path.read_bytes()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    edits=st.lists(
        st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)),
        min_size=1,
        max_size=8,
    ),
    cut=st.none() | st.integers(min_value=0),
)
def test_damaged_bytes_never_crash(
    good_bytes: bytes, rubric: Rubric, tmp_path: Path, edits: list[tuple[int, int]], cut: int | None
) -> None:
    data = bytearray(good_bytes)
    for position, byte in edits:
        data[position % len(data)] = byte
    if cut is not None:
        data = data[: cut % len(data)]
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(bytes(data))
    report = check(path, rubric)  # must return, whatever the bytes
    assert all(p.code in CODES for p in report.problems)


cell_text = st.text(max_size=40).map(lambda s: ILLEGAL_CHARACTERS_RE.sub("", s))
cell_value = st.one_of(
    cell_text,
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.integers(min_value=-(10**9), max_value=10**9),
    st.booleans(),
    st.none(),
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(values=st.lists(cell_value, min_size=5, max_size=5), note=cell_text)
@example(values=[None] * 5, note="\r")  # XML end-of-line handling turns a bare CR into LF
@example(values=[None] * 5, note="\n")
@example(values=[None] * 5, note=" ")
@example(values=[None] * 5, note="a\r\nb")
def test_anything_typed_gives_a_report(
    make_workbook: Make, rubric: Rubric, values: list[object], note: str
) -> None:
    def type_in(book: Any) -> None:
        ws = book["Values"]
        for cell, value in zip(("G2", "H2", "I2", "J2", "G5"), values, strict=True):
            ws[cell] = value
            if isinstance(value, str):
                ws[cell].data_type = "s"  # as typed: text, even when it looks like a formula
        ws["K3"] = note
        ws["K3"].data_type = "s"

    report = check(make_workbook(type_in), rubric)
    assert all(p.code in CODES for p in report.problems)
    if report.values is not None:
        assert report.values.table["note"].iloc[1] == as_read(note)


def as_read(typed: str) -> str:
    """What a note cell holds once saved: XML turns CR LF and a bare CR into LF (Excel's own
    line break), and a note of nothing but blanks is no note (it cannot satisfy 'needs a note')."""
    text = typed.replace("\r\n", "\n").replace("\r", "\n")
    return text if text.strip() else ""


def _values_member(path: Path) -> zipfile.ZipInfo:
    with open_workbook(path) as book:
        part = book.sheet_paths["Values"]
    with zipfile.ZipFile(path) as zf:
        return zf.getinfo(part)


def test_a_sheet_whose_checksum_is_wrong_is_refused(make_workbook: Make, rubric: Rubric) -> None:
    """The Values sheet is inflated without zipfile's checksum (it is checked while calamine
    reads): a wrong CRC-32 is still refused, at the sheet, as zipfile refused it."""
    path = make_workbook()
    info = _values_member(path)
    data = bytearray(path.read_bytes())
    wrong = struct.pack("<I", (info.CRC + 1) & 0xFFFFFFFF)
    name = info.filename.encode()
    central = next(
        m.start()
        for m in re.finditer(b"PK\x01\x02", data)
        if data[m.start() + 46 : m.start() + 46 + len(name)] == name
    )
    data[central + 16 : central + 20] = wrong  # the central directory's CRC-32
    data[info.header_offset + 14 : info.header_offset + 18] = wrong  # the local header's
    path.write_bytes(bytes(data))
    report = check(path, rubric)
    assert ("Values", "workbook-unreadable") in [(p.location.sheet, p.code) for p in report.errors]
    assert any("CRC-32" in p.message for p in report.errors)


def test_a_sheet_cut_short_inside_the_zip_is_refused(make_workbook: Make, rubric: Rubric) -> None:
    """Deflated data that ends before its end marker is refused, not read as far as it goes."""
    path = make_workbook()
    info = _values_member(path)
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    # Keep the sizes the zip declares, but replace the second half of the deflated stream with
    # the bytes of a stored block header that promises more than follows.
    middle = start + info.compress_size // 2
    data[middle : start + info.compress_size] = b"\x00" * (start + info.compress_size - middle)
    path.write_bytes(bytes(data))
    report = check(path, rubric)
    assert report.errors
    assert all(p.code in CODES for p in report.problems)


def _bulky(book: Any) -> None:
    """Notes of random text in rows below the table: a Values sheet of over 128 KB deflated,
    which is inflated in a thread and searched piece by piece."""
    noise = random.Random(7)
    for r in range(20, 6020):
        book["Values"][f"K{r}"] = f"{noise.getrandbits(128):032x}"


@pytest.mark.parametrize(("where", "code"), [("XFD1048576", "limit-sheet-extent"), ("Q7000", None)])
def test_a_large_sheet_is_searched_while_it_is_inflated(
    make_workbook: Make, rubric: Rubric, where: str, code: str | None
) -> None:
    def edit(book: Any) -> None:
        _bulky(book)
        book["Values"][where] = "stray"

    path = make_workbook(edit)
    assert _values_member(path).compress_size > raw._THREAD_FROM // 8
    report = check(path, rubric)
    if code is not None:  # refused before calamine reads it
        assert keys(report) == [(f"{path}!Values!{where}", code)]
    else:  # read: every row below the table is a row without codes
        assert {c for _, c in keys(report)} == {"unidentified-row"}
        assert len(report.problems) == 6001
