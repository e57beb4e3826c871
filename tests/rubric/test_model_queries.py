"""What the rubric answers about itself: parents, pillars, weight shares, bands. Checked on a
hand-worked three-level hierarchy."""

from __future__ import annotations

import math
from typing import Any

import pytest

from readiness.rubric.model import Rubric

# index <- S (weight 3) <- P1 (1) <- a (1), b (3)
#                       <- P2 (1) <- c (1)
#       <- P3 (weight 1) <- d (1), e (1)
INDICATORS: dict[str, dict[str, Any]] = {
    "a": {"parent": "P1"},
    "b": {"parent": "P1", "weight": 3},
    "c": {"parent": "P2"},
    "d": {"parent": "P3"},
    "e": {"parent": "P3"},
}
NODES: dict[str, dict[str, Any]] = {
    "index": {},
    "S": {"parent": "index", "weight": 3},
    "P1": {"parent": "S"},
    "P2": {"parent": "S"},
    "P3": {"parent": "index"},
}
BANDS = [{"label": "high", "min": 70}, {"label": "mid", "min": 40}, {"label": "low", "min": 0}]


@pytest.fixture(scope="module")
def rubric(make_rubric: Any) -> Rubric:
    return make_rubric(INDICATORS, NODES, bands=BANDS)


def test_parents_and_pillars(rubric: Rubric) -> None:
    assert rubric.parent_of("b") == "P1"
    assert rubric.parent_of("P1") == "S"
    assert rubric.parent_of("index") is None
    assert [p.id for p in rubric.pillars] == ["P1", "P2", "P3"]
    assert {i.id: rubric.pillar_of(i.id).id for i in rubric.indicators} == {
        "a": "P1",
        "b": "P1",
        "c": "P2",
        "d": "P3",
        "e": "P3",
    }
    assert [i.id for i in rubric.indicators_of("P1")] == ["a", "b"]
    assert rubric.indicators_of("S") == []


def test_weight_shares_by_hand(rubric: Rubric) -> None:
    assert rubric.weight_share("b") == pytest.approx(3 / 4)
    assert rubric.weight_share("S") == pytest.approx(3 / 4)
    assert rubric.weight_share("index") == 1.0
    # b: 3/4 of P1, P1 1/2 of S, S 3/4 of the index
    assert rubric.nominal_share("b") == pytest.approx(3 / 4 * 1 / 2 * 3 / 4)
    assert rubric.nominal_share("d") == pytest.approx(1 / 2 * 1 / 4)
    total = sum(rubric.nominal_share(i.id) for i in rubric.indicators)
    assert total == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("score", "band", "next_band"),
    [(85.0, "high", None), (70.0, "high", None), (69.99, "mid", "high"), (0.0, "low", "mid")],
)
def test_bands(rubric: Rubric, score: float, band: str, next_band: str | None) -> None:
    assert rubric.band_for(score) == band
    found = rubric.band_of_score(score)
    assert found is not None and found.label == band
    above = rubric.next_band(score)
    assert (above.label if above else None) == next_band


def test_no_score_no_band(rubric: Rubric) -> None:
    assert rubric.band_for(math.nan) is None
    assert rubric.band_of_score(math.nan) is None
    assert rubric.thresholds == (70, 40, 0)
    found = rubric.band_named("mid")
    assert found is not None and found.min == 40
    assert rubric.band_named("nope") is None
