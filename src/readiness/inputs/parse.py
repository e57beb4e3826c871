"""The one cell parser both readers use (CSV and workbooks): a cell is read exactly, or refused
with a code and a message saying what to type instead.

Rules (the README's "Reading values" section states them for officials):
- Numbers: a number cell is read as stored; a text cell holding a number is read like a typed
  one. A point or a comma is the decimal mark when it is the only separator ("3.7", "3,7",
  "0,125"); with both, the last one is the decimal mark and the other groups thousands
  ("1.234,5", "1,234.5"); spaces, no-break spaces and repeated points or commas group thousands
  when every group has three digits ("1 234 567", "1.234.567"). "1,234" is refused as
  ambiguous (1234 or 1.234). A trailing % is dropped: "36.79 %" is 36.79, the percentage as
  written. Anything else (units, words, "nan", "1e999") is not a number.
- A workbook cell formatted as a percentage is read as the percentage it shows: 36.79 % (stored
  as 0.3679) is 36.79 (the readers pass `percent=True`).
- As-of dates: a date cell; a year (2024, as text or as a whole number), a month (2024-09) or a
  day (2024-09-30); or a day written the Russian, Kazakh and Uzbek way, day first with points
  (13.11.2025, 5.1.2025). Dates with slashes (05/11/2025) are refused as ambiguous (5 November
  or 11 May). A year or month means its last day, so it is never flagged stale too early.
- Levels: a level's label in any case, or its number; yes/no also as yes/no, y/n, true/false,
  1/0 (a workbook's TRUE/FALSE is a yes/no answer only).
- "not found" (or "не найдено": a workbook in Russian offers it), typed in place of a value,
  reads as missing (never 0). A yes/no level in Russian is read from the rubric's translation
  (its level labels), like any translated level.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from readiness.i18n.workbook import READ_NOT_FOUND
from readiness.rubric.model import Indicator, Kind

# Larger raw values overflow the arithmetic (x * 100, x - y) to inf or NaN: refuse them.
MAX_MAGNITUDE = 1e300

# As-of dates before this are refused: almost surely a year typed into a date cell (Excel reads
# 2024 as day 2024 of its calendar, 1905-07-16). The template's date rule agrees.
OLDEST_AS_OF = date(1950, 1, 1)
LATEST_AS_OF = date(2099, 12, 31)

Cell = str | float | int | bool | date | datetime | time | timedelta | None

# Typed in place of a value: the evidence could not be found. It reads as missing (never 0),
# unlike an indicator's lowest level, which is an answer ("none exists") and is scored.
NOT_FOUND = "not found"

_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}

_SPACES = "\u00a0\u202f\u2009 "  # no-break, narrow no-break, thin and plain spaces
_MINUS = "-\u2212"  # hyphen-minus and the minus sign
_PLAIN = re.compile(r"^(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,3})?$", re.ASCII)
_DECIMAL_COMMA = re.compile(r"^\d+,\d+$", re.ASCII)
_AMBIGUOUS_COMMA = re.compile(r"^[1-9]\d{0,2},\d{3}$", re.ASCII)
_GROUPED = {sep: re.compile(rf"^\d{{1,3}}(?:{re.escape(sep)}\d{{3}})+$", re.ASCII) for sep in ".,"}
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$", re.ASCII)
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$", re.ASCII)
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2,4})$", re.ASCII)


class CellError(ValueError):
    """A cell that cannot be a value for its indicator; `code` is the stable problem code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


# -- text --------------------------------------------------------------------------------------


def clip(text: str, limit: int = 60) -> str:
    """Text as quoted back in a message: at most `limit` characters."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def cell_text(value: Cell) -> str:
    """A cell as text, as typed: numbers without a spurious '.0', dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def describe(value: Cell) -> str:
    """A cell as a message names it: 'the text ...', 'the number 12', 'the date 2024-01-01'."""
    if isinstance(value, str):
        return f"the text {clip(value)!r}"
    if isinstance(value, bool):
        return f"the logical value {cell_text(value)}"
    if isinstance(value, datetime | date):
        return f"the date {cell_text(value)}"
    if isinstance(value, time | timedelta):
        return f"the time {cell_text(value)}"
    return f"the number {cell_text(value)}"


def unknown_code(what: str, code: str, known: Collection[str]) -> str:
    """'unit 'kaz' is not in the rubric; codes are case-sensitive: did you mean 'KAZ'? ...'"""
    text = f"{what} {clip(code)!r} is not in the rubric"
    near = [k for k in known if k.casefold() == code.strip().casefold()]
    if near:
        return f"{text}; codes are case-sensitive: did you mean {near[0]!r}?"
    if len(known) <= 30:
        return f"{text}; expected one of {', '.join(sorted(known))}"
    return text


def is_not_found(cell: object) -> bool:
    """Whether a cell says "not found", in any language the workbook speaks (any case,
    surrounding spaces ignored)."""
    return isinstance(cell, str) and " ".join(cell.split()).casefold() in READ_NOT_FOUND


def is_blank(value: Cell) -> bool:
    return (
        value is None
        or (isinstance(value, str) and not value.strip())
        or (isinstance(value, float) and math.isnan(value))
    )


# -- numbers -----------------------------------------------------------------------------------


def read_number(value: Cell, *, percent: bool = False) -> float:
    """The number in a cell, exactly as the official sees it; `CellError` says why not.

    `percent`: the workbook cell is formatted as a percentage, so 0.3679 shows as 36.79 % and
    is read as 36.79 (scaled in decimal, so no binary rounding is added).
    """
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise CellError(
            "not-a-number",
            f"{describe(value)} where a number is expected; type the number alone",
        )
    if isinstance(value, str):
        number = number_from_text(value)
    else:
        number = float(value)
        if percent and math.isfinite(number):
            number = float(Decimal(repr(number)) * 100)
    if not math.isfinite(number) or abs(number) > MAX_MAGNITUDE:
        raise CellError("out-of-limits", too_large(number))
    return number


def number_from_text(text: str) -> float:
    """A number typed as text, by the rules in this module's docstring."""
    s = text.strip().strip(_SPACES)
    sign = 1.0
    if s[:1] in _MINUS or s[:1] == "+":
        sign = -1.0 if s[:1] in _MINUS else 1.0
        s = s[1:].lstrip(_SPACES)
    if s.endswith("%"):
        s = s[:-1].rstrip(_SPACES)
    for space in _SPACES:  # "1 234 567,5": spaces group thousands, nothing else
        if space in s:
            whole, _, fraction = s.partition("," if "," in s else ".")
            if not re.fullmatch(rf"\d{{1,3}}(?:{re.escape(space)}\d{{3}})+", whole, re.ASCII):
                raise _not_a_number(text)
            s = whole.replace(space, "") + ("." + fraction if fraction else "")
    try:
        return sign * _unsigned(s, text)
    except CellError:
        raise
    except (ValueError, InvalidOperation):
        raise _not_a_number(text) from None


def _unsigned(s: str, text: str) -> float:
    if _PLAIN.match(s):
        return float(s)
    if "." in s and "," in s:
        decimal_mark = "." if s.rfind(".") > s.rfind(",") else ","
        group = "," if decimal_mark == "." else "."
        whole, _, fraction = s.rpartition(decimal_mark)
        if not fraction.isdigit() or not _GROUPED[group].match(whole):
            raise _not_a_number(text)
        return float(whole.replace(group, "") + "." + fraction)
    if "," in s:
        if _AMBIGUOUS_COMMA.match(s):
            whole, _, fraction = s.partition(",")
            raise CellError(
                "ambiguous-number",
                f"{clip(text)!r} can be read as {whole}{fraction} or {whole}.{fraction}; type "
                f"it without a thousands separator: {whole}{fraction} or {whole}.{fraction}",
            )
        if _DECIMAL_COMMA.match(s):
            return float(s.replace(",", "."))
        if _GROUPED[","].match(s):
            return float(s.replace(",", ""))
    if _GROUPED["."].match(s):
        return float(s.replace(".", ""))
    raise _not_a_number(text)


def _not_a_number(text: str) -> CellError:
    return CellError(
        "not-a-number",
        f"the text {clip(text)!r} is not a number; type the number alone, without units "
        "or words (a comma or a point for decimals)",
    )


def too_large(value: float) -> str:
    return f"{value:g} is too large to score (over {MAX_MAGNITUDE:g}); check the value and its unit"


def check_limits(indicator: Indicator, value: float) -> None:
    """Refuse a numeric value outside the indicator's hard limits."""
    limits = indicator.limits
    if limits is not None and (
        (limits.min is not None and value < limits.min)
        or (limits.max is not None and value > limits.max)
    ):
        raise CellError(
            "out-of-limits",
            f"{value:g} is outside the allowed range {allowed_range(limits.min, limits.max)}",
        )


def allowed_range(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"{low:g} to {high:g}"
    return f"at least {low:g}" if low is not None else f"at most {high:g}"


# -- values of indicators ------------------------------------------------------------------------


def parse_value(indicator: Indicator, cell: Cell, *, percent: bool = False) -> float:
    """Raw value of `cell` for `indicator`; NaN when the cell is empty or says "not found"
    (missing, never 0).

    Numeric: a number (`read_number`), within the indicator's hard limits. Categorical: a
    level's label (any case) or its number. Yes/no: yes/no, y/n, true/false or 1/0.
    """
    if is_blank(cell) or is_not_found(cell):
        return math.nan
    if indicator.kind is Kind.NUMERIC:
        value = read_number(cell, percent=percent)
        check_limits(indicator, value)
        return value
    return parse_level(indicator, cell)


def parse_level(indicator: Indicator, cell: Cell) -> float:
    """A categorical or yes/no indicator's level number for `cell`."""
    if isinstance(cell, bool):
        # TRUE/FALSE is a yes/no answer, never a level of a categorical scale.
        if indicator.kind is Kind.YES_NO:
            return float(cell)
        raise _unknown_level(indicator, cell)
    if isinstance(cell, str):
        text = cell.strip()
        folded = text.casefold()
        if indicator.kind is Kind.YES_NO:
            if folded in _YES:
                return 1.0
            if folded in _NO:
                return 0.0
        for level in indicator.scale:
            if level.label.strip().casefold() == folded:
                return level.value
        try:
            number: float | None = number_from_text(text)
        except CellError:
            number = None
    elif isinstance(cell, int | float):
        number = float(cell)
    else:
        number = None
    if number is not None and indicator.level_for(number) is not None:
        return number
    raise _unknown_level(indicator, cell)


def _unknown_level(indicator: Indicator, cell: Cell) -> CellError:
    labels = ", ".join(repr(lv.label) for lv in indicator.scale)
    return CellError(
        "unknown-level",
        f"{describe(cell)} is not a level of this indicator; choose one of {labels}",
    )


# -- as-of dates -------------------------------------------------------------------------------


def parse_as_of(cell: Cell, today: date) -> tuple[date, str]:
    """The date an as-of cell means (the latest day of a year or month) and its text for the
    values table (ISO: '2024', '2024-09' or '2024-09-30'). `CellError` (bad-date,
    ambiguous-date, future-date) says why not."""
    when, text = _as_of(cell)
    if when < OLDEST_AS_OF or when > LATEST_AS_OF:
        hint = (
            "; if you typed a year into a date cell, type a full date instead"
            if isinstance(cell, date | datetime)
            else ""
        )
        raise CellError(
            "bad-date",
            f"{describe(cell)} is not a plausible as-of date; enter a date like 2024-12-31" + hint,
        )
    if when > today:
        raise CellError(
            "future-date",
            f"the as-of date {text} is in the future (today is {today.isoformat()})",
        )
    return when, text


def _as_of(cell: Cell) -> tuple[date, str]:
    if isinstance(cell, datetime):
        return cell.date(), cell.date().isoformat()
    if isinstance(cell, date):
        return cell, cell.isoformat()
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        year = float(cell)
        if year.is_integer() and OLDEST_AS_OF.year <= year <= LATEST_AS_OF.year:
            return date(int(year), 12, 31), str(int(year))  # a year typed as a number
        raise CellError(
            "bad-date",
            f"{describe(cell)} is not a date; type the date as 2024-12-31, or a year as 2024",
        )
    if not isinstance(cell, str):
        raise CellError("bad-date", f"{describe(cell)} is not a date; type it as 2024-12-31")
    text = cell.strip()
    m = _ISO.match(text)
    if m:
        when = _iso_date(m)
        if when is not None:
            return when, text
    m = _DOTTED.match(text)
    if m:
        day, month, year = (int(g) for g in m.groups())
        when = _day(year, month, day)
        if when is not None:
            return when, when.isoformat()
    m = _SLASHED.match(text)
    if m:
        a, b, year = (int(g) for g in m.groups())
        readings = sorted(
            {d for d in (_day(year, b, a), _day(year, a, b)) if d is not None and year > 999}
        )
        if len(readings) == 2:
            one, other = readings
            raise CellError(
                "ambiguous-date",
                f"{text!r} could be {_spelled(one)} or {_spelled(other)}; type "
                f"the date as year-month-day ({one.isoformat()} or {other.isoformat()})",
            )
        suggestion = f" ({readings[0].isoformat()})" if readings else ""
        raise CellError(
            "ambiguous-date",
            f"{text!r}: dates with slashes are read differently in different countries; type "
            f"the date as year-month-day{suggestion}",
        )
    raise CellError(
        "bad-date",
        f"{describe(cell)} is not a date; type it as 2024-12-31 (or 31.12.2024), a month as "
        "2024-12 or a year as 2024",
    )


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _spelled(day: date) -> str:
    """'5 November 2025', in English whatever the process's locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _iso_date(m: re.Match[str]) -> date | None:
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else 12
    if m.group(3):
        return _day(year, month, int(m.group(3)))
    if not 1 <= month <= 12:
        return None
    following = date(year + (month == 12), month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
