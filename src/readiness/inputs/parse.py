"""Turn one typed cell into a raw value for an indicator, or say plainly why it cannot be."""

from __future__ import annotations

import math

from readiness.rubric.model import Indicator, Kind

# Larger raw values overflow the arithmetic (x * 100, x - y) to inf or NaN: refuse them.
MAX_MAGNITUDE = 1e300

# Typed in place of a value: the evidence could not be found. It reads as missing (never 0),
# unlike an indicator's lowest level, which is an answer ("none exists") and is scored.
NOT_FOUND = "not found"

_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}


class CellError(ValueError):
    """A cell that cannot be a value for its indicator; `code` is the stable problem code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def is_not_found(cell: object) -> bool:
    """Whether a cell says "not found" (any case, surrounding spaces ignored)."""
    return isinstance(cell, str) and " ".join(cell.split()).casefold() == NOT_FOUND


def parse_value(indicator: Indicator, cell: object) -> float:
    """Raw value of `cell` for `indicator`; NaN when the cell is empty or says "not found"
    (missing, never 0).

    Numeric: a number (text like '12.5' accepted). Categorical: a level's label (any case) or
    its number. Yes/no: yes/no, true/false or 1/0. Hard limits are enforced.
    """
    if cell is None or (isinstance(cell, str) and not cell.strip()) or is_not_found(cell):
        return math.nan
    if isinstance(cell, float) and math.isnan(cell):
        return math.nan
    if indicator.kind is Kind.NUMERIC:
        value = parse_number(cell)
        if value is None:
            raise CellError(
                "not-a-number", f"{cell!r} is not a number ({indicator.unit})".replace(" ()", "")
            )
        if abs(value) > MAX_MAGNITUDE:
            raise CellError("out-of-limits", too_large(value))
        limits = indicator.limits
        if limits is not None and (
            (limits.min is not None and value < limits.min)
            or (limits.max is not None and value > limits.max)
        ):
            lo = "-inf" if limits.min is None else f"{limits.min:g}"
            hi = "inf" if limits.max is None else f"{limits.max:g}"
            raise CellError("out-of-limits", f"{value:g} is outside the allowed range {lo} to {hi}")
        return value
    text = str(cell).strip()
    if indicator.kind is Kind.YES_NO and not isinstance(cell, bool):
        low = text.casefold()
        if low in _YES:
            return 1.0
        if low in _NO:
            return 0.0
    if isinstance(cell, bool):  # TRUE/FALSE typed into a categorical cell
        if indicator.level_for(float(cell)) is not None:
            return float(cell)
        text = "TRUE" if cell else "FALSE"
    for level in indicator.scale:
        if level.label.strip().casefold() == text.casefold():
            return level.value
    number = parse_number(cell)
    if number is not None and indicator.level_for(number) is not None:
        return number
    allowed = ", ".join(lv.label for lv in indicator.scale)
    raise CellError(
        "unknown-level", f"{text!r} is not a level of {indicator.id}; use one of: {allowed}"
    )


def parse_number(cell: object) -> float | None:
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int | float):
        value = float(cell)
    else:
        try:
            value = float(str(cell).strip().replace(",", ""))
        except ValueError:
            return None
    return value if math.isfinite(value) else None


def too_large(value: float) -> str:
    return f"{value:g} is too large to score (over {MAX_MAGNITUDE:g}); check the value and its unit"
