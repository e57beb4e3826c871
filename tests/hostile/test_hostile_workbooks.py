"""Every hostile workbook through `validate` and `score`: the exit status, a message naming the
file, the location and the code, no traceback, nothing written, the input unchanged, and the
run bounded in memory and time (the harness's caps)."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import RUBRIC, Case
from harness import assert_clean, assert_located, fingerprint, run_cli, tree
from workbooks import CASES


def _params(cases: list[Case]) -> list[object]:
    return [
        pytest.param(case, id=case.name, marks=[pytest.mark.slow] if case.slow else [])
        for case in cases
    ]


@pytest.mark.parametrize("case", _params(CASES))
def test_hostile_workbook(case: Case, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    path = case.build(inputs)
    before = fingerprint([*inputs.iterdir(), RUBRIC])
    out = tmp_path / "out"

    check = run_cli(["validate", "--rubric", RUBRIC, *case.extra, path], tmp_path)
    assert_clean(check, status=case.status)
    score = run_cli(
        ["score", "--rubric", RUBRIC, "--inputs", path, *case.extra, "-o", out], tmp_path
    )
    assert_clean(score, status=case.status)
    for text in case.never:
        assert text not in check.output + score.output
    if case.status:
        assert_located(check, path, case.codes, case.where)
        assert_located(score, path, case.codes, case.where)
        assert tree(out) == [], "a refused input wrote output"
    else:
        assert {"scores.csv", "scores.json", "scores.xlsx"} <= set(tree(out))
    assert fingerprint([*inputs.iterdir(), RUBRIC]) == before, "an input was modified"
