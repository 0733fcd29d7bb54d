"""A small zip writer that also stores data deflated beforehand, as it is.

Python's :mod:`zipfile` compresses everything it writes itself, one entry after another. The
packager deflates a large course's pages on several processes first (see
:mod:`scormbuild.package.write`), so it needs a writer that takes a finished deflate stream. The
headers are the ones :mod:`zipfile` writes (Unix mode bits, one timestamp, no extra fields),
with zip64 records only when a size or offset passes 4 GiB or entries pass 65,535.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from typing import BinaryIO, Protocol
from zlib import crc32

STORED = 0
DEFLATED = 8
LEVEL = 6  # zlib's default, as zipfile uses (docs/performance.md: why not 9)
_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END = struct.Struct("<4s4H2LH")
_END64 = struct.Struct("<4sQ2H2L4Q")
_LOCATOR64 = struct.Struct("<4sLQL")
MARK32, MARK16 = 0xFFFFFFFF, 0xFFFF  # "see the zip64 record" in a plain field
# Sizes and offsets from here on, and entry counts from here on, go in zip64 records.
ZIP64_SIZE, ZIP64_COUNT = MARK32, MARK16
_VERSION, _VERSION64 = 20, 45
_MADE_BY = (3 << 8) | _VERSION  # Unix, so the external attributes hold the mode bits
_UTF8 = 0x800
CHUNK = 1 << 20


class Readable(Protocol):
    """What :meth:`ZipWriter.add_stream` reads from: a binary file, or a wrapper of one."""

    def read(self, size: int, /) -> bytes: ...


class SizeChanged(Exception):
    """A file streamed into the archive was not the size it had when the entry began."""


def deflate(data: bytes) -> bytes:
    """``data`` as a raw deflate stream, the way zip entries hold it."""
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


@dataclass
class _Entry:
    name: bytes
    flags: int
    method: int
    size: int
    at: int  # where the local header starts in the file
    offset: int  # the same, from the start of the archive
    zip64: bool  # sizes in a zip64 extra field: decided before the data is written
    crc: int = 0
    compressed: int = 0


class ZipWriter:
    """Writes entries to a seekable binary file; :meth:`close` adds the central directory."""

    def __init__(self, fp: BinaryIO, date_time: tuple[int, ...], mode: int) -> None:
        year, month, day, hour, minute, second = date_time[:6]
        self.fp = fp
        self.date = (year - 1980) << 9 | month << 5 | day
        self.time = hour << 11 | minute << 5 | second // 2
        self.attributes = mode << 16
        self.entries: list[_Entry] = []
        self.start = fp.tell()

    def add_raw(self, name: str, method: int, crc: int, size: int, body: bytes) -> None:
        """Add an entry whose stored bytes (already deflated for DEFLATED) are ``body``."""
        entry = self._begin(name, method, size, len(body))
        entry.crc, entry.compressed = crc, len(body)
        self._header(entry)
        self.fp.write(body)

    def add_stream(self, name: str, src: Readable, size: int, method: int) -> None:
        """Add ``size`` bytes read from ``src`` in chunks; the header is completed afterwards.

        Raises :class:`SizeChanged` when ``src`` does not hold exactly ``size`` bytes.
        """
        # Deflate may grow incompressible data a little; reserve zip64 room for that.
        entry = self._begin(name, method, size, size + size // 20)
        self._header(entry)
        compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15) if method == DEFLATED else None
        crc = read = written = 0
        while chunk := src.read(CHUNK):
            read += len(chunk)
            crc = crc32(chunk, crc)
            if compressor is not None:
                chunk = compressor.compress(chunk)
            self.fp.write(chunk)
            written += len(chunk)
        if compressor is not None:
            tail = compressor.flush()
            self.fp.write(tail)
            written += len(tail)
        if read != size:
            raise SizeChanged(f"{size} bytes expected, {read} read")
        entry.crc, entry.compressed = crc, written
        end = self.fp.tell()
        self.fp.seek(entry.at)
        self._header(entry)
        self.fp.seek(end)

    def _begin(self, name: str, method: int, size: int, largest: int) -> _Entry:
        try:
            encoded, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            encoded, flags = name.encode("utf-8"), _UTF8
        at = self.fp.tell()
        zip64 = max(size, largest) >= ZIP64_SIZE
        entry = _Entry(encoded, flags, method, size, at, at - self.start, zip64)
        self.entries.append(entry)
        return entry

    def _header(self, entry: _Entry) -> None:
        if entry.zip64:
            extra = struct.pack("<2H2Q", 1, 16, entry.size, entry.compressed)
            sizes = (MARK32, MARK32)
        else:
            extra, sizes = b"", (entry.compressed, entry.size)
        header = _LOCAL.pack(
            b"PK\x03\x04", _VERSION64 if entry.zip64 else _VERSION, entry.flags, entry.method,
            self.time, self.date, entry.crc, *sizes, len(entry.name), len(extra),
        )  # fmt: skip
        self.fp.write(header + entry.name + extra)

    def close(self) -> None:
        """Write the central directory and the end records."""
        directory_at = self.fp.tell()
        for e in self.entries:
            self.fp.write(self._central(e))
        end_at = self.fp.tell()
        count, size, offset = len(self.entries), end_at - directory_at, directory_at - self.start
        zip64 = count >= ZIP64_COUNT or size >= ZIP64_SIZE or offset >= ZIP64_SIZE
        if zip64:
            record = _END64.pack(
                b"PK\x06\x06", _END64.size - 12, (3 << 8) | _VERSION64, _VERSION64, 0, 0,
                count, count, size, offset,
            )  # fmt: skip
            self.fp.write(record + _LOCATOR64.pack(b"PK\x06\x07", 0, end_at - self.start, 1))
            count, size, offset = MARK16, MARK32, MARK32
        self.fp.write(_END.pack(b"PK\x05\x06", 0, 0, count, count, size, offset, 0))

    def _central(self, e: _Entry) -> bytes:
        # A value too large for its field is MARK32 there and follows in the zip64 extra.
        values = [e.size, e.compressed, e.offset]
        big = [value for value in values if value >= ZIP64_SIZE]
        extra = struct.pack(f"<2H{len(big)}Q", 1, 8 * len(big), *big) if big else b""
        size, compressed, offset = (MARK32 if v >= ZIP64_SIZE else v for v in values)
        header = _CENTRAL.pack(
            b"PK\x01\x02", _MADE_BY, _VERSION64 if big else _VERSION, e.flags, e.method,
            self.time, self.date, e.crc, compressed, size, len(e.name), len(extra),
            0, 0, 0, self.attributes, offset,
        )  # fmt: skip
        return header + e.name + extra
