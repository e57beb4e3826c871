"""The compiled qualitative evidence in ../shared/data, row by row, and how to cite it.

Three files hold dated facts read from public web pages (PROVENANCE.md sections 12-14); a
reading names its rows by key: "q:<indicator_id>" (the unit's row in the C5 file), "C5:<id>"
(a regional row of that file), "r:<indicator_id>" (the reference file), "s:<fact_id>" (the
state-participation file), "p:<id>" (a cross-check stated in PROVENANCE.md itself). The
`unverified_hint` column of the reference files is never read: it is not evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from inputs_build.model import Provenance, clean, date_text, domain, reader_text
from inputs_build.urls import Printed, confidence_of, is_listing, printed

C5_FILE = "qualitative_evidence_c5.csv"
REF_FILE = "qualitative_evidence_reference.csv"
STATE_FILE = "state_participation_c5_reference.csv"
FILES = {"q": C5_FILE, "C5": C5_FILE, "r": REF_FILE, "s": STATE_FILE}
SECTIONS = {C5_FILE: "12", REF_FILE: "13", STATE_FILE: "14"}

# Cross-checks PROVENANCE.md states in its own text (quoted verbatim), with the page it names.
EU_MSP_NOTICE = (
    "https://policy.trade.ec.europa.eu/news/"
    "eu-and-us-welcome-new-members-minerals-security-partnership-2024-09-27_en"
)
PROVENANCE_FACTS = {
    "msp_forum": (
        "The EU Commission's 27 Sep 2024 notice lists Kazakhstan and Uzbekistan as MSP Forum "
        "members (announced Jul 2024; the Forum was launched on 5 Apr 2024 with both).",
        EU_MSP_NOTICE,
        "2024-09-27",
        ("KAZ", "UZB"),
    ),
}


@dataclass(frozen=True)
class Row:
    """One evidence row: what it says, where it was read, and how sure its compiler was."""

    file: str
    unit: str
    key: str  # indicator_id or fact_id
    value: str
    evidence: str
    given: tuple[str, ...]  # the source URLs as the row gives them
    date: str  # the row's source_date as given ("" when empty)
    confidence: str  # primary, secondary or not found

    @property
    def printed(self) -> tuple[Printed, ...]:
        return tuple(printed(u) for u in self.given)

    @property
    def urls(self) -> tuple[str, ...]:
        """The URLs the workbook prints (see urls.py: corrected, or left out as unrelated)."""
        return tuple(p.url for p in self.printed if p.url)

    @property
    def dropped(self) -> tuple[Printed, ...]:
        """URLs not printed, with why."""
        return tuple(p for p in self.printed if not p.url)

    @property
    def found(self) -> bool:
        return self.confidence != "not found" and self.value != "not found"

    @property
    def text(self) -> str:
        """Everything a reading may rest on: value, evidence, date, and the capture date of a
        web-archive copy it cites (an archived page is evidence as of that day)."""
        captured = [
            f"archived {m[0:4]}-{m[4:6]}-{m[6:8]}"
            for url in self.urls
            for m in re.findall(r"/((?:19|20)\d{12})/", url)
        ]
        # A news page whose address carries its publication date (/2023/12/...) is evidence
        # as of that month (or day).
        published = [
            "published " + "-".join(m for m in found if m)
            for url in self.urls
            for found in re.findall(
                r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])/(?:(0[1-9]|[12]\d|3[01])/)?", url
            )
        ]
        return " ".join([self.value, self.evidence, self.date, *captured, *published])

    def remarks(self) -> str:
        """How the printed URLs differ from the row's, for the provenance ("" when they do not)."""
        said = [f"source_url {p.given}: {p.remark}" for p in self.printed if p.remark]
        return "".join(f"; {s}" for s in said)

    def provenance(self) -> Provenance:
        if self.file == "eiti_validation_c5.csv":
            return Provenance(
                "Project compilation of EITI validation outcomes (PROVENANCE.md section 4)",
                "",
                "",
                self.file,
                f"iso3={self.unit}; columns eiti_member, joined, overall_score, overall_label, "
                "latest_validation_year, notes" + self.remarks(),
            )
        if self.file == "PROVENANCE.md":
            return Provenance(
                "Project cross-check of the compiled evidence (PROVENANCE.md, 'Cross-check "
                "against file 12')",
                "",
                "",
                "PROVENANCE.md",
                f"cross-check '{self.key}'",
            )
        column = "fact_id" if self.file == STATE_FILE else "indicator_id"
        return Provenance(
            f"Project compilation of public web pages (PROVENANCE.md section "
            f"{SECTIONS[self.file]})",
            "",
            "",
            self.file,
            f"iso3={self.unit}; {column}={self.key}" + self.remarks(),
        )


class Evidence:
    """Every qualitative row of the data folder, looked up by (unit, key)."""

    def __init__(self, data: Path) -> None:
        self.rows: dict[tuple[str, str, str], Row] = {}
        for file in (C5_FILE, REF_FILE, STATE_FILE):
            frame = pd.read_csv(data / file, dtype=str, keep_default_na=False)
            key_column = "fact_id" if file == STATE_FILE else "indicator_id"
            for rec in frame.to_dict("records"):
                row = Row(
                    file=file,
                    unit=clean(rec["iso3"]),
                    key=clean(rec[key_column]),
                    value=clean(rec["value"]),
                    evidence=reader_text(clean(rec["evidence"])),
                    given=tuple(u.strip() for u in clean(rec["source_url"]).split(" ; ") if u),
                    date=clean(rec["source_date"]),
                    confidence=clean(rec["confidence"]),
                )
                self.rows[(file, row.unit, row.key)] = row
        # EITI validation rows, as key "e:eiti": the fields a reading rests on, in words.
        from inputs_build.series import EITI_FILE, eiti_confidence, eiti_rows, eiti_summary

        for unit, rec in eiti_rows(data).items():
            self.rows[(EITI_FILE, unit, "eiti")] = Row(
                file=EITI_FILE,
                unit=unit,
                key="eiti",
                value=rec["overall_score"],
                evidence=eiti_summary(rec),
                given=tuple(u.strip() for u in rec["source_url"].split(" ; ") if u.strip()),
                date=date_text(rec["latest_validation_year"]),
                confidence=eiti_confidence(rec) if rec["source_url"] else "not found",
            )
        for key, (text, url, day, units) in PROVENANCE_FACTS.items():
            for unit in units:
                self.rows[("PROVENANCE.md", unit, key)] = Row(
                    "PROVENANCE.md", unit, key, "", text, (url,), day, "secondary"
                )

    def row(self, unit: str, spec: str) -> Row:
        """The row a reading's key names, e.g. 'q:licensing_regime' for `unit`; a key ending in
        '@KAZ' names another unit's row (a comparison the reading quotes)."""
        prefix, key = spec.split(":", 1)
        key, _, other = key.partition("@")
        unit = other or unit
        if prefix == "e":
            from inputs_build.series import EITI_FILE

            return self.rows[(EITI_FILE, unit, key)]
        if prefix == "p":
            return self.rows[("PROVENANCE.md", unit, key)]
        owner = "C5" if prefix == "C5" else unit
        return self.rows[(FILES[prefix], owner, key)]


def cite_web(rows: list[Row]) -> str:
    """A citation of web pages by site, grouped by how sure a reader can be of each page: primary
    only for an official page in a row rated primary (urls.py); a listing page says so."""
    groups: dict[str, list[str]] = {}
    for row in rows:
        for url in row.urls:
            site = domain(url) + (" (a listing page)" if is_listing(url) else "")
            sites = groups.setdefault(confidence_of(url, row.confidence), [])
            if site not in sites:
                sites.append(site)
    parts = [
        f"{', '.join(sites)} ({confidence})"
        for confidence in ("primary", "secondary")
        if (sites := groups.get(confidence))
    ]
    return "Web pages: " + "; ".join(parts) if parts else ""


def urls_of(rows: list[Row]) -> str:
    return " ; ".join(dict.fromkeys(u for row in rows for u in row.urls))
