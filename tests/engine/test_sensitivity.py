"""Sobol indices with SALib: its estimator on the Ishigami function against the analytic
indices, and on a rubric where one indicator's values dominate the ranks."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

from readiness import api
from readiness.engine.sensitivity import sensitivity, sobol_indices
from readiness.inputs.values import Values, from_matrix
from readiness.rubric.model import Uncertainty

A, B = 7.0, 0.1


def ishigami(u: np.ndarray) -> np.ndarray:
    """f(x) = sin x1 + a sin^2 x2 + b x3^4 sin x1, x_i ~ U[-pi, pi] (Ishigami and Homma 1990)."""
    x = -np.pi + 2 * np.pi * u
    return np.sin(x[:, 0]) + A * np.sin(x[:, 1]) ** 2 + B * x[:, 2] ** 4 * np.sin(x[:, 0])


def ishigami_analytic() -> tuple[np.ndarray, np.ndarray]:
    """V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2; V1 = (1 + b pi^4/5)^2 / 2; V2 = a^2/8;
    V13 = b^2 pi^8 (1/18 - 1/50); S_i = V_i / V, ST1 = (V1 + V13) / V, ST2 = S2, ST3 = V13 / V
    (Saltelli et al. 2008, Global Sensitivity Analysis: The Primer, section 4.4)."""
    pi4, pi8 = np.pi**4, np.pi**8
    v = A**2 / 8 + B * pi4 / 5 + B**2 * pi8 / 18 + 0.5
    v1, v2, v13 = (1 + B * pi4 / 5) ** 2 / 2, A**2 / 8, B**2 * pi8 * (1 / 18 - 1 / 50)
    return np.array([v1, v2, 0.0]) / v, np.array([v1 + v13, v2, v13]) / v


def test_salib_estimator_on_ishigami() -> None:
    first, total = ishigami_analytic()
    assert_allclose(first, [0.3139, 0.4424, 0.0], atol=1e-4)
    assert_allclose(total, [0.5576, 0.4424, 0.2437], atol=1e-4)
    runs, _, indices = sobol_indices(
        ishigami, ["x1", "x2", "x3"], None, 8192, np.random.default_rng(2024)
    )
    assert runs == 8192 * 5
    assert_allclose([i.first for i in indices], first, atol=0.03)
    assert_allclose([i.total for i in indices], total, atol=0.03)
    for i, s1, st in zip(indices, first, total, strict=True):
        assert abs(i.first - s1) < 3 * i.first_conf + 0.01
        assert abs(i.total - st) < 3 * i.total_conf + 0.01


def test_the_dominant_indicator_has_the_largest_total_index(make_rubric: Any) -> None:
    """Four units close on `dom`, whose values are uncertain over a wide interval; the other
    indicators' intervals are narrow and their values far apart. The ranks move with `dom`."""
    goal = {"method": "goalposts", "low": 0, "high": 100}
    rubric = make_rubric(
        {k: {"parent": "p", "normalisation": goal} for k in ("dom", "b", "c")},
        {"idx": {}, "p": {"parent": "idx"}},
    )
    frame = pd.DataFrame(
        {"dom": [50.0, 52.0, 54.0, 56.0], "b": [10.0, 40.0, 70.0, 90.0], "c": [50.0] * 4},
        index=["W", "X", "Y", "Z"],
    )
    values = from_matrix(frame)
    table = values.table.copy()
    dom = table["indicator"] == "dom"
    table.loc[dom, "low"] = table.loc[dom, "value"] - 40
    table.loc[dom, "high"] = table.loc[dom, "value"] + 40
    rest = ~dom
    table.loc[rest, "low"] = table.loc[rest, "value"] - 1
    table.loc[rest, "high"] = table.loc[rest, "value"] + 1
    spec = Uncertainty.model_validate(
        {"weights": {"noise": 0.1}, "sobol": {"base_samples": 512, "resamples": 50}}
    )
    result = api.score(rubric.model_copy(update={"uncertainty": spec}), Values(table, values.units))
    sens = sensitivity(result, seed=4)
    assert sens.indices[0].group == "value: dom"
    assert sens.indices[0].total > 0.5
    others = [i.total for i in sens.indices[1:]]
    assert max(others) < sens.indices[0].total / 2
    assert sens.runs == 512 * (len(sens.indices) + 2)


def test_nothing_uncertain_gives_zero_indices(make_rubric: Any) -> None:
    rubric = make_rubric({"a": {"parent": "p"}}, {"idx": {}, "p": {"parent": "idx"}})
    spec = Uncertainty.model_validate({"weights": {"noise": 0.2}, "sobol": {"base_samples": 64}})
    frame = pd.DataFrame({"a": [1.0, 2.0]}, index=["X", "Y"])
    result = api.score(rubric.model_copy(update={"uncertainty": spec}), from_matrix(frame))
    sens = sensitivity(result)
    assert sens.variance == 0.0
    assert all(i.total == 0.0 for i in sens.indices)
    assert pytest.approx(0.0) == sum(i.first for i in sens.indices)
