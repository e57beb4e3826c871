"""PDF scorecards: one per unit plus a regional overview, from a scored `Result`.

from readiness.report import render_reports
render_reports(result, "reports", paths=paths_to_next_band(result), jobs=2, html=True)
"""

from readiness.report.context import ReportSet, build_report_set
from readiness.report.render import (
    Document,
    TemplateFetcher,
    build_documents,
    render_pdf,
    render_pdfs,
    render_reports,
    resolve_templates,
)

__all__ = [
    "Document",
    "ReportSet",
    "TemplateFetcher",
    "build_documents",
    "build_report_set",
    "render_pdf",
    "render_pdfs",
    "render_reports",
    "resolve_templates",
]
