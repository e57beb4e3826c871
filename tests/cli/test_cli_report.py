"""`readiness report` is a thin wrapper over `api.report`: every option reaches it, the files it
wrote are printed one a line. Rendering itself is tested in tests/report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from readiness import api
from readiness.cli import main


def _fake(calls: list[tuple[tuple[Any, ...], dict[str, Any]]]) -> Any:
    def report(*args: Any, **kwargs: Any) -> list[Path]:
        kwargs["progress"]("rendering")
        calls.append((args, kwargs))
        return [Path("out/scorecard-KAZ.pdf"), Path("out/regional-overview.pdf")]

    return report


def test_every_option_reaches_the_library(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    monkeypatch.setattr(api, "report", _fake(calls))
    result = CliRunner().invoke(
        main,
        [
            "report", "--rubric", "r.yaml", "--inputs", "a.xlsx", "--inputs", "b.xlsx",
            "-o", "out", "--templates", "tpl", "--jobs", "3", "--html", "--period", "2026-Q4",
            "--previous", "prev.xlsx", "--fixed", "coast", "--fixed", "area",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == "out/scorecard-KAZ.pdf\nout/regional-overview.pdf\n"
    assert result.stderr == "rendering\n"
    ((args, kwargs),) = calls
    assert args == (Path("r.yaml"), [Path("a.xlsx"), Path("b.xlsx")], Path("out"))
    del kwargs["progress"]
    assert kwargs == {
        "period": "2026-Q4",
        "previous_path": Path("prev.xlsx"),
        "templates_dir": Path("tpl"),
        "jobs": 3,
        "html": True,
        "fixed": ("coast", "area"),
    }


def test_without_fixed_the_rubric_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    monkeypatch.setattr(api, "report", _fake(calls))
    result = CliRunner().invoke(main, ["report", "--rubric", "r.yaml", "--inputs", "a.csv"])
    assert result.exit_code == 0, result.output
    ((_, kwargs),) = calls
    assert kwargs["fixed"] is None and kwargs["previous_path"] is None
    assert kwargs["html"] is False and kwargs["templates_dir"] is None


def test_rubric_and_inputs_are_required() -> None:
    result = CliRunner().invoke(main, ["report", "--rubric", "r.yaml"])
    assert result.exit_code == 2 and "--inputs" in result.output
