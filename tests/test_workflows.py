"""The GitHub workflows run exactly the README's two commands: the quarterly job its main-job
command, the tests workflow (and .ci/run) its test command."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"


def readme_commands() -> dict[str, str]:
    """{"main": ..., "tests": ...} from the README's "Two commands" block."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Two commands\n.*?```sh\n(.*?)```", text, re.DOTALL)
    assert block is not None, "README has no 'Two commands' block"
    lines = [line.strip() for line in block.group(1).splitlines() if line.strip()]
    commands = [line for line in lines if not line.startswith("#")]
    comments = [line for line in lines if line.startswith("#")]
    assert len(commands) == 2 and len(comments) == 2
    assert "main job" in comments[0] and "tests" in comments[1]
    return {"main": commands[0], "tests": commands[1]}


def load(name: str) -> dict[Any, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    found = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as True
    assert isinstance(found, dict)
    return found


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def runs(workflow: dict[Any, Any]) -> list[str]:
    return [str(step["run"]).strip() for step in steps(workflow) if "run" in step]


def test_the_readme_names_the_two_commands() -> None:
    commands = readme_commands()
    assert commands["main"] == "bash scripts/setup.sh && .venv/bin/readiness run"
    assert commands["tests"] == "bash scripts/setup.sh && .venv/bin/python -m pytest"


def test_the_quarterly_job_runs_the_readme_main_job() -> None:
    workflow = load("quarterly.yml")
    on = triggers(workflow)
    assert "workflow_dispatch" in on
    [cron] = [entry["cron"] for entry in on["schedule"]]
    _minute, _hour, day, months, weekday = cron.split()
    assert months == "1,4,7,10" and weekday == "*"  # once after each quarter ends
    assert 1 <= int(day) <= 15
    assert readme_commands()["main"] in runs(workflow)  # as one step, exactly
    # no other step sets up or runs the job differently
    others = [r for r in runs(workflow) if r != readme_commands()["main"]]
    assert not [r for r in others if "setup.sh" in r or "pip install" in r]


def test_the_quarterly_job_uploads_the_period_folder_or_the_problems() -> None:
    workflow = load("quarterly.yml")
    uploads = [s for s in steps(workflow) if str(s.get("uses", "")).startswith("actions/upload")]
    paths = {s["with"]["path"]: s.get("if") for s in uploads}
    assert paths["reports/${{ steps.period.outputs.period }}/"] == "success()"
    assert paths["reports/*-failed/"] == "failure()"
    summary = [r for r in runs(workflow) if "GITHUB_STEP_SUMMARY" in r]
    assert summary and ".venv/bin/readiness run" in summary[0]  # the ranking, reused folder


def test_the_tests_workflow_runs_the_readme_test_command() -> None:
    workflow = load("tests.yml")
    on = triggers(workflow)
    assert "push" in on and "pull_request" in on
    assert runs(workflow) == [readme_commands()["tests"]]
    [job] = workflow["jobs"].values()
    assert job["env"]["CI"] == "true"
    checkouts = [
        s for s in steps(workflow) if str(s.get("uses", "")).startswith("actions/checkout")
    ]
    assert {s["with"]["path"] for s in checkouts} == {"readiness", "shared"}  # ../shared


def test_ci_run_is_the_readme_test_command() -> None:
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()["tests"] in text.splitlines()
