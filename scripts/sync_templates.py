#!/usr/bin/env python3
"""Copy the report templates (templates/) into the package (src/readiness/_templates/).

templates/ is the copy people edit; the package copy is what an installed wheel uses. A test
(tests/report/test_report_templates.py) fails while the two differ.

    python scripts/sync_templates.py          # copy
    python scripts/sync_templates.py --check  # exit 1 and list differences, copy nothing
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "templates"
TARGET = ROOT / "src" / "readiness" / "_templates"


def files(folder: Path) -> dict[str, bytes]:
    if not folder.is_dir():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def differences(source: Path = SOURCE, target: Path = TARGET) -> list[str]:
    want, have = files(source), files(target)
    out = [f"missing from {target.name}: {n}" for n in sorted(set(want) - set(have))]
    out += [f"extra in {target.name}: {n}" for n in sorted(set(have) - set(want))]
    out += [f"differs: {n}" for n in sorted(set(want) & set(have)) if want[n] != have[n]]
    return out


def sync(source: Path = SOURCE, target: Path = TARGET) -> None:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))


def main(argv: list[str]) -> int:
    if "--check" in argv:
        diff = differences()
        for line in diff:
            print(line, file=sys.stderr)
        return 1 if diff else 0
    sync()
    print(f"copied {SOURCE} -> {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
