"""Problems as data: a registered code, a location a person can act on, and a message.

Every user-facing failure in readiness (bad rubric, bad values file, bad workbook, an output that
cannot be written) is a list of `Problem`s raised once as a `ReadinessError`, so one run reports
everything. `fail()` raises a single problem and never returns.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NoReturn

from readiness.problems import present
from readiness.problems.registry import Severity, lookup

if TYPE_CHECKING:
    from readiness.i18n import Language

# Problems printed on a terminal before "... and N more" (JSON output and the annotated
# workbook keep every problem).
TERMINAL_LIMIT = 50


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
    """One problem. The severity comes from the code's registry entry; an unregistered code is a
    bug in readiness and raises `UnknownCode` at once."""

    code: str
    message: str
    location: Location = field(default_factory=Location)
    severity: Severity = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "severity", lookup(self.code).severity)

    def __str__(self) -> str:
        where = str(self.location)
        text = f"{self.severity}: {self.message} [{self.code}]"
        return f"{where}: {text}" if where else text

    def key(self) -> tuple[str, str]:
        """The (location, code) pair tests assert on."""
        return (str(self.location), self.code)


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def capped_lines(
    problems: Sequence[Problem], limit: int | None = TERMINAL_LIMIT, language: Language = "en"
) -> list[str]:
    """One line per problem, at most `limit` of them, then one line counting the rest."""
    shown = problems if limit is None else problems[:limit]
    lines = [present.line(p, language) for p in shown]
    rest = len(problems) - len(shown)
    if rest and language != "en":
        lines.append(present.rest_ru(rest, len(shown), len(problems)))
    elif rest:
        lines.append(
            f"... and {rest:,} more problem{'s' * (rest != 1)} not shown "
            f"(the first {len(shown)} of {len(problems):,} are listed)"
        )
    return lines


class ReadinessError(Exception):
    """A user error: bad input, not a bug. The CLI prints `format_message()` without a
    traceback and exits with `exit_code` (1). Independent of click: the CLI catches it."""

    exit_code = 1

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = list(problems)

    def __str__(self) -> str:
        return self.message

    def format_message(self, limit: int | None = TERMINAL_LIMIT, language: Language = "en") -> str:
        """The message and its problems, one a line; at most `limit` problems (None: all).
        In Russian the summary counts errors and warnings and keeps the English message after
        it in parentheses; a message without problems has no translation and stays as it is."""
        if not self.problems:
            return self.message
        lines = capped_lines(self.problems, limit, language)
        if len(self.problems) == 1 and self.message == str(self.problems[0]):
            return lines[0]
        header = self.message
        if language != "en":
            header = f"{present.counts_ru(self.problems)} ({self.message})"
        return "\n".join([header, *(f"  {line}" for line in lines)])


def fail(code: str, message: str, location: Location | None = None) -> NoReturn:
    """Raise `ReadinessError` for one problem; never returns."""
    problem = Problem(code, message, location if location is not None else Location())
    raise ReadinessError(str(problem), [problem])


def fail_all(problems: Sequence[Problem], what: str) -> NoReturn:
    """Raise one `ReadinessError` listing `problems` under the summary `what`; never returns."""
    errs = errors(problems)
    count = len(errs) or len(problems)
    noun = "problem" if count == 1 else "problems"
    raise ReadinessError(f"{what}: {count:,} {noun}", list(problems))


def raise_if_errors(problems: Sequence[Problem], what: str) -> None:
    """Raise one `ReadinessError` listing every problem, if any of them is an error."""
    if errors(problems):
        fail_all(problems, what)
