"""Text exported to spreadsheets cannot become a formula."""

from __future__ import annotations

import pytest

from readiness.results.safe import inert


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd", "'+cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-2,5 kg", "'-2,5 kg"),
        ("-2.5", "-2.5"),  # a plain negative number stays a number
        ("\tx", "'\tx"),
        ("World Bank", "World Bank"),
    ],
)
def test_inert(text: str, shown: str) -> None:
    assert inert(text) == shown
