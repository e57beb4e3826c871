"""cycle.plan: what a run will do, found from the repository layout (the one rubric, the latest
period's files) or given; every discovery failure located."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pytest
from cycle_support import RUBRIC

from readiness.cycle.plan import PACKAGED_TEMPLATES, available_cpus, make_plan
from readiness.problems import ReadinessError
from readiness.workbook import layout

CSV = "unit,indicator,value\nAAA,code,5\n"


def _repo(root: Path, *names: str) -> Path:
    (root / "rubrics").mkdir(parents=True)
    (root / "rubrics" / "tiny.yaml").write_text(RUBRIC, encoding="utf-8")
    (root / "inputs").mkdir()
    for name in names:
        (root / "inputs" / name).write_text(CSV, encoding="utf-8")
    return root


def _problem(err: pytest.ExceptionInfo[ReadinessError]) -> tuple[str, str]:
    return err.value.problems[0].key()


def test_the_defaults_take_the_latest_period_and_its_reference_file(tmp_path: Path) -> None:
    root = _repo(tmp_path, "tiny-2025-Q4.csv", "tiny-2026-Q1.csv", "tiny-reference-2026-Q1.csv")
    plan = make_plan(root=root, jobs=3)
    assert (plan.rubric_id, plan.period) == ("tiny", "2026-Q1")
    assert plan.rubric.path == root / "rubrics" / "tiny.yaml"
    assert [p.name for p in plan.inputs] == ["tiny-2026-Q1.csv", "tiny-reference-2026-Q1.csv"]
    assert plan.out == Path("reports") and plan.history == Path("reports/history.sqlite")
    assert plan.folder == Path("reports/2026-Q1")
    assert plan.failed_folder == Path("reports/2026-Q1-failed")
    assert plan.next_period == "2026-Q2"
    assert (
        plan.templates == PACKAGED_TEMPLATES
        and (PACKAGED_TEMPLATES / "scorecard.html.j2").is_file()
    )
    assert (plan.jobs, plan.strict, plan.force) == (3, False, False)


def test_a_period_named_picks_that_periods_files(tmp_path: Path) -> None:
    root = _repo(tmp_path, "tiny-2025-Q4.csv", "tiny-2026-Q1.csv")
    plan = make_plan(root=root, period="2025-Q4", out="out", history="h.sqlite")
    assert [p.name for p in plan.inputs] == ["tiny-2025-Q4.csv"]
    assert (plan.folder, plan.history) == (Path("out/2025-Q4"), Path("h.sqlite"))
    with pytest.raises(ReadinessError) as err:
        make_plan(root=root, period="2024-Q4")
    assert _problem(err) == (str(root / "inputs"), "no-inputs")
    assert "named tiny-<period>.xlsx for period 2024-Q4 in this folder" in str(err.value)


def test_no_inputs_and_no_rubric_are_located(tmp_path: Path) -> None:
    with pytest.raises(ReadinessError) as err:
        make_plan(root=tmp_path)
    assert _problem(err) == (str(tmp_path / "rubrics"), "no-rubric")
    root = _repo(tmp_path)
    with pytest.raises(ReadinessError) as err:
        make_plan(root=root)
    assert _problem(err) == (str(root / "inputs"), "no-inputs")


def test_inputs_given_say_their_period_by_name_or_about_sheet(tmp_path: Path) -> None:
    root = _repo(tmp_path, "tiny-2026-Q1.csv")
    by_name = make_plan(root=root, inputs=[root / "inputs" / "tiny-2026-Q1.csv"])
    assert by_name.period == "2026-Q1"
    book = openpyxl.Workbook()
    book.active.title = layout.ABOUT
    book.active.append([layout.ABOUT_PERIOD, "2026-Q3"])
    book.save(tmp_path / "values.xlsx")
    assert make_plan(root=root, inputs=[tmp_path / "values.xlsx"]).period == "2026-Q3"
    assert make_plan(root=root, inputs=[tmp_path / "values.xlsx"], period="2027").period == "2027"
    (tmp_path / "odd.csv").write_text(CSV, encoding="utf-8")
    with pytest.raises(ReadinessError) as err:
        make_plan(root=root, inputs=[tmp_path / "odd.csv"])
    assert _problem(err) == (str(tmp_path / "odd.csv"), "no-period")


def test_every_missing_input_is_listed(tmp_path: Path) -> None:
    root = _repo(tmp_path, "tiny-2026-Q1.csv")
    with pytest.raises(ReadinessError) as err:
        make_plan(
            root=root,
            inputs=[tmp_path / "a.csv", root / "inputs" / "tiny-2026-Q1.csv", tmp_path / "b.csv"],
        )
    assert [p.key() for p in err.value.problems] == [
        (str(tmp_path / "a.csv"), "file-not-found"),
        (str(tmp_path / "b.csv"), "file-not-found"),
    ]


def test_an_explicit_rubric_and_its_declared_id(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    other = tmp_path / "mine.yaml"
    other.write_text(RUBRIC.replace("id: tiny", "id: small"), encoding="utf-8")
    (root / "inputs" / "small-2026.csv").write_text(CSV, encoding="utf-8")
    plan = make_plan(root=root, rubric=other)
    assert (plan.rubric_id, plan.period, plan.rubric.path) == ("small", "2026", other)


def test_available_cpus_is_this_process_affinity() -> None:
    assert available_cpus() == len(os.sched_getaffinity(0)) >= 1
