"""The .xlsx sheet XML where calamine cannot see: percentage formats, long text, formulas,
error cells, DTDs, and the cheap checks that decide whether to look."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.workbook import sheet_xml

NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def sheet(cells: bytes) -> bytes:
    return b"<worksheet " + NS + b"><sheetData>" + cells + b"</sheetData></worksheet>"


@pytest.mark.parametrize(
    ("code", "percent"),
    [
        ("0%", True),
        ("0.00%", True),
        ('0.0" pts"%', True),
        ('0.0"%"', False),  # a quoted % is a literal
        ("0.0\\%", False),  # so is an escaped one
        ("[Red]0.0;[Blue]-0.0", False),
        ("#,##0.00", False),
        ("yyyy-mm-dd", False),
    ],
)
def test_percentage_formats(code: str, percent: bool) -> None:
    assert sheet_xml.is_percent(code) is percent


def test_percentage_styles_index_the_cell_formats() -> None:
    styles = (
        b"<styleSheet " + NS + b'><numFmts><numFmt numFmtId="164" formatCode="0.0%"/>'
        b'<numFmt numFmtId="165" formatCode="0.0"/></numFmts><cellXfs count="4">'
        b'<xf numFmtId="0"/><xf numFmtId="9"/><xf numFmtId="165"/><xf numFmtId="164"/>'
        b"</cellXfs></styleSheet>"
    )
    assert sheet_xml.percent_styles(styles) == frozenset({1, 3})


def test_plain_sheets_are_not_scanned_and_odd_ones_are() -> None:
    plain = sheet(b'<row r="1"><c r="A1"><v>1</v></c></row>')
    assert sheet_xml.scan_if_needed(plain, frozenset()) is None
    percent = sheet(b'<row r="1"><c r="A1" s="3"><v>0.5</v></c></row>')
    scan = sheet_xml.scan_if_needed(percent, frozenset({3}))
    assert scan is not None and scan.percent == {(0, 0)}
    formula = sheet(b'<row r="1"><c r="A1"><f>1/0</f></c><c r="B1" t="e"><v>#N/A</v></c></row>')
    scan = sheet_xml.scan_if_needed(formula, frozenset())
    assert scan is not None
    assert scan.formulas == {(0, 0): False} and scan.errors == {(0, 1): "#N/A"}


def test_text_longer_than_a_cell_is_found_inline_and_shared() -> None:
    long = b"n" * (sheet_xml.CELL_CHARS + 3)
    inline = sheet(b'<row r="2"><c r="K2" t="inlineStr"><is><t>' + long + b"</t></is></c></row>")
    # Not looked for up front: calamine cuts such text to exactly the limit, and the validator
    # asks for the exact scan when it meets a cell that long (RawSheet.exact).
    assert sheet_xml.scan_if_needed(inline, frozenset()) is None
    assert sheet_xml.scan(inline).long_text == {(1, 10): sheet_xml.CELL_CHARS + 3}
    runs = sheet(b'<row r="2"><c r="K2" t="inlineStr"><is><r><t>' + long[:20000] + b"</t></r>"
                 b"<r><t>" + long[20000:] + b"</t></r></is></c></row>")  # fmt: skip
    assert sheet_xml.scan(runs).long_text == {(1, 10): sheet_xml.CELL_CHARS + 3}
    shared = (
        b"<sst " + NS + b"><si><t>short</t></si><si><r><t>" + long[:20000] + b"</t></r><r><t>"
        + long[20000:] + b"</t></r></si></sst>"
    )  # fmt: skip
    assert sheet_xml.long_shared_strings(shared) == {1: sheet_xml.CELL_CHARS + 3}
    uses = sheet(b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>')
    scan = sheet_xml.scan_if_needed(uses, frozenset(), {1: 40000})
    assert scan is not None and scan.long_text == {(0, 1): 40000}
    # An entity counts as one character, not as its bytes.
    escaped = b"<sst " + NS + b"><si><t>" + b"&amp;" * 10000 + b"</t></si></sst>"
    assert sheet_xml.long_shared_strings(escaped) == {}


def test_a_dtd_makes_the_sheet_suspicious_and_is_refused() -> None:
    xml = b'<!DOCTYPE w [<!ENTITY e "x">]>' + sheet(b'<row r="1"><c r="A1"><v>1</v></c></row>')
    with pytest.raises(ValueError, match="DTD"):
        sheet_xml.scan_if_needed(xml, frozenset())


def test_content_rows_and_the_far_cell() -> None:
    xml = sheet(b'<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row>'
                b'<row r="5"/><row r="200000"><c r="AB200000"><v>3</v></c></row>')  # fmt: skip
    scan = sheet_xml.scan_if_needed(xml, frozenset())
    assert scan is not None
    assert (scan.content_rows, scan.max_row, scan.max_col) == (2, 199_999, 27)
    assert scan.far_cell == (199_999, 27)


_TOKENS = [
    b'<c r="A1">',
    b'<c r="Z99999" t="s">',
    b'<c r="AA1">',
    b'<c r="B123456">',
    b"<c>",
    b"<c/>",
    b'<c s="1" r="A1">',
    b"<cols>",
    b"<sheetData>",
    b"</sheetData>",
    b"<sheetData/>",
    b'<worksheet xmlns="x">',
    b"<!DOCTYPE x>",
    b"<v>1</v>",
    b"</c>",
    b"x" * 40,
]


@settings(max_examples=300, deadline=None)
@given(
    tokens=st.lists(st.sampled_from(_TOKENS), max_size=40),
    cuts=st.lists(st.integers(min_value=0, max_value=2_000), max_size=8),
)
def test_the_piecewise_search_answers_as_the_whole_one(
    tokens: list[bytes], cuts: list[int]
) -> None:
    """Fed in pieces cut anywhere (inside a reference, inside 'sheetData'), the search says what
    `unsafe` says of the whole text."""
    xml = b"".join(tokens)
    search = sheet_xml.UnsafeSearch()
    at = 0
    for cut in [*sorted({min(c, len(xml)) for c in cuts}), len(xml)]:
        search.feed(xml[at:cut])
        at = cut
    assert search.unsafe(xml) is sheet_xml.unsafe(xml)


def test_the_piecewise_search_on_a_large_sheet() -> None:
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (r, r) for r in range(1, 5000))
    for far in (b"", b'<c r="XFD1048576"><v>1</v></c>'):
        xml = b'<worksheet xmlns="x"><sheetData>' + rows + far + rows + b"</sheetData></worksheet>"
        search = sheet_xml.UnsafeSearch()
        for k in range(0, len(xml), 1000):
            search.feed(xml[k : k + 1000])
        assert search.unsafe(xml) is bool(far) is sheet_xml.unsafe(xml)
