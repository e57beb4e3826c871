"""Check an officials' workbook against the rubric and turn it into `Values`.

Every problem is collected (never the first only), each with a stable code and the cell an
official can fix. Nothing the official typed is altered: text is trimmed only to match codes and
level labels; source, URL and note are kept exactly as typed.
"""

from __future__ import annotations

import gc
import json
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import product
from pathlib import Path
from typing import TYPE_CHECKING, Any

from readiness import limits
from readiness.inputs.parse import (
    NOT_FOUND,
    CellError,
    cell_text,
    clip,
    describe,
    is_blank,
    is_not_found,
    parse_as_of,
    parse_value,
    read_number,
    unknown_code,
)
from readiness.period import years_between
from readiness.problems import TERMINAL_LIMIT, Location, Problem, Severity
from readiness.rubric.model import Goalposts, Indicator, Kind, Role, Rubric
from readiness.workbook import layout as L
from readiness.workbook.period import Period, parse_period, period_problem
from readiness.workbook.raw import CellValue, OpenError, RawSheet, RawWorkbook, open_workbook
from readiness.workbook.rows import URL, URL_SPLIT, FastRows, Row

if TYPE_CHECKING:
    from readiness.inputs.values import Values

ERROR = Severity.ERROR
WARNING = Severity.WARNING

# The fast path (rows a check would pass, read in one go); off only to compare the two paths.
FAST_PATH = True


@dataclass
class WorkbookReport:
    """The outcome of `validate_workbook`: every problem, and the values when there is no error."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    values: Values | None = None
    period: str | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is WARNING]

    def failed(self, strict: bool = False) -> bool:
        """True if there is an error, or (strict) any problem at all."""
        return bool(self.errors or (strict and self.warnings))

    def summary(self) -> str:
        e, w = len(self.errors), len(self.warnings)
        return f"{self.file}: {e} error{'s' * (e != 1)}, {w} warning{'s' * (w != 1)}"


def validate_workbook(
    path: str | os.PathLike[str],
    rubric: Rubric,
    *,
    period: str | None = None,
    today: date | None = None,
    with_values: bool = True,
) -> WorkbookReport:
    """Check a workbook; never raises for anything in the file (only for a malformed `period`).

    `period` is the period the workbook must be for (default: the one it says it is for).
    `today` bounds as-of dates (default: the system date); staleness is measured at the period
    end, or at `today` when the period is unknown. `with_values=False` skips building
    `report.values` (and importing pandas) when only the problems are wanted.
    """
    expected = parse_period(period, rubric.period_type) if period is not None else None
    checker = _Checker(str(path), rubric, expected, today or date.today())
    # Reading makes hundreds of thousands of small objects and no cycles: the cyclic garbage
    # collector would walk them again and again (a fifth of the time on 50,000 rows).
    collecting = gc.isenabled()
    gc.disable()
    try:
        try:
            with open_workbook(path) as book:
                checker.run(book)
        except OpenError as exc:
            checker.add(exc.code, exc.message, sheet=exc.sheet, cell=exc.cell)
        report = WorkbookReport(checker.file, checker.problems, period=checker.period_text())
        if with_values and not report.errors:
            report.values = checker.values(Path(path))
    finally:
        if collecting:
            gc.enable()
    return report


# -- output ------------------------------------------------------------------------------------


def problems_table(problems: Sequence[Problem], limit: int | None = TERMINAL_LIMIT) -> str:
    """Problems as aligned text columns: location, severity, code, message. At most `limit`
    problems (None: all), then a line counting the rest: a terminal is no place for 300,000
    lines (the JSON format and the annotated copy keep every problem)."""
    shown = problems if limit is None else problems[:limit]
    rows = [("location", "severity", "code", "message")]
    rows += [(str(p.location), str(p.severity), p.code, p.message) for p in shown]
    widths = [max(len(r[k]) for r in rows) for k in range(3)]
    lines = ["  ".join(r[k].ljust(widths[k]) for k in range(3)) + "  " + r[3] for r in rows]
    rest = len(problems) - len(shown)
    if rest:
        lines.append(
            f"... and {rest:,} more problem{'s' * (rest != 1)} not shown (the first "
            f"{len(shown)} of {len(problems):,}; the JSON format and the annotated copy list all)"
        )
    return "\n".join(lines)


def problems_json(report: WorkbookReport) -> str:
    items = [
        {
            "location": str(p.location),
            "file": p.location.file,
            "sheet": p.location.sheet,
            "cell": p.location.cell,
            "path": p.location.path,
            "severity": str(p.severity),
            "code": p.code,
            "message": p.message,
        }
        for p in report.problems
    ]
    body = {
        "file": report.file,
        "period": report.period,
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "problems": items,
    }
    return json.dumps(body, indent=2, ensure_ascii=False)


# -- the checks --------------------------------------------------------------------------------


class _Checker:
    def __init__(self, file: str, rubric: Rubric, expected: Period | None, today: date) -> None:
        self.file = file
        self.rubric = rubric
        self.expected = expected
        self.today = today
        self.found_period: Period | None = None
        self.problems: list[Problem] = []
        self.rows: list[Row] = []
        # Or the rows as whole columns (Row order, as far as `note`), when the fast path read
        # every row in one go.
        self.columns: list[list[Any]] | None = None
        # The optional Provenance sheet and where its columns are, read into a table with the
        # values (the checks themselves load no pandas).
        self.provenance: tuple[RawSheet, dict[str, int]] | None = None
        self.unit_names: dict[str, str] = {}
        # The workbook covers the rubric's units of one role (About sheet, "Unit role"; a
        # workbook without that row covers the assessed units).
        self.role = Role.ASSESSED
        self.unit_ids = self._units_of(self.role)
        self.folded_indicators = {i.casefold(): i for i in rubric.indicator_by_id}

    def _units_of(self, role: Role) -> set[str]:
        return {u.id for u in self.rubric.units if u.role is role}

    # -- helpers --

    def add(
        self, code: str, message: str, *, sheet: str = "", cell: str = "", path: str = ""
    ) -> None:
        loc = Location(file=self.file, sheet=sheet, cell=cell, path=path)
        self.problems.append(Problem(code, message, loc))

    def period_text(self) -> str | None:
        found = self.expected or self.found_period
        return found.text if found else None

    # -- workbook --

    def run(self, book: RawWorkbook) -> None:
        names = book.sheet_names
        if not any(book.sheet_has_content(n) for n in names):
            self.add(
                "empty-workbook",
                "the workbook is empty; start from the template made by `readiness template`",
            )
            return
        for required in (L.ABOUT, L.VALUES):
            if required not in names:
                self.add("missing-sheet", _missing_sheet(required, names), sheet=required)
        if L.ABOUT in names:
            self._about(self._sheet(book, L.ABOUT))
        if L.VALUES in names:
            self._values(self._sheet(book, L.VALUES))
        if L.PROVENANCE in names:
            sheet = self._sheet(book, L.PROVENANCE)
            if sheet is not None:
                from readiness.workbook.provenance import provenance_columns

                columns, found = provenance_columns(sheet, self.file)
                self.problems.extend(found)
                if columns:
                    self.provenance = (sheet, columns)

    def _sheet(self, book: RawWorkbook, name: str) -> RawSheet | None:
        try:
            return book.sheet(name)
        except OpenError as exc:
            self.add(exc.code, exc.message, sheet=exc.sheet or name, cell=exc.cell)
            return None

    # -- About --

    def _about(self, sheet: RawSheet | None) -> None:
        if sheet is None:
            return
        fields: dict[str, tuple[str, int]] = {}
        for r, line in enumerate(sheet.rows):
            label = _text(line[0]).strip().casefold() if line else ""
            if label and label not in fields:
                fields[label] = (_text(sheet.value(r, 1)).strip(), r)
        sheet_name = L.ABOUT

        period = fields.get(L.ABOUT_PERIOD.casefold())
        if period is None:
            self.add("bad-period", "the About sheet has no Period row", sheet=sheet_name, cell="A1")
        else:
            text, r = period
            cell = L.cell_ref(r, 1)
            why = period_problem(text, self.rubric.period_type)
            if why is not None:
                self.add(
                    "bad-period",
                    f"the workbook's {why}; it should say which period it is for",
                    sheet=sheet_name,
                    cell=cell,
                )
            else:
                self.found_period = parse_period(text, self.rubric.period_type)
                if self.expected is not None and text != self.expected.text:
                    self.add(
                        "wrong-period",
                        f"this workbook is for period {text}, but {self.expected.text} was "
                        "expected; fill in the template made for that period",
                        sheet=sheet_name,
                        cell=cell,
                    )

        self._unit_role(fields.get(L.ABOUT_UNIT_ROLE.casefold()))

        rubric_id = fields.get(L.ABOUT_RUBRIC_ID.casefold())
        if rubric_id is None or rubric_id[0] != self.rubric.id:
            found = rubric_id[0] if rubric_id else "no rubric id"
            cell = L.cell_ref(rubric_id[1], 1) if rubric_id else "A1"
            self.add(
                "wrong-rubric",
                f"this workbook was made for rubric {_clip(found)!r}, not {self.rubric.id!r}",
                sheet=sheet_name,
                cell=cell,
            )
        else:
            version = fields.get(L.ABOUT_RUBRIC_VERSION.casefold())
            if version is not None and version[0] != self.rubric.version:
                self.add(
                    "rubric-version-differs",
                    f"this workbook was made for rubric version {version[0]}, checked against "
                    f"version {self.rubric.version}",
                    sheet=sheet_name,
                    cell=L.cell_ref(version[1], 1),
                )

    def _unit_role(self, found: tuple[str, int] | None) -> None:
        if found is None:
            return
        text, r = found
        cell = L.cell_ref(r, 1)
        allowed = " or ".join(role.value for role in Role)
        try:
            self.role = Role(text.strip().casefold())
        except ValueError:
            self.add(
                "bad-unit-role",
                f"unit role {text!r} is not {allowed}; it says which units the workbook covers",
                sheet=L.ABOUT,
                cell=cell,
            )
            return
        self.unit_ids = self._units_of(self.role)
        if self.rubric.units and not self.unit_ids:
            self.add(
                "bad-unit-role",
                f"the workbook is for {self.role.value} units, but the rubric declares none",
                sheet=L.ABOUT,
                cell=cell,
            )

    # -- Values --

    def _values(self, sheet: RawSheet | None) -> None:
        if sheet is None:
            return
        name = L.VALUES
        if not any(v != "" for line in sheet.rows for v in line) and not sheet.formulas:
            self.add("empty-sheet", "the Values sheet is empty", sheet=name, cell="A1")
            return
        cols = self._header(sheet)
        for (r0, c0), (r1, c1) in sheet.merged:
            span = f"{L.cell_ref(r0, c0)}:{L.cell_ref(r1, c1)}"
            self.add(
                "merged-cells",
                f"cells {span} are merged; unmerge them (Home > Merge & Center) so each row "
                "has its own cells",
                sheet=name,
                cell=L.cell_ref(r0, c0),
            )
        if cols["unit"] is None or cols["indicator"] is None:
            return
        special_rows = {r for r, _ in sheet.formulas} | {r for r, _ in sheet.errors}
        odd_rows = special_rows | {r for r, _ in sheet.long_text} | {r for r, _ in sheet.percent}
        seen: dict[tuple[str, str], int] = {}
        at = self.expected or self.found_period
        fast = FastRows(
            self.rubric, self.unit_ids, cols, at.end if at is not None else self.today, self.today
        )
        rows = sheet.rows

        cap = limits.CELL_TEXT.value

        def careful(r: int) -> None:
            line = rows[r]
            if r not in special_rows and all(v == "" for v in line):
                return  # a blank row
            if sheet.rescan is not None and any(type(v) is str and len(v) >= cap for v in line):
                sheet.exact()  # text at the limit may have been cut short: measure it
            self._row(sheet, r, cols, seen)

        if not (FAST_PATH and fast.usable):
            for r in range(1, len(rows)):
                careful(r)
        else:
            c_name = cols["unit_name"]
            width = min(map(len, rows[1:])) if len(rows) > 1 else 0
            name_col = c_name if c_name is not None and c_name < width else None
            self.columns = fast.run(
                rows, odd_rows, seen, careful, self.rows, self.unit_names, name_col
            )
        self._missing_rows(seen)
        if not self.rubric.units and len(self.unit_names) > limits.UNITS.value:
            message = limits.UNITS.exceeded("the workbook", len(self.unit_names))
            self.add(limits.UNITS.code, message, sheet=name)

    def _header(self, sheet: RawSheet) -> dict[str, int | None]:
        found: dict[str, int] = {}
        header = sheet.rows[0] if sheet.rows else []
        for c, v in enumerate(header):
            key = _text(v).strip().casefold()
            if key and key not in found:
                found[key] = c
        cols: dict[str, int | None] = {}
        for k, column in enumerate(L.COLUMNS):
            where = found.get(column.header.casefold())
            cols[column.key] = where
            if where is None and not column.optional:
                there = _text(sheet.value(0, k)).strip()
                hint = f" (this cell says {_clip(there)!r})" if there else ""
                self.add(
                    "missing-column",
                    f"column {column.header!r} is missing{hint}; restore the header row "
                    "from the template",
                    sheet=L.VALUES,
                    cell=L.cell_ref(0, k),
                )
        return cols

    def _row(
        self,
        sheet: RawSheet,
        r: int,
        cols: dict[str, int | None],
        seen: dict[tuple[str, str], int],
    ) -> None:
        name = L.VALUES
        bad = False
        for key in (*L.KEY_COLUMNS, *L.INPUT_KEYS):
            c = cols[key]
            if c is not None and not self._readable(sheet, r, c):
                bad = True
        ucol, icol = cols["unit"], cols["indicator"]
        assert ucol is not None and icol is not None
        unit = _text(sheet.value(r, ucol)).strip()
        ind_id = _text(sheet.value(r, icol)).strip()
        if not unit and not ind_id:
            if not bad:
                self.add(
                    "unidentified-row",
                    "this row has content but no country code or indicator id; "
                    "move it to its country's and indicator's row or delete it",
                    sheet=name,
                    cell=L.cell_ref(r, ucol),
                )
            return
        known_unit = bool(unit) and (not self.rubric.units or unit in self.unit_ids)
        other = next((u for u in self.rubric.units if u.id == unit), None)
        if not unit:
            self.add(
                "missing-unit",
                f"the country code is empty; type one of {', '.join(sorted(self.unit_ids))}",
                sheet=name,
                cell=L.cell_ref(r, ucol),
            )
        elif not known_unit and other is not None:
            self.add(
                "unknown-unit",
                f"{unit} is a unit with role {other.role.value}, and this workbook is for "
                f"{self.role.value} units (About sheet, {L.ABOUT_UNIT_ROLE}); give its "
                f"values in a workbook for {other.role.value} units",
                sheet=name,
                cell=L.cell_ref(r, ucol),
            )
        elif not known_unit:
            self.add(
                "unknown-unit",
                unknown_code("country code", unit, self.unit_ids),
                sheet=name,
                cell=L.cell_ref(r, ucol),
            )
        indicator = self.rubric.indicator_by_id.get(ind_id)
        if indicator is None:
            what = (
                unknown_code("indicator id", ind_id, self.rubric.indicator_by_id)
                if ind_id
                else "the indicator id is empty"
            )
            self.add(
                "unknown-indicator",
                f"{what}; use the rows of the template (see the Indicators sheet)",
                sheet=name,
                cell=L.cell_ref(r, icol),
            )
        # A row whose codes differ only in case is the official's row for that country and
        # indicator: its error above says so, and no second error says the row is missing.
        if not known_unit or indicator is None:
            near_unit = {u.casefold(): u for u in self.unit_ids}.get(unit.casefold())
            near_indicator = self.folded_indicators.get(ind_id.casefold())
            if near_unit is not None and near_indicator is not None:
                seen.setdefault((near_unit, near_indicator), r)
        duplicate = False
        if known_unit and indicator is not None:
            first = seen.get((unit, ind_id))
            if first is not None:
                duplicate = True
                self.add(
                    "duplicate-row",
                    f"{unit} / {ind_id} is already on row {first + 1}; keep one of the two rows",
                    sheet=name,
                    cell=L.cell_ref(r, ucol),
                )
            else:
                seen[(unit, ind_id)] = r
        if indicator is None:
            return
        value = self._value(sheet, r, cols["value"], indicator)
        present = not math.isnan(value)
        as_of = self._as_of(sheet, r, cols["as_of"], indicator, present)
        source = self._evidence(sheet, r, cols["source"])
        url = self._evidence(sheet, r, cols["source_url"])
        note = self._evidence(sheet, r, cols["note"])
        self._absence(sheet, r, cols["value"], indicator, value, note)
        c_source = cols["source"]
        if (
            present
            and c_source is not None
            and not source.strip()
            and (r, c_source) not in (sheet.formulas.keys() | sheet.errors.keys())
        ):
            self.add(
                "missing-source",
                "a value without a source; name where it comes from",
                sheet=name,
                cell=L.cell_ref(r, c_source),
            )
        c_url = cols["source_url"]
        not_urls = [u for u in URL_SPLIT.split(url.strip()) if u and not URL.match(u)]
        if not_urls and c_url is not None:
            self.add(
                "bad-url",
                f"{_clip(not_urls[0])!r} is not a web address; it should start with https:// "
                "(separate several addresses with ;)",
                sheet=name,
                cell=L.cell_ref(r, c_url),
            )
        if known_unit and not duplicate:
            if unit not in self.unit_names:
                c_name = cols["unit_name"]
                self.unit_names[unit] = (
                    _text(sheet.value(r, c_name)).strip() if c_name is not None else ""
                ) or unit
            low, high = self._interval(sheet, r, cols, indicator, value)
            contested = self._contested(sheet, r, cols["contested"], indicator)
            self.rows.append(
                Row(unit, ind_id, value, as_of, source, url, note, low, high, contested)
            )

    def _readable(self, sheet: RawSheet, r: int, c: int) -> bool:
        """Report an Excel error or an uncalculated formula in the cell; False if there is one."""
        error = sheet.errors.get((r, c))
        if error is not None:
            hint = " (or holds a number that is not a valid date)" if error == "#VALUE!" else ""
            self.add(
                "excel-error",
                f"the cell shows the error {error}{hint}; type the value itself",
                sheet=L.VALUES,
                cell=L.cell_ref(r, c),
            )
            return False
        length = sheet.long_text.get((r, c))
        if length is not None:  # the reader would have cut it short: say so, read nothing
            self.add(
                limits.CELL_TEXT.code,
                limits.CELL_TEXT.exceeded("the cell", length),
                sheet=L.VALUES,
                cell=L.cell_ref(r, c),
            )
            return False
        if sheet.formulas.get((r, c)) is False:
            self.add(
                "formula-without-value",
                "the cell holds a formula that was never calculated; open the file in Excel, "
                "save it again, or type the value itself",
                sheet=L.VALUES,
                cell=L.cell_ref(r, c),
            )
            return False
        return True

    def _value(self, sheet: RawSheet, r: int, c: int | None, ind: Indicator) -> float:
        if c is None or not self._plain(sheet, r, c):
            return math.nan
        raw = sheet.value(r, c)
        cell = L.cell_ref(r, c)
        if is_blank(raw):
            self.add(
                "missing-value",
                "no value; the scorecard will show it as missing (if it cannot be found, say so "
                "in the evidence note)",
                sheet=L.VALUES,
                cell=cell,
            )
            return math.nan
        if is_not_found(raw):
            self.add(
                "missing-value",
                f"marked '{NOT_FOUND}'; the scorecard will show it as missing",
                sheet=L.VALUES,
                cell=cell,
            )
            return math.nan
        try:
            x = parse_value(ind, raw, percent=(r, c) in sheet.percent)
        except CellError as exc:
            hint = " (see the Levels sheet)" if exc.code == "unknown-level" else ""
            self.add(exc.code, f"{exc}{hint}", sheet=L.VALUES, cell=cell)
            return math.nan
        norm = ind.normalisation
        if (
            ind.kind is Kind.NUMERIC
            and isinstance(norm, Goalposts)
            and not norm.low <= x <= norm.high
        ):
            effect = "it will be clipped" if norm.clip else "it will score beyond 0-100"
            self.add(
                "outside-goalposts",
                f"{x:g} is outside the goalposts [{norm.low:g}, {norm.high:g}]; {effect} "
                "(check the value and its unit)",
                sheet=L.VALUES,
                cell=cell,
            )
        return x

    def _absence(
        self, sheet: RawSheet, r: int, c: int | None, ind: Indicator, value: float, note: str
    ) -> None:
        """'Not found' and 'none exists' both need their evidence in the note.

        "not found" reads as missing, and the note says what was searched; the lowest level of
        a scale is an answer (the thing does not exist) and is scored 0, so it needs evidence.
        """
        if c is None or not self._plain(sheet, r, c) or note.strip():
            return
        cell = L.cell_ref(r, c)
        if is_not_found(sheet.value(r, c)):
            self.add(
                "not-found-without-note",
                f"'{NOT_FOUND}' needs an evidence note saying what was searched and where",
                sheet=L.VALUES,
                cell=cell,
            )
        elif ind.kind is not Kind.NUMERIC and not math.isnan(value):
            lowest = ind.scale[0]
            if math.isclose(value, lowest.value):
                self.add(
                    "lowest-level-without-evidence",
                    f"{lowest.label!r} is the lowest level: an answer ('none exists') that scores "
                    "0, so the evidence note must show it; if the evidence could not be found, "
                    f"choose '{NOT_FOUND}' instead",
                    sheet=L.VALUES,
                    cell=cell,
                )

    def _plain(self, sheet: RawSheet, r: int, c: int) -> bool:
        return (
            (r, c) not in sheet.errors
            and (r, c) not in sheet.long_text
            and sheet.formulas.get((r, c)) is not False
        )

    def _as_of(self, sheet: RawSheet, r: int, c: int | None, ind: Indicator, present: bool) -> str:
        """The as-of date as ISO text ('2024', '2024-09' or '2024-09-30'), by the one date rule
        both readers follow (readiness.inputs.parse)."""
        if c is None or not self._plain(sheet, r, c):
            return ""
        raw = sheet.value(r, c)
        cell = L.cell_ref(r, c)
        if is_blank(raw):
            if present:
                self.add(
                    "missing-as-of",
                    "a value without an as-of date; give the date the value describes",
                    sheet=L.VALUES,
                    cell=cell,
                )
            return ""
        try:
            when, text = parse_as_of(raw, self.today)
        except CellError as exc:
            self.add(exc.code, str(exc), sheet=L.VALUES, cell=cell)
            return ""
        at = self.expected or self.found_period
        ref = at.end if at is not None else self.today
        max_age = self.rubric.max_age_of(ind.id)
        age = years_between(when, ref)
        if present and age > max_age:
            self.add(
                "stale-value",
                f"the value dates from {text}, {age:.1f} years before {ref.isoformat()}; "
                f"older than the {max_age:g} years allowed for this indicator, so the scorecard "
                "flags it as stale (is there a newer figure?)",
                sheet=L.VALUES,
                cell=cell,
            )
        return text

    def _interval(
        self, sheet: RawSheet, r: int, cols: dict[str, int | None], ind: Indicator, value: float
    ) -> tuple[float, float]:
        """The optional Low and High cells: both or neither, numbers around the value."""
        given: dict[str, tuple[CellValue, str, bool]] = {}
        for key in ("low", "high"):
            c = cols[key]
            if c is None or not self._plain(sheet, r, c):
                continue
            raw = sheet.value(r, c)
            if not is_blank(raw):
                given[key] = (raw, L.cell_ref(r, c), (r, c) in sheet.percent)
        if not given:
            return math.nan, math.nan
        first_cell = next(iter(given.values()))[1]
        if ind.kind is not Kind.NUMERIC:
            self.add(
                "bad-interval",
                "Low and High bound a number; this indicator has levels, so leave them empty "
                "(mark a disputed level in the Contested column instead)",
                sheet=L.VALUES,
                cell=first_cell,
            )
            return math.nan, math.nan
        bounds: dict[str, float] = {}
        for key, (raw, cell, percent) in given.items():
            try:
                bounds[key] = read_number(raw, percent=percent)
            except CellError as exc:
                self.add("bad-interval", f"{exc} (a bound)", sheet=L.VALUES, cell=cell)
        if len(bounds) < len(given):
            return math.nan, math.nan
        if len(bounds) == 1:
            missing = "High" if "low" in bounds else "Low"
            self.add(
                "bad-interval",
                f"give both Low and High, or neither; {missing} is empty",
                sheet=L.VALUES,
                cell=first_cell,
            )
            return math.nan, math.nan
        low, high = bounds["low"], bounds["high"]
        if math.isnan(value):
            self.add(
                "bad-interval",
                "Low and High are given but Value is empty; give the value they surround",
                sheet=L.VALUES,
                cell=first_cell,
            )
            return math.nan, math.nan
        if not low <= value <= high:
            self.add(
                "bad-interval",
                f"Low {low:g} and High {high:g} must surround the value {value:g} "
                "(Low <= Value <= High)",
                sheet=L.VALUES,
                cell=first_cell,
            )
            return math.nan, math.nan
        return low, high

    def _contested(self, sheet: RawSheet, r: int, c: int | None, ind: Indicator) -> bool:
        """The optional Contested cell: 'yes' marks a judged level analysts could dispute."""
        if c is None or not self._plain(sheet, r, c):
            return False
        raw = sheet.value(r, c)
        if isinstance(raw, str) and not raw.strip():
            return False
        text = _text(raw).strip().casefold()
        if text in ("no", "false"):
            return False
        cell = L.cell_ref(r, c)
        if text not in (L.CONTESTED_YES, "true"):
            self.add(
                "bad-contested",
                f"{_describe(raw)} is not an answer here; type yes, or leave the cell empty",
                sheet=L.VALUES,
                cell=cell,
            )
            return False
        if ind.kind is Kind.NUMERIC:
            self.add(
                "bad-contested",
                "Contested marks a judged level; for a number give Low and High instead",
                sheet=L.VALUES,
                cell=cell,
            )
            return False
        return True

    def _evidence(self, sheet: RawSheet, r: int, c: int | None) -> str:
        if c is None or not self._plain(sheet, r, c):
            return ""
        text = _text(sheet.value(r, c))
        if len(text) > limits.CELL_TEXT.value:
            self.add(
                limits.CELL_TEXT.code,
                limits.CELL_TEXT.exceeded("the cell", len(text)),
                sheet=L.VALUES,
                cell=L.cell_ref(r, c),
            )
            return ""
        return text

    def _missing_rows(self, seen: dict[tuple[str, str], int]) -> None:
        units = [u.id for u in self.rubric.units if u.id in self.unit_ids]
        units = units or ([] if self.rubric.units else list(self.unit_names))
        indicators = L.indicator_rows(self.rubric)
        if all(map(seen.__contains__, product(units, (i.id for _, i in indicators)))):
            return  # every row is there (the usual case), found without a Python loop
        for _, indicator in indicators:
            for unit in units:
                if (unit, indicator.id) not in seen:
                    self.add(
                        "missing-row",
                        f"the row for {unit} / {indicator.id} ({indicator.name}) is missing; "
                        "restore it from the template",
                        sheet=L.VALUES,
                        path=f"{unit}/{indicator.id}",
                    )

    # -- result --

    def values(self, path: Path) -> Values:
        import pandas as pd

        from readiness.inputs.values import Values, empty_provenance, file_sha256, make_table
        from readiness.workbook.provenance import provenance_table

        # Column by column (rows are tuples): several times faster than a frame built from
        # 50,000 row dicts.
        if self.columns is not None:
            n = len(self.columns[0])
            columns: list[Sequence[Any]] = [*self.columns, [math.nan] * n, [math.nan] * n]
            columns.append([False] * n)
        else:
            columns = list(zip(*self.rows, strict=True)) or [()] * len(Row._fields)
        rows: dict[str, list[object]] = {
            name: column if isinstance(column, list) else list(column)
            for name, column in zip(Row._fields, columns, strict=True)
        }
        if self.rubric.units:
            mine = [u for u in self.rubric.units if u.id in self.unit_ids]
            ids = [u.id for u in mine]
            names = [u.name for u in mine]
        else:
            ids, names = list(self.unit_names), list(self.unit_names.values())
        units = pd.DataFrame({"name": names}, index=pd.Index(ids, name="unit"))
        return Values(
            table=make_table(rows),
            units=units,
            period=self.period_text(),
            origin=self.file,
            sha256=file_sha256(path),
            provenance=(
                provenance_table(*self.provenance)
                if self.provenance is not None
                else empty_provenance()
            ),
        )


# -- cell text -----------------------------------------------------------------------------------

_text = cell_text
_describe = describe
_clip = clip


def _missing_sheet(required: str, names: list[str]) -> str:
    near = [n for n in names if n.strip().casefold() == required.casefold()]
    if near:
        return f"the sheet {required!r} is missing; it was renamed {near[0]!r}; rename it back"
    found = ", ".join(repr(_clip(n)) for n in names[:10]) + (", ..." if len(names) > 10 else "")
    return f"the sheet {required!r} is missing (sheets found: {found}); start from the template"
