"""The outcome of validation: errors and warnings, a capped terminal table, complete JSON."""

from __future__ import annotations

import json

from readiness.problems import Location, Problem
from readiness.workbook.outcome import WorkbookReport, problems_json, problems_table


def _report() -> WorkbookReport:
    where = Location(file="w.xlsx", sheet="Values", cell="G2")
    problems = [
        Problem("missing-value", "no value", where),  # a warning
        Problem("not-a-number", "the text 'x' is not a number", where),  # an error
        Problem("stale-value", "old", where),
    ]
    return WorkbookReport("w.xlsx", problems, period="2026-Q4")


def test_errors_warnings_and_strict() -> None:
    report = _report()
    assert [p.code for p in report.errors] == ["not-a-number"]
    assert [p.code for p in report.warnings] == ["missing-value", "stale-value"]
    assert report.failed() and report.summary() == "w.xlsx: 1 error, 2 warnings"
    only_warnings = WorkbookReport("w.xlsx", report.warnings)
    assert not only_warnings.failed() and only_warnings.failed(strict=True)


def test_the_table_is_capped_and_counts_the_rest() -> None:
    table = problems_table(_report().problems, limit=2)
    lines = table.splitlines()
    assert lines[0].split() == ["location", "severity", "code", "message"]
    assert len(lines) == 4 and "and 1 more problem not shown" in lines[-1]
    assert "1 more problems" not in table


def test_json_keeps_every_problem_located() -> None:
    body = json.loads(problems_json(_report()))
    assert (body["errors"], body["warnings"], body["period"]) == (1, 2, "2026-Q4")
    assert [p["cell"] for p in body["problems"]] == ["G2"] * 3
