"""The shipped workbooks are exactly what scripts/build_inputs.py makes from ../shared/data.

So every value in inputs/ is traceable to the compiled sources, and nothing was typed by hand.
The notes cite publishers, never the project's files, and every level reading ends with its
reasoning. These tests need ../shared/data: they skip without it, and fail under CI=true.
"""

from __future__ import annotations

import csv
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from needs import shared
from readiness import api
from readiness.inputs.values import Values
from readiness.rubric.model import Kind, Role, Rubric

ROOT = Path(__file__).resolve().parents[1]
DATA = shared("data", module=True)


def _build_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_inputs", ROOT / "scripts" / "build_inputs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_inputs"] = module
    spec.loader.exec_module(module)
    return module


BUILD = _build_module()
V1 = api.load_rubric(ROOT / "rubrics" / "archive" / "c5-critical-minerals-1.0.0.yaml")
V2 = api.load_rubric(ROOT / "rubrics" / "c5-critical-minerals.yaml")
WORKBOOKS = [(p, Role.ASSESSED) for p in BUILD.PERIODS] + [
    (p, Role.REFERENCE) for p in BUILD.REFERENCE_PERIODS
]


def _rubric(period: str) -> Rubric:
    return V2 if period == BUILD.CURRENT else V1


def _shipped(period: str, role: Role) -> Values:
    return api.load_values(BUILD.workbook_path(ROOT / "inputs", period, role), _rubric(period))


def _rebuilt(period: str, role: Role) -> Values:
    if role is Role.REFERENCE:
        return BUILD.reference_values(DATA, period)
    return BUILD.period_values(DATA, period)


def _csv(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _ids(item: tuple[str, Role]) -> str:
    return f"{item[0]}-{item[1].value}"


@pytest.mark.parametrize("item", WORKBOOKS, ids=_ids)
def test_workbook_equals_a_rebuild_from_shared_data(item: tuple[str, Role]) -> None:
    period, role = item
    shipped, rebuilt = _shipped(period, role), _rebuilt(period, role)
    key = ["unit", "indicator"]
    shipped_t = shipped.table.sort_values(key).reset_index(drop=True)
    rebuilt_t = rebuilt.table.sort_values(key).reset_index(drop=True)
    # Every row the build made is in the workbook (a not-found row too, with its note).
    present = shipped_t.merge(rebuilt_t[key], on=key)
    assert present[key].equals(rebuilt_t[key])
    np.testing.assert_allclose(present["value"], rebuilt_t["value"], rtol=1e-12)
    for column in ("low", "high"):
        np.testing.assert_allclose(present[column], rebuilt_t[column], rtol=1e-12)
    for column in ("as_of", "source", "source_url", "note", "contested"):
        assert list(present[column]) == list(rebuilt_t[column]), column
    # The workbook's other rows are empty: nothing in it that the build did not make.
    rows = shipped_t.merge(rebuilt_t[key], on=key, how="left", indicator=True)
    others = rows[rows["_merge"] == "left_only"]
    assert others["value"].isna().all()
    assert (others[["as_of", "source", "source_url", "note"]] == "").all().all()
    assert shipped.provenance.equals(rebuilt.provenance)


@pytest.mark.parametrize("item", WORKBOOKS, ids=_ids)
def test_workbooks_name_their_rubric_version_and_units(item: tuple[str, Role]) -> None:
    period, role = item
    import openpyxl

    book = openpyxl.load_workbook(BUILD.workbook_path(ROOT / "inputs", period, role))
    about = {row[0].value: row[1].value for row in book["About"].iter_rows()}
    assert about["Rubric version"] == ("2.0.0" if period == BUILD.CURRENT else "1.0.0")
    assert about["Unit role"] == role.value
    units = {row[0].value for row in book["Values"].iter_rows(min_row=2)}
    expected = {u.id for u in _rubric(period).units if u.role is role}
    assert units == expected


def test_every_current_value_carries_its_evidence() -> None:
    for role in (Role.ASSESSED, Role.REFERENCE):
        table = _shipped(BUILD.CURRENT, role).table
        present = table[table["value"].notna()]
        n_units = sum(u.role is role for u in V2.units)
        assert len(present) >= 0.8 * n_units * len(V2.indicators)
        assert (present["note"].str.len() > 0).all()
        assert (present["source"].str.len() > 0).all()
        no_url = present[present["source_url"] == ""]
        # A value without a public URL says why, in its Source.
        assert no_url["source"].str.startswith("No public URL:").all(), list(no_url["unit"])


def test_sources_and_notes_cite_publishers_not_project_files() -> None:
    """Issue #11: no repository name, commit hash, .csv file name or field tag in Source or
    note; the lineage is in the Provenance sheet instead."""
    forbidden = re.compile(
        r"\b[0-9a-f]{7,40}\b|\.csv\b|\.xlsx\b|\[[a-z_]+\]|timothym4r|DiogoRibeiro7|LAMXO|"
        r"wgidataset|qualitative_evidence|state_participation_c5|PROVENANCE",
    )
    for period, role in WORKBOOKS:
        values = _shipped(period, role)
        for row in values.table.itertuples(index=False):
            for text in (row.source, row.note):
                found = forbidden.search(text)
                assert found is None, (period, row.unit, row.indicator, found.group(0))
        # ... and every cited value's Source resolves to its provenance.
        cited = set(values.table.loc[values.table["value"].notna(), "source"])
        assert cited <= set(values.provenance["source"]), (
            period,
            cited - set(values.provenance["source"]),
        )
        wgi = values.provenance[values.provenance["file"].str.startswith("wgi_")]
        assert set(wgi["commit"]) == {"8569d44918f4a7281194414839f48e69f95c3126"}


def test_every_level_reading_ends_in_its_reasoning() -> None:
    """A level's note ends with 'Reading: ...', which names the level chosen; a contested
    reading says what the other reading would be."""
    for period, role in WORKBOOKS:
        rubric = _rubric(period)
        table = _shipped(period, role).table
        for row in table[table["value"].notna()].itertuples(index=False):
            indicator = rubric.indicator_by_id[row.indicator]
            if indicator.kind is Kind.NUMERIC and not row.note.count(" Reading: "):
                continue  # a published number: its note quotes the data, no judgement
            evidence, sep, reading = row.note.rpartition(" Reading: ")
            where = (period, row.unit, row.indicator)
            assert sep and evidence.strip(), where
            if indicator.kind is not Kind.NUMERIC:
                level = indicator.level_for(row.value)
                assert level is not None, where
                assert f" Level {level.value:g}: {level.label}." in reading, where
            assert ("Contested: " in reading) == bool(row.contested), where


def test_not_found_stays_missing_not_zero() -> None:
    """PROVENANCE: no EITI result for Uzbekistan, nothing on Turkmenistan's geological data."""
    values = _shipped(BUILD.CURRENT, Role.ASSESSED)
    matrix = values.matrix([i.id for i in V2.indicators], [u.id for u in V2.units])
    assert np.isnan(matrix.at["UZB", "extractives_transparency"])
    assert matrix.loc["TKM", ["geodata_portal", "online_cadastre", "reporting_code"]].isna().all()
    # Not a member: the lowest level, a real value, scored 0 ...
    assert matrix.at["TKM", "extractives_transparency"] == 0
    # ... and "none exists" read from evidence of absence: no common-law venue.
    assert matrix.at["TJK", "finance_centre"] == 0 and matrix.at["TKM", "finance_centre"] == 0
    notes = values.table.set_index(["unit", "indicator"])["note"]
    assert notes[("TKM", "geodata_portal")].startswith("Not found: ")
    result = api.score(V2, values)
    assert np.isnan(result.normalised.at["TKM", "geodata_portal"])
    assert result.normalised.at["TKM", "extractives_transparency"] == 0.0


def test_wgi_low_and_high_are_the_published_90_percent_bounds() -> None:
    rows = {
        (r["code"], r["indicator"], r["year"]): r
        for r in _csv("wgi_2024update_c5_peers_2019_2023.csv")
    }
    codes = {"rule_of_law": "rl", "regulatory_quality": "rq", "control_of_corruption": "cc"}
    checked = 0
    for period, role in WORKBOOKS:
        table = _shipped(period, role).table
        for row in table[table["indicator"].isin(codes)].itertuples(index=False):
            data = rows[(row.unit, codes[row.indicator], row.as_of)]
            assert row.low == pytest.approx(float(data["pctranklower"]), rel=1e-12)
            assert row.high == pytest.approx(float(data["pctrankupper"]), rel=1e-12)
            assert row.low <= row.value <= row.high
            checked += 1
        others = table[~table["indicator"].isin(codes)]
        assert others["low"].isna().all() and others["high"].isna().all()
    assert checked == 3 * (5 * 7 + 4)  # three WGI indicators, every workbook


def test_lpi_infrastructure_notes_quote_the_infrastructure_rank() -> None:
    """Issue #11: the notes quoted the overall rank (KAZ 79, KGZ 123), not the infrastructure
    rank (KAZ 80, KGZ 89)."""
    data = {(r["iso3_added"], r["edition"]): r for r in _csv("lpi_2023_2018_c5_peers.csv")}
    notes = _shipped(BUILD.CURRENT, Role.ASSESSED).table.set_index(["unit", "indicator"])["note"]
    assert "infrastructure rank 80 " in notes[("KAZ", "lpi_infrastructure")]
    assert "infrastructure rank 89 " in notes[("KGZ", "lpi_infrastructure")]
    for unit in ("KAZ", "KGZ", "TJK", "UZB"):
        rank = data[(unit, "2023")]["infrastructure_grouped_rank"]
        assert f"infrastructure rank {rank} " in notes[(unit, "lpi_infrastructure")]
        assert "overall rank" not in notes[(unit, "lpi_infrastructure")]


@pytest.mark.parametrize("period", BUILD.PERIODS[:-1])
def test_earlier_periods_hold_nothing_dated_after_their_end(period: str) -> None:
    from readiness.period import parse_as_of, parse_period

    _, end = parse_period(period)
    table = _shipped(period, Role.ASSESSED).table
    for row in table[table["value"].notna()].itertuples(index=False):
        when = parse_as_of(row.as_of)
        assert when is not None, (row.unit, row.indicator, "undated value in a past period")
        assert when <= end, (row.unit, row.indicator, row.as_of)
