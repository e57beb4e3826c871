"""Reporting periods ("2026-Q4", "2026") and evidence dates ("2024", "2024-09", "2024-09-30")."""

from __future__ import annotations

import re
from datetime import date

_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$", re.ASCII)  # ASCII: not "２０２６-Q4"
_YEAR = re.compile(r"^(\d{4})$", re.ASCII)
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$", re.ASCII)


def parse_period(text: str, period_type: str = "quarter") -> tuple[date, date]:
    """First and last day of a period; ValueError with a plain message when malformed."""
    text = text.strip()
    shown = text if len(text) <= 40 else text[:37] + "..."
    if period_type == "quarter":
        m = _QUARTER.match(text)
        if not m:
            raise ValueError(f"period {shown!r} is not a quarter like 2026-Q4")
        year, q = int(m.group(1)), int(m.group(2))
        start = date(year, 3 * q - 2, 1)
        end = date(year + (q == 4), (3 * q) % 12 + 1, 1)
        return start, date.fromordinal(end.toordinal() - 1)
    m = _YEAR.match(text)
    if not m:
        raise ValueError(f"period {shown!r} is not a year like 2026")
    year = int(m.group(1))
    return date(year, 1, 1), date(year, 12, 31)


def parse_as_of(text: str) -> date | None:
    """The latest day an as-of text can mean: '2024' -> 2024-12-31, '2024-09' -> 2024-09-30.

    The latest day is used so a month- or year-only date is never flagged stale too early.
    Returns None when the text is not such a date.
    """
    m = _DATE.match(text.strip())
    if not m:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else 12
    try:
        if m.group(3):
            return date(year, month, int(m.group(3)))
        nxt = date(year + (month == 12), month % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)
    except ValueError:
        return None


def _in_year(day: date, year: int) -> date:
    return (
        day.replace(year=year, day=28)
        if (day.month, day.day) == (2, 29)
        else day.replace(year=year)
    )


def years_between(earlier: date, later: date) -> float:
    """Age in calendar years: whole anniversaries plus the fraction of the year after the last.

    A value dated 2023-12-31 is exactly 3.0 years old on 2026-12-31, so "older than 3 years"
    means what a reader expects (a day-count over 365.25 would make it 3.0007).
    """
    if later < earlier:
        return -years_between(later, earlier)
    years = later.year - earlier.year
    last = _in_year(earlier, later.year)
    if last > later:
        years -= 1
        last = _in_year(earlier, later.year - 1)
    following = _in_year(earlier, last.year + 1)
    return years + (later - last).days / (following - last).days
