"""Test hygiene: the tests mirror src/readiness/, and a test that needs ../shared (or a tool the
set-up installs) fails under CI instead of skipping."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "readiness"
TESTS = ROOT / "tests"

# Modules whose tests live under another name (other helpers' work in progress, issue 7.7).
# The list may only shrink: a module listed here that gains its mirrored test module fails the
# test below until it is taken off, and a new module without a test module fails at once.
NOT_YET_MIRRORED: frozenset[str] = frozenset()


def _test_modules_for(module: Path) -> list[Path]:
    """Where the tests of `module` may live: `tests/<package path>/test_<name>*.py`, also
    prefixed with the package names (`tests/workbook/test_workbook_raw.py`), or one level up."""
    rel = module.relative_to(SRC).with_suffix("")
    stem = rel.name.lstrip("_")
    packages = rel.parts[:-1]
    folders = [TESTS.joinpath(*packages[:k]) for k in range(len(packages), -1, -1)]
    names = [stem, "_".join((*packages, stem))] + [
        "_".join((*packages[k:], stem)) for k in range(1, len(packages))
    ]
    return [p for f in folders for n in set(names) for p in sorted(f.glob(f"test_{n}*.py"))]


def _unmirrored() -> set[str]:
    missing = set()
    for module in sorted(SRC.rglob("*.py")):
        if module.name in ("__init__.py", "__main__.py"):
            continue
        if not _test_modules_for(module):
            missing.add(module.relative_to(SRC).as_posix())
    return missing


def test_tests_mirror_the_source() -> None:
    missing = _unmirrored()
    new = sorted(missing - NOT_YET_MIRRORED)
    assert not new, f"source modules with no test module (tests mirror src/readiness/): {new}"
    stale = sorted(NOT_YET_MIRRORED - missing)
    assert not stale, f"these have test modules now: take them off NOT_YET_MIRRORED: {stale}"


def test_every_test_needing_shared_goes_through_needs() -> None:
    """A test that reads ../shared skips only through tests/needs.py, which fails under CI."""
    pattern = re.compile(r"""/\s*["']shared["']|["']\.\./shared""")  # a path to ../shared
    offenders = []
    for path in sorted(TESTS.rglob("*.py")):
        if path.name in ("needs.py", "test_hygiene.py"):
            continue
        text = path.read_text(encoding="utf-8")
        code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
        if pattern.search(code) and "from needs import" not in text:
            offenders.append(str(path.relative_to(ROOT)))
    assert not offenders, offenders


_NEEDY = """
from needs import need

def test_needs_a_missing_thing():
    need(False, "the thing is missing")
"""


def _run_needy(tmp_path: Path, ci: str | None) -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_needy.py").write_text(_NEEDY)
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci is not None:
        env["CI"] = ci
    env["PYTHONPATH"] = str(TESTS)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_missing_need_skips_locally_and_fails_under_ci(tmp_path: Path) -> None:
    local = _run_needy(tmp_path, None)
    assert local.returncode == 0 and "1 skipped" in local.stdout, local.stdout
    ci = _run_needy(tmp_path, "true")
    assert ci.returncode == 1 and "1 failed" in ci.stdout, ci.stdout
    assert "CI=true" in ci.stdout
