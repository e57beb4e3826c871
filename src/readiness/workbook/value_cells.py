"""The cells of one Values row, each checked by the reading contract (readiness.inputs.parse):
the value, its as-of date, the evidence, the optional interval and the contested mark. A cell's
problem is added where the official can fix it; the value read (or nothing) is returned."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date

from readiness import limits
from readiness.i18n.messages import Text, number_in
from readiness.i18n.workbook import READ_NO, READ_YES, TEXTS
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
)
from readiness.period import years_between
from readiness.rubric.model import Goalposts, Indicator, Kind, Rubric
from readiness.workbook import layout as L
from readiness.workbook.raw import CellValue, RawSheet

_text = cell_text
_describe = describe
_clip = clip

Add = Callable[..., None]  # add(code, message, *, sheet=..., cell=...)

# The Values sheet's name in each language -> "not found" in that language.
NOT_FOUND_IN = {t.sheets["values"]: t.not_found for t in TEXTS.values()}


class CellChecks:
    """The checks of a Values row's cells. `today` bounds as-of dates; staleness is measured
    at `reference` (the period's end, or today when the period is unknown)."""

    def __init__(
        self,
        rubric: Rubric,
        today: date,
        reference: date,
        add: Add,
        *,
        sheet: str = L.VALUES,
        aliases: dict[str, dict[str, float]] | None = None,
        labels: dict[str, list[str]] | None = None,
    ) -> None:
        self.rubric = rubric
        self.today = today
        self.reference = reference
        self.add = add
        self.sheet = sheet  # the Values sheet's name in the workbook's language
        # indicator id -> {folded label in another language -> level value}
        self.aliases = aliases or {}
        # indicator id -> its level labels as the workbook shows them (lowest first), when the
        # workbook is not in the rubric's language
        self.labels = labels or {}

    def readable(self, sheet: RawSheet, r: int, c: int) -> bool:
        """Report an Excel error or an uncalculated formula in the cell; False if there is one."""
        error = sheet.errors.get((r, c))
        if error is not None:
            which = "cell.excel-error-value" if error == "#VALUE!" else "cell.excel-error"
            self.add(
                "excel-error",
                Text.of(which, error=error),
                sheet=self.sheet,
                cell=L.cell_ref(r, c),
            )
            return False
        length = sheet.long_text.get((r, c))
        if length is not None:  # the reader would have cut it short: say so, read nothing
            self.add(
                limits.CELL_TEXT.code,
                too_long(length),
                sheet=self.sheet,
                cell=L.cell_ref(r, c),
            )
            return False
        if sheet.formulas.get((r, c)) is False:
            self.add(
                "formula-without-value",
                Text.of("cell.formula-without-value"),
                sheet=self.sheet,
                cell=L.cell_ref(r, c),
            )
            return False
        return True

    def value(self, sheet: RawSheet, r: int, c: int | None, ind: Indicator) -> float:
        if c is None or not self.plain(sheet, r, c):
            return math.nan
        raw = sheet.value(r, c)
        cell = L.cell_ref(r, c)
        if is_blank(raw):
            self.add(
                "missing-value",
                Text.of("value.missing"),
                sheet=self.sheet,
                cell=cell,
            )
            return math.nan
        if is_not_found(raw):
            self.add(
                "missing-value",
                Text.of("value.not-found", said=_said(raw)),
                sheet=self.sheet,
                cell=cell,
            )
            return math.nan
        if isinstance(raw, str) and ind.kind is not Kind.NUMERIC:
            alias = self.aliases.get(ind.id, {}).get(" ".join(raw.split()).casefold())
            if alias is not None:
                return alias  # a level's label in another language: the same level
        try:
            x = parse_value(ind, raw, percent=(r, c) in sheet.percent)
        except CellError as exc:
            message = exc.message
            if exc.code == "unknown-level":
                # The labels as the workbook shows them (a Russian workbook: the Russian ones).
                labels = tuple(self.labels.get(ind.id) or (lv.label for lv in ind.scale))
                message = Text.of("level.unknown-see-levels", cell=describe(raw), labels=labels)
            self.add(exc.code, message, sheet=self.sheet, cell=cell)
            return math.nan
        norm = ind.normalisation
        if (
            ind.kind is Kind.NUMERIC
            and isinstance(norm, Goalposts)
            and not norm.low <= x <= norm.high
        ):
            effect = Text.of("goalposts.clipped" if norm.clip else "goalposts.beyond")
            self.add(
                "outside-goalposts",
                Text.of(
                    "number.outside-goalposts",
                    value=f"{x:g}",
                    low=f"{norm.low:g}",
                    high=f"{norm.high:g}",
                    effect=effect,
                ),
                sheet=self.sheet,
                cell=cell,
            )
        return x

    def absence(
        self, sheet: RawSheet, r: int, c: int | None, ind: Indicator, value: float, note: str
    ) -> None:
        """'Not found' and 'none exists' both need their evidence in the note.

        "not found" reads as missing, and the note says what was searched; the lowest level of
        a scale is an answer (the thing does not exist) and is scored 0, so it needs evidence.
        """
        if c is None or not self.plain(sheet, r, c) or note.strip():
            return
        cell = L.cell_ref(r, c)
        typed = sheet.value(r, c)
        if is_not_found(typed):
            self.add(
                "not-found-without-note",
                Text.of("value.not-found-without-note", said=_said(typed)),
                sheet=self.sheet,
                cell=cell,
            )
        elif ind.kind is not Kind.NUMERIC and not math.isnan(value):
            lowest = ind.scale[0]
            if math.isclose(value, lowest.value):
                label = self.labels.get(ind.id, [lowest.label])[0]
                not_found = NOT_FOUND_IN.get(self.sheet, NOT_FOUND)
                self.add(
                    "lowest-level-without-evidence",
                    Text.of("level.lowest-without-evidence", label=label, not_found=not_found),
                    sheet=self.sheet,
                    cell=cell,
                )

    def plain(self, sheet: RawSheet, r: int, c: int) -> bool:
        return (
            (r, c) not in sheet.errors
            and (r, c) not in sheet.long_text
            and sheet.formulas.get((r, c)) is not False
        )

    def as_of(self, sheet: RawSheet, r: int, c: int | None, ind: Indicator, present: bool) -> str:
        """The as-of date as ISO text ('2024', '2024-09' or '2024-09-30'), by the one date rule
        both readers follow (readiness.inputs.parse)."""
        if c is None or not self.plain(sheet, r, c):
            return ""
        raw = sheet.value(r, c)
        cell = L.cell_ref(r, c)
        if is_blank(raw):
            if present:
                self.add(
                    "missing-as-of",
                    Text.of("as-of.missing"),
                    sheet=self.sheet,
                    cell=cell,
                )
            return ""
        try:
            when, text = parse_as_of(raw, self.today)
        except CellError as exc:
            self.add(exc.code, exc.message, sheet=self.sheet, cell=cell)
            return ""
        ref = self.reference
        max_age = self.rubric.max_age_of(ind.id)
        age = years_between(when, ref)
        if present and age > max_age:
            self.add(
                "stale-value",
                Text.of(
                    "as-of.stale",
                    date=text,
                    age={"en": f"{age:.1f}", "ru": number_in(f"{age:.1f}", "ru") + " года"},
                    reference=ref.isoformat(),
                    max_age={"en": f"{max_age:g}", "ru": _years_ru(max_age)},
                ),
                sheet=self.sheet,
                cell=cell,
            )
        return text

    def interval(
        self, sheet: RawSheet, r: int, cols: dict[str, int | None], ind: Indicator, value: float
    ) -> tuple[float, float]:
        """The optional Low and High cells: both or neither, numbers around the value."""
        given: dict[str, tuple[CellValue, str, bool]] = {}
        for key in ("low", "high"):
            c = cols[key]
            if c is None or not self.plain(sheet, r, c):
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
                Text.of("interval.for-levels"),
                sheet=self.sheet,
                cell=first_cell,
            )
            return math.nan, math.nan
        bounds: dict[str, float] = {}
        for key, (raw, cell, percent) in given.items():
            try:
                bounds[key] = read_number(raw, percent=percent)
            except CellError as exc:
                message = Text.of("interval.bound", problem=exc.message)
                self.add("bad-interval", message, sheet=self.sheet, cell=cell)
        if len(bounds) < len(given):
            return math.nan, math.nan
        if len(bounds) == 1:
            side = "high" if "low" in bounds else "low"
            missing = Text.of(f"interval.{side}-missing")
            self.add(
                "bad-interval",
                Text.of("interval.one-given", missing=missing),
                sheet=self.sheet,
                cell=first_cell,
            )
            return math.nan, math.nan
        low, high = bounds["low"], bounds["high"]
        if math.isnan(value):
            self.add(
                "bad-interval",
                Text.of("interval.without-value"),
                sheet=self.sheet,
                cell=first_cell,
            )
            return math.nan, math.nan
        if not low <= value <= high:
            self.add(
                "bad-interval",
                Text.of(
                    "interval.not-around", low=f"{low:g}", high=f"{high:g}", value=f"{value:g}"
                ),
                sheet=self.sheet,
                cell=first_cell,
            )
            return math.nan, math.nan
        return low, high

    def contested(self, sheet: RawSheet, r: int, c: int | None, ind: Indicator) -> bool:
        """The optional Contested cell: 'yes' marks a judged level analysts could dispute."""
        if c is None or not self.plain(sheet, r, c):
            return False
        raw = sheet.value(r, c)
        if isinstance(raw, str) and not raw.strip():
            return False
        text = _text(raw).strip().casefold()
        if text in READ_NO or text == "false":
            return False
        cell = L.cell_ref(r, c)
        if text not in READ_YES and text != "true":
            self.add(
                "bad-contested",
                Text.of("contested.not-an-answer", cell=_describe(raw)),
                sheet=self.sheet,
                cell=cell,
            )
            return False
        if ind.kind is Kind.NUMERIC:
            self.add(
                "bad-contested",
                Text.of("contested.for-number"),
                sheet=self.sheet,
                cell=cell,
            )
            return False
        return True

    def evidence(self, sheet: RawSheet, r: int, c: int | None) -> str:
        if c is None or not self.plain(sheet, r, c):
            return ""
        text = _text(sheet.value(r, c))
        if len(text) > limits.CELL_TEXT.value:
            self.add(
                limits.CELL_TEXT.code,
                too_long(len(text)),
                sheet=self.sheet,
                cell=L.cell_ref(r, c),
            )
            return ""
        return text


def _said(cell: CellValue) -> str:
    """ "not found" in the language it was typed in (lower case, spaces normalised)."""
    return " ".join(str(cell).split()).casefold()


def too_long(length: int) -> Text:
    """A cell's text over the limit (`limits.CELL_TEXT.exceeded("the cell", length)`)."""
    from readiness.problems.present import counted_ru, number_ru

    limit = limits.CELL_TEXT
    return Text.of(
        "cell.too-long",
        found={"en": limit.shown(length), "ru": counted_ru(length, "знак", "знака", "знаков")},
        limit={
            "en": limit.shown(),
            "ru": f"{number_ru(limit.value)} знаков",
        },
        name={"en": limit.name, "ru": "предел числа знаков в ячейке Excel"},
    )


def _years_ru(years: float) -> str:
    """'3 года', '5 лет', '2,5 года': a number of years as a Russian message says it."""
    from readiness.problems.present import plural_ru

    if not float(years).is_integer():
        return number_in(f"{years:g}", "ru") + " года"
    return f"{years:g} {plural_ru(int(years), 'год', 'года', 'лет')}"
