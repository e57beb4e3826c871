"""The workbook's texts in each language (readiness.i18n.workbook)."""

from __future__ import annotations

import re
import string
from dataclasses import fields
from datetime import date

from readiness.i18n import LANGUAGES
from readiness.i18n.workbook import EN, RU, TEXTS, workbook_text

CYRILLIC = re.compile("[А-Яа-я]")


def _texts(text: object) -> list[str]:
    out: list[str] = []
    for f in fields(text):  # type: ignore[arg-type]
        if f.name in ("language", "months", "chars_per_width"):
            continue
        value = getattr(text, f.name)
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            out += list(value.values())
        elif f.name == "sections":
            for heading, paragraphs in value:
                out += [heading, *paragraphs]
        else:
            out += list(value)
    return out


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_language_has_its_texts_with_the_same_keys_and_fields() -> None:
    assert set(TEXTS) == set(LANGUAGES)
    for lang in LANGUAGES:
        text = workbook_text(lang)
        assert text.language == lang
        assert text.sheets.keys() == EN.sheets.keys()
        assert text.headers.keys() == EN.headers.keys()
        assert text.about.keys() == EN.about.keys()
        assert len(text.indicators_headers) == len(EN.indicators_headers)
        assert len(text.levels_headers) == len(EN.levels_headers)
        assert len(text.sections) == len(EN.sections)
        for mine, english in zip(_texts(text), _texts(EN), strict=True):
            assert _fields(mine) == _fields(english), mine


def test_russian_texts_are_russian_and_english_ones_are_not() -> None:
    for value in _texts(RU):
        assert CYRILLIC.search(value), value
    for value in _texts(EN):
        assert not CYRILLIC.search(value), value


def test_names_are_distinct_between_languages_where_they_differ() -> None:
    """A reader tells the languages apart by sheet name: no Russian sheet is named like an
    English one, and sheet names fit Excel's 31 characters."""
    assert not set(RU.sheets.values()) & set(EN.sheets.values())
    assert all(len(name) <= 31 for t in TEXTS.values() for name in t.sheets.values())


def test_a_period_end_in_words() -> None:
    assert EN.end_date(date(2027, 3, 31)) == "31 March 2027"
    assert RU.end_date(date(2027, 3, 31)) == "31 марта 2027 г."
    assert RU.end_date(date(2026, 12, 31)) == "31 декабря 2026 г."


def test_russian_texts_write_e_not_yo() -> None:
    """The Russian an official or analyst reads writes «е», never «ё», as official texts of the
    region do: the workbook's texts, the problems' meanings and actions, the rubric's text."""
    from pathlib import Path

    from readiness.problems.russian import RUSSIAN

    rubric_text = Path(__file__).resolve().parents[2] / "rubrics" / "c5-critical-minerals.ru.yaml"
    texts = {
        "readiness.i18n.workbook.RU": _texts(RU) + list(RU.months),
        "readiness.problems.russian": [t for pair in RUSSIAN.values() for t in pair],
        rubric_text.name: rubric_text.read_text(encoding="utf-8").splitlines(),
    }
    found = {where: [t for t in lines if re.search("[ёЁ]", t)] for where, lines in texts.items()}
    assert all(texts.values())
    assert not any(found.values()), {where: hits for where, hits in found.items() if hits}
