"""report.context.types: a printed URL breaks only after its separators, never inside a word."""

from __future__ import annotations

import pytest

from readiness.report.context.types import Link


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("https://a.org/x-y", ("https://", "a.org/", "x-", "y")),
        ("cop27+european+union", ("cop27+", "european+", "union")),
        ("q?a=1&b_c=2", ("q?", "a=", "1&", "b_", "c=", "2")),
        ("plain", ("plain",)),
        ("", ()),
    ],
)
def test_the_pieces_join_back_to_the_text(text: str, pieces: tuple[str, ...]) -> None:
    link = Link(text, "")
    assert link.pieces == pieces
    assert "".join(link.pieces) == text
