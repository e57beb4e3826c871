"""The workbook's period, checked against the rubric's period type."""

from __future__ import annotations

from datetime import date

import pytest

from readiness.problems import ReadinessError
from readiness.workbook.period import parse_period, period_problem


def test_a_quarter_and_a_year() -> None:
    assert parse_period(" 2026-Q4 ", "quarter").end == date(2026, 12, 31)
    assert str(parse_period("2026", "year")) == "2026"
    assert period_problem("2026-Q4", "quarter") is None
    assert period_problem("2026-Q5", "quarter") == "period '2026-Q5' is not a quarter like 2026-Q4"


def test_a_malformed_period_is_a_located_user_error_naming_no_flag() -> None:
    with pytest.raises(ReadinessError) as err:
        parse_period("Q4 2026", "quarter")
    [problem] = err.value.problems
    assert problem.key() == ("period", "bad-period")
    assert "--" not in problem.message


def test_a_long_typed_period_is_clipped_in_the_message() -> None:
    why = period_problem("x" * 500, "quarter")
    assert why is not None and len(why) < 100
