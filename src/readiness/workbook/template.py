"""Write the officials' Excel workbook for one period: instructions, value rows, level definitions.

The workbook is streamed (openpyxl write-only mode), so a 50,000-row template stays cheap. Every
text is written as text, never as a formula, whatever it starts with.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.workbook.protection import WorkbookProtection

from readiness import limits
from readiness.i18n import Language
from readiness.i18n.workbook import WorkbookText, workbook_text
from readiness.inputs.values import Values
from readiness.problems import Problem, fail, raise_if_errors
from readiness.rubric.model import Kind, Role, Rubric
from readiness.workbook import layout as L
from readiness.workbook.carry import Cells, from_values, read_previous
from readiness.workbook.cells import (
    GRID,
    INPUT_FILL,
    LOCKED,
    LOCKED_FILL,
    TOP,
    UNLOCKED,
    WRAP_TOP,
    Presets,
    as_date,
    fit_row,
    header_row,
    protect,
    start,
)
from readiness.workbook.data_validation import (
    allowed_text,
    as_of_validation,
    contested_validation,
    value_validation,
)
from readiness.workbook.instructions import instructions_sheet
from readiness.workbook.levels import RubricTranslation
from readiness.workbook.period import Period, parse_period
from readiness.workbook.raw import CellValue
from readiness.workbook.reference_sheets import (
    about_sheet,
    indicators_sheet,
    label_ranges,
    levels_sheet,
    provenance_sheet,
)
from readiness.xlsx import save_workbook


@dataclass(frozen=True)
class _Unit:
    id: str
    name: str


def write_template(
    rubric: Rubric,
    period: str,
    path: str | os.PathLike[str],
    previous: str | os.PathLike[str] | None = None,
    values: Values | None = None,
    role: Role | str = Role.ASSESSED,
    language: Language = "en",
    translation: RubricTranslation | None = None,
) -> None:
    """Write the workbook officials fill in for `period`, in `language`.

    The workbook lists the rubric's units of one `role`: the assessed countries (the officials'
    workbook, the default) or the reference jurisdictions (their own workbook); its About sheet
    names the role, and validation expects rows for those units only.

    `previous` (a workbook from an earlier period) carries its values, dates, sources, URLs and
    notes forward to the matching (country, indicator) rows; `values` pre-fills rows from a
    `Values` object and wins over `previous` where both have a row (a missing level with an
    evidence note is written as "not found"), and its provenance, if any, becomes the
    Provenance sheet.

    `language` is the language of what a person reads (sheet names, headers, instructions,
    drop-down prompts, the About sheet's labels); `translation` (the rubric's text in that
    language, `readiness.rubric.translation`) gives the names, units, level labels and
    definitions. Identity never changes: codes, ids, level values and the About sheet's values
    are the same in every language. Carried cells (`previous`) are quoted as typed, never
    translated. With no language given the workbook is what it always was. Raises
    `ReadinessError` for a
    malformed period, an unreadable previous workbook, or a rubric without units when neither
    `previous` nor `values` names any.
    """
    at = parse_period(period, rubric.period_type)
    role = _role(role)
    words = workbook_text(language)
    if translation is not None:
        # Same ids, values, weights and order; the names and labels a person reads.
        rubric = translation.apply(rubric)
    carried: dict[tuple[str, str], Cells] = {}
    names: dict[str, str] = {}
    if previous is not None:
        carried, names = read_previous(Path(previous), at, rubric.period_type)
    if values is not None:
        carried.update(from_values(values, rubric, words))
        if len(values.units) and "name" in values.units.columns:
            names.update({str(k): str(v) for k, v in values.units["name"].items()})
    units = _units(rubric, values, names, carried, role)
    rows = L.indicator_rows(rubric)
    limit = limits.TEMPLATE_ROWS
    if len(units) * len(rows) > limit.value:
        what = f"the workbook for {len(units):,} units x {len(rows):,} indicators"
        fail(limit.code, limit.exceeded(what, len(units) * len(rows)) + "; split the units")

    book = Workbook(write_only=True)
    book.security = WorkbookProtection(lockStructure=True)
    instructions_sheet(book, rubric, at, len(units) * len(rows), role, words)
    _values_sheet(book, rubric, at, units, carried, words)
    indicators_sheet(book, rubric, words)
    levels_sheet(book, rubric, words)
    if values is not None and len(values.provenance):
        provenance_sheet(book, values, words)
    about_sheet(book, rubric, at, role, words)
    save_workbook(book, path)  # atomic, and the same inputs give the same bytes


# -- inputs ------------------------------------------------------------------------------------


def _role(role: Role | str) -> Role:
    try:
        return Role(role)
    except ValueError:
        allowed = ", ".join(r.value for r in Role)
        fail("bad-unit-role", f"unit role {role!r} is not one of {allowed}")


def _units(
    rubric: Rubric,
    values: Values | None,
    names: dict[str, str],
    carried: dict[tuple[str, str], Cells],
    role: Role,
) -> list[_Unit]:
    if rubric.units:
        chosen = [_Unit(u.id, u.name) for u in rubric.units if u.role is role]
        if not chosen:
            raise_if_errors(
                [
                    Problem(
                        "no-units",
                        f"the rubric lists no {role.value} units; a workbook for {role.value} "
                        "units needs units declared with that role",
                    )
                ],
                "cannot write the template",
            )
        return chosen
    ids: list[str] = list(values.unit_ids) if values is not None else []
    for unit, _ in carried:
        if unit not in ids:
            ids.append(unit)
    if not ids:
        fail(
            "no-units",
            "the rubric lists no units (countries); add them to the rubric, or pass "
            "values or a previous workbook that names them",
        )
    return [_Unit(u, names.get(u, u)) for u in ids]


def _values_sheet(
    book: Workbook,
    rubric: Rubric,
    at: Period,
    units: list[_Unit],
    carried: dict[tuple[str, str], Cells],
    words: WorkbookText,
) -> None:
    ws = book.create_sheet(words.sheets["values"])
    widths = [c.width for c in L.COLUMNS]
    if words.language != "en":
        # Wider where a header's one long word would otherwise be cut ("Код индикатора").
        for key, width in _WIDER.items():
            widths[L.COLUMN_INDEX[key]] = max(widths[L.COLUMN_INDEX[key]], width)
    # Wide enough for the longest level label, so a chosen level reads in full.
    labels = [len(lv.label) for ind in rubric.indicators for lv in ind.scale]
    value_at = L.COLUMN_INDEX["value"]
    widths[value_at] = min(max(widths[value_at], max(labels, default=0) + 3), 40)
    start(ws, widths, freeze="F2", title_rows="1:1")
    per_unit = words.chars_per_width
    header_row(ws, [words.headers[c.key] for c in L.COLUMNS], widths, per_unit)
    levels_at = label_ranges(rubric, words)
    style = Presets(ws)
    locked = {"fill": LOCKED_FILL, "protection": LOCKED, "border": GRID}
    unlocked = {"fill": INPUT_FILL, "protection": UNLOCKED, "border": GRID}
    style.define("locked", **locked, alignment=TOP)
    style.define("wrapped", **locked, alignment=WRAP_TOP)
    style.define("number", **unlocked, alignment=TOP)
    style.define("text", **unlocked, number_format=L.TEXT_FORMAT, alignment=TOP)
    style.define("long text", **unlocked, number_format=L.TEXT_FORMAT, alignment=WRAP_TOP)
    style.define("date", **unlocked, number_format=L.DATE_FORMAT, alignment=TOP)
    value_col = L.column_letter(L.COLUMN_INDEX["value"])
    contested_col = L.column_letter(L.COLUMN_INDEX["contested"])
    fixed_widths = [widths[L.COLUMN_INDEX[k]] for k in ("pillar", "indicator_name", "allowed")]
    fit_widths = fixed_widths + [
        widths[L.COLUMN_INDEX[k]] for k in ("source", "source_url", "note")
    ]
    row = 1
    for pillar, indicator in L.indicator_rows(rubric):
        first = row + 1
        allowed = allowed_text(indicator, words)
        numeric = indicator.kind is Kind.NUMERIC
        value_style = "number" if numeric else "text"
        # Low/High bound a number; Contested marks a judged level: the other is locked grey.
        interval_style = "number" if numeric else "locked"
        contested_style = "locked" if numeric else "text"
        for unit in units:
            row += 1
            given = carried.get((unit.id, indicator.id), {})
            fit_row(ws, row, [pillar.name, indicator.name, allowed], fixed_widths, per_unit)
            evidence = [given.get(k, "") for k in ("source", "source_url", "note")]
            if any(evidence):
                texts = [pillar.name, indicator.name, allowed, *evidence]
                fit_row(ws, row, texts, fit_widths, per_unit)
            ws.append(
                [
                    style.cell(unit.id, "locked"),
                    style.cell(unit.name, "locked"),
                    style.cell(pillar.name, "wrapped"),
                    style.cell(indicator.id, "locked"),
                    style.cell(indicator.name, "wrapped"),
                    style.cell(allowed, "wrapped"),
                    style.cell(_blank(given.get("value")), value_style),
                    style.cell(_blank(as_date(given.get("as_of", ""))), "date"),
                    style.cell(_blank(given.get("source")), "long text"),
                    style.cell(_blank(given.get("source_url")), "long text"),
                    style.cell(_blank(given.get("note")), "long text"),
                    style.cell(_blank(given.get("low")), interval_style),
                    style.cell(_blank(given.get("high")), interval_style),
                    style.cell(_blank(given.get("contested")), contested_style),
                ]
            )
        if row >= first:
            dv = value_validation(indicator, levels_at.get(indicator.id), words)
            dv.add(f"{value_col}{first}:{value_col}{row}")
            ws.data_validations.append(dv)
            if not numeric:
                contested_dv = contested_validation(words)
                contested_dv.add(f"{contested_col}{first}:{contested_col}{row}")
                ws.data_validations.append(contested_dv)
    if row > 1:
        date_col = L.column_letter(L.COLUMN_INDEX["as_of"])
        dates = as_of_validation(words)
        dates.add(f"{date_col}2:{date_col}{row}")
        ws.data_validations.append(dates)
    last = L.column_letter(len(L.COLUMNS) - 1)
    ws.auto_filter.ref = f"A1:{last}{max(row, 1)}"
    protect(ws, filter_ok=True)
    ws.oddHeader.center.text = words.page_header.format(title=rubric.title, period=at.text)
    ws.oddFooter.center.text = words.page_footer


# Values columns made wider in a workbook not in English (Russian words are longer).
_WIDER = {"unit": 11, "indicator": 22, "as_of": 13, "low": 12, "high": 12}


def _blank(value: CellValue | None) -> CellValue | None:
    return None if value is None or value == "" else value
