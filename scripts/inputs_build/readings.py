"""The developer's reading of the evidence against each rubric's written level definitions.

One entry per (unit, indicator, reading): the evidence rows it rests on (keys, see evidence.py),
the level (its label; a number for a numeric indicator), the as-of date of the dated evidence
that establishes it, the reasoning, and, when reasonable analysts could place it one level
apart, what they would read instead (the workbook marks it Contested). Every rule of a level
definition is applied to every country alike; the reasoning says how.

V1 holds rubric 1.0.0's readings (the five, earlier periods); V2 rubric 2.0.0's (the five and the
reference jurisdictions, the current period). Where a unit has several readings for one
indicator, each period takes the latest one dated on or before its end.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Reading:
    unit: str
    indicator: str
    keys: tuple[str, ...]
    level: str | float
    as_of: str
    reasoning: str
    contested: str = ""  # what a careful reader could read instead (one level apart)


R = Reading

# The level-2 rule of public access to geological data, quoted in every country's reading.
GEOPORTAL_RULE = (
    "Rule, applied to every country alike: level 2 needs a public online portal that shows the "
    "country's own map-level geological or mineral-occurrence data free of charge; a regional "
    "portal such as the Central Asian Geoportal counts where the sources say it shows that "
    "country's data, and taking part in building it is not enough."
)
C5 = ("KAZ", "KGZ", "TJK", "TKM", "UZB")

# --- rubric 1.0.0 ---------------------------------------------------------------------------

CAP_V1 = (
    "The state-company cap (a rule letting the state award rights to state-owned companies "
    "without tender, auction or first-come-first-served caps the level at 1) is applied to "
    "every country alike."
)

V1: list[Reading] = [
    R("KAZ", "mining_code", ("q:mining_code_year", "q:licensing_regime", "s:state_mining_companies"),
      "Modern law, rules-based licensing", "2018-06-29",
      "The Code adopted in 2017 and in force from 29 Jun 2018 is within 10 years of the period, "
      "with first-come-first-served licensing for solid minerals and auctions for state plots: "
      f"level 3. {CAP_V1} For Kazakhstan the sources show direct negotiation with national "
      "companies under the 2010 Subsoil Law, which the 2017 Code replaced, and uranium kept under "
      "a contract regime; they do not show that the 2017 Code lets state companies obtain "
      "solid-mineral rights without auction or first application, so the cap is not applied.",
      "level 2 if the uranium contract regime is read as allocation not shown to be "
      "non-discretionary (level 1 if read as a direct award to the national company)."),
    R("KGZ", "mining_code", ("q:mining_code_year", "q:licensing_regime"), "Amended or discretionary", "2021-08-23",
      "Law of 2012, amended 2014 and 2021. Since Resolution No. 148 of 23 Aug 2021 the Cabinet "
      f"may grant plots to companies at least two-thirds state-owned without tender or auction. "
      f"{CAP_V1} Here it applies: level 1."),
    R("TJK", "mining_code", ("q:mining_code_year", "s:state_mining_companies"), "Amended or discretionary", "2013",
      "Law 'On Subsoil' of 1994 and no newer code found; the ESCAP database lists 2013 as the "
      "effective-start year, which points to a later amended version, not an overhaul: level 1 "
      f"(older law with later amendments). {CAP_V1} TALCO, a state company, received the "
      "Konchoch deposits in 2016 under a state support programme, which would also cap the level "
      "at 1. As-of: the 2013 effective-start year.",
      "level 0 if the 2013 effective-start year is not an amendment, leaving a 1994 law without "
      "overhaul or amendment."),
    R("TKM", "mining_code", ("q:mining_code_year", "q:licensing_regime"), "Amended or discretionary", "2018-01-05",
      "Law of 2014 amended 5 Jan 2018; the mining sector is state-controlled and foreign "
      f"investment decisions are described as politically driven (US State Department, 2017). "
      f"{CAP_V1} Discretionary allocation caps the level at 1."),
    R("UZB", "mining_code", ("q:mining_code_year", "q:licensing_regime", "s:state_mining_companies"),
      "Modern law, rules-based licensing", "2025-02-02",
      "New Law ZRU-987, in force 2 Feb 2025; state-explored deposits go to auction or tender and "
      f"gold-prospecting plots are sold by online auction: level 3. {CAP_V1} The 2002 law allowed "
      "direct negotiations and the state companies NMMC and AGMK dominate mining, but the sources "
      "do not show that the 2024 law lets state companies obtain rights without competition, so "
      "the cap is not applied. Secondary sources only.",
      "level 2 if permits on cadastral squares under the new, untested law are read as allocation "
      "not shown to be non-discretionary."),
    *[
        R(u, "investment_treaty", ("q:us_bit_in_force",), "In force", "2012-10-16",
          "US BIT in force since 12 Jan 1994: level 2. As-of: the archived USTR page (2012) that "
          "lists it.")
        for u in ("KAZ", "KGZ")
    ],
    *[
        R(u, "investment_treaty", ("q:us_bit_in_force",), "No US BIT", "2012-10-16",
          "No US BIT listed on the archived USTR page (2012): level 0, read from that list. A "
          "treaty signed later would not show there.")
        for u in ("TJK", "TKM")
    ],
    R("UZB", "investment_treaty", ("q:us_bit_in_force", "s:investment_arbitration_cases"), "Signed, not in force", "2012-10-16",
      "US BIT signed 16 Dec 1994, never in force (archived USTR page, 2012): level 1. Metal-Tech "
      "v Uzbekistan was an ICSID case (award 4 Oct 2013), which shows Uzbekistan to be an ICSID "
      "Contracting State; ICSID membership is not scored by this indicator."),
    R("KAZ", "geodata_portal", ("q:geodata_portal",), "On request or fee only", "2024-04-29",
      f"{GEOPORTAL_RULE} The sources say Kazakhstan is a founding participant of the Central "
      "Asian Geoportal, not that the portal shows Kazakhstan's data; the National Geological "
      "Service said in 2024 it will keep charging investors for geological information: level 1 "
      "(for a fee). As-of: that statement (29 Apr 2024), the latest dated evidence on access.",
      "level 2 if the Central Asian Geoportal shows Kazakhstan's map-level data free of charge."),
    R("KGZ", "geodata_portal", ("q:geodata_portal",), "On request or fee only", "2014-03-17",
      f"{GEOPORTAL_RULE} The sources say Kyrgyzstan takes part in the Central Asian Geoportal, "
      "not that the portal shows Kyrgyzstan's data; state geological information resources are "
      "available for a fee (Resolution No. 144 of 17 Mar 2014): level 1 (for a fee).",
      "level 2 if the Central Asian Geoportal shows Kyrgyzstan's map-level data free of charge."),
    R("TJK", "geodata_portal", ("q:geodata_portal",), "Online portal, partial", "",
      f"{GEOPORTAL_RULE} The sources say the Main Geology Department runs the Central Asian "
      "Geoportal of Tajikistan (geoportal-tj.org), which includes a geological and "
      "mineral-resource map: the regional portal shows Tajikistan's own map-level data, level 2. "
      "Archive reports are mostly on paper. The portal itself is undated in the sources (the 2011 "
      "article is about declassification plans), so the value has no as-of date.",
      "level 1 if the portal's map is not open to outsiders free of charge (the sources do not "
      "say either way)."),
    R("UZB", "geodata_portal", ("q:geodata_portal",), "On request or fee only", "2020-04-27",
      f"{GEOPORTAL_RULE} No portal showing Uzbekistan's data is reported: geology data are "
      "usually treated as a state secret, with detailed packages only after licensing or under "
      "NDA (2020 guide); the 2024 law eases exchange and sale: level 1.",
      "level 0 if treatment as a state secret is read as no channel of access for an outsider."),
    R("KAZ", "online_cadastre", ("q:online_cadastre",), "Partial online", "2023-10",
      "Exploration-licence applications online-only since Oct 2023 (the one statement here "
      "with a page to check); no public licence map confirmed: level 1. As-of: Oct 2023."),
    R("KGZ", "online_cadastre", ("q:online_cadastre",), "Partial online", "2014-06-24",
      "Licensed and free areas listed on the agency website; no public map confirmed: level 1."),
    R("UZB", "online_cadastre", ("q:online_cadastre",), "Partial online", "2023-07-25",
      "Permits through the public-services portal and online auctions; no public map confirmed: "
      "level 1."),
    R("KAZ", "reporting_code", ("q:reserves_reporting_code",), "CRIRSCO-aligned code", "2016",
      "KAZRC is a CRIRSCO member code (2016), adopted for reporting to the state in 2018: level 2."),
    R("KAZ", "reporting_code", ("q:reserves_reporting_code",), "CRIRSCO-aligned code", "2023-12",
      "KAZRC is a CRIRSCO member code (2016), legally adopted for reporting to the state in 2018, "
      "and the Prime Minister ordered CRIRSCO (KAZRC) standards for new deposits from 2024: "
      "level 2. As-of: that order, reported in Dec 2023, the latest dated evidence."),
    R("KGZ", "reporting_code", ("q:reserves_reporting_code",), "CRIRSCO candidate or partial", "",
      "The 24.kg article cited is headed 'Kyrgyzstan switches to CRIRSCO reserves reporting "
      "system', but what it reports is an MoU signed to develop a Kyrgyz code; KAZRC lists "
      "Kyrgyzstan as a CRIRSCO candidate, and no adopted code, and no rule accepting a "
      "CRIRSCO-family code for reporting to the state, was found: level 1 (being developed). The "
      "evidence is undated, so the value has no as-of date.",
      "level 2 if the switch the headline announces is read as the state accepting "
      "CRIRSCO-family reports."),
    R("UZB", "reporting_code", ("q:reserves_reporting_code",), "CRIRSCO candidate or partial", "2020-08",
      "Soviet classification still used, but 32 reserve types reported converted to JORC in Aug "
      "2020 (partial conversion): level 1. As-of: that Aug 2020 report.",
      "level 0 if the reported conversion is read as no change to the state balance, which "
      "still uses the Soviet categories."),
    R("KAZ", "caspian_access", ("q:middle_corridor_access",), "yes", "2019-04-16",
      "Own Caspian ports Aktau and Kuryk on the Trans-Caspian route; regular Aktau-Baku feeder "
      "since Apr 2019: yes."),
    R("TKM", "caspian_access", ("q:middle_corridor_access",), "yes", "2018-05-02",
      "Own Caspian port Turkmenbashi (opened 2 May 2018) with ferries to Baku: yes."),
    R("KGZ", "caspian_access", ("q:middle_corridor_access",), "no", "2024-12-27", "No Caspian coast: no."),
    R("TJK", "caspian_access", ("q:middle_corridor_access",), "no", "2024-09-20", "No Caspian coast: no."),
    R("UZB", "caspian_access", ("q:middle_corridor_access",), "no", "2025", "No Caspian coast: no."),
    R("UZB", "caspian_access", ("q:landlocked_status",), "no", "2020-12-26",
      "Doubly landlocked, so no Caspian coast: no."),
    R("UZB", "transit_borders", ("q:landlocked_status",), 1, "2020-12-26",
      "Doubly landlocked: at least one neighbour must be crossed; Turkmenistan and Kazakhstan "
      "both border Uzbekistan and have Caspian ports: 1 transit country."),
    R("KAZ", "transit_borders", ("q:middle_corridor_access", "q:landlocked_status"), 0, "2019-04-16",
      "Own Caspian ports (Aktau, Kuryk): no transit country, 0."),
    R("TKM", "transit_borders", ("q:middle_corridor_access", "q:landlocked_status"), 0, "2018-05-02",
      "Own Caspian port (Turkmenbashi): no transit country, 0."),
    R("UZB", "transit_borders", ("q:middle_corridor_access", "q:landlocked_status"), 1, "2025",
      "Doubly landlocked; route via Turkmenistan (Turkmenbashi) or Kazakhstan (Aktau/Kuryk): "
      "1 transit country."),
    R("KGZ", "transit_borders", ("q:middle_corridor_access", "q:landlocked_status"), 1, "2024-12-27",
      "Landlocked; the evidence names transit via Uzbekistan or Kazakhstan. Through Kazakhstan to "
      "Aktau the route crosses 1 country; by rail through Uzbekistan it would cross 2 "
      "(Uzbekistan, then Turkmenistan or Kazakhstan). The shortest route counts: 1."),
    R("TJK", "transit_borders", ("q:middle_corridor_access", "q:landlocked_status"), 2, "2024-09-20",
      "Landlocked; rail exits through Uzbekistan, then Turkmenistan or Kazakhstan to a Caspian "
      "port: 2 transit countries."),
    R("KAZ", "western_minerals_partnership", ("q:eu_crm_partnership",), "Bilateral MoU", "2022-11-07",
      "EU-Kazakhstan strategic raw-materials MoU signed 7 Nov 2022: level 2."),
    R("KAZ", "western_minerals_partnership", ("q:msp_engagement", "q:eu_crm_partnership", "p:msp_forum"),
      "MoU with financing", "2025-11-06",
      "US-Kazakhstan critical-minerals MoU (6 Nov 2025) plus a US EXIM US$900m letter of "
      "interest for the tungsten joint venture: level 3. MSP Forum membership (2024) is a "
      "multilateral format and adds nothing above a bilateral MoU.",
      "level 2 if a non-binding letter of interest is not read as a financing commitment."),
    R("KGZ", "western_minerals_partnership", ("q:msp_engagement", "q:eu_crm_partnership"), "Regional dialogue only", "2025-04-04",
      "C5+1 Critical Minerals Dialogue and the EU-Central Asia CRM declaration only: level 1."),
    R("KGZ", "western_minerals_partnership", ("q:msp_engagement",), "Bilateral MoU", "2025-12-04",
      "UK-Kyrgyzstan critical-minerals MoU (Dec 2025), with a Western partner government: level 2."),
    R("TJK", "western_minerals_partnership", ("q:msp_engagement", "q:eu_crm_partnership"), "Regional dialogue only", "2025-04-04",
      "C5+1 Critical Minerals Dialogue and the EU-Central Asia CRM declaration only; the reported "
      "UK antimony draft rests on a weak source and is a draft, not a signed agreement: level 1."),
    R("TKM", "western_minerals_partnership", ("q:msp_engagement", "q:eu_crm_partnership"), "Regional dialogue only", "2025-04-04",
      "C5+1 Critical Minerals Dialogue and the EU-Central Asia CRM declaration only: level 1."),
    *[
        R(u, "western_minerals_partnership", ("C5:c5p1_cmd_announced",), "Regional dialogue only", "2023-09-19",
          "C5+1 Critical Minerals Dialogue announced 19 Sep 2023 with all five states; no "
          "bilateral minerals agreement of this country by then: level 1.")
        for u in ("KGZ", "TJK", "TKM", "UZB")
    ],
    R("UZB", "western_minerals_partnership", ("q:eu_crm_partnership",), "Bilateral MoU", "2024-04-05",
      "EU-Uzbekistan critical raw materials MoU signed 5 Apr 2024: level 2."),
    R("UZB", "western_minerals_partnership", ("q:msp_engagement", "q:eu_crm_partnership", "p:msp_forum"),
      "MoU with financing", "2026-02-18",
      "US-Uzbekistan MoUs (Sep 2024, Feb 2026) plus the DFC/EXIM Joint Investment Framework "
      "(Feb 2026), which this rubric version counts as a signed financing framework: level 3. MSP Forum "
      "membership (2024) adds nothing above a bilateral MoU.",
      "level 2: the framework proposes a joint holding company and states no amount."),
    R("KAZ", "finance_centre", ("q:international_finance_centre",), "Operating", "2018-01-01",
      "Astana International Financial Centre with its English common-law court, open since 1 Jan "
      "2018: level 2."),
    R("KGZ", "finance_centre", ("q:international_finance_centre",), "Being set up", "2025-10-08",
      "A 2025 law created the Tamchy zone with a dispute centre applying English law; not yet "
      "operating: level 1."),
    R("UZB", "finance_centre", ("q:international_finance_centre",), "No common-law venue", "2025",
      "Level 1 needs an adopted law or decree establishing the court or centre. The sources say "
      "the Tashkent International Commercial Court is being established and cite no law or "
      "decree; the arbitration centre (since 2019) does not count, and no financial centre was "
      "found: level 0.",
      "level 1 if the establishment now under way rests on a decree the sources do not cite."),
    *[
        R(u, "finance_centre", ("q:international_finance_centre",), "No common-law venue", "",
          "A financial centre or commercial court is created by a published law and advertised "
          "to foreign investors, so a documented search that finds none is evidence that none "
          f"exists{extra}: level 0 (the rubric's rule for this indicator, applied to every "
          "country alike). That is why this value is scored and the country's "
          f"{missing} are not: those need no published law or English announcement, so a search "
          "that finds none of them leaves them missing (not found), not level 0. The search is "
          "undated, so the value has no as-of date and appears in the current period only.")
        for u, extra, missing in (
            ("TJK", " (the search found only a general Law on Free Economic Zones)",
             "online mining cadastre and resource reporting standard"),
            ("TKM", "", "geological data portal, online mining cadastre and resource reporting "
             "standard"),
        )
    ],
]  # fmt: skip

# --- rubric 2.0.0 ---------------------------------------------------------------------------
# Rule of law values quoted by investor_protection's courts route are read from the period's WGI
# data by the build (placeholder {rl}), never typed here.

V2: list[Reading] = [
    # licence_allocation ----------------------------------------------------------------------
    R("KAZ", "licence_allocation", ("q:mining_code_year", "q:licensing_regime"), "Rules-based", "2021-12-27",
      "The 2017 Code (in force 29 Jun 2018) gives solid-mineral licences on the "
      "first-come-first-served rule, with auctions for returned and reserve plots: a stated "
      "non-discretionary rule. No moratorium on applications was found. As-of: the latest "
      "amendment the official translation shows (27 Dec 2021)."),
    R("KGZ", "licence_allocation", ("q:mining_code_year", "q:licensing_regime"), "Rules-based", "2021-08-23",
      "Rights are granted by tender, auction or the first-submitted-application rule: a stated "
      "rule for private applicants. The Cabinet's power since 23 Aug 2021 to grant plots to "
      "companies at least two-thirds state-owned without tender or auction is a direct award to "
      "state companies, counted once, under State participation and expropriation record."),
    R("TJK", "licence_allocation", ("q:licensing_regime", "s:state_mining_companies"), "Partly rules-based", "2019-08-26",
      "The subsoil law refers licensing to the general licensing law and tenders are mentioned, "
      "but no procedure for solid minerals was found, and a gold mine (Upper Kumargh) was awarded "
      "to TBEA in exchange for building a power plant: a published rule covers at most part of "
      "the rights, others go by government decision.",
      "level 0 if awards by government decision are read as the rule and the tenders as a "
      "formality."),
    R("TKM", "licence_allocation", ("q:licensing_regime", "s:state_mining_companies"), "Discretionary", "2025-04-24",
      "Mining is state-controlled; foreign investment is vetted by the Agency for Protection from "
      "Economic Risks and decisions are often politically driven; the state geology corporation "
      "transfers explored deposits to mining enterprises. No rule entitling a private applicant "
      "to rights was found: the evidence shows discretion, so level 0."),
    R("UZB", "licence_allocation", ("q:mining_code_year", "q:licensing_regime"), "Rules-based", "2025-02-02",
      "Law ZRU-987 (in force 2 Feb 2025): state-surveyed deposits go to auction or tender, "
      "gold-prospecting plots are sold by online auction, and permits are issued on cadastral "
      "squares through a one-stop shop. The rule counts from the law's entry into force.",
      "level 1: the law is new and known from secondary sources only, and how permits on "
      "cadastral squares are allocated (first come or at discretion) is not stated."),
    R("AUS", "licence_allocation", ("r:mining_code_year", "r:licensing_regime"), "Rules-based", "2013-02-02",
      "Western Australia's Mining Act 1978 gives priority to the first applicant who meets the "
      "initial requirements, with a ballot between simultaneous valid applications: first come, "
      "first served. No moratorium and no direct award to a state company was found. As-of: "
      "the latest larger amendment found (in force 2 Feb 2013)."),
    R("CAN", "licence_allocation", ("r:mining_code_year", "r:licensing_regime"), "Rules-based", "2024-10-08",
      "British Columbia's Mineral Tenure Act: a Free Miner Certificate holder registers cell "
      "claims online without government discretion (free entry, first come, first served). After "
      "the 2023 Gitxaala ruling a consultation framework that would replace automatic "
      "registration is being introduced; it was a draft in the sources.",
      "level 1 if the announced consultation framework is read as a change of the rule under "
      "way."),
    R("CHL", "licence_allocation", ("r:mining_code_year", "r:licensing_regime"), "Rules-based", "2023-04-20",
      "The Mining Code (1983) gives any person the right to constitute exploration or "
      "exploitation concessions, granted by a judge on application: a stated rule, not "
      "discretion. Lithium is not concessible and is reserved to the State: counted under State "
      "participation and expropriation record."),
    R("MNG", "licence_allocation", ("r:mining_code_year", "r:licensing_regime"), "Partly rules-based", "2019-12-25",
      "Applications are first come, first served, but only over areas the Government opens, and "
      "new exploration licences have been suspended repeatedly (2010-2014; a 12-month ban from "
      "Dec 2019, whether lifted on schedule not checked): the government decides which ground is "
      "open.",
      "level 2 if opening areas by resolution is read as ordinary land management and the 2019 "
      "ban ended on schedule, more than five years before the period end."),
    # investor_protection ---------------------------------------------------------------------
    *[
        R(u, "investor_protection", ("q:us_bit_in_force",), "Treaty in force or top-quartile courts", "2012-10-16",
          "A US bilateral investment treaty is in force (since 12 Jan 1994), giving US investors "
          "investor-state arbitration. As-of: the day the treaty's status was last confirmed, the "
          "capture of the archived USTR page that lists it (16 Oct 2012).")
        for u in ("KAZ", "KGZ")
    ],
    *[
        R(u, "investor_protection", ("q:us_bit_in_force",), "No treaty recourse", "2012-10-16",
          "No US investment treaty is listed on the archived USTR page (2012), and the WGI Rule of "
          "Law percentile rank ({rl}) is below 75: level 0, read from that list. A treaty signed "
          "later would not show there. As-of: the day the absence of a treaty was last confirmed, "
          "the capture of that page (16 Oct 2012).")
        for u in ("TJK", "TKM")
    ],
    R("UZB", "investor_protection", ("q:us_bit_in_force", "s:investment_arbitration_cases"), "Treaty signed, not in force", "2012-10-16",
      "The US BIT signed 16 Dec 1994 never entered into force, and the WGI Rule of Law percentile "
      "rank ({rl}) is below 75. Metal-Tech v Uzbekistan was an ICSID case (award 4 Oct 2013), "
      "which shows Uzbekistan to be an ICSID Contracting State; ICSID membership gives no consent "
      "to arbitrate by itself, so it does not lift the level. As-of: the day the treaty's status "
      "was last confirmed, the capture of the archived USTR page (16 Oct 2012)."),
    R("AUS", "investor_protection", ("r:us_bit_in_force",), "Treaty in force or top-quartile courts", "2023",
      "No US treaty gives investor-state arbitration (the AUSFTA investment chapter has none), "
      "but the WGI Rule of Law percentile rank ({rl}) is 75 or above: the courts route. As-of: "
      "that WGI data year, the latest confirmation of the courts' rank."),
    R("CAN", "investor_protection", ("r:us_bit_in_force",), "Treaty in force or top-quartile courts", "2023",
      "No US treaty gives investor-state arbitration (USMCA has none between US and Canadian "
      "investors; consent for NAFTA legacy claims expired in 2023), but the WGI Rule of Law "
      "percentile rank ({rl}) is 75 or above: the courts route. As-of: that WGI data year, the "
      "latest confirmation of the courts' rank."),
    R("CHL", "investor_protection", ("r:us_bit_in_force",), "Treaty in force or top-quartile courts", "2004-01-01",
      "The US-Chile FTA (in force 1 Jan 2004) lets a US investor start arbitration under the "
      "UNCITRAL Rules or the ICSID Convention (Chapter Ten): a treaty in force."),
    R("MNG", "investor_protection", ("r:us_bit_in_force",), "Treaty in force or top-quartile courts", "1997-01-01",
      "The US-Mongolia BIT is in force since 1 Jan 1997: a treaty in force."),
    # extractives_transparency ----------------------------------------------------------------
    R("KAZ", "extractives_transparency", ("e:eiti",), "Implementing, low or not validated", "",
      "An EITI implementing country with an overall score of 56, which the source labels fairly "
      "low. The source gives no validation date, so the value has no as-of date."),
    R("KGZ", "extractives_transparency", ("e:eiti",), "Implementing, low or not validated", "2024",
      "An EITI implementing country validated in 2024 with an overall score of 57.5, labelled "
      "fairly low."),
    R("TJK", "extractives_transparency", ("e:eiti", "e:eiti@KAZ", "e:eiti@KGZ"), "Implementing, low or not validated", "",
      "An EITI implementing country with an overall score of 55; the source states no label. "
      "How the level rule was applied: the EITI Board's labels are bands of the overall score, "
      "and in the data it labels Kazakhstan's 56 and the Kyrgyz Republic's 57.5 fairly low, so "
      "55 lies in a band no higher than fairly low; low and fairly low are both level 1. The "
      "source gives no validation date, so the value has no as-of date."),
    R("TKM", "extractives_transparency", ("e:eiti",), "No disclosure", "",
      "Turkmenistan does not participate in the EITI, and no national payment-disclosure law was "
      "found: level 0, read from the statement that it does not participate. The source is "
      "undated, so the value has no as-of date."),
    R("AUS", "extractives_transparency", ("r:eiti_status",), "No disclosure", "2022-01-30",
      "Australia is not an implementing country: it piloted the EITI and pledged to implement it "
      "(2016), but monitors report the pledge not fulfilled. No disclosure law that EITI calls "
      "equivalent was found: level 0."),
    R("CAN", "extractives_transparency", ("r:eiti_status",), "Moderate, or equivalent law", "2015-06-01",
      "Canada does not implement the EITI, but EITI states that the Extractive Sector "
      "Transparency Measures Act (in force 1 Jun 2015) provides an equivalent level of "
      "reporting: level 2, the level the rubric gives an equivalent law.",
      "level 3 if an equivalent law is placed with a high validation, not a moderate one."),
    R("CHL", "extractives_transparency", ("r:eiti_status",), "Implementing, low or not validated", "2025-09-30",
      "Chile became the 55th implementing country in Sept 2025 and has not yet been validated: "
      "level 1 (committed, not yet shown)."),
    R("MNG", "extractives_transparency", ("r:eiti_status",), "Moderate, or equivalent law", "2022",
      "Validated under the 2019 Standard with 70 points, labelled moderate (Board decision "
      "2022-47): level 2."),
    # state_participation ---------------------------------------------------------------------
    R("KAZ", "state_participation",
      ("s:state_mining_companies", "s:expropriation_or_seizure_since_2010", "s:investment_arbitration_cases", "s:export_restrictions_critical_minerals"),
      "State stakes, direct awards or curbs", "2025-10-29",
      "No seizure of a mining asset since 2010 was found (World Wide Minerals concerns 1997 "
      "events). The state holds a priority right to buy subsoil-use rights and shares when they "
      "are sold (since 2004, later widened), and uranium stays under a contract regime in which "
      "the national company Kazatomprom plays the central role: level 1. The export bans found "
      "cover scrap, not ore, and do not count.",
      "level 2 if the priority right no longer applies under the 2017 Code (the sources on it "
      "predate the Code) and uranium contracts are not read as direct awards."),
    R("KGZ", "state_participation",
      ("s:expropriation_or_seizure_since_2010", "s:state_mining_companies", "s:investment_arbitration_cases", "s:export_restrictions_critical_minerals", "q:licensing_regime"),
      "Seizure or forced renegotiation", "2024-06-10",
      "The state took control of Centerra's Kumtor gold mine on 17 May 2021 and took 100 % of it "
      "under the 4 Apr 2022 settlement; Stans Energy's Kutessay II licences were terminated "
      "after a 2013 prosecutor's suit: seizure of foreign-owned mining assets since 2010, level 0. The direct-award "
      "rule for state companies (2021) and the gold-ore export ban (revoked 10 Jun 2024) would "
      "each be level 1; the worst fact sets the level."),
    R("TJK", "state_participation", ("s:state_mining_companies", "s:expropriation_or_seizure_since_2010", "s:export_restrictions_critical_minerals"),
      "State stakes, direct awards or curbs", "2019-08-26",
      "The state company TALCO received the Konchoch deposits under a state support programme "
      "(2016), a direct award to a state company: level 1. No seizure of a foreign mining asset "
      "since 2010 was found; had one been found the level would be 0. Export duties on raw "
      "materials are duties, not bans or quotas, and do not count.",
      "level 0 if the state's purchase of 5% of the Zarafshon gold joint venture for US$1 is "
      "read as a forced sale."),
    R("TKM", "state_participation", ("s:state_mining_companies", "s:expropriation_or_seizure_since_2010", "q:licensing_regime"),
      "State stakes, direct awards or curbs", "2025-04-24",
      "Mining is primarily state-controlled, and the state geology corporation transfers "
      "explored deposits with approved reserves to mining enterprises: deposits go to the state's "
      "own enterprises without competition, level 1. No seizure of a mining asset since 2010 was "
      "found; had one been found the level would be 0."),
    R("UZB", "state_participation",
      ("s:expropriation_or_seizure_since_2010", "s:investment_arbitration_cases", "s:state_mining_companies", "s:export_restrictions_critical_minerals"),
      "Seizure or forced renegotiation", "2020-03-06",
      "Oxus Gold lost its 50% stake in the Amantaytau Goldfields joint venture after the "
      "government began its liquidation in Jan 2011 (bankruptcy ruling Feb 2013): a foreign "
      "investor forced out of a mining asset since 2010, level 0. The state companies NMMC and "
      "AGMK dominate mining, which alone would be level 1.",
      "level 1: the 2015 award dismissed Oxus Gold's expropriation claims (it found a "
      "fair-and-equitable-treatment breach on tax changes)."),
    R("AUS", "state_participation",
      ("s:expropriation_or_seizure_since_2010", "s:investment_arbitration_cases", "s:state_mining_companies", "s:export_restrictions_critical_minerals"),
      "State stakes, direct awards or curbs", "2025-10-22",
      "Western Australia's 2020 Act declared a State Agreement's arbitral awards of no effect and "
      "barred damages claims over Clive Palmer's Balmoral South iron ore project; the High Court "
      "upheld it: a comparable measure, level 1. No state mining company was found; federal "
      "equity in selected projects and a strategic reserve are voluntary, not mandatory stakes; "
      "an export tax on unprocessed minerals was ruled out.",
      "level 0 if Zeph Investments (Singapore), whose treaty claims over the Act are pending, is "
      "found to be a foreign owner of the project."),
    R("CAN", "state_participation",
      ("s:expropriation_or_seizure_since_2010", "s:state_mining_companies", "s:investment_arbitration_cases", "s:export_restrictions_critical_minerals"),
      "State stakes, direct awards or curbs", "2023-05-08",
      "On 2 Nov 2022 the federal government ordered three Chinese companies to divest their "
      "stakes in Canadian lithium miners after a national-security review: a comparable measure, "
      "level 1. No state mining company was found; the Westmoreland claims concern a coal "
      "phase-out, not a seizure.",
      "level 2 if a divestment order under a published investment-screening review is not read "
      "as overriding an investor's rights."),
    R("CHL", "state_participation",
      ("s:state_mining_companies", "s:expropriation_or_seizure_since_2010", "s:export_restrictions_critical_minerals"),
      "State stakes, direct awards or curbs", "2025-07-01",
      "Lithium is reserved to the State (non-concessible since 1979) and developed in State-"
      "majority partnerships (Codelco 50% plus one share with SQM); lithium extraction and export "
      "need quotas from the Chilean Nuclear Energy Commission: level 1. No seizure was found "
      "(a threatened claim only)."),
    R("MNG", "state_participation",
      ("s:expropriation_or_seizure_since_2010", "s:investment_arbitration_cases", "s:state_mining_companies"),
      "Seizure or forced renegotiation", "2024-09-25",
      "Khan Resources' Dornod uranium licences were suspended and cancelled in Feb 2010 (award "
      "about US$100m, settled for US$70m); 106 licences were revoked in 2013 and the Salkhit "
      "deposit confiscated in 2018: level 0. The State may also take 34-50% of strategic "
      "deposits, which alone would be level 1."),
    # geodata_portal ---------------------------------------------------------------------------
    *[r for r in V1 if r.indicator == "geodata_portal"],
    R("AUS", "geodata_portal", ("r:geodata_portal",), "Open and current", "2021",
      "Western Australia's open-file exploration reports (WAMEX), drillhole and geochemistry data "
      "and the Geological Survey's datasets are free to download: level 3."),
    R("CAN", "geodata_portal", ("r:geodata_portal",), "Open and current", "2019",
      "All BC Geological Survey publications are free to download; MINFILE, assessment reports "
      "and Property File are online through MapPlace: level 3."),
    R("CHL", "geodata_portal", ("r:geodata_portal",), "Online portal, partial", "2015-03-13",
      "Sernageomin publishes public, precompetitive digital maps from the National Geology Plan, "
      "while some products are sold through its online shop: level 2.",
      "level 3 if the free series cover the data an explorer needs (which series are free was "
      "not established)."),
    R("MNG", "geodata_portal", ("r:geodata_portal",), "Online portal, partial", "2017-08",
      "Geological reports and data are accessible online through MonGeoCat on the MRPAM website "
      "(launched Aug 2017): at least map-level data online, level 2.",
      "level 3 if MonGeoCat's reports and data are free to download and kept current."),
    # online_cadastre --------------------------------------------------------------------------
    *[r for r in V1 if r.indicator == "online_cadastre"],
    R("AUS", "online_cadastre", ("r:online_cadastre",), "Public licence map", "",
      "TENGRAPH Web maps Western Australia's mining tenements for anyone: level 2. The source is "
      "undated, so the value has no as-of date."),
    R("CAN", "online_cadastre", ("r:online_cadastre",), "Public licence map", "2024-10-08",
      "Mineral Titles Online is British Columbia's map-based registry of cell claims: level 2."),
    R("CHL", "online_cadastre", ("r:online_cadastre",), "Public licence map", "2017-05-08",
      "Sernageomin's online Catastro Minero maps mining concessions (pending claims are not "
      "shown): level 2."),
    R("MNG", "online_cadastre", ("r:online_cadastre",), "Public licence map", "2022",
      "The web-based GIS mining cadastre (CMCS) shows licences publicly; MRPAM publishes licence "
      "information in real time: level 2."),
    # reporting_code ---------------------------------------------------------------------------
    *[r for r in V1 if r.indicator == "reporting_code"],
    R("AUS", "reporting_code", ("r:reserves_reporting_code",), "CRIRSCO-aligned code", "2013-12-01",
      "The JORC Code (mandatory from 1 Dec 2013) is a founding CRIRSCO member code: level 2."),
    R("CAN", "reporting_code", ("r:reserves_reporting_code",), "CRIRSCO-aligned code", "2011-06-24",
      "NI 43-101 disclosure uses CIM definitions, and CIM is a CRIRSCO member: level 2."),
    R("CHL", "reporting_code", ("r:reserves_reporting_code",), "CRIRSCO-aligned code", "2015-05",
      "Código CH 20235 under Ley 20.235; Chile's committee is a CRIRSCO member: level 2."),
    R("MNG", "reporting_code", ("r:reserves_reporting_code",), "CRIRSCO-aligned code", "2014-10",
      "The MRC Code is CRIRSCO-compatible, and Mongolia joined CRIRSCO in Oct 2014: level 2."),
    # route_to_market --------------------------------------------------------------------------
    R("KAZ", "route_to_market", ("q:middle_corridor_access", "q:landlocked_status"), "Own Caspian port", "2019-04-16",
      "Own Caspian ports Aktau and Kuryk with a regular container feeder to Baku since Apr 2019: "
      "an own Caspian port on the Middle Corridor. Landlocked, so no own ocean port."),
    R("TKM", "route_to_market", ("q:middle_corridor_access", "q:landlocked_status"), "Own Caspian port", "2018-05-02",
      "Own Caspian port Turkmenbashi (opened 2 May 2018) with ferries to Baku: an own Caspian port "
      "on the Middle Corridor. Landlocked, so no own ocean port."),
    R("UZB", "route_to_market", ("q:middle_corridor_access", "q:landlocked_status"), "One transit country", "2025",
      "Doubly landlocked; Uzbek cargo has reached the Middle Corridor through Turkmenistan "
      "(Turkmenbashi) or can through Kazakhstan (Aktau, Kuryk): one transit country."),
    R("KGZ", "route_to_market", ("q:middle_corridor_access", "q:landlocked_status"), "One transit country", "2024-12-27",
      "Landlocked; the evidence names transit via Uzbekistan or Kazakhstan. Through Kazakhstan to "
      "Aktau the route crosses one country, the shortest route.",
      "level 1: the evidence says Kyrgyz rail links pass through Uzbekistan, and by rail the route "
      "crosses Uzbekistan and then Turkmenistan or Kazakhstan."),
    R("TJK", "route_to_market", ("q:middle_corridor_access", "q:landlocked_status"), "Two or more transit countries", "2024-09-20",
      "Landlocked; rail exits through Uzbekistan, then Turkmenistan or Kazakhstan to a Caspian "
      "port: two transit countries."),
    R("AUS", "route_to_market", ("r:sea_access", "r:landlocked_status"), "Own ocean port", "2022",
      "Own deep-water ports (Port Hedland) ship bulk minerals directly overseas: an own ocean "
      "port."),
    R("CAN", "route_to_market", ("r:sea_access", "r:landlocked_status"), "Own ocean port", "2023",
      "Own Pacific ports in British Columbia (Vancouver, Prince Rupert): an own ocean port."),
    R("CHL", "route_to_market", ("r:sea_access", "r:landlocked_status"), "Own ocean port", "2015",
      "Own Pacific ports (Antofagasta, Mejillones) export copper concentrate: an own ocean port."),
    R("MNG", "route_to_market", ("r:sea_access", "r:landlocked_status"), "Only through Russia or China", "2023-08",
      "Landlocked between Russia and China: every route to Western markets transits one of them, "
      "the worst case."),
    # sovereign_rating (reference jurisdictions; the five come from the rating actions file) -------
    R("AUS", "sovereign_rating", ("r:sovereign_rating",), "AAA", "2023-09-20",
      "S&P AAA, affirmed 20 Sep 2023; no other agency in the source."),
    R("CAN", "sovereign_rating", ("r:sovereign_rating",), "AAA", "2025-05-05",
      "S&P AAA, reaffirmed 5 May 2025; no other agency in the source."),
    R("CHL", "sovereign_rating", ("r:sovereign_rating",), "A", "2024-10-16",
      "S&P A (Oct 2024); the same report gives Fitch A- and Moody's A2 (= A): best notch A."),
    R("MNG", "sovereign_rating", ("r:sovereign_rating",), "B+", "",
      "Fitch B+ (upgraded from B); the source does not state the date, so the value has no as-of "
      "date."),
    # western_minerals_partnership -------------------------------------------------------------
    R("KAZ", "western_minerals_partnership", ("q:msp_engagement", "q:eu_crm_partnership", "p:msp_forum"),
      "MoU with financing", "2025-11-06",
      "US-Kazakhstan critical-minerals MoU (6 Nov 2025) plus a US EXIM letter of interest of "
      "US$900m for the tungsten joint venture: a financing commitment with an amount, level 3. "
      "EU MoU (7 Nov 2022) and MSP Forum membership (2024) are below that.",
      "level 2 if a non-binding letter of interest is not read as a commitment."),
    R("KGZ", "western_minerals_partnership", ("q:msp_engagement", "q:eu_crm_partnership"), "Bilateral MoU", "2025-12-04",
      "UK-Kyrgyzstan critical-minerals MoU (Dec 2025); the UK is a Western partner government "
      "named in the rubric: level 2. No financing with an amount was found."),
    R("TJK", "western_minerals_partnership", ("q:msp_engagement", "q:eu_crm_partnership"), "Multilateral dialogue only", "2025-11-07",
      "C5+1 Critical Minerals Dialogue and the EU-Central Asia CRM declaration only; the reported "
      "UK antimony agreement rests on a weak source and is a draft, not signed: level 1."),
    R("TKM", "western_minerals_partnership", ("q:msp_engagement", "q:eu_crm_partnership"), "Multilateral dialogue only", "2025-11-08",
      "C5+1 Critical Minerals Dialogue and the EU-Central Asia CRM declaration only: level 1."),
    R("UZB", "western_minerals_partnership", ("q:msp_engagement", "q:eu_crm_partnership", "p:msp_forum"),
      "Bilateral MoU", "2026-02-18",
      "US-Uzbekistan MoUs (16 Sep 2024, Feb 2026) and the EU MoU (5 Apr 2024) are bilateral "
      "agreements. The DFC/EXIM Joint Investment Framework (Feb 2026) proposes a joint holding "
      "company but states no amount, so it is not a financing commitment under the rubric: "
      "level 2. MSP Forum membership (2024) is a multilateral format.",
      "level 3 if the signed framework is read as a financing commitment without an amount."),
    R("AUS", "western_minerals_partnership", ("r:msp_engagement",), "MoU with financing", "2025-10-20",
      "MSP founding partner (Jun 2022) and the US-Australia critical-minerals framework of 20 Oct "
      "2025, under which each side contributes at least US$1bn within six months: level 3."),
    R("CAN", "western_minerals_partnership", ("r:msp_engagement",), "Bilateral MoU", "2022-06-14",
      "Canada-US Joint Action Plan on Critical Minerals Collaboration (2020) and MSP founding "
      "partner (14 Jun 2022): level 2. No financing with an amount was found."),
    R("CHL", "western_minerals_partnership", ("r:msp_engagement",), "Bilateral MoU", "2026-03-12",
      "US-Chile Joint Declaration on consultations on critical minerals and rare earths (12 Mar "
      "2026), which explores financing mechanisms but states no amount: level 2. Not an MSP "
      "partner or Forum member."),
    R("MNG", "western_minerals_partnership", ("r:msp_engagement",), "Bilateral MoU", "2023-06-27",
      "US-Mongolia MoU on mineral resource sector development (27 Jun 2023): level 2. Not an MSP "
      "partner or Forum member; no financing with an amount was found."),
    # finance_centre ---------------------------------------------------------------------------
    *[r for r in V1 if r.indicator == "finance_centre"],
    R("AUS", "finance_centre", ("r:international_finance_centre",), "Operating", "2019-07-11",
      "A common-law jurisdiction: the Federal Court and state Supreme Courts hear commercial "
      "cases under common law: level 2."),
    R("CAN", "finance_centre", ("r:international_finance_centre",), "Operating", "",
      "Canadian jurisdictions apply common law, Quebec excepted; British Columbia's Supreme Court "
      "hears most commercial cases: level 2. The source is undated, so the value has no as-of "
      "date."),
    R("CHL", "finance_centre", ("r:international_finance_centre",), "No common-law venue", "2004-09",
      "A code-based civil-law system with no common-law court; international arbitration under "
      "Law 19.971 (2004) does not count: level 0, read from that description of the courts."),
    R("MNG", "finance_centre", ("r:international_finance_centre",), "No common-law venue", "2024-09-10",
      "No common-law court was found; the only arbitration institution is the national "
      "arbitration centre, which does not count: level 0, read from that description."),
]  # fmt: skip
