"""Which source URLs the workbook prints, and how each is labelled (primary or secondary).

The data rows' URLs are printed as given, with three written exceptions, each applied to every
row alike and each recorded in the value's provenance:
- A URL whose only fault is one no reader can misread is printed in its correct form: a
  trailing dot after the host name ("https://chambers.com./x" is the fully qualified spelling
  of "https://chambers.com/x"), or the host name repeated as the first path segment
  ("http://fayllar.org/fayllar.org/x", where another row cites the same document as
  "http://fayllar.org/x").
- A URL whose address names an unrelated article is not printed, and the note says so
  (`UNRELATED`): the statement it was cited for rests on no page the reader can check.
- A listing page (a topic, tag or paginated index page, not an article) is printed, but
  called a listing page wherever the citation names its site.

Confidence is per URL, not per row: PROVENANCE.md calls primary "an official, IFI or
treaty-body page, or the standard-setter's own page" and secondary "news, law-firm articles, or
mirrors of official texts". A row rated primary often cites a primary page beside a mirror
(a treaty text on bilaterals.org or docstoc.com beside the archived USTR page); only the
official pages of such a row are labelled primary. A row rated secondary stays secondary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Addresses that name an article unrelated to the statement they are cited for, with what the
# address names (read from the URL itself). Nothing in ../shared/data gives another page for
# those statements.
UNRELATED = {
    "https://www.kt.kz/eng/economy/kazakhstan_extends_ban_on_exports_of_petroleum_products_"
    "1377983852.html": "an article on Kazakhstan extending a ban on exports of petroleum products",
}

# Official, IFI, treaty-body and standard-setter sites (PROVENANCE.md's "primary"), by host
# suffix. A web archive counts when the page it keeps is one of these (the archived USTR page).
OFFICIAL_SUFFIXES = (
    ".gov", ".gov.au", ".gov.bc.ca", ".gov.on.ca", ".gov.kg", ".gov.mn", ".gov.tm", ".gov.uk",
    ".gc.ca", "canada.ca", "leg.bc.ca", "gov.uz", "adilet.zan.kz", "sernageomin.cl",
    "eiti.org", "worldbank.org", "wto.org", "pca-cpa.org", "asiapacificenergy.org",
    "kazrc.kz", "aix.kz", "crirsco.com", "tdh.gov.tm",
    "spglobal.com", "moodys.com", "fitchratings.com",  # a rating agency's page on its own rating
)  # fmt: skip
_ARCHIVED = re.compile(r"/(?:19|20)\d{12}/(https?://.+)$")
_URL = re.compile(r"^(https?)://([^/?#\s]+)([^\s]*)$", re.IGNORECASE)
_HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$", re.IGNORECASE)
_TOPIC_PATH = re.compile(r"/(?:tag|page|topics?)/[^/]+/?$", re.IGNORECASE)
# Topic pages whose address does not say so (a news site's country section).
TOPIC_PAGES = {"https://timesca.com/kazakhstan"}
_INDEX_QUERY = re.compile(r"(?:^|&)start=\d+(?:&|$)")


@dataclass(frozen=True)
class Printed:
    """One source URL as the workbook prints it."""

    given: str  # as in the data row
    url: str  # as printed ("" when not printed)
    remark: str  # why it differs from the row, for the provenance ("" when it does not)


def host(url: str) -> str:
    found = _URL.match(url.strip())
    return found.group(2).lower() if found else ""


def printed(url: str) -> Printed:
    """The URL as the workbook prints it, and why it differs from the row if it does."""
    given = url.strip()
    if given in UNRELATED:
        return Printed(given, "", f"not printed: the address names {UNRELATED[given]}")
    found = _URL.match(given)
    if found is None:
        return Printed(given, given, "")
    scheme, name, rest = found.groups()
    fixes = []
    if name.endswith("."):
        name = name.rstrip(".")
        fixes.append("the trailing dot after the host name dropped")
    repeat = f"/{name.lower()}/"
    if rest.lower().startswith(repeat):
        rest = rest[len(repeat) - 1 :]
        fixes.append("the host name repeated as the first path segment dropped")
    url_out = f"{scheme}://{name}{rest}"
    remark = f"printed as {url_out} ({'; '.join(fixes)})" if fixes else ""
    return Printed(given, url_out, remark)


def malformed(url: str) -> str:
    """Why a printed URL is malformed, or "" when it is a plain absolute http(s) URL."""
    found = _URL.match(url)
    if found is None:
        return "not an absolute http(s) URL"
    name, rest = found.group(2), found.group(3)
    if name.endswith("."):
        return "a trailing dot after the host name"
    if not _HOST.match(name):
        return "not a valid host name"
    if rest.lower().startswith(f"/{name.lower()}/"):
        return "the host name repeated as the first path segment"
    if url in UNRELATED:
        return f"an address that names {UNRELATED[url]}"
    return ""


def is_listing(url: str) -> bool:
    """A topic or tag page or a paginated index, not an article."""
    found = _URL.match(url.strip())
    if found is None:
        return False
    if url.strip().rstrip("/") in TOPIC_PAGES:
        return True
    path, _, query = (found.group(3) or "/").partition("?")
    return bool(_TOPIC_PATH.search(path or "/")) or bool(_INDEX_QUERY.search(query))


def is_official(url: str) -> bool:
    """An official, IFI, treaty-body or standard-setter page (or a web-archive copy of one)."""
    kept = _ARCHIVED.search(url)
    name = host(kept.group(1) if kept else url).removeprefix("www.")
    return any(name == s.lstrip(".") or name.endswith(s if s.startswith(".") else "." + s)
               or name == s for s in OFFICIAL_SUFFIXES)  # fmt: skip


def confidence_of(url: str, row_confidence: str) -> str:
    """A URL's label: primary only where its row is rated primary and the page is official."""
    if row_confidence == "primary" and not is_official(url):
        return "secondary"
    return row_confidence
