"""Every hostile CSV through `score`: exit status, a message naming the file, the line and
column and the code, no traceback, nothing written, the file unchanged, bounded."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import RUBRIC, Case
from csvs import CASES
from harness import assert_clean, assert_located, fingerprint, run_cli, tree


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES])
def test_hostile_csv(case: Case, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    path = case.build(folder)
    before = fingerprint([path, RUBRIC])
    out = tmp_path / "out"

    score = run_cli(["score", "--rubric", RUBRIC, "--inputs", path, "-o", out], tmp_path)
    assert_clean(score, status=case.status)
    if case.status:
        assert_located(score, path, case.codes, case.where)
        assert tree(out) == []
    else:
        assert "scores.csv" in tree(out)
    assert fingerprint([path, RUBRIC]) == before
