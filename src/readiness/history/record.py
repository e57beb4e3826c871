"""Record one scored period in the history database: rubric, input values and results.

Re-recording a period replaces everything stored for it, in one transaction.
"""

from __future__ import annotations

import functools
import hashlib
import math
import sqlite3
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from readiness.engine.result import Result
from readiness.history.ingest import inputs_digest
from readiness.period import parse_period

TABLES_BY_PERIOD = ("results", "input_values", "input_files", "units", "periods")


def _float(x: Any) -> float | None:
    """A float for SQLite: NaN and pd.NA become NULL."""
    if x is None or x is pd.NA:
        return None
    value = float(x)
    return None if math.isnan(value) else value


def _floats(array: Any) -> list[float | None]:
    values = np.asarray(array, dtype=float)
    out: list[float | None] = values.tolist()
    for k in np.flatnonzero(np.isnan(values)):
        out[k] = None
    return out


@functools.cache
def _tool_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"readiness {version('readiness')}"
    except PackageNotFoundError:
        return "readiness"


def record_period(
    conn: sqlite3.Connection,
    result: Result,
    *,
    rubric_text: str,
    inputs: Sequence[tuple[str, str]],
) -> None:
    """Store `result` (which must know its period) with the rubric's full text and the input
    files it was scored from ((name, SHA-256) pairs), replacing what was stored for the period."""
    period = result.period
    if not period:
        raise ValueError("only a result for a named period can be recorded")
    rubric = result.rubric
    start, _ = parse_period(period, rubric.period_type)
    rubric_sha = hashlib.sha256(rubric_text.encode("utf-8")).hexdigest()
    references = rubric.reference_units
    unit_rows = [
        (
            period,
            unit,
            str(result.unit_names.get(unit, unit)),
            k,
            "reference" if unit in references else "assessed",
        )
        for k, unit in enumerate(result.units)
    ]
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table in TABLES_BY_PERIOD:
            conn.execute(f"DELETE FROM {table} WHERE period = ?", (period,))
        conn.execute(
            "INSERT OR IGNORE INTO rubrics (sha256, id, version, text) VALUES (?, ?, ?, ?)",
            (rubric_sha, rubric.id, rubric.version, rubric_text),
        )
        conn.execute(
            "INSERT INTO periods (period, start, rubric_sha256, inputs_sha256, recorded_with) "
            "VALUES (?, ?, ?, ?, ?)",
            (period, start.isoformat(), rubric_sha, inputs_digest(inputs), _tool_version()),
        )
        conn.executemany(
            "INSERT INTO input_files (period, position, name, sha256) VALUES (?, ?, ?, ?)",
            [(period, k, name, sha) for k, (name, sha) in enumerate(inputs)],
        )
        conn.executemany(
            "INSERT INTO units (period, unit, name, position, role) VALUES (?, ?, ?, ?, ?)",
            unit_rows,
        )
        conn.executemany(
            "INSERT INTO input_values (period, unit, indicator, value, as_of, source, "
            "source_url, note, low, high, contested) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            _value_rows(result, period),
        )
        conn.executemany(
            "INSERT INTO results (period, unit, item, kind, parent, raw, score, coverage, rank, "
            "band, contribution_to_parent, contribution_to_index, reason) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            _result_rows(result, period),
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _value_rows(result: Result, period: str) -> list[tuple[Any, ...]]:
    # The values as given: the evidence frame's rows with the raw value of each.
    table = result.evidence.reset_index()
    keep = ~table.duplicated(["unit", "indicator"], keep="first")
    table = table[keep]
    raw = pd.concat([result.raw, result.denominators], axis=1)
    row = raw.index.get_indexer(table["unit"])
    col = raw.columns.get_indexer(table["indicator"])
    grid = raw.to_numpy(dtype=float)
    ok = (row >= 0) & (col >= 0)
    value = np.full(len(table), np.nan)
    value[ok] = grid[row[ok], col[ok]]
    table = table.assign(value=value)
    return list(
        zip(
            [period] * len(table),
            table["unit"].astype(str).tolist(),
            table["indicator"].astype(str).tolist(),
            _floats(table["value"]),
            table["as_of"].astype(str).tolist(),
            table["source"].astype(str).tolist(),
            table["source_url"].astype(str).tolist(),
            table["note"].astype(str).tolist(),
            _floats(table["low"]),
            _floats(table["high"]),
            [int(bool(c)) for c in table["contested"].tolist()],
            strict=True,
        )
    )


def _result_rows(result: Result, period: str) -> list[tuple[Any, ...]]:
    """One row per unit x item (indicators, then nodes), built column-wise for speed."""
    rubric = result.rubric
    units = result.units
    n = len(units)
    contrib = result.contributions  # item-major, then unit, in rubric order
    items = contrib["id"].tolist()
    unit_col = contrib["unit"].tolist()
    indicators = [i.id for i in rubric.indicators]
    nodes = rubric.aggregation_order
    root = rubric.root.id
    if items != [i for i in (*indicators, *nodes) for _ in range(n)]:
        raise RuntimeError("contributions are not in rubric order")  # a bug, not bad input
    ind_kind = ["indicator"] * (len(indicators) * n)
    node_kind = ["index" if i == root else "aggregate" for i in nodes for _ in range(n)]
    raw = _floats(result.raw[indicators].to_numpy(dtype=float).T.ravel())
    raw += [None] * (len(nodes) * n)
    normalised = result.normalised[indicators].to_numpy(dtype=float).T.ravel()
    node_scores = result.scores[nodes].to_numpy(dtype=float).T.ravel()
    score = _floats(np.concatenate([normalised, node_scores]))
    coverage = _floats(
        np.concatenate(
            [
                (~np.isnan(normalised)).astype(float),
                result.coverage[nodes].to_numpy(dtype=float).T.ravel(),
            ]
        )
    )
    rank_frame = result.ranks[nodes]
    ranks: list[int | None] = [None] * (len(indicators) * n)
    for node in nodes:
        ranks += [None if r is pd.NA else int(r) for r in rank_frame[node].array]
    bands: list[str | None] = [None] * ((len(indicators) + len(nodes)) * n)
    start = (len(indicators) + nodes.index(root)) * n
    for k, unit in enumerate(units):
        label = result.bands.get(unit)
        bands[start + k] = None if label is None or label is pd.NA else str(label)
    to_parent = _floats(contrib["to_parent"])
    to_index = _floats(contrib["to_index"])  # the index's own: its score
    reasons = ["missing" if r is None else "" for r in raw[: len(indicators) * n]]
    reasons += [str(r) for r in result.reasons[nodes].to_numpy().T.ravel()]
    parents = contrib["parent"].astype(str).tolist()
    return list(
        zip(
            [period] * len(items),
            unit_col,
            items,
            ind_kind + node_kind,
            parents,
            raw,
            score,
            coverage,
            ranks,
            bands,
            to_parent,
            to_index,
            reasons,
            strict=True,
        )
    )
