"""Check an officials' workbook against the rubric and turn it into `Values`.

Every problem is collected (never the first only), each with a stable code and the cell an
official can fix. Nothing the official typed is altered: text is trimmed only to match codes and
level labels; source, URL and note are kept exactly as typed.

The parts: the About sheet (`workbook.about`), the Values rows read in one go where every check
would pass (`workbook.rows`) or checked cell by cell (`workbook.value_cells`), and the outcome
(`workbook.outcome`: the report, and the problems as a table or JSON, re-exported here).
"""

from __future__ import annotations

import gc
import math
import os
from collections.abc import Mapping, Sequence
from datetime import date
from itertools import product
from pathlib import Path
from typing import TYPE_CHECKING, Any

from readiness import limits
from readiness.i18n import Language
from readiness.i18n.workbook import TEXTS, workbook_text
from readiness.inputs.parse import cell_text, clip, describe, unknown_code
from readiness.problems import Location, Problem
from readiness.rubric.model import Role, Rubric
from readiness.workbook import layout as L
from readiness.workbook.about import About
from readiness.workbook.levels import LevelAliases, folded_aliases, merge_aliases
from readiness.workbook.outcome import WorkbookReport, problems_json, problems_table
from readiness.workbook.period import Period, parse_period
from readiness.workbook.raw import OpenError, RawSheet, RawWorkbook, open_workbook
from readiness.workbook.rows import URL, URL_SPLIT, FastRows, Row
from readiness.workbook.value_cells import CellChecks

if TYPE_CHECKING:
    from readiness.inputs.values import Values

__all__ = ["FAST_PATH", "WorkbookReport", "problems_json", "problems_table", "validate_workbook"]

# The fast path (rows a check would pass, read in one go); off only to compare the two paths.
FAST_PATH = True


def validate_workbook(
    path: str | os.PathLike[str],
    rubric: Rubric,
    *,
    period: str | None = None,
    today: date | None = None,
    with_values: bool = True,
    level_aliases: Mapping[Language, LevelAliases] | None = None,
) -> WorkbookReport:
    """Check a workbook; never raises for anything in the file (only for a malformed `period`).

    The workbook may be in any language the template writes (sheet names, headers and About
    labels are recognised in each); `level_aliases` (language -> the rubric translation's
    `level_aliases()`) are the level labels read besides the rubric's own, so a level chosen
    from a Russian drop-down is the same level as its English label. Identity is the same in
    every language, so the same values give the same `Values` whatever the language.

    `period` is the period the workbook must be for (default: the one it says it is for).
    `today` bounds as-of dates (default: the system date); staleness is measured at the period
    end, or at `today` when the period is unknown. `with_values=False` skips building
    `report.values` (and importing pandas) when only the problems are wanted.
    """
    expected = parse_period(period, rubric.period_type) if period is not None else None
    checker = _Checker(str(path), rubric, expected, today or date.today(), level_aliases or {})
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


# -- the checks --------------------------------------------------------------------------------


class _Checker:
    def __init__(
        self,
        file: str,
        rubric: Rubric,
        expected: Period | None,
        today: date,
        level_aliases: Mapping[Language, LevelAliases],
    ) -> None:
        self.file = file
        self.level_aliases = level_aliases
        # Every language's labels, read in any workbook: a label typed in the other language is
        # the same level, never an error.
        self.typed_aliases = merge_aliases(*level_aliases.values())  # as the drop-down has them
        self.aliases = folded_aliases(self.typed_aliases)
        self.language: Language = "en"  # the workbook's, from its sheet names
        self.sheet_names = dict(workbook_text("en").sheets)
        self.rubric = rubric
        self.expected = expected
        self.today = today
        self.problems: list[Problem] = []
        self.rows: list[Row] = []
        # Or the rows as whole columns (Row order, as far as `note`), when the fast path read
        # every row in one go.
        self.columns: list[list[Any]] | None = None
        # The optional Provenance sheet and where its columns are, read into a table with the
        # values (the checks themselves load no pandas).
        self.provenance: tuple[RawSheet, dict[str, int]] | None = None
        self.unit_names: dict[str, str] = {}
        self.folded_indicators = {i.casefold(): i for i in rubric.indicator_by_id}
        self.about = About(rubric, expected, self.add)
        self.cells = CellChecks(rubric, today, today, self.add)

    @property
    def found_period(self) -> Period | None:
        return self.about.found_period

    @property
    def role(self) -> Role:
        """The role of the units the workbook covers (About sheet, "Unit role")."""
        return self.about.role

    @property
    def unit_ids(self) -> set[str]:
        return self.about.unit_ids

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
        where = {key: L.find_sheet(key, names) for key in ("about", "values", "provenance")}
        self.language = _language(names)
        self.sheet_names = dict(workbook_text(self.language).sheets)
        for key in ("about", "values"):
            if where[key] is None:
                required = self.sheet_names[key]
                self.add("missing-sheet", _missing_sheet(required, names), sheet=required)
        about, values, provenance = where["about"], where["values"], where["provenance"]
        if about is not None:
            self.about.sheet_name = about
            self.about.read(self._sheet(book, about))
        if values is not None:
            self.sheet_names["values"] = values
            self._values(self._sheet(book, values))
        if provenance is not None:
            sheet = self._sheet(book, provenance)
            if sheet is not None:
                from readiness.workbook.provenance import provenance_columns

                columns, found = provenance_columns(sheet, self.file, provenance)
                self.problems.extend(found)
                if columns:
                    self.provenance = (sheet, columns)

    def _sheet(self, book: RawWorkbook, name: str) -> RawSheet | None:
        try:
            return book.sheet(name)
        except OpenError as exc:
            self.add(exc.code, exc.message, sheet=exc.sheet or name, cell=exc.cell)
            return None

    # -- Values --

    def _values(self, sheet: RawSheet | None) -> None:
        if sheet is None:
            return
        name = self.sheet_names["values"]
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
        reference = at.end if at is not None else self.today
        self.cells = CellChecks(
            self.rubric,
            self.today,
            reference,
            self.add,
            sheet=name,
            aliases=self.aliases,
            labels=self._shown_labels(),
        )
        fast = FastRows(
            self.rubric, self.unit_ids, cols, reference, self.today, aliases=self.typed_aliases
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

    def _shown_labels(self) -> dict[str, list[str]]:
        """Each indicator's level labels as a workbook in another language shows them."""
        if self.language == "en":
            return {}
        out: dict[str, list[str]] = {}
        for ind, labels in self.level_aliases.get(self.language, {}).items():
            out[ind] = [label for label, _ in sorted(labels.items(), key=lambda kv: kv[1])]
        return out

    def _header(self, sheet: RawSheet) -> dict[str, int | None]:
        # A header in any language names its column.
        keys = L.header_keys()
        found: dict[str, int] = {}
        header = sheet.rows[0] if sheet.rows else []
        for c, v in enumerate(header):
            key = keys.get(_text(v).strip().casefold())
            if key is not None and key not in found:
                found[key] = c
        headers = workbook_text(self.language).headers
        cols: dict[str, int | None] = {}
        for k, column in enumerate(L.COLUMNS):
            where = found.get(column.key)
            cols[column.key] = where
            if where is None and not column.optional:
                there = _text(sheet.value(0, k)).strip()
                hint = f" (this cell says {_clip(there)!r})" if there else ""
                self.add(
                    "missing-column",
                    f"column {headers[column.key]!r} is missing{hint}; restore the header row "
                    "from the template",
                    sheet=self.sheet_names["values"],
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
        name = self.sheet_names["values"]
        bad = False
        for key in (*L.KEY_COLUMNS, *L.INPUT_KEYS):
            c = cols[key]
            if c is not None and not self.cells.readable(sheet, r, c):
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
                f"{self.role.value} units ({self.about.sheet_name} sheet, "
                f"{workbook_text(self.language).about['unit_role']}); give its "
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
        value = self.cells.value(sheet, r, cols["value"], indicator)
        present = not math.isnan(value)
        as_of = self.cells.as_of(sheet, r, cols["as_of"], indicator, present)
        source = self.cells.evidence(sheet, r, cols["source"])
        url = self.cells.evidence(sheet, r, cols["source_url"])
        note = self.cells.evidence(sheet, r, cols["note"])
        self.cells.absence(sheet, r, cols["value"], indicator, value, note)
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
            low, high = self.cells.interval(sheet, r, cols, indicator, value)
            contested = self.cells.contested(sheet, r, cols["contested"], indicator)
            self.rows.append(
                Row(unit, ind_id, value, as_of, source, url, note, low, high, contested)
            )

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
                        sheet=self.sheet_names["values"],
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


def _language(names: list[str]) -> Language:
    """The workbook's language, from the names of its sheets (English when none is another
    language's)."""
    for text in TEXTS.values():
        if text.language != "en" and set(text.sheets.values()) & set(names):
            return text.language
    return "en"


def _missing_sheet(required: str, names: list[str]) -> str:
    near = [n for n in names if n.strip().casefold() == required.casefold()]
    if near:
        return f"the sheet {required!r} is missing; it was renamed {near[0]!r}; rename it back"
    found = ", ".join(repr(_clip(n)) for n in names[:10]) + (", ..." if len(names) > 10 else "")
    return f"the sheet {required!r} is missing (sheets found: {found}); start from the template"
