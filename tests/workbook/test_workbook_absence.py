""" "None exists" is not "not found": the lowest level is an answer and scored; "not found" is
missing. Both need their evidence in the note."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from workbook_support import ROWS, check, keys

from readiness import api
from readiness.problems import ReadinessError
from readiness.rubric import load_rubric
from readiness.rubric.model import Rubric

Make = Callable[..., Path]
HERE = Path(__file__).parent


def _row(unit: str, indicator: str) -> int:
    return ROWS[(unit, indicator)]


def _set(**cells: Any) -> Callable[[Any], None]:
    def edit(book: Any) -> None:
        for ref, value in cells.items():
            book["Values"][ref] = value

    return edit


def test_none_scores_0_and_not_found_stays_missing(make_workbook: Make, rubric: Rubric) -> None:
    kaz, kgz = _row("KAZ", "mining_code"), _row("KGZ", "mining_code")
    path = make_workbook(
        _set(
            **{
                f"G{kaz}": "none",  # the lowest level: evidence of absence, an answer
                f"K{kaz}": "The register lists no subsoil law in force (source X).",
                f"G{kgz}": "not found",
                f"K{kgz}": "Searched the legal database and the ministry site: nothing found.",
            }
        )
    )
    report = check(path, rubric)
    assert [k for k in keys(report) if k[1] != "missing-value"] == []
    assert keys(report).count((f"{path}!Values!G{kgz}", "missing-value")) == 1
    values = api.load_values(path, rubric)
    result = api.score(rubric, values)
    assert result.raw.at["KAZ", "mining_code"] == 0.0
    assert result.normalised.at["KAZ", "mining_code"] == 0.0  # scored: 0, not missing
    assert math.isnan(result.raw.at["KGZ", "mining_code"])  # missing, never 0
    assert math.isnan(result.normalised.at["KGZ", "mining_code"])
    # KGZ's legal pillar is scored on rule of law alone (half its weight is present).
    assert result.scores.at["KGZ", "legal"] == pytest.approx(45.5)
    assert result.scores.at["KAZ", "legal"] == pytest.approx(45.5 / 2)


@pytest.mark.parametrize("typed", ["not found", "Not Found", "  not  found "])
def test_not_found_on_a_numeric_row_reads_as_missing(
    make_workbook: Make, rubric: Rubric, typed: str
) -> None:
    r = _row("UZB", "fdi_inflows")
    path = make_workbook(_set(**{f"G{r}": typed}))
    report = check(path, rubric)
    assert [k for k in keys(report)] == [(f"{path}!Values!G{r}", "missing-value")]
    assert report.values is not None
    table = report.values.table.set_index(["unit", "indicator"])
    assert math.isnan(table.at[("UZB", "fdi_inflows"), "value"])


def test_not_found_without_a_note_is_an_error(make_workbook: Make, rubric: Rubric) -> None:
    r = _row("KGZ", "mining_code")
    path = make_workbook(_set(**{f"G{r}": "not found", f"K{r}": None}))
    report = check(path, rubric)
    assert (f"{path}!Values!G{r}", "not-found-without-note") in keys(report)
    with pytest.raises(ReadinessError):
        api.load_values(path, rubric)


@pytest.mark.parametrize(("indicator", "lowest"), [("mining_code", "none"), ("us_bit", "no")])
def test_the_lowest_level_without_evidence_is_an_error(
    make_workbook: Make, rubric: Rubric, indicator: str, lowest: str
) -> None:
    r = _row("UZB", indicator)
    path = make_workbook(_set(**{f"G{r}": lowest, f"K{r}": "  "}))
    report = check(path, rubric)
    assert [k for k in keys(report) if k[1] == "lowest-level-without-evidence"] == [
        (f"{path}!Values!G{r}", "lowest-level-without-evidence")
    ]


def test_a_higher_level_without_a_note_is_not_held_to_the_lowest_level_rule(
    make_workbook: Make, rubric: Rubric
) -> None:
    r = _row("UZB", "mining_code")
    path = make_workbook(_set(**{f"G{r}": "amended", f"K{r}": None}))
    assert [k[1] for k in keys(check(path, rubric))] == []


def test_not_found_in_a_csv_reads_as_missing(tmp_path: Path, rubric: Rubric) -> None:
    path = tmp_path / "v.csv"
    path.write_text(
        "unit,indicator,value,note,period\n"
        "KAZ,mining_code,none,No subsoil law in force.,2026-Q4\n"
        "KGZ,mining_code,not found,Nothing found in the legal database.,2026-Q4\n",
        encoding="utf-8",
    )
    values = api.load_values(path, rubric)
    got = {(r.unit, r.indicator): r.value for r in values.table.itertuples()}
    assert got[("KAZ", "mining_code")] == 0.0
    assert math.isnan(got[("KGZ", "mining_code")])


def test_a_rubric_cannot_name_a_level_not_found(tmp_path: Path) -> None:
    text = (HERE / "rubric.yaml").read_text(encoding="utf-8")
    text = text.replace("label: none,", "label: not found,")
    assert "label: not found," in text
    path = tmp_path / "rubric.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReadinessError) as caught:
        load_rubric(path)
    assert "'not found' cannot be a level label" in str(caught.value.format_message())
