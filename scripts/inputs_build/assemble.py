"""Readings and not-found rows become `Fact`s: notes, citations, provenance, period filter."""

from __future__ import annotations

from datetime import date

from inputs_build.evidence import Evidence, Row, cite_web, urls_of
from inputs_build.model import Fact, when
from inputs_build.readings import Reading
from readiness.rubric.model import Kind, Rubric

NO_URL = (
    "No public URL: the value is read from a documented search of public web pages that found "
    "no such institution; there is no page to cite for an absence"
)

# (unit, indicator, evidence rows, why) whose evidence says "not found": the value stays missing
# and the note says what was searched and why that search is not evidence of absence (the
# contrast with finance_centre's level 0 is written in both places). Shared by both rubric
# versions where the indicator exists.
_UNANNOUNCED = (
    "a {thing} need not be announced in English, so finding none does not show that none "
    "exists (a common-law court needs a published law: level 0)"
)
NOT_FOUND: list[tuple[str, str, tuple[str, ...], str]] = [
    ("TKM", "geodata_portal", ("q:geodata_portal",), _UNANNOUNCED.format(thing="data portal")),
    ("TJK", "online_cadastre", ("q:online_cadastre",), _UNANNOUNCED.format(thing="register")),
    ("TKM", "online_cadastre", ("q:online_cadastre",), _UNANNOUNCED.format(thing="register")),
    (
        "TJK",
        "reporting_code",
        ("q:reserves_reporting_code",),
        _UNANNOUNCED.format(thing="reporting rule"),
    ),
    (
        "TKM",
        "reporting_code",
        ("q:reserves_reporting_code",),
        _UNANNOUNCED.format(thing="reporting rule"),
    ),
    *[
        (
            "UZB",
            indicator,
            ("e:eiti",),
            "reports of membership are unconfirmed, so neither membership nor its absence is shown",
        )
        for indicator in ("eiti_score", "extractives_transparency")
    ],
]

HISTORY = (
    " This earlier period: the value rests on the fact dated {as_of}; the evidence above was "
    "compiled later (sources up to 2026)."
)


def level_tail(rubric: Rubric, indicator: str, level: str | float) -> tuple[float, str]:
    """The level's number and the closing words of the reading ("Level 2: Rules-based.")."""
    ind = rubric.indicator_by_id[indicator]
    if ind.kind is Kind.NUMERIC:
        assert isinstance(level, int | float), (indicator, level)
        return float(level), ""
    found = next((lv for lv in ind.scale if lv.label == level), None)
    assert found is not None, f"{indicator}: no level labelled {level!r}"
    return found.value, f" Level {found.value:g}: {found.label}."


def reading_facts(
    readings: list[Reading],
    evidence: Evidence,
    rubric: Rubric,
    units: tuple[str, ...],
    period_end: date,
    current: bool,
    rule_of_law: dict[str, str],
) -> list[Fact]:
    """One fact per (unit, indicator): the latest reading dated on or before the period end
    (an undated one only in the current period)."""
    chosen: dict[tuple[str, str], tuple[date, Fact]] = {}
    for r in readings:
        if r.unit not in units or r.indicator not in rubric.indicator_by_id:
            continue
        day = when(r.as_of)
        if not current and (day is None or day > period_end):
            continue
        rows = [evidence.row(r.unit, key) for key in r.keys]
        compared = [evidence.row(r.unit, key) for key in r.keys if "@" in key]
        fact = _fact(r, rows, compared, rubric, current, rule_of_law.get(r.unit, ""))
        key = (r.unit, r.indicator)
        rank = day or date.max
        previous = chosen.get(key)
        if previous is None or previous[0] <= rank:
            chosen[key] = (rank, fact)
    return [fact for _, fact in chosen.values()]


def _fact(
    r: Reading, rows: list[Row], compared: list[Row], rubric: Rubric, current: bool, rl: str
) -> Fact:
    """`compared`: other units' rows a reading quotes for a comparison (keys ending '@UNIT'):
    cited and checked like the others, but their evidence is not printed as this unit's."""
    value, tail = level_tail(rubric, r.indicator, r.level)
    reasoning = r.reasoning
    basis = [row.text for row in rows]
    if "{rl}" in reasoning:
        assert rl, (r.unit, r.indicator, "the courts route needs this period's rule of law")
        reasoning = reasoning.replace("{rl}", rl)
        basis.append(rl)
    evidence_text = " ".join(
        dict.fromkeys(row.evidence for row in rows if row.evidence and row not in compared)
    )
    contested = f" Contested: {r.contested}" if r.contested else ""
    history = "" if current else HISTORY.format(as_of=r.as_of)
    urls = urls_of(rows)
    dropped = "".join(
        f" Not printed: a page the data cite for the evidence above, whose address names "
        f"{p.remark.removeprefix('not printed: the address names ')}. The data give no other "
        "page for what it was cited for, so the reading rests on the statements of the pages "
        "printed."
        for row in rows
        for p in row.dropped
    )
    return Fact(
        r.unit,
        r.indicator,
        r.level if isinstance(r.level, str) else value,
        r.as_of,
        cite_web(rows) if urls else NO_URL,
        urls,
        f"{evidence_text} Reading: {reasoning}{tail}{contested}{dropped}{history}",
        tuple(dict.fromkeys(row.provenance() for row in rows)),
        contested=bool(r.contested),
        basis=tuple(basis),
    )


def not_found_facts(evidence: Evidence, rubric: Rubric, units: tuple[str, ...]) -> list[Fact]:
    """Missing values whose evidence says "not found": no value, the search in the note."""
    out = []
    for unit, indicator, keys, why in NOT_FOUND:
        if unit not in units or indicator not in rubric.indicator_by_id:
            continue
        rows = [evidence.row(unit, key) for key in keys]
        assert all(not row.found for row in rows), (unit, indicator, "evidence was found")
        text = " ".join(row.evidence for row in rows if row.evidence)
        out.append(
            Fact(
                unit,
                indicator,
                None,
                "",
                "",
                "",
                f"Not found: {text} Missing, not scored: {why}.",
                tuple(row.provenance() for row in rows),
                basis=tuple(row.text for row in rows),
            )
        )
    return out
