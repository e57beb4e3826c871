"""Detail messages that can be read in another language: a `Text` is a `str` (its English text,
exactly as readiness always wrote it, so every caller, test and output is unchanged) that also
carries a message id and its parameters, and renders itself in another language from the
catalogue (`readiness.i18n.catalogue`).

Parameters are what the message quotes: typed cell content, codes, numbers as shown, ISO dates
(inserted as they are, in every language), another `Text` (rendered in the same language), a
tuple of labels (a quoted list) or a mapping language -> words (a date spelled out). Quoted
evidence and cell content are never translated.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Union

from readiness.i18n import Language

Param = Union[str, "Text", tuple[str, ...], Mapping[str, str]]

_FORMATTER = string.Formatter()


class Text(str):
    """A detail message: its English text, plus the id and parameters to say it in another
    language. Make one with `Text.of(id, **params)`."""

    message_id: str
    params: Mapping[str, Param]

    def __new__(cls, english: str, message_id: str, params: Mapping[str, Param]) -> Text:
        text = super().__new__(cls, english)
        text.message_id = message_id
        text.params = dict(params)
        return text

    def __reduce__(self) -> tuple[object, ...]:
        return (Text, (str(self), self.message_id, self.params))

    @classmethod
    def of(cls, message_id: str, /, **params: Param) -> Text:
        """The message `message_id` with `params`; its text is the English rendering."""
        return cls(_render(message_id, "en", params), message_id, params)

    def in_language(self, language: Language) -> str:
        """The message in `language` (English: the text itself)."""
        if language == "en":
            return str(self)
        return _render(self.message_id, language, self.params)


def has_language(message: str, language: Language) -> bool:
    """Whether `message` can be read in `language`: English always; another language when the
    message is a `Text` whose id the catalogue translates."""
    from readiness.i18n.catalogue import CATALOGUE

    return language == "en" or (
        isinstance(message, Text) and language in CATALOGUE.get(message.message_id, {})
    )


def in_language(message: str, language: Language) -> str:
    """`message` in `language` when it can be read in it, else as it is (English)."""
    if isinstance(message, Text) and has_language(message, language):
        return message.in_language(language)
    return str(message)


def number_in(text: str, language: Language) -> str:
    """A number formatted the English way ("3.2") as `language` writes it in prose (Russian: a
    decimal comma, "3,2"). Typed cell content is never passed through this: it is quoted as
    typed."""
    return text.replace(".", ",") if language == "ru" else text


def fields(template: str) -> set[str]:
    """The names of the parameters a template uses."""
    return {name for _, name, _, _ in _FORMATTER.parse(template) if name}


def _render(message_id: str, language: Language, params: Mapping[str, Param]) -> str:
    from readiness.i18n.catalogue import CATALOGUE

    template = CATALOGUE[message_id][language]
    shown = {name: _param(value, language) for name, value in params.items()}
    return template.format(**shown)


def _param(value: Param, language: Language) -> str:
    if isinstance(value, Text):
        return value.in_language(language)
    if isinstance(value, str):
        return value if language == "en" else _printable(value)
    if isinstance(value, tuple):
        return ", ".join(_quoted(item, language) for item in value)
    return value[language]


def _quoted(text: str, language: Language) -> str:
    return repr(text) if language == "en" else f"«{_printable(text)}»"


def _printable(text: str) -> str:
    """Typed text as a one-line message quotes it: line breaks and other control characters
    shown escaped, as the English message's repr() shows them; everything else as typed."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def quote(text: str, language: Language) -> str:
    """Typed text quoted as a message in `language` quotes it."""
    return _quoted(text, language)
