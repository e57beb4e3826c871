"""The shipped rubric 2.0.0: what changed from 1.0.0, and rules any jurisdiction can meet."""

from __future__ import annotations

from pathlib import Path

import pytest

from readiness.rubric import Kind, Rubric, load_rubric
from readiness.rubric.model import Lever, Role

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "rubrics" / "c5-critical-minerals.yaml"
ARCHIVE = ROOT / "rubrics" / "archive" / "c5-critical-minerals-1.0.0.yaml"

PILLARS = {
    "legal": [
        "rule_of_law",
        "regulatory_quality",
        "control_of_corruption",
        "licence_allocation",
        "investor_protection",
        "extractives_transparency",
        "state_participation",
    ],
    "geodata": ["geodata_portal", "online_cadastre", "reporting_code"],
    "transport": ["route_to_market", "lpi_overall", "lpi_infrastructure"],
    "financing": [
        "fdi_inflows",
        "sovereign_rating",
        "western_minerals_partnership",
        "finance_centre",
    ],
}


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric(SHIPPED)


def test_version_2_with_1_0_0_archived_unchanged(rubric: Rubric) -> None:
    assert rubric.version == "2.0.0"
    old = load_rubric(ARCHIVE)
    assert old.version == "1.0.0" and old.id == rubric.id
    # The archive is the 1.0.0 file as it shipped (its first line still points at the schema
    # beside the shipped rubric; it is not edited to follow the move).
    assert ARCHIVE.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=rubric.schema.json\n"
    )
    assert 'version: "1.0.0"' in ARCHIVE.read_text(encoding="utf-8")


def test_units_five_assessed_and_four_references(rubric: Rubric) -> None:
    roles = {u.id: u.role for u in rubric.units}
    assert [u for u, r in roles.items() if r is Role.ASSESSED] == [
        "KAZ",
        "KGZ",
        "TJK",
        "TKM",
        "UZB",
    ]
    assert sorted(rubric.reference_units) == ["AUS", "CAN", "CHL", "MNG"]


def test_pillars_and_indicators(rubric: Rubric) -> None:
    assert [p.id for p in rubric.pillars] == list(PILLARS)
    for pillar, ids in PILLARS.items():
        assert rubric.children[pillar] == ids
    assert {rubric.weight_of(i.id) for i in rubric.indicators} == {1.0}


def test_one_route_indicator_counts_geography_once(rubric: Rubric) -> None:
    ids = {i.id for i in rubric.indicators}
    assert not ids & {"caspian_access", "transit_borders"}
    fixed = [i.id for i in rubric.indicators if i.lever is Lever.FIXED]
    assert fixed == ["route_to_market"]
    route = rubric.indicator_by_id["route_to_market"]
    labels = [lv.label for lv in route.levels]
    assert labels[0] == "Only through Russia or China" and labels[-1] == "Own ocean port"
    assert labels.index("Own Caspian port") == len(labels) - 2


def test_every_indicator_declares_its_lever_and_a_rationale_saying_what_changed(
    rubric: Rubric,
) -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    for ind in rubric.indicators:
        assert f"id: {ind.id}" in text
        block = text.split(f"- id: {ind.id}\n", 1)[1].split("\n  - id: ", 1)[0]
        assert "lever:" in block, ind.id  # declared, not left to the default
        assert ind.rationale.startswith(
            ("Unchanged from 1.0.0", "New in 2.0.0", "Changed in 2.0.0")
        ), ind.id
    for node in rubric.nodes:
        assert node.rationale.strip(), node.id


def test_the_state_participation_levels_are_the_issues(rubric: Rubric) -> None:
    levels = rubric.indicator_by_id["state_participation"].levels
    assert [lv.label for lv in levels] == [
        "Seizure or forced renegotiation",
        "State stakes, direct awards or curbs",
        "None of these",
    ]
    assert levels[0].definition.startswith("Since 1 January 2010")
    assert "foreign investor" in levels[0].definition
    assert "raw ore or concentrate" in levels[1].definition
    assert rubric.indicator_by_id["state_participation"].parent == "legal"


def test_strong_courts_substitute_for_a_us_treaty(rubric: Rubric) -> None:
    top = rubric.indicator_by_id["investor_protection"].levels[-1]
    assert "75 or above" in top.definition and "in force" in top.definition


def test_equivalent_disclosure_counts_for_a_non_member(rubric: Rubric) -> None:
    levels = rubric.indicator_by_id["extractives_transparency"].levels
    assert "equivalent level of reporting" in levels[2].definition


def test_partnership_top_level_needs_an_amount(rubric: Rubric) -> None:
    top = rubric.indicator_by_id["western_minerals_partnership"].levels[-1]
    assert "states an amount" in top.definition
    assert "without an amount does not count" in top.definition


def test_every_lowest_level_reads_as_none_exists(rubric: Rubric) -> None:
    """A categorical indicator's lowest level is an answer (evidence of absence), so its
    definition says what 'none' means; 'not found' is never a level. (The rating's lowest
    notch is default, and state participation's lowest level is a seizure found: both are
    positive findings, not absences.)"""
    for ind in rubric.indicators:
        if ind.kind is not Kind.CATEGORICAL or ind.id in (
            "sovereign_rating",
            "state_participation",
        ):
            continue
        lowest = ind.levels[0].definition
        assert lowest.startswith(("None", "Treated as secret", "Soviet GKZ")), ind.id
        assert all(lv.label.casefold() != "not found" for lv in ind.levels)


def test_the_unsourced_manganese_share_is_gone(rubric: Rubric) -> None:
    texts = " ".join(ref.text for ref in rubric.context)
    assert "38.6" not in texts
    assert "384" in texts


def test_band_thresholds_unchanged_and_texts_name_no_jurisdiction(rubric: Rubric) -> None:
    assert [(b.label, b.min) for b in rubric.bands] == [
        ("Investment-ready", 70),
        ("Advanced", 55),
        ("Emerging", 40),
        ("Early-stage", 25),
        ("Not ready", 0),
    ]
    # A scorecard quotes its band's description as what the band means for an investor, so it
    # names no jurisdiction (review M11: Kyrgyzstan's read as describing Mongolia). Which
    # reference jurisdictions fall in each band is printed from the scores beside the band
    # table (tests/report/test_report_context_summary.py), and tests/test_calibration.py pins it.
    for band in rubric.bands:
        assert band.description
        for unit in rubric.units:
            assert unit.name not in band.description, (band.label, unit.name)
