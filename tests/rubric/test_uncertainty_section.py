"""The rubric's `uncertainty:` and `path:` sections: defaults, and located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from readiness.problems import ReadinessError
from readiness.rubric import load_rubric, parse_rubric
from readiness.rubric.model import Ceiling, Uncertainty

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "rubrics" / "c5-critical-minerals.yaml"


def test_defaults() -> None:
    spec = Uncertainty()
    assert spec.weights.noise == 0.25 and spec.weights.of_level(2) == 0.25
    assert spec.normalisation == ("rubric",) and spec.values and not spec.leave_one_out
    assert spec.sobol.base_samples == 1024


def test_the_shipped_rubric_declares_its_analysis() -> None:
    rubric = load_rubric(SHIPPED)
    assert rubric.uncertainty is not None
    assert rubric.uncertainty.aggregation == ("rubric", "geometric")
    # ... at the index only: a geometric mean inside a pillar would collapse it on one
    # legitimate 0 ("none exists").
    assert rubric.uncertainty.aggregation_nodes == (rubric.root.id,)
    assert rubric.uncertainty.leave_one_out and rubric.uncertainty.values
    assert rubric.path.ceiling is Ceiling.BEST_ASSESSED  # peers, not the references (M5)


def _problems(extra: str) -> list[tuple[str, str]]:
    text = SHIPPED.read_text(encoding="utf-8").split("\nuncertainty:")[0] + extra
    with pytest.raises(ReadinessError) as info:
        parse_rubric(text, "r.yaml")
    return [(str(p.location), p.code) for p in info.value.problems]


def test_located_errors() -> None:
    prefix = SHIPPED.read_text(encoding="utf-8").split("\nuncertainty:")[0]
    n = prefix.count("\n") + 2  # the line of "uncertainty:" in the test file
    found = _problems(
        "\nuncertainty:\n"
        "  weights: {noise: 1.5}\n"
        "  normalisation: [rubric, {method: goalposts, low: 0, high: 1}]\n"
        "  sobol: {base_samples: 1000}\n"
        "  aggregation_nodes: [index, nosuch]\n"
        "path:\n"
        "  ceilings: {nosuch: 3, mining_code: 2.5}\n"
    )
    assert (f"r.yaml:{n + 1}:20 uncertainty.weights.noise", "rubric-out-of-range") in found
    assert (f"r.yaml:{n + 2}:27 uncertainty.normalisation[1]", "rubric-not-allowed") in found
    assert (f"r.yaml:{n + 3}:10 uncertainty.sobol", "rubric-invalid") in found
    assert (
        f"r.yaml:{n + 4}:30 uncertainty.aggregation_nodes[1]",
        "rubric-uncertainty-node",
    ) in found
    assert (f"r.yaml:{n + 6}:22 path.ceilings.nosuch", "rubric-ceiling") in found
    assert (f"r.yaml:{n + 6}:38 path.ceilings.mining_code", "rubric-ceiling") in found
    assert len(found) == 6
