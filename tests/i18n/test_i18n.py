"""The languages readiness speaks (readiness.i18n)."""

from __future__ import annotations

import pytest

from readiness.i18n import DEFAULT_LANGUAGE, LANGUAGES, parse_language
from readiness.problems import ReadinessError


def test_english_is_the_default_and_russian_is_spoken() -> None:
    assert DEFAULT_LANGUAGE == "en"
    assert set(LANGUAGES) == {"en", "ru"}


@pytest.mark.parametrize(("text", "code"), [("en", "en"), (" RU ", "ru"), ("Ru", "ru")])
def test_a_language_code_is_read_whatever_its_case(text: str, code: str) -> None:
    assert parse_language(text) == code


@pytest.mark.parametrize("text", ["", "kk", "russian", "uz"])
def test_an_unknown_language_is_refused_with_its_code(text: str) -> None:
    with pytest.raises(ReadinessError) as caught:
        parse_language(text)
    assert caught.value.problems[0].code == "language-unknown"
    assert "en, ru" in str(caught.value)
