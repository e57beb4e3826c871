"""What a test needs from outside the repository, and what happens when it is missing.

A test that needs `../shared` (the data, the COINr conformance case) or a tool the set-up
installs (LibreOffice) skips on a developer's machine that lacks it, but fails under CI
(`CI=true`), where a skip would hide that the test never ran. Every such test calls these.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


def need(available: bool, what: str, *, module: bool = False) -> None:
    """Skip (or, under CI, fail) the calling test, or its whole module, unless `available`."""
    if available:
        return
    if under_ci():
        pytest.fail(f"{what} (CI=true: a test may not skip there)", pytrace=False)
    pytest.skip(what, allow_module_level=module)


def shared(*parts: str, module: bool = False) -> Path:
    """The path `../shared/<parts>`, which must exist (see `need`)."""
    path = SHARED.joinpath(*parts)
    need(path.exists(), f"{path} is not beside the repository", module=module)
    return path
