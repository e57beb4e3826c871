"""The officials' Excel workbook: write the template, validate a filled one, annotate problems."""

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
