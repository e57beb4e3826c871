"""Inflating a sheet part ourselves: bounded, in pieces, CRC-32 as the bytes arrive, and the
unsafe-cell search on a large part answering as it does on the whole text."""

from __future__ import annotations

import zlib

import pytest

from readiness.workbook import sheet_xml
from readiness.workbook.inflate import PIECE, Inflated, crc32, inflate, inflate_searching


def deflate(data: bytes) -> bytes:
    """Raw deflate, as a zip member stores it."""
    packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


def sheet(rows: int, far: bool = False) -> bytes:
    cells = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, rows + 1))
    if far:
        cells += '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    return f"<worksheet><sheetData>{cells}</sheetData></worksheet>".encode()


def test_inflate_returns_the_bytes_in_pieces_of_at_most_a_megabyte() -> None:
    data = bytes(range(256)) * 9000  # 2.3 MB: three pieces
    pieces: list[bytes] = []
    assert inflate(deflate(data), len(data) + 1, pieces.append) == pieces
    assert len(pieces) == 3 and all(len(p) <= PIECE for p in pieces)
    assert b"".join(pieces) == data


def test_inflate_stops_at_the_limit() -> None:
    data = b"x" * 5000
    assert b"".join(inflate(deflate(data), 1000, lambda piece: None)) == b"x" * 1000


def test_a_stream_cut_short_is_refused() -> None:
    stored = deflate(bytes(range(256)) * 400)
    with pytest.raises(EOFError):
        inflate(stored[: len(stored) // 2], 10**6, lambda piece: None)


def test_checksum_is_the_crc_of_the_first_size_bytes() -> None:
    part = Inflated.whole(b"abcdef")
    part.size = 3
    assert part.checksum() == zlib.crc32(b"abc")
    assert Inflated([b"abc", b"def"], size=3, crc=7).checksum() == 7


@pytest.mark.parametrize("size", [0, 1, 1000, 3 * PIECE + 17])
def test_the_crc_is_zlibs(size: int) -> None:
    """ISA-L computes the checksum: it must be the one zip states (zlib's), also run on."""
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    assert crc32(data) == zlib.crc32(data)
    assert crc32(data[size // 2 :], crc32(data[: size // 2])) == zlib.crc32(data)


def test_pieces_are_joined_once_and_only_when_asked() -> None:
    part = Inflated([b"<a>", b"</a>"])
    assert part.length == 7 and part.pieces == [b"<a>", b"</a>"]
    assert part.xml == b"<a></a>"
    assert part.xml is part.xml and part.pieces == [b"<a></a>"]


@pytest.mark.parametrize("far", [False, True])
def test_searching_while_inflating_gives_the_whole_texts_answers(far: bool) -> None:
    xml = sheet(60_000, far=far)  # over a megabyte: several pieces
    assert len(xml) > 2 * PIECE
    got = inflate_searching(deflate(xml), len(xml) + 1, len(xml))
    assert got.xml == xml
    assert got.crc == zlib.crc32(xml)
    assert got.unsafe is far
    assert got.unsafe == sheet_xml.unsafe(xml)


def test_searching_hands_a_damaged_stream_to_the_caller() -> None:
    xml = sheet(60_000)
    stored = deflate(xml)
    with pytest.raises(EOFError):
        inflate_searching(stored[: len(stored) // 3], len(xml) + 1, len(xml))
