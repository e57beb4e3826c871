"""What a result answers about one unit: a node's score, the band, and the share of the index
an item could still carry given what is present (hand-worked)."""

from __future__ import annotations

import math
from typing import Any

import pytest

from readiness.api import Result, score

NAN = math.nan

# index <- P1 (weight 1) <- a (1), b (1)
#       <- P2 (weight 3) <- c (2), d (1), e (1)
INDICATORS: dict[str, dict[str, Any]] = {
    "a": {"parent": "P1", "normalisation": {"method": "goalposts", "low": 0, "high": 10}},
    "b": {"parent": "P1", "normalisation": {"method": "goalposts", "low": 0, "high": 10}},
    "c": {
        "parent": "P2",
        "weight": 2,
        "normalisation": {"method": "goalposts", "low": 0, "high": 100},
    },
    "d": {"parent": "P2", "normalisation": {"method": "goalposts", "low": 0, "high": 100}},
    "e": {"parent": "P2", "normalisation": {"method": "goalposts", "low": 0, "high": 100}},
}
NODES: dict[str, dict[str, Any]] = {
    "index": {},
    "P1": {"parent": "index"},
    "P2": {"parent": "index", "weight": 3},
}
BANDS = [{"label": "ready", "min": 70}, {"label": "mid", "min": 50}, {"label": "low", "min": 0}]


@pytest.fixture(scope="module")
def result(make_rubric: Any, make_values: Any) -> Result:
    values = {
        "U1": {
            "a": 5,
            "b": 2,
            "c": 40,
            "d": 80,
            "e": 60,
        },  # P1 (50 + 20) / 2 = 35, P2 (80 + 80 + 60) / 4 = 55; index (35 + 3 * 55) / 4 = 50 -> mid
        "U2": {"a": NAN, "b": 5, "c": 100, "d": NAN, "e": 20},  # a and d missing
        "U3": {"a": 10, "b": 10, "c": NAN, "d": NAN, "e": NAN},  # no P2 -> no index
    }
    return score(make_rubric(INDICATORS, NODES, bands=BANDS), make_values(values))


def test_score_of_indicators_and_nodes(result: Result) -> None:
    assert result.score_of("U1", "a") == pytest.approx(50)
    assert result.score_of("U1", "index") == pytest.approx(50)
    assert math.isnan(result.score_of("U3", "index"))


def test_band_of(result: Result) -> None:
    assert result.band_of("U1") == "mid"
    assert result.band_of("U3") is None


def test_effective_share_complete_unit_is_the_nominal_share(result: Result) -> None:
    for item in ("a", "c", "P2"):
        assert result.effective_share("U1", item) == pytest.approx(
            result.rubric.nominal_share(item)
        )
    assert result.effective_share("U1", "c") == pytest.approx(3 / 4 * 2 / 4)


def test_effective_share_spreads_a_missing_siblings_weight(result: Result) -> None:
    # U2: P1 has only b (1 of 1 present), P2 has c and e (weights 2 + 1 present)
    assert result.effective_share("U2", "b") == pytest.approx(1 / 4 * 1)
    assert result.effective_share("U2", "c") == pytest.approx(3 / 4 * 2 / 3)
    assert result.effective_share("U2", "e") == pytest.approx(3 / 4 * 1 / 3)
    # U3: P2 has no score, so P1 carries the whole present weight at the index
    assert result.effective_share("U3", "a") == pytest.approx(1 * 1 / 2)
