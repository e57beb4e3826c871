"""report.context.path: the path to the next band in words."""

from __future__ import annotations

from report_support import card

from readiness.engine.paths import paths_to_next_band
from readiness.engine.result import Result
from readiness.report import build_report_set
from readiness.report.context import ReportSet


def test_path_sections(c5_report: ReportSet) -> None:
    kgz = card(c5_report, "KGZ").path
    assert kgz.lead.startswith("Kyrgyzstan scores 39.7 (Early-stage), 0.3 points below Emerging")
    assert len(kgz.steps) == 1
    assert "Emerging" in kgz.outcome
    kaz = card(c5_report, "KAZ").path
    assert "already in the top band" in kaz.lead
    tjk = card(c5_report, "TJK").path
    assert "no index score" in tjk.lead and "between" in tjk.outcome


def test_fixed_indicators_leave_geography_alone(c5_result: Result) -> None:
    geography = {"caspian_access", "transit_borders"}
    fixed = build_report_set(c5_result, paths=paths_to_next_band(c5_result, geography))
    path = card(fixed, "KGZ").path
    assert all("Caspian" not in s.name and "Transit" not in s.name for s in path.steps)
    assert "Never proposed (fixed): Own Caspian port" in path.method_note
