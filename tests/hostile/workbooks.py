"""Hostile workbooks: structure, XML attacks, encryption, values, text payloads, identity, size.

Each case is built from the shipped 2026-Q4 workbook by a few lines of code.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
from corpus import (
    ROWS,
    SHIPPED,
    Case,
    cell,
    copy_shipped,
    edited,
    ods_of_shipped,
    raw_bytes,
    rezip,
    set_cells,
    set_text,
    sheet_part,
    zipped,
)

from readiness import limits

G = cell("KAZ", "rule_of_law")  # a number, 0 to 100
H = cell("KAZ", "rule_of_law", "As-of date")
K = cell("KAZ", "rule_of_law", "Evidence note")
LEVEL = cell("KAZ", "licence_allocation")  # a categorical level
UNIT = "A" + G[1:]
INDICATOR = "D" + G[1:]
PASSWD = "root:x:0:0"


def _sheet_xml(edit: Callable[[bytes], bytes], sheet: str = "Values") -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        src = copy_shipped(folder, "src.xlsx")
        return rezip(src, folder / "w.xlsx", replace={sheet_part(src, sheet): edit})

    return build


def _part(part: str, edit: Callable[[bytes], bytes] | bytes) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        return rezip(copy_shipped(folder, "src.xlsx"), folder / "w.xlsx", replace={part: edit})

    return build


def _with_dtd(xml: bytes, dtd: bytes, entity: bytes = b"") -> bytes:
    """`xml` with a DTD before its root, and (for a sheet) the note cell holding `entity` (an
    entity reference, or any text) as an inline string."""
    if entity:
        xml = re.sub(
            rb'<c r="%s"[^>]*?(/>|>.*?</c>)' % K.encode(),
            b'<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (K.encode(), entity),
            xml,
            count=1,
            flags=re.S,
        )
    if xml.startswith(b"<?xml"):
        head, _, body = xml.partition(b"?>")
        return head + b"?>" + dtd + body
    return dtd + xml


_LAUGHS = (
    b'<!DOCTYPE worksheet [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
    b'<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
    b'<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">'
    b'<!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">]>'
)
_XXE = b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def _rows_xml(n: int) -> bytes:
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (k, k) for k in range(1, n + 1))
    return (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats'
        b'.org/spreadsheetml/2006/main"><sheetData>' + rows + b"</sheetData></worksheet>"
    )


def _lying_zip(folder: Path) -> Path:
    """A sheet whose zip entry says 1 KB but inflates to 600 MB of zeros."""
    src = copy_shipped(folder, "src.xlsx")
    part = sheet_part(src, "Instructions")
    bomb = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b"0" * (1 << 20)
    body = b"".join(bomb.compress(chunk) for _ in range(600)) + bomb.flush()
    dest = rezip(src, folder / "w.xlsx", replace={part: b"<x/>"})
    data = bytearray(dest.read_bytes())
    # Rewrite the tiny entry's data with the bomb, keeping its declared sizes (a lying zip).
    import zipfile

    with zipfile.ZipFile(dest) as z:
        info = z.getinfo(part)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    new = data[:start] + body + data[start + info.compress_size :]
    # The central directory offsets after the entry move: a damaged zip, as an attacker makes it.
    dest.write_bytes(bytes(new))
    return dest


def _sheets(n: int) -> Callable[[Any], None]:
    def edit(book: Any) -> None:
        for k in range(n):
            book.create_sheet(f"Extra {k}")

    return edit


def _rename(old: str, new: str) -> Callable[[Any], None]:
    def edit(book: Any) -> None:
        book[old].title = new

    return edit


def _delete_sheet(name: str) -> Callable[[Any], None]:
    def edit(book: Any) -> None:
        del book[name]

    return edit


def _values(edit: Callable[[Any], None]) -> Callable[[Any], None]:
    def wrapped(book: Any) -> None:
        edit(book["Values"])

    return wrapped


def _lower_codes(ws: Any) -> None:
    for row in ws.iter_rows(min_row=2, max_col=1):
        row[0].value = str(row[0].value).lower()


def _swap_columns(ws: Any) -> None:
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row):
        a, b = row[6], row[7]  # Value and As-of date, header included
        a.value, b.value = b.value, a.value
        a.number_format, b.number_format = b.number_format, a.number_format


def _reverse_rows(ws: Any) -> None:
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2, max_row=ws.max_row)]
    for r, values in enumerate(reversed(rows), start=2):
        for c, value in enumerate(values, start=1):
            ws.cell(row=r, column=c).value = value


def _clear(ws: Any) -> None:
    for row in ws.iter_rows():
        for c in row:
            c.value = None


_ERROR_CELL = (
    '<table:table-cell table:formula="of:=1/0" office:value-type="string" '
    'office:string-value="" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>'
)
_BIG_ROW = (
    f'<table:table-row table:number-rows-repeated="{limits.ROWS.value + 5}">'
    '<table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p>'
    "</table:table-cell></table:table-row>"
)
_WIDE_ROWS = (
    '<table:table-row table:number-rows-repeated="300"><table:table-cell '
    'table:number-columns-repeated="16000" office:value-type="float" office:value="1">'
    "<text:p>1</text:p></table:table-cell></table:table-row>"
)


def _sparse(size: int, name: str) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / name
        with open(path, "wb") as fh:
            fh.write(b"PK\x03\x04")
            fh.truncate(size)
        return path

    return build


def _about(field: str, value: str) -> Callable[[Any], None]:
    def edit(book: Any) -> None:
        ws = book["About"]
        for row in ws.iter_rows():
            if row[0].value == field:
                row[1].value = value
                row[1].data_type = "s"

    return edit


def _move_row_to_reference(ws: Any) -> None:
    ws[UNIT] = "AUS"


_DOCX = {
    "[Content_Types].xml": b"<Types/>",
    "word/document.xml": b"<w:document xmlns:w='x'/>",
    "_rels/.rels": b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/'
    b'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    b"</Relationships>",
}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
_ENCRYPTED = (
    _OLE
    + "EncryptionInfo".encode("utf-16-le")
    + b"\x00" * 64
    + ("EncryptedPackage".encode("utf-16-le"))
)


def _dup_sheet_names(xml: bytes) -> bytes:
    return xml.replace(b'name="About"', b'name="Values"')


def _no_sheets(xml: bytes) -> bytes:
    return re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", xml, flags=re.S)


def _shared_xxe(folder: Path) -> Path:
    src = copy_shipped(folder, "src.xlsx")
    part = sheet_part(src, "Values")
    shared = (
        b'<?xml version="1.0"?>' + _XXE + b'<sst xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>&xxe;</t></si></sst>'
    )

    def use(xml: bytes) -> bytes:
        # The note of KAZ / rule_of_law becomes shared string 0.
        return re.sub(
            rb'<c r="%s"[^>]*?(/>|>.*?</c>)' % K.encode(),
            b'<c r="%s" t="s"><v>0</v></c>' % K.encode(),
            xml,
            count=1,
            flags=re.S,
        )

    def rels(xml: bytes) -> bytes:
        return xml.replace(
            b"</Relationships>",
            b'<Relationship Id="rSST" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        )

    def types(xml: bytes) -> bytes:
        return xml.replace(
            b"</Types>",
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
            b'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        )

    return rezip(
        src,
        folder / "w.xlsx",
        replace={part: use, "xl/_rels/workbook.xml.rels": rels, "[Content_Types].xml": types},
        add={"xl/sharedStrings.xml": shared},
    )


def _extra_member(name: str, data: bytes) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        return rezip(copy_shipped(folder, "src.xlsx"), folder / "w.xlsx", add={name: data})

    return build


def _formula_cell(formula: str, cached: str | None) -> Callable[[bytes], bytes]:
    value = b"" if cached is None else b"<v>%s</v>" % cached.encode()

    def edit(xml: bytes) -> bytes:
        return re.sub(
            rb'<c r="%s"[^>]*?(/>|>.*?</c>)' % G.encode(),
            b'<c r="%s"><f>%s</f>%s</c>' % (G.encode(), formula.encode(), value),
            xml,
            count=1,
            flags=re.S,
        )

    return edit


def _error_cell(text: str) -> Callable[[bytes], bytes]:
    def edit(xml: bytes) -> bytes:
        return re.sub(
            rb'<c r="%s"[^>]*?(/>|>.*?</c>)' % G.encode(),
            b'<c r="%s" t="e"><v>%s</v></c>' % (G.encode(), text.encode()),
            xml,
            count=1,
            flags=re.S,
        )

    return edit


def _huge_negative_date_styled(folder: Path) -> Path:
    """As `_huge_negative_date`, in a cell formatted as a date (number format 14)."""
    src = copy_shipped(folder, "src.xlsx")
    part = sheet_part(src, "Values")

    def styles(xml: bytes) -> bytes:
        count = int(re.search(rb'<cellXfs count="(\d+)"', xml).group(1))  # type: ignore[union-attr]
        xml = xml.replace(b'<cellXfs count="%d">' % count, b'<cellXfs count="%d">' % (count + 1))
        return xml.replace(b"</cellXfs>", b'<xf numFmtId="14" applyNumberFormat="1"/></cellXfs>')

    import zipfile

    with zipfile.ZipFile(src) as z:
        count = int(re.search(rb'<cellXfs count="(\d+)"', z.read("xl/styles.xml")).group(1))  # type: ignore[union-attr]

    def sheet(xml: bytes) -> bytes:
        return re.sub(
            rb'<c r="%s"([^>]*?)(/>|>.*?</c>)' % H.encode(),
            b'<c r="%s" s="%d"><v>-1E+15</v></c>' % (H.encode(), count),
            xml,
            count=1,
            flags=re.S,
        )

    return rezip(src, folder / "w.xlsx", replace={part: sheet, "xl/styles.xml": styles})


def _far_stray(folder: Path) -> Path:
    book = openpyxl.load_workbook(SHIPPED)
    book["Values"]["K1048576"] = "stray"
    path = folder / "w.xlsx"
    book.save(path)
    return path


_NESTED = b"<a>" * 100_000 + b"</a>" * 100_000

S, X, E, V, T, ID, Z = (
    "structure",
    "xml-attack",
    "encryption",
    "values",
    "text-payload",
    "identity",
    "size",
)

CASES: list[Case] = [
    # -- structure --
    Case("empty-file", S, raw_bytes(b"", "w.xlsx"), codes=("file-empty",)),
    Case(
        "text-named-xlsx",
        S,
        raw_bytes(b"unit,indicator\nKAZ,x\n", "w.xlsx"),
        codes=("workbook-unreadable",),
    ),
    Case(
        "truncated-zip",
        S,
        raw_bytes(SHIPPED.read_bytes()[:20_000], "w.xlsx"),
        codes=("workbook-unreadable",),
    ),
    Case("random-zip", S, zipped({"a.txt": b"hello"}, "w.xlsx"), codes=("workbook-unreadable",)),
    Case("docx-named-xlsx", S, zipped(_DOCX, "w.xlsx"), codes=("workbook-unreadable",)),
    Case("old-xls", S, raw_bytes(_OLE, "w.xlsx"), codes=("workbook-unreadable",)),
    Case(
        "values-sheet-renamed",
        S,
        edited(_rename("Values", "Data")),
        codes=("missing-sheet",),
        where="!Values",
    ),
    Case(
        "values-sheet-case",
        S,
        _part("xl/workbook.xml", lambda x: x.replace(b'name="Values"', b'name="values"')),
        codes=("missing-sheet",),
        where="renamed 'values'",
    ),
    Case(
        "about-sheet-deleted",
        S,
        edited(_delete_sheet("About")),
        codes=("missing-sheet",),
        where="!About",
    ),
    Case(
        "header-changed",
        S,
        set_cells({"A1": "Country"}),
        codes=("missing-column",),
        where="!Values!A1",
    ),
    Case("columns-swapped", S, edited(_values(_swap_columns)), status=0),
    Case("rows-reversed", S, edited(_values(_reverse_rows)), status=0),
    Case(
        "merged-cells",
        S,
        edited(_values(lambda ws: ws.merge_cells(f"{K}:L{K[1:]}"))),
        codes=("merged-cells",),
        where=f"!Values!{K}",
    ),
    Case(
        "values-sheet-cleared",
        S,
        edited(_values(_clear)),
        codes=("empty-sheet",),
        where="!Values!A1",
    ),
    Case(
        "hidden-values-sheet",
        S,
        edited(lambda b: setattr(b["Values"], "sheet_state", "hidden")),
        status=0,
    ),
    Case(
        "two-sheets-named-values",
        S,
        _part("xl/workbook.xml", _dup_sheet_names),
        codes=("missing-sheet",),
        where="!About",
    ),
    Case("no-sheets-listed", S, _part("xl/workbook.xml", _no_sheets), codes=("empty-workbook",)),
    Case("extra-zip-member-path-traversal", S, _extra_member("../../evil.txt", b"x"), status=0),
    Case(
        "row-deleted",
        S,
        edited(_values(lambda ws: ws.delete_rows(3))),
        codes=("missing-row",),
        where="!Values KGZ/rule_of_law",
    ),
    # -- XML attacks --
    Case(
        "billion-laughs-in-sheet",
        X,
        _sheet_xml(lambda x: _with_dtd(x, _LAUGHS, b"&i;")),
        codes=("workbook-unreadable",),
        where="!Values",
    ),
    Case(
        "xxe-in-workbook-part",
        X,
        _part("xl/workbook.xml", lambda x: _with_dtd(x, _XXE)),
        codes=("workbook-unreadable",),
        never=(PASSWD,),
    ),
    Case("xxe-in-shared-strings", X, _shared_xxe, codes=("workbook-unreadable",), never=(PASSWD,)),
    Case(
        "xxe-in-sheet",
        X,
        _sheet_xml(lambda x: _with_dtd(x, _XXE, b"&xxe;")),
        codes=("workbook-unreadable",),
        never=(PASSWD,),
    ),
    Case(
        "declared-zip-bomb",
        X,
        _extra_member("xl/media/huge.bin", b"\0" * (limits.UNPACKED_PART.value + 1)),
        codes=("limit-unpacked-size",),
        slow=True,
    ),
    Case("lying-zip-sizes", X, _lying_zip, codes=("workbook-unreadable",), slow=True),
    Case("deeply-nested-xml", X, _part("docProps/app.xml", _NESTED), status=0),
    Case(
        "dde-formula-no-value",
        X,
        _sheet_xml(_formula_cell("cmd|' /C calc'!A0", None)),
        codes=("formula-without-value",),
        where=f"!Values!{G}",
    ),
    Case("dde-formula-cached", X, _sheet_xml(_formula_cell("cmd|' /C calc'!A0", "42")), status=0),
    # -- encryption --
    Case("encrypted-xlsx", E, raw_bytes(_ENCRYPTED, "w.xlsx"), codes=("workbook-encrypted",)),
    Case(
        "encrypted-ods",
        E,
        ods_of_shipped(manifest_extra="<manifest:encryption-data/>"),
        codes=("workbook-encrypted",),
    ),
    # -- values --
    Case(
        "formula-never-calculated",
        V,
        set_cells({G: "=1+1"}),
        codes=("formula-without-value",),
        where=f"!Values!{G}",
    ),
    Case(
        "error-na", V, _sheet_xml(_error_cell("#N/A")), codes=("excel-error",), where=f"!Values!{G}"
    ),
    Case(
        "error-div0",
        V,
        _sheet_xml(_error_cell("#DIV/0!")),
        codes=("excel-error",),
        where=f"!Values!{G}",
    ),
    Case(
        "units-in-number",
        V,
        set_cells({G: "36 pct"}),
        codes=("not-a-number",),
        where=f"!Values!{G}",
    ),
    Case("decimal-comma-text", V, set_cells({G: "36,79"}), status=0),
    Case(
        "ambiguous-thousands",
        V,
        set_cells({G: "1,234"}),
        codes=("ambiguous-number",),
        where=f"!Values!{G}",
    ),
    Case("percent-format", V, set_cells({G: 0.3679}, {G: "0.00%"}), status=0),
    Case("percent-text", V, set_cells({G: "36.79 %"}), status=0),
    Case("too-large", V, set_cells({G: 1e308}), codes=("out-of-limits",), where=f"!Values!{G}"),
    Case("inf-text", V, set_cells({G: "inf"}), codes=("not-a-number",), where=f"!Values!{G}"),
    Case("below-limits", V, set_cells({G: -5}), codes=("out-of-limits",), where=f"!Values!{G}"),
    Case("boolean-number", V, set_cells({G: True}), codes=("not-a-number",), where=f"!Values!{G}"),
    Case(
        "date-in-value",
        V,
        set_cells({G: openpyxl.utils.datetime.from_excel(45000)}),
        codes=("not-a-number",),
        where=f"!Values!{G}",
    ),
    Case("as-of-day-first", V, set_cells({H: "13.11.2025"}), status=0),
    Case(
        "as-of-slashes",
        V,
        set_cells({H: "05/11/2025"}),
        codes=("ambiguous-date",),
        where=f"!Values!{H}",
    ),
    Case(
        "as-of-future",
        V,
        set_cells({H: "2099-01-01"}),
        codes=("future-date",),
        where=f"!Values!{H}",
    ),
    Case("as-of-1900", V, set_cells({H: "1900"}), codes=("bad-date",), where=f"!Values!{H}"),
    Case(
        "as-of-huge-negative-date",
        V,
        _huge_negative_date_styled,
        codes=("excel-error",),
        where=f"!Values!{H}",
    ),
    Case(
        "unknown-level",
        V,
        set_cells({LEVEL: "excellent"}),
        codes=("unknown-level",),
        where=f"!Values!{LEVEL}",
    ),
    Case(
        "number-with-spaces",
        V,
        set_cells({G: "1 234"}),
        codes=("out-of-limits",),
        where=f"!Values!{G}",
    ),
    # -- text payloads --
    Case("formula-text-in-note", T, set_text({K: '=HYPERLINK("http://evil","x")'}), status=0),
    Case("script-in-note", T, set_cells({K: "<script>alert(1)</script>"}), status=0),
    Case(
        "note-over-cell-limit",
        T,
        _sheet_xml(lambda x: _with_dtd(x, b"", b"n" * (limits.CELL_TEXT.value + 10))),
        codes=("limit-cell-length",),
        where=f"!Values!{K}",
    ),
    Case(
        "zero-width-in-code",
        T,
        set_cells({UNIT: "KAZ\u200b"}),
        codes=("unknown-unit",),
        where=f"!Values!{UNIT}",
    ),
    Case(
        "cyrillic-lookalike-code",
        T,
        set_cells({UNIT: "КAZ"}),
        codes=("unknown-unit",),
        where=f"!Values!{UNIT}",
    ),
    Case("rtl-override-in-note", T, set_cells({K: "\u202egnirts desrever"}), status=0),
    Case(
        "emoji-and-jinja-in-note",
        T,
        set_cells({K: "🙂 {{ 7*7 }} {% if 1 %}x{% endif %}"}),
        status=0,
    ),
    # -- identity --
    Case(
        "wrong-rubric-id",
        ID,
        edited(_about("Rubric id", "another-rubric")),
        codes=("wrong-rubric",),
        where="!About!B3",
    ),
    Case(
        "malformed-period",
        ID,
        edited(_about("Period", "2026-Q5")),
        codes=("bad-period",),
        where="!About!B2",
    ),
    Case(
        "other-period-expected",
        ID,
        copy_shipped,
        codes=("wrong-period",),
        where="!About!B2",
        extra=("--period", "2026-Q3"),
    ),
    Case(
        "lower-case-codes",
        ID,
        edited(_values(_lower_codes)),
        codes=("unknown-unit",),
        where="did you mean 'KAZ'?",
    ),
    Case(
        "duplicate-row",
        ID,
        set_cells({"A3": "KAZ"}),
        codes=("duplicate-row", "missing-row"),
        where="!Values!A3",
    ),
    Case(
        "unknown-indicator",
        ID,
        set_cells({INDICATOR: "rule_of_lawyers"}),
        codes=("unknown-indicator",),
        where=f"!Values!{INDICATOR}",
    ),
    Case(
        "reference-unit-in-assessed-workbook",
        ID,
        edited(_values(_move_row_to_reference)),
        codes=("unknown-unit",),
        where="role reference",
    ),
    Case("rubric-version-differs", ID, edited(_about("Rubric version", "1.9.9")), status=0),
    # -- size --
    Case(
        "rows-over-the-limit",
        Z,
        _sheet_xml(lambda x: _rows_xml(limits.ROWS.value + 10)),
        codes=("limit-rows",),
        where="rows per sheet",
        slow=True,
    ),
    Case(
        "stray-cell-far-down",
        Z,
        _far_stray,
        codes=("limit-sheet-extent",),
        where="!Values!K1048576",
    ),
    Case("too-many-sheets", Z, edited(_sheets(limits.SHEETS.value)), codes=("limit-sheets",)),
    Case(
        "file-over-the-limit",
        Z,
        _sparse(limits.INPUT_FILE.value + 1, "w.xlsx"),
        codes=("limit-file-size",),
    ),
    Case(
        "ods-rows-repeated",
        Z,
        ods_of_shipped(raw_rows={"Values": _BIG_ROW}),
        codes=("limit-rows",),
        where="!Values",
    ),
    Case(
        "ods-columns-repeated",
        Z,
        ods_of_shipped(raw_rows={"Values": _WIDE_ROWS}),
        codes=("limit-sheet-extent",),
        where="!Values",
    ),
    # -- LibreOffice's own format, read like .xlsx --
    Case("ods-shipped", S, ods_of_shipped(), status=0),
    Case(
        "ods-error-cell",
        V,
        ods_of_shipped(
            raw_rows={
                "Values": "<table:table-row>"
                + "<table:table-cell/>" * 6
                + _ERROR_CELL
                + "</table:table-row>"
            }
        ),
        codes=("excel-error",),
        where=f"!Values!G{ROWS + 2}",
    ),
]
