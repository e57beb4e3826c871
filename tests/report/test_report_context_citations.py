"""Citations: one numbered reference per distinct source, every URL printed, a reason where
there is none; every indicator row points to a reference that resolves."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from report_support import UNITS, pdf_text, table_of

from readiness.api import score
from readiness.engine.paths import paths_to_next_band
from readiness.engine.result import Result
from readiness.inputs.values import Values
from readiness.report import build_report_set
from readiness.report.context import ReportSet
from readiness.report.context.citations import NO_URL, NO_VALUE, build_citations
from readiness.report.context.common import Ctx

WGI = "World Bank, Worldwide Governance Indicators, 2024 update"


@pytest.fixture(scope="module")
def result(cited_result: Result) -> Result:
    return cited_result


def test_references_by_hand(result: Result) -> None:
    ctx = Ctx(result, None, {})
    pairs = [("U", i) for i in ("a", "b", "c", "d", "e")]
    cites = build_citations(ctx, pairs, by_unit=False)
    assert [cites.of(*p) for p in pairs] == ["1", "1", "2", "3", "4"]
    one, two, three, four = cites.references
    assert (one.text, [x.href for x in one.links], one.used_for) == (
        WGI,
        ["https://www.worldbank.org/wgi"],
        "a; b",
    )
    assert [x.text for x in two.links] == ["https://gov.example/a", "http://b.example/x"]
    assert (three.links, three.reason) == ((), "No public URL: print edition only")
    assert (four.text, four.reason, four.reason_given) == ("Not found", NO_VALUE, True)
    assert cites.numbers(pairs) == "1–4"
    assert cites.numbers([("U", "a"), ("U", "d")]) == "1, 3"


def test_a_source_without_url_or_reason_is_flagged(result: Result) -> None:
    table = table_of(result)
    table.loc[table["indicator"] == "d", "source_url"] = ""
    bare = score(result.rubric, Values(table=table))
    cites = build_citations(Ctx(bare, None, {}), [("U", "d")], by_unit=False)
    (ref,) = cites.references
    assert (ref.reason, ref.reason_given) == (NO_URL, False)


def test_overview_numbers_follow_the_coverage_matrix(c5_result: Result) -> None:
    regional = build_report_set(c5_result, paths=paths_to_next_band(c5_result)).regional
    cited = [r.refs for r in regional.coverage if not r.group]
    assert all(cited), "every indicator row of the matrix cites its sources"
    assert regional.references[0].number == "1"
    assert cited[0].startswith("1")
    assert "(KAZ" in regional.references[0].used_for


def _reference_list(text: str) -> dict[str, str]:
    """Reference number -> its entry, from the text after the last "References" heading."""
    tail = text[text.rindex("References Numbers in square brackets") :]
    parts = re.split(r"\[(\d+)\] ", tail)
    return {parts[k]: parts[k + 1] for k in range(1, len(parts) - 1, 2)}


def test_every_row_resolves_to_a_url_or_a_stated_reason_in_the_shipped_set(
    shipped: Path, shipped_report: ReportSet
) -> None:
    report = shipped_report
    for card in report.scorecards:
        text = pdf_text(shipped / f"{card.meta.filename}.pdf")
        entries = _reference_list(text)
        by_number = {r.number: r for r in card.references}
        assert sorted(entries, key=int) == sorted(by_number, key=int)
        for pillar in card.pillars:
            for row in pillar.rows:
                assert row.ref in by_number, (card.unit, row.name)
                ref = by_number[row.ref]
                entry = entries[row.ref]
                if ref.links:
                    assert all(link.text in entry.replace(" ", "") for link in ref.links)
                else:
                    assert ref.reason and ref.reason_given, (card.unit, row.name, ref.text)
                    assert ref.reason in entry
        body = text[: text.rindex("References Numbers in square brackets")]
        cited = set(re.findall(r"\[(\d{1,3})\]", body))  # not "[2020]" in a note
        assert cited == set(by_number), card.unit  # every number used and every one listed
    overview = pdf_text(shipped / "regional-overview.pdf")
    entries = _reference_list(overview)
    assert sorted(entries, key=int) == [r.number for r in report.regional.references]
    assert len(UNITS) == len(report.scorecards)


def test_the_inputs_way_of_saying_there_is_no_url(result: Result) -> None:
    table = table_of(result)
    d = table["indicator"] == "d"
    table.loc[d, "source"] = "No public URL: the law is printed in the gazette only"
    table.loc[d, "source_url"] = ""
    ctx = Ctx(score(result.rubric, Values(table=table)), None, {})
    (ref,) = build_citations(ctx, [("U", "d")], by_unit=False).references
    assert (ref.text, ref.reason, ref.reason_given) == (
        "No public URL",
        "The law is printed in the gazette only.",  # a full stop ends the sentence
        True,
    )


def test_a_printed_url_is_cut_only_after_a_safe_character() -> None:
    from readiness.report.context.types import Link

    url = "https://www.irena.org/Publications/2022/renewable+hydrogen_x?a=1&b=two-three"
    pieces = Link(url, url).pieces
    assert "".join(pieces) == url
    assert pieces[0] == "https://"
    for piece in pieces[:-1]:
        assert piece[-1] in "/-_?&+=", piece
    assert "hydrogen_" in pieces and "renewable+" in pieces  # never inside a word


def test_references_say_their_numbers_are_the_documents_own(shipped_report: ReportSet) -> None:
    for doc in (shipped_report.regional, *shipped_report.scorecards):
        assert "this document's own" in doc.references_intro
        assert "a source without one says why" in doc.references_intro
    # the regional context has no web address: the overview says why
    regional = shipped_report.regional
    assert regional.context and "no web address" in regional.context_note


def test_a_stated_reason_ends_as_a_sentence(shipped_report: ReportSet) -> None:
    for doc in (shipped_report.regional, *shipped_report.scorecards):
        for ref in doc.references:
            if ref.reason:
                assert ref.reason.endswith((".", "!", "?")), ref.reason
