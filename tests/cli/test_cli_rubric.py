"""`readiness rubric check` and `readiness rubric schema`: located problems, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import RUBRIC, located, make_workdir, run


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return make_workdir(tmp_path, monkeypatch)


# --- rubric check ------------------------------------------------------------------------------


def test_rubric_check_ok(workdir: Path) -> None:
    result = run("rubric", "check", "r.yaml")
    assert result.exit_code == 0
    assert result.stdout == "r.yaml: ok (2 indicators, 2 nodes)\n"


def test_rubric_check_reports_every_problem_located(workdir: Path) -> None:
    bad = RUBRIC.replace("parent: p, normalisation", "parent: q, normalisation").replace(
        "high: 100", "high: -5"
    )
    (workdir / "bad.yaml").write_text(bad + "colour: red\n", encoding="utf-8")
    result = run("rubric", "check", "r.yaml", "bad.yaml")
    assert result.exit_code == 1
    assert "r.yaml: ok" in result.stdout
    assert "Traceback" not in result.output
    assert located(result.stderr) == [
        ("bad.yaml:11:34", "rubric-unknown-parent"),  # parent 'q' is not declared
        ("bad.yaml:11:52", "rubric-goalposts"),  # goalposts inverted
        ("bad.yaml:20:1", "rubric-unknown-field"),  # unknown key colour
    ]
    assert "parent 'q' is not a declared node" in result.stderr


def test_rubric_check_missing_file_is_a_user_error(workdir: Path) -> None:
    result = run("rubric", "check", "absent.yaml")
    assert result.exit_code == 1
    assert "absent.yaml: error: no such rubric file [file-not-found]" in result.stderr
    assert "Traceback" not in result.output


def test_rubric_schema_prints_the_schema() -> None:
    result = run("rubric", "schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["title"] == "readiness rubric"


# --- translations -------------------------------------------------------------------------------

SHIPPED = Path(__file__).resolve().parents[2] / "rubrics"


def test_rubric_check_checks_a_translation_against_the_rubric_beside_it(tmp_path: Path) -> None:
    for name in ("c5-critical-minerals.yaml", "c5-critical-minerals.ru.yaml"):
        (tmp_path / name).write_bytes((SHIPPED / name).read_bytes())
    ru = tmp_path / "c5-critical-minerals.ru.yaml"
    result = run("rubric", "check", str(ru))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{ru}: ok (ru text of c5-critical-minerals 2.0.0)\n"

    text = ru.read_text(encoding="utf-8")
    at = text.splitlines().index(next(ln for ln in text.splitlines() if ln.startswith("title:")))
    ru.write_text(text.replace("\ntitle: ", '\ntitle: ""\nx_title: ', 1), encoding="utf-8")
    result = run("rubric", "check", str(ru))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert located(result.stderr) == [
        (f"{ru}:{at + 1}:8", "translation-invalid"),  # the emptied title
        (f"{ru}:{at + 2}:1", "translation-unknown"),  # the field it was moved to
    ]


def test_a_translation_without_its_rubric_is_a_located_user_error(tmp_path: Path) -> None:
    ru = tmp_path / "lost.ru.yaml"
    ru.write_bytes((SHIPPED / "c5-critical-minerals.ru.yaml").read_bytes())
    result = run("rubric", "check", str(ru))
    assert result.exit_code == 1
    assert f"{ru}: error: the rubric this translates is not beside it (no lost.yaml)" in (
        result.stderr
    )


def test_rubric_schema_prints_the_translation_schema() -> None:
    result = run("rubric", "schema", "--translation")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["title"] == "readiness rubric translation"
