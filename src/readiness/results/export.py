"""Write a `Result` as scores.csv (tidy rows), scores.json (nested) and scores.xlsx, atomically."""

from __future__ import annotations

import io
import json
import math
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from readiness import atomic, outputs
from readiness.engine.result import Result
from readiness.problems import Problem
from readiness.results.safe import FORMULA_LEADS, inert


def _clean(value: Any) -> Any:
    if value is pd.NA or value is None:
        return None
    if isinstance(value, float):
        # inf as well as NaN: JSON has no spelling for either (json.dumps would refuse the file)
        return value if math.isfinite(value) else None
    if hasattr(value, "item"):  # numpy scalar
        return _clean(value.item())
    return value


def _column(values: pd.Series) -> list[Any]:
    """A column's cells as `_clean` makes them (None for missing), without a call per float."""
    if values.dtype == np.float64:
        array = values.to_numpy()
        cells = array.astype(object)
        cells[~np.isfinite(array)] = None
        return list(cells)
    if values.dtype in (np.bool_, np.int64):
        return values.to_numpy().tolist()
    return [_clean(v) for v in values.to_numpy(object).tolist()]


def _rows(frame: pd.DataFrame, units: list[str], columns: list[str]) -> list[list[Any]]:
    """`frame` (units x columns) as one list of cleaned cells per unit."""
    wide = frame.reindex(index=units, columns=columns)
    cells = [_column(wide.iloc[:, k]) for k in range(len(columns))]
    return [list(row) for row in zip(*cells, strict=True)] if cells else [[] for _ in units]


def to_csv_text(result: Result) -> str:
    """The tidy table as CSV: full-precision floats, empty cells for missing, inert text."""
    frame = result.tidy()
    for column in frame.columns:
        if frame[column].dtype == object or str(frame[column].dtype) in ("str", "string"):
            texts = frame[column]
            leads = texts.map(_has_formula_lead).to_numpy(dtype=bool)
            if leads.any():  # (rare: only those cells are changed)
                frame.loc[leads, column] = texts[leads].map(inert)
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def _has_formula_lead(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_LEADS)


def to_json_data(result: Result) -> dict[str, Any]:
    """Nested results: rubric metadata, then per unit its index, nodes and indicators."""
    r = result.rubric
    root = r.root.id
    ranked = list(result.ranking()["unit"])
    nodes = list(r.aggregation_order)
    indicators = list(r.indicators)
    ids = [ind.id for ind in indicators]
    contrib = result.contributions.set_index(["unit", "id"])
    to_parent = contrib["to_parent"].unstack()
    to_index = contrib["to_index"].unstack()
    potential = contrib["potential"].unstack()
    # Per unit, one list per field (wide frames read once, never cell by cell).
    node_score = _rows(result.scores, ranked, nodes)
    node_coverage = _rows(result.coverage, ranked, nodes)
    node_rank = _rows(result.ranks, ranked, nodes)
    node_reason = result.reasons.reindex(index=ranked, columns=nodes).to_numpy(object).tolist()
    node_to_index = _rows(to_index, ranked, nodes)
    raw = result.raw.reindex(index=ranked, columns=ids).to_numpy(float, na_value=np.nan)
    raw_cells = _rows(result.raw, ranked, ids)
    imputed = result.imputed_mask.reindex(index=ranked, columns=ids).to_numpy(bool).tolist()
    score = _rows(result.normalised, ranked, ids)
    ind_to_parent = _rows(to_parent, ranked, ids)
    ind_to_index = _rows(to_index, ranked, ids)
    ind_potential = _rows(potential, ranked, ids)
    stale = _rows(result.stale, ranked, ids)
    evidence = result.evidence
    given = dict(
        zip(
            evidence.index,
            zip(
                evidence["as_of"].tolist(),
                evidence["source"].tolist(),
                evidence["source_url"].tolist(),
                strict=True,
            ),
            strict=True,
        )
    )
    levels: dict[tuple[str, float], str | None] = {}
    units = []
    for u, unit in enumerate(ranked):
        nodes_out = {}
        for k, node_id in enumerate(nodes):
            nodes_out[node_id] = {
                "score": node_score[u][k],
                "coverage": node_coverage[u][k],
                "rank": node_rank[u][k],
                "reason": node_reason[u][k] or None,
                "contribution_to_index": node_to_index[u][k]
                if node_id != root
                else node_score[u][k],
            }
        indicators_out = {}
        for k, ind in enumerate(indicators):
            value = raw[u, k]
            label: str | None = None
            if ind.scale and not math.isnan(value):
                key = (ind.id, float(value))
                if key not in levels:
                    level = ind.level_for(value)
                    levels[key] = level.label if level else None
                label = levels[key]
            ev = given.get((unit, ind.id))
            indicators_out[ind.id] = {
                "raw": raw_cells[u][k],
                "level": label,
                "imputed": imputed[u][k],
                "score": score[u][k],
                "contribution_to_parent": ind_to_parent[u][k],
                "contribution_to_index": ind_to_index[u][k],
                "potential": ind_potential[u][k],
                "stale": stale[u][k],
                "as_of": (ev[0] or None) if ev is not None else None,
                "source": (ev[1] or None) if ev is not None else None,
                "source_url": (ev[2] or None) if ev is not None else None,
            }
        units.append(
            {
                "unit": unit,
                "name": result.unit_names.at[unit],
                "score": _clean(result.scores.at[unit, root]),
                "band": _clean(result.bands.at[unit]),
                "rank": _clean(result.ranks.at[unit, root]),
                "coverage": _clean(result.coverage.at[unit, root]),
                "reason": result.reasons.at[unit, root] or None,
                "nodes": nodes_out,
                "indicators": indicators_out,
            }
        )
    return {
        "rubric": {"id": r.id, "title": r.title, "version": r.version},
        "period": result.period,
        "inputs": {"file": result.origin, "sha256": result.sha256 or None},
        "index": root,
        "units": units,
    }


def results_paths(out_dir: str | os.PathLike[str]) -> tuple[Path, Path, Path]:
    """scores.csv, scores.json and scores.xlsx in `out_dir`, as `write_results` writes them."""
    out = Path(out_dir)
    return out / "scores.csv", out / "scores.json", out / "scores.xlsx"


def results_files(
    result: Result, *, validation: Sequence[Problem] | None = None
) -> dict[str, bytes]:
    """{"scores.csv": ..., "scores.json": ..., "scores.xlsx": ...}, nothing written. With
    `validation`, scores.xlsx gets a sheet listing those problems (the inputs' warnings)."""
    json_text = json.dumps(to_json_data(result), indent=2, ensure_ascii=False, allow_nan=False)
    return {
        "scores.csv": to_csv_text(result).encode("utf-8"),
        "scores.json": (json_text + "\n").encode("utf-8"),
        "scores.xlsx": results_xlsx_bytes(result, validation=validation),
    }


def write_results(result: Result, out_dir: str | os.PathLike[str]) -> list[Path]:
    """Write scores.csv, scores.json and scores.xlsx into `out_dir` as one set (all new or all
    old, never mixed: `readiness.outputs`); returns the paths written."""
    return outputs.write_set(out_dir, results_files(result))


def write_results_xlsx(result: Result, target: str | os.PathLike[str]) -> None:
    """The ranking and the tidy table as a workbook (text cells never become formulas)."""
    atomic.write_bytes(target, results_xlsx_bytes(result))


VALIDATION_SHEET = "Validation warnings"


def results_xlsx_bytes(result: Result, *, validation: Sequence[Problem] | None = None) -> bytes:
    """The bytes of the results workbook that `write_results_xlsx` writes; with `validation`,
    a last sheet lists those problems (location, severity, code, message).

    openpyxl writes each sheet's frame (bold header row, frozen below it); the rows are then
    streamed into the sheet's XML as openpyxl writes them (the bytes are those of the workbook
    built cell by cell: tests compare), at a small fraction of openpyxl's cost per cell and
    with flat memory. Every text is an inline string: never a formula."""
    from openpyxl import Workbook

    from readiness.xlsx import workbook_bytes

    tables: list[tuple[str, list[str], list[list[Any]]]] = [
        (title, [str(c) for c in frame.columns], [_column(frame[c]) for c in frame.columns])
        for title, frame in (("Ranking", result.ranking()), ("Scores", result.tidy()))
    ]
    if validation is not None:
        header = ["location", "severity", "code", "message"]
        # str(): a message may be a `Text` (a str subclass); the writer dispatches on exact types
        problems = [(str(p.location), str(p.severity), p.code, str(p.message)) for p in validation]
        columns: list[list[Any]] = [list(c) for c in zip(*problems, strict=True)]
        if not validation:
            columns = [["no warnings"], [None], [None], [None]]
        tables.append((VALIDATION_SHEET, header, columns or [[] for _ in header]))
    workbook = Workbook(write_only=True)
    parts = {}
    for k, (title, header, columns) in enumerate(tables, start=1):
        _sheet(workbook, title, header)
        parts[f"xl/worksheets/sheet{k}.xml"] = _rows_into(header, columns)
    return workbook_bytes(workbook, parts=parts)


def _sheet(workbook: Any, title: str, header: list[str]) -> None:
    """A write-only sheet with its bold header row, frozen below it."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    from readiness.xlsx import safe_text

    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"  # (before the first row: a write-only sheet starts with its view)
    bold = Font(bold=True)
    cells = []
    for name in header:
        cell = WriteOnlyCell(sheet, value=safe_text(name))
        cell.data_type = "s"  # (a header is text, whatever it looks like)
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)


def _rows_into(header: list[str], columns: list[list[Any]]) -> Callable[[bytes], Iterator[bytes]]:
    """The change that streams `columns` as rows 2.. into a sheet openpyxl wrote with its header
    row only, and adds the sheet's dimension (openpyxl's write-only mode leaves it out)."""
    from openpyxl.utils import get_column_letter

    rows = len(columns[0]) if columns else 0
    dimension = f'<dimension ref="A1:{get_column_letter(len(header))}{rows + 1}" />'

    def change(xml: bytes) -> Iterator[bytes]:
        xml = xml.replace(b"<sheetViews>", dimension.encode() + b"<sheetViews>", 1)
        head, end, tail = xml.partition(b"</sheetData>")
        yield head
        yield from _rows_xml(columns)
        yield end + tail

    return change


def _rows_xml(columns: list[list[Any]], chunk: int = 2_000) -> Iterator[bytes]:
    """Rows 2.. of a sheet as openpyxl's writer spells them (`<c>` elements without a style:
    numbers as '%.16g', logical values as 1/0, text as an escaped inline string, preserving
    spaces at its ends; an empty cell is left out), `chunk` rows at a time."""
    from openpyxl.utils import get_column_letter

    from readiness.xlsx import safe_text

    letters = [get_column_letter(k + 1) for k in range(len(columns))]
    texts: dict[str, str] = {}
    out: list[str] = []
    for r, row in enumerate(zip(*columns, strict=True), start=2):
        out.append(f'<row r="{r}">')
        for letter, value in zip(letters, row, strict=True):
            kind = type(value)
            if value is None:
                continue
            if kind is str:
                inline = texts.get(value)
                if inline is None:
                    inline = texts[value] = _inline(safe_text(value))
                out.append(f'<c r="{letter}{r}" t="inlineStr"{inline}')
            elif kind is bool:
                out.append(f'<c r="{letter}{r}" t="b"><v>{int(value)}</v></c>')
            elif kind is float or kind is int:
                out.append(f'<c r="{letter}{r}" t="n"><v>{value:.16g}</v></c>')
            else:
                raise TypeError(f"no spreadsheet cell for {value!r}")
        out.append("</row>")
        if len(out) >= chunk * 8:
            yield "".join(out).encode()
            out.clear()
    yield "".join(out).encode()


def _inline(text: str) -> str:
    """The rest of an inline-string cell after its type, as openpyxl writes it."""
    if text == "":
        return " />"
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    stripped = text.strip()
    space = ' xml:space="preserve"' if stripped and stripped != text else ""
    return f"><is><t{space}>{escaped}</t></is></c>"
