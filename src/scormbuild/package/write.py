"""A deterministic zip writer: the same files always give byte-identical packages.

Entries are sorted by path, carry one fixed timestamp (``SOURCE_DATE_EPOCH`` when set) and
fixed permissions; already-compressed media are stored, everything else deflated. Files on
disk are streamed in chunks, never read whole. The generated files of a large course are
deflated on several processes while this one streams the media. Writing it to the output
folder, with every other file of a build, is :mod:`scormbuild.package.output`'s job.
"""

from __future__ import annotations

import os
import re
import stat
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from functools import partial
from pathlib import Path
from typing import BinaryIO
from zlib import crc32

from scormbuild.errors import PackageError
from scormbuild.model import OutputFile
from scormbuild.package.output import OutputFolder
from scormbuild.package.zipwriter import DEFLATED, STORED, SizeChanged, ZipWriter, deflate
from scormbuild.workers import SHARES, chunks, forked_map, worker_count

# Deflating these again costs time and saves nothing.
STORED_EXTENSIONS = frozenset(
    {
        *("jpg", "jpeg", "png", "gif", "webp", "avif"),
        *("mp4", "webm", "m4v", "mov", "ogv"),
        *("mp3", "m4a", "ogg", "oga", "opus", "aac", "flac"),
        *("pdf", "zip", "woff", "woff2", "gz"),
    }
)
DEFAULT_DATE_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip header can hold
FILE_MODE = 0o644
PARALLEL_DEFLATE_BYTES = 2 * 1024 * 1024
_BAD_CHARS = re.compile(r'[\x00-\x1f\x7f\\:*?"<>|]')


def date_time_from_env() -> tuple[int, int, int, int, int, int]:
    """The entries' timestamp: ``SOURCE_DATE_EPOCH`` (UTC) when set, else 1980-01-01."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if not value:
        return DEFAULT_DATE_TIME
    try:
        epoch = int(value)
    except ValueError:
        raise PackageError(f"SOURCE_DATE_EPOCH is not an integer: {value!r}") from None
    t = time.gmtime(max(epoch, 315532800))  # zip cannot store times before 1980
    year = min(t.tm_year, 2107)  # nor after 2107
    return (year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec)


def check_archive_path(path: str) -> None:
    """Raise :class:`PackageError` unless ``path`` is relative, uses ``/`` and stays inside."""
    parts = path.split("/")
    if not path or path.startswith("/") or any(p in ("", ".", "..") for p in parts):
        raise PackageError(f"invalid archive path {path!r}: must be relative, without . or ..")
    if _BAD_CHARS.search(path):
        raise PackageError(f"invalid archive path {path!r}: backslash or reserved character")


def compression_for(path: str) -> int:
    """``ZIP_STORED`` (0) for already-compressed media, else ``ZIP_DEFLATED`` (8)."""
    ext = path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""
    return STORED if ext in STORED_EXTENSIONS else DEFLATED


def _sorted_checked(files: Sequence[OutputFile]) -> list[OutputFile]:
    seen: dict[str, str] = {}
    for f in files:
        check_archive_path(f.path)
        if (f.data is None) == (f.source is None):
            raise PackageError(f"{f.path}: give exactly one of data or source")
        # Case-insensitive file systems (Windows, macOS) would merge these on extraction.
        key = f.path.casefold()
        if key in seen:
            raise PackageError(f"{f.path}: written twice (clashes with {seen[key]})")
        seen[key] = f.path
    return sorted(files, key=lambda f: f.path)


def write_package(
    files: Sequence[OutputFile], fp: BinaryIO, *, date_time: tuple[int, ...] | None = None
) -> None:
    """Write ``files`` as a zip to the seekable ``fp``.

    Raises :class:`PackageError` on an invalid or duplicate path or an unreadable source; an
    :class:`OSError` is a failure to write ``fp``.
    """
    PackageWriter(fp, date_time=date_time).finish(files)


class PackageWriter:
    """:func:`write_package` in two steps, so that the media are written while the pages are
    still being made (the build renders them on its workers meanwhile).

    :meth:`lead` writes the entries the archive starts with that are files on disk (the
    assets sort before the generated pages); :meth:`finish` writes the rest. Should the
    finished list not start with what was led, the archive is written again from its start:
    the bytes are always those of :func:`write_package`. The renderer's workers deflate the
    pages they make with :meth:`pack` (a :class:`~scormbuild.render.pages.Packer`).
    """

    def __init__(self, fp: BinaryIO, *, date_time: tuple[int, ...] | None = None) -> None:
        self.fp, self.start = fp, fp.tell()
        self.stamp = tuple(date_time) if date_time is not None else date_time_from_env()
        self.zf = ZipWriter(fp, self.stamp, stat.S_IFREG | FILE_MODE)
        self.led: list[OutputFile] = []
        self.packed: dict[str, object] = {}  # by path: what pack() made of the file's data

    @staticmethod
    def pack(data: bytes) -> object:
        """``data`` as :meth:`finish` takes it for a file packed beforehand (``data`` itself
        kept with it: :meth:`finish` compares it with the file's, the very same object when
        the file is the one packed, even from a worker: pickling sends the object once)."""
        return crc32(data), data, deflate(data)

    def lead(self, sources: Sequence[OutputFile], generated: Iterable[str]) -> None:
        """Write the files of ``sources`` (on disk) that sort before every path of
        ``generated`` (the files that will be made, as far as known) and before the rest."""
        first = min(generated, default=None)
        for f in _sorted_checked(sources):
            if (first is not None and f.path >= first) or f.source is None:
                break
            _add_file(self.zf, f.path, f.source, compression_for(f.path))
            self.led.append(f)
        if self.led:
            _start_writeback(self.fp)

    def finish(self, files: Sequence[OutputFile]) -> None:
        """Write the archive of ``files``: what :meth:`lead` wrote, then the others."""
        entries = _sorted_checked(files)
        if entries[: len(self.led)] != self.led:  # a file made that sorts among the led ones
            self.fp.seek(self.start)
            self.fp.truncate()
            self.zf = ZipWriter(self.fp, self.stamp, stat.S_IFREG | FILE_MODE)
            self.led = []
        rest = entries[len(self.led) :]
        made = {f.path: done for f in rest if (done := self._packed(f)) is not None}
        generated = [
            f.data
            for f in rest
            if f.data is not None and compression_for(f.path) == DEFLATED and f.path not in made
        ]
        with _deflating(generated) as packed:
            for f in rest:
                method = compression_for(f.path)
                if f.path in made:
                    crc, body = made[f.path]
                elif f.data is not None:
                    crc, body = next(packed) if method == DEFLATED else (crc32(f.data), f.data)
                if f.data is not None:
                    self.zf.add_raw(f.path, method, crc, len(f.data), body)
                    continue
                assert f.source is not None
                _add_file(self.zf, f.path, f.source, method)
        self.zf.close()

    def _packed(self, f: OutputFile) -> Packed | None:
        """The CRC and deflate stream :meth:`pack` made of ``f``'s very bytes, if it did."""
        done = self.packed.get(f.path)
        if f.data is None or compression_for(f.path) != DEFLATED or not isinstance(done, tuple):
            return None
        crc, data, body = done
        return (crc, body) if data == f.data else None


def _start_writeback(fp: BinaryIO) -> None:
    """Have the system start writing what ``fp`` holds to disk, without waiting for it: the
    sync that ends the build then waits for the pages written since (the media of the large
    benchmark course took 50 ms of it). "Not needed soon" is what Linux acts on so; a file
    system without a disk behind it ignores it, and elsewhere nothing is done."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        return
    fp.flush()
    with suppress(OSError, ValueError):
        advise(fp.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)


class _ReadFailed(Exception):
    """Reading a source file failed (an OSError from here on is one of writing)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error)
        self.error = error


class _Reader:
    """A source file whose read errors are told apart from the archive's write errors."""

    def __init__(self, fp: BinaryIO) -> None:
        self.fp = fp

    def read(self, size: int, /) -> bytes:
        try:
            return self.fp.read(size)
        except OSError as exc:
            raise _ReadFailed(exc) from exc


def _add_file(zf: ZipWriter, path: str, source: Path, method: int) -> None:
    """Stream ``source`` into the archive as ``path``; a read failure is a PackageError."""
    try:
        src = source.open("rb")
    except OSError as exc:
        raise PackageError(f"{path}: cannot read {source}: {exc.strerror}") from exc
    with src:
        try:
            zf.add_stream(path, _Reader(src), os.fstat(src.fileno()).st_size, method)
        except _ReadFailed as exc:
            message = exc.error.strerror or str(exc.error)
            raise PackageError(f"{path}: cannot read {source}: {message}") from exc
        except SizeChanged as exc:
            raise PackageError(f"{path}: {source} changed while packaging") from exc


Packed = tuple[int, bytes]  # CRC-32 of the data, its raw deflate stream


def _deflate_some(generated: Sequence[bytes], span: tuple[int, int]) -> list[Packed]:
    return [(crc32(data), deflate(data)) for data in generated[span[0] : span[1]]]


@contextmanager
def _deflating(generated: Sequence[bytes]) -> Iterator[Iterator[Packed]]:
    """Each of ``generated``, deflated, in order: on worker processes for a large course,
    so that this process streams the media (first in the archive) in the meantime."""
    # Deflate runs at tens of megabytes a second: below a few, starting workers costs more.
    large = sum(len(data) for data in generated) >= PARALLEL_DEFLATE_BYTES
    workers = worker_count(len(generated)) if large else 1
    # Small runs, so that the first pages are ready by the time the media are written.
    parts = chunks(range(len(generated)), workers * SHARES)
    spans = [(part[0], part[-1] + 1) for part in parts]
    # Forked workers inherit the pages through the partial: nothing is pickled to reach them.
    with forked_map(partial(_deflate_some, generated), spans, workers) as results:
        yield (packed for part in results for packed in part)


def save_package(files: Sequence[OutputFile], path: Path) -> Path:
    """Write one package to ``path`` as an output set of one file (see :mod:`.output`)."""
    with OutputFolder(path.parent) as out:
        out.add(path.name, partial(write_package, files))
        out.commit()
    return path


def save_text(text: str, path: Path) -> Path:
    """Write one document to ``path`` as an output set of one file (see :mod:`.output`)."""
    with OutputFolder(path.parent) as out:
        out.add_text(path.name, text)
        out.commit()
    return path
