"""Build small rubrics and values in code (imported by module name from any test: pytest puts
tests/ on sys.path; the session fixtures make_rubric and make_values in conftest.py hand out the
same functions)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from readiness.inputs.values import Values, from_matrix
from readiness.rubric.model import Rubric


def build_rubric(
    indicators: Mapping[str, Mapping[str, Any]],
    nodes: Mapping[str, Mapping[str, Any]],
    **policy: Any,
) -> Rubric:
    """A rubric from `{id: fields}` maps (names default to the id), validated by pydantic.

    Example: build_rubric({"a": {"parent": "p"}}, {"idx": {}, "p": {"parent": "idx"}}).
    """
    data: dict[str, Any] = {
        "id": "test",
        "title": "Test rubric",
        "version": "0",
        "nodes": [{"id": k, "name": k, **v} for k, v in nodes.items()],
        "indicators": [{"id": k, "name": k, **v} for k, v in indicators.items()],
        **policy,
    }
    return Rubric.model_validate(data)


def build_values(rows: Mapping[str, Mapping[str, float]], **kwargs: Any) -> Values:
    """Values from `{unit: {indicator: value}}` (NaN or an absent key = missing)."""
    frame = pd.DataFrame.from_dict(rows, orient="index", dtype=float)
    return from_matrix(frame, **kwargs)
