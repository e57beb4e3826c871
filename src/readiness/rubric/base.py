"""The base of every rubric model: a strict, frozen pydantic model, identifiers, and validation
errors that carry a registered problem code."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_.-]*$"
Id = Annotated[str, Field(pattern=ID_PATTERN, min_length=1, max_length=64)]


def invalid(code: str, message: str) -> PydanticCustomError:
    """A validation error whose type is a registered problem code (readiness.problems), so the
    loader reports `code` rather than a generic one."""
    return PydanticCustomError(code, "{message}", {"message": message})


class Strict(BaseModel):
    """Base for every rubric model: unknown keys are errors, models are immutable."""

    # allow_inf_nan=False: `.inf` passes `ge=0` and `.nan` slips past comparisons; neither is a
    # weight, goalpost, limit or age anyone means, and both turn every score into NaN or inf.
    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=False, allow_inf_nan=False
    )
