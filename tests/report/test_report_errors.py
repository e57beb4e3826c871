"""Bad templates and blocked resources: a clear message, exit 1, and no PDF left behind."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from report_support import RUBRIC, TEMPLATES, VALUES

from readiness.cli.report import report
from readiness.engine.paths import paths_to_next_band
from readiness.engine.result import Result
from readiness.problems import ReadinessError
from readiness.report import render_reports


def run(out: Path, templates: Path, *extra: str) -> tuple[int, str]:
    args = ["--rubric", str(RUBRIC), "--inputs", str(VALUES), "-o", str(out)]
    args += ["--templates", str(templates), *extra]
    res = CliRunner().invoke(report, args)
    return res.exit_code, res.output


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES, folder)
    return folder


def no_output(out: Path) -> bool:
    return not out.exists() or not any(out.iterdir())


def test_missing_template(templates: Path, tmp_path: Path) -> None:
    (templates / "scorecard.html.j2").unlink()
    code, output = run(tmp_path / "out", templates)
    assert code == 1
    assert "template 'scorecard.html.j2' not found" in output
    assert "Traceback" not in output
    assert no_output(tmp_path / "out")


def test_missing_templates_folder(tmp_path: Path) -> None:
    code, output = run(tmp_path / "out", tmp_path / "nowhere")
    assert code == 1
    assert "does not exist" in output
    assert no_output(tmp_path / "out")


def test_template_syntax_error_names_file_and_line(templates: Path, tmp_path: Path) -> None:
    page = templates / "regional.html.j2"
    page.write_text(page.read_text(encoding="utf-8") + "\n{% for x in %}\n", encoding="utf-8")
    code, output = run(tmp_path / "out", templates)
    assert code == 1
    assert "regional.html.j2:" in output and "template syntax error" in output
    assert no_output(tmp_path / "out")


def test_undefined_name_is_an_error_not_blank(templates: Path, tmp_path: Path) -> None:
    page = templates / "_headline.html.j2"  # a partial: the error names it and its line
    text = page.read_text(encoding="utf-8")
    line = text.splitlines().index(next(t for t in text.splitlines() if "{{ h.score }}" in t))
    page.write_text(text.replace("{{ h.score }}", "{{ h.scor }}"), encoding="utf-8")
    code, output = run(tmp_path / "out", templates)
    assert code == 1
    assert "template error" in output and "scor" in output
    assert f"_headline.html.j2:{line + 1}" in output
    assert no_output(tmp_path / "out")


@pytest.mark.parametrize(
    "css",
    [
        '@import url("file:///etc/passwd");',
        "body { background-image: url(file:///etc/passwd); }",
        "body { background-image: url(../outside.png); }",
        "h1 { background-image: url(http://127.0.0.1:9/x.png); }",
    ],
)
def test_css_that_reaches_outside_the_templates_is_refused(
    templates: Path, tmp_path: Path, css: str
) -> None:
    (tmp_path / "outside.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    sheet = templates / "report.css"
    sheet.write_text(css + "\n" + sheet.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "scorecard-KAZ.pdf").write_bytes(b"previous good run")
    code, output = run(out, templates)
    assert code == 1
    assert "blocked resource" in output
    assert "Traceback" not in output
    assert [p.name for p in out.iterdir()] == ["scorecard-KAZ.pdf"]
    assert (out / "scorecard-KAZ.pdf").read_bytes() == b"previous good run"


def test_failure_in_a_worker_process_is_reported(templates: Path, tmp_path: Path) -> None:
    sheet = templates / "report.css"
    sheet.write_text('@import url("file:///etc/passwd");\n' + sheet.read_text(encoding="utf-8"))
    code, output = run(tmp_path / "out", templates, "--jobs", "2")
    assert code == 1
    assert "blocked resource" in output
    assert no_output(tmp_path / "out")


def test_sandbox_refuses_python_internals(
    templates: Path, c5_result: Result, tmp_path: Path
) -> None:
    page = templates / "regional.html.j2"
    page.write_text("{{ doc.__class__.__mro__ }}", encoding="utf-8")
    with pytest.raises(ReadinessError, match="template error"):
        render_reports(
            c5_result,
            tmp_path / "out",
            templates_dir=templates,
            paths=paths_to_next_band(c5_result),
        )
    assert no_output(tmp_path / "out")


def test_jobs_must_be_positive(tmp_path: Path) -> None:
    res = CliRunner().invoke(
        report, ["--rubric", str(RUBRIC), "--inputs", str(VALUES), "--jobs", "0"]
    )
    assert res.exit_code == 2


def test_unknown_fixed_indicator(tmp_path: Path) -> None:
    res = CliRunner().invoke(
        report,
        ["--rubric", str(RUBRIC), "--inputs", str(VALUES), "-o", str(tmp_path), "--fixed", "nope"],
    )
    assert res.exit_code == 1
    assert "nope" in res.output


def test_help_has_an_example() -> None:
    res = CliRunner().invoke(report, ["--help"])
    assert res.exit_code == 0
    assert "Example:" in res.output


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("{{ 1 // 0 }}", "ZeroDivisionError"),
        ("{% for i in range(10**9) %}x{% endfor %}", "Range too big"),
        ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", "RecursionError"),
        (b"\xff\xfe not utf-8 \x91", "UnicodeDecodeError"),
        ("{{ 'x' * 10**9 }}", "repetition longer than 1,000,000 items"),
        ("{{ [0] * 10**8 }}", "repetition longer than 1,000,000 items"),
        ("{{ 2 ** 1000000 }}", "exponent 1000000 is larger than 64"),
    ],
)
def test_a_template_that_fails_at_run_time_is_a_user_error(
    templates: Path, tmp_path: Path, text: str | bytes, why: str
) -> None:
    target = templates / "regional.html.j2"
    target.write_bytes(text if isinstance(text, bytes) else text.encode())
    code, output = run(tmp_path / "out", templates)
    assert code == 1, output
    # file, then the template line when jinja knows it
    assert re.search(re.escape(str(target)) + r"(:\d+)?: error: template error:", output), output
    assert why in output
    assert no_output(tmp_path / "out")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_html_nested_too_deeply_is_a_user_error(templates: Path, tmp_path: Path, jobs: str) -> None:
    base = templates / "base.html.j2"
    nested = "<div>" * 5000 + "x" + "</div>" * 5000
    base.write_text(base.read_text().replace("<body>", "<body>" + nested, 1))
    code, output = run(tmp_path / "out", templates, "--jobs", jobs)
    assert code == 1, output
    assert "nested too deeply" in output
    assert no_output(tmp_path / "out")


def test_an_unwritable_result_file_stops_the_run_before_any_pdf(
    templates: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    (out / "scores.xlsx").mkdir(parents=True)
    code, output = run(out, templates)
    assert code == 1, output
    assert "output-is-folder" in output
    assert sorted(p.name for p in out.iterdir()) == ["scores.xlsx"]


def test_an_unwritable_pdf_stops_the_run_before_any_pdf(templates: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "scorecard-KGZ.pdf").mkdir(parents=True)
    code, output = run(out, templates)
    assert code == 1, output
    assert sorted(p.name for p in out.iterdir()) == ["scorecard-KGZ.pdf"]
