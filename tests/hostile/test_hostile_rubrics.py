"""Every hostile rubric through `rubric check` and `score`: exit status, a located message with
its code, no traceback, nothing written, the rubric unchanged, bounded in memory and time."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import SHIPPED, Case
from harness import assert_clean, assert_located, fingerprint, run_cli, tree
from rubrics import CASES


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES])
def test_hostile_rubric(case: Case, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    path = case.build(folder)
    before = fingerprint([path, SHIPPED])
    out = tmp_path / "out"

    check = run_cli(["rubric", "check", path], tmp_path)
    assert_clean(check, status=case.status)
    score = run_cli(["score", "--rubric", path, "--inputs", SHIPPED, "-o", out], tmp_path)
    assert_clean(score, status=case.status)
    for text in case.never:
        assert text not in check.output + score.output
    if case.status:
        assert_located(check, path, case.codes, case.where)
        assert_located(score, path, case.codes, case.where)
        assert tree(out) == []
    else:
        assert "scores.csv" in tree(out)
    assert fingerprint([path, SHIPPED]) == before
