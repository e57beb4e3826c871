"""A real client: the template, filled in, and the shipped workbook go through headless
LibreOffice (opened and saved as .xlsx and as .ods), and read back with the same problems and
the same scores. Officials fill the workbook in Excel or LibreOffice; this is the one of the two
that runs in CI (scripts/setup.sh installs it)."""

from __future__ import annotations

import math
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from needs import need
from readiness import api
from readiness.rubric.model import Rubric
from readiness.workbook import layout as L
from readiness.workbook import validate_workbook, write_template
from readiness.workbook.levels import aliases_beside

ROOT = Path(__file__).resolve().parents[2]
RUBRIC = ROOT / "rubrics" / "c5-critical-minerals.yaml"
SHIPPED = ROOT / "inputs" / "c5-critical-minerals-2026-Q4.xlsx"
PERIOD = "2026-Q4"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    need(found is not None, "LibreOffice (soffice) is not installed; scripts/setup.sh installs it")
    assert found is not None
    return found


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return api.load_rubric(RUBRIC)


def _convert(soffice: str, src: Path, fmt: str, out: Path, profile: Path) -> Path:
    """`src` opened and saved by LibreOffice as `fmt` ("xlsx" or "ods") into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    target = {"xlsx": "xlsx:Calc MS Excel 2007 XML", "ods": "ods"}[fmt]
    run = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(src),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    saved = out / f"{src.stem}.{fmt}"
    assert saved.is_file(), run.stdout + run.stderr
    return saved


def _filled_template(rubric: Rubric, folder: Path) -> Path:
    """The blank template, filled in cell by cell with the shipped values (as an official types
    them), saved by openpyxl."""
    blank = folder / "blank.xlsx"
    write_template(rubric, PERIOD, blank)
    shipped = openpyxl.load_workbook(SHIPPED)["Values"]
    typed = {
        (row[0].value, row[3].value): [c.value for c in row]
        for row in shipped.iter_rows(min_row=2)
        if row[0].value
    }
    book = openpyxl.load_workbook(blank)
    ws = book["Values"]
    inputs = [k for k, c in enumerate(L.COLUMNS) if c.input]
    for row in ws.iter_rows(min_row=2):
        source = typed.get((row[0].value, row[3].value))
        if source is None:
            continue
        for k in inputs:
            if k < len(source) and source[k] not in (None, ""):
                row[k].value = source[k]
    path = folder / "filled.xlsx"
    book.save(path)
    return path


def _russian(rubric: Rubric, folder: Path) -> Path:
    """The shipped values written through the Russian template (levels as Russian labels,
    Russian sheet names, headers and drop-downs)."""
    from readiness.rubric.translation import translation_for

    path = folder / "russian.xlsx"
    values = api.load_values(SHIPPED, rubric)
    translation = translation_for(RUBRIC, rubric, "ru")
    write_template(rubric, PERIOD, path, values=values, language="ru", translation=translation)
    return path


def _problems(path: Path, rubric: Rubric) -> list[tuple[str, str, str, str]]:
    report = validate_workbook(path, rubric, level_aliases=aliases_beside(RUBRIC, rubric))
    return sorted(
        (p.code, p.location.sheet, p.location.cell, p.location.path) for p in report.problems
    )


def _scores(path: Path, rubric: Rubric) -> tuple[Any, Any, Any]:
    values = api.load_values(path, rubric, rubric_path=RUBRIC)
    result = api.score(rubric, values)
    return values.table, result.scores, result.ranking()


@pytest.mark.parametrize("source", ["shipped", "template", "russian"])
def test_libreoffice_round_trip_keeps_problems_and_scores(
    soffice: str, rubric: Rubric, tmp_path: Path, source: str
) -> None:
    made = {"shipped": lambda: SHIPPED, "template": lambda: _filled_template(rubric, tmp_path)}
    made["russian"] = lambda: _russian(rubric, tmp_path)
    original = made[source]()
    expected_problems = _problems(original, rubric)
    table, scores, ranking = _scores(original, rubric)
    assert not [p for p in expected_problems if p[0] == "excel-error"]
    profile = tmp_path / "profile"
    for fmt in ("xlsx", "ods"):
        saved = _convert(soffice, original, fmt, tmp_path / fmt, profile)
        assert _problems(saved, rubric) == expected_problems, fmt
        got_table, got_scores, got_ranking = _scores(saved, rubric)
        text = ["unit", "indicator", "as_of", "source", "source_url", "note"]
        assert got_table[text].equals(table[text]), fmt
        # LibreOffice writes 15 significant digits: the values agree to that, no more.
        for a, b in zip(got_table["value"], table["value"], strict=True):
            assert (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-13)
        assert ((got_scores - scores).abs().max().max() or 0) < 1e-9, fmt
        assert got_ranking[["unit", "band", "rank"]].equals(ranking[["unit", "band", "rank"]])
