"""Normalisation methods: each validates its own numbers, and `method` picks the model."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from readiness.rubric.normalisation import (
    AlternativeNormalisation,
    DistanceToTarget,
    Goalposts,
    MinMax,
    Normalisation,
    Rank,
    ZScore,
)


def _types(exc: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return [e["type"] for e in exc.value.errors()]


@pytest.mark.parametrize(("low", "high"), [(10, 0), (5, 5), (-1e301, 0), (0, 2e300)])
def test_goalposts_inverted_equal_or_huge_are_refused(low: float, high: float) -> None:
    with pytest.raises(ValidationError) as exc:
        Goalposts(low=low, high=high)
    assert _types(exc) == ["rubric-goalposts"]


def test_goalposts_say_how_to_fix_an_inverted_pair() -> None:
    with pytest.raises(ValidationError, match=r"low 10 must be below high 0.*direction: -1"):
        Goalposts(low=10, high=0)


def test_goalposts_up_to_1e300_are_allowed_and_clip_by_default() -> None:
    posts = Goalposts(low=-1e300, high=1e300)
    assert posts.clip is True and posts.method == "goalposts"


def test_minmax_range_must_rise() -> None:
    assert (MinMax().low, MinMax().high) == (0.0, 100.0)
    with pytest.raises(ValidationError) as exc:
        MinMax(low=100, high=0)
    assert _types(exc) == ["rubric-goalposts"]


@pytest.mark.parametrize("sd", [0.0, -1.0])
def test_zscore_needs_a_positive_spread(sd: float) -> None:
    with pytest.raises(ValidationError):
        ZScore(sd=sd)


@pytest.mark.parametrize(
    ("data", "model"),
    [
        ({"method": "goalposts", "low": 0, "high": 1}, Goalposts),
        ({"method": "minmax"}, MinMax),
        ({"method": "zscore"}, ZScore),
        ({"method": "rank"}, Rank),
        ({"method": "distance_to_target", "target": 5}, DistanceToTarget),
    ],
)
def test_method_picks_the_model(data: dict[str, object], model: type) -> None:
    assert type(TypeAdapter(Normalisation).validate_python(data)) is model


def test_an_unknown_method_is_refused() -> None:
    with pytest.raises(ValidationError) as exc:
        TypeAdapter(Normalisation).validate_python({"method": "log"})
    assert _types(exc) == ["union_tag_invalid"]


def test_the_uncertainty_alternatives_exclude_the_fixed_scales() -> None:
    """Goalposts and targets are set per indicator, so no one of them fits every indicator."""
    adapter = TypeAdapter(AlternativeNormalisation)
    assert type(adapter.validate_python({"method": "rank"})) is Rank
    for data in ({"method": "goalposts", "low": 0, "high": 1}, {"method": "distance_to_target"}):
        with pytest.raises(ValidationError):
            adapter.validate_python(data)
