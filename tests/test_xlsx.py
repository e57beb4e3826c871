"""Workbooks saved deterministically, and untrusted text written as text."""

from __future__ import annotations

import zipfile
from io import BytesIO

from openpyxl import Workbook

from readiness.xlsx import MAX_TEXT, safe_text, set_text, workbook_bytes


def test_the_same_workbook_gives_the_same_bytes() -> None:
    def make() -> bytes:
        book = Workbook()
        set_text(book.active["A1"], "=HYPERLINK(1)")
        return workbook_bytes(book)

    first = make()
    assert first == make()
    with zipfile.ZipFile(BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        sheet = z.read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet  # a formula-looking text stays text


def test_safe_text_drops_what_xml_forbids_and_cuts_to_a_cell() -> None:
    assert safe_text("a\x00b\x1fc") == "abc"
    long = safe_text("x" * (MAX_TEXT + 10))
    assert len(long) == MAX_TEXT and long.endswith("…")
