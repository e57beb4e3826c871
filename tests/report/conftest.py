"""Fixtures for report tests: the shipped rubric, the TEST values fixture, one rendered set.

tests/report/data/c5-test-values.csv is a TEST fixture with plausible, partly real-looking values
for the five C5 countries. It is not data and never ships; every note says so.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from report_support import RUBRIC, SHIPPED, SHIPPED_RUBRIC, VALUES, Rendered

from readiness import api
from readiness.api import score
from readiness.engine.paths import paths_to_next_band
from readiness.engine.result import Result
from readiness.inputs.values import Values, make_table
from readiness.report import build_report_set, render_reports
from readiness.report.context import ReportSet
from readiness.rubric.model import Rubric


@pytest.fixture(scope="session")
def c5_rubric() -> Rubric:
    return api.load_rubric(RUBRIC)


@pytest.fixture(scope="session")
def c5_result(c5_rubric: Rubric) -> Result:
    return api.score(c5_rubric, api.load_values(VALUES, c5_rubric))


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(scope="session")
def rendered(c5_result: Result, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rendered]:
    """The default report set, rendered once in this process (so WeasyPrint's log is seen)."""
    folder = tmp_path_factory.mktemp("reports")
    handler = _Records()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    progress: list[str] = []
    try:
        paths = render_reports(
            c5_result,
            folder,
            html=True,
            progress=progress.append,
            paths=paths_to_next_band(c5_result),
        )
    finally:
        logger.removeHandler(handler)
    warnings = [r for r in handler.records if r.levelno >= logging.WARNING]
    yield Rendered(folder, paths, progress, warnings)


@pytest.fixture(scope="session")
def c5_report(c5_result: Result) -> ReportSet:
    """The report set's context for the TEST values, with the path to the next band."""
    return build_report_set(c5_result, paths=paths_to_next_band(c5_result))


@pytest.fixture(scope="session")
def shipped_result() -> Result:
    """The shipped current period, scored (assessed countries and reference jurisdictions)."""
    rubric = api.load_rubric(SHIPPED_RUBRIC)
    return api.score(rubric, api.load_values(list(SHIPPED), rubric))


@pytest.fixture(scope="session")
def shipped_report(shipped_result: Result) -> ReportSet:
    """The shipped report set's context (the path to the next band computed by the library)."""
    return build_report_set(shipped_result, paths=paths_to_next_band(shipped_result))


@pytest.fixture(scope="session")
def shipped(shipped_result: Result, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped report set, rendered once, with its HTML."""
    folder = tmp_path_factory.mktemp("shipped")
    paths = paths_to_next_band(shipped_result)
    render_reports(shipped_result, folder, jobs=2, html=True, paths=paths)
    return folder


WGI = "World Bank, Worldwide Governance Indicators, 2024 update"


@pytest.fixture(scope="module")
def cited_result(make_rubric: Any) -> Result:
    """Five values citing sources in the ways the references list must handle: one source for
    two values, two URLs in one cell (one not http), a stated reason, no value at all."""
    rubric = make_rubric(
        {k: {"parent": "p", "normalisation": {"method": "goalposts", "low": 0, "high": 10}}
         for k in ("a", "b", "c", "d", "e")},
        {"idx": {}, "p": {"parent": "idx"}},
    )  # fmt: skip
    url = "https://www.worldbank.org/wgi"
    rows = [
        # a and b cite the same source and URL: one reference
        {"unit": "U", "indicator": "a", "value": 5, "source": WGI, "source_url": url},
        {"unit": "U", "indicator": "b", "value": 6, "source": WGI, "source_url": url},
        # two URLs in one cell, one of them not http(s): both real ones printed, in order
        {"unit": "U", "indicator": "c", "value": 7, "source": "Ministry news",
         "source_url": "https://gov.example/a ; file:///etc/passwd ; http://b.example/x"},
        # a stated reason instead of a URL
        {"unit": "U", "indicator": "d", "value": 8, "source": "Official Gazette no. 12",
         "source_url": "print edition only"},
        # no value, no source
        {"unit": "U", "indicator": "e", "value": float("nan"), "source": "", "source_url": ""},
    ]  # fmt: skip
    return score(
        rubric, Values(table=make_table([{"as_of": "2023", "note": "", **r} for r in rows]))
    )
