"""Small value types shared by every part of the report context (each section module defines
its own section type next to the code that builds it)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Link:
    text: str
    href: str  # "" = show as plain text (not a safe http(s) URL)


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
