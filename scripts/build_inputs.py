"""Build the shipped input workbooks from the compiled sources in ../shared/data.

Usage (from the repository root):
    .venv/bin/python scripts/build_inputs.py [--data ../shared/data] [--out inputs]

Writes inputs/c5-critical-minerals-2026-Q4.xlsx (the current period) and one workbook per
earlier period under inputs/history/. Every value carries its source, source URL, as-of date
and an evidence note copied from the data files; where the data say "not found" the cell stays
empty. Nothing is estimated.

Rules for earlier periods (each holds only what had been published by the period's end):
- WGI: the value for data year Y appears from period (Y+1)-Q4 on; the file is the WGI 2024
  update, so its 2023 values were published in 2024. Earlier data years are taken from the same
  update: the World Bank revises past estimates, so the first-published figure may differ.
- LPI: an edition appears from its own year's Q4 (2018, 2023).
- FDI (WDI): data year Y appears from period (Y+2)-Q4 on, a deliberately conservative lag (the
  WDI file read was last updated 2026-04-08 and holds 2024 as its latest year).
- Ratings, qualitative facts, EITI: a fact appears from the period whose end is on or after its
  dated evidence; an undated fact appears only in the current period.
The categorical levels are the developer's reading of the evidence against the rubric's level
definitions; each evidence note ends with that reading so it can be checked.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from readiness.inputs.values import Values, make_table  # noqa: E402
from readiness.period import parse_as_of, parse_period  # noqa: E402
from readiness.rubric import load_rubric  # noqa: E402

RUBRIC = ROOT / "rubrics" / "c5-critical-minerals.yaml"
UNITS = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
CURRENT = "2026-Q4"
PERIODS = ("2020-Q4", "2021-Q4", "2022-Q4", "2023-Q4", "2024-Q4", "2025-Q4", CURRENT)

WGI_URL = "https://www.worldbank.org/en/publication/worldwide-governance-indicators"
LPI_URL = "https://lpi.worldbank.org/international/global"
WDI_URL = "https://databank.worldbank.org/source/world-development-indicators"
WGI_NAME = {"rl": "Rule of Law", "rq": "Regulatory Quality", "cc": "Control of Corruption"}
WGI_IDS = {"rule_of_law": "rl", "regulatory_quality": "rq", "control_of_corruption": "cc"}

MOODYS = {
    "Aaa": "AAA", "Aa1": "AA+", "Aa2": "AA", "Aa3": "AA-", "A1": "A+", "A2": "A", "A3": "A-",
    "Baa1": "BBB+", "Baa2": "BBB", "Baa3": "BBB-", "Ba1": "BB+", "Ba2": "BB", "Ba3": "BB-",
    "B1": "B+", "B2": "B", "B3": "B-", "Caa1": "CCC+", "Caa2": "CCC", "Caa3": "CCC-",
    "Ca": "CC", "C": "C",
}  # fmt: skip


@dataclass(frozen=True)
class Fact:
    """One value for one (unit, indicator), with everything the workbook shows beside it."""

    unit: str
    indicator: str
    value: object  # number, or a level label
    as_of: str  # ISO date text ("2024", "2024-09", "2024-09-30"), or "" when undated
    source: str
    source_url: str
    note: str


def _date_text(raw: object) -> str:
    """The ISO-date part of a data cell like '2024-09 (month only)'; '' when there is none."""
    if not isinstance(raw, str):
        return ""
    head = raw.strip().split(" ")[0]
    return head if parse_as_of(head) is not None else ""


def _clean(text: object) -> str:
    return "" if not isinstance(text, str) or text.strip().lower() == "nan" else text.strip()


# --- quantitative series ------------------------------------------------------------------------


def wgi_facts(data: Path, period_year: int) -> list[Fact]:
    frame = pd.read_csv(data / "wgi_2024update_c5_peers_2019_2023.csv")
    year = min(period_year - 1, int(frame["year"].max()))
    out = []
    for indicator, code in WGI_IDS.items():
        rows = frame[(frame["indicator"] == code) & (frame["year"] == year)]
        for row in rows.itertuples(index=False):
            if row.code not in UNITS or pd.isna(row.pctrank):
                continue
            out.append(
                Fact(
                    row.code,
                    indicator,
                    float(row.pctrank),
                    str(year),
                    "World Bank, Worldwide Governance Indicators (2024 update)",
                    WGI_URL,
                    f"WGI {WGI_NAME[code]}, data year {year}: percentile rank {row.pctrank:.2f} "
                    f"(90% interval {row.pctranklower:.1f}-{row.pctrankupper:.1f}; estimate "
                    f"{row.estimate:.2f}, {row.nsource} sources), as recorded in the WGI 2024 "
                    "update (wgidataset.xlsx; repository timothym4r/Politics-and-Corruption-on-"
                    "FDI-GDP-relation at commit 8569d449). The World Bank revises past years in "
                    "each update.",
                )
            )
    return out


def lpi_facts(data: Path, period_year: int) -> list[Fact]:
    frame = pd.read_csv(data / "lpi_2023_2018_c5_peers.csv")
    out = []
    for unit in UNITS:
        rows = frame[(frame["iso3_added"] == unit) & (frame["edition"] <= period_year)]
        if rows.empty:
            continue
        row = rows.sort_values("edition").iloc[-1]
        edition = int(row["edition"])
        missing_2023 = edition < 2023 <= period_year
        extra = (
            " Turkmenistan is not covered by LPI 2023; 2018 is its latest edition."
            if (missing_2023)
            else ""
        )
        for indicator, column, label in (
            ("lpi_overall", "lpi_score", "overall LPI score"),
            ("lpi_infrastructure", "infrastructure_score", "infrastructure component score"),
        ):
            out.append(
                Fact(
                    unit,
                    indicator,
                    float(row[column]),
                    str(edition),
                    f"World Bank, Logistics Performance Index {edition}",
                    LPI_URL,
                    f"LPI {edition} {label} {row[column]:g} (1-5), grouped rank "
                    f"{int(row['lpi_grouped_rank'])}; from International_LPI_from_2007_to_2023.xlsx "
                    f"(sheet {edition}; repository DiogoRibeiro7/international_logistics_"
                    f"performance at commit 714890e6).{extra}",
                )
            )
    return out


def fdi_facts(data: Path, period_year: int) -> list[Fact]:
    frame = pd.read_csv(data / "wdi_fdi_gdp_c5_peers_2019_2024.csv")
    year = period_year - 2
    out = []
    for unit in UNITS:
        rows = frame[(frame["iso3"] == unit) & (frame["year"] == year)]
        series = dict(zip(rows["indicator_code"], rows["value_current_usd"], strict=True))
        fdi, gdp = series.get("BX.KLT.DINV.CD.WD"), series.get("NY.GDP.MKTP.CD")
        if fdi is None or gdp is None or pd.isna(fdi) or pd.isna(gdp):
            continue
        share = fdi / gdp * 100.0
        out.append(
            Fact(
                unit,
                "fdi_inflows",
                round(share, 4),
                str(year),
                "World Bank, World Development Indicators (BX.KLT.DINV.CD.WD, NY.GDP.MKTP.CD)",
                WDI_URL,
                f"FDI net inflows US${fdi / 1e9:.3f}bn / GDP US${gdp / 1e9:.3f}bn x 100 = "
                f"{share:.4f}% (data year {year}; WDI bulk CSVs, last updated 2026-04-08, "
                "repository LAMXO/SQL-data-analysis-visualization-projects at commit 699fc5cd).",
            )
        )
    return out


def rating_facts(data: Path, period_end: date, current: bool) -> list[Fact]:
    frame = pd.read_csv(data / "sovereign_ratings_c5.csv", dtype=str)
    out = []
    for unit in UNITS:
        found = []
        for row in frame[frame["iso3"] == unit].itertuples(index=False):
            rating = _clean(row.long_term_fc_rating)
            when = _date_text(row.action_date)
            if not rating or rating == "not found" or not when:
                continue
            if not current and (parse_as_of(when) or date.max) > period_end:
                continue
            label = MOODYS.get(rating, rating)
            found.append((label, rating, row.agency, when, _clean(row.source_url), row))
        if not found:
            continue
        order = [lv for lv in RATING_ORDER]
        best = max(found, key=lambda f: order.index(f[0]))
        listing = "; ".join(
            f"{agency} {rating}"
            + (f" (= {label})" if label != rating else "")
            + f", {_clean(row.outlook) or 'outlook n/a'}, {_clean(row.action)} {when}"
            for label, rating, agency, when, _url, row in found
        )
        out.append(
            Fact(
                unit,
                "sovereign_rating",
                best[0],
                best[3],
                f"{best[2]} (best of the agencies found; secondary sources)",
                " ; ".join(dict.fromkeys(f[4] for f in found if f[4])),
                f"Long-term foreign-currency ratings found: {listing}. Best notch: {best[0]}. "
                "Not found: "
                + (
                    ", ".join(sorted({"S&P Global", "Moody's", "Fitch"} - {f[2] for f in found}))
                    or "none"
                )
                + ".",
            )
        )
    return out


RATING_ORDER = [
    "D", "C", "CC", "CCC-", "CCC", "CCC+", "B-", "B", "B+", "BB-", "BB", "BB+",
    "BBB-", "BBB", "BBB+", "A-", "A", "A+", "AA-", "AA", "AA+", "AAA",
]  # fmt: skip


def _news_year(data: Path, url: str) -> tuple[str, str]:
    """The year another data file records for the same news item, e.g. '(EITI 2025 news)'."""
    frame = pd.read_csv(data / "minerals_secondary_c5.csv", dtype=str)
    for row in frame[frame["source_url"] == url].itertuples(index=False):
        found = re.search(r"\b(20\d\d)\b", _clean(row.year))
        if found:
            return found.group(1), (
                f" Date: {found.group(1)}, the date minerals_secondary_c5.csv records for the "
                f"same EITI news item ('{_clean(row.year)}')."
            )
    return "", ""


def eiti_facts(data: Path, period_end: date, current: bool) -> list[Fact]:
    frame = pd.read_csv(data / "eiti_validation_c5.csv", dtype=str)
    out = []
    for row in frame.itertuples(index=False):
        if row.iso3 not in UNITS:
            continue
        member = _clean(row.eiti_member)
        score_text = _clean(row.overall_score)
        when = _date_text(row.latest_validation_year)
        dated_elsewhere = ""
        if not when:
            when, dated_elsewhere = _news_year(data, _clean(row.source_url))
        if not current and (not when or (parse_as_of(when) or date.max) > period_end):
            continue
        if member == "no":
            value: float = 0.0
            reading = "Not an EITI member: scored 0, a real value (rubric rule)."
        else:
            try:
                value = float(score_text)
            except ValueError:
                continue  # validation score not found: stays missing
            reading = f"EITI validation overall score {value:g} ({_clean(row.overall_label)})."
        out.append(
            Fact(
                row.iso3,
                "eiti_score",
                value,
                when,
                "EITI board decisions and country pages (secondary where noted)",
                _clean(row.source_url),
                f"{reading} Standard assessed: {_clean(row.standard_assessed) or 'n/a'}; "
                f"latest validation: {_clean(row.latest_validation_year) or 'not found'}. "
                f"{_clean(row.notes)}{dated_elsewhere}",
            )
        )
    return out


# --- qualitative facts: the developer's reading of each row against the rubric's levels ----------

# (unit, indicator, data row(s) in qualitative_evidence_c5.csv, level label, as-of, reading)
# as-of: the dated evidence that establishes the level (the row's source_date unless stated).
READINGS: list[tuple[str, str, tuple[str, ...], object, str, str]] = [
    ("KAZ", "mining_code", ("mining_code_year", "licensing_regime"), "Modern law, rules-based licensing", "2018-06-29",
     "Code adopted 2017 (in force 29 Jun 2018), within 10 years, with first-come-first-served "
     "licensing for solid minerals: level 3."),
    ("KGZ", "mining_code", ("mining_code_year", "licensing_regime"), "Amended or discretionary", "2021-08-23",
     "Law of 2012, amended 2014 and 2021; since 2021 the Cabinet may award plots to state "
     "companies without tender or auction, which caps the level at 1."),
    ("TJK", "mining_code", ("mining_code_year",), "Amended or discretionary", "2013",
     "Law 'On Subsoil' of 1994 and no newer code found; the ESCAP database lists 2013 as the "
     "effective-start year, which points to a later amended version, not an overhaul: level 1 "
     "(older law with later amendments). As-of: that 2013 year. Recheck against the current text."),
    ("TKM", "mining_code", ("mining_code_year", "licensing_regime"), "Amended or discretionary", "2018-01-05",
     "Law of 2014 amended 2018; licensing is state-controlled and discretionary (US State "
     "Department 2017), which caps the level at 1."),
    ("UZB", "mining_code", ("mining_code_year", "licensing_regime"), "Modern law, rules-based licensing", "2025-02-02",
     "New Law ZRU-987 in force 2 Feb 2025; state-explored deposits go to auction or tender and "
     "permits are issued on cadastral squares: level 3 (secondary sources)."),
    ("KAZ", "investment_treaty", ("us_bit_in_force",), "In force", "2012-10-16",
     "US BIT in force since 12 Jan 1994; as-of is the archived USTR page (2012) that lists it."),
    ("KGZ", "investment_treaty", ("us_bit_in_force",), "In force", "2012-10-16",
     "US BIT in force since 12 Jan 1994; as-of is the archived USTR page (2012) that lists it."),
    ("TJK", "investment_treaty", ("us_bit_in_force",), "No US BIT", "2012-10-16",
     "No US BIT listed on the archived USTR page (2012); a later treaty would not show there."),
    ("TKM", "investment_treaty", ("us_bit_in_force",), "No US BIT", "2012-10-16",
     "No US BIT listed on the archived USTR page (2012); a later treaty would not show there."),
    ("UZB", "investment_treaty", ("us_bit_in_force",), "Signed, not in force", "2012-10-16",
     "US BIT signed 16 Dec 1994, never in force (archived USTR page, 2012): level 1."),
    ("KAZ", "geodata_portal", ("geodata_portal",), "Online portal, partial", "2025-11-13",
     "Founding participant of the Central Asian Geoportal (free map-level data) while detailed "
     "data are sold: level 2."),
    ("KGZ", "geodata_portal", ("geodata_portal",), "Online portal, partial", "2014-03-17",
     "Central Asian Geoportal participant (map-level data online) while state geological "
     "information is sold (2014 resolution): level 2."),
    ("TJK", "geodata_portal", ("geodata_portal",), "Online portal, partial", "",
     "geoportal-tj.org shows a geological and mineral-resource map; archives mostly paper: "
     "level 2. The portal itself is undated in the sources (the 2011 article is about "
     "declassification plans), so the value has no as-of date."),
    ("UZB", "geodata_portal", ("geodata_portal",), "On request or fee only", "2020-04-27",
     "Geology data usually treated as secret, detailed packages only after licensing or under "
     "NDA (2020 guide); the 2024 law eases exchange and sale: level 1."),
    ("KAZ", "online_cadastre", ("online_cadastre",), "Partial online", "2023-10",
     "Exploration-licence applications online-only since Oct 2023 (minexforum, Sep 2023); no "
     "public licence map: level 1."),
    ("KAZ", "online_cadastre", ("online_cadastre",), "Partial online", "2025-11-13",
     "Unified Subsurface Use Platform with online licensing; no public licence map confirmed: "
     "level 1."),
    ("KGZ", "online_cadastre", ("online_cadastre",), "Partial online", "2014-06-24",
     "Licensed and free areas listed on the agency website; no public map confirmed: level 1."),
    ("UZB", "online_cadastre", ("online_cadastre",), "Partial online", "2023-07-25",
     "Permits through the public-services portal and online auctions; no public map "
     "confirmed: level 1."),
    ("KAZ", "reporting_code", ("reserves_reporting_code",), "CRIRSCO-aligned code", "2016",
     "KAZRC is a CRIRSCO member code (2016), adopted for reporting to the state in 2018: level 2."),
    ("KGZ", "reporting_code", ("reserves_reporting_code",), "CRIRSCO candidate or partial", "",
     "MoU with CRIRSCO to develop a national code; listed as a candidate; no adopted code: "
     "level 1 (undated evidence)."),
    ("UZB", "reporting_code", ("reserves_reporting_code",), "CRIRSCO candidate or partial", "2020-08-28",
     "Soviet classification still used, but 32 reserve types reported converted to JORC in Aug "
     "2020 (partial conversion): level 1. As-of: the Aug 2020 report."),
    ("KAZ", "caspian_access", ("middle_corridor_access",), "yes", "2019-04-16",
     "Own Caspian ports Aktau and Kuryk on the Trans-Caspian route; regular Aktau-Baku feeder "
     "since Apr 2019."),
    ("TKM", "caspian_access", ("middle_corridor_access",), "yes", "2018-05-02",
     "Own Caspian port Turkmenbashi (opened 2 May 2018) with ferries to Baku."),
    ("KGZ", "caspian_access", ("middle_corridor_access",), "no", "2024-12-27", "No Caspian coast."),
    ("TJK", "caspian_access", ("middle_corridor_access",), "no", "2024-09-20", "No Caspian coast."),
    ("UZB", "caspian_access", ("middle_corridor_access",), "no", "2025", "No Caspian coast."),
    ("UZB", "caspian_access", ("landlocked_status",), "no", "2020-12-26",
     "Doubly landlocked: no Caspian coast."),
    ("UZB", "transit_borders", ("landlocked_status",), 1, "2020-12-26",
     "Doubly landlocked: at least one neighbour must be crossed; Turkmenistan and Kazakhstan "
     "both border Uzbekistan and have Caspian ports: 1 transit country."),
    ("KAZ", "transit_borders", ("middle_corridor_access", "landlocked_status"), 0, "2019-04-16",
     "Own Caspian ports (Aktau, Kuryk): no transit country."),
    ("TKM", "transit_borders", ("middle_corridor_access", "landlocked_status"), 0, "2018-05-02",
     "Own Caspian port (Turkmenbashi): no transit country."),
    ("UZB", "transit_borders", ("middle_corridor_access", "landlocked_status"), 1, "2025",
     "Doubly landlocked; route via Turkmenistan (Turkmenbashi) or Kazakhstan (Aktau/Kuryk): "
     "1 transit country."),
    ("KGZ", "transit_borders", ("middle_corridor_access", "landlocked_status"), 1, "2024-12-27",
     "Landlocked. By rail the evidence says Kyrgyz cargo leaves through Uzbekistan, which "
     "would mean 2 transit countries (Uzbekistan, then Turkmenistan or Kazakhstan); by road "
     "Kyrgyzstan borders Kazakhstan and reaches Aktau through 1, as the rubric's design table "
     "counts. The shortest route counts: 1. No data file documents the road route: recheck."),
    ("TJK", "transit_borders", ("middle_corridor_access", "landlocked_status"), 2, "2024-09-20",
     "Landlocked; rail exits through Uzbekistan, then Turkmenistan or Kazakhstan to a Caspian "
     "port: 2 transit countries."),
    ("KAZ", "western_minerals_partnership", ("eu_crm_partnership",), "Bilateral MoU", "2022-11-07",
     "EU-Kazakhstan strategic raw-materials MoU signed 7 Nov 2022: level 2."),
    ("KAZ", "western_minerals_partnership", ("msp_engagement", "eu_crm_partnership"), "MoU with financing", "2025-11-06",
     "US-Kazakhstan critical-minerals MoU (6 Nov 2025) plus a US EXIM US$900m letter of "
     "interest for the tungsten JV: level 3 (a letter of interest is non-binding)."),
    ("KGZ", "western_minerals_partnership", ("msp_engagement", "eu_crm_partnership"), "Regional dialogue only", "2025-04-04",
     "C5+1 Critical Minerals Dialogue and the EU-Central Asia CRM declaration only: level 1."),
    ("KGZ", "western_minerals_partnership", ("msp_engagement",), "Bilateral MoU", "2025-12-04",
     "UK-Kyrgyzstan critical-minerals MoU (Dec 2025); the UK is an MSP partner government: "
     "level 2."),
    ("TJK", "western_minerals_partnership", ("msp_engagement", "eu_crm_partnership"), "Regional dialogue only", "2025-04-04",
     "C5+1 CMD and the EU-Central Asia CRM declaration only; the reported UK antimony draft "
     "rests on a weak source and is not counted: level 1."),
    ("TKM", "western_minerals_partnership", ("msp_engagement", "eu_crm_partnership"), "Regional dialogue only", "2025-04-04",
     "C5+1 CMD and the EU-Central Asia CRM declaration only: level 1."),
    *[
        (unit, "western_minerals_partnership", ("C5:c5p1_cmd_announced",), "Regional dialogue only", "2023-09-19",
         "C5+1 Critical Minerals Dialogue announced 19 Sep 2023 with all five states; no bilateral "
         "minerals agreement of this country by then: level 1.")
        for unit in ("KGZ", "TJK", "TKM", "UZB")
    ],
    ("UZB", "western_minerals_partnership", ("eu_crm_partnership",), "Bilateral MoU", "2024-04-05",
     "EU-Uzbekistan critical raw materials MoU signed 5 Apr 2024: level 2."),
    ("UZB", "western_minerals_partnership", ("msp_engagement", "eu_crm_partnership"), "MoU with financing", "2026-02-18",
     "US-Uzbekistan MoUs (Sep 2024, Feb 2026) plus the DFC/EXIM Joint Investment Framework "
     "(Feb 2026): level 3."),
    ("KAZ", "finance_centre", ("international_finance_centre",), "Operating", "2018-01-01",
     "Astana International Financial Centre with its English common-law court, open since "
     "1 Jan 2018: level 2."),
    ("KGZ", "finance_centre", ("international_finance_centre",), "Being set up", "2025-10-08",
     "2025 law created the Tamchy zone with a dispute centre applying English law; not yet "
     "operating: level 1."),
    ("UZB", "finance_centre", ("international_finance_centre",), "Being set up", "2025",
     "Tashkent International Commercial Court (common-law principles) being established; an "
     "arbitration centre alone does not count: level 1."),
]  # fmt: skip


def qualitative_facts(data: Path, period_end: date, current: bool) -> list[Fact]:
    frame = pd.read_csv(data / "qualitative_evidence_c5.csv", dtype=str)
    rows = {(r.iso3, r.indicator_id): r for r in frame.itertuples(index=False)}
    chosen: dict[tuple[str, str], Fact] = {}
    for unit, indicator, keys, level, as_of, reading in READINGS:
        when = parse_as_of(as_of) if as_of else None
        if not current and (when is None or when > period_end):
            continue
        evidence = [rows[tuple(k.split(":"))] if ":" in k else rows[(unit, k)] for k in keys]
        urls = " ; ".join(
            dict.fromkeys(_clean(e.source_url) for e in evidence if _clean(e.source_url))
        )
        confidence = sorted({_clean(e.confidence) for e in evidence})
        text = " ".join(f"[{k}] {_clean(e.evidence)}" for k, e in zip(keys, evidence, strict=True))
        fact = Fact(
            unit,
            indicator,
            level,
            as_of,
            f"qualitative_evidence_c5.csv ({'/'.join(confidence)} sources)",
            urls,
            f"{text} Reading: {reading}"
            + (
                ""
                if current
                else f" For this earlier period: the evidence above was compiled later (sources "
                f"up to 2026); the value rests on the fact dated {as_of}."
            ),
        )
        key = (unit, indicator)
        previous = chosen.get(key)
        if previous is None or (parse_as_of(previous.as_of) or date.min) <= (when or date.max):
            chosen[key] = fact
    return list(chosen.values())


def period_values(data: Path, period: str) -> Values:
    _, end = parse_period(period)
    current = period == CURRENT
    facts = [
        *wgi_facts(data, end.year),
        *lpi_facts(data, end.year),
        *fdi_facts(data, end.year),
        *rating_facts(data, end, current),
        *eiti_facts(data, end, current),
        *qualitative_facts(data, end, current),
    ]
    rubric = load_rubric(RUBRIC)
    rows = []
    for f in facts:
        indicator = rubric.indicator_by_id[f.indicator]
        value = f.value
        if isinstance(value, str):
            level = next(lv for lv in indicator.scale if lv.label == value)
            value = level.value
        rows.append(
            {
                "unit": f.unit, "indicator": f.indicator, "value": value, "as_of": f.as_of,
                "source": f.source, "source_url": f.source_url, "note": f.note,
            }
        )  # fmt: skip
    table = make_table(rows)
    assert not table.duplicated(["unit", "indicator"]).any(), "two facts for one cell"
    assert not any(isinstance(v, float) and math.isinf(v) for v in table["value"])
    units = pd.DataFrame(
        {"name": [u.name for u in rubric.units]},
        index=pd.Index([u.id for u in rubric.units], name="unit"),
    )
    return Values(table=table, units=units, period=period, origin=f"build_inputs:{period}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "inputs")
    parser.add_argument("--csv", action="store_true", help="also write a long CSV per period")
    args = parser.parse_args()
    from readiness.workbook.template import write_template

    rubric = load_rubric(RUBRIC)
    for period in PERIODS:
        values = period_values(args.data, period)
        folder = args.out if period == CURRENT else args.out / "history"
        path = folder / f"c5-critical-minerals-{period}.xlsx"
        write_template(rubric, period, path, values=values)
        if args.csv:
            values.table.to_csv(path.with_suffix(".csv"), index=False)
        present = int(values.table["value"].notna().sum())
        print(f"{path}: {present} values of {len(UNITS) * len(rubric.indicators)}")


if __name__ == "__main__":
    main()
