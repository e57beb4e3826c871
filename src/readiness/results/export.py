"""Write a `Result` as scores.csv (tidy rows), scores.json (nested) and scores.xlsx, atomically."""

from __future__ import annotations

import io
import json
import math
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from readiness import atomic, outputs
from readiness.engine.result import Result
from readiness.problems import Problem
from readiness.results.safe import inert


def _clean(value: Any) -> Any:
    if value is pd.NA or value is None:
        return None
    if isinstance(value, float):
        # inf as well as NaN: JSON has no spelling for either (json.dumps would refuse the file)
        return value if math.isfinite(value) else None
    if hasattr(value, "item"):  # numpy scalar
        return _clean(value.item())
    return value


def to_csv_text(result: Result) -> str:
    """The tidy table as CSV: full-precision floats, empty cells for missing, inert text."""
    frame = result.tidy().copy()
    for column in frame.columns:
        if frame[column].dtype == object or str(frame[column].dtype) in ("str", "string"):
            frame[column] = frame[column].map(lambda v: inert(v) if isinstance(v, str) else v)
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def to_json_data(result: Result) -> dict[str, Any]:
    """Nested results: rubric metadata, then per unit its index, nodes and indicators."""
    r = result.rubric
    root = r.root.id
    contrib = result.contributions.set_index(["unit", "id"])
    evidence = result.evidence
    units = []
    for unit in result.ranking()["unit"]:
        nodes = {
            node_id: {
                "score": _clean(result.scores.at[unit, node_id]),
                "coverage": _clean(result.coverage.at[unit, node_id]),
                "rank": _clean(result.ranks.at[unit, node_id]),
                "reason": result.reasons.at[unit, node_id] or None,
                "contribution_to_index": _clean(contrib.at[(unit, node_id), "to_index"])
                if node_id != root
                else _clean(result.scores.at[unit, root]),
            }
            for node_id in r.aggregation_order
        }
        indicators = {}
        for ind in r.indicators:
            raw = result.raw.at[unit, ind.id]
            level = ind.level_for(raw) if not math.isnan(raw) else None
            ev = evidence.loc[(unit, ind.id)] if (unit, ind.id) in evidence.index else None
            indicators[ind.id] = {
                "raw": _clean(raw),
                "level": level.label if level else None,
                "imputed": bool(result.imputed_mask.at[unit, ind.id]),
                "score": _clean(result.normalised.at[unit, ind.id]),
                "contribution_to_parent": _clean(contrib.at[(unit, ind.id), "to_parent"]),
                "contribution_to_index": _clean(contrib.at[(unit, ind.id), "to_index"]),
                "potential": _clean(contrib.at[(unit, ind.id), "potential"]),
                "stale": _clean(result.stale.at[unit, ind.id]),
                "as_of": (ev["as_of"] or None) if ev is not None else None,
                "source": (ev["source"] or None) if ev is not None else None,
                "source_url": (ev["source_url"] or None) if ev is not None else None,
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
                "nodes": nodes,
                "indicators": indicators,
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
    a last sheet lists those problems (location, severity, code, message)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from readiness.xlsx import set_text, workbook_bytes

    workbook = Workbook()
    sheets = [("Ranking", result.ranking()), ("Scores", result.tidy())]
    for k, (title, frame) in enumerate(sheets):
        sheet = workbook.active if k == 0 else workbook.create_sheet()
        sheet.title = title
        for col, name in enumerate(frame.columns, start=1):
            set_text(sheet.cell(row=1, column=col), str(name))
            sheet.cell(row=1, column=col).font = Font(bold=True)
        for row_no, row in enumerate(frame.itertuples(index=False), start=2):
            for col, value in enumerate(row, start=1):
                value = _clean(value)
                cell = sheet.cell(row=row_no, column=col)
                if isinstance(value, str):
                    set_text(cell, value)
                elif value is not None:
                    cell.value = value
        sheet.freeze_panes = "A2"
    if validation is not None:
        sheet = workbook.create_sheet(VALIDATION_SHEET)
        for col, name in enumerate(("location", "severity", "code", "message"), start=1):
            set_text(sheet.cell(row=1, column=col), name)
            sheet.cell(row=1, column=col).font = Font(bold=True)
        for row_no, p in enumerate(validation, start=2):
            for col, text in enumerate((str(p.location), str(p.severity), p.code, p.message), 1):
                set_text(sheet.cell(row=row_no, column=col), text)
        if not validation:
            set_text(sheet.cell(row=2, column=1), "no warnings")
        sheet.freeze_panes = "A2"
    return workbook_bytes(workbook)
