"""The overview's data appendix: the inputs, and where the values behind each reference were
taken from when the inputs record it (one row per place, every reference drawing on it)."""

from __future__ import annotations

import pytest
from report_support import table_of

from readiness.api import score
from readiness.engine.result import Result
from readiness.inputs.values import Values, make_provenance
from readiness.report.context.citations import build_citations
from readiness.report.context.common import Ctx
from readiness.report.context.data_appendix import build_data_appendix

WGI = "World Bank, Worldwide Governance Indicators, 2024 update"


@pytest.fixture(scope="module")
def result(cited_result: Result) -> Result:
    return cited_result


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
