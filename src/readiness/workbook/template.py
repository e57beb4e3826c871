"""Write the officials' Excel workbook for one period: instructions, value rows, level definitions.

The workbook is streamed (openpyxl write-only mode), so a 50,000-row template stays cheap. Every
text is written as text, never as a formula, whatever it starts with.
"""

from __future__ import annotations

import math
import os
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils.datetime import to_excel
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from readiness import limits
from readiness import period as periods
from readiness.inputs.parse import NOT_FOUND
from readiness.inputs.values import Values
from readiness.problems import Location, Problem, fail, raise_if_errors
from readiness.rubric.model import Indicator, Kind, Role, Rubric
from readiness.workbook import layout as L
from readiness.workbook.period import Period, parse_period
from readiness.workbook.raw import CellValue, OpenError, open_workbook
from readiness.xlsx import safe_text, save_workbook

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)

_LOCKED = Protection(locked=True)
_UNLOCKED = Protection(locked=False)
_THIN = Side(style="thin", color="BFBFBF")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FONT = "Calibri"
_HEADER_FONT = Font(name=_FONT, size=11, bold=True, color=L.HEADER_FONT)
_BODY_FONT = Font(name=_FONT, size=11)
_BOLD_FONT = Font(name=_FONT, size=11, bold=True)
_HEADER_FILL = PatternFill("solid", fgColor=L.HEADER_FILL)
_INPUT_FILL = PatternFill("solid", fgColor=L.INPUT_FILL)
_LOCKED_FILL = PatternFill("solid", fgColor=L.LOCKED_FILL)
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_LINE_HEIGHT = 15.0  # points per line of 11-point text

Cells = dict[str, CellValue]  # input column key -> what to write


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
) -> None:
    """Write the workbook officials fill in for `period`.

    The workbook lists the rubric's units of one `role`: the assessed countries (the officials'
    workbook, the default) or the reference jurisdictions (their own workbook); its About sheet
    names the role, and validation expects rows for those units only.

    `previous` (a workbook from an earlier period) carries its values, dates, sources, URLs and
    notes forward to the matching (country, indicator) rows; `values` pre-fills rows from a
    `Values` object and wins over `previous` where both have a row (a missing level with an
    evidence note is written as "not found"), and its provenance, if any, becomes the
    Provenance sheet. Raises `ReadinessError` for a
    malformed period, an unreadable previous workbook, or a rubric without units when neither
    `previous` nor `values` names any.
    """
    at = parse_period(period, rubric.period_type)
    role = _role(role)
    carried: dict[tuple[str, str], Cells] = {}
    names: dict[str, str] = {}
    if previous is not None:
        carried, names = _read_previous(Path(previous), at, rubric.period_type)
    if values is not None:
        carried.update(_from_values(values, rubric))
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
    _instructions(book, rubric, at, len(units) * len(rows), role)
    _values_sheet(book, rubric, at, units, carried)
    _indicators_sheet(book, rubric)
    _levels_sheet(book, rubric)
    if values is not None and len(values.provenance):
        _provenance_sheet(book, values)
    _about_sheet(book, rubric, at, role)
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


def _from_values(values: Values, rubric: Rubric) -> dict[tuple[str, str], Cells]:
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
            value = NOT_FOUND if indicator.kind is not Kind.NUMERIC else ""
        out[(unit, ind_id)] = {
            "value": value,
            "as_of": _str(rec["as_of"]),
            "source": _str(rec["source"]),
            "source_url": _str(rec["source_url"]),
            "note": _str(rec["note"]),
            "low": _number_or_blank(rec.get("low")),
            "high": _number_or_blank(rec.get("high")),
            "contested": L.CONTESTED_YES if rec.get("contested") is True else "",
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


def _read_previous(
    path: Path, new: Period, period_type: str
) -> tuple[dict[tuple[str, str], Cells], dict[str, str]]:
    """The input cells of a previous workbook, as typed, by (country code, indicator id).

    A workbook for a later period than the new one is refused: carrying values back in time
    would put figures into a period before they were published.
    """
    file = str(path)
    problems: list[Problem] = []
    carried: dict[tuple[str, str], Cells] = {}
    names: dict[str, str] = {}
    try:
        with open_workbook(path) as book:
            if L.ABOUT in book.sheet_names:
                for row in book.sheet(L.ABOUT).rows[1:]:
                    if len(row) > 1 and str(row[0]).strip() == L.ABOUT_PERIOD:
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
                                    Location(file=file, sheet=L.ABOUT),
                                )
                            )

            if L.VALUES not in book.sheet_names:
                problems.append(
                    Problem(
                        "missing-sheet",
                        "the previous workbook has no Values sheet",
                        Location(file=file, sheet=L.VALUES),
                    )
                )
            else:
                sheet = book.sheet(L.VALUES)
                header = sheet.rows[0] if sheet.rows else []
                where = {str(v).strip().casefold(): c for c, v in enumerate(header) if v != ""}
                cols = {c.key: where.get(c.header.casefold()) for c in L.COLUMNS}
                for key in ("unit", "indicator"):
                    if cols[key] is None:
                        problems.append(
                            Problem(
                                "missing-column",
                                f"the previous workbook's Values sheet has no "
                                f"{L.COLUMNS[L.COLUMN_INDEX[key]].header!r} column",
                                Location(file=file, sheet=L.VALUES, cell="A1"),
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


# -- cells -------------------------------------------------------------------------------------


def _bare_cell(ws: Any, value: CellValue | None) -> WriteOnlyCell:
    """A cell whose text stays text: a leading = + - @ never makes it a formula."""
    if isinstance(value, str):
        cell = WriteOnlyCell(ws, value=safe_text(value))
        cell.data_type = "s"
        return cell
    return WriteOnlyCell(ws, value=value)


def _cell(ws: Any, value: CellValue | None, **style: Any) -> WriteOnlyCell:
    cell = _bare_cell(ws, value)
    style.setdefault("font", _BODY_FONT)
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


class _Presets:
    """Cell styles resolved once per sheet. Assigning openpyxl style objects cell by cell hashes
    each of them on every assignment, which took most of the time to write a large template."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.styles: dict[str, Any] = {}

    def define(self, name: str, **style: Any) -> None:
        self.styles[name] = _cell(self.ws, None, **style)._style

    def cell(self, value: CellValue | None, name: str) -> WriteOnlyCell:
        cell = _bare_cell(self.ws, value)
        cell._style = StyleArray(self.styles[name])
        return cell


def _as_date(value: CellValue) -> CellValue:
    """ISO date text becomes a real Excel date; anything else is written as it was typed."""
    if isinstance(value, datetime):
        return value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return value
    return value


def _fit_row(ws: Any, row: int, texts: Sequence[object], widths: Sequence[float]) -> None:
    """Set a row's height to show wrapped text: officials' spreadsheet programs do not always
    re-measure rows on opening. An estimate: words wrapped at about 1.2 characters per unit of
    column width (Calibri 11)."""
    lines = 1
    for text, width in zip(texts, widths, strict=False):
        lines = max(lines, _wrapped_lines(str(text), max(int(width * 1.2), 1)))
    if lines > 1:
        ws.row_dimensions[row].height = _LINE_HEIGHT * lines + 3


def _wrapped_lines(text: str, per_line: int) -> int:
    if len(text) <= per_line and "\n" not in text:
        return 1
    return sum(
        max(len(textwrap.wrap(part, per_line, break_long_words=True)), 1)
        for part in text.split("\n")
    )


def _header_row(ws: Any, headers: Sequence[str], widths: Sequence[float]) -> None:
    _fit_row(ws, 1, headers, widths)
    ws.append(
        [
            _cell(ws, h, font=_HEADER_FONT, fill=_HEADER_FILL, alignment=_WRAP_TOP, border=_GRID)
            for h in headers
        ]
    )


def _protect(ws: Any, *, filter_ok: bool = False) -> None:
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # officials may widen columns
    ws.protection.formatRows = False
    if filter_ok:
        ws.protection.autoFilter = False


def _start(
    ws: Any,
    widths: Sequence[float],
    *,
    freeze: str | None = None,
    title_rows: str | None = None,
    landscape: bool = True,
) -> None:
    """Column widths, frozen panes and printing: in write-only mode they must precede the rows."""
    for k, width in enumerate(widths):
        ws.column_dimensions[L.column_letter(k)].width = width
    if freeze:
        ws.freeze_panes = freeze
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows:
        ws.print_title_rows = title_rows


# -- describing indicators ---------------------------------------------------------------------


def allowed_text(indicator: Indicator) -> str:
    """The "Unit or allowed levels" text of an indicator's rows."""
    if indicator.kind is Kind.NUMERIC:
        unit = indicator.unit or "number"
        lim = indicator.limits
        if lim is None or (lim.min is None and lim.max is None):
            return unit
        if lim.min is not None and lim.max is not None:
            return f"{unit}, {lim.min:g} to {lim.max:g}"
        return (
            f"{unit}, at least {lim.min:g}"
            if lim.min is not None
            else (f"{unit}, at most {lim.max:g}")
        )
    return " / ".join(lv.label for lv in indicator.scale)


def _validation(indicator: Indicator, label_range: str | None) -> DataValidation:
    title = indicator.name if len(indicator.name) <= 32 else indicator.name[:31] + "…"
    if indicator.kind is not Kind.NUMERIC:
        assert label_range is not None
        dv = DataValidation(type="list", formula1=label_range, allow_blank=True)
        dv.error = "Choose one of the levels in the list (the Levels sheet defines them)."
        dv.prompt = _clip(f"Pick a level: {allowed_text(indicator)} (or {NOT_FOUND})", 255)
    else:
        lim = indicator.limits
        low = lim.min if lim is not None else None
        high = lim.max if lim is not None else None
        if low is not None and high is not None:
            dv = DataValidation(
                type="decimal",
                operator="between",
                formula1=_num(low),
                formula2=_num(high),
                allow_blank=True,
            )
            dv.error = f"Enter a number from {low:g} to {high:g}."
        elif low is not None:
            dv = DataValidation(
                type="decimal", operator="greaterThanOrEqual", formula1=_num(low), allow_blank=True
            )
            dv.error = f"Enter a number of at least {low:g}."
        elif high is not None:
            dv = DataValidation(
                type="decimal", operator="lessThanOrEqual", formula1=_num(high), allow_blank=True
            )
            dv.error = f"Enter a number of at most {high:g}."
        else:
            dv = DataValidation(
                type="decimal",
                operator="between",
                formula1="-1E+300",
                formula2="1E+300",
                allow_blank=True,
            )
            dv.error = "Enter a number (without units or spaces)."
        dv.prompt = _clip(f"Number in {indicator.unit or 'the unit shown'}", 255)
    dv.errorTitle = "Not allowed here"
    dv.promptTitle = title
    dv.showErrorMessage = True
    dv.showInputMessage = True
    dv.errorStyle = "stop"
    return dv


def _num(x: float) -> str:
    return repr(float(x)) if not float(x).is_integer() else str(int(x))


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- sheets ------------------------------------------------------------------------------------


def _instructions(book: Workbook, rubric: Rubric, at: Period, n_rows: int, role: Role) -> None:
    ws = book.create_sheet(L.INSTRUCTIONS)
    width = 88
    _start(ws, [width], landscape=False)
    ws.sheet_view.showGridLines = False
    end = at.end.strftime("%d %B %Y").lstrip("0")
    title_font = Font(name=_FONT, bold=True, size=16, color=L.HEADER_FILL)
    heading_font = Font(name=_FONT, bold=True, size=12, color=L.HEADER_FILL)
    row = 0

    def line(text: str, font: Font = _BODY_FONT) -> None:
        nonlocal row
        row += 1
        _fit_row(ws, row, [text], [width])
        if font.size and font.size > 11:
            ws.row_dimensions[row].height = font.size * 1.6
        ws.append([_cell(ws, text, alignment=_WRAP_TOP, protection=_LOCKED, font=font)])

    line(f"{rubric.title}: values workbook", title_font)
    line(f"Reporting period: {at.text} (ending {end})", _BOLD_FONT)
    line(f"Rubric: {rubric.id}, version {rubric.version}", _BOLD_FONT)
    if role is Role.REFERENCE:
        line(
            "Units: the reference jurisdictions. They are scored on the same rubric for "
            "comparison and never ranked among the assessed countries.",
            _BOLD_FONT,
        )
    line("")
    sections: list[tuple[str, list[str]]] = [
        (
            "What to fill in",
            [
                f"Open the Values sheet. Each of its {n_rows} rows is one country and one "
                "indicator. Fill in the five yellow columns of each row: Value, As-of date, "
                "Source, Source URL and Evidence note (and, rarely, Low, High or Contested).",
                "The grey columns say which country and indicator the row is for. They are "
                "locked so that every row stays matched to its country and indicator; do not "
                "add, delete, sort or move rows.",
            ],
        ),
        (
            "Value",
            [
                "For an indicator measured in numbers, type the number alone, in the unit shown "
                "in the column 'Unit or allowed levels': for example 63.5, not '63.5 %' or "
                "'about 63'.",
                "For an indicator with levels, pick a level from the drop-down list in the cell. "
                "The Levels sheet defines every level in words; choose the level whose "
                "definition fits the evidence.",
                "If a value cannot be found, leave Value empty, or choose 'not found' in the list, "
                "and say in the Evidence note what was searched; 'not found' needs that note. "
                "Never enter 0 for 'unknown': 0 is a real value and would be scored as one.",
                "'None exists' is not 'not found'. When the evidence shows that the thing does "
                "not exist (no law, no portal, not a member), choose the lowest level: it is an "
                "answer and is scored 0, so it needs its evidence in the note.",
            ],
        ),
        (
            "As-of date",
            [
                "The date the value describes, not the date you looked it up. For a yearly "
                "figure use the last day of that year (2024-12-31); for a law, treaty or "
                "status, the date on which you checked it. Type it as a date, for example "
                "2024-12-31.",
                "A value older than the indicator's maximum age (see the Indicators sheet) is "
                "marked as stale on the scorecard.",
            ],
        ),
        (
            "Source, Source URL and Evidence note",
            [
                "Source: who published the value, and in what, for example 'World Bank, "
                "Worldwide Governance Indicators, 2024 update'.",
                "Source URL: the web address where a reader can check the value "
                "(starting with https://).",
                "Evidence note: one or two sentences that let a reader check the value: what "
                "the source says and, for a level, why this level and not the one above or "
                "below.",
            ],
        ),
        (
            "Low, High and Contested (optional)",
            [
                "Most rows leave these three columns empty. Low and High: when the source "
                "publishes a range around a number (for example a 90 % confidence interval), "
                "type its lower and upper bound; Value stays the published estimate.",
                "Contested: for an indicator with levels, type yes when a careful reader of the "
                "same evidence could choose the level just above or below. The scores use Value "
                "alone; the robustness analysis varies these readings.",
            ],
        ),
        (
            "Checking and sending the workbook back",
            [
                f"This workbook is for the period {at.text} only. Keep its sheets and rows as "
                "they are, save it as an Excel Workbook (.xlsx) without a password, and send it "
                "back to the team that sent it to you.",
                "The team runs a check that lists every problem at once. You may receive a copy "
                "in which cells that must be fixed are coloured red and cells to look at again "
                "are amber, each with a comment saying what is wrong.",
            ],
        ),
        (
            "Sheets in this workbook",
            [
                "Instructions: this page.",
                "Values: the rows to fill in.",
                "Indicators: what each indicator measures, its unit or levels, its allowed "
                "range, its maximum age and where to find it.",
                "Levels: the written definition of every level of the indicators with levels.",
            ],
        ),
    ]
    for heading, paragraphs in sections:
        line(heading, heading_font)
        for text in paragraphs:
            line(text)
        line("")
    _protect(ws)


def _values_sheet(
    book: Workbook,
    rubric: Rubric,
    at: Period,
    units: list[_Unit],
    carried: dict[tuple[str, str], Cells],
) -> None:
    ws = book.create_sheet(L.VALUES)
    widths = [c.width for c in L.COLUMNS]
    # Wide enough for the longest level label, so a chosen level reads in full.
    labels = [len(lv.label) for ind in rubric.indicators for lv in ind.scale]
    value_at = L.COLUMN_INDEX["value"]
    widths[value_at] = min(max(widths[value_at], max(labels, default=0) + 3), 40)
    _start(ws, widths, freeze="F2", title_rows="1:1")
    _header_row(ws, L.HEADERS, widths)
    label_ranges = _label_ranges(rubric)
    style = _Presets(ws)
    locked = {"fill": _LOCKED_FILL, "protection": _LOCKED, "border": _GRID}
    unlocked = {"fill": _INPUT_FILL, "protection": _UNLOCKED, "border": _GRID}
    style.define("locked", **locked, alignment=_TOP)
    style.define("wrapped", **locked, alignment=_WRAP_TOP)
    style.define("number", **unlocked, alignment=_TOP)
    style.define("text", **unlocked, number_format=L.TEXT_FORMAT, alignment=_TOP)
    style.define("long text", **unlocked, number_format=L.TEXT_FORMAT, alignment=_WRAP_TOP)
    style.define("date", **unlocked, number_format=L.DATE_FORMAT, alignment=_TOP)
    value_col = L.column_letter(L.COLUMN_INDEX["value"])
    contested_col = L.column_letter(L.COLUMN_INDEX["contested"])
    fixed_widths = [widths[L.COLUMN_INDEX[k]] for k in ("pillar", "indicator_name", "allowed")]
    fit_widths = fixed_widths + [
        widths[L.COLUMN_INDEX[k]] for k in ("source", "source_url", "note")
    ]
    row = 1
    for pillar, indicator in L.indicator_rows(rubric):
        first = row + 1
        allowed = allowed_text(indicator)
        numeric = indicator.kind is Kind.NUMERIC
        value_style = "number" if numeric else "text"
        # Low/High bound a number; Contested marks a judged level: the other is locked grey.
        interval_style = "number" if numeric else "locked"
        contested_style = "locked" if numeric else "text"
        for unit in units:
            row += 1
            given = carried.get((unit.id, indicator.id), {})
            _fit_row(ws, row, [pillar.name, indicator.name, allowed], fixed_widths)
            evidence = [given.get(k, "") for k in ("source", "source_url", "note")]
            if any(evidence):
                _fit_row(ws, row, [pillar.name, indicator.name, allowed, *evidence], fit_widths)
            ws.append(
                [
                    style.cell(unit.id, "locked"),
                    style.cell(unit.name, "locked"),
                    style.cell(pillar.name, "wrapped"),
                    style.cell(indicator.id, "locked"),
                    style.cell(indicator.name, "wrapped"),
                    style.cell(allowed, "wrapped"),
                    style.cell(_blank(given.get("value")), value_style),
                    style.cell(_blank(_as_date(given.get("as_of", ""))), "date"),
                    style.cell(_blank(given.get("source")), "long text"),
                    style.cell(_blank(given.get("source_url")), "long text"),
                    style.cell(_blank(given.get("note")), "long text"),
                    style.cell(_blank(given.get("low")), interval_style),
                    style.cell(_blank(given.get("high")), interval_style),
                    style.cell(_blank(given.get("contested")), contested_style),
                ]
            )
        if row >= first:
            dv = _validation(indicator, label_ranges.get(indicator.id))
            dv.add(f"{value_col}{first}:{value_col}{row}")
            ws.data_validations.append(dv)
            if not numeric:
                contested_dv = DataValidation(
                    type="list", formula1=f'"{L.CONTESTED_YES}"', allow_blank=True
                )
                contested_dv.error = "Type yes, or leave the cell empty."
                contested_dv.errorTitle = "Not allowed here"
                contested_dv.showErrorMessage = True
                contested_dv.add(f"{contested_col}{first}:{contested_col}{row}")
                ws.data_validations.append(contested_dv)
    if row > 1:
        date_col = L.column_letter(L.COLUMN_INDEX["as_of"])
        dates = DataValidation(
            type="date",
            operator="between",
            formula1=str(int(to_excel(L.OLDEST_AS_OF))),
            formula2=str(int(to_excel(L.LATEST_AS_OF))),
            allow_blank=True,
        )
        dates.error = "Enter a full date, for example 2024-12-31 (not a year alone)."
        dates.errorTitle = "Not a date"
        dates.prompt = "The date the value describes (for a yearly figure, 31 December)."
        dates.promptTitle = "As-of date"
        dates.showErrorMessage = dates.showInputMessage = True
        dates.add(f"{date_col}2:{date_col}{row}")
        ws.data_validations.append(dates)
    last = L.column_letter(len(L.COLUMNS) - 1)
    ws.auto_filter.ref = f"A1:{last}{max(row, 1)}"
    _protect(ws, filter_ok=True)
    ws.oddHeader.center.text = f"{rubric.title}: values for {at.text}"
    ws.oddFooter.center.text = "Page &P of &N"


def _blank(value: CellValue | None) -> CellValue | None:
    return None if value is None or value == "" else value


def _label_ranges(rubric: Rubric) -> dict[str, str]:
    """Where each indicator's level labels sit on the Levels sheet (column D, from row 2)."""
    out: dict[str, str] = {}
    row = 2
    for _, indicator in L.indicator_rows(rubric):
        if indicator.kind is Kind.NUMERIC:
            continue
        n = len(indicator.scale) + 1  # its levels, then "not found"
        out[indicator.id] = f"'{L.LEVELS}'!$D${row}:$D${row + n - 1}"
        row += n
    return out


NOT_FOUND_DEFINITION = (
    "Not a level: the evidence could not be found. The value stays missing and is not scored; "
    "say in the Evidence note what was searched. When the evidence shows that the thing does "
    "not exist, choose the lowest level instead (it is scored) and give that evidence."
)


def _reference_rows(
    ws: Any, rows: list[list[CellValue]], widths: Sequence[float], bold: int | None = None
) -> None:
    """Locked, wrapped rows under a header row, each tall enough for its longest text."""
    style = {"alignment": _WRAP_TOP, "protection": _LOCKED, "border": _GRID}
    for k, values in enumerate(rows, start=2):
        _fit_row(ws, k, values, widths)
        ws.append(
            [
                _cell(ws, v, **style, font=_BOLD_FONT if c == bold else _BODY_FONT)
                for c, v in enumerate(values)
            ]
        )


def _indicators_sheet(book: Workbook, rubric: Rubric) -> None:
    ws = book.create_sheet(L.INDICATORS)
    widths = [20, 20, 28, 48, 30, 14, 10, 48]
    _start(ws, widths, freeze="C2", title_rows="1:1")
    headers = [
        "Pillar",
        "Indicator id",
        "Indicator",
        "What is measured",
        "Unit or allowed levels",
        "Allowed range",
        "Maximum age (years)",
        "Where to find it",
    ]
    _header_row(ws, headers, widths)
    rows: list[list[CellValue]] = []
    for pillar, ind in L.indicator_rows(rubric):
        lim = ind.limits
        allowed = ""
        if ind.kind is Kind.NUMERIC and lim is not None and (lim.min, lim.max) != (None, None):
            allowed = allowed_text(ind).split(", ", 1)[-1]
        rows.append(
            [
                pillar.name,
                ind.id,
                ind.name,
                ind.description,
                allowed_text(ind),
                allowed,
                rubric.max_age_of(ind.id),
                ind.source_guidance,
            ]
        )
    _reference_rows(ws, rows, widths, bold=2)
    _protect(ws)


def _levels_sheet(book: Workbook, rubric: Rubric) -> None:
    ws = book.create_sheet(L.LEVELS)
    widths = [20, 28, 8, 20, 80]
    _start(ws, widths, freeze="A2", title_rows="1:1")
    _header_row(
        ws, ["Indicator id", "Indicator", "Level value", "Level label", "Definition"], widths
    )
    rows: list[list[CellValue]] = []
    for _, ind in L.indicator_rows(rubric):
        if ind.kind is Kind.NUMERIC:
            continue
        rows += [[ind.id, ind.name, lv.value, lv.label, lv.definition] for lv in ind.scale]
        rows.append([ind.id, ind.name, "", NOT_FOUND, NOT_FOUND_DEFINITION])
    _reference_rows(ws, rows, widths, bold=3)
    _protect(ws)


def _provenance_sheet(book: Workbook, values: Values) -> None:
    """Where each cited value sits in the data it was built from (locked, for reference)."""
    ws = book.create_sheet(L.PROVENANCE)
    widths = [44, 36, 36, 22, 30, 44]
    _start(ws, widths, freeze="B2", title_rows="1:1")
    _header_row(ws, [header for header, _ in L.PROVENANCE_HEADERS], widths)
    keys = [key for _, key in L.PROVENANCE_HEADERS]
    rows: list[list[CellValue]] = [
        [str(rec[k]) for k in keys] for rec in values.provenance.to_dict("records")
    ]
    _reference_rows(ws, rows, widths)
    _protect(ws)


def _about_sheet(book: Workbook, rubric: Rubric, at: Period, role: Role) -> None:
    ws = book.create_sheet(L.ABOUT)
    _start(ws, [18, 40])
    for label, value in (
        ("Field", "Value"),
        (L.ABOUT_PERIOD, at.text),
        (L.ABOUT_RUBRIC_ID, rubric.id),
        (L.ABOUT_RUBRIC_VERSION, rubric.version),
        (L.ABOUT_UNIT_ROLE, role.value),
        (L.ABOUT_FORMAT, L.FORMAT_VERSION),
        ("Rubric title", rubric.title),
    ):
        ws.append([_cell(ws, label, protection=_LOCKED), _cell(ws, value, protection=_LOCKED)])
    ws.sheet_state = "hidden"
    _protect(ws)
