"""Every hostile templates folder through `report`: exit status, a located message with its
code, no traceback, no PDF written, nothing fetched, the folder unchanged, bounded."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import RUBRIC, SHIPPED, Case
from harness import assert_clean, assert_located, fingerprint, run_cli, tree
from templates import CASES


def _params() -> list[object]:
    return [pytest.param(c, id=c.name, marks=[pytest.mark.slow] if c.slow else []) for c in CASES]


@pytest.mark.parametrize("case", _params())
def test_hostile_templates(case: Case, tmp_path: Path) -> None:
    folder = case.build(tmp_path)
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    before = fingerprint([*files, RUBRIC, SHIPPED])
    out = tmp_path / "out"
    args = ["report", "--rubric", RUBRIC, "--inputs", SHIPPED, "--templates", folder]
    run = run_cli([*args, "-o", out], tmp_path)
    assert_clean(run, status=case.status)
    assert_located(run, folder, case.codes, case.where)
    for text in case.never:
        assert text not in run.output
    assert tree(out) == []
    assert fingerprint([*files, RUBRIC, SHIPPED]) == before
