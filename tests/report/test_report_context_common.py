"""report.context.common: the lookups every section builder shares (band slots and classes,
printed scores, ranks, evidence, raw values as shown, the inputs and bands in words)."""

from __future__ import annotations

from typing import Any

import pytest
from context_support import VALUES, small_ctx, small_result

from builders import build_rubric
from readiness import format as fmt
from readiness.report.context.common import Ctx, band_slots, short_reason


def _bands(*mins: float) -> Any:
    return build_rubric(
        {"a": {"parent": "idx"}},
        {"idx": {}},
        bands=[{"label": f"b{m:g}", "min": m} for m in mins],
    )


@pytest.mark.parametrize(
    ("mins", "slots"),
    [
        ((0,), [0]),
        ((50, 0), [0, 4]),
        ((70, 50, 0), [0, 2, 4]),
        ((80, 60, 40, 20, 0), [0, 1, 2, 3, 4]),
        ((0, 50), [4, 0]),  # best first whatever the order written
    ],
)
def test_band_slots_spread_over_five_classes(mins: tuple[float, ...], slots: list[int]) -> None:
    found = band_slots(_bands(*mins))
    assert [found[f"b{m:g}"] for m in mins] == slots


def test_lookups_on_the_small_result() -> None:
    ctx = small_ctx()
    assert (ctx.root, ctx.scored, [p.id for p in ctx.pillars]) == (
        "idx",
        ["A", "B"],
        ["law", "money"],
    )
    assert (ctx.name("A"), ctx.code("B"), ctx.item_name("a"), ctx.item_name("law")) == (
        "Alpha",
        "B",
        "Mining code",
        "Law",
    )
    assert ctx.pillar_name("d") == "Money"
    assert (ctx.rank_text("A"), ctx.rank_text("C")) == ("1 of 2", "not ranked")
    assert (ctx.band_class("High"), ctx.band_class("Low"), ctx.band_class(None)) == (
        "band-1",
        "band-5",
        "band-none",
    )
    assert ctx.band_class("not a band") == "band-none"
    assert (ctx.slot_for(55.0), ctx.slot_for(49.9)) == (0, 4)
    assert (ctx.n_reported("B"), ctx.n_pillars_scored("C")) == (3, 1)
    assert ctx.is_stale("B", "a") and not ctx.is_stale("A", "a") and not ctx.is_stale("B", "b")
    assert not ctx.has_value("B", "b") and ctx.raw("A", "c") == 4.0
    assert ctx.band_with(55.0) == "55.0 (High)" and ctx.show_change(30.0, 55.0) == "+25.0"
    assert ctx.thresholds_text() == "High from 50"
    assert ctx.footer() == "Rubric test v0 · period 2026-Q1"


def test_evidence_and_dates_as_printed() -> None:
    ctx = small_ctx()
    assert ctx.evidence_of("A", "a") == {
        "as_of": "2025",
        "source": "Source a",
        "source_url": "https://example.org",
        "note": "note A a",
    }
    assert ctx.evidence_of("B", "b") == {"as_of": "", "source": "", "source_url": "", "note": ""}
    assert ctx.as_of("A", "c") == ("2025", "data year")
    assert ctx.as_of("B", "a") == ("Jul 2019", "evidence dated")
    fdi = ctx.rubric.indicator_by_id["c"]
    assert ctx.raw_text(fdi, 4.0) == ("4", "% GDP")
    assert ctx.raw_text(fdi, float("nan")) == ("missing", "not found; not counted as 0")


def test_why_a_unit_has_no_index_in_words() -> None:
    ctx = small_ctx()
    assert ctx.index_reason("C") == "only 1 of 2 pillars can be scored and the rubric needs all 2"
    assert ctx.index_reason("A") == ""
    assert short_reason("insufficient data: no component has a value") == (
        "no component has a value"
    )
    assert short_reason("") == "too few values"


def test_inputs_and_bands_for_the_methodology() -> None:
    ctx = small_ctx()
    facts = {f.label: f.value for f in ctx.input_facts()}
    assert facts["Rubric"] == "Test rubric (test)" and facts["Period"] == "2026-Q1"
    assert facts["Input file"] == "not recorded"  # values made in memory
    rows = [(b.label, b.range, b.description, b.css) for b in ctx.band_rows()]
    assert rows == [
        ("High", "50 and above", "Ready.", "band-1"),
        ("Low", "0 to under 50", "Not yet.", "band-5"),
    ]


def test_raw_values_share_one_precision_with_the_previous_period() -> None:
    now = small_result()
    before = small_result({**VALUES, ("A", "c"): 4.25})
    ctx = Ctx(now, before, {})
    assert (
        ctx.decimals["c"] == 2 and ctx.raw_text(ctx.rubric.indicator_by_id["c"], 4.0)[0] == "4.00"
    )
    assert fmt.fixed(4.0, small_ctx().decimals["c"]) == "4"
