"""Checks the build runs on every fact before it writes a workbook.

They re-read ../shared/data on their own (csv module, not the build's readers) and would have
caught the errors of earlier builds: an LPI infrastructure note quoting the overall rank, an
as-of date taken from an unrelated row, a file name or field tag in a note.
- A number quoted in a series note (WGI, LPI, WDI, ratings, EITI) must be bound by its label to
  the named column of the data row, and must equal it; a number no rule explains is an error.
- A qualitative note's evidence must be the data rows' own text; every year, date, amount,
  percentage and decimal in its reading must appear in the rows it rests on; its as-of date
  must appear in those rows.
- No repository, commit hash, .csv/.xlsx file name or [field tag] in any Source or note.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from inputs_build.model import Fact, reader_text
from inputs_build.urls import malformed

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
FORBIDDEN = [
    (re.compile(r"\b[0-9a-f]{7,40}\b"), "a commit hash"),
    (re.compile(r"\.(csv|xlsx)\b", re.IGNORECASE), "a file name"),
    (re.compile(r"\[[a-z_][a-z0-9_]*\]"), "a field tag"),
    (re.compile(r"\b[\w.-]+/[\w.-]+ at commit\b|github\.com", re.IGNORECASE), "a repository"),
    (re.compile(r"\b(timothym4r|DiogoRibeiro7|LAMXO|wgidataset)\b"), "a repository"),
    (re.compile(r"(?<![\w/.-])[a-z]+(?:_[a-z]+)+\b(?![\w/-]|\.\w)"), "an internal id"),
    (re.compile(r"\bkm2\b"), "'km2' (write km\u00b2)"),
]
# A data compiler's to-do or a truncation marker must never reach a reader (review B1: "verify
# before shipping", "[cut: 429 characters in the input]", "overall score not found (not found)").
TODO = [
    re.compile(r"verify before|before (?:shipping|publi(?:cation|shing))|check (?:these|them) "
               r"before|\b(?:TODO|FIXME|XXX)\b|to-do", re.IGNORECASE),
    re.compile(r"\[cut:|\btruncated\b|\bexcerpt\b|\u2026|\.\.\.", re.IGNORECASE),
    re.compile(r"\b(not found|not stated)[^.;]{0,40}\((?:not found|not stated)[^)]*\)",
               re.IGNORECASE),
]  # fmt: skip
# The scorecard lists each missing value with the start of its note (up to 300 characters,
# report/context/data_gaps.py): a not-found note must fit, or the reader sees a cut.
NOT_FOUND_NOTE_MAX = 300
WGI_CODE = {"rule_of_law": "rl", "regulatory_quality": "rq", "control_of_corruption": "cc"}
LPI_COLUMNS = {
    "overall LPI score": "lpi_score",
    "infrastructure score": "infrastructure_score",
    "overall rank": "lpi_grouped_rank",
    "infrastructure rank": "infrastructure_grouped_rank",
}


class CheckError(AssertionError):
    """The build made a fact its data do not support."""


def _rows(data: Path, name: str) -> list[dict[str, str]]:
    with open(data / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def check_facts(facts: Iterable[Fact], data: Path) -> None:
    """Raise `CheckError` listing every fact that fails a check."""
    tables = {
        name: _rows(data, name)
        for name in (
            "wgi_2024update_c5_peers_2019_2023.csv",
            "lpi_2023_2018_c5_peers.csv",
            "wdi_fdi_gdp_c5_peers_2019_2024.csv",
            "sovereign_ratings_c5.csv",
            "eiti_validation_c5.csv",
            "qualitative_evidence_c5.csv",
            "qualitative_evidence_reference.csv",
            "state_participation_c5_reference.csv",
        )
    }
    problems: list[str] = []
    for fact in facts:
        where = f"{fact.unit}/{fact.indicator}"
        for text, what in ((fact.source, "Source"), (fact.note, "note")):
            for pattern, kind in FORBIDDEN:
                found = pattern.search(text)
                if found:
                    problems.append(f"{where}: {what} names {kind} ({found.group(0)!r})")
        for text, what in ((fact.source, "Source"), (fact.note, "note")):
            for pattern in TODO:
                found = pattern.search(text)
                if found:
                    problems.append(
                        f"{where}: {what} carries a compiler's to-do or a truncation "
                        f"({found.group(0)!r})"
                    )
        for url in filter(None, (u.strip() for u in fact.source_url.split(" ; "))):
            if fact.source_url == url and " " in url and not url.startswith("http"):
                continue  # a stated reason for having no URL
            why = malformed(url)
            if why:
                problems.append(f"{where}: a malformed URL ({why}): {url}")
        if fact.note and not fact.note.rstrip().endswith((".", ")")):
            problems.append(f"{where}: the note does not end with a full stop")
        if fact.value is None and len(fact.note) > NOT_FOUND_NOTE_MAX:
            problems.append(
                f"{where}: a not-found note of {len(fact.note)} characters (the data-gaps list "
                f"prints {NOT_FOUND_NOTE_MAX})"
            )
        if fact.value is None:  # not found: the note says what was searched
            problems += _check_reading(fact, tables, data)
        elif fact.indicator in WGI_CODE:
            problems += _check_wgi(fact, tables["wgi_2024update_c5_peers_2019_2023.csv"])
        elif fact.indicator in ("lpi_overall", "lpi_infrastructure"):
            problems += _check_lpi(fact, tables["lpi_2023_2018_c5_peers.csv"])
        elif fact.indicator == "fdi_inflows":
            problems += _check_fdi(fact, tables["wdi_fdi_gdp_c5_peers_2019_2024.csv"])
        elif fact.indicator == "sovereign_rating" and "ratings found:" in fact.note:
            problems += _check_ratings(fact, tables["sovereign_ratings_c5.csv"])
        elif fact.indicator == "eiti_score":
            problems += _check_eiti(fact, tables["eiti_validation_c5.csv"])
        else:
            problems += _check_reading(fact, tables, data)
        if fact.value is not None and (fact.source == "" or fact.note == ""):
            problems.append(f"{where}: a value without a Source or a note")
    if problems:
        raise CheckError(
            "the build made facts its data do not support:\n  " + "\n  ".join(problems)
        )


# -- series: every number bound to a named column ------------------------------------------------


def _bound(
    fact: Fact, rules: list[tuple[str, float | None, float]], allowed: list[str]
) -> list[str]:
    """Each rule: a regex whose groups are numbers, the value they must equal, the tolerance.
    Every number left in the note once rules and allowed literals are taken out is an error."""
    where = f"{fact.unit}/{fact.indicator}"
    problems = []
    rest = fact.note
    for pattern, expected, tolerance in rules:
        found = re.search(pattern, rest)
        if found is None:
            problems.append(f"{where}: the note does not quote {pattern!r}")
            continue
        quoted = float(found.group(1))
        if expected is None or abs(quoted - expected) > tolerance:
            problems.append(
                f"{where}: the note quotes {quoted:g} for {pattern!r}; data: {expected}"
            )
        rest = rest[: found.start(1)] + "#" + rest[found.end(1) :]
    for literal in allowed:
        rest = rest.replace(literal, "")
    stray = re.findall(r"-?\d+(?:\.\d+)?", rest)
    if stray:
        problems.append(f"{where}: numbers no rule explains in the note: {stray}")
    return problems


def _check_wgi(fact: Fact, rows: list[dict[str, str]]) -> list[str]:
    year = int(fact.as_of)
    match = [
        r
        for r in rows
        if r["code"] == fact.unit
        and r["indicator"] == WGI_CODE[fact.indicator]
        and int(r["year"]) == year
    ]
    if len(match) != 1:
        return [f"{fact.unit}/{fact.indicator}: no WGI row for {year}"]
    row = match[0]
    problems = []
    exact = (
        (fact.value, float(row["pctrank"])),
        (fact.low, float(row["pctranklower"])),
        (fact.high, float(row["pctrankupper"])),
    )
    if any(got != want for got, want in exact):
        problems.append(f"{fact.unit}/{fact.indicator}: value or Low/High differ from the data")
    problems += _bound(
        fact,
        [
            (r"percentile rank (\d+\.\d+)", float(row["pctrank"]), 0.005),
            (r"interval (\d+\.\d+) to", float(row["pctranklower"]), 0.005),
            (r"to (\d+\.\d+) \(Low", float(row["pctrankupper"]), 0.005),
            (r"estimate (-?\d+\.\d+)", float(row["estimate"]), 0.005),
            (r"from (\d+) sources", float(row["nsource"]), 0),
            (r"data year (\d{4})", float(row["year"]), 0),
        ],
        ["(0-100)", "90 %"],
    )
    if f"data year {year}" not in fact.source:
        problems.append(f"{fact.unit}/{fact.indicator}: the Source does not name data year {year}")
    return problems


def _check_lpi(fact: Fact, rows: list[dict[str, str]]) -> list[str]:
    edition = int(fact.as_of)
    match = [r for r in rows if r["iso3_added"] == fact.unit and int(r["edition"]) == edition]
    if len(match) != 1:
        return [f"{fact.unit}/{fact.indicator}: no LPI {edition} row"]
    row = match[0]
    score_label = "overall LPI score" if fact.indicator == "lpi_overall" else "infrastructure score"
    rank_label = "overall rank" if fact.indicator == "lpi_overall" else "infrastructure rank"
    problems = []
    if fact.value != float(row[LPI_COLUMNS[score_label]]):
        problems.append(
            f"{fact.unit}/{fact.indicator}: value differs from {LPI_COLUMNS[score_label]}"
        )
    rules: list[tuple[str, float | None, float]] = [
        (r"LPI (\d{4}) ", float(edition), 0),
        (rf"{score_label} (\d+(?:\.\d+)?)", float(row[LPI_COLUMNS[score_label]]), 1e-9),
        (rf"{rank_label} (\d+)", float(row[LPI_COLUMNS[rank_label]]), 0),
    ]
    allowed = ["1-5", "LPI 2023", "2018 is its latest"]
    return problems + _bound(fact, rules, allowed)


def _check_fdi(fact: Fact, rows: list[dict[str, str]]) -> list[str]:
    year = fact.as_of
    series = {
        r["indicator_code"]: float(r["value_current_usd"])
        for r in rows
        if r["iso3"] == fact.unit and r["year"] == year
    }
    fdi, gdp = series.get("BX.KLT.DINV.CD.WD"), series.get("NY.GDP.MKTP.CD")
    if fdi is None or gdp is None:
        return [f"{fact.unit}/fdi_inflows: no WDI rows for {year}"]
    share = fdi / gdp * 100
    problems = []
    if not isinstance(fact.value, float) or abs(fact.value - share) > 5e-5:
        problems.append(f"{fact.unit}/fdi_inflows: value {fact.value} is not {share:.6f}")
    problems += _bound(
        fact,
        [
            (r"inflows US\$(-?\d+\.\d+)bn", fdi / 1e9, 0.0005),
            (r"GDP US\$(\d+\.\d+)bn", gdp / 1e9, 0.0005),
            (r"= (-?\d+\.\d+) % of GDP", share, 0.00005),
            (r"data year (\d{4})", float(year), 0),
        ],
        ["x 100"],
    )
    return problems


def _check_ratings(fact: Fact, rows: list[dict[str, str]]) -> list[str]:
    given = {r["agency"]: r for r in rows if r["iso3"] == fact.unit}
    problems = []
    listed = fact.note.split("ratings found:", 1)[-1].split(". Not found:", 1)[0]
    for agency, rating in re.findall(r"(S&P Global|Moody's|Fitch) (\S+?)[ ,]", listed):
        row = given.get(agency)
        if row is None or row["long_term_fc_rating"] != rating:
            problems.append(f"{fact.unit}/sovereign_rating: the note quotes {agency} {rating}")
        elif row["action_date"].split(" ")[0] not in fact.note:
            problems.append(f"{fact.unit}/sovereign_rating: {agency}'s action date is not quoted")
    return problems


def _check_eiti(fact: Fact, rows: list[dict[str, str]]) -> list[str]:
    row = next((r for r in rows if r["iso3"] == fact.unit), None)
    if row is None:
        return [f"{fact.unit}/eiti_score: no EITI row"]
    if row["eiti_member"] == "no":
        return [] if fact.value == 0.0 else [f"{fact.unit}/eiti_score: a non-member is not 0"]
    quoted = re.search(r"overall score (\d+(?:\.\d+)?)", fact.note)
    score = float(row["overall_score"])
    if quoted is None or float(quoted.group(1)) != score or fact.value != score:
        return [f"{fact.unit}/eiti_score: the score differs from the data"]
    return []


# -- readings: the evidence is the rows' own text; what the reading quotes is in it ------------

_TOKENS = re.compile(
    r"US\$\d+(?:\.\d+)?(?:bn|m)?"  # money
    r"|\b\d+(?:\.\d+)?\s?%"  # percentages
    r"|\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec) \d{4}"  # dates
    r"|\b(?:19|20)\d\d\b"  # years
    r"|\b\d+\.\d+\b"  # decimals
)


def _norm(text: str) -> str:
    return re.sub(r"\s+%", "%", " ".join(text.split())).replace("Sept ", "Sep ")


def _check_reading(fact: Fact, tables: dict[str, list[dict[str, str]]], data: Path) -> list[str]:
    where = f"{fact.unit}/{fact.indicator}"
    problems = []
    basis = _norm(" ".join(fact.basis))
    if not basis:
        return [f"{where}: a reading that rests on no evidence row"]
    evidence, _, reading = fact.note.partition(" Reading: ")
    if fact.value is not None and not reading:
        problems.append(f"{where}: a level reading whose note does not end in 'Reading: ...'")
    if fact.value is None:
        evidence = evidence.removeprefix("Not found: ").split(" Missing, not scored:")[0]
    expected, eiti = _expected_evidence(fact, tables, data)
    if eiti is not None:
        numeric = re.fullmatch(r"\d+(?:\.\d+)?", eiti["overall_score"])
        score = f"overall score {eiti['overall_score']}" if numeric else ""
        if reader_text(eiti["notes"]) not in evidence or score not in evidence:
            problems.append(f"{where}: the note's EITI evidence is not the data row's")
    elif evidence.strip() != expected:
        problems.append(f"{where}: the note's evidence is not the data rows' own text")
    # "since 2010" is the rubric's own cut-off, not a fact the reading takes from the rows.
    reading = reading.split(" This earlier period:")[0].replace("since 2010", "")
    for token in _TOKENS.findall(reading):
        if _norm(token) not in basis and not _date_in(token, basis):
            problems.append(f"{where}: the reading quotes {token!r}, which its evidence does not")
    if fact.as_of and not _as_of_in(fact.as_of, basis):
        problems.append(f"{where}: the as-of date {fact.as_of} is not in the rows it rests on")
    return problems


def _expected_evidence(
    fact: Fact, tables: dict[str, list[dict[str, str]]], data: Path
) -> tuple[str, dict[str, str] | None]:
    """The evidence text of the rows the fact's provenance names, read from the data (and the
    EITI row, whose fields the note renders in words)."""
    parts: list[str] = []
    eiti = None
    for prov in fact.provenance:
        fields = dict(f.split("=", 1) for f in prov.fields.split("; ") if "=" in f)
        if prov.file == "eiti_validation_c5.csv":
            eiti = next(r for r in tables[prov.file] if r["iso3"] == fact.unit)
        elif prov.file == "PROVENANCE.md":
            parts.append(_provenance_sentence(prov.fields, data))
        elif prov.file in tables:
            key = fields.get("fact_id") or fields["indicator_id"]
            column = "fact_id" if "fact_id" in fields else "indicator_id"
            row = next(
                r for r in tables[prov.file] if r["iso3"] == fields["iso3"] and r[column] == key
            )
            parts.append(reader_text(row["evidence"]))
    return " ".join(dict.fromkeys(p for p in parts if p)), eiti


def _provenance_sentence(fields: str, data: Path) -> str:
    """A cross-check PROVENANCE.md states: the sentence must be in that file, verbatim."""
    from inputs_build.evidence import PROVENANCE_FACTS

    key = fields.split("'")[1]
    sentence = PROVENANCE_FACTS[key][0]
    text = " ".join((data / "PROVENANCE.md").read_text(encoding="utf-8").replace("**", "").split())
    if sentence not in text:
        raise CheckError(f"PROVENANCE.md does not say: {sentence!r}")
    return sentence


def _date_in(token: str, basis: str) -> bool:
    """A '29 Jun 2018' date also matches '2018-06-29' in the rows."""
    found = re.match(r"(\d{1,2}) (\w{3})\w* (\d{4})", token)
    if found is None:
        return False
    day, month, year = int(found.group(1)), MONTHS.index(found.group(2)) + 1, found.group(3)
    return f"{year}-{month:02d}-{day:02d}" in basis


def _as_of_in(as_of: str, basis: str) -> bool:
    if as_of in basis:
        return True
    parts = [int(p) for p in as_of.split("-")]
    if len(parts) == 1:
        return str(parts[0]) in basis
    month = MONTHS[parts[1] - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}" in basis
    day = date(parts[0], parts[1], parts[2])
    return f"{day.day} {month} {day.year}" in basis
