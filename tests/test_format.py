"""One number, one way: the printing rules every output shares (scores, changes, points,
shares, raw values, dates) and the text and link hygiene for untrusted cells."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from readiness import format as fmt

THRESHOLDS = (70, 55, 40, 25, 0)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (39.68, "39.7"),
        (39.98, "39.9"),
        (40.0, "40.0"),
        (54.96, "54.9"),
        (74.25, "74.2"),
        (math.nan, fmt.DASH),
    ],
)
def test_scores_never_round_up_into_a_band(value: float, shown: str) -> None:
    assert fmt.score(value, [70, 55, 40, 25, 0]) == shown


def test_text_is_capped_and_cleaned() -> None:
    long = "word " * 10_000
    capped = fmt.cap(long, 100)
    assert len(capped) < 160 and capped.endswith("[cut: 50,000 characters in the input]")
    assert fmt.cap("a\x00b\x1f c\n\n d", 50) == "a b c d"
    assert fmt.cap(pd.NA, 10) == ""


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://data.worldbank.org/x?y=1", True),
        ("http://example.org", True),
        ("file:///etc/passwd", False),
        ("javascript:alert(1)", False),
        ("data:text/html,<b>x</b>", False),
        ("//evil.example/x", False),
        ("https://a b", False),
        ("https://" + "x" * 1000 + ".org", False),
    ],
)
def test_only_plain_http_links(url: str, ok: bool) -> None:
    assert (fmt.safe_url(url) == url) is ok


@pytest.mark.parametrize(
    ("before", "after", "shown"),
    [
        (69.96, 69.04, "-0.9"),  # 69.9 -> 69.0 as printed, though the change is -0.92
        (72.149, 68.36, "-3.7"),  # 72.1 -> 68.4
        (39.98, 40.0, "+0.1"),  # 39.9 (below the band) -> 40.0
        (50.04, 50.0, "0.0"),
        (math.nan, 50.0, fmt.DASH),
    ],
)
def test_a_change_is_the_difference_of_the_printed_scores(
    before: float, after: float, shown: str
) -> None:
    assert fmt.change(before, after, THRESHOLDS) == shown
    if shown != fmt.DASH:
        printed = float(fmt.score(after, THRESHOLDS)) - float(fmt.score(before, THRESHOLDS))
        assert float(shown) == pytest.approx(printed)


def test_index_points_keep_two_decimals_so_rows_add_up() -> None:
    assert fmt.points(6.25) == "6.25"
    assert fmt.points(25 / 6) == "4.17"
    assert sum(float(fmt.points(6.25)) for _ in range(4)) == 25.0
    assert fmt.points(math.nan) == fmt.DASH


def test_percent() -> None:
    assert fmt.percent(0.5) == "50%"
    assert fmt.percent(1 / 6, 1) == "16.7%"
    assert fmt.percent(None) == fmt.DASH


@pytest.mark.parametrize(
    ("values", "declared", "decimals"),
    [
        ([36.792454, 53.301888], None, 2),  # WGI percentile ranks: 36.79 and 53.30, not 53.3
        ([0, 1, 2], None, 0),
        ([2.7, 3.1], None, 1),
        ([0.679, 0.4142], None, 3),  # every value below 1
        ([56.0, math.nan], None, 0),
        ([], None, 0),
        ([36.792454], 1, 1),  # the rubric's Indicator.decimals wins
    ],
)
def test_one_precision_per_indicator(
    values: list[float], declared: int | None, decimals: int
) -> None:
    assert fmt.decimals_for(values, declared) == decimals


def test_fixed_keeps_trailing_zeros_and_thousands() -> None:
    assert fmt.fixed(53.3, 2) == "53.30"
    assert fmt.fixed(12345.678, 1) == "12,345.7"
    assert fmt.fixed(math.nan, 2) == fmt.DASH


@pytest.mark.parametrize(
    ("text", "shown", "precision"),
    [
        ("2023", "2023", "year"),
        ("2024-09", "Sep 2024", "month"),
        ("2018-06-29", "29 Jun 2018", "day"),
        ("", fmt.DASH, ""),
        ("mid-2020", "mid-2020", ""),
        ("2024-13", "2024-13", "month"),
    ],
)
def test_dates_as_precise_as_given(text: str, shown: str, precision: str) -> None:
    assert fmt.date(text) == shown
    assert fmt.date_precision(text) == precision


def test_a_date_says_what_it_means() -> None:
    assert fmt.as_of_label("", "2023", numeric=True) == "data year"
    assert fmt.as_of_label("", "2024-09", numeric=True) == "evidence dated"
    assert fmt.as_of_label("", "2023", numeric=False) == "evidence dated"
    assert fmt.as_of_label("law in force", "2018-06-29", numeric=False) == "law in force"
    assert fmt.as_of_label("", "", numeric=True) == ""
    assert fmt.as_of_label("law in force", "", numeric=False) == ""  # no date: no label


def test_several_urls_in_one_cell() -> None:
    cell = "https://a.org/x ; http://b.org ; file:///etc/passwd ; https://a.org/x junk"
    assert fmt.safe_urls(cell) == ("https://a.org/x", "http://b.org")
    assert fmt.safe_urls("") == ()
