"""Hostile values CSVs: encodings, delimiters, decimal commas, dates, quoting, size, payloads.

The base file is the shipped 2026-Q4 workbook's values written as a long CSV, in code.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable
from pathlib import Path

from corpus import RUBRIC, SHIPPED, Case

from readiness import limits

FIELDS = ("unit", "indicator", "value", "as_of", "source", "source_url", "note")


def _base_rows() -> list[list[str]]:
    from readiness import api

    rubric = api.load_rubric(RUBRIC)
    table = api.load_values(SHIPPED, rubric).table
    rows = []
    for rec in table.to_dict("records"):
        value = rec["value"]
        text = "" if isinstance(value, float) and math.isnan(value) else repr(float(value))
        rows.append([str(rec[f]) if f != "value" else text for f in FIELDS])
    return rows


BASE = _base_rows()


def _text(rows: list[list[str]], delimiter: str = ",", header: tuple[str, ...] = FIELDS) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _write(data: bytes) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / "v.csv"
        path.write_bytes(data)
        return path

    return build


def _edited(
    edit: Callable[[list[list[str]]], None], delimiter: str = ",", codec: str = "utf-8"
) -> Callable[[Path], Path]:
    rows = [list(r) for r in BASE]
    edit(rows)
    # A legacy code page lacks some characters of the shipped notes (km²): "?" stands in.
    return _write(_text(rows, delimiter).encode(codec, errors="replace"))


def _set(row: int, field: str, value: str) -> Callable[[list[list[str]]], None]:
    def edit(rows: list[list[str]]) -> None:
        rows[row][FIELDS.index(field)] = value

    return edit


def _decimal_commas(rows: list[list[str]]) -> None:
    for row in rows:
        row[2] = row[2].replace(".", ",")


def _lower(rows: list[list[str]]) -> None:
    for row in rows:
        row[0] = row[0].lower()


def _sparse(folder: Path) -> Path:
    path = folder / "v.csv"
    with open(path, "wb") as fh:
        fh.truncate(limits.INPUT_FILE.value + 1)
    return path


def _many_rows(folder: Path) -> Path:
    path = folder / "v.csv"
    body = "KAZ,rule_of_law,1\n" * limits.ROWS.value
    path.write_text("unit,indicator,value\n" + body, encoding="utf-8")
    return path


def _xlsx_named_csv(folder: Path) -> Path:
    path = folder / "v.csv"
    path.write_bytes(SHIPPED.read_bytes())
    return path


# A note opening a quote it never closes: it must not swallow every later row.
UNTERMINATED = (
    (
        "\n".join(
            line if k != 4 else line + ',"note'
            for k, line in enumerate(_text([r[:6] for r in BASE], header=FIELDS[:6]).splitlines())
        )
        + "\n"
    )
    .replace("as_of,source,source_url\n", "as_of,source,source_url,note\n", 1)
    .encode()
)
CYRILLIC_NOTE = _set(0, "note", "Министерство финансов, оценка 2023 года")
TEXT = _text(BASE)
LINE = 2  # the first value row

# fmt: off
CASES: list[Case] = [
    # -- encodings --
    Case("cp1251", "encoding", _edited(CYRILLIC_NOTE, codec="cp1251"), codes=("file-encoding",), where=f":{LINE}:"),
    Case("utf-16-with-bom-tabs", "encoding", _edited(CYRILLIC_NOTE, "\t", "utf-16"), status=0),
    Case("utf-16-without-bom", "encoding", _write(TEXT.encode("utf-16-le")), codes=("file-encoding",)),
    Case("utf-8-bom-crlf-blank-lines", "encoding", _write(b"\xef\xbb\xbf" + TEXT.replace("\n", "\r\n").encode() + b"\r\n\r\n"), status=0),
    Case("nul-bytes", "encoding", _write(TEXT.encode()[:200] + b"\x00\x00" + TEXT.encode()[200:]), codes=("file-encoding",)),
    # -- delimiters and numbers (Russian-language Excel) --
    Case("semicolons-decimal-commas", "delimiter", _edited(_decimal_commas, ";"), status=0),
    Case("mixed-delimiters", "delimiter", _write(b"unit;indicator,value\nKAZ;rule_of_law,1\n"), codes=("csv-delimiter",), where=":1"),
    Case("unquoted-decimal-comma", "delimiter", _write(b"unit,indicator,value,as_of\nKAZ,rule_of_law,36,79,2023\n"), codes=("csv-malformed",), where=":2:5"),
    Case("ambiguous-thousands", "values", _edited(_set(0, "value", "1,234")), codes=("ambiguous-number",), where=f":{LINE}:3"),
    Case("formula-in-value", "payload", _edited(_set(0, "value", "=1+1")), codes=("not-a-number",), where=f":{LINE}:3"),
    Case("unterminated-quote", "quoting", _write(UNTERMINATED), codes=("csv-malformed",)),
    # -- dates --
    Case("as-of-banana", "dates", _edited(_set(0, "as_of", "banana")), codes=("bad-date",), where=f":{LINE}:4"),
    Case("as-of-day-first", "dates", _edited(_set(0, "as_of", "13.11.2015")), status=0),
    Case("as-of-slashes", "dates", _edited(_set(0, "as_of", "05/11/2025")), codes=("ambiguous-date",), where=f":{LINE}:4"),
    # -- identity --
    Case("lower-case-codes", "identity", _edited(_lower), codes=("unknown-unit",), where="did you mean 'KAZ'?"),
    Case("xlsx-named-csv", "identity", _xlsx_named_csv, codes=("file-format-unknown",)),
    Case("empty", "identity", _write(b""), codes=("file-empty",), where=":1"),
    # -- size --
    Case("rows-over-the-limit", "size", _many_rows, codes=("limit-rows",)),
    Case("cell-over-the-limit", "size", _edited(_set(0, "note", "n" * (limits.CELL_TEXT.value + 1))), codes=("limit-cell-length",), where=f":{LINE}:7"),
    Case("columns-over-the-limit", "size", _write((",".join(f"c{k}" for k in range(limits.COLUMNS.value + 1)) + "\n").encode()), codes=("limit-columns",), where=":1"),
    Case("file-over-the-limit", "size", _sparse, codes=("limit-file-size",)),
]
# fmt: on
