"""The optional Provenance sheet: for each Source citation, the data it was read from.

The build of the shipped workbooks writes it (dataset, repository, commit, file and fields
behind each publisher citation), so that a report's data appendix and the run manifest can
print the lineage while Source and the evidence note stay publisher citations. Officials never
fill it in; a workbook without it is valid. Checking the sheet loads no pandas (the validate
command stays light); only turning it into a table does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from readiness.i18n.workbook import EN, TEXTS
from readiness.problems import Location, Problem
from readiness.workbook import layout as L
from readiness.workbook.raw import CellValue, RawSheet

if TYPE_CHECKING:
    import pandas as pd


def provenance_columns(
    sheet: RawSheet, file: str, name: str = L.PROVENANCE
) -> tuple[dict[str, int], list[Problem]]:
    """Where each Provenance column sits (values-table key -> column), or a warning that the
    sheet (`name`, in the workbook's language) lacks the header and is ignored (it does not stop
    the values being read). Headers are read in any language the workbook is written in."""
    keys = {
        header.casefold(): key
        for t in TEXTS.values()
        for key, header in t.provenance_headers.items()
    }
    header = [_text(v).strip().casefold() for v in (sheet.rows[0] if sheet.rows else [])]
    where: dict[str, int] = {}
    for c, h in enumerate(header):
        key = keys.get(h)
        if key is not None:
            where.setdefault(key, c)
    shown = next((t for t in TEXTS.values() if t.sheets["provenance"] == name), EN)
    missing = [shown.provenance_headers[key] for _, key in L.PROVENANCE_HEADERS if key not in where]
    if missing:
        problem = Problem(
            "bad-provenance",
            f"the {name} sheet lacks the column(s) {', '.join(missing)}; it is ignored",
            Location(file=file, sheet=name, cell="A1"),
        )
        return {}, [problem]
    return {key: where[key] for _, key in L.PROVENANCE_HEADERS}, []


def provenance_table(sheet: RawSheet, columns: dict[str, int]) -> pd.DataFrame:
    """The sheet's rows as a provenance table (`Values.provenance`)."""
    from readiness.inputs.values import make_provenance

    rows: list[dict[str, object]] = []
    for line in sheet.rows[1:]:
        rec: dict[str, object] = {
            key: _text(line[c]).strip() if c < len(line) else "" for key, c in columns.items()
        }
        if any(rec.values()):
            rows.append(rec)
    return make_provenance(rows)


def _text(value: CellValue) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))
