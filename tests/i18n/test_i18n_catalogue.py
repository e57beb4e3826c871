"""The catalogue of detail messages: every id in every language with the same parameters, and
every English template reproducing, byte for byte, the f-string readiness wrote before (copied
here from the code it replaced, with sample parameters)."""

from __future__ import annotations

import re

import pytest

from readiness.i18n import LANGUAGES
from readiness.i18n.catalogue import CATALOGUE
from readiness.i18n.messages import Text, fields

CYRILLIC = re.compile("[А-Яа-яЁё]")

# Sample parameters, then the old English text for them. Values chosen to exercise quoting
# (a quote inside typed text, Cyrillic) and numbers as the old code formatted them.
T = "it's «1,5» мм"
LABELS = ("Discretionary", "Partly rules-based", "Rules-based")
OLD: dict[str, tuple[dict[str, object], str]] = {
    "cell.text": ({"text": T}, f"the text {T!r}"),
    "cell.logical": ({"text": "TRUE"}, "the logical value TRUE"),
    "cell.date": ({"text": "2024-01-01"}, "the date 2024-01-01"),
    "cell.time": ({"text": "12:30:00"}, "the time 12:30:00"),
    "cell.number": ({"text": "12"}, "the number 12"),
    "number.expected": (
        {"cell": Text.of("cell.date", text="2024-01-01")},
        "the date 2024-01-01 where a number is expected; type the number alone",
    ),
    "number.not-a-number": (
        {"text": T},
        f"the text {T!r} is not a number; type the number alone, without units "
        "or words (a comma or a point for decimals)",
    ),
    "number.ambiguous": (
        {"text": "1,234", "whole": "1234", "decimal": "1.234"},
        f"{'1,234'!r} can be read as 1234 or 1.234; type it without a thousands separator: "
        "1234 or 1.234",
    ),
    "number.too-large": (
        {"value": f"{1e305:g}", "limit": f"{1e300:g}"},
        f"{1e305:g} is too large to score (over {1e300:g}); check the value and its unit",
    ),
    "number.out-of-range": (
        {"value": "150", "range": Text.of("range.between", low="0", high="100")},
        "150 is outside the allowed range 0 to 100",
    ),
    "range.between": ({"low": "-50", "high": "100"}, "-50 to 100"),
    "range.at-least": ({"low": "0"}, "at least 0"),
    "range.at-most": ({"high": "1e+06"}, "at most 1e+06"),
    "number.outside-goalposts": (
        {"value": "120", "low": "0", "high": "100", "effect": Text.of("goalposts.clipped")},
        "120 is outside the goalposts [0, 100]; it will be clipped (check the value and its unit)",
    ),
    "goalposts.clipped": ({}, "it will be clipped"),
    "goalposts.beyond": ({}, "it will score beyond 0-100"),
    "level.unknown": (
        {"cell": Text.of("cell.text", text="maybe"), "labels": LABELS},
        "the text 'maybe' is not a level of this indicator; choose one of "
        + ", ".join(repr(label) for label in LABELS),
    ),
    "level.unknown-see-levels": (
        {"cell": Text.of("cell.text", text="maybe"), "labels": LABELS},
        "the text 'maybe' is not a level of this indicator; choose one of "
        + ", ".join(repr(label) for label in LABELS)
        + " (see the Levels sheet)",
    ),
    "level.lowest-without-evidence": (
        {"label": "Discretionary", "not_found": "not found"},
        f"{'Discretionary'!r} is the lowest level: an answer ('none exists') that scores "
        "0, so the evidence note must show it; if the evidence could not be found, "
        "choose 'not found' instead",
    ),
    "value.missing": (
        {},
        "no value; the scorecard will show it as missing (if it cannot be found, say so "
        "in the evidence note)",
    ),
    "value.not-found": (
        {"said": "не найдено"},
        "marked 'не найдено'; the scorecard will show it as missing",
    ),
    "value.not-found-without-note": (
        {"said": "not found"},
        "'not found' needs an evidence note saying what was searched and where",
    ),
    "cell.excel-error": (
        {"error": "#DIV/0!"},
        "the cell shows the error #DIV/0!; type the value itself",
    ),
    "cell.excel-error-value": (
        {"error": "#VALUE!"},
        "the cell shows the error #VALUE! (or holds a number that is not a valid date); "
        "type the value itself",
    ),
    "cell.formula-without-value": (
        {},
        "the cell holds a formula that was never calculated; open the file in Excel, "
        "save it again, or type the value itself",
    ),
    "cell.too-long": (
        {
            "found": {"en": "40,000 characters", "ru": "40 000 знаков"},
            "limit": {"en": "32,767 characters", "ru": "32 767 знаков"},
            "name": {"en": "characters in a cell", "ru": "предел числа знаков в ячейке Excel"},
        },
        "the cell has 40,000 characters; the limit is 32,767 characters (characters in a cell)",
    ),
    "as-of.missing": ({}, "a value without an as-of date; give the date the value describes"),
    "as-of.implausible": (
        {"cell": Text.of("cell.text", text="1800")},
        "the text '1800' is not a plausible as-of date; enter a date like 2024-12-31",
    ),
    "as-of.implausible-year": (
        {"cell": Text.of("cell.date", text="1905-07-16")},
        "the date 1905-07-16 is not a plausible as-of date; enter a date like 2024-12-31"
        "; if you typed a year into a date cell, type a full date instead",
    ),
    "as-of.future": (
        {"date": "2099-01-01", "today": "2026-12-01"},
        "the as-of date 2099-01-01 is in the future (today is 2026-12-01)",
    ),
    "as-of.not-a-date-number": (
        {"cell": Text.of("cell.number", text="1900")},
        "the number 1900 is not a date; type the date as 2024-12-31, or a year as 2024",
    ),
    "as-of.not-a-date-other": (
        {"cell": Text.of("cell.time", text="12:30:00")},
        "the time 12:30:00 is not a date; type it as 2024-12-31",
    ),
    "as-of.not-a-date": (
        {"cell": Text.of("cell.text", text="вчера")},
        f"the text {'вчера'!r} is not a date; type it as 2024-12-31 (or 31.12.2024), a month as "
        "2024-12 or a year as 2024",
    ),
    "as-of.ambiguous": (
        {
            "text": "05/11/2025",
            "one": {"en": "11 May 2025", "ru": "11 мая 2025"},
            "other": {"en": "5 November 2025", "ru": "5 ноября 2025"},
            "one_iso": "2025-05-11",
            "other_iso": "2025-11-05",
        },
        f"{'05/11/2025'!r} could be 11 May 2025 or 5 November 2025; type "
        "the date as year-month-day (2025-05-11 or 2025-11-05)",
    ),
    "as-of.slashes": (
        {"text": "03/13/2025", "iso": "2025-03-13"},
        f"{'03/13/2025'!r}: dates with slashes are read differently in different countries; type "
        "the date as year-month-day (2025-03-13)",
    ),
    "as-of.slashes-bare": (
        {"text": "13/25/2025"},
        f"{'13/25/2025'!r}: dates with slashes are read differently in different countries; type "
        "the date as year-month-day",
    ),
    "as-of.stale": (
        {
            "date": "2019",
            "age": {"en": "7.3", "ru": "7.3 года"},
            "reference": "2027-03-31",
            "max_age": {"en": "3", "ru": "3 года"},
        },
        "the value dates from 2019, 7.3 years before 2027-03-31; "
        "older than the 3 years allowed for this indicator, so the scorecard "
        "flags it as stale (is there a newer figure?)",
    ),
    "source.missing": ({}, "a value without a source; name where it comes from"),
    "source.bad-url": (
        {"text": "www.example.org"},
        f"{'www.example.org'!r} is not a web address; it should start with https:// "
        "(separate several addresses with ;)",
    ),
    "interval.for-levels": (
        {},
        "Low and High bound a number; this indicator has levels, so leave them empty "
        "(mark a disputed level in the Contested column instead)",
    ),
    "interval.bound": (
        {"problem": Text.of("number.not-a-number", text="abc")},
        "the text 'abc' is not a number; type the number alone, without units "
        "or words (a comma or a point for decimals) (a bound)",
    ),
    "interval.one-given": (
        {"missing": Text.of("interval.high-missing")},
        "give both Low and High, or neither; High is empty",
    ),
    "interval.low-missing": ({}, "Low"),
    "interval.high-missing": ({}, "High"),
    "interval.without-value": (
        {},
        "Low and High are given but Value is empty; give the value they surround",
    ),
    "interval.not-around": (
        {"low": "3", "high": "4", "value": "2.5"},
        "Low 3 and High 4 must surround the value 2.5 (Low <= Value <= High)",
    ),
    "contested.not-an-answer": (
        {"cell": Text.of("cell.text", text="maybe")},
        "the text 'maybe' is not an answer here; type yes, or leave the cell empty",
    ),
    "contested.for-number": (
        {},
        "Contested marks a judged level; for a number give Low and High instead",
    ),
    "code.unknown": (
        {"what": Text.of("word.indicator-id"), "code": "foo"},
        f"indicator id {'foo'!r} is not in the rubric",
    ),
    "code.unknown-case": (
        {"what": Text.of("word.country-code"), "code": "kaz", "near": "KAZ"},
        f"country code {'kaz'!r} is not in the rubric; codes are case-sensitive: did you mean "
        f"{'KAZ'!r}?",
    ),
    "code.unknown-expected": (
        {"what": Text.of("word.country-code"), "code": "ZZZ", "known": "KAZ, KGZ"},
        f"country code {'ZZZ'!r} is not in the rubric; expected one of KAZ, KGZ",
    ),
    "word.country-code": ({}, "country code"),
    "word.indicator-id": ({}, "indicator id"),
    "row.unidentified": (
        {},
        "this row has content but no country code or indicator id; "
        "move it to its country's and indicator's row or delete it",
    ),
    "row.missing-unit": ({"known": "KAZ, KGZ"}, "the country code is empty; type one of KAZ, KGZ"),
    "row.unit-other-role": (
        {
            "unit": "AUS",
            "role": "reference",
            "workbook_role": "assessed",
            "about": "About",
            "field": "Unit role",
        },
        "AUS is a unit with role reference, and this workbook is for "
        "assessed units (About sheet, Unit role); give its "
        "values in a workbook for reference units",
    ),
    "row.unknown-indicator": (
        {"what": Text.of("row.indicator-empty")},
        "the indicator id is empty; use the rows of the template (see the Indicators sheet)",
    ),
    "row.indicator-empty": ({}, "the indicator id is empty"),
    "row.duplicate": (
        {"unit": "KAZ", "indicator": "rule_of_law", "first": "2"},
        "KAZ / rule_of_law is already on row 2; keep one of the two rows",
    ),
    "row.missing": (
        {"unit": "KAZ", "indicator": "rule_of_law", "name": "Rule of law (WGI)"},
        "the row for KAZ / rule_of_law (Rule of law (WGI)) is missing; "
        "restore it from the template",
    ),
    "column.missing": (
        {"header": "Source"},
        f"column {'Source'!r} is missing; restore the header row from the template",
    ),
    "column.missing-says": (
        {"header": "Source", "there": "Where from"},
        f"column {'Source'!r} is missing (this cell says {'Where from'!r}); restore the header "
        "row from the template",
    ),
    "cells.merged": (
        {"span": "B2:B3"},
        "cells B2:B3 are merged; unmerge them (Home > Merge & Center) so each row "
        "has its own cells",
    ),
    "sheet.values-empty": ({}, "the Values sheet is empty"),
    "workbook.empty": (
        {},
        "the workbook is empty; start from the template made by `readiness template`",
    ),
    "sheet.missing-renamed": (
        {"required": "Values", "found": "values "},
        f"the sheet {'Values'!r} is missing; it was renamed {'values '!r}; rename it back",
    ),
    "sheet.missing": (
        {"required": "Values", "found": ("About", "Лист1")},
        f"the sheet {'Values'!r} is missing (sheets found: {'About'!r}, {'Лист1'!r}); start "
        "from the template",
    ),
    "sheet.missing-more": (
        {"required": "Values", "found": ("About", "Лист1")},
        f"the sheet {'Values'!r} is missing (sheets found: {'About'!r}, {'Лист1'!r}, ...); "
        "start from the template",
    ),
    "about.no-period": ({}, "the About sheet has no Period row"),
    "about.wrong-period": (
        {"found": "2027-Q1", "expected": "2026-Q4"},
        "this workbook is for period 2027-Q1, but 2026-Q4 was "
        "expected; fill in the template made for that period",
    ),
    "about.wrong-rubric": (
        {"found": "other", "rubric": "c5"},
        f"this workbook was made for rubric {'other'!r}, not {'c5'!r}",
    ),
    "about.no-rubric-id": (
        {"rubric": "c5"},
        f"this workbook was made for rubric {'no rubric id'!r}, not {'c5'!r}",
    ),
    "about.rubric-version": (
        {"found": "1.0.0", "version": "2.0.0"},
        "this workbook was made for rubric version 1.0.0, checked against version 2.0.0",
    ),
    "about.bad-unit-role": (
        {"text": "everyone", "allowed": {"en": "assessed or reference", "ru": "x"}},
        f"unit role {'everyone'!r} is not assessed or reference; it says which units the "
        "workbook covers",
    ),
    "about.no-units-of-role": (
        {"role": "reference"},
        "the workbook is for reference units, but the rubric declares none",
    ),
    "file.not-found": ({}, "no such file"),
    "file.folder": ({}, "this is a folder, not an Excel workbook"),
    "file.cannot-read": (
        {"why": "[Errno 13] Permission denied"},
        "the file cannot be read: [Errno 13] Permission denied",
    ),
    "file.empty": ({}, "the file is empty (0 bytes), not a workbook"),
    "file.encrypted-remove": (
        {},
        "the workbook is protected with a password; remove the password "
        "(File > Info > Protect Workbook > Encrypt with Password, clear it) and save "
        "again as .xlsx",
    ),
    "file.encrypted": ({}, "the workbook is protected with a password"),
    "file.xls": (
        {},
        "this is an old-format Excel (.xls) or other Office file; save it as an Excel "
        "Workbook (.xlsx)",
    ),
    "file.not-a-workbook": (
        {},
        "this is not a spreadsheet workbook (.xlsx or .ods); check the file",
    ),
    "file.damaged": (
        {"why": "BadZipFile: File is not a zip file"},
        "the file is damaged or not an Excel workbook (BadZipFile: File is not a zip file)",
    ),
    "file.no-workbook-part": (
        {},
        "this is not an Excel workbook (no workbook part inside; a Word, ODS or zip "
        "file?); save it as an Excel Workbook (.xlsx)",
    ),
}


def test_every_id_has_every_language_with_the_same_parameters() -> None:
    for message_id, templates in CATALOGUE.items():
        assert set(templates) == set(LANGUAGES), message_id
        assert fields(templates["ru"]) == fields(templates["en"]), message_id


def test_russian_templates_are_russian() -> None:
    # Every Russian template has Cyrillic words, except the few that are only a parameter.
    for message_id, templates in CATALOGUE.items():
        assert CYRILLIC.search(templates["ru"]), message_id
        # «е» for «ё», as the workbook's texts and the problems' Russian write it
        assert not re.search("[ёЁ]", templates["ru"]), message_id


def test_every_id_has_its_old_english_text() -> None:
    assert set(OLD) == set(CATALOGUE)


@pytest.mark.parametrize("message_id", sorted(OLD))
def test_english_rendering_is_the_old_text(message_id: str) -> None:
    params, old = OLD[message_id]
    text = Text.of(message_id, **params)  # type: ignore[arg-type]
    assert str(text) == old
    assert text.in_language("en") == old
    assert type(text.in_language("en")) is str


@pytest.mark.parametrize("message_id", sorted(OLD))
def test_russian_rendering_keeps_typed_text_as_typed(message_id: str) -> None:
    params, _ = OLD[message_id]
    ru = Text.of(message_id, **params).in_language("ru")  # type: ignore[arg-type]
    assert CYRILLIC.search(ru)
    for name, value in params.items():
        if type(value) is str and name in fields(CATALOGUE[message_id]["ru"]):
            assert value in ru, (message_id, name)  # inserted exactly as typed, never escaped
    assert "{" not in ru and "}" not in ru
