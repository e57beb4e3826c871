"""Rubric 1.0.0 (rubrics/archive/c5-critical-minerals-1.0.0.yaml) encodes the domain design.

It is the rubric earlier periods were scored with, kept unchanged; tests/rubric/test_rubric_2.py
covers the shipped 2.0.0.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from readiness.rubric import Indicator, Kind, Rubric, load_rubric
from readiness.rubric.model import Goalposts

SHIPPED = (
    Path(__file__).resolve().parents[2] / "rubrics" / "archive" / "c5-critical-minerals-1.0.0.yaml"
)

# shared/design/default-rubric.md: pillar -> its indicators, in design order.
DESIGN: dict[str, list[str]] = {
    "legal": [
        "rule_of_law",
        "regulatory_quality",
        "control_of_corruption",
        "mining_code",
        "investment_treaty",
        "eiti_score",
    ],
    "geodata": ["geodata_portal", "online_cadastre", "reporting_code"],
    "transport": ["caspian_access", "transit_borders", "lpi_overall", "lpi_infrastructure"],
    "financing": [
        "fdi_inflows",
        "sovereign_rating",
        "western_minerals_partnership",
        "finance_centre",
    ],
}
INDICATOR_PARENT = {ind: pillar for pillar, inds in DESIGN.items() for ind in inds}

# Raw goalposts from the design (low, high); direction says which end is best.
GOALPOSTS: dict[str, tuple[float, float]] = {
    "rule_of_law": (0, 100),
    "regulatory_quality": (0, 100),
    "control_of_corruption": (0, 100),
    "mining_code": (0, 3),
    "investment_treaty": (0, 2),
    "eiti_score": (0, 100),
    "geodata_portal": (0, 3),
    "online_cadastre": (0, 2),
    "reporting_code": (0, 2),
    "caspian_access": (0, 1),
    "transit_borders": (0, 3),
    "lpi_overall": (1, 5),
    "lpi_infrastructure": (1, 5),
    "fdi_inflows": (0, 10),
    "sovereign_rating": (0, 21),
    "western_minerals_partnership": (0, 3),
    "finance_centre": (0, 2),
}

NOTCHES = [
    "D", "C", "CC", "CCC-", "CCC", "CCC+", "B-", "B", "B+", "BB-", "BB", "BB+",
    "BBB-", "BBB", "BBB+", "A-", "A", "A+", "AA-", "AA", "AA+", "AAA",
]  # fmt: skip


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric(SHIPPED)


def test_loads_without_error(rubric: Rubric) -> None:
    assert rubric.id == "c5-critical-minerals"
    assert rubric.version == "1.0.0"
    assert rubric.period_type == "quarter"


def test_first_line_points_editors_at_the_schema() -> None:
    first = SHIPPED.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=rubric.schema.json"


def test_units_are_the_five_c5_states(rubric: Rubric) -> None:
    assert {u.id: u.name for u in rubric.units} == {
        "KAZ": "Kazakhstan",
        "KGZ": "Kyrgyzstan",
        "TJK": "Tajikistan",
        "TKM": "Turkmenistan",
        "UZB": "Uzbekistan",
    }


def test_root_is_the_index_over_four_pillars(rubric: Rubric) -> None:
    assert rubric.root.id == "index"
    assert [p.id for p in rubric.pillars] == list(DESIGN)
    assert all(p.parent == "index" for p in rubric.pillars)
    assert rubric.children["index"] == list(DESIGN)
    assert len(rubric.nodes) == 5


def test_seventeen_indicators_under_their_pillars(rubric: Rubric) -> None:
    assert len(rubric.indicators) == 17
    assert {i.id: i.parent for i in rubric.indicators} == INDICATOR_PARENT
    for pillar, inds in DESIGN.items():
        assert rubric.children[pillar] == inds


def test_all_nodes_are_arithmetic_with_a_rationale(rubric: Rubric) -> None:
    for node in rubric.nodes:
        assert node.aggregation == "arithmetic", node.id
        assert node.rationale.strip(), node.id


def test_pillar_rationales_quote_the_article(rubric: Rubric) -> None:
    quotes = {
        "legal": "clear,\nwell-publicized, and guided by the rule of law",
        "geodata": "up-to-date, digitalized\ngeological data",
        "transport": "Transport routes that bypass Russia and China",
        "financing": "Minerals Security\nPartnership",
    }
    for pillar, quote in quotes.items():
        text = " ".join(rubric.node_by_id[pillar].rationale.split())
        assert " ".join(quote.split()) in text, pillar


def test_equal_weights(rubric: Rubric) -> None:
    assert {rubric.weight_of(p.id) for p in rubric.pillars} == {1.0}
    assert {i.weight for i in rubric.indicators} == {1.0}


@pytest.mark.parametrize("indicator_id", list(INDICATOR_PARENT))
def test_indicator_is_documented_and_uses_fixed_goalposts(
    rubric: Rubric, indicator_id: str
) -> None:
    ind: Indicator = rubric.indicator_by_id[indicator_id]
    assert ind.name.strip()
    assert ind.description.strip()
    assert ind.unit.strip()
    assert ind.rationale.strip()
    assert ind.source_guidance.strip()
    assert ind.limits is not None
    norm = ind.normalisation
    assert isinstance(norm, Goalposts), "normalisation must be explicit fixed goalposts"
    assert (norm.low, norm.high) == GOALPOSTS[indicator_id]
    assert norm.clip
    # The hard limits must admit every value between the goalposts.
    lo, hi = ind.limits.min, ind.limits.max
    assert lo is not None and hi is not None
    assert lo <= norm.low and hi >= norm.high


def test_kinds_and_directions(rubric: Rubric) -> None:
    categorical = {
        "mining_code",
        "investment_treaty",
        "geodata_portal",
        "online_cadastre",
        "reporting_code",
        "sovereign_rating",
        "western_minerals_partnership",
        "finance_centre",
    }
    kinds = {i.id: i.kind for i in rubric.indicators}
    assert {i for i, k in kinds.items() if k is Kind.CATEGORICAL} == categorical
    assert {i for i, k in kinds.items() if k is Kind.YES_NO} == {"caspian_access"}
    directions = {i.id: i.direction for i in rubric.indicators}
    assert {i for i, d in directions.items() if d == -1} == {"transit_borders"}


def test_categorical_levels_have_definitions(rubric: Rubric) -> None:
    for ind in rubric.indicators:
        if ind.kind is not Kind.CATEGORICAL:
            continue
        values = [lv.value for lv in ind.levels]
        assert values == list(range(len(values))), ind.id
        for lv in ind.levels:
            assert lv.label.strip(), (ind.id, lv.value)
            assert lv.definition.strip(), (ind.id, lv.value)
        # The goalposts span exactly the scale: lowest level 0, highest 100.
        assert isinstance(ind.normalisation, Goalposts)
        assert (ind.normalisation.low, ind.normalisation.high) == (values[0], values[-1])


@pytest.mark.parametrize(
    ("indicator_id", "n_levels"),
    [
        ("mining_code", 4),
        ("investment_treaty", 3),
        ("geodata_portal", 4),
        ("online_cadastre", 3),
        ("reporting_code", 3),
        ("western_minerals_partnership", 4),
        ("finance_centre", 3),
        ("sovereign_rating", 22),
    ],
)
def test_level_counts_match_design(rubric: Rubric, indicator_id: str, n_levels: int) -> None:
    assert len(rubric.indicator_by_id[indicator_id].levels) == n_levels


def test_sovereign_rating_notches(rubric: Rubric) -> None:
    ind = rubric.indicator_by_id["sovereign_rating"]
    assert [lv.label for lv in ind.levels] == NOTCHES
    bbb_minus = ind.level_for(12)
    assert bbb_minus is not None
    assert "Baa3" in bbb_minus.definition
    assert "investment grade" in bbb_minus.definition


def test_missing_data_and_outlier_policies(rubric: Rubric) -> None:
    assert rubric.missing_data.imputation == "none"
    assert rubric.missing_data.min_coverage == 0.5
    assert rubric.outliers.method == "none"
    assert rubric.max_age_years == 3
    assert rubric.rank_ties == "min"
    for pillar in DESIGN:
        assert rubric.min_coverage_of(pillar) == 0.5


def test_bands_as_designed(rubric: Rubric) -> None:
    assert [(b.label, b.min) for b in rubric.bands] == [
        ("Investment-ready", 70),
        ("Advanced", 55),
        ("Emerging", 40),
        ("Early-stage", 25),
        ("Not ready", 0),
    ]
    assert all(b.description.strip() for b in rubric.bands)
    assert rubric.band_for(70) == "Investment-ready"
    assert rubric.band_for(69.99) == "Advanced"
    assert rubric.band_for(24.99) == "Not ready"


def test_context_is_cited(rubric: Rubric) -> None:
    assert len(rubric.context) >= 5
    assert all("The Diplomat" in ref.source or "USGS" in ref.source for ref in rubric.context)
    texts = " ".join(ref.text for ref in rubric.context)
    for fact in ("38.6 %", "384", "copper", "8 February 2024"):
        assert fact in texts
