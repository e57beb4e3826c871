"""Fixtures for the CLI tests. The workbook commands are tested on the workbook tests' small
rubric and filled workbooks, so their helpers are made importable here."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "workbook"))

import pytest
from cli_support import BAD_VALUES, GOOD_VALUES, RUBRIC
from workbook_support import make_workbook, rubric, template

__all__ = ["make_workbook", "rubric", "template"]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding r.yaml, good.csv and bad.csv, made the current directory so that the
    locations printed are the short relative names."""
    (tmp_path / "r.yaml").write_text(RUBRIC, encoding="utf-8")
    (tmp_path / "good.csv").write_text(GOOD_VALUES, encoding="utf-8")
    (tmp_path / "bad.csv").write_text(BAD_VALUES, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path
