"""Reporting periods and evidence dates: quarters, years, ages in calendar years."""

from __future__ import annotations

from datetime import date

import pytest

from readiness.period import parse_as_of, parse_period, years_between


def test_quarters_and_years() -> None:
    assert parse_period("2026-Q4") == (date(2026, 10, 1), date(2026, 12, 31))
    assert parse_period("2024-Q1") == (date(2024, 1, 1), date(2024, 3, 31))
    assert parse_period("2026", "year") == (date(2026, 1, 1), date(2026, 12, 31))
    for bad, kind in (("2026-Q5", "quarter"), ("２０２６-Q4", "quarter"), ("26", "year")):
        with pytest.raises(ValueError):
            parse_period(bad, kind)


def test_as_of_text_means_its_latest_day() -> None:
    assert parse_as_of("2024") == date(2024, 12, 31)
    assert parse_as_of("2023-02") == date(2023, 2, 28)
    assert parse_as_of("2024-02-30") is None
    assert parse_as_of("13.11.2025") is None  # the readers turn this into ISO first


@pytest.mark.parametrize(
    ("earlier", "later", "years"),
    [
        (date(2023, 12, 31), date(2026, 12, 31), 3.0),
        (date(2024, 2, 29), date(2025, 2, 28), 1.0),
        (date(2026, 1, 1), date(2026, 7, 2), 182 / 365),
        (date(2026, 12, 31), date(2023, 12, 31), -3.0),
    ],
)
def test_ages_in_calendar_years(earlier: date, later: date, years: float) -> None:
    assert years_between(earlier, later) == pytest.approx(years)
