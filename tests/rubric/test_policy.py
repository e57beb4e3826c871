"""Rubric-wide policies: missing data, outliers, bands, units and the path's ceilings."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from readiness.rubric.policy import (
    Band,
    Ceiling,
    Imputation,
    MissingData,
    Outliers,
    PathPolicy,
    Role,
    Unit,
)


def _codes(exc: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return [str(e["type"]) for e in exc.value.errors()]


def test_missing_data_defaults_to_no_imputation_and_half_coverage() -> None:
    policy = MissingData()
    assert policy.imputation is Imputation.NONE and policy.min_coverage == 0.5


@pytest.mark.parametrize("method", ["group_mean", "group_median"])
def test_a_group_imputation_needs_its_group(method: str) -> None:
    assert MissingData(imputation=method, group="region").group == "region"  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="needs a 'group'") as exc:
        MissingData(imputation=method)  # type: ignore[arg-type]
    assert _codes(exc) == ["rubric-missing-data"]


@pytest.mark.parametrize("method", ["none", "indicator_mean", "indicator_median"])
def test_a_group_is_refused_without_a_group_imputation(method: str) -> None:
    with pytest.raises(ValidationError) as exc:
        MissingData(imputation=method, group="region")  # type: ignore[arg-type]
    assert _codes(exc) == ["rubric-missing-data"]


def test_outlier_defaults_are_coinrs() -> None:
    rule = Outliers()
    assert (rule.method, rule.skew, rule.kurtosis, rule.max_points) == ("none", 2.0, 3.5, 5)
    with pytest.raises(ValidationError):
        Outliers(skew=0)


@pytest.mark.parametrize("low", [-1, 100.5])
def test_a_band_starts_within_0_to_100(low: float) -> None:
    assert Band(label="x", min=100).min == 100
    with pytest.raises(ValidationError):
        Band(label="x", min=low)


def test_a_unit_is_assessed_unless_declared_a_reference() -> None:
    assert Unit(id="KAZ", name="Kazakhstan").role is Role.ASSESSED
    assert Unit.model_validate({"id": "CHL", "name": "Chile", "role": "reference"}).role is (
        Role.REFERENCE
    )
    with pytest.raises(ValidationError):
        Unit.model_validate({"id": "CHL", "name": "Chile", "role": "observer"})


def test_path_ceilings_are_a_named_ceiling_or_a_raw_value() -> None:
    data: dict[str, Any] = {"ceilings": {"law": "scale", "gdp": 42.5}}
    policy = PathPolicy.model_validate(data)
    assert policy.ceiling is Ceiling.BEST_OBSERVED
    assert policy.ceilings == {"law": Ceiling.SCALE, "gdp": 42.5}
    with pytest.raises(ValidationError):
        PathPolicy.model_validate({"ceilings": {"law": "highest"}})
