"""Fixtures for the workbook tests (helpers live in workbook_support.py)."""

from workbook_support import make_workbook, rubric, template_workbook

__all__ = ["make_workbook", "rubric", "template_workbook"]
