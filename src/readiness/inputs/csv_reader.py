"""Read values from CSV, long (unit, indicator, value, evidence...) or wide (unit + a column each).

Every problem is collected with its `file:line:column` and raised once.
"""

from __future__ import annotations

import csv
import io
import math
import os
from pathlib import Path

import pandas as pd

from readiness.inputs.parse import CellError, parse_number, parse_value
from readiness.inputs.values import EVIDENCE_COLUMNS, Values, file_sha256, make_table
from readiness.problems import Location, Problem, fail, fail_all, raise_if_errors
from readiness.rubric.model import Kind, Rubric

UNIT_ALIASES = ("unit", "uCode")
NAME_ALIASES = ("name", "uName")


def read_values_csv(
    path: str | os.PathLike[str], rubric: Rubric, period: str | None = None
) -> Values:
    file = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        fail("file-encoding", f"the file is not UTF-8 text ({exc.reason})", Location(file=file))
    except OSError as exc:
        fail("file-unreadable", f"cannot read values: {exc.strerror or exc}", Location(file=file))
    reader = csv.reader(io.StringIO(text))
    try:
        rows = list(reader)
    except csv.Error as exc:  # e.g. a field over the csv module's 131,072-character limit
        fail(
            "csv-malformed",
            f"not a readable CSV file ({exc})",
            Location(file=file, line=reader.line_num),
        )
    if not rows or not any(cell.strip() for cell in rows[0]):
        fail("file-empty", "the file has no header row", Location(file=file, line=1))
    header = [h.strip() for h in rows[0]]
    body = [r for r in rows[1:] if any(c.strip() for c in r)]
    lines = [k + 2 for k, r in enumerate(rows[1:]) if any(c.strip() for c in r)]
    if {"unit", "indicator", "value"} <= set(header):
        values = _long(file, rubric, header, body, lines, period)
    else:
        values = _wide(file, rubric, header, body, lines, period)
    return Values(
        table=values[0],
        units=values[1],
        period=values[2],
        origin=file,
        sha256=file_sha256(Path(path)),
    )


def _value(rubric: Rubric, item_id: str, raw: str) -> float:
    """A denominator's number or an indicator's raw value; `CellError` says why not."""
    if item_id in rubric.indicator_by_id:
        return parse_value(rubric.indicator_by_id[item_id], raw)
    if not raw:
        return math.nan
    number = parse_number(raw)
    if number is None:
        raise CellError("not-a-number", f"{raw!r} is not a number")
    return number


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
    lo, hi = parse_number(low), parse_number(high)
    if lo is None or hi is None:
        bad = low if lo is None else high
        return "bad-interval", f"{bad!r} is not a number", "low" if lo is None else "high"
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
        return "bad-contested", f"{text!r} is not yes or no", "contested"
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
        return Problem("unknown-unit", f"unit {unit!r} is not in the rubric", where)
    return None


def _loc(file: str, line: int, col: int, path: str = "") -> Location:
    return Location(file=file, line=line, column=col, path=path)


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
    out: list[dict[str, object]] = []
    seen: dict[tuple[str, str, str], int] = {}  # (period, unit, indicator) -> line
    periods: set[str] = set()

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
                    f"{unit} / {ind_id} already given on line {seen[(row_period, unit, ind_id)]}",
                    _loc(file, line, col["indicator"] + 1),
                )
            )
            continue
        seen[(row_period, unit, ind_id)] = line
        if ind_id not in denominators and ind_id not in rubric.indicator_by_id:
            problems.append(
                Problem(
                    "unknown-indicator",
                    f"indicator {ind_id!r} is not in the rubric",
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
        wrong = _uncertainty(rubric, ind_id, value, cell(row, "low"), cell(row, "high"), record)
        wrong = wrong or _contested(rubric, ind_id, cell(row, "contested"), record)
        if wrong is not None:
            code, message, column = wrong
            problems.append(Problem(code, message, _loc(file, line, col[column] + 1)))
            continue
        out.append(record)
    if len(periods) > 1 and period is None:
        problems.append(
            Problem(
                "several-periods",
                "the file holds several periods "
                f"({', '.join(sorted(periods))}); choose the period to read",
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
        fail_all(
            [
                Problem(
                    "missing-column",
                    "no 'unit' column: a long file needs unit, indicator, value; "
                    "a wide one needs unit plus one column per indicator",
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
                    "duplicate-row", f"unit {unit!r} appears twice", _loc(file, line, unit_col + 1)
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
