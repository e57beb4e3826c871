"""`readiness score`: exit codes, located problems, no tracebacks, and the files it writes
(deterministic, formula-safe)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from cli_support import GOOD_VALUES, RUBRIC, located, make_workdir, run
from click.testing import CliRunner

from readiness.cli import main


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return make_workdir(tmp_path, monkeypatch)


# --- score -------------------------------------------------------------------------------------


@pytest.mark.parametrize("existing", [False, True], ids=["new-dir", "empty-dir"])
def test_score_bad_values_lists_every_problem_and_writes_nothing(
    workdir: Path, existing: bool
) -> None:
    out = workdir / "out"
    if existing:
        out.mkdir()
    result = run("score", "--rubric", "r.yaml", "--inputs", "bad.csv", "-o", "out")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert located(result.stderr) == [
        ("bad.csv:2:3", "not-a-number"),
        ("bad.csv:3:1", "unknown-unit"),
        ("bad.csv:4:2", "unknown-indicator"),
        ("bad.csv:5:3", "unknown-level"),
        ("bad.csv:7:2", "duplicate-row"),
    ]
    assert "bad.csv: values are invalid: 5 problems" in result.stderr
    assert "'statute' is not a level of this indicator; choose one of 'none', 'draft', 'law'" in (
        result.stderr
    )
    assert result.stdout == ""
    if existing:
        assert list(out.iterdir()) == []
    else:
        assert not out.exists()


def test_score_bad_rubric_writes_nothing(workdir: Path) -> None:
    (workdir / "r.yaml").write_text(RUBRIC + "colour: red\n", encoding="utf-8")
    result = run("score", "--rubric", "r.yaml", "--inputs", "good.csv", "-o", "out")
    assert result.exit_code == 1
    assert located(result.stderr) == [("r.yaml:20:1", "rubric-unknown-field")]
    assert not (workdir / "out").exists()


def test_score_missing_inputs_file(workdir: Path) -> None:
    result = run("score", "--rubric", "r.yaml", "--inputs", "absent.csv", "-o", "out")
    assert result.exit_code == 1
    assert "absent.csv: error: no such file [file-not-found]" in result.stderr
    assert not (workdir / "out").exists()


def test_score_writes_results_deterministically(workdir: Path) -> None:
    first = run("score", "--rubric", "r.yaml", "--inputs", "good.csv", "-o", "one")
    second = run("score", "--rubric", "r.yaml", "--inputs", "good.csv", "-o", "two")
    assert first.exit_code == second.exit_code == 0
    names = sorted(p.name for p in (workdir / "one").iterdir())
    assert {"scores.csv", "scores.json"} <= set(names)
    assert names == sorted(p.name for p in (workdir / "two").iterdir())
    for name in names:
        a = (workdir / "one" / name).read_bytes()
        b = (workdir / "two" / name).read_bytes()
        assert a == b, f"{name} differs between two identical runs"
    assert first.stdout == second.stdout


def test_score_output_by_hand(workdir: Path) -> None:
    """KAZ: gdp 40, code law (2 of 0-2) = 100 -> 70; UZB: gdp 60, draft = 50 -> 55."""
    result = run("score", "--rubric", "r.yaml", "--inputs", "good.csv", "-o", "out")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "CLI test (rubric 1)"
    assert lines[3].split() == ["1", "KAZ", "Kazakhstan", "70.0", "100%"]
    assert lines[4].split() == ["2", "UZB", "Uzbekistan", "55.0", "100%"]
    rows = list(csv.DictReader(io.StringIO((workdir / "out" / "scores.csv").read_text())))
    index = {r["unit"]: (float(r["score"]), r["rank"]) for r in rows if r["id"] == "idx"}
    assert index == {"KAZ": (70.0, "1"), "UZB": (55.0, "2")}
    data = json.loads((workdir / "out" / "scores.json").read_text(encoding="utf-8"))
    assert [(u["unit"], u["score"], u["rank"]) for u in data["units"]] == [
        ("KAZ", 70.0, 1),
        ("UZB", 55.0, 2),
    ]
    assert data["units"][0]["indicators"]["code"]["level"] == "law"


def test_csv_text_cannot_become_a_formula(workdir: Path) -> None:
    """A unit code or name starting with = + - @ comes out of scores.csv with an apostrophe."""
    (workdir / "open.yaml").write_text(
        "\n".join(
            line for line in RUBRIC.splitlines() if "KAZ" not in line and "UZB" not in line
        ).replace("units:\n", ""),
        encoding="utf-8",
    )
    (workdir / "wide.csv").write_text(
        'unit,name,gdp,code\n=HYPERLINK("http://x"),=cmd|calc,50,law\n@SUM(1),+1+1,20,none\n'
        "-2,-2,10,draft\n",
        encoding="utf-8",
    )
    result = run("score", "--rubric", "open.yaml", "--inputs", "wide.csv", "-o", "out")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO((workdir / "out" / "scores.csv").read_text())))
    units = {r["unit"] for r in rows}
    assert units == {'\'=HYPERLINK("http://x")', "'@SUM(1)", "-2"}  # a number stays a number
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "@")), row


def test_score_default_output_folder_is_reports(workdir: Path) -> None:
    result = run("score", "--rubric", "r.yaml", "--inputs", "good.csv")
    assert result.exit_code == 0
    assert (workdir / "reports" / "scores.csv").is_file()


# --- outputs that cannot or must not be written (QA) -------------------------------------------


def test_score_never_writes_over_its_inputs(workdir: Path) -> None:
    out = workdir / "out"
    out.mkdir()
    (out / "scores.csv").write_text(GOOD_VALUES, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["score", "--rubric", "r.yaml", "--inputs", "out/scores.csv", "-o", "out"]
    )
    assert result.exit_code == 1
    assert "output-is-input" in result.output
    assert (out / "scores.csv").read_text(encoding="utf-8") == GOOD_VALUES
    assert sorted(p.name for p in out.iterdir()) == ["scores.csv"]


@pytest.mark.parametrize("out", ["/dev/null", "r.yaml/sub"])
def test_score_to_an_impossible_folder_is_a_user_error(workdir: Path, out: str) -> None:
    result = CliRunner().invoke(
        main, ["score", "--rubric", "r.yaml", "--inputs", "good.csv", "-o", out]
    )
    assert result.exit_code == 1, result.output
    assert "cannot write" in result.output
    assert Path("/dev/null").is_char_device()
    assert not isinstance(result.exception, OSError)


def test_score_merges_several_input_files(workdir: Path) -> None:
    """--inputs repeated: one period's files are merged (e.g. the officials' workbook and the
    reference jurisdictions'); a reference unit is scored but never ranked."""
    (workdir / "refs.yaml").write_text(
        RUBRIC.replace(
            "  - {id: UZB, name: Uzbekistan}\n",
            "  - {id: UZB, name: Uzbekistan}\n  - {id: AUS, name: Australia, role: reference}\n",
        ),
        encoding="utf-8",
    )
    (workdir / "ref.csv").write_text("unit,indicator,value\nAUS,gdp,90\nAUS,code,law\n")
    result = run(
        "score", "--rubric", "refs.yaml", "--inputs", "good.csv", "--inputs", "ref.csv", "-o", "o"
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[3].split()[:4] == ["1", "KAZ", "Kazakhstan", "70.0"]
    assert lines[5].split()[:3] == ["AUS", "Australia", "95.0"]  # 90 and 100: (90 + 100) / 2
    (workdir / "dup.csv").write_text("unit,indicator,value\nKAZ,gdp,41\n")
    clash = run(
        "score", "--rubric", "refs.yaml", "--inputs", "good.csv", "--inputs", "dup.csv", "-o", "o2"
    )
    assert clash.exit_code == 1
    assert "[duplicate-across-files]" in clash.output
    assert not (workdir / "o2").exists()
