"""Plain-text tables for the terminal."""

from __future__ import annotations

from readiness.console import table


def test_columns_align_and_right_aligned_columns_pad_left() -> None:
    text = table(["rank", "unit"], [["1", "KAZ"], ["10", "Kyrgyzstan"]], right=frozenset({0}))
    assert text.splitlines() == [
        "rank  unit",
        "----  ----------",
        "   1  KAZ",
        "  10  Kyrgyzstan",
    ]
