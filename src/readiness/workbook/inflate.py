"""Inflating a workbook's sheet part ourselves (raw deflate, bounded, in pieces): the CRC-32
is computed as the bytes arrive, and a large part is inflated in a thread while this one
searches each piece for cells that would make calamine allocate a huge grid."""

from __future__ import annotations

import queue
import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from readiness.workbook import sheet_xml

PIECE = 1 << 20  # bytes inflated at a time


@dataclass
class Inflated:
    """A sheet part's bytes; its CRC-32 as the zip states it (None: checked already) and as
    computed while inflating (None: not yet); whether it is unsafe (None: not yet searched)."""

    xml: bytes
    expected_crc: int | None = None
    size: int = 0
    crc: int | None = None
    unsafe: bool | None = None

    def checksum(self) -> int:
        """The CRC-32 of the first `size` bytes (as zipfile checks it)."""
        return self.crc if self.crc is not None else zlib.crc32(self.xml[: self.size])


def inflate(stored: bytes, limit: int, each: Callable[[bytes], None]) -> bytes:
    """Raw-deflated `stored` inflated up to `limit` bytes, handing each piece to `each` as it
    comes. Raises for a stream cut short."""
    inflate = zlib.decompressobj(-zlib.MAX_WBITS)
    pieces: list[bytes] = []
    total, data = 0, stored
    while total < limit:
        piece = inflate.decompress(data, min(PIECE, limit - total))
        data = inflate.unconsumed_tail
        if piece:
            pieces.append(piece)
            total += len(piece)
            each(piece)
        if inflate.eof or (not data and not piece):
            break
    if total < limit and not inflate.eof:
        raise EOFError("Compressed file ended before the end-of-stream marker was reached")
    return b"".join(pieces)


def inflate_searching(stored: bytes, limit: int, size: int) -> Inflated:
    """Inflate in a thread; search each piece here for unsafe cells as it arrives."""
    pieces: queue.SimpleQueue[bytes | BaseException | None] = queue.SimpleQueue()
    checked = [0, 0]  # bytes and CRC-32 of the part's first `size` bytes, as they arrive

    def work() -> None:
        def each(piece: bytes) -> None:
            if checked[0] < size:
                checked[1] = zlib.crc32(piece[: size - checked[0]], checked[1])
                checked[0] += min(len(piece), size - checked[0])
            pieces.put(piece)

        try:
            inflate(stored, limit, each)
            pieces.put(None)
        except BaseException as exc:  # handed to the calling thread
            pieces.put(exc)

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    search = sheet_xml.UnsafeSearch()
    got: list[bytes] = []
    while (piece := pieces.get()) is not None:
        if isinstance(piece, BaseException):
            worker.join()
            raise piece
        got.append(piece)
        search.feed(piece)
    worker.join()
    xml = b"".join(got)
    return Inflated(xml, crc=checked[1], unsafe=search.unsafe(xml))
