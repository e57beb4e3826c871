"""Small value types shared by every part of the report context (each section module defines
its own section type next to the code that builds it)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A printed URL may break only after one of these (a run of them stays together: "https://"):
# the path and query separators, and "+" and "=", which separate the words of a long slug or
# query ("cop27+european+union+..."), so that no break ever falls inside a word.
URL_BREAK = re.compile(r"[^/_?&+=-]*[/_?&+=-]*")


@dataclass(frozen=True)
class Link:
    text: str
    href: str  # "" = show as plain text (not a safe http(s) URL)

    @property
    def pieces(self) -> tuple[str, ...]:
        """The text cut after each "/", "-", "_", "?", "&", "+" and "=": a template joins them
        with <wbr>, the only places a printed URL may break ("renewable+h / ydrogen" never)."""
        return tuple(p for p in URL_BREAK.findall(self.text) if p)


@dataclass(frozen=True)
class Chart:
    src: str  # data: URI of a generated SVG
    alt: str


@dataclass(frozen=True)
class Meta:
    title: str  # <title> and PDF metadata
    kicker: str  # running head on every page
    heading: str
    subheading: str
    series: str  # rubric title, top right of every page
    footer: str  # rubric and period, bottom of every page
    filename: str  # file stem: scorecard-KAZ, regional-overview
    author: str  # PDF metadata: who made the document
    keywords: str  # PDF metadata


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    css: str = ""


@dataclass(frozen=True)
class Cell:
    text: str
    css: str = ""


@dataclass(frozen=True)
class BandRow:
    label: str
    range: str
    description: str
    css: str
    references: str = ""  # the reference jurisdictions in the band this period (methodology)
