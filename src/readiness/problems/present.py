"""How a problem reads for a person in a language: where it is, how serious, what it means and
what to do, then the detail message.

English reads as it always has (`str(problem)`: location, severity, message, code). Russian
reads: the place in words (файл «…», лист «…», ячейка G5, строка 14, путь KAZ/rule_of_law), the
severity, the registry's Russian meaning and action, then the detail message, which stays English
in this version, in parentheses, then the code. Codes, sheet names and cell references are never
translated: they are what the file and the registry actually hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from readiness.problems.registry import Severity, lookup

if TYPE_CHECKING:
    from readiness.i18n import Language
    from readiness.problems.model import Location, Problem

_SEVERITY_RU = {Severity.ERROR: "ошибка", Severity.WARNING: "предупреждение"}


def plural_ru(count: int, one: str, few: str, many: str) -> str:
    """The Russian noun form for `count`: 1 замечание, 2 замечания, 5 замечаний, 21 замечание."""
    tens, units = count % 100, count % 10
    if units == 1 and tens != 11:
        return one
    if 2 <= units <= 4 and not 12 <= tens <= 14:
        return few
    return many


def number_ru(count: int) -> str:
    """A whole number as Russian writes it: groups of three separated by a no-break space."""
    return f"{count:,}".replace(",", "\u00a0")


def counted_ru(count: int, one: str, few: str, many: str) -> str:
    return f"{number_ru(count)} {plural_ru(count, one, few, many)}"


def severity_word(severity: Severity, language: Language) -> str:
    return str(severity) if language == "en" else _SEVERITY_RU[severity]


def where_ru(location: Location, *, with_file: bool = True) -> str:
    """The location in Russian words; empty when the problem has no location."""
    parts = []
    if with_file and location.file:
        parts.append(f"файл «{location.file}»")
    if location.sheet:
        parts.append(f"лист «{location.sheet}»")
    if location.cell:
        parts.append(f"ячейка {location.cell}")
    if not (location.sheet or location.cell) and location.line is not None:
        parts.append(f"строка {location.line}")
        if location.column is not None:
            parts.append(f"позиция {location.column}")
    if location.path:
        parts.append(f"путь {location.path}")
    return ", ".join(parts)


def explained(problem: Problem, language: Language) -> str:
    """What a person reads about the problem, without its place and code: the message in
    English; in Russian the meaning and the action, then the English message in parentheses."""
    if language == "en":
        return problem.message
    entry = lookup(problem.code)
    return f"{entry.meaning_in(language)} {entry.action_in(language)} ({problem.message})"


def line(problem: Problem, language: Language) -> str:
    """One problem on one line: `str(problem)` in English."""
    if language == "en":
        return str(problem)
    where = where_ru(problem.location)
    text = f"{severity_word(problem.severity, language)}: {explained(problem, language)}"
    text += f" [{problem.code}]"
    return f"{where}: {text}" if where else text


def counts_ru(problems: Sequence[Problem]) -> str:
    """ "2 ошибки, 1 предупреждение": the errors and warnings among `problems`."""
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = len(problems) - errors
    return (
        f"{counted_ru(errors, 'ошибка', 'ошибки', 'ошибок')}, "
        f"{counted_ru(warnings, 'предупреждение', 'предупреждения', 'предупреждений')}"
    )


def rest_ru(rest: int, shown: int, total: int, *, everywhere: bool = False) -> str:
    """The line after a capped list: how many problems are not shown. `everywhere` adds where
    the complete list is (the JSON format and the annotated copy)."""
    verb = "не показано" if plural_ru(rest, "1", "2", "5") == "1" else "не показаны"
    text = (
        f"... и ещё {counted_ru(rest, 'замечание', 'замечания', 'замечаний')} {verb} "
        f"(показано {number_ru(shown)} из {number_ru(total)}"
    )
    if everywhere:
        text += "; полный список — в формате JSON и в копии книги с пометками"
    return text + ")"
