"""The workbook's reporting period, checked against the rubric's period type (2026-Q4 or 2026)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from readiness import period as periods
from readiness.problems import Location, fail


@dataclass(frozen=True)
class Period:
    text: str
    end: date

    def __str__(self) -> str:
        return self.text


def period_problem(text: str, period_type: str) -> str | None:
    """Why `text` is not a period of `period_type`, or None if it is one."""
    try:
        periods.parse_period(text, period_type)
    except ValueError as exc:
        return str(exc)
    return None


def parse_period(text: str, period_type: str) -> Period:
    """The period and its last day; raises `ReadinessError` (code bad-period) if malformed."""
    text = text.strip()
    try:
        _, end = periods.parse_period(text, period_type)
    except ValueError as exc:
        fail("bad-period", str(exc), Location(path="period"))
    return Period(text, end)
