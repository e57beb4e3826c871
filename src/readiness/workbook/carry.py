"""What a new workbook is pre-filled with: the input cells of an earlier period's workbook
(carried forward), or rows of a `Values` object."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from readiness import period as periods
from readiness.i18n.workbook import EN, WorkbookText
from readiness.inputs.values import Values
from readiness.problems import Location, Problem, raise_if_errors
from readiness.rubric.model import Kind, Rubric
from readiness.workbook import layout as L
from readiness.workbook.period import Period
from readiness.workbook.raw import CellValue, OpenError, open_workbook

Cells = dict[str, CellValue]  # input column key -> what to write


def from_values(
    values: Values, rubric: Rubric, words: WorkbookText = EN
) -> dict[tuple[str, str], Cells]:
    """The cells of each (unit, indicator) of `values`: a level as its label in `rubric` (a
    translated rubric gives the label in its language), "not found" and "yes" in `words`."""
    out: dict[tuple[str, str], Cells] = {}
    for rec in values.table.to_dict("records"):
        unit, ind_id = str(rec["unit"]), str(rec["indicator"])
        indicator = rubric.indicator_by_id.get(ind_id)
        x = rec["value"]
        value: CellValue = ""
        if isinstance(x, int | float) and not math.isnan(x):
            level = indicator.level_for(float(x)) if indicator is not None else None
            value = level.label if level is not None else float(x)
        elif _str(rec["note"]).strip() and indicator is not None:
            # A missing level that comes with its evidence note was searched for and not found;
            # the level list offers "not found" (a number cell keeps it empty, with the note).
            value = words.not_found if indicator.kind is not Kind.NUMERIC else ""
        out[(unit, ind_id)] = {
            "value": value,
            "as_of": _str(rec["as_of"]),
            "source": _str(rec["source"]),
            "source_url": _str(rec["source_url"]),
            "note": _str(rec["note"]),
            "low": _number_or_blank(rec.get("low")),
            "high": _number_or_blank(rec.get("high")),
            "contested": words.yes if rec.get("contested") is True else "",
        }
    return out


def _number_or_blank(value: Any) -> CellValue:
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return ""


def _str(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def read_previous(
    path: Path, new: Period, period_type: str
) -> tuple[dict[tuple[str, str], Cells], dict[str, str]]:
    """The input cells of a previous workbook, as typed, by (country code, indicator id). The
    workbook may be in any language; its cells are carried as typed (quoted, never translated).

    A workbook for a later period than the new one is refused: carrying values back in time
    would put figures into a period before they were published.
    """
    file = str(path)
    problems: list[Problem] = []
    carried: dict[tuple[str, str], Cells] = {}
    names: dict[str, str] = {}
    try:
        with open_workbook(path) as book:
            about = L.find_sheet("about", book.sheet_names)
            labels = L.about_keys()
            if about is not None:
                for row in book.sheet(about).rows[1:]:
                    if len(row) > 1 and labels.get(str(row[0]).strip().casefold()) == "period":
                        text = str(row[1]).strip()
                        try:
                            _, old_end = periods.parse_period(text, period_type)
                        except ValueError:
                            break  # an unreadable period: validation reports it, not --from
                        if old_end > new.end:
                            problems.append(
                                Problem(
                                    "previous-is-later",
                                    f"this workbook is for {text}, later than {new.text}; "
                                    "values can only be carried forward from an earlier "
                                    "period's workbook",
                                    Location(file=file, sheet=about),
                                )
                            )

            values = L.find_sheet("values", book.sheet_names)
            if values is None:
                problems.append(
                    Problem(
                        "missing-sheet",
                        "the previous workbook has no Values sheet",
                        Location(file=file, sheet=L.VALUES),
                    )
                )
            else:
                sheet = book.sheet(values)
                header = sheet.rows[0] if sheet.rows else []
                keys = L.header_keys()
                cols: dict[str, int | None] = {c.key: None for c in L.COLUMNS}
                for c, v in enumerate(header):
                    key = keys.get(str(v).strip().casefold()) if v != "" else None
                    if key is not None and cols[key] is None:
                        cols[key] = c
                for key in ("unit", "indicator"):
                    if cols[key] is None:
                        problems.append(
                            Problem(
                                "missing-column",
                                f"the previous workbook's Values sheet has no "
                                f"{L.COLUMNS[L.COLUMN_INDEX[key]].header!r} column",
                                Location(file=file, sheet=values, cell="A1"),
                            )
                        )
                if not problems:
                    carried, names = _carry(sheet.rows[1:], cols)
    except OpenError as exc:
        problems.append(Problem(exc.code, exc.message, Location(file, exc.sheet, exc.cell)))
    raise_if_errors(problems, f"{file}: cannot carry values forward")
    return carried, names


def _carry(
    lines: Sequence[Sequence[CellValue]], cols: dict[str, int | None]
) -> tuple[dict[tuple[str, str], Cells], dict[str, str]]:
    def at(line: Sequence[CellValue], key: str) -> CellValue:
        c = cols[key]
        return line[c] if c is not None and c < len(line) else ""

    carried: dict[tuple[str, str], Cells] = {}
    names: dict[str, str] = {}
    for line in lines:
        unit, ind_id = str(at(line, "unit")).strip(), str(at(line, "indicator")).strip()
        if not unit or not ind_id or (unit, ind_id) in carried:
            continue
        carried[(unit, ind_id)] = {key: at(line, key) for key in L.INPUT_KEYS}
        name = str(at(line, "unit_name")).strip()
        if name:
            names.setdefault(unit, name)
    return carried, names
