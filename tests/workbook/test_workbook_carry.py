"""Pre-filling a new workbook: from a `Values` object, or carried forward from an earlier
period's workbook (and refused from a later one or an unreadable one)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from workbook_support import PERIOD, TODAY, check, fill, keys, sample_values

from readiness.inputs.values import Values
from readiness.problems import ReadinessError
from readiness.rubric.model import Rubric
from readiness.workbook import read_values, write_template


def test_prefill_from_values_round_trips(tmp_path: Path, rubric: Rubric) -> None:
    values = sample_values(rubric)
    path = tmp_path / "prefilled.xlsx"
    write_template(rubric, PERIOD, path, values=values)
    ws = openpyxl.load_workbook(path)["Values"]
    assert ws["G5"].value == "open"  # categorical written as its label
    assert ws["G11"].value == "no"
    assert ws["H5"].is_date and ws["H5"].value == datetime(2026, 6, 30)  # a real Excel date
    assert ws["H2"].value == "2025" and ws["H2"].data_type == "s"  # a year stays text
    assert ws["G10"].value is None  # missing stays empty
    report = check(path, rubric)
    assert keys(report) == [(f"{path}!Values!G10", "missing-value")]
    read = read_values(path, rubric, today=TODAY).table
    expected = values.table
    assert list(read["unit"]) == list(expected["unit"])
    np.testing.assert_array_equal(read["value"].to_numpy(), expected["value"].to_numpy())
    for column in ("as_of", "source", "source_url", "note"):
        assert list(read[column]) == list(expected[column]), column


def test_prefill_writes_interval_and_contested(tmp_path: Path, rubric: Rubric) -> None:
    table = sample_values(rubric).table.copy()
    first = table.index[(table["unit"] == "KAZ") & (table["indicator"] == "rule_of_law")][0]
    level = table.index[(table["unit"] == "KAZ") & (table["indicator"] == "mining_code")][0]
    table.loc[first, ["low", "high"]] = [45.0, 55.0]  # around the value 50.0
    table.loc[level, "contested"] = True
    path = tmp_path / "prefilled.xlsx"
    write_template(rubric, PERIOD, path, values=Values(table=table, period=PERIOD))
    ws = openpyxl.load_workbook(path)["Values"]
    assert (ws["L2"].value, ws["M2"].value, ws["N5"].value) == (45.0, 55.0, "yes")
    assert ws["L3"].value is None and ws["N6"].value is None
    read = read_values(path, rubric, today=TODAY).table.set_index(["unit", "indicator"])
    assert read.loc[("KAZ", "rule_of_law"), "high"] == 55.0
    assert bool(read.loc[("KAZ", "mining_code"), "contested"]) is True


def test_carry_forward_from_previous_workbook(tmp_path: Path, rubric: Rubric) -> None:
    q3 = tmp_path / "2026-Q3.xlsx"
    write_template(rubric, "2026-Q3", q3)
    book = openpyxl.load_workbook(q3)
    fill(book["Values"])
    book["Values"]["K3"] = "Checked in September."
    book["Values"]["K3"].data_type = "s"
    book["Values"]["G5"] = "amended"
    book["Values"]["L2"], book["Values"]["M2"] = 40.0, 51.0  # an interval around 45.5
    book["Values"]["N5"] = "yes"  # a contested reading
    book.save(q3)

    q4 = tmp_path / "2026-Q4.xlsx"
    write_template(rubric, "2026-Q4", q4, previous=q3)
    book = openpyxl.load_workbook(q4)
    ws = book["Values"]
    assert ws["K3"].value == "Checked in September."
    assert ws["G5"].value == "amended"
    assert ws["G2"].value == 45.5
    assert ws["H2"].value == datetime(2025, 12, 31)
    assert (ws["L2"].value, ws["M2"].value, ws["N5"].value) == (40.0, 51.0, "yes")
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True)}
    assert about["Period"] == "2026-Q4"
    assert keys(check(q4, rubric, period="2026-Q4")) == []


def test_previous_from_a_later_period_is_refused(tmp_path: Path, rubric: Rubric) -> None:
    """Carrying 2026-Q4 figures back into 2026-Q1 would date them before their publication."""
    q4 = tmp_path / "2026-Q4.xlsx"
    write_template(rubric, "2026-Q4", q4)
    target = tmp_path / "2026-Q1.xlsx"
    with pytest.raises(ReadinessError) as info:
        write_template(rubric, "2026-Q1", target, previous=q4)
    assert [p.key() for p in info.value.problems] == [(f"{q4}!About", "previous-is-later")]
    assert not target.exists()
    write_template(rubric, "2026-Q4", target, previous=q4)  # the same period is fine


def test_values_win_over_previous(tmp_path: Path, rubric: Rubric) -> None:
    q3 = tmp_path / "q3.xlsx"
    write_template(rubric, "2026-Q3", q3)
    book = openpyxl.load_workbook(q3)
    fill(book["Values"])
    book.save(q3)
    q4 = tmp_path / "q4.xlsx"
    write_template(rubric, PERIOD, q4, previous=q3, values=sample_values(rubric))
    ws = openpyxl.load_workbook(q4)["Values"]
    assert ws["G2"].value == 50.0  # from values
    assert ws["G5"].value == "open"


@pytest.mark.parametrize("content", [None, b"not a workbook"], ids=["missing", "garbage"])
def test_unreadable_previous_workbook(
    tmp_path: Path, rubric: Rubric, content: bytes | None
) -> None:
    previous = tmp_path / "previous.xlsx"
    if content is not None:
        previous.write_bytes(content)
    with pytest.raises(ReadinessError) as err:
        write_template(rubric, PERIOD, tmp_path / "x.xlsx", previous=previous)
    code = "file-not-found" if content is None else "workbook-unreadable"
    assert [p.key() for p in err.value.problems] == [(str(previous), code)]
