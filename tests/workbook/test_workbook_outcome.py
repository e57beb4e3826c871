"""The outcome of validation: errors and warnings, a capped terminal table, complete JSON."""

from __future__ import annotations

import json

from readiness.problems import Location, Problem, lookup
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


def test_the_russian_summary_counts_in_russian() -> None:
    assert _report().summary("ru") == "w.xlsx: 1 ошибка, 2 предупреждения"
    clean = WorkbookReport("w.xlsx", [])
    assert clean.summary("ru") == "w.xlsx: 0 ошибок, 0 предупреждений"


def test_the_russian_table_reads_in_russian_and_keeps_the_english_detail() -> None:
    problems = _report().problems
    english = problems_table(problems)
    assert problems_table(problems, language="en") == english
    table = problems_table(problems, limit=2, language="ru")
    lines = table.splitlines()
    assert lines[0].split() == ["место", "важность", "код", "описание"]
    assert lines[1].startswith("файл «w.xlsx», лист «Values», ячейка G2  предупреждение  ")
    number = lookup("not-a-number")
    assert lines[2].endswith(
        f"{number.meaning_in('ru')} {number.action_in('ru')} (the text 'x' is not a number)"
    )
    assert " ошибка " in lines[2] and "not-a-number" in lines[2]
    assert len(lines) == 4 and lines[-1].startswith("... и ещё 1 замечание не показано")
    # The columns line up: each code starts where the header's does.
    start = lines[0].index("код")
    assert [line[start:].split()[0] for line in lines[1:3]] == ["missing-value", "not-a-number"]


def test_russian_json_adds_meaning_and_action_and_keeps_everything_else() -> None:
    english = json.loads(problems_json(_report()))
    assert "language" not in english and "meaning" not in english["problems"][0]
    body = json.loads(problems_json(_report(), language="ru"))
    assert body.pop("language") == "ru"
    for plain, russian in zip(english["problems"], body["problems"], strict=True):
        entry = lookup(plain["code"])
        assert russian.pop("meaning") == entry.meaning_in("ru")
        assert russian.pop("action") == entry.action_in("ru")
        assert russian == plain  # keys, codes, locations and the message stay as they are
    body["problems"] = english["problems"]
    assert body == english
