"""Every change the documents print comes from one split: on the shipped 2025-Q4 (rubric 1.0.0)
-> 2026-Q4 (rubric 2.0.0) change, the scorecard's change section, the overview's ranking column
and the change-by-cause tables print the same total, rubric part and data part; the parts add
up to the total; and the rubric part is the 2025-Q4 values scored again under 2.0.0 (with the
indicators 2.0.0 added at their current values), worked out here without the attribution."""

from __future__ import annotations

import pandas as pd
import pytest
from report_support import ROOT, RUBRIC, SHIPPED

from readiness import api
from readiness import format as fmt
from readiness.engine.paths import paths_to_next_band
from readiness.engine.result import Result
from readiness.inputs.values import Values, make_table
from readiness.report import build_report_set
from readiness.report.context import ReportSet
from readiness.trend.attribution import attribute
from readiness.trend.series import Trend

EARLIER = ROOT / "inputs" / "history" / "c5-critical-minerals-2025-Q4.xlsx"


@pytest.fixture(scope="module")
def previous() -> Result:
    old = api.load_rubric(RUBRIC)
    return api.score(old, api.load_values(EARLIER, old), period="2025-Q4")


@pytest.fixture(scope="module")
def report(shipped_result: Result, previous: Result) -> ReportSet:
    found = attribute(previous, shipped_result)
    trend = Trend(("2025-Q4", "2026-Q4"), ("1.0.0", "2.0.0"), {}, found)
    return build_report_set(
        shipped_result, previous, paths=paths_to_next_band(shipped_result), trend=trend
    )


def method_state(previous: Result, now: Result) -> Result:
    """Index per unit of the 2025-Q4 values under rubric 2.0.0: indicators 2.0.0 dropped left
    out, indicators it added taken at their 2026-Q4 values."""
    old_ids = {i.id for i in previous.rubric.indicators}
    new_ids = {i.id for i in now.rubric.indicators}
    rows = []
    for unit in previous.units:
        for ind in new_ids:
            source = previous if ind in old_ids else now
            if ind in source.raw.columns and unit in source.raw.index:
                value = float(source.raw.at[unit, ind])
                if value == value:
                    rows.append({"unit": unit, "indicator": ind, "value": value})
    return api.score(now.rubric, Values(table=make_table(rows), period="2025-Q4"))


def tenths(text: str) -> int:
    return round(float(text) * 10)


def test_the_shipped_change_is_printed_alike_everywhere_and_adds_up(
    shipped_result: Result, previous: Result, report: ReportSet
) -> None:
    rescored = method_state(previous, shipped_result)
    thresholds = shipped_result.rubric.thresholds
    ranking = {r.code: r for r in report.regional.ranking}
    regional_rows = {r.name: r for r in report.regional.trend.rows}
    checked = 0
    for card in report.scorecards:
        unit = card.unit
        before = float(previous.scores.at[unit, "index"])
        after = float(shipped_result.scores.at[unit, "index"])
        row = card.change.rows[0]
        if before != before or after != after:  # no index in a period: nothing to split
            assert row.change == "" and ranking[unit].change == fmt.DASH
            continue
        checked += 1
        total = fmt.change(before, after, thresholds)
        exact_method = float(rescored.scores.at[unit, "index"]) - before
        assert (row.before, row.after, row.change) == (
            fmt.score(before, thresholds),
            fmt.score(after, thresholds),
            total,
        )
        assert tenths(row.method) + tenths(row.data) == tenths(total)
        assert abs(float(row.method) - exact_method) <= 0.1 + 1e-9
        assert (
            f"Overall index {row.before} → {row.after} ({total}) since 2025-Q4: rubric 2.0.0 "
            f"accounts for {row.method}"
        ) in card.change.lead
        # The overview's ranking column and both change-by-cause tables: the same figures.
        assert ranking[unit].change == total
        assert ranking[unit].change_method == f"rubric {row.method}"
        assert ranking[unit].change_data == f"data {row.data}"
        for cause_row in (card.trend.rows[0], regional_rows[card.name]):
            assert (cause_row.before, cause_row.after, cause_row.change) == (
                row.before,
                row.after,
                total,
            )
            assert tenths(cause_row.method or "0") == tenths(row.method)
            data = sum(
                tenths(c or "0")
                for c in (cause_row.changed, cause_row.appeared, cause_row.disappeared)
            )
            assert data == tenths(row.data)
        # Each pillar row adds up too.
        for pillar_row in card.change.rows[1:-1]:
            assert tenths(pillar_row.method) + tenths(pillar_row.data) == tenths(pillar_row.change)
    assert checked == 3  # Kazakhstan, Kyrgyzstan, Uzbekistan have an index in both periods


def test_a_band_absent_in_both_periods_is_never_changed(report: ReportSet) -> None:
    """Tajikistan and Turkmenistan have no index, so no band, in either period."""
    for card in report.scorecards:
        band = card.change.rows[-1]
        assert band.name == "Band"
        if band.before == band.after:
            assert band.change == ""
    no_band = [c for c in report.scorecards if c.change.rows[-1].before == fmt.DASH]
    assert {c.unit for c in no_band} == {"TJK", "TKM"}
    assert all(c.change.rows[-1].after == fmt.DASH for c in no_band)


def test_the_rubric_change_is_stated_and_new_indicators_are_not_new_data(
    report: ReportSet,
) -> None:
    kaz = next(c for c in report.scorecards if c.unit == "KAZ")
    assert kaz.change.show_method and kaz.change.method_head == "Rubric 2.0.0"
    assert "State participation and expropriation record" in kaz.change.rubric_note
    assert "Own Caspian port on the Middle Corridor" in kaz.change.rubric_note  # dropped
    index = kaz.trend.rows[0]
    assert index.appeared == ""  # KAZ's new indicators are the rubric's, not new data
    rules = " ".join(report.regional.methodology.rules)
    assert "An indicator new in 2.0.0 had no 2025-Q4 value because 1.0.0 did not ask it" in rules


def _rank(result: Result, unit: str) -> int | None:
    rank = result.ranks.at[unit, result.rubric.root.id]
    return None if pd.isna(rank) else int(rank)


def test_the_summary_says_what_changed_with_the_change_sections_figures(
    shipped_result: Result, previous: Result, report: ReportSet
) -> None:
    """A band or rank that moved since 2025-Q4 is in the executive summary, with the index's
    change split as the change section prints it; a unit whose band and rank held has none."""
    moved = []
    for card in report.scorecards:
        unit = card.unit
        band_then, band_now = previous.band_of(unit), shipped_result.band_of(unit)
        rank_then, rank_now = _rank(previous, unit), _rank(shipped_result, unit)
        since = card.summary.since
        if band_then == band_now and rank_then == rank_now:
            assert since == "", unit
            continue
        moved.append(unit)
        assert since.startswith("Since 2025-Q4: "), unit
        if band_then != band_now:
            assert f"{band_now} (was {band_then})" in since
        if rank_then != rank_now:
            assert rank_now is not None and rank_then is not None
            # who swapped places with it, from the two periods' ranks
            others = [u for u in previous.ranks.index if u != unit]
            pairs = {u: (_rank(shipped_result, u), _rank(previous, u)) for u in others}
            if rank_now > rank_then:
                swapped = [
                    u for u, (n, t) in pairs.items() if n and t and t > rank_then and n < rank_now
                ]
                said = "passed by"
            else:
                swapped = [
                    u for u, (n, t) in pairs.items() if n and t and t < rank_then and n > rank_now
                ]
                said = "now ahead of"
            names = ", ".join(shipped_result.unit_names[u] for u in swapped)
            assert swapped, unit
            assert f"rank {rank_now} (was {rank_then}; {said} {names})" in since, since
        row = card.change.rows[0]  # the change section's index row
        assert since.endswith(
            f"of the {row.change} change, rubric 2.0.0 accounts for {row.method} and the data "
            f"for {row.data}."
        ), since
    assert moved  # the shipped change: Kyrgyzstan passed Uzbekistan into Emerging
    uzb = next(c for c in report.scorecards if c.unit == "UZB").summary.since
    assert "(was 2; passed by Kyrgyzstan)" in uzb, uzb  # hand-checked: 42.7 now beats 39.8
    overview = report.regional.summary.since
    assert [
        u for u in ("KAZ", "KGZ", "TJK", "TKM", "UZB") if shipped_result.unit_names[u] in overview
    ] == moved
    for card in report.scorecards:
        if card.unit in moved:  # the overview says the same of each, in the same figures
            tail = card.summary.since.removeprefix("Since 2025-Q4: ").removesuffix(".")
            assert tail.replace("of the ", "of its ") in overview


def test_no_change_sentence_without_a_previous_period_or_when_nothing_moved(
    shipped_result: Result, shipped_report: ReportSet
) -> None:
    assert shipped_report.regional.summary.since == ""  # made without a history
    assert all(c.summary.since == "" for c in shipped_report.scorecards)
    # The same values a quarter earlier: no band and no rank moved.
    rubric = shipped_result.rubric
    same = api.score(rubric, api.load_values(list(SHIPPED), rubric), period="2026-Q3")
    found = attribute(same, shipped_result)
    trend = Trend(("2026-Q3", "2026-Q4"), ("2.0.0", "2.0.0"), {}, found)
    unchanged = build_report_set(
        shipped_result, same, paths=paths_to_next_band(shipped_result), trend=trend
    )
    assert unchanged.regional.summary.since == ""
    assert all(c.summary.since == "" for c in unchanged.scorecards)
