"""Reading values CSV files, long and wide, with every problem located at file:line:column."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from conftest import build_rubric
from readiness.inputs import load_values
from readiness.inputs.csv_reader import read_values_csv
from readiness.problems import ReadinessError
from readiness.rubric import parse_rubric
from readiness.rubric.model import Rubric

RUBRIC = """\
id: t
title: T
version: '1'
units:
  - {id: KAZ, name: Kazakhstan}
  - {id: UZB, name: Uzbekistan}
denominators:
  - {id: pop, name: Population}
nodes:
  - {id: idx, name: Index}
indicators:
  - {id: gdp, name: GDP, parent: idx, limits: {min: 0}}
  - {id: sea, name: Sea access, parent: idx, kind: yes_no}
"""


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return parse_rubric(RUBRIC, "t.yaml")


def write(tmp_path: Path, text: str, name: str = "v.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path, rubric: Rubric) -> list[tuple[str, str]]:
    with pytest.raises(ReadinessError) as info:
        load_values(path, rubric)
    return [p.key() for p in info.value.problems]


def test_long_file_with_evidence(tmp_path: Path, rubric: Rubric) -> None:
    path = write(
        tmp_path,
        "unit,indicator,value,as_of,source\n"
        "KAZ,gdp,12.5,2025,World Bank\nKAZ,sea,yes,,\nUZB,gdp,,,\nUZB,pop,36,,\n",
    )
    values = load_values(path, rubric)
    m = values.matrix(["gdp", "sea", "pop"], ["KAZ", "UZB"])
    assert m.loc["KAZ"].tolist()[:2] == [12.5, 1.0]
    assert math.isnan(m.at["UZB", "gdp"])  # an empty cell is missing, never 0
    assert m.at["UZB", "pop"] == 36.0
    ev = values.evidence()
    assert ev.loc[("KAZ", "gdp"), "source"] == "World Bank"
    assert ev.loc[("KAZ", "gdp"), "as_of"] == "2025"
    assert len(values.sha256) == 64


def test_wide_file_with_coinr_aliases(tmp_path: Path, rubric: Rubric) -> None:
    path = write(tmp_path, "uName,uCode,region,gdp,sea\nKazakh,KAZ,C,3,no\nUzbek,UZB,C,4,1\n")
    values = load_values(path, rubric)
    assert values.units["name"].to_dict() == {"KAZ": "Kazakh", "UZB": "Uzbek"}
    assert values.units["region"].tolist() == ["C", "C"]
    assert values.matrix(["gdp", "sea"]).to_numpy().tolist() == [[3.0, 0.0], [4.0, 1.0]]


def test_long_file_problems_all_located(tmp_path: Path, rubric: Rubric) -> None:
    path = write(
        tmp_path,
        "unit,indicator,value\n"
        "KAZ,gdp,-1\n"  # below the hard limit
        "KAZ,sea,maybe\n"  # not a yes/no
        "UZB,pop,many\n"  # denominator not a number
        "\n"  # blank lines are skipped but counted
        "TKM,gdp,1\n",
    )
    assert problems(path, rubric) == [
        (f"{path}:2:3", "out-of-limits"),
        (f"{path}:3:3", "unknown-level"),
        (f"{path}:4:3", "not-a-number"),
        (f"{path}:6:1", "unknown-unit"),
    ]


def test_wide_file_problems_name_the_column(tmp_path: Path, rubric: Rubric) -> None:
    path = write(tmp_path, "unit,gdp,sea\nKAZ,x,yes\nKAZ,1,no\n")
    assert problems(path, rubric) == [
        (f"{path}:2:2 gdp", "not-a-number"),
        (f"{path}:3:1", "duplicate-row"),
    ]


def test_file_without_a_unit_column(tmp_path: Path, rubric: Rubric) -> None:
    path = write(tmp_path, "country,gdp\nKAZ,1\n")
    assert problems(path, rubric) == [(f"{path}:1:1", "missing-column")]


def test_empty_and_missing_files(tmp_path: Path, rubric: Rubric) -> None:
    assert problems(write(tmp_path, ""), rubric) == [(f"{tmp_path / 'v.csv'}:1", "file-empty")]
    absent = tmp_path / "absent.csv"
    assert problems(absent, rubric) == [(str(absent), "file-not-found")]


def test_several_periods_need_a_choice(tmp_path: Path, rubric: Rubric) -> None:
    path = write(
        tmp_path,
        "period,unit,indicator,value\n2026-Q3,KAZ,gdp,1\n2026-Q4,KAZ,gdp,2\n",
    )
    assert problems(path, rubric) == [(str(path), "several-periods")]
    values = load_values(path, rubric, period="2026-Q4")
    assert values.period == "2026-Q4"
    assert values.matrix(["gdp"]).at["KAZ", "gdp"] == 2.0


def test_a_field_over_the_csv_limit_is_a_located_problem(tmp_path: Path, rubric: Rubric) -> None:
    # csv.Error ("field larger than field limit") used to escape as a traceback.
    path = write(tmp_path, "unit,indicator,value,note\nKAZ,gdp,1," + "x" * 200_000 + "\n")
    assert problems(path, rubric) == [(f"{path}:2", "csv-malformed")]


def test_a_row_without_a_unit_code_is_an_error(tmp_path: Path) -> None:
    # With no units in the rubric any code is accepted, but an empty one was scored as unit "".
    open_rubric = parse_rubric(
        RUBRIC.replace(
            "units:\n  - {id: KAZ, name: Kazakhstan}\n  - {id: UZB, name: Uzbekistan}\n", ""
        ),
        "t.yaml",
    )
    wide = write(tmp_path, "unit,gdp\nKAZ,1\n,2\n", "wide.csv")
    long = write(tmp_path, "unit,indicator,value\nKAZ,gdp,1\n ,gdp,2\n", "long.csv")
    assert problems(wide, open_rubric) == [(f"{wide}:3:1", "missing-unit")]
    assert problems(long, open_rubric) == [(f"{long}:3:1", "missing-unit")]


def test_a_value_too_large_to_compute_with_is_refused() -> None:
    """1e308 would overflow x * 100 to inf: refused as out of limits, never scored as NaN."""
    from readiness.inputs.parse import CellError, parse_value
    from readiness.rubric.model import Indicator

    indicator = Indicator(id="a", name="A", parent="p")
    with pytest.raises(CellError) as info:
        parse_value(indicator, "1e308")
    assert info.value.code == "out-of-limits"
    assert parse_value(indicator, "1e299") == 1e299


def test_long_csv_reads_optional_interval_and_contested(tmp_path: Path) -> None:
    rubric = build_rubric(
        {
            "a": {"parent": "p"},
            "lv": {
                "parent": "p",
                "kind": "categorical",
                "levels": [
                    {"value": 0, "label": "none", "definition": "None."},
                    {"value": 1, "label": "some", "definition": "Some."},
                ],
            },
        },
        {"idx": {}, "p": {"parent": "idx"}},
    )
    path = tmp_path / "v.csv"
    path.write_text(
        "unit,indicator,value,low,high,contested\nX,a,5,4,6.5,\nX,lv,some,,,yes\nY,a,3,,,\n",
        encoding="utf-8",
    )
    table = read_values_csv(path, rubric).table.set_index(["unit", "indicator"])
    assert (table.loc[("X", "a"), "low"], table.loc[("X", "a"), "high"]) == (4.0, 6.5)
    assert bool(table.loc[("X", "lv"), "contested"]) is True
    assert np.isnan(table.loc[("Y", "a"), "low"])
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "unit,indicator,value,low,high,contested\nX,a,5,6,7,\nX,lv,some,,,maybe\nY,a,3,,,yes\n",
        encoding="utf-8",
    )
    with pytest.raises(ReadinessError) as err:
        read_values_csv(bad, rubric)
    assert [p.key() for p in err.value.problems] == [
        (f"{bad}:2:4", "bad-interval"),
        (f"{bad}:3:6", "bad-contested"),
        (f"{bad}:4:6", "bad-contested"),
    ]
