"""The shipped workbooks are exactly what scripts/build_inputs.py makes from ../shared/data.

So every value in inputs/ is traceable to the compiled sources, and nothing was typed by hand.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

from readiness import api

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
RUBRIC = api.load_rubric(ROOT / "rubrics" / "c5-critical-minerals.yaml")

pytestmark = pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data is not beside the repo")


def _build_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "build_inputs", ROOT / "scripts" / "build_inputs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_inputs"] = module
    spec.loader.exec_module(module)
    return module


BUILD = _build_module()


def _workbook(period: str) -> Path:
    folder = ROOT / "inputs" if period == BUILD.CURRENT else ROOT / "inputs" / "history"
    return folder / f"c5-critical-minerals-{period}.xlsx"


@pytest.mark.parametrize("period", BUILD.PERIODS)
def test_workbook_equals_a_rebuild_from_shared_data(period: str) -> None:
    shipped = api.load_values(_workbook(period), RUBRIC).table
    rebuilt = BUILD.period_values(DATA, period).table
    key = ["unit", "indicator"]
    shipped = shipped[shipped["value"].notna()].sort_values(key).reset_index(drop=True)
    rebuilt = rebuilt.sort_values(key).reset_index(drop=True)
    assert shipped[key].equals(rebuilt[key])
    np.testing.assert_allclose(shipped["value"], rebuilt["value"], rtol=1e-12)
    for column in ("as_of", "source", "source_url", "note"):
        assert list(shipped[column]) == list(rebuilt[column]), column


def test_every_current_value_carries_its_evidence() -> None:
    table = api.load_values(_workbook(BUILD.CURRENT), RUBRIC).table
    present = table[table["value"].notna()]
    assert len(present) >= 0.8 * len(RUBRIC.units) * len(RUBRIC.indicators)
    for column in ("source", "source_url", "note"):
        assert (present[column].str.len() > 0).all(), column


def test_not_found_stays_missing_not_zero() -> None:
    """PROVENANCE: no EITI score for Uzbekistan, nothing on Turkmenistan's geological data."""
    values = api.load_values(_workbook(BUILD.CURRENT), RUBRIC)
    matrix = values.matrix([i.id for i in RUBRIC.indicators], [u.id for u in RUBRIC.units])
    assert np.isnan(matrix.at["UZB", "eiti_score"])
    assert matrix.loc["TKM", ["geodata_portal", "online_cadastre", "reporting_code"]].isna().all()
    assert matrix.at["TKM", "eiti_score"] == 0  # not a member: a real value, per the design


@pytest.mark.parametrize("period", BUILD.PERIODS[:-1])
def test_earlier_periods_hold_nothing_dated_after_their_end(period: str) -> None:
    from readiness.period import parse_as_of, parse_period

    _, end = parse_period(period)
    table = api.load_values(_workbook(period), RUBRIC).table
    for row in table[table["value"].notna()].itertuples(index=False):
        when = parse_as_of(row.as_of)
        assert when is not None, (row.unit, row.indicator, "undated value in a past period")
        assert when <= end, (row.unit, row.indicator, row.as_of)
