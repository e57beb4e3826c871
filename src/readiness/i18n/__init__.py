"""The languages readiness speaks to people in. Identity (codes, ids, level values, result
columns) never changes with the language; only what a person reads is translated. English is the
default, and with no language given every output is what it always was."""

from __future__ import annotations

from typing import Literal, get_args

Language = Literal["en", "ru"]
LANGUAGES: tuple[Language, ...] = get_args(Language)
DEFAULT_LANGUAGE: Language = "en"
NAMES: dict[Language, str] = {"en": "English", "ru": "Русский"}


def parse_language(text: str) -> Language:
    """A language code ("en", "ru"; case and spaces ignored); raises ReadinessError for others."""
    code = text.strip().lower()
    if code not in LANGUAGES:
        from readiness.problems import fail

        fail(
            "language-unknown",
            f"unknown language {text!r}; readiness speaks {', '.join(LANGUAGES)}",
        )
    return code
