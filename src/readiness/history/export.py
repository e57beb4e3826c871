"""Export the history as one CSV (the results) or an .xlsx workbook (results, input values,
periods); text is written so that no spreadsheet can take it for a formula."""

from __future__ import annotations

import csv
import io
import os
import sqlite3
from pathlib import Path
from typing import Any

from readiness import atomic
from readiness.problems import Location, fail

RESULT_COLUMNS = (
    "period",
    "rubric_id",
    "rubric_version",
    "unit",
    "name",
    "item",
    "kind",
    "parent",
    "raw",
    "score",
    "coverage",
    "rank",
    "band",
    "contribution_to_parent",
    "contribution_to_index",
    "reason",
)
VALUE_COLUMNS = (
    "period",
    "unit",
    "indicator",
    "value",
    "as_of",
    "source",
    "source_url",
    "note",
    "low",
    "high",
    "contested",
)
PERIOD_COLUMNS = (
    "period",
    "start",
    "rubric_id",
    "rubric_version",
    "rubric_sha256",
    "inputs_sha256",
)


def _results(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    return conn.execute(
        "SELECT r.period, rb.id, rb.version, r.unit, u.name, r.item, r.kind, r.parent, r.raw, "
        "r.score, r.coverage, r.rank, r.band, r.contribution_to_parent, "
        "r.contribution_to_index, r.reason "
        "FROM results r JOIN periods p ON p.period = r.period "
        "JOIN rubrics rb ON rb.sha256 = p.rubric_sha256 "
        "JOIN units u ON u.period = r.period AND u.unit = r.unit "
        "ORDER BY p.start, u.position, r.rowid"
    ).fetchall()


def _values(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    columns = ", ".join(f"v.{c}" for c in VALUE_COLUMNS)
    return conn.execute(
        f"SELECT {columns} FROM input_values v JOIN periods p ON p.period = v.period "
        "ORDER BY p.start, v.rowid"
    ).fetchall()


def _periods(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    return conn.execute(
        "SELECT p.period, p.start, rb.id, rb.version, p.rubric_sha256, p.inputs_sha256 "
        "FROM periods p JOIN rubrics rb ON rb.sha256 = p.rubric_sha256 ORDER BY p.start"
    ).fetchall()


def export_history(conn: sqlite3.Connection, target: str | os.PathLike[str]) -> Path:
    """Write the history to `target` (.csv: the results; .xlsx: results, values, periods)."""
    target = Path(target)
    suffix = target.suffix.lower()
    if suffix == ".csv":
        atomic.write_bytes(target, csv_bytes(RESULT_COLUMNS, _results(conn)))
    elif suffix == ".xlsx":
        atomic.write_bytes(target, _xlsx_bytes(conn))
    else:
        fail("file-format-unknown", "export to a .csv or an .xlsx file", Location(str(target)))
    return target


def csv_bytes(columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> bytes:
    from readiness.results.safe import inert

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(
            [inert(v) if isinstance(v, str) else ("" if v is None else repr(v)) for v in row]
        )
    return buffer.getvalue().encode("utf-8")


def _xlsx_bytes(conn: sqlite3.Connection) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from readiness.xlsx import set_text, workbook_bytes

    book = Workbook()
    sheets = [
        ("Results", RESULT_COLUMNS, _results(conn)),
        ("Values", VALUE_COLUMNS, _values(conn)),
        ("Periods", PERIOD_COLUMNS, _periods(conn)),
    ]
    for k, (title, columns, rows) in enumerate(sheets):
        sheet = book.active if k == 0 else book.create_sheet()
        sheet.title = title
        for col, name in enumerate(columns, start=1):
            set_text(sheet.cell(row=1, column=col), name)
            sheet.cell(row=1, column=col).font = Font(bold=True)
        for r, row in enumerate(rows, start=2):
            for col, value in enumerate(row, start=1):
                cell = sheet.cell(row=r, column=col)
                if isinstance(value, str):
                    set_text(cell, value)
                elif value is not None:
                    cell.value = value
        sheet.freeze_panes = "A2"
    return workbook_bytes(book)
