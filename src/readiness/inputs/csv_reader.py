"""Read values from CSV, long (unit, indicator, value, evidence...) or wide (unit + a column each).

The file is read by explicit rules, or refused with the cause named (README, "Reading values"):
- Encoding: UTF-8 (with or without a byte-order mark) or UTF-16/UTF-32 with a byte-order mark
  (Excel's "Unicode Text"). Anything else, such as Windows Cyrillic (cp1251) from Excel's plain
  "CSV" in a Russian-language setting, is refused naming the likely encoding: guessing it could
  alter what the official typed.
- Delimiter: the one of comma, semicolon and tab that the header row uses (Excel in Russian,
  Kazakh and Uzbek settings writes semicolons). A header using two of them is refused.
- Cells: the one cell parser both readers use (`readiness.inputs.parse`): decimal commas,
  thousands separators, percent signs and dates by the same rules as in workbooks.
Every problem is collected with its `file:line:column` and raised once.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import os
from datetime import date
from pathlib import Path

import pandas as pd

from readiness import limits
from readiness.inputs.parse import (
    CellError,
    clip,
    is_blank,
    parse_as_of,
    parse_value,
    read_number,
    unknown_code,
)
from readiness.inputs.values import EVIDENCE_COLUMNS, Values, file_sha256, make_table
from readiness.problems import Location, Problem, fail, fail_all, raise_if_errors
from readiness.rubric.model import Kind, Rubric

UNIT_ALIASES = ("unit", "uCode")
NAME_ALIASES = ("name", "uName")
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)


def read_values_csv(
    path: str | os.PathLike[str], rubric: Rubric, period: str | None = None
) -> Values:
    file = str(path)
    rows = _rows(Path(path), file)
    if not rows or not any(cell.strip() for cell in rows[0]):
        fail("file-empty", "the file has no header row", Location(file=file, line=1))
    header = [h.strip() for h in rows[0]]
    _check_widths(file, header, rows)
    body = [r for r in rows[1:] if any(c.strip() for c in r)]
    lines = [k + 2 for k, r in enumerate(rows[1:]) if any(c.strip() for c in r)]
    if {"unit", "indicator", "value"} <= set(header):
        values = _long(file, rubric, header, body, lines, period)
    else:
        values = _wide(file, rubric, header, body, lines, period)
    if len(values[1]) > limits.UNITS.value:
        fail(limits.UNITS.code, limits.UNITS.exceeded("the file", len(values[1])), Location(file))
    return Values(
        table=values[0],
        units=values[1],
        period=values[2],
        origin=file,
        sha256=file_sha256(Path(path)),
    )


# -- bytes to rows -----------------------------------------------------------------------------


def _rows(path: Path, file: str) -> list[list[str]]:
    """The file's rows of cells, within the declared limits (size, rows, columns, cell length)."""
    if (too_large := limits.file_too_large(path, limits.INPUT_FILE)) is not None:
        fail(limits.INPUT_FILE.code, too_large, Location(file=file))
    try:
        data = path.read_bytes()
    except OSError as exc:
        fail("file-unreadable", f"cannot read values: {exc.strerror or exc}", Location(file=file))
    text = decode(data, file)
    # strict: an unterminated quote is an error, not a field that swallows every later row.
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text, file), strict=True)
    rows: list[list[str]] = []
    try:
        for row in reader:
            if len(rows) >= limits.ROWS.value:
                message = limits.ROWS.exceeded("the file") + "; keep one row per value"
                fail(limits.ROWS.code, message, Location(file=file, line=reader.line_num))
            rows.append(row)
    except csv.Error as exc:
        where = Location(file=file, line=reader.line_num)
        if "field larger than field limit" in str(exc):
            fail(limits.CELL_TEXT.code, limits.CELL_TEXT.exceeded("a cell"), where)
        fail("csv-malformed", f"not a readable CSV file ({exc})", where)
    if rows and len(rows[0]) > limits.COLUMNS.value:
        message = limits.COLUMNS.exceeded("the header row", len(rows[0]))
        fail(limits.COLUMNS.code, message, Location(file=file, line=1))
    long_cells = [
        Problem(
            limits.CELL_TEXT.code,
            limits.CELL_TEXT.exceeded("the cell", len(cell)),
            Location(file=file, line=line, column=col),
        )
        for line, row in enumerate(rows, start=1)
        for col, cell in enumerate(row, start=1)
        if len(cell) > limits.CELL_TEXT.value
    ]
    raise_if_errors(long_cells, f"{file}: values cannot be read")
    return rows


def decode(data: bytes, file: str) -> str:
    """The file's text: UTF-8, or UTF-16/32 with a byte-order mark; anything else is refused
    with the likely encoding named (a guess could alter what the official typed)."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                where = _byte_location(file, data, exc.start + len(bom))
                fail(
                    "file-encoding",
                    f"the file starts as {name} text but is not {name} further on ({exc.reason}); "
                    "save it again as 'CSV UTF-8'",
                    where,
                )
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        fail(
            "file-format-unknown",
            "this is a spreadsheet workbook, not a CSV file; give it its own extension "
            "(.xlsx, .ods) or save it as 'CSV UTF-8'",
            Location(file=file),
        )
    if b"\x00" in data[:4096]:
        head = data[:4096]
        utf16 = head[1::2].count(0) > len(head) // 4 or head[0::2].count(0) > len(head) // 4
        fail(
            "file-encoding",
            "the file looks like UTF-16 text without a byte-order mark; save it again as "
            "'CSV UTF-8'"
            if utf16
            else "the file holds NUL bytes, so it is not a text file; save it as 'CSV UTF-8'",
            Location(file=file),
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        fail(
            "file-encoding",
            f"the file is not UTF-8 text: byte 0x{data[exc.start]:02X} cannot be read"
            f"{_legacy_guess(data)}; save it again as 'CSV UTF-8 (Comma delimited)' (Excel: "
            "File > Save As) or with the character set 'Unicode (UTF-8)' (LibreOffice)",
            _byte_location(file, data, exc.start),
        )


def _legacy_guess(data: bytes) -> str:
    """Which 8-bit encoding non-UTF-8 bytes most likely are, as a clause for the message."""
    text = data.decode("cp1251", errors="replace")
    other = [ch for ch in text if ord(ch) > 127]
    cyrillic = sum(1 for ch in other if "\u0400" <= ch <= "\u04ff")
    if other and cyrillic >= 0.6 * len(other):
        return (
            " (it looks like Windows Cyrillic, cp1251, which Excel writes for plain 'CSV' in "
            "Russian-language settings)"
        )
    return " (it looks like an 8-bit encoding such as Windows-1252)"


def _byte_location(file: str, data: bytes, offset: int) -> Location:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return Location(file=file, line=line, column=column)


def _delimiter(text: str, file: str) -> str:
    """The delimiter the header row uses: comma, semicolon or tab (outside quotes)."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for ch in text[: 1 << 20]:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in "\r\n":
            break
        elif not quoted and ch in counts:
            counts[ch] += 1
    used = [d for d, n in counts.items() if n]
    if len(used) > 1:
        names = " and ".join(f"{DELIMITERS[d]}s" for d in used)
        fail(
            "csv-delimiter",
            f"the header row holds both {names}, so its cells cannot be told apart; separate "
            "cells with one of them only",
            Location(file=file, line=1),
        )
    return used[0] if used else ","


def _check_widths(file: str, header: list[str], rows: list[list[str]]) -> None:
    """Refuse rows with more cells than the header: with a comma delimiter, a decimal comma
    ("3,7" unquoted) splits a number in two, which must not be read as two values."""
    problems = []
    for line, row in enumerate(rows[1:], start=2):
        extra = [k for k in range(len(header), len(row)) if row[k].strip()]
        if extra:
            problems.append(
                Problem(
                    "csv-malformed",
                    f"this row has {len(row)} cells but the header has {len(header)}; a number "
                    "with a decimal comma splits in two in a comma-separated file: write 3.7, "
                    'quote it ("3,7") or separate the cells with semicolons',
                    Location(file=file, line=line, column=extra[0] + 1),
                )
            )
    raise_if_errors(problems, f"{file}: values cannot be read")


# -- cells -------------------------------------------------------------------------------------


def _value(rubric: Rubric, item_id: str, raw: str) -> float:
    """A denominator's number or an indicator's raw value; `CellError` says why not."""
    if item_id in rubric.indicator_by_id:
        return parse_value(rubric.indicator_by_id[item_id], raw)
    return math.nan if is_blank(raw) else read_number(raw)


def _uncertainty(
    rubric: Rubric, ind_id: str, value: float, low: str, high: str, record: dict[str, object]
) -> tuple[str, str, str] | None:
    """Optional `low` and `high`: both or neither, numbers around a numeric value."""
    if not low and not high:
        return None
    column = "low" if low else "high"
    ind = rubric.indicator_by_id.get(ind_id)
    if ind is None or ind.kind is not Kind.NUMERIC:
        return "bad-interval", "low and high bound a number; leave them empty here", column
    if not (low and high):
        return "bad-interval", "give both low and high, or neither", column
    bounds: dict[str, float] = {}
    for key, text in (("low", low), ("high", high)):
        try:
            bounds[key] = read_number(text)
        except CellError as exc:
            return "bad-interval", f"{exc} (a bound)", key
    lo, hi = bounds["low"], bounds["high"]
    if math.isnan(value) or not lo <= value <= hi:
        return "bad-interval", f"low {lo:g} and high {hi:g} must surround the value", column
    record["low"], record["high"] = lo, hi
    return None


def _contested(
    rubric: Rubric, ind_id: str, text: str, record: dict[str, object]
) -> tuple[str, str, str] | None:
    """Optional `contested`: yes marks a judged level analysts could place one level apart."""
    answer = text.casefold()
    if answer in ("", "no", "false"):
        return None
    if answer not in ("yes", "true"):
        return "bad-contested", f"{clip(text)!r} is not yes or no", "contested"
    ind = rubric.indicator_by_id.get(ind_id)
    if ind is None or ind.kind is Kind.NUMERIC:
        return "bad-contested", "contested marks a judged level; give low and high", "contested"
    record["contested"] = True
    return None


def _unit_problem(unit: str, known_units: set[str], where: Location) -> Problem | None:
    """Why a row's unit code cannot be used (empty, or not one of the rubric's), or None."""
    if not unit:
        return Problem("missing-unit", "the row has no unit code", where)
    if known_units and unit not in known_units:
        return Problem("unknown-unit", unknown_code("unit", unit, known_units), where)
    return None


def _loc(file: str, line: int, col: int, path: str = "") -> Location:
    return Location(file=file, line=line, column=col, path=path)


# -- long and wide files -----------------------------------------------------------------------


def _long(
    file: str,
    rubric: Rubric,
    header: list[str],
    body: list[list[str]],
    lines: list[int],
    period: str | None,
) -> tuple[pd.DataFrame, pd.DataFrame, str | None]:
    col = {h: k for k, h in enumerate(header)}
    problems: list[Problem] = []
    known_units = {u.id for u in rubric.units}
    denominators = {d.id for d in rubric.denominators}
    known_items = {**rubric.indicator_by_id, **dict.fromkeys(denominators)}
    out: list[dict[str, object]] = []
    seen: dict[tuple[str, str, str], int] = {}  # (period, unit, indicator) -> line
    periods: set[str] = set()
    today = _today()

    def cell(row: list[str], name: str) -> str:
        k = col.get(name)
        return row[k].strip() if k is not None and k < len(row) else ""

    for row, line in zip(body, lines, strict=True):
        unit, ind_id, raw = cell(row, "unit"), cell(row, "indicator"), cell(row, "value")
        row_period = cell(row, "period")
        if "period" in col and period is not None and row_period != period:
            continue
        if row_period:
            periods.add(row_period)
        if bad := _unit_problem(unit, known_units, _loc(file, line, col["unit"] + 1)):
            problems.append(bad)
            continue
        if (row_period, unit, ind_id) in seen:
            problems.append(
                Problem(
                    "duplicate-row",
                    f"{unit} / {clip(ind_id)} already given on line "
                    f"{seen[(row_period, unit, ind_id)]}",
                    _loc(file, line, col["indicator"] + 1),
                )
            )
            continue
        seen[(row_period, unit, ind_id)] = line
        if ind_id not in known_items:
            problems.append(
                Problem(
                    "unknown-indicator",
                    unknown_code("indicator", ind_id, known_items),
                    _loc(file, line, col["indicator"] + 1),
                )
            )
            continue
        try:
            value = _value(rubric, ind_id, raw)
        except CellError as exc:
            problems.append(Problem(exc.code, str(exc), _loc(file, line, col["value"] + 1)))
            continue
        record: dict[str, object] = {"unit": unit, "indicator": ind_id, "value": value}
        for name in EVIDENCE_COLUMNS:
            record[name] = cell(row, name)
        if record["as_of"]:
            try:
                record["as_of"] = parse_as_of(str(record["as_of"]), today)[1]
            except CellError as exc:
                problems.append(Problem(exc.code, str(exc), _loc(file, line, col["as_of"] + 1)))
                continue
        wrong = _uncertainty(rubric, ind_id, value, cell(row, "low"), cell(row, "high"), record)
        wrong = wrong or _contested(rubric, ind_id, cell(row, "contested"), record)
        if wrong is not None:
            code, message, column = wrong
            problems.append(Problem(code, message, _loc(file, line, col[column] + 1)))
            continue
        out.append(record)
    if len(periods) > 1 and period is None:
        shown = ", ".join(clip(p, 20) for p in sorted(periods)[:10])
        problems.append(
            Problem(
                "several-periods",
                f"the file holds several periods ({shown}); choose the period to read",
                Location(file=file),
            )
        )
    raise_if_errors(problems, f"{file}: values are invalid")
    table = make_table(out)
    units_order = [u.id for u in rubric.units] or list(dict.fromkeys(table["unit"]))
    units = pd.DataFrame({"name": units_order}, index=pd.Index(units_order, name="unit"))
    if "name" in col:
        for row in body:
            u, n = cell(row, "unit"), cell(row, "name")
            if u in units.index and n:
                units.at[u, "name"] = n
    return table, units, period or (next(iter(periods)) if periods else None)


def _wide(
    file: str,
    rubric: Rubric,
    header: list[str],
    body: list[list[str]],
    lines: list[int],
    period: str | None,
) -> tuple[pd.DataFrame, pd.DataFrame, str | None]:
    problems: list[Problem] = []
    unit_col = next((header.index(a) for a in UNIT_ALIASES if a in header), None)
    if unit_col is None:
        hint = ""
        if len(header) == 1 and any(d in header[0] for d in "|:"):
            hint = f"; the header row is {clip(header[0])!r}: separate cells with commas"
        fail_all(
            [
                Problem(
                    "missing-column",
                    "no 'unit' column: a long file needs unit, indicator, value; "
                    f"a wide one needs unit plus one column per indicator{hint}",
                    _loc(file, 1, 1),
                )
            ],
            f"{file}: values are invalid",
        )
    name_col = next((header.index(a) for a in NAME_ALIASES if a in header), None)
    denominators = {d.id for d in rubric.denominators}
    value_cols = [
        k for k, h in enumerate(header) if h in rubric.indicator_by_id or h in denominators
    ]
    attr_cols = [
        k for k in range(len(header)) if k not in value_cols and k not in (unit_col, name_col)
    ]
    known_units = {u.id for u in rubric.units}
    out: list[dict[str, object]] = []
    unit_rows: dict[str, dict[str, object]] = {}
    for row, line in zip(body, lines, strict=True):
        row = row + [""] * (len(header) - len(row))
        unit = row[unit_col].strip()
        if bad := _unit_problem(unit, known_units, _loc(file, line, unit_col + 1)):
            problems.append(bad)
            continue
        if unit in unit_rows:
            problems.append(
                Problem(
                    "duplicate-row",
                    f"unit {clip(unit)!r} appears twice",
                    _loc(file, line, unit_col + 1),
                )
            )
            continue
        attrs: dict[str, object] = {"name": row[name_col].strip() if name_col is not None else unit}
        for k in attr_cols:
            attrs[header[k]] = row[k].strip()
        unit_rows[unit] = attrs
        for k in value_cols:
            ind_id, raw = header[k], row[k].strip()
            try:
                value = _value(rubric, ind_id, raw)
            except CellError as exc:
                problems.append(Problem(exc.code, str(exc), _loc(file, line, k + 1, ind_id)))
                continue
            out.append({"unit": unit, "indicator": ind_id, "value": value})
    raise_if_errors(problems, f"{file}: values are invalid")
    units = pd.DataFrame.from_dict(unit_rows, orient="index")
    units.index.name = "unit"
    if "name" not in units.columns:
        units["name"] = units.index
    return make_table(out), units, period


def _today() -> date:
    return date.today()
