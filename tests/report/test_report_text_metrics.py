"""The chart's width table is the shipped font's own: every printable ASCII advance equals the
font file's (read with fontTools), in both weights, and a text's width is the sum of its
glyphs' at the size asked."""

from __future__ import annotations

import pytest
from svg_support import measure, metrics

from readiness.report.text_metrics import BOLD, FIRST, REGULAR, UNITS_PER_EM, advance


@pytest.mark.parametrize("bold", [False, True])
def test_the_table_is_the_fonts_own(bold: bool) -> None:
    m = metrics(bold)
    assert m.units == UNITS_PER_EM
    table = BOLD if bold else REGULAR
    assert len(table) == 127 - FIRST
    assert list(table) == [m.advances[code] for code in range(FIRST, 127)]


@pytest.mark.parametrize("bold", [False, True])
def test_a_text_is_as_wide_as_its_glyphs(bold: bool) -> None:
    for text in ("68.8", "Transport routes bypassing Russia and China", "rubric 2.0.0"):
        assert advance(text, 7.5, bold=bold) == pytest.approx(measure(text, 7.5, bold))
    # a character outside the table counts as the widest glyph: never narrower than it is
    assert advance("–", 10, bold=bold) >= measure("–", 10, bold)
