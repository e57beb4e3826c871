"""One streaming expat pass with a DTD refused (workbook/safe_xml.py)."""

from __future__ import annotations

from xml.parsers import expat

import pytest

from readiness.workbook import safe_xml


def collect(xml: bytes) -> list[tuple[str, str]]:
    events: list[tuple[str, str]] = []
    safe_xml.parse(
        xml,
        lambda name, attrs: events.append(("start", name + repr(sorted(attrs.items())))),
        lambda name: events.append(("end", name)),
        lambda text: events.append(("text", text)),
        what="a test part",
    )
    return events


def test_names_carry_their_namespace_and_text_comes_in_one_piece() -> None:
    xml = b'<a xmlns="urn:x"><b k="1">one &amp; two</b></a>'
    assert collect(xml) == [
        ("start", "urn:x}a[]"),
        ("start", "urn:x}b[('k', '1')]"),
        ("text", "one & two"),
        ("end", "urn:x}b"),
        ("end", "urn:x}a"),
    ]


@pytest.mark.parametrize(
    "xml",
    [
        b'<!DOCTYPE a [<!ENTITY x "xx">]><a>&x;</a>',  # entity expansion
        b'<!DOCTYPE a SYSTEM "file:///etc/passwd"><a/>',  # an external DTD
        b"<!DOCTYPE a><a/>",  # any DTD at all
    ],
)
def test_a_dtd_is_refused_naming_the_part(xml: bytes) -> None:
    with pytest.raises(ValueError, match="a DTD in a test part is not allowed"):
        collect(xml)


def test_xml_that_cannot_be_read_raises_expats_error() -> None:
    with pytest.raises(expat.ExpatError):
        collect(b"<a><b></a>")
