"""The one cell parser: numbers, percentages, levels and dates read exactly or refused."""

from __future__ import annotations

import math
from datetime import date, datetime

import pytest

from readiness.inputs.parse import (
    CellError,
    clip,
    number_from_text,
    parse_as_of,
    parse_level,
    parse_value,
    read_number,
    unknown_code,
)
from readiness.rubric.model import Indicator

TODAY = date(2026, 11, 15)
NUMERIC = Indicator.model_validate(
    {"id": "n", "name": "N", "parent": "p", "limits": {"min": 0, "max": 100}}
)
LEVELS = Indicator.model_validate(
    {
        "id": "c",
        "name": "C",
        "parent": "p",
        "kind": "categorical",
        "levels": [
            {"value": 0, "label": "none", "definition": "None."},
            {"value": 1, "label": "Draft", "definition": "A draft."},
            {"value": 2, "label": "law", "definition": "A law."},
        ],
    }
)
YES_NO = Indicator.model_validate({"id": "y", "name": "Y", "parent": "p", "kind": "yes_no"})


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("12.5", 12.5),
        ("3,7", 3.7),  # a decimal comma
        ("0,125", 0.125),  # a leading zero never groups thousands
        ("1234,567", 1234.567),  # four digits before the comma: not a thousands group
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("1 234 567", 1234567.0),
        ("1\u00a0234,5", 1234.5),  # a no-break space groups thousands (Russian Excel)
        ("1\u202f234", 1234.0),
        ("1.234.567", 1234567.0),
        ("1,234,567", 1234567.0),
        ("36.79 %", 36.79),  # the percentage as written
        ("-2,5", -2.5),
        ("\u22122.5", -2.5),  # the minus sign
        ("+7", 7.0),
        (".5", 0.5),
        ("1e3", 1000.0),
        ("1.234", 1.234),  # a point alone is the decimal mark
    ],
)
def test_numbers_written_as_text(text: str, number: float) -> None:
    assert number_from_text(text) == number


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("1,234", "ambiguous-number"),
        ("999,000", "ambiguous-number"),
        ("12 kg", "not-a-number"),
        ("about 5", "not-a-number"),
        ("nan", "not-a-number"),
        ("inf", "not-a-number"),
        ("1_000", "not-a-number"),  # Python's own float() would accept it
        ("１２", "not-a-number"),  # full-width digits, which float() also accepts
        ("1.2.3", "not-a-number"),
        ("12 34", "not-a-number"),  # a space that does not group thousands
        ("1.234,5,6", "not-a-number"),
        ("%", "not-a-number"),
        ("", "not-a-number"),
    ],
)
def test_text_that_is_not_one_number(text: str, code: str) -> None:
    with pytest.raises(CellError) as err:
        number_from_text(text)
    assert err.value.code == code


def test_read_number_scales_percentage_cells_without_binary_noise() -> None:
    assert read_number(0.3679, percent=True) == 36.79  # 0.3679 * 100 is 36.790000000000006
    assert read_number(0.3679) == 0.3679
    assert read_number(1, percent=True) == 100.0
    with pytest.raises(CellError, match="too large"):
        read_number(1e301)
    with pytest.raises(CellError) as err:
        read_number(True)
    assert err.value.code == "not-a-number"


def test_values_of_each_kind() -> None:
    assert math.isnan(parse_value(NUMERIC, "  "))
    assert math.isnan(parse_value(NUMERIC, "Not  Found"))  # missing, never 0
    assert parse_value(NUMERIC, "45,5") == 45.5
    with pytest.raises(CellError) as err:
        parse_value(NUMERIC, "101")
    assert (err.value.code, str(err.value)) == (
        "out-of-limits",
        "101 is outside the allowed range 0 to 100",
    )
    assert parse_level(LEVELS, "DRAFT") == 1.0
    assert parse_level(LEVELS, 2) == 2.0
    assert parse_level(LEVELS, "2") == 2.0
    assert parse_level(YES_NO, "Y") == 1.0 and parse_level(YES_NO, False) == 0.0
    for cell in (True, "3", "statute", datetime(2024, 1, 1)):
        with pytest.raises(CellError) as err:
            parse_level(LEVELS, cell)
        assert err.value.code == "unknown-level"


@pytest.mark.parametrize(
    ("cell", "when", "text"),
    [
        ("2024", date(2024, 12, 31), "2024"),
        ("2024-09", date(2024, 9, 30), "2024-09"),
        ("2024-02", date(2024, 2, 29), "2024-02"),
        ("2024-09-30", date(2024, 9, 30), "2024-09-30"),
        ("13.11.2025", date(2025, 11, 13), "2025-11-13"),
        ("5.1.2025", date(2025, 1, 5), "2025-01-05"),
        (2023, date(2023, 12, 31), "2023"),  # a year typed as a number
        (2023.0, date(2023, 12, 31), "2023"),
        (date(2020, 1, 2), date(2020, 1, 2), "2020-01-02"),
        (datetime(2020, 1, 2, 15, 30), date(2020, 1, 2), "2020-01-02"),
    ],
)
def test_as_of_dates(cell: object, when: date, text: str) -> None:
    assert parse_as_of(cell, TODAY) == (when, text)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("05/11/2025", "ambiguous-date"),
        ("13/11/2025", "ambiguous-date"),  # one reading, still refused: slashes are ambiguous
        ("13.11.25", "bad-date"),
        ("31.02.2024", "bad-date"),
        ("2024-13", "bad-date"),
        ("banana", "bad-date"),
        ("1900", "bad-date"),
        (45000, "bad-date"),  # a serial number typed into a General cell
        (date(1905, 7, 16), "bad-date"),  # 2024 typed into a date cell
        ("2026-11-16", "future-date"),
        (True, "bad-date"),
    ],
)
def test_as_of_dates_refused(cell: object, code: str) -> None:
    with pytest.raises(CellError) as err:
        parse_as_of(cell, TODAY)  # type: ignore[arg-type]
    assert err.value.code == code


def test_ambiguous_dates_name_both_readings() -> None:
    with pytest.raises(CellError) as err:
        parse_as_of("05/11/2025", TODAY)
    assert "could be 11 May 2025 or 5 November 2025" in str(err.value)
    assert "2025-05-11 or 2025-11-05" in str(err.value)


def test_messages_quote_what_was_typed_clipped() -> None:
    assert clip("x" * 100) == "x" * 57 + "..."
    assert unknown_code("unit", "kaz", {"KAZ", "UZB"}).endswith("did you mean 'KAZ'?")
    assert unknown_code("unit", "XYZ", {"KAZ", "UZB"}).endswith("expected one of KAZ, UZB")
    with pytest.raises(CellError) as err:
        number_from_text("y" * 500)
    assert len(str(err.value)) < 200
