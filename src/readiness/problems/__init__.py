"""Problems and the user-error contract: registered codes, located problems, one exception root.

Every user-facing failure is a `Problem` with a code from `REGISTRY` (code, severity, category,
meaning, what to do). Library code raises them with `fail()` (one problem) or `fail_all()` /
`raise_if_errors()` (a list gathered first, so one run reports everything), all as
`ReadinessError`, the only user-error exception: exit 1, no traceback.
"""

from readiness.problems.model import (
    TERMINAL_LIMIT,
    Location,
    Problem,
    ReadinessError,
    capped_lines,
    errors,
    fail,
    fail_all,
    raise_if_errors,
)
from readiness.problems.registry import REGISTRY, Category, Code, Severity, UnknownCode, lookup

__all__ = [
    "REGISTRY",
    "TERMINAL_LIMIT",
    "Category",
    "Code",
    "Location",
    "Problem",
    "ReadinessError",
    "Severity",
    "UnknownCode",
    "capped_lines",
    "errors",
    "fail",
    "fail_all",
    "lookup",
    "raise_if_errors",
]
