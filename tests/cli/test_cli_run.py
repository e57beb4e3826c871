"""`readiness run` and `readiness verify` are thin wrappers: each option reaches the one library
call, its answer is printed, and a failed verification exits 1. The run itself is tested end to
end in tests/cycle."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from click.testing import CliRunner

from readiness import api
from readiness.cli import main
from readiness.problems import ReadinessError


def _invoke(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), prog_name="readiness")


def test_run_passes_every_option_and_prints_the_ranking(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []

    def fake_run(**kwargs: Any) -> SimpleNamespace:
        kwargs["progress"]("validated")
        calls.append(kwargs)
        return SimpleNamespace(ranking="1  KAZ  61.0")

    monkeypatch.setattr(api, "run", fake_run)
    result = _invoke(
        "run", "--period", "2026-Q4", "--rubric", "r.yaml", "--inputs", "a.xlsx",
        "--inputs", "b.xlsx", "-o", "out", "--strict", "--jobs", "2",
        "--history", "h.sqlite", "--force", "--lang", "ru",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == "1  KAZ  61.0\n"
    assert result.stderr == "validated\n"  # progress goes to stderr
    (call,) = calls
    del call["progress"]
    assert call == {
        "rubric": Path("r.yaml"),
        "period": "2026-Q4",
        "inputs": (Path("a.xlsx"), Path("b.xlsx")),
        "out": Path("out"),
        "history": Path("h.sqlite"),
        "strict": True,
        "jobs": 2,
        "force": True,
        "language": "ru",
    }


def test_run_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(api, "run", lambda **kw: calls.append(kw) or SimpleNamespace(ranking=""))
    assert _invoke("run").exit_code == 0
    (call,) = calls
    assert (call["rubric"], call["period"], call["inputs"], call["out"]) == (
        None,
        None,
        (),
        Path("reports"),
    )
    assert (call["history"], call["strict"], call["jobs"], call["force"]) == (
        None,
        False,
        None,
        False,
    )
    assert call["language"] == "en"


def test_a_user_error_in_the_run_exits_1_without_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fail(**_: Any) -> None:
        raise ReadinessError("the inputs have errors")

    monkeypatch.setattr(api, "run", fail)
    result = _invoke("run")
    assert result.exit_code == 1
    assert "the inputs have errors" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize(("ok", "code"), [(True, 0), (False, 1)])
def test_verify_prints_each_file_and_exits_1_on_a_mismatch(
    monkeypatch: pytest.MonkeyPatch, ok: bool, code: int
) -> None:
    checks = [
        SimpleNamespace(status="ok", file="a.pdf"),
        SimpleNamespace(status="changed", file="b.csv"),
    ]
    found = SimpleNamespace(checks=checks, ok=ok, summary=lambda: "1 of 2 files changed")
    seen: list[Path] = []
    monkeypatch.setattr(api, "verify", lambda folder: seen.append(folder) or found)
    result = _invoke("verify", "reports/2026-Q4")
    assert result.exit_code == code
    assert seen == [Path("reports/2026-Q4")]
    assert result.stdout == "ok        a.pdf\nchanged   b.csv\n"
    assert result.stderr == "1 of 2 files changed\n"
