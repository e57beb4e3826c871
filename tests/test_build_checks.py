"""The build's checks catch the evidence errors of earlier builds (issue #11 item 4)."""

from __future__ import annotations

import csv
import dataclasses
import re
import sys
from pathlib import Path

import pytest

from needs import shared

ROOT = Path(__file__).resolve().parents[1]
DATA = shared("data", module=True)

sys.path.insert(0, str(ROOT / "scripts"))

import build_inputs  # noqa: E402
from inputs_build.checks import CheckError, check_facts  # noqa: E402
from inputs_build.model import Fact, when  # noqa: E402
from inputs_build.readings import GEOPORTAL_RULE  # noqa: E402
from inputs_build.series import MOODYS, lpi_facts, wgi_facts  # noqa: E402
from inputs_build.urls import UNRELATED  # noqa: E402

from readiness.rubric.model import Role, Rubric  # noqa: E402


def _rubric() -> Rubric:
    return build_inputs.rubric_for(build_inputs.CURRENT)


@pytest.fixture(scope="module")
def current() -> dict[tuple[str, str], Fact]:
    _, facts = build_inputs.build_facts(DATA, build_inputs.CURRENT)
    return {(f.unit, f.indicator): f for f in facts}


def _fails(fact: Fact, message: str) -> None:
    with pytest.raises(CheckError) as caught:
        check_facts([fact], DATA)
    assert message in str(caught.value)


def test_the_current_facts_pass(current: dict[tuple[str, str], Fact]) -> None:
    check_facts(current.values(), DATA)  # raises on any failure


def test_an_lpi_infrastructure_note_quoting_the_overall_rank_is_caught() -> None:
    """The shipped 1.0 notes said 'grouped rank 79' for Kazakhstan's infrastructure (80)."""
    fact = next(f for f in lpi_facts(DATA, 2026, ("KAZ",)) if f.indicator == "lpi_infrastructure")
    old = dataclasses.replace(
        fact,
        note="LPI 2023 infrastructure component score 2.5 (1-5), grouped rank 79; "
        "infrastructure score 2.5 infrastructure rank 80",
    )
    _fails(old, "numbers no rule explains")
    wrong = dataclasses.replace(fact, note=fact.note.replace("rank 80", "rank 79"))
    _fails(wrong, "the note quotes 79")


def test_a_wgi_note_with_a_wrong_bound_is_caught() -> None:
    fact = next(f for f in wgi_facts(DATA, 2026, ("KGZ",)) if f.indicator == "rule_of_law")
    assert fact.low is not None
    wrong = dataclasses.replace(
        fact, note=fact.note.replace(f"{fact.low:.2f} to", f"{fact.low + 1:.2f} to")
    )
    _fails(wrong, "interval")
    _fails(dataclasses.replace(fact, high=fact.value), "value or Low/High differ")


def test_an_as_of_date_from_an_unrelated_row_is_caught(
    current: dict[tuple[str, str], Fact],
) -> None:
    """The shipped 1.0 workbook dated Kazakhstan's EITI score 2025 from another file's row."""
    fact = current[("KAZ", "extractives_transparency")]
    assert fact.as_of == ""  # the EITI row gives no validation date: undated
    _fails(dataclasses.replace(fact, as_of="2025"), "the as-of date 2025 is not in the rows")


def test_a_reading_quoting_what_its_evidence_does_not_say_is_caught(
    current: dict[tuple[str, str], Fact],
) -> None:
    fact = current[("UZB", "western_minerals_partnership")]
    padded = dataclasses.replace(fact, note=fact.note + " A US$500m DFC loan was signed.")
    _fails(padded, "'US$500m'")


def test_file_names_and_repositories_in_a_note_are_caught(
    current: dict[tuple[str, str], Fact],
) -> None:
    fact = current[("KAZ", "rule_of_law")]
    _fails(
        dataclasses.replace(fact, note=fact.note + " From wgidataset.xlsx at commit 8569d449."),
        "a file name",
    )
    tagged = current[("KAZ", "licence_allocation")]
    _fails(dataclasses.replace(tagged, note="[mining_code_year] " + tagged.note), "a field tag")


def test_the_evidence_must_be_the_rows_own_text(current: dict[tuple[str, str], Fact]) -> None:
    fact = current[("KGZ", "state_participation")]
    edited = dataclasses.replace(fact, note=fact.note.replace("17 May 2021", "17 May 2020", 1))
    _fails(edited, "not the data rows' own text")


# -- committee review of 2026-12-01 (items B1, M4, M8, M10 and the minor note wording) ---------


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _reference() -> dict[tuple[str, str], Fact]:
    _, facts = build_inputs.build_facts(DATA, build_inputs.CURRENT, Role.REFERENCE, "2.0.0")
    return {(f.unit, f.indicator): f for f in facts}


@pytest.mark.parametrize(
    "todo",
    [
        " No eiti.org page was found; verify before shipping.",
        " No eiti.org page or board decision for Uzbekistan was found; verify … [cut: 429 "
        "characters in the input]",
        " overall score not found (not found).",
        " Transparency described as fairly low (value truncated in excerpt).",
    ],
)
def test_a_compilers_to_do_or_a_truncation_in_a_note_is_caught(
    current: dict[tuple[str, str], Fact], todo: str
) -> None:
    """B1: the UZB scorecard printed the compiler's to-do and a truncation marker."""
    fact = current[("KAZ", "extractives_transparency")]
    evidence, _, reading = fact.note.partition(" Reading: ")
    _fails(
        dataclasses.replace(fact, note=f"{evidence}{todo} Reading: {reading}"),
        "a compiler's to-do or a truncation",
    )


def test_the_uzbek_eiti_note_says_what_was_searched_without_the_compilers_to_do(
    current: dict[tuple[str, str], Fact],
) -> None:
    row = next(r for r in _rows("eiti_validation_c5.csv") if r["iso3"] == "UZB")
    assert "verify before shipping" in row["notes"]  # the data still carry the to-do ...
    fact = current[("UZB", "extractives_transparency")]
    assert fact.value is None  # ... "not found" stays missing, no level guessed
    assert "verify" not in fact.note and "(not found)" not in fact.note  # ... the note does not
    assert "No eiti.org page or board decision for Uzbekistan was found." in fact.note
    assert fact.note.startswith("Not found: ") and "Missing, not scored: " in fact.note
    # The scorecard's data-gaps list prints a missing value's note up to 300 characters.
    for f in current.values():
        if f.value is None:
            assert len(f.note) <= 300, (f.unit, f.indicator, len(f.note))
    _fails(dataclasses.replace(fact, note=fact.note + " " + "x" * 60 + "."), "not-found note of")


@pytest.mark.parametrize(
    ("given", "why"),
    [
        ("http://fayllar.org/fayllar.org/mining.html?page=3", "host name repeated"),
        ("https://chambers.com./articles/cdr-essential-intelligence", "trailing dot"),
        (next(iter(UNRELATED)), "an address that names"),
        ("htp:/broken", "not an absolute http(s) URL"),
    ],
)
def test_a_malformed_url_is_caught(
    current: dict[tuple[str, str], Fact], given: str, why: str
) -> None:
    """M8: [32] printed fayllar.org/fayllar.org/, [33] https://chambers.com./ as given."""
    fact = current[("UZB", "reporting_code")]
    _fails(dataclasses.replace(fact, source_url=f"{fact.source_url} ; {given}"), why)


def test_malformed_urls_are_printed_corrected_only_where_unambiguous_and_say_so(
    current: dict[tuple[str, str], Fact],
) -> None:
    rows = {(r["iso3"], r["indicator_id"]): r for r in _rows("qualitative_evidence_c5.csv")}
    doubled = "http://fayllar.org/fayllar.org/mining-industry-standing"
    assert doubled in rows[("UZB", "reserves_reporting_code")]["source_url"]
    # The same document is cited without the repeat by another row: the fix is unambiguous.
    assert (
        "http://fayllar.org/mining-industry-standing"
        in rows[("UZB", "geodata_portal")]["source_url"]
    )
    fact = current[("UZB", "reporting_code")]
    assert doubled not in fact.source_url
    assert "http://fayllar.org/mining-industry-standing" in fact.source_url
    fields = " ".join(p.fields for p in fact.provenance)
    assert doubled in fields and "host name repeated as the first path segment" in fields
    route = current[("KAZ", "route_to_market")]
    assert "chambers.com./" in rows[("KAZ", "landlocked_status")]["source_url"]
    assert "https://chambers.com/articles/" in route.source_url
    assert "trailing dot" in " ".join(p.fields for p in route.provenance)


def test_an_unrelated_page_is_not_printed_and_the_note_says_so(
    current: dict[tuple[str, str], Fact],
) -> None:
    """M8: Kazakhstan's geological data and cadastre cited a kt.kz article on petroleum
    product exports. ../shared/data give no other page, so it is left out and said so; the
    as-of date is the latest a printed page supports."""
    (unrelated,) = UNRELATED
    rows = {(r["iso3"], r["indicator_id"]): r for r in _rows("qualitative_evidence_c5.csv")}
    for indicator, key in (("geodata_portal", "geodata_portal"), ("online_cadastre",) * 2):
        assert unrelated in rows[("KAZ", key)]["source_url"]
        fact = current[("KAZ", indicator)]
        assert unrelated not in fact.source_url and "kt.kz" not in fact.source
        assert "petroleum products" in fact.note.split(" Reading: ")[1]
        assert fact.as_of != rows[("KAZ", key)]["source_date"]  # that date is the bad page's
    assert all(unrelated not in f.source_url for f in current.values())


def test_primary_is_an_official_page_not_a_mirror_in_a_primary_row(
    current: dict[tuple[str, str], Fact],
) -> None:
    """M8: docstoc.com and bilaterals.org were labelled (primary) because their rows were."""
    for unit, mirror in (("KGZ", "docstoc.com"), ("KAZ", "bilaterals.org")):
        row = next(
            r
            for r in _rows("qualitative_evidence_c5.csv")
            if r["iso3"] == unit and r["indicator_id"] == "us_bit_in_force"
        )
        assert row["confidence"] == "primary" and mirror in row["source_url"]
        source = current[(unit, "investor_protection")].source
        assert f"{mirror} (secondary)" in source, source
        assert "cybercemetery.unt.edu (primary)" in source  # the archived USTR page


def test_a_listing_page_is_not_cited_as_the_article(current: dict[tuple[str, str], Fact]) -> None:
    """M8 [43]: "Moody's Baa1 ... as reported by timesca.com" cited a topic page."""
    row = next(
        r
        for r in _rows("sovereign_ratings_c5.csv")
        if r["iso3"] == "KAZ" and r["agency"] == "Moody's"
    )
    assert row["source_url"] == "https://timesca.com/kazakhstan"
    fact = current[("KAZ", "sovereign_rating")]
    assert "as reported by timesca.com" not in fact.source
    assert "as listed on timesca.com (a listing page, not the article)" in fact.source
    assert "cited from a listing page" in fact.note


def test_the_rating_rule_takes_the_later_action_of_tied_agencies(
    current: dict[tuple[str, str], Fact],
) -> None:
    """The rubric: the best notch among the agencies' latest actions; the as-of date is that
    of the action used. Where agencies tie on the best notch the later action is used, for
    every country alike (Tajikistan: S&P B, Aug 2025; Moody's B2 = B, Mar 2026)."""
    notch = {lv.label: lv.value for lv in _rubric().indicator_by_id["sovereign_rating"].scale}
    by_unit: dict[str, list[tuple[float, str, str]]] = {}
    for r in _rows("sovereign_ratings_c5.csv"):
        day = r["action_date"].split(" ")[0]
        if r["long_term_fc_rating"] in ("", "not found") or not day[:4].isdigit():
            continue
        label = MOODYS.get(r["long_term_fc_rating"], r["long_term_fc_rating"])
        by_unit.setdefault(r["iso3"], []).append((notch[label], day, r["agency"]))
    assert any(  # the data hold a tie, or the test would prove nothing
        sum(n == max(x[0] for x in v) for n, _, _ in v) > 1 for v in by_unit.values()
    )
    for unit, found in by_unit.items():
        best = max(n for n, _, _ in found)
        latest = max((when(d), d, a) for n, d, a in found if n == best)
        fact = current[(unit, "sovereign_rating")]
        assert (fact.as_of, fact.source.split(",")[0]) == (latest[1], latest[2]), unit


def test_rating_actions_are_printed_in_plain_words(current: dict[tuple[str, str], Fact]) -> None:
    """Minor: [44] "stable->positive", [45] nested brackets, [46] "later affirmed, 2024-08"."""
    for unit in ("KAZ", "KGZ", "TJK", "TKM", "UZB"):
        fact = current[(unit, "sovereign_rating")]
        for text in (fact.source, fact.note):
            assert "->" not in text and "((" not in text and "first-ever" not in text
            assert not re.search(r"\([^()]*\([^()]*\)[^()]*\)", fact.source), fact.source
    assert (
        "later affirmed on a date the source does not give"
        in current[("TKM", "sovereign_rating")].source
    )


def test_the_geoportal_rule_is_applied_to_every_country_alike(
    current: dict[tuple[str, str], Fact],
) -> None:
    """M4: each reading states the level-2 rule, and the level follows what the rows say the
    portal shows: level 2 only where the row says the country's portal holds a map."""
    rows = {r["iso3"]: r for r in _rows("qualitative_evidence_c5.csv")}
    facts = {u: current[(u, "geodata_portal")] for u in ("KAZ", "KGZ", "TJK", "UZB")}
    for unit, fact in facts.items():
        assert GEOPORTAL_RULE in fact.note, unit
        evidence = rows_of(unit, "geodata_portal")["evidence"]
        shows_map = bool(re.search(r"\bincludes? a [\w\s-]*map\b", evidence))
        level_two = fact.value == "Online portal, partial"
        assert shows_map == level_two, unit
        if "Central Asian Geoportal" in evidence and not shows_map:
            assert fact.contested and "Central Asian Geoportal shows" in fact.note, unit
    assert rows  # the file was read


def rows_of(unit: str, indicator: str) -> dict[str, str]:
    return next(
        r
        for r in _rows("qualitative_evidence_c5.csv")
        if r["iso3"] == unit and r["indicator_id"] == indicator
    )


def test_none_exists_and_not_found_are_explained_side_by_side(
    current: dict[tuple[str, str], Fact],
) -> None:
    """M4: TJK and TKM's common-law venue is level 0 from a search finding none; their
    cadastre, reporting standard or geological data stay missing from the same kind of search.
    The level-0 note names exactly the indicators left missing, and each of those notes says
    why a search finding none is not level 0 there."""
    names = {i.id: i.name for i in _rubric().indicators}
    for unit in ("TJK", "TKM"):
        venue = current[(unit, "finance_centre")]
        assert venue.value == "No common-law venue"
        missing = {i for (u, i), f in current.items() if u == unit and f.value is None}
        assert missing, unit
        reading = venue.note.split(" Reading: ")[1]
        said = {
            i
            for i in names
            if names[i].lower().split(" (")[0] in reading.lower()
            or {
                "online_cadastre": "online mining cadastre",
                "reporting_code": "resource reporting standard",
                "geodata_portal": "geological data portal",
            }.get(i, "\0")
            in reading
        }
        assert said == missing, (unit, said, missing)
        for indicator in missing:
            note = current[(unit, indicator)].note
            assert "Missing, not scored: " in note and "level 0" in note, (unit, indicator)


def test_the_kazakh_reporting_standard_is_dated_by_its_latest_evidence(
    current: dict[tuple[str, str], Fact],
) -> None:
    """M10: dated 2016 and flagged stale, though its own row cites the Dec 2023 order."""
    row = rows_of("KAZ", "reserves_reporting_code")
    assert row["source_date"] == "2016"
    months = re.findall(r"/(20\d\d)/(\d\d)/", row["source_url"])
    latest = max(f"{y}-{m}" for y, m in months)
    fact = current[("KAZ", "reporting_code")]
    assert fact.as_of == latest and latest > row["source_date"]
    assert "Prime Minister ordered" in fact.note.split(" Reading: ")[1]


def test_the_kyrgyz_reporting_standard_note_explains_the_headline(
    current: dict[tuple[str, str], Fact],
) -> None:
    fact = current[("KGZ", "reporting_code")]
    assert "switches_to_CRIRSCO" in fact.source_url
    assert "headed 'Kyrgyzstan switches to CRIRSCO reserves reporting system'" in fact.note
    assert fact.value == "CRIRSCO candidate or partial" and fact.contested


def test_an_as_of_label_means_one_thing(current: dict[tuple[str, str], Fact]) -> None:
    """M10: 'treaty status confirmed or WGI data year 16 Oct 2012': a label naming a data
    year beside another meaning, printed with a day. A label that says "data year" says only
    that, and every value it labels is a year."""
    rubric = _rubric()
    investor = rubric.indicator_by_id["investor_protection"].as_of_label
    assert "data year" not in investor and " or " not in investor
    for indicator in rubric.indicators:
        if "data year" in indicator.as_of_label:
            assert indicator.as_of_label == "data year", indicator.id
            for (_, ind), f in current.items():
                if ind == indicator.id and f.as_of:
                    assert re.fullmatch(r"\d{4}", f.as_of), (ind, f.as_of)


def test_the_tajik_eiti_level_says_how_the_rule_was_applied(
    current: dict[tuple[str, str], Fact],
) -> None:
    fact = current[("TJK", "extractives_transparency")]
    assert "(not stated in source)" not in fact.note
    reading = fact.note.split(" Reading: ")[1]
    assert "Kazakhstan's 56 and the Kyrgyz Republic's 57.5 fairly low" in reading
    eiti = {r["iso3"]: r for r in _rows("eiti_validation_c5.csv")}
    assert (eiti["KAZ"]["overall_score"], eiti["KAZ"]["overall_label"]) == ("56", "fairly low")
    assert (eiti["KGZ"]["overall_score"], eiti["KGZ"]["overall_label"]) == ("57.5", "fairly low")
    # Numbers a reading quotes from another country's row are checked against that row.
    _fails(dataclasses.replace(fact, note=fact.note.replace("57.5", "58.5")), "'58.5'")


def test_internal_ids_and_km2_in_a_note_are_caught(current: dict[tuple[str, str], Fact]) -> None:
    fact = current[("KGZ", "licence_allocation")]
    assert "state_participation" not in fact.note
    _fails(
        dataclasses.replace(fact, note=fact.note + " Counted once, in state_participation."),
        "an internal id",
    )
    portal = current[("KAZ", "geodata_portal")]
    assert "km²" in portal.note
    _fails(dataclasses.replace(portal, note=portal.note.replace("km²", "km2")), "km2")


def test_every_note_ends_with_a_full_stop(current: dict[tuple[str, str], Fact]) -> None:
    facts = [*current.values(), *_reference().values()]
    assert all(f.note.rstrip().endswith((".", ")")) for f in facts if f.note)
    fact = current[("KAZ", "rule_of_law")]
    _fails(dataclasses.replace(fact, note=fact.note.rstrip(".")), "full stop")


def test_the_reference_facts_pass_the_same_checks() -> None:
    check_facts(_reference().values(), DATA)
