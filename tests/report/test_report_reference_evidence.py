"""The provenance appendix is readable: each place's records claim only the countries they name
(the [14] collision), hashes print whole, what was read is one compact line (the reference
jurisdictions' evidence rows are tested in test_report_context_reference.py)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from report_support import pdf_text

from readiness.engine.result import Result
from readiness.report.context import ReportSet
from readiness.report.context.data_appendix import summarise


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
