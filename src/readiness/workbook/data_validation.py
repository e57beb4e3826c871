"""Excel data validation of the value cells: the level list or number range an indicator
allows, the as-of date range, and the Contested column's one word, in the workbook's language."""

from __future__ import annotations

from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.datavalidation import DataValidation

from readiness.i18n.workbook import EN, WorkbookText
from readiness.rubric.model import Indicator, Kind
from readiness.workbook import layout as L


def allowed_text(indicator: Indicator, text: WorkbookText = EN) -> str:
    """The "Unit or allowed levels" text of an indicator's rows."""
    if indicator.kind is Kind.NUMERIC:
        unit = indicator.unit or text.number
        lim = indicator.limits
        if lim is None or (lim.min is None and lim.max is None):
            return unit
        if lim.min is not None and lim.max is not None:
            return text.range_between.format(unit=unit, low=f"{lim.min:g}", high=f"{lim.max:g}")
        if lim.min is not None:
            return text.range_at_least.format(unit=unit, low=f"{lim.min:g}")
        return text.range_at_most.format(unit=unit, high=f"{lim.max:g}")
    return " / ".join(lv.label for lv in indicator.scale)


def value_validation(
    indicator: Indicator, label_range: str | None, text: WorkbookText = EN
) -> DataValidation:
    title = indicator.name if len(indicator.name) <= 32 else indicator.name[:31] + "…"
    if indicator.kind is not Kind.NUMERIC:
        assert label_range is not None
        dv = DataValidation(type="list", formula1=label_range, allow_blank=True)
        dv.error = text.level_error
        levels = allowed_text(indicator, text)
        dv.prompt = _clip(text.pick_level.format(levels=levels, not_found=text.not_found), 255)
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
            dv.error = text.number_between.format(low=f"{low:g}", high=f"{high:g}")
        elif low is not None:
            dv = DataValidation(
                type="decimal", operator="greaterThanOrEqual", formula1=_num(low), allow_blank=True
            )
            dv.error = text.number_at_least.format(low=f"{low:g}")
        elif high is not None:
            dv = DataValidation(
                type="decimal", operator="lessThanOrEqual", formula1=_num(high), allow_blank=True
            )
            dv.error = text.number_at_most.format(high=f"{high:g}")
        else:
            dv = DataValidation(
                type="decimal",
                operator="between",
                formula1="-1E+300",
                formula2="1E+300",
                allow_blank=True,
            )
            dv.error = text.number_any
        prompt = (
            text.number_prompt.format(unit=indicator.unit)
            if indicator.unit
            else text.number_prompt_no_unit
        )
        dv.prompt = _clip(prompt, 255)
    dv.errorTitle = text.not_allowed
    dv.promptTitle = title
    dv.showErrorMessage = True
    dv.showInputMessage = True
    dv.errorStyle = "stop"
    return dv


def _num(x: float) -> str:
    return repr(float(x)) if not float(x).is_integer() else str(int(x))


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def contested_validation(text: WorkbookText = EN) -> DataValidation:
    """The Contested cells of an indicator with levels: "yes" (in the workbook's language) or
    empty."""
    dv = DataValidation(type="list", formula1=f'"{text.yes}"', allow_blank=True)
    dv.error = text.contested_error
    dv.errorTitle = text.not_allowed
    dv.showErrorMessage = True
    return dv


def as_of_validation(text: WorkbookText = EN) -> DataValidation:
    """The As-of date cells: a full date between the oldest and latest the validator accepts."""
    dv = DataValidation(
        type="date",
        operator="between",
        formula1=str(int(to_excel(L.OLDEST_AS_OF))),
        formula2=str(int(to_excel(L.LATEST_AS_OF))),
        allow_blank=True,
    )
    dv.error = text.date_error
    dv.errorTitle = text.date_error_title
    dv.prompt = text.date_prompt
    dv.promptTitle = text.date_prompt_title
    dv.showErrorMessage = dv.showInputMessage = True
    return dv
