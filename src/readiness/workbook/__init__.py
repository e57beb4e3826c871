"""The officials' Excel workbook: write the template, validate a filled one, annotate problems.

The names below load on first use: validating a workbook must not import openpyxl's writer or
pandas, which the template and the annotated copy need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from readiness.workbook.annotate import annotate_workbook
    from readiness.workbook.read import read_values
    from readiness.workbook.template import write_template
    from readiness.workbook.validate import WorkbookReport, validate_workbook

__all__ = [
    "WorkbookReport",
    "annotate_workbook",
    "read_values",
    "validate_workbook",
    "write_template",
]

_HOME = {
    "WorkbookReport": "validate",
    "annotate_workbook": "annotate",
    "read_values": "read",
    "validate_workbook": "validate",
    "write_template": "template",
}


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module 'readiness.workbook' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"readiness.workbook.{_HOME[name]}"), name)
