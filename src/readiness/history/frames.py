"""A recorded period back as `Values` and its rubric, to score it again (trend attribution)."""

from __future__ import annotations

import sqlite3

import pandas as pd

from readiness.history import read
from readiness.inputs.values import Values, make_table
from readiness.rubric import Rubric, parse_rubric


def values_of(conn: sqlite3.Connection, period: str) -> Values:
    """The input values recorded for `period`, with their evidence and uncertainty."""
    rows = [
        dict(zip(read.VALUE_COLUMNS, row, strict=True)) for row in read.value_rows(conn, period)
    ]
    for row in rows:
        row["contested"] = bool(row["contested"])
        for key in ("value", "low", "high"):
            if row[key] is None:
                row[key] = float("nan")
    units = read.unit_rows(conn, period)
    frame = pd.DataFrame(
        {"name": [n for _, n, _ in units]}, index=pd.Index([u for u, _, _ in units], name="unit")
    )
    return Values(table=make_table(rows), units=frame, period=period, origin=f"history {period}")


def rubric_of(conn: sqlite3.Connection, period: str) -> Rubric:
    """The rubric `period` was recorded with."""
    return parse_rubric(read.rubric_text(conn, period), f"history {period} rubric")
