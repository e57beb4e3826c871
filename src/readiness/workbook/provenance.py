"""The optional Provenance sheet: for each Source citation, the data it was read from.

The build of the shipped workbooks writes it (dataset, repository, commit, file and fields
behind each publisher citation), so that a report's data appendix and the run manifest can
print the lineage while Source and the evidence note stay publisher citations. Officials never
fill it in; a workbook without it is valid.
"""

from __future__ import annotations

import pandas as pd

from readiness.inputs.values import empty_provenance, make_provenance
from readiness.problems import Location, Problem, Severity
from readiness.workbook import layout as L
from readiness.workbook.raw import CellValue, RawSheet


def read_provenance(sheet: RawSheet, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    """The sheet as a provenance table; a sheet without the expected header is reported and
    ignored (it does not stop the values being read)."""
    header = [_text(v).strip().casefold() for v in (sheet.rows[0] if sheet.rows else [])]
    where = {h: c for c, h in reversed(list(enumerate(header))) if h}
    missing = [name for name, _ in L.PROVENANCE_HEADERS if name.casefold() not in where]
    if missing:
        problem = Problem(
            "bad-provenance",
            f"the {L.PROVENANCE} sheet lacks the column(s) {', '.join(missing)}; it is ignored",
            Location(file=file, sheet=L.PROVENANCE, cell="A1"),
            Severity.WARNING,
        )
        return empty_provenance(), [problem]
    rows: list[dict[str, object]] = []
    for line in sheet.rows[1:]:
        rec: dict[str, object] = {
            key: _text(line[where[name.casefold()]]).strip()
            if where[name.casefold()] < len(line)
            else ""
            for name, key in L.PROVENANCE_HEADERS
        }
        if any(rec.values()):
            rows.append(rec)
    return make_provenance(rows), []


def _text(value: CellValue) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))
