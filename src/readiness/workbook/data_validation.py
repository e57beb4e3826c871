"""Excel data validation of the value cells: the level list or number range an indicator
allows, the as-of date range, and the Contested column's one word."""

from __future__ import annotations

from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.datavalidation import DataValidation

from readiness.inputs.parse import NOT_FOUND
from readiness.rubric.model import Indicator, Kind
from readiness.workbook import layout as L


def allowed_text(indicator: Indicator) -> str:
    """The "Unit or allowed levels" text of an indicator's rows."""
    if indicator.kind is Kind.NUMERIC:
        unit = indicator.unit or "number"
        lim = indicator.limits
        if lim is None or (lim.min is None and lim.max is None):
            return unit
        if lim.min is not None and lim.max is not None:
            return f"{unit}, {lim.min:g} to {lim.max:g}"
        return (
            f"{unit}, at least {lim.min:g}"
            if lim.min is not None
            else (f"{unit}, at most {lim.max:g}")
        )
    return " / ".join(lv.label for lv in indicator.scale)


def value_validation(indicator: Indicator, label_range: str | None) -> DataValidation:
    title = indicator.name if len(indicator.name) <= 32 else indicator.name[:31] + "…"
    if indicator.kind is not Kind.NUMERIC:
        assert label_range is not None
        dv = DataValidation(type="list", formula1=label_range, allow_blank=True)
        dv.error = "Choose one of the levels in the list (the Levels sheet defines them)."
        dv.prompt = _clip(f"Pick a level: {allowed_text(indicator)} (or {NOT_FOUND})", 255)
    else:
        lim = indicator.limits
        low = lim.min if lim is not None else None
        high = lim.max if lim is not None else None
        if low is not None and high is not None:
            dv = DataValidation(
                type="decimal",
                operator="between",
                formula1=_num(low),
                formula2=_num(high),
                allow_blank=True,
            )
            dv.error = f"Enter a number from {low:g} to {high:g}."
        elif low is not None:
            dv = DataValidation(
                type="decimal", operator="greaterThanOrEqual", formula1=_num(low), allow_blank=True
            )
            dv.error = f"Enter a number of at least {low:g}."
        elif high is not None:
            dv = DataValidation(
                type="decimal", operator="lessThanOrEqual", formula1=_num(high), allow_blank=True
            )
            dv.error = f"Enter a number of at most {high:g}."
        else:
            dv = DataValidation(
                type="decimal",
                operator="between",
                formula1="-1E+300",
                formula2="1E+300",
                allow_blank=True,
            )
            dv.error = "Enter a number (without units or spaces)."
        dv.prompt = _clip(f"Number in {indicator.unit or 'the unit shown'}", 255)
    dv.errorTitle = "Not allowed here"
    dv.promptTitle = title
    dv.showErrorMessage = True
    dv.showInputMessage = True
    dv.errorStyle = "stop"
    return dv


def _num(x: float) -> str:
    return repr(float(x)) if not float(x).is_integer() else str(int(x))


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def contested_validation() -> DataValidation:
    """The Contested cells of an indicator with levels: "yes" or empty."""
    dv = DataValidation(type="list", formula1=f'"{L.CONTESTED_YES}"', allow_blank=True)
    dv.error = "Type yes, or leave the cell empty."
    dv.errorTitle = "Not allowed here"
    dv.showErrorMessage = True
    return dv


def as_of_validation() -> DataValidation:
    """The As-of date cells: a full date between the oldest and latest the validator accepts."""
    dv = DataValidation(
        type="date",
        operator="between",
        formula1=str(int(to_excel(L.OLDEST_AS_OF))),
        formula2=str(int(to_excel(L.LATEST_AS_OF))),
        allow_blank=True,
    )
    dv.error = "Enter a full date, for example 2024-12-31 (not a year alone)."
    dv.errorTitle = "Not a date"
    dv.prompt = "The date the value describes (for a yearly figure, 31 December)."
    dv.promptTitle = "As-of date"
    dv.showErrorMessage = dv.showInputMessage = True
    return dv
