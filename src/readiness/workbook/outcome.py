"""The outcome of validating a workbook: every problem (and the values when there is no error),
and the problems as a terminal table or as JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from readiness.problems import TERMINAL_LIMIT, Problem, Severity, lookup, present

if TYPE_CHECKING:
    from readiness.i18n import Language
    from readiness.inputs.values import Values

ERROR = Severity.ERROR
WARNING = Severity.WARNING


@dataclass
class WorkbookReport:
    """The outcome of `validate_workbook`: every problem, and the values when there is no error."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    values: Values | None = None
    period: str | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is WARNING]

    def failed(self, strict: bool = False) -> bool:
        """True if there is an error, or (strict) any problem at all."""
        return bool(self.errors or (strict and self.warnings))

    def summary(self, language: Language = "en") -> str:
        e, w = len(self.errors), len(self.warnings)
        if language != "en":
            return f"{self.file}: {present.counts_ru(self.problems)}"
        return f"{self.file}: {e} error{'s' * (e != 1)}, {w} warning{'s' * (w != 1)}"


_HEADERS: dict[Language, tuple[str, str, str, str]] = {
    "en": ("location", "severity", "code", "message"),
    "ru": ("место", "важность", "код", "описание"),
}


def problems_table(
    problems: Sequence[Problem], limit: int | None = TERMINAL_LIMIT, language: Language = "en"
) -> str:
    """Problems as aligned text columns: location, severity, code, message. At most `limit`
    problems (None: all), then a line counting the rest: a terminal is no place for 300,000
    lines (the JSON format and the annotated copy keep every problem). In Russian the location
    is in words and the message is the meaning and action, the English detail in parentheses."""
    shown = problems if limit is None else problems[:limit]
    rows = [_HEADERS[language]]
    if language == "en":
        rows += [(str(p.location), str(p.severity), p.code, p.message) for p in shown]
    else:
        rows += [
            (
                present.where_ru(p.location),
                present.severity_word(p.severity, language),
                p.code,
                present.explained(p, language),
            )
            for p in shown
        ]
    widths = [max(len(r[k]) for r in rows) for k in range(3)]
    lines = ["  ".join(r[k].ljust(widths[k]) for k in range(3)) + "  " + r[3] for r in rows]
    rest = len(problems) - len(shown)
    if rest and language != "en":
        lines.append(present.rest_ru(rest, len(shown), len(problems), everywhere=True))
    elif rest:
        lines.append(
            f"... and {rest:,} more problem{'s' * (rest != 1)} not shown (the first "
            f"{len(shown)} of {len(problems):,}; the JSON format and the annotated copy list all)"
        )
    return "\n".join(lines)


def problems_json(report: WorkbookReport, language: Language = "en") -> str:
    """Every problem, located. Keys and values a program reads (codes, severities, locations)
    never change with the language; another language than English adds each code's `meaning`
    and `action` in it (the `message` stays English) and says which language that is."""
    items: list[dict[str, str]] = []
    for p in report.problems:
        item = {
            "location": str(p.location),
            "file": p.location.file,
            "sheet": p.location.sheet,
            "cell": p.location.cell,
            "path": p.location.path,
            "severity": str(p.severity),
            "code": p.code,
            "message": p.message,
        }
        if language != "en":
            entry = lookup(p.code)
            item["meaning"] = entry.meaning_in(language)
            item["action"] = entry.action_in(language)
        items.append(item)
    body: dict[str, object] = {
        "file": report.file,
        "period": report.period,
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "problems": items,
    }
    if language != "en":
        body = {"language": language, **body}
    return json.dumps(body, indent=2, ensure_ascii=False)
