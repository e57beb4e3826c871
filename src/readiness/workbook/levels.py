"""Level labels in every language: what the reader accepts for a level besides the rubric's own
labels, and the shape of the rubric translation the template writes with.

The translation itself (the rubric's text in Russian, `rubrics/<stem>.ru.yaml`) is
`readiness.rubric.translation`'s; the workbook needs only two things from it: the rubric with its
names and labels in the language (`apply`) and, for reading, each indicator's translated labels
with their level values (`level_aliases`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Protocol

from readiness.i18n import DEFAULT_LANGUAGE, LANGUAGES, Language
from readiness.rubric.model import Rubric

# Indicator id -> {label as typed in another language -> level value}.
LevelAliases = Mapping[str, Mapping[str, float]]


class RubricTranslation(Protocol):
    """The rubric's text in one language (`readiness.rubric.translation.Translation`)."""

    def apply(self, rubric: Rubric) -> Rubric: ...

    def level_aliases(self) -> dict[str, dict[str, float]]: ...


def folded_aliases(aliases: LevelAliases | None) -> dict[str, dict[str, float]]:
    """Indicator id -> {casefolded, space-normalised label -> level value}: how a typed label is
    matched (any case, surrounding and repeated spaces ignored)."""
    return {
        ind: {" ".join(label.split()).casefold(): value for label, value in labels.items()}
        for ind, labels in (aliases or {}).items()
    }


def merge_aliases(*found: LevelAliases) -> dict[str, dict[str, float]]:
    """The aliases of several languages together (indicator id -> label -> value)."""
    out: dict[str, dict[str, float]] = {}
    for aliases in found:
        for ind, labels in aliases.items():
            out.setdefault(ind, {}).update(labels)
    return out


def aliases_beside(
    rubric_path: str | os.PathLike[str], rubric: Rubric
) -> dict[Language, dict[str, dict[str, float]]]:
    """The level labels of every translation found beside the rubric file (language -> the
    translation's `level_aliases()`): what a reader accepts without being told the workbook's
    language. A language without a translation file adds none; a translation that does not fit
    the rubric is a located error (`readiness.rubric.translation`)."""
    from readiness.rubric.translation import translation_for, translation_path

    found: dict[Language, dict[str, dict[str, float]]] = {}
    for language in LANGUAGES:
        if language == DEFAULT_LANGUAGE or not translation_path(rubric_path, language).is_file():
            continue
        translation = translation_for(rubric_path, rubric, language)
        if translation is not None:
            found[language] = translation.level_aliases()
    return found
