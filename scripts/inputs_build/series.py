"""Values read from the data series: WGI, LPI, WDI (FDI), sovereign ratings, EITI scores.

Each value is cited as its publisher prints it; where the project copy came from (repository,
commit, file, fields) goes to the value's provenance, never into the Source or the note. Rules
for earlier periods (each holds only what had been published by the period's end):
- WGI: data year Y appears from period (Y+1)-Q4 on; the file is the 2024 update, so its 2023
  values were published in 2024. Earlier years come from the same update (the World Bank
  revises past estimates, so a first-published figure may differ).
- LPI: an edition appears from its own year's Q4 (2018, 2023).
- FDI (WDI): data year Y appears from period (Y+2)-Q4 on, a deliberately conservative lag (the
  file read was last updated 2026-04-08 and holds 2024 as its latest year).
- Ratings and EITI scores: from the period whose end is on or after the dated action or Board
  decision; an undated one only in the current period.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from inputs_build.model import Fact, Provenance, clean, date_text, domain, reader_text, when
from inputs_build.urls import is_listing

WGI_FILE = "wgi_2024update_c5_peers_2019_2023.csv"
LPI_FILE = "lpi_2023_2018_c5_peers.csv"
WDI_FILE = "wdi_fdi_gdp_c5_peers_2019_2024.csv"
RATINGS_FILE = "sovereign_ratings_c5.csv"
EITI_FILE = "eiti_validation_c5.csv"

WGI_URL = "https://www.worldbank.org/en/publication/worldwide-governance-indicators"
LPI_URL = "https://lpi.worldbank.org/international/global"
WDI_URL = "https://databank.worldbank.org/source/world-development-indicators"
WGI_NAME = {"rl": "Rule of Law", "rq": "Regulatory Quality", "cc": "Control of Corruption"}
WGI_IDS = {"rule_of_law": "rl", "regulatory_quality": "rq", "control_of_corruption": "cc"}

WGI_PROVENANCE = (
    "World Bank, Worldwide Governance Indicators, 2024 update (wgidataset.xlsx, long format)",
    "timothym4r/Politics-and-Corruption-on-FDI-GDP-relation (data/wgidataset.xlsx)",
    "8569d44918f4a7281194414839f48e69f95c3126",
)
LPI_PROVENANCE = (
    "World Bank, International LPI 2007-2023 (International_LPI_from_2007_to_2023.xlsx)",
    "DiogoRibeiro7/international_logistics_performance "
    "(R/International_LPI_from_2007_to_2023.xlsx)",
    "714890e6c5a301ca3fcca6f3fe39e2b608933d5a",
)
WDI_PROVENANCE = (
    "World Bank, World Development Indicators bulk CSVs (last updated 2026-04-08)",
    "LAMXO/SQL-data-analysis-visualization-projects (data/fdi_inflows.csv, "
    "data/gdp_by_country.csv)",
    "699fc5cde9922270cbf41bce422771aac0b3eccb",
)

MOODYS = {
    "Aaa": "AAA", "Aa1": "AA+", "Aa2": "AA", "Aa3": "AA-", "A1": "A+", "A2": "A", "A3": "A-",
    "Baa1": "BBB+", "Baa2": "BBB", "Baa3": "BBB-", "Ba1": "BB+", "Ba2": "BB", "Ba3": "BB-",
    "B1": "B+", "B2": "B", "B3": "B-", "Caa1": "CCC+", "Caa2": "CCC", "Caa3": "CCC-",
    "Ca": "CC", "C": "C",
}  # fmt: skip
NOTCHES = [
    "D", "C", "CC", "CCC-", "CCC", "CCC+", "B-", "B", "B+", "BB-", "BB", "BB+",
    "BBB-", "BBB", "BBB+", "A-", "A", "A+", "AA-", "AA", "AA+", "AAA",
]  # fmt: skip


def wgi_year(frame: pd.DataFrame, period_year: int) -> int:
    return min(period_year - 1, int(frame["year"].max()))


def wgi_facts(data: Path, period_year: int, units: tuple[str, ...]) -> list[Fact]:
    frame = pd.read_csv(data / WGI_FILE)
    year = wgi_year(frame, period_year)
    out = []
    for indicator, code in WGI_IDS.items():
        rows = frame[(frame["indicator"] == code) & (frame["year"] == year)]
        for row in rows.itertuples(index=False):
            if row.code not in units or pd.isna(row.pctrank):
                continue
            low, value, high = float(row.pctranklower), float(row.pctrank), float(row.pctrankupper)
            assert low <= value <= high, (row.code, code, year)
            out.append(
                Fact(
                    row.code,
                    indicator,
                    value,
                    str(year),
                    f"World Bank, Worldwide Governance Indicators, 2024 update, {WGI_NAME[code]}, "
                    f"data year {year}",
                    WGI_URL,
                    f"{WGI_NAME[code]}, percentile rank {value:.2f} among all countries rated "
                    f"(0-100); 90 % confidence interval {low:.2f} to {high:.2f} (Low and High); "
                    f"estimate {row.estimate:.2f} on the standard-normal scale from "
                    f"{int(row.nsource)} sources; data year {year}. The World Bank revises "
                    "earlier years in each update.",
                    (
                        Provenance(
                            *WGI_PROVENANCE,
                            WGI_FILE,
                            f"code={row.code}; year={year}; indicator={code}; columns pctrank, "
                            "pctranklower, pctrankupper, estimate, nsource",
                        ),
                    ),
                    low=low,
                    high=high,
                )
            )
    return out


LPI_PARTS = {
    "lpi_overall": ("lpi_score", "lpi_grouped_rank", "overall LPI score", "overall rank"),
    "lpi_infrastructure": (
        "infrastructure_score",
        "infrastructure_grouped_rank",
        "infrastructure score",
        "infrastructure rank",
    ),
}


def lpi_facts(data: Path, period_year: int, units: tuple[str, ...]) -> list[Fact]:
    frame = pd.read_csv(data / LPI_FILE)
    out = []
    for unit in units:
        rows = frame[(frame["iso3_added"] == unit) & (frame["edition"] <= period_year)]
        if rows.empty:
            continue
        row = rows.sort_values("edition").iloc[-1]
        edition = int(row["edition"])
        precision = "published to one decimal" if edition == 2023 else "published to full precision"
        extra = (
            " Turkmenistan is not covered by LPI 2023; 2018 is its latest edition."
            if edition < 2023 <= period_year
            else ""
        )
        for indicator, (column, rank_column, label, rank_label) in LPI_PARTS.items():
            score, rank = float(row[column]), int(row[rank_column])
            out.append(
                Fact(
                    unit,
                    indicator,
                    score,
                    str(edition),
                    f"World Bank, Logistics Performance Index {edition}, {label}",
                    LPI_URL,
                    f"LPI {edition} {label} {score:.10g} on a 1-5 scale ({precision}); "
                    f"{rank_label} {rank} (grouped: economies with equal scores share a "
                    f"rank).{extra}",
                    (
                        Provenance(
                            *LPI_PROVENANCE,
                            LPI_FILE,
                            f"edition={edition}; iso3_added={unit}; columns {column}, "
                            f"{rank_column}",
                        ),
                    ),
                )
            )
    return out


def fdi_facts(data: Path, period_year: int, units: tuple[str, ...]) -> list[Fact]:
    frame = pd.read_csv(data / WDI_FILE)
    year = period_year - 2
    out = []
    for unit in units:
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
                "World Bank, World Development Indicators (update of 8 Apr 2026): foreign "
                "direct investment, net inflows (BX.KLT.DINV.CD.WD) and GDP (NY.GDP.MKTP.CD), "
                f"current US$, data year {year}",
                WDI_URL,
                f"FDI net inflows US${fdi / 1e9:.3f}bn / GDP US${gdp / 1e9:.3f}bn x 100 = "
                f"{share:.4f} % of GDP, data year {year}.",
                (
                    Provenance(
                        *WDI_PROVENANCE,
                        WDI_FILE,
                        f"iso3={unit}; year={year}; indicator_code BX.KLT.DINV.CD.WD and "
                        "NY.GDP.MKTP.CD; column value_current_usd",
                    ),
                ),
            )
        )
    return out


# Action texts of the ratings file printed in other words (keyed by unit and agency, with the
# text they replace, so a changed row fails here): a "->" arrow, nested brackets, an undated
# later action beside a dated one, and a claim the data contradict.
ACTION_WORDS = {
    ("KGZ", "Moody's"): (
        "affirmed, outlook stable->positive",
        "affirmed, outlook raised from stable to positive",
    ),
    ("TJK", "S&P Global"): (
        "affirmed (upgraded from B- in 2024)",
        "affirmed, after an upgrade from B- in 2024",
    ),
    ("TJK", "Moody's"): ("upgraded from B3 (first-ever upgrade)", "upgraded from B3"),
    ("TKM", "Fitch"): (
        "upgraded from B+ (Aug 2024); later affirmed",
        "upgraded from B+, later affirmed on a date the source does not give",
    ),
}
ACTION_REMARKS = {
    ("TJK", "Moody's"): (
        " The report calls this upgrade by Moody's the first ever for Tajikistan; that is not "
        "repeated here, because the Asia-Plus page of 30 Sep 2024 cited for S&P has the address "
        "'moodys-follows-sp-in-upgrading-tajikistans-sovereign-credit-rating'."
    ),
}


def action_words(unit: str, row: dict[str, str]) -> str:
    action = clean(row["action"])
    given, words = ACTION_WORDS.get((unit, row["agency"]), (action, action))
    assert given == action, (unit, row["agency"], action)
    return words


def _reported_by(urls: list[str]) -> str:
    """'as reported by trend.az' or, for a listing page, 'as listed on timesca.com (a listing
    page, not the article)'."""
    sites = ", ".join(dict.fromkeys(domain(u) for u in urls if not is_listing(u)))
    lists = ", ".join(dict.fromkeys(domain(u) for u in urls if is_listing(u)))
    said = [f"as reported by {sites}"] if sites else []
    if lists:
        said.append(f"as listed on {lists} (a listing page, not the article)")
    return " and ".join(said)


def rating_facts(data: Path, period_end: date, current: bool, units: tuple[str, ...]) -> list[Fact]:
    """The best notch among the agencies' latest ratings found (C5 file). Where two agencies
    give the best notch, the later action is the one used (the latest confirmation of it)."""
    frame = pd.read_csv(data / RATINGS_FILE, dtype=str, keep_default_na=False)
    out = []
    for unit in units:
        found = []
        for row in frame[frame["iso3"] == unit].to_dict("records"):
            rating = clean(row["long_term_fc_rating"])
            day = date_text(row["action_date"])
            if not rating or rating == "not found" or not day:
                continue
            if not current and (when(day) or date.max) > period_end:
                continue
            found.append((MOODYS.get(rating, rating), rating, row, day))
        if not found:
            continue
        best = max(found, key=lambda f: (NOTCHES.index(f[0]), when(f[3]) or date.min))
        label, rating, row, day = best
        listing = "; ".join(
            f"{r['agency']} {raw}"
            + (f" (= {lab})" if lab != raw else "")
            + f", outlook {clean(r['outlook']) or 'not given'}, {d}: {action_words(unit, r)}"
            for lab, raw, r, d in found
        )
        tied = ", ".join(
            f"{f[2]['agency']} {f[1]}" for f in found if f[0] == label and f is not best
        )
        tie = (
            f" {tied} gives the same notch in an earlier action; the later action is the one used."
            if tied
            else ""
        )
        missing = sorted({"S&P Global", "Moody's", "Fitch"} - {f[2]["agency"] for f in found})
        urls = " ; ".join(
            dict.fromkeys(
                u.strip() for f in found for u in clean(f[2]["source_url"]).split(" ; ") if u
            )
        )
        own = [u.strip() for u in clean(row["source_url"]).split(" ; ") if u.strip()]
        listed = [
            f"The action by {f[2]['agency']} is cited from a listing page, not the article "
            "that reports it."
            for f in found
            if any(is_listing(u) for u in clean(f[2]["source_url"]).split(" ; "))
        ]
        remarks = "".join(ACTION_REMARKS.get((unit, f[2]["agency"]), "") for f in found)
        out.append(
            Fact(
                unit,
                "sovereign_rating",
                label,
                day,
                f"{row['agency']}, long-term foreign-currency sovereign rating {rating} "
                f"({day}: {action_words(unit, row)}), {_reported_by(own)}",
                urls,
                f"Long-term foreign-currency ratings found: {listing}. Not found: "
                f"{', '.join(missing) or 'none'}.{remarks}{''.join(' ' + x for x in listed)} "
                f"Reading: the best notch among the agencies found is {label} ({row['agency']} "
                f"{rating} = {label}); outlooks are ignored.{tie} Level "
                f"{NOTCHES.index(label)}: {label}.",
                tuple(
                    Provenance(
                        "Project compilation of rating actions from agencies' pages and news "
                        "(PROVENANCE.md section 5)",
                        "",
                        "",
                        RATINGS_FILE,
                        f"iso3={unit}; agency={f[2]['agency']}",
                    )
                    for f in found
                ),
                basis=tuple(
                    f"{f[2]['long_term_fc_rating']} {f[2]['action']} {f[2]['action_date']}"
                    for f in found
                ),
            )
        )
    return out


def eiti_rows(data: Path) -> dict[str, dict[str, str]]:
    frame = pd.read_csv(data / EITI_FILE, dtype=str, keep_default_na=False)
    return {clean(r["iso3"]): {k: clean(v) for k, v in r.items()} for r in frame.to_dict("records")}


def _given(text: str) -> bool:
    """A field the source states (not empty, not 'not found' or 'not stated')."""
    return bool(text) and not text.startswith(("not found", "not stated", "n/a"))


def eiti_summary(row: dict[str, str]) -> str:
    """The EITI row in words: every field the reading rests on, as the file gives it; fields
    the compiler did not find are named together, and its to-do notes are left out."""
    member = row["eiti_member"]
    if member == "yes":
        head = "EITI implementing country"
    elif member == "no":
        head = "Not an EITI member"
    else:  # not found: named with the other fields not found, below
        head = ""
    parts = [head + (f", joined {row['joined']}" if _given(row["joined"]) else "")] if head else []
    missing = [] if head else ["EITI membership"]
    if member != "no" and not _given(row["joined"]):
        missing.append("joining date")
    standard = row["standard_assessed"]
    if _given(standard):
        parts.append(f"{standard} assessed")
    elif standard.startswith("not stated"):
        parts.append("the standard assessed is not stated")
    elif standard:
        missing.append("standard")
    validation = row["latest_validation_year"]
    if _given(validation):
        parts.append(f"latest validation {validation}")
    elif validation.startswith("not found"):
        later = validation.removeprefix("not found").strip()
        if later or head:
            parts.append(f"validation date not found {later}".strip())
        else:
            missing.append("validation date")
    score, label = row["overall_score"], row["overall_label"]
    if _given(score):
        if _given(label):
            parts.append(f"overall score {score}, labelled {label}")
        else:
            parts.append(f"overall score {score}, with no label stated in the source")
    elif score.startswith("not found"):
        missing.append("overall score")
    if missing and parts:
        parts.append(f"not found either: {', '.join(missing)}")
    elif missing:
        *first, last = missing
        parts.append(f"the sources consulted give no {', '.join(first)} or {last}")
    notes = reader_text(row["notes"])
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "." + (f" {notes}" if notes else "")


def eiti_confidence(row: dict[str, str]) -> str:
    """Primary when every page is eiti.org's own; secondary otherwise (news, mirrors)."""
    urls = [u for u in row["source_url"].split(" ; ") if u]
    if urls and all(domain(u).endswith("eiti.org") for u in urls):
        return "primary"
    return "secondary"


def eiti_score_facts(
    data: Path, period_end: date, current: bool, units: tuple[str, ...]
) -> list[Fact]:
    """Rubric 1.0.0's eiti_score: the validation score; a non-member is 0 (a real value)."""
    out = []
    for unit, row in eiti_rows(data).items():
        if unit not in units:
            continue
        day = date_text(row["latest_validation_year"])
        if not current and (not day or (when(day) or date.max) > period_end):
            continue
        if row["eiti_member"] == "no":
            value = 0.0
            reading = "not an EITI member, scored 0 (a real value under the rubric's rule)"
        else:
            try:
                value = float(row["overall_score"])
            except ValueError:
                continue  # validation score not found: stays missing
            reading = f"the validation overall score {value:g} is entered as is"
        dated = "" if day else " The source gives no validation date: the value is undated."
        sites = ", ".join(dict.fromkeys(domain(u) for u in row["source_url"].split(" ; ") if u))
        out.append(
            Fact(
                unit,
                "eiti_score",
                value,
                day,
                f"EITI validation of {row['country']}, as published by {sites}",
                row["source_url"],
                f"{eiti_summary(row)}{dated} Reading: {reading}.",
                (
                    Provenance(
                        "Project compilation of EITI validation outcomes (PROVENANCE.md section 4)",
                        "",
                        "",
                        EITI_FILE,
                        f"iso3={unit}; columns eiti_member, overall_score, latest_validation_year",
                    ),
                ),
                basis=(eiti_summary(row),),
            )
        )
    return out
