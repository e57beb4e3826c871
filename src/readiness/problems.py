"""Problems as data: a stable code, a severity, a location a person can act on, and a message.

Every user-facing failure in readiness (bad rubric, bad values file, bad workbook) is collected as a
list of `Problem`s first and raised once as a `ReadinessError`, so one run reports everything.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """Where a problem is: file plus sheet and cell (workbooks) or line, column, field path."""

    file: str = ""
    sheet: str = ""
    cell: str = ""
    line: int | None = None
    column: int | None = None
    path: str = ""

    def __str__(self) -> str:
        if self.sheet or self.cell:
            parts = [p for p in (self.file, self.sheet, self.cell) if p]
            text = "!".join(parts)
        else:
            text = self.file
            if self.line is not None:
                text += f":{self.line}"
                if self.column is not None:
                    text += f":{self.column}"
        if self.path:
            text = f"{text} {self.path}" if text else self.path
        return text


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    location: Location = field(default_factory=Location)
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = str(self.location)
        return (
            f"{where}: {self.severity}: {self.message} [{self.code}]"
            if where
            else (f"{self.severity}: {self.message} [{self.code}]")
        )

    def key(self) -> tuple[str, str]:
        """The (location, code) pair tests assert on."""
        return (str(self.location), self.code)


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


class ReadinessError(Exception):
    """A user error: bad input, not a bug. The CLI prints `format_message()` without a
    traceback and exits with `exit_code` (1)."""

    exit_code = 1

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        self.message = message
        self.problems = list(problems)
        super().__init__(message)

    def format_message(self) -> str:
        if not self.problems:
            return self.message
        lines = [self.message]
        lines.extend(f"  {p}" for p in self.problems)
        return "\n".join(lines)


def raise_if_errors(problems: Sequence[Problem], what: str) -> None:
    """Raise one `ReadinessError` listing every problem, if any of them is an error."""
    errs = errors(problems)
    if errs:
        noun = "problem" if len(errs) == 1 else "problems"
        raise ReadinessError(f"{what}: {len(errs)} {noun}", list(problems))
