"""Reading values CSV files, long and wide, with every problem located at file:line:column."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from builders import build_rubric
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
    assert problems(path, rubric) == [(f"{path}:2", "limit-cell-length")]


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


# -- the reading contract (issue 7): each of these was misread or misreported before ----------


def test_decimal_commas_and_thousands_separators(tmp_path: Path, rubric: Rubric) -> None:
    """Regression: every comma was stripped, so "3,7" became 37 and "1.234,5" 1.2345."""
    path = write(
        tmp_path,
        'unit,indicator,value\nKAZ,gdp,"3,7"\nUZB,gdp,"1.234,5"\nKAZ,pop,"1 234 567"\n'
        'UZB,pop,"2,5 %"\n',
    )
    values = load_values(path, rubric)
    m = values.matrix(["gdp", "pop"], ["KAZ", "UZB"])
    assert m.loc["KAZ"].tolist() == [3.7, 1234567.0]
    assert m.loc["UZB"].tolist() == [1234.5, 2.5]


def test_a_number_that_reads_two_ways_is_refused(tmp_path: Path, rubric: Rubric) -> None:
    path = write(tmp_path, 'unit,indicator,value\nKAZ,gdp,"1,234"\n')
    with pytest.raises(ReadinessError) as info:
        load_values(path, rubric)
    [problem] = info.value.problems
    assert problem.key() == (f"{path}:2:3", "ambiguous-number")
    assert "1234 or 1.234" in problem.message


def test_an_unquoted_decimal_comma_in_a_comma_file_is_refused_not_split(
    tmp_path: Path, rubric: Rubric
) -> None:
    path = write(tmp_path, "unit,indicator,value,as_of\nKAZ,gdp,3,7,2025\n")
    assert problems(path, rubric) == [(f"{path}:2:5", "csv-malformed")]


def test_semicolon_files_from_russian_language_excel(tmp_path: Path, rubric: Rubric) -> None:
    """Regression: a semicolon CSV said "no 'unit' column"."""
    path = write(tmp_path, "unit;indicator;value;as_of\nKAZ;gdp;3,7;31.12.2025\nUZB;sea;да\n")
    assert problems(path, rubric) == [(f"{path}:3:3", "unknown-level")]
    path = write(tmp_path, "unit;indicator;value;as_of\r\nKAZ;gdp;3,7;31.12.2025\r\n", "ok.csv")
    values = load_values(path, rubric)
    assert values.table["value"].tolist() == [3.7]
    assert values.table["as_of"].tolist() == ["2025-12-31"]


def test_a_header_mixing_delimiters_is_refused(tmp_path: Path, rubric: Rubric) -> None:
    path = write(tmp_path, "unit;indicator,value\nKAZ;gdp,1\n")
    assert problems(path, rubric) == [(f"{path}:1", "csv-delimiter")]


def test_as_of_dates_are_checked_and_read_day_first(tmp_path: Path, rubric: Rubric) -> None:
    """Regression: '13.11.2015' or 'banana' silently turned the stale flag off."""
    path = write(tmp_path, "unit,indicator,value,as_of\nKAZ,gdp,1,13.11.2015\nUZB,gdp,2,banana\n")
    assert problems(path, rubric) == [(f"{path}:3:4", "bad-date")]
    path = write(tmp_path, "unit,indicator,value,as_of\nKAZ,gdp,1,13.11.2015\n", "ok.csv")
    values = load_values(path, rubric)
    assert values.table["as_of"].tolist() == ["2015-11-13"]
    from readiness.api import score

    result = score(rubric, values, period="2026-Q4")
    assert bool(result.stale.at["KAZ", "gdp"]) is True  # 11 years old: stale


@pytest.mark.parametrize(
    ("typed", "code"),
    [("05/11/2025", "ambiguous-date"), ("2099-01-01", "future-date"), ("1900", "bad-date")],
)
def test_as_of_dates_refused(tmp_path: Path, rubric: Rubric, typed: str, code: str) -> None:
    path = write(tmp_path, f"unit,indicator,value,as_of\nKAZ,gdp,1,{typed}\n")
    assert problems(path, rubric) == [(f"{path}:2:4", code)]


def test_windows_cyrillic_is_refused_naming_the_encoding(tmp_path: Path, rubric: Rubric) -> None:
    """Regression: a cp1251 CSV printed a codec error."""
    path = tmp_path / "v.csv"
    path.write_bytes("unit,indicator,value,note\nKAZ,gdp,1,Министерство\n".encode("cp1251"))
    with pytest.raises(ReadinessError) as info:
        load_values(path, rubric)
    [problem] = info.value.problems
    assert problem.key() == (f"{path}:2:11", "file-encoding")
    assert "cp1251" in problem.message and "CSV UTF-8" in problem.message
    assert "codec" not in problem.message


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_unicode_text_with_a_byte_order_mark_is_read(
    tmp_path: Path, rubric: Rubric, codec: str
) -> None:
    """Regression: a UTF-16 CSV (Excel's 'Unicode Text', tab-separated) printed a codec error."""
    path = tmp_path / "v.csv"
    text = "unit\tindicator\tvalue\tnote\nKAZ\tgdp\t12,5\tМинистерство финансов\n"
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    values = load_values(path, rubric)
    assert values.table["value"].tolist() == [12.5]
    assert values.table["note"].tolist() == ["Министерство финансов"]


def test_utf16_without_a_byte_order_mark_is_refused(tmp_path: Path, rubric: Rubric) -> None:
    path = tmp_path / "v.csv"
    path.write_bytes("unit,indicator,value\nKAZ,gdp,1\n".encode("utf-16-le"))
    assert problems(path, rubric) == [(str(path), "file-encoding")]


def test_lower_case_codes_name_the_expected_code(tmp_path: Path, rubric: Rubric) -> None:
    """Regression: lower-case codes gave errors without naming the expected codes."""
    path = write(tmp_path, "unit,indicator,value\nkaz,gdp,1\nKAZ,GDP,2\n")
    with pytest.raises(ReadinessError) as info:
        load_values(path, rubric)
    messages = [p.message for p in info.value.problems]
    assert "did you mean 'KAZ'?" in messages[0]
    assert "did you mean 'gdp'?" in messages[1]
