"""The fast path of validation reads exactly what the careful path reads, and reports the same
problems in the same order, on whatever it is given."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from workbook_support import TODAY

from readiness.rubric import load_rubric
from readiness.rubric.model import Rubric
from readiness.workbook import validate as V
from readiness.workbook import validate_workbook

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "inputs" / "c5-critical-minerals-2026-Q4.xlsx"


def both(path: Path, rubric: Rubric, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    monkeypatch.setattr(V, "FAST_PATH", True)
    fast = validate_workbook(path, rubric, today=TODAY)
    monkeypatch.setattr(V, "FAST_PATH", False)
    careful = validate_workbook(path, rubric, today=TODAY)
    return fast, careful


def same(fast: Any, careful: Any) -> None:
    assert [(p.key(), p.message) for p in fast.problems] == [
        (p.key(), p.message) for p in careful.problems
    ]
    if careful.values is None:
        assert fast.values is None
        return
    pd.testing.assert_frame_equal(fast.values.table, careful.values.table)
    pd.testing.assert_frame_equal(fast.values.units, careful.values.units)


def test_the_shipped_workbook(monkeypatch: pytest.MonkeyPatch) -> None:
    rubric = load_rubric(ROOT / "rubrics" / "c5-critical-minerals.yaml")
    same(*both(SHIPPED, rubric, monkeypatch))


EDITS: dict[str, dict[str, Any]] = {
    "clean": {},
    "warnings": {"I2": None, "H3": "2015", "J4": "not a url", "G5": None},
    "text-numbers": {"G2": "12,5", "G3": " 45 ", "G8": "1 200"},
    "levels": {"G5": "NONE", "G6": 0, "G7": True, "G11": "Y", "G12": "maybe"},
    "dates": {"H2": datetime(2024, 1, 1), "H3": "13.11.2025", "H4": 2024, "H5": "05/11/2025"},
    "codes": {"A2": "kaz", "A3": " KAZ", "D4": "Rule_of_law", "A5": "KAZ"},
    "not-found": {"G5": "not found", "K5": None, "G6": "Not Found"},
    "blank-row-and-formula": {"A9": None, "D9": None, "G9": None, "G10": "=1+1"},
    # Rows the fast path would read, mixed with rows it hands over (read in order).
    "duplicates": {"A3": "KAZ", "A7": "KAZ", "G7": "none"},
    "duplicate-after-careful": {"A2": " KAZ", "A3": "KAZ"},
    "one-date-two-ages": {"H2": datetime(2024, 6, 30), "H8": datetime(2024, 6, 30)},
    "lowest-level": {"G5": "none", "K5": None, "G6": "none", "G12": "no", "K12": " "},
    "optional-columns": {"L2": 40, "M2": 50, "N5": "yes", "N6": "no", "L9": ""},
    "evidence-not-text": {"I3": 12, "K4": 7, "J6": 3, "J7": "https://a.org; ftp://b"},
    "units-not-text": {"A4": 1, "A6": True, "D10": 2.5, "H11": True},
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_edited_workbooks(
    edit: str,
    make_workbook: Callable[..., Path],
    rubric: Rubric,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def apply(book: Any) -> None:
        for ref, value in EDITS[edit].items():
            book["Values"][ref] = value

    same(*both(make_workbook(apply), rubric, monkeypatch))
