"""Inflating a workbook's sheet part ourselves (raw deflate, bounded, in pieces): the CRC-32
is computed as the bytes arrive, and each piece of a large part is searched, as it arrives, for
cells that would make calamine allocate a huge grid.

ISA-L (the `isal` package) inflates these parts in about half zlib's time and computes the
CRC-32 in a tenth of it (benchmarks/bench_workbook.py); its stream API is zlib's."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from isal import isal_zlib

from readiness.workbook import sheet_xml

PIECE = 1 << 20  # bytes inflated at a time
_RAW = -15  # raw deflate, as a zip member stores it (zlib's -MAX_WBITS)


def crc32(data: bytes, value: int = 0) -> int:
    """The CRC-32 zip uses (zlib's), computed by ISA-L."""
    return isal_zlib.crc32(data, value)


@dataclass
class Inflated:
    """A sheet part's bytes, in the pieces they were inflated in (`xml` joins them once); its
    CRC-32 as the zip states it (None: checked already) and as computed while inflating (None:
    not yet); whether it is unsafe (None: not yet searched)."""

    pieces: list[bytes]
    expected_crc: int | None = None
    size: int = 0
    crc: int | None = None
    unsafe: bool | None = None
    _xml: bytes | None = field(default=None, repr=False)

    @classmethod
    def whole(cls, xml: bytes) -> Inflated:
        return cls([xml] if xml else [], _xml=xml)

    @property
    def length(self) -> int:
        return len(self._xml) if self._xml is not None else sum(map(len, self.pieces))

    @property
    def xml(self) -> bytes:
        """The whole text (joined on first use: 40 MB take about 15 ms)."""
        if self._xml is None:
            self._xml = b"".join(self.pieces)
            self.pieces = [self._xml] if self._xml else []
        return self._xml

    def checksum(self) -> int:
        """The CRC-32 of the first `size` bytes (as zipfile checks it)."""
        return self.crc if self.crc is not None else crc32(self.xml[: self.size])


def inflate(stored: bytes, limit: int, each: Callable[[bytes], None]) -> list[bytes]:
    """Raw-deflated `stored` inflated up to `limit` bytes, in pieces, handing each piece to
    `each` as it comes. Raises for a stream cut short."""
    stream = isal_zlib.decompressobj(_RAW)
    pieces: list[bytes] = []
    total, data = 0, stored
    while total < limit:
        piece = stream.decompress(data, min(PIECE, limit - total))
        data = stream.unconsumed_tail
        if piece:
            pieces.append(piece)
            total += len(piece)
            each(piece)
        if stream.eof or (not data and not piece):
            break
    if total < limit and not stream.eof:
        raise EOFError("Compressed file ended before the end-of-stream marker was reached")
    return pieces


def inflate_searching(stored: bytes, limit: int, size: int) -> Inflated:
    """Inflate piece by piece, searching each piece for unsafe cells as it arrives and
    computing the CRC-32 of the part's first `size` bytes. The pieces are not joined: the
    caller joins them once calamine is reading (off the critical path).

    (Inflating in a second thread gains nothing: that thread must take the GIL back after
    every output block, and the search holds it; measured equal or slower.)"""
    search = sheet_xml.UnsafeSearch()
    checked = [0, 0]  # bytes and CRC-32 of the part's first `size` bytes, as they arrive

    def each(piece: bytes) -> None:
        if checked[0] < size:
            checked[1] = crc32(piece[: size - checked[0]], checked[1])
            checked[0] += min(len(piece), size - checked[0])
        search.feed(piece)

    part = Inflated(inflate(stored, limit, each))
    part.crc = checked[1]
    part.unsafe = search.finish(lambda: part.xml)
    return part
