"""api: the library facade. `score` refuses values the rubric does not know before the engine
sees them; the whole jobs protect their inputs; the history calls locate their errors; the heavy
classes load on first use."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from readiness import api
from readiness.api import Rubric, Values, score
from readiness.history import schema
from readiness.inputs.values import make_table
from readiness.problems import ReadinessError

RubricFactory = Callable[..., Rubric]


def test_unknown_indicator_unit_and_duplicates_reported_together(
    make_rubric: RubricFactory,
) -> None:
    r = make_rubric(
        {"a": {"parent": "idx"}},
        {"idx": {}},
        units=[{"id": "KAZ", "name": "Kazakhstan"}],
    )
    rows = [
        {"unit": "KAZ", "indicator": "a", "value": 1},
        {"unit": "KAZ", "indicator": "a", "value": 2},
        {"unit": "KAZ", "indicator": "zz", "value": 1},
        {"unit": "XXX", "indicator": "a", "value": 1},
    ]
    with pytest.raises(ReadinessError) as info:
        score(r, Values(table=make_table(rows), origin="mem"))
    assert [p.key() for p in info.value.problems] == [
        ("mem", "unknown-indicator"),
        ("mem", "unknown-unit"),
        ("mem", "duplicate-value"),
    ]


def test_without_units_in_the_rubric_the_values_name_them(make_rubric: RubricFactory) -> None:
    r = make_rubric(
        {"a": {"parent": "idx", "normalisation": {"method": "goalposts", "low": 0, "high": 10}}},
        {"idx": {}},
    )
    rows = [
        {"unit": "ZZ", "indicator": "a", "value": 5},
        {"unit": "AA", "indicator": "a", "value": 1},
    ]
    result = score(r, Values(table=make_table(rows), period="2026-Q1"))
    assert sorted(result.units) == ["AA", "ZZ"]
    assert result.period == "2026-Q1"  # the values' period unless one is given
    assert score(r, Values(table=make_table(rows), period="2026-Q1"), period="2026-Q2").period == (
        "2026-Q2"
    )
    assert result.scores.at["ZZ", "idx"] == pytest.approx(50.0)


def test_the_heavy_classes_load_on_first_use() -> None:
    from readiness.engine.result import Result
    from readiness.rubric import Rubric as RubricClass

    assert (api.Rubric, api.Result) == (RubricClass, Result)
    with pytest.raises(AttributeError, match=r"module 'readiness\.api' has no attribute 'nope'"):
        _ = api.nope  # type: ignore[attr-defined]
    probe = (
        "import json, sys; import readiness.api; "
        "print(json.dumps([m for m in ('pandas', 'pydantic', 'weasyprint') if m in sys.modules]))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True
    )
    assert json.loads(proc.stdout) == []


RUBRIC = """\
id: api
title: API test
version: '1'
nodes:
  - {id: idx, name: Index}
indicators:
  - {id: a, name: A, parent: idx, normalisation: {method: goalposts, low: 0, high: 10}}
"""


def test_score_files_writes_the_three_results_files(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text(RUBRIC, encoding="utf-8")
    (tmp_path / "v.csv").write_text("unit,indicator,value\nU,a,7\n", encoding="utf-8")
    result, written = api.score_files(tmp_path / "r.yaml", tmp_path / "v.csv", tmp_path / "out")
    assert written == list(api.results_paths(tmp_path / "out"))
    assert [p.name for p in written] == ["scores.csv", "scores.json", "scores.xlsx"]
    assert all(p.is_file() for p in written)
    assert result.scores.at["U", "idx"] == pytest.approx(70.0)


def test_score_files_never_writes_over_its_inputs(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text(RUBRIC, encoding="utf-8")
    inputs = tmp_path / "scores.csv"  # named like an output, in the output folder
    inputs.write_text("unit,indicator,value\nU,a,7\n", encoding="utf-8")
    with pytest.raises(ReadinessError) as err:
        api.score_files(tmp_path / "r.yaml", [inputs], tmp_path)
    assert err.value.problems[0].key() == (str(inputs), "output-is-input")
    assert inputs.read_text(encoding="utf-8") == "unit,indicator,value\nU,a,7\n"


def test_history_calls_locate_their_errors(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    schema.connect(db).close()  # an empty history
    with pytest.raises(ReadinessError) as err:
        api.history_trajectory("KAZ", db)
    assert err.value.problems[0].key() == (str(db), "history-unknown-unit")
    assert "unit 'KAZ' is not in the history (recorded: none)" in str(err.value)
    assert api.history_summary(db).periods == []
    odd = tmp_path / "h.csv"  # a database named like a CSV export
    schema.connect(odd).close()
    with pytest.raises(ReadinessError) as err:
        api.history_export(odd, odd)  # over the database it reads
    assert err.value.problems[0].key() == (str(odd), "output-is-input")
    assert odd.stat().st_size > 0  # still the database
    with pytest.raises(ReadinessError) as err:
        api.history_summary(tmp_path / "none.sqlite")
    assert err.value.problems[0].code == "history-not-found"
