"""The reference jurisdictions can be audited from the overview: their evidence rows, their
references, the federations' state or province, their stale values; and the provenance appendix
is readable: each place's records claim only the countries they name (the [14] collision), hashes
print whole, what was read is one compact line."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from report_support import pdf_text

from readiness.engine.result import Result
from readiness.report.context import ReportSet
from readiness.report.context.common import Ctx
from readiness.report.context.data_appendix import summarise
from readiness.report.context.reference import federation


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


def test_a_provenance_record_claims_only_the_countries_it_names(
    shipped_report: ReportSet, shipped_result: Result
) -> None:
    """Two records carry the source text "Web pages: eiti.org (primary)": KGZ's EITI validation
    and CAN and MNG's EITI status. Each appendix row may only list references of values from
    countries its records name."""
    regional = shipped_report.regional
    codes = [u.id for u in shipped_result.rubric.units]
    by_number = {r.number: {c for c in codes if c in r.used_for} for r in regional.references}
    for row in regional.data_appendix.rows:
        named = set(row.read.split(";")[0].split(", ")) & set(codes)
        if not named:
            continue
        for part in row.refs.split(", "):
            lo, _, hi = part.partition("–")
            for n in range(int(lo), int(hi or lo) + 1):
                assert by_number[str(n)] & named, (row.dataset, n, by_number[str(n)], named)
    eiti = [r for r in regional.data_appendix.rows if r.read.startswith("KAZ, KGZ, TJK, TKM;")]
    assert eiti and all("CAN" not in r.read and "MNG" not in r.read for r in eiti)


def test_what_was_read_is_one_compact_line() -> None:
    fields = [
        "code=KAZ; year=2023; indicator=cc; columns a, b | code=KGZ; year=2023; indicator=cc; "
        "columns a, b",
        "code=AUS; year=2023; indicator=rl; columns a, b",
    ]
    assert summarise(fields, ["KAZ", "KGZ", "AUS"]) == (
        "KAZ, KGZ, AUS; year 2023; indicator: cc, rl; columns a, b"
    )
    assert summarise(["edition=2018; iso3_added=TKM | edition=2023; iso3_added=KAZ"], []) == (
        "KAZ, TKM; years 2018, 2023"
    )


def test_the_appendix_prints_each_hash_whole_and_says_what_a_mirror_is(
    shipped: Path, shipped_report: ReportSet
) -> None:
    text = pdf_text(shipped / "regional-overview.pdf")
    rows = shipped_report.regional.data_appendix.rows
    mirrors = [r for r in rows if r.repository]
    assert len(mirrors) >= 3
    for row in mirrors:
        assert len(row.commit) == 40
        assert row.commit in text  # not split over lines
        assert f"commit {row.commit[:7]}" in text
        assert row.kind.startswith("A copy of the publisher's own data file")
    assert "Rows and fields read" not in text
    for row in rows:  # each country once per row, never "code=KAZ; ... | code=KGZ; ..."
        assert "code=" not in row.read and "iso3=" not in row.read


def test_coverage_dates_and_the_age_limit_explain_each_stale_flag(
    shipped_report: ReportSet, shipped_result: Result
) -> None:
    """A current "2023" (a WGI data year) beside a stale "Jul 2023" (a cadastre page) must be
    told apart: cells print the month when the source gives one, the row prints its limit, and
    the caption says staleness is against that limit at the period's end."""
    regional = shipped_report.regional
    rubric = shipped_result.rubric
    note = regional.coverage_note
    assert "age limit" in note and "31 Dec 2026" in note
    units = list(shipped_result.assessed_units)
    rows = [r for r in regional.coverage if not r.group]
    assert len(rows) == len(rubric.indicators)
    ordered = [i for p in rubric.pillars for i in rubric.indicators_of(p.id)]
    for row, ind in zip(rows, ordered, strict=True):
        assert row.limit == f"{rubric.max_age_of(ind.id):g} y"
        for unit, cell in zip(units, row.cells, strict=True):
            flag = shipped_result.stale.at[unit, ind.id]
            stale = False if flag is pd.NA else bool(flag)
            assert cell.text.endswith(" stale") == stale, (unit, ind.id, cell.text)
            as_of = str(shipped_result.evidence.at[(unit, ind.id), "as_of"])
            if len(as_of) > 4 and cell.text not in ("missing", "no date"):
                assert not cell.text[:4].isdigit(), (unit, ind.id, cell.text)  # "Jul 2023"
    texts = {c.text for r in rows for c in r.cells}
    assert "2023" in texts and "Jul 2023 stale" in texts
