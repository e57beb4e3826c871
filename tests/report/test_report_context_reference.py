"""report.context.reference: the reference jurisdictions beside the countries: never ranked,
listed by band, their evidence rows with references and stale flags, a federation's state or
province named."""

from __future__ import annotations

import pytest
from context_support import REFERENCES, VALUES, small_result

from readiness.engine.result import Result
from readiness.report.context import ReportSet
from readiness.report.context.common import Ctx
from readiness.report.context.reference import (
    build_regional_note,
    build_scorecard_line,
    federation,
    points,
    reference_units,
)


def test_every_reference_value_is_shown_with_its_reference(
    shipped_report: ReportSet, shipped_result: Result
) -> None:
    regional = shipped_report.regional
    refs = set(shipped_result.rubric.reference_units)
    assert {e.code for e in regional.reference_evidence} == refs
    numbers = {r.number: r for r in regional.references}
    n_ind = len(shipped_result.rubric.indicators)
    for block in regional.reference_evidence:
        assert len(block.rows) == n_ind
        for row in block.rows:
            if row.value == "missing":
                continue
            assert row.ref in numbers, (block.code, row.name)
            assert block.code in numbers[row.ref].used_for, (block.code, row.name)
            assert row.note  # the evidence is printed


def test_reference_stale_values_are_counted_like_the_countries(
    shipped_report: ReportSet, shipped_result: Result
) -> None:
    stale = shipped_result.stale
    regional = shipped_report.regional
    counts = {u: int(stale.loc[u].sum()) for u in shipped_result.rubric.reference_units}
    assert sum(counts.values()) > 0
    (line,) = [f for f in regional.summary.fragile if f.startswith("Reference jurisdictions:")]
    for unit, n in counts.items():
        if n:
            assert f"{unit} {n}" in line
    for block in regional.reference_evidence:
        flagged = sum(r.flag == "stale" for r in block.rows)
        assert flagged == counts[block.code]
        assert (f"{flagged} values older" in block.lead) or (
            flagged == 0 and "No value older" in block.lead
        )


def test_the_federations_state_or_province_is_said(
    shipped_report: ReportSet, shipped_result: Result
) -> None:
    note = shipped_report.regional.reference.text
    places = {u: federation(shipped_report_ctx(shipped_result), u)[0] for u in ("AUS", "CAN")}
    assert places == {"AUS": "Western Australia", "CAN": "British Columbia"}
    assert "Australia is scored on Western Australia's mining rules" in note
    assert "Canada on British Columbia's" in note
    ctx = shipped_report_ctx(shipped_result)
    for unit in ("CHL", "MNG"):  # unitary states: nothing to say
        assert federation(ctx, unit) == ("", ())


def shipped_report_ctx(result: Result) -> Ctx:
    return Ctx(result, None, {})


@pytest.fixture(scope="module")
def with_references() -> Ctx:
    return Ctx(small_result({**VALUES, **REFERENCES}, references=True), None, {})


def test_references_with_a_value_are_listed_in_rubric_order(with_references: Ctx) -> None:
    assert reference_units(with_references) == ["R", "S"]  # T has no value: left out
    assert points(with_references, "idx") == (("R", 100.0), ("S", 40.0))
    assert points(with_references, "law") == (("R", 100.0), ("S", 40.0))
    assert list(with_references.ranking["unit"]) == ["A", "B", "C"]  # never ranked


def test_the_regional_note_lists_references_by_band_best_first(with_references: Ctx) -> None:
    note = build_regional_note(with_references)
    assert note.shown
    assert "never ranked among the 3 countries: Refland 100.0 (High), Sealand 40.0 (Low)." in (
        note.text
    )
    assert "Federation" not in note.text and "mining rules" not in note.text
    assert not build_regional_note(Ctx(small_result(), None, {})).shown


def test_a_scorecard_line_names_the_nearest_reference(with_references: Ctx) -> None:
    # A 55.0: S 40.0 is 15.0 below, R 100.0 is 45.0 above; B 30.0: S is 10.0 above
    a = build_scorecard_line(with_references, "A")
    assert a.text == (
        "Beside the reference jurisdictions: Alpha 55.0 (High); Refland 100.0 (High), "
        "Sealand 40.0 (Low). Nearest: Sealand, 15.0 points lower."
    )
    assert build_scorecard_line(with_references, "B").text.endswith(
        "Nearest: Sealand, 10.0 points higher."
    )
    c = build_scorecard_line(with_references, "C")
    assert c.text.startswith("Gamma has no index score; the reference jurisdictions: Refland")
    assert not build_scorecard_line(with_references, "R").shown  # a reference itself


def test_a_federation_is_read_from_the_evidence_notes() -> None:
    notes = {
        ("R", "a"): "Federation: New Wales mining act is used.",
        ("R", "c"): "NW statistics office.",
        ("R", "d"): "National figure.",
    }
    ctx = Ctx(small_result({**VALUES, **REFERENCES}, notes=notes, references=True), None, {})
    assert federation(ctx, "R") == ("New Wales", ("a", "c"))  # by name or initials
    assert federation(ctx, "S") == ("", ())
    assert "Refland is scored on New Wales's mining rules: for a federation" in (
        build_regional_note(ctx).text
    )
