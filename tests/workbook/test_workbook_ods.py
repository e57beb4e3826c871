"""OpenDocument spreadsheets (.ods): what content.xml holds beyond values, and refusals before
calamine expands repeated rows and columns."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from readiness import limits
from readiness.inputs import load_values
from readiness.problems import ReadinessError
from readiness.rubric.model import Rubric
from readiness.workbook import validate_workbook
from readiness.workbook.ods import SheetTooLarge, scan_content
from readiness.workbook.raw import open_workbook

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"'
)


def content(rows: str, name: str = "Values") -> bytes:
    return (
        f'<?xml version="1.0"?><office:document-content {NS}><office:body><office:spreadsheet>'
        f'<table:table table:name="{name}">{rows}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    ).encode()


def cell(value: str = "", kind: str = "float", **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", ":", 1).replace("_", "-")}="{v}"' for k, v in attrs.items())
    if not value and not attrs:
        return "<table:table-cell/>"
    typed = f' office:value-type="{kind}" office:value="{value}"' if value else ""
    return f"<table:table-cell{typed}{extra}><text:p>{value}</text:p></table:table-cell>"


def row(*cells: str, repeat: int = 1) -> str:
    rep = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    return f"<table:table-row{rep}>{''.join(cells)}</table:table-row>"


def test_formulas_errors_percentages_and_merges_are_found() -> None:
    error = (
        '<table:table-cell table:formula="of:=1/0" office:value-type="string" '
        'calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>'
    )
    uncalculated = '<table:table-cell table:formula="of:=A1+1"/>'
    merged = (
        '<table:table-cell office:value-type="string" table:number-columns-spanned="2" '
        'table:number-rows-spanned="3"><text:p>m</text:p></table:table-cell>'
    )
    xml = content(
        row(cell("1"), error, uncalculated)
        + row(cell("0.3679", "percentage"), merged)
        + row('<table:table-cell table:number-columns-repeated="5000"/>', repeat=100_000)
    )
    [sheet] = scan_content(xml).values()
    assert sheet.errors == {(0, 1): "#DIV/0!"}
    assert sheet.formulas == {(0, 1): True, (0, 2): False}  # an error is a stored result
    assert sheet.percent == {(1, 0)}
    assert sheet.merged == [((1, 1), (3, 2))]
    assert (sheet.content_rows, sheet.max_row, sheet.max_col) == (2, 1, 2)  # empty repeats


def test_a_repeated_content_row_counts_every_repetition() -> None:
    xml = content(row(cell("1", "percentage"), repeat=3) + row(cell("2")))
    [sheet] = scan_content(xml).values()
    assert sheet.percent == {(0, 0), (1, 0), (2, 0)}
    assert (sheet.content_rows, sheet.max_row) == (4, 3)


def test_rows_and_extent_over_the_limits_are_refused_while_scanning() -> None:
    with pytest.raises(SheetTooLarge) as err:
        scan_content(content(row(cell("1"), repeat=limits.ROWS.value + 1)))
    assert err.value.code == "limit-rows" and "rows per sheet" in err.value.message
    wide = '<table:table-cell table:number-columns-repeated="16000" office:value-type="float"/>'
    with pytest.raises(SheetTooLarge) as err:
        scan_content(content(row(wide, repeat=300)))
    assert err.value.code == "limit-sheet-extent"


def test_a_dtd_is_refused() -> None:
    xml = b'<!DOCTYPE x [<!ENTITY e "e">]>' + content(row(cell("1")))
    with pytest.raises(ValueError, match="DTD"):
        scan_content(xml)


def test_long_text_is_measured_not_truncated() -> None:
    text = "n" * (limits.CELL_TEXT.value + 5)
    xml = content(row(f'<table:table-cell office:value-type="string"><text:p>{text}</text:p>'
                      "</table:table-cell>"))  # fmt: skip
    [sheet] = scan_content(xml).values()
    assert sheet.long_text == {(0, 0): limits.CELL_TEXT.value + 5}


def _ods(path: Path, xml: bytes, manifest: str = "") -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", f"<manifest:manifest>{manifest}</manifest:manifest>")
        z.writestr("content.xml", xml)
    return path


def test_an_ods_workbook_is_read_like_xlsx(tmp_path: Path, template: Path, rubric: Rubric) -> None:
    """Regression: .ods was refused although LibreOffice saves it by default."""
    from readiness.workbook.raw import open_workbook as open_book

    with open_book(template) as book:
        grids = {name: book.sheet(name).rows for name in book.sheet_names}
    tables = "".join(
        f'<table:table table:name="{name}">'
        + "".join(row(*(_cell(v) for v in line)) for line in grid)
        + "</table:table>"
        for name, grid in grids.items()
    )
    xml = (
        f'<?xml version="1.0"?><office:document-content {NS}><office:body><office:spreadsheet>'
        f"{tables}</office:spreadsheet></office:body></office:document-content>"
    ).encode()
    path = _ods(tmp_path / "values.ods", xml)
    with open_workbook(path) as book:
        assert book.kind == "ods"
        assert book.sheet_names == list(grids)
    report = validate_workbook(path, rubric)
    assert not report.errors, report.errors
    assert {p.code for p in report.warnings} == {"missing-value"}
    with pytest.raises(ReadinessError) as err:  # read, then refused for what it holds
        load_values(tmp_path / "values.ods", rubric, period="2026-Q3")
    assert [p.code for p in err.value.problems if p.severity == "error"] == ["wrong-period"]


def _cell(value: object) -> str:
    if value == "" or value is None:
        return "<table:table-cell/>"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return cell(repr(value))
    text = str(value).replace("&", "&amp;").replace("<", "&lt;")
    return (
        f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'
    )


def test_an_encrypted_ods_is_refused(tmp_path: Path, rubric: Rubric) -> None:
    path = _ods(tmp_path / "e.ods", content(row(cell("1"))), "<manifest:encryption-data/>")
    report = validate_workbook(path, rubric)
    assert [p.code for p in report.problems] == ["workbook-encrypted"]
