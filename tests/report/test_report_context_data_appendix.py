"""The overview's data appendix: the inputs, and where the values behind each reference were
taken from when the inputs record it (one row per place, every reference drawing on it)."""

from __future__ import annotations

from typing import Any

import pytest
from report_support import table_of

from readiness.api import score
from readiness.engine.result import Result
from readiness.inputs.values import Values, make_provenance, make_table
from readiness.report.context.citations import build_citations
from readiness.report.context.common import Ctx
from readiness.report.context.data_appendix import build_data_appendix

WGI = "World Bank, Worldwide Governance Indicators, 2024 update"


@pytest.fixture(scope="module")
def result(make_rubric: Any) -> Result:
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


def test_data_appendix_prints_provenance_when_the_inputs_carry_it(result: Result) -> None:
    ctx = Ctx(result, None, {})
    pairs = [("U", i) for i in ("a", "b", "c", "d", "e")]
    cites = build_citations(ctx, pairs, by_unit=True)
    assert build_data_appendix(ctx, pairs, cites).rows == ()
    provenance = make_provenance(
        [
            {"source": WGI, "dataset": "WGI 2024", "repository": "someone/wgi-mirror",
             "commit": "8569d449", "file": "wgi.csv", "fields": "rl pctrank"},
            {"source": "a source nothing cites", "dataset": "x", "file": "y.csv"},
        ]
    )  # fmt: skip
    values = Values(table=table_of(result), provenance=provenance)
    ctx = Ctx(score(result.rubric, values), None, {})
    appendix = build_data_appendix(ctx, pairs, build_citations(ctx, pairs, by_unit=True))
    (row,) = appendix.rows
    assert (row.refs, row.taken_from, row.fields) == (
        "1",
        "WGI 2024; someone/wgi-mirror at commit 8569d449; wgi.csv",
        "rl pctrank",
    )
    assert [(f.label, f.value) for f in appendix.inputs][-1] == ("Input file", "not recorded")


def test_a_record_naming_other_countries_does_not_claim_a_shared_source(result: Result) -> None:
    """Two records with the same source text (one country's EITI page, another's): the record
    naming country V claims none of U's values, so no row for it appears."""
    pairs = [("U", i) for i in ("a", "b", "c", "d", "e")]
    provenance = make_provenance(
        [
            {"source": WGI, "dataset": "WGI 2024", "file": "wgi.csv", "fields": "iso3=U; rl"},
            {"source": WGI, "dataset": "Other file", "file": "other.csv", "fields": "iso3=V"},
        ]
    )
    values = Values(table=table_of(result), provenance=provenance)
    ctx = Ctx(score(result.rubric, values), None, {})
    appendix = build_data_appendix(ctx, pairs, build_citations(ctx, pairs, by_unit=True))
    assert [(r.refs, r.dataset, r.read) for r in appendix.rows] == [("1", "WGI 2024", "U; rl")]
