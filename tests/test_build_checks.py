"""The build's checks catch the evidence errors of earlier builds (issue #11 item 4)."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

from needs import shared

ROOT = Path(__file__).resolve().parents[1]
DATA = shared("data", module=True)

sys.path.insert(0, str(ROOT / "scripts"))

import build_inputs  # noqa: E402
from inputs_build.checks import CheckError, check_facts  # noqa: E402
from inputs_build.model import Fact  # noqa: E402
from inputs_build.series import lpi_facts, wgi_facts  # noqa: E402


@pytest.fixture(scope="module")
def current() -> dict[tuple[str, str], Fact]:
    _, facts = build_inputs.build_facts(DATA, build_inputs.CURRENT)
    return {(f.unit, f.indicator): f for f in facts}


def _fails(fact: Fact, message: str) -> None:
    with pytest.raises(CheckError) as caught:
        check_facts([fact], DATA)
    assert message in str(caught.value)


def test_the_current_facts_pass(current: dict[tuple[str, str], Fact]) -> None:
    check_facts(current.values(), DATA)  # raises on any failure


def test_an_lpi_infrastructure_note_quoting_the_overall_rank_is_caught() -> None:
    """The shipped 1.0 notes said 'grouped rank 79' for Kazakhstan's infrastructure (80)."""
    fact = next(f for f in lpi_facts(DATA, 2026, ("KAZ",)) if f.indicator == "lpi_infrastructure")
    old = dataclasses.replace(
        fact,
        note="LPI 2023 infrastructure component score 2.5 (1-5), grouped rank 79; "
        "infrastructure score 2.5 infrastructure rank 80",
    )
    _fails(old, "numbers no rule explains")
    wrong = dataclasses.replace(fact, note=fact.note.replace("rank 80", "rank 79"))
    _fails(wrong, "the note quotes 79")


def test_a_wgi_note_with_a_wrong_bound_is_caught() -> None:
    fact = next(f for f in wgi_facts(DATA, 2026, ("KGZ",)) if f.indicator == "rule_of_law")
    assert fact.low is not None
    wrong = dataclasses.replace(
        fact, note=fact.note.replace(f"{fact.low:.2f} to", f"{fact.low + 1:.2f} to")
    )
    _fails(wrong, "interval")
    _fails(dataclasses.replace(fact, high=fact.value), "value or Low/High differ")


def test_an_as_of_date_from_an_unrelated_row_is_caught(
    current: dict[tuple[str, str], Fact],
) -> None:
    """The shipped 1.0 workbook dated Kazakhstan's EITI score 2025 from another file's row."""
    fact = current[("KAZ", "extractives_transparency")]
    assert fact.as_of == ""  # the EITI row gives no validation date: undated
    _fails(dataclasses.replace(fact, as_of="2025"), "the as-of date 2025 is not in the rows")


def test_a_reading_quoting_what_its_evidence_does_not_say_is_caught(
    current: dict[tuple[str, str], Fact],
) -> None:
    fact = current[("UZB", "western_minerals_partnership")]
    padded = dataclasses.replace(fact, note=fact.note + " A US$500m DFC loan was signed.")
    _fails(padded, "'US$500m'")


def test_file_names_and_repositories_in_a_note_are_caught(
    current: dict[tuple[str, str], Fact],
) -> None:
    fact = current[("KAZ", "rule_of_law")]
    _fails(
        dataclasses.replace(fact, note=fact.note + " From wgidataset.xlsx at commit 8569d449."),
        "a file name",
    )
    tagged = current[("KAZ", "licence_allocation")]
    _fails(dataclasses.replace(tagged, note="[mining_code_year] " + tagged.note), "a field tag")


def test_the_evidence_must_be_the_rows_own_text(current: dict[tuple[str, str], Fact]) -> None:
    fact = current[("KGZ", "state_participation")]
    edited = dataclasses.replace(fact, note=fact.note.replace("17 May 2021", "17 May 2020", 1))
    _fails(edited, "not the data rows' own text")
