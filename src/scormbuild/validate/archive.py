"""Reading a package that may be hostile: a zip read in place, or an unpacked folder.

Nothing is ever extracted. Entries with absolute paths, ``..``, backslashes, control
characters, symlinks or duplicate names are refused and reported; their data is never read.
Zip bombs are stopped by limits on entry count, total uncompressed size and compression
ratio, counted on the bytes actually decompressed in bounded reads; header sizes are not
trusted. The ratio allowed depends on the media type: uncompressed audio and images and text
may compress as far as deflate can. Archives that PHP's ZipArchive (Moodle's reader) refuses
are reported even where Python could read them.
"""

from __future__ import annotations

import os
import re
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from scormbuild.errors import Problem, error, warning
from scormbuild.package.manifest import MANIFEST_NAME

CHUNK = 64 * 1024
_MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What a package may hold before it is refused as a possible zip bomb."""

    max_entries: int = 20_000
    max_total_size: int = 4 * 1024 * _MIB  # uncompressed bytes, all entries together
    max_ratio: float = 200.0  # uncompressed : compressed, per entry
    # For media that legitimately compress as far as deflate goes (a silent WAV, a plain BMP,
    # text): above deflate's own ceiling of 1032:1, so only the total size limits them.
    max_ratio_compressible: float = 1100.0
    ratio_floor: int = _MIB  # the ratio counts once an entry has produced this many bytes
    max_manifest_size: int = 16 * _MIB


# Uncompressed media, recognised by their first bytes as well as their name.
_MAGIC: dict[str, tuple[re.Pattern[bytes], ...]] = {
    "wav": (re.compile(rb"RIFF....WAVE", re.S),),
    "aif": (re.compile(rb"FORM....AIF[FC]", re.S),),
    "bmp": (re.compile(rb"BM"),),
    "tif": (re.compile(rb"II\*\x00"), re.compile(rb"MM\x00\*")),
}
_MAGIC.update({"aiff": _MAGIC["aif"], "aifc": _MAGIC["aif"], "tiff": _MAGIC["tif"]})
TEXT_EXTENSIONS = frozenset(
    {
        *("html", "htm", "xhtml", "xml", "xsd", "css", "js", "mjs", "json", "svg"),
        *("txt", "vtt", "srt", "csv", "md"),
    }
)

# A package holds plain relative names, each once, with no links and no encryption.
_REBUILD = "build the package again with plain relative file names, each once, no links"


def compresses_well(name: str, head: bytes) -> bool:
    """True for a file whose type compresses as far as deflate goes: uncompressed audio and
    images whose first bytes say so, and text (no NUL among its first bytes)."""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name.rsplit("/", 1)[-1] else ""
    if ext in _MAGIC:
        return any(m.match(head) for m in _MAGIC[ext])
    return ext in TEXT_EXTENSIONS and b"\x00" not in head


class UnusableInput(Exception):
    """The input cannot be checked at all (exit status 2)."""


@dataclass(frozen=True)
class Entry:
    """One regular file of the package."""

    path: str
    size: int  # uncompressed bytes, as read (zip) or from lstat (folder)
    compressed: int | None = None


@dataclass
class Contents:
    """The usable files of a package, its manifest bytes and the problems found reading it."""

    kind: str  # "zip" or "directory"
    entries: dict[str, Entry] = field(default_factory=dict)
    manifest: bytes | None = None
    problems: list[Problem] = field(default_factory=list)
    archive_size: int | None = None
    kept: dict[str, bytes] = field(default_factory=dict)  # the data of the files asked for


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_DRIVE = re.compile(r"^[A-Za-z]:")


def name_problem(name: str) -> str | None:
    """Why an entry name is refused, or None when it is a safe relative path."""
    if name.startswith(("/", "\\")) or _DRIVE.match(name):
        return "absolute path"
    if "\\" in name:
        return "backslash in path (Windows separator); use /"
    if _CONTROL.search(name):
        return "control character in name"
    parts = name.rstrip("/").split("/")
    if ".." in parts:
        return "'..' would write outside the package folder"
    if any(p in ("", ".") for p in parts):
        return "empty or '.' path segment"
    return None


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def _screen(zf: zipfile.ZipFile, out: Contents) -> list[zipfile.ZipInfo]:
    """The entries that are safe to read; the others become problems."""
    safe: list[zipfile.ZipInfo] = []
    seen: set[str] = set()
    for info in zf.infolist():
        name = info.filename
        reason = name_problem(name)
        if reason is None and _is_symlink(info):
            reason = "symbolic link"
        if reason is None and info.flag_bits & 0x1:
            reason = "encrypted entry"
        if reason is None and name in seen:
            reason = "duplicate entry name"
        if reason is not None:
            message = f"entry refused: {reason}"
            out.problems.append(error(name, None, message, code="unsafe-entry", hint=_REBUILD))
            continue
        seen.add(name)
        if info.is_dir():
            continue
        if not info.flag_bits & 0x800 and not name.isascii():
            out.problems.append(
                warning(
                    name,
                    None,
                    "non-ASCII file name not marked as UTF-8; an LMS may unpack it under "
                    "another name",
                    code="name-encoding",
                    hint="zip it again with a tool that marks UTF-8 names, or give the file an "
                    "ASCII name",
                )
            )
        safe.append(info)
    return safe


def _read_entry(
    zf: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    limits: Limits,
    budget: int,
    keep_names: frozenset[str] = frozenset(),
) -> tuple[int, bytes | None]:
    """Decompress ``info`` in bounded chunks; return its size and, for the manifest (and the
    files of ``keep_names``), its data."""
    keep = info.filename == MANIFEST_NAME or info.filename in keep_names
    data = bytearray()
    size = 0
    max_ratio = limits.max_ratio
    with zf.open(info) as member:
        while chunk := member.read(CHUNK):
            if size == 0 and compresses_well(info.filename, chunk[:64]):
                max_ratio = limits.max_ratio_compressible
            size += len(chunk)
            if size > budget:
                raise UnusableInput(
                    f"refused: more than {limits.max_total_size} bytes uncompressed "
                    f"(reached in {info.filename}); possible zip bomb"
                )
            if size > limits.ratio_floor and size > max_ratio * max(info.compress_size, 1):
                raise UnusableInput(
                    f"refused: {info.filename} expands more than {max_ratio:g} times "
                    "its compressed size; possible zip bomb"
                )
            if keep:
                if size > limits.max_manifest_size:
                    raise UnusableInput(
                        f"refused: {info.filename} is larger than {limits.max_manifest_size} bytes"
                    )
                data += chunk
    return size, bytes(data) if keep else None


_END = struct.Struct("<4s4H2LH")  # end of central directory record
_END64 = struct.Struct("<4sQ2H2L4Q")  # zip64 end of central directory record
_LOCATOR64 = struct.Struct("<4sLQL")
_SEARCH = 0xFFFF + _END.size  # the record ends the file, after at most a 64 KiB comment


def _end_records(fp: BinaryIO, file_size: int) -> tuple[int, tuple[int, ...]] | None:
    """Where the end record starts and its fields (zip64 values where it defers to them)."""
    start = max(0, file_size - _SEARCH)
    fp.seek(start)
    tail = fp.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < _END.size:
        return None
    _sig, disk, cd_disk, here, total, size, offset, comment = _END.unpack_from(tail, at)
    end = start + at
    record = end  # where the directory must end: the zip64 record when there is one
    if at >= _LOCATOR64.size and tail[at - _LOCATOR64.size : at - 16] == b"PK\x06\x07":
        _sig, _disk, record64, _disks = _LOCATOR64.unpack_from(tail, at - _LOCATOR64.size)
        fp.seek(record64)
        data = fp.read(_END64.size)
        if len(data) == _END64.size and data[:4] == b"PK\x06\x06":
            fields = _END64.unpack(data)
            disk, cd_disk, here, total, size, offset = fields[3:9]
            record = record64
    return end, (disk, cd_disk, here, total, size, offset, comment, record, file_size)


def _entries(n: int) -> str:
    return f"{n} entr{'y' if n == 1 else 'ies'}"


def structure_problems(fp: BinaryIO, file_size: int, entries: int) -> list[str]:
    """What PHP's ZipArchive, which Moodle uses, refuses in an archive Python reads anyway.

    Python forgives data before the archive whose offsets do not account for it, and an end
    record whose entry count is wrong; ZipArchive (libzip) refuses both, as it does split
    archives and a comment length that runs past the end of the file.
    """
    found = _end_records(fp, file_size)
    if found is None:
        return []
    end, (disk, cd_disk, here, total, size, offset, comment, record, _size) = found
    problems = []
    if disk or cd_disk:
        problems.append("it is one part of a split (multi-disk) archive")
    if here != total or total != entries:
        problems.append(
            f"its end record says {_entries(total)} ({here} on this disk), but its central "
            f"directory holds {entries}"
        )
    if offset + size < record:
        problems.append(
            f"{record - offset - size} bytes of other data come before the archive "
            "(its offsets do not count them)"
        )
    elif offset + size > record:
        problems.append("its end record places the central directory past its own start")
    if end + _END.size + comment > file_size:
        problems.append("its end record's comment length runs past the end of the file")
    return problems


def read_zip(path: Path, limits: Limits, keep: frozenset[str] = frozenset()) -> Contents:
    """Check a zip's entries and integrity without extracting it; the files named in
    ``keep`` are read into ``Contents.kept`` (within the manifest's size limit)."""
    out = Contents("zip")
    try:
        out.archive_size = path.stat().st_size
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise UnusableInput(f"not a zip file: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise UnusableInput(
            f"an entry name marked as UTF-8 is not UTF-8 (byte 0x{exc.object[exc.start]:02x} "
            "of the name); zip the package again with a tool that writes UTF-8 names"
        ) from exc
    except (OSError, ValueError) as exc:
        raise UnusableInput(f"cannot read {path}: {exc}") from exc
    with zf:
        infos = zf.infolist()
        if len(infos) > limits.max_entries:
            raise UnusableInput(
                f"refused: {len(infos)} entries, more than the limit of {limits.max_entries}"
            )
        with path.open("rb") as fp:
            for why in structure_problems(fp, out.archive_size, len(infos)):
                out.problems.append(
                    error(
                        path.name,
                        None,
                        f"Moodle cannot open this zip: {why}",
                        code="zip-structure",
                        hint="Moodle opens packages with PHP's ZipArchive, which refuses it; "
                        "zip the package again with a standard zip tool",
                    )
                )
        declared = sum(i.file_size for i in infos)
        if declared > limits.max_total_size:
            raise UnusableInput(
                f"refused: entries declare {declared} bytes uncompressed, more than the limit "
                f"of {limits.max_total_size}; possible zip bomb"
            )
        total = 0
        for info in _screen(zf, out):
            try:
                size, data = _read_entry(zf, info, limits, limits.max_total_size - total, keep)
            except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
                out.problems.append(
                    error(
                        info.filename,
                        None,
                        f"corrupt entry: {exc}",
                        code="zip-integrity",
                        hint="the zip is damaged: build or download the package again",
                    )
                )
                continue
            total += size
            out.entries[info.filename] = Entry(info.filename, size, info.compress_size)
            if data is not None and info.filename == MANIFEST_NAME:
                out.manifest = data
            elif data is not None:
                out.kept[info.filename] = data
    return out


def read_directory(root: Path, limits: Limits, keep: frozenset[str] = frozenset()) -> Contents:
    """List an unpacked package without following symlinks or reading special files; the
    regular files named in ``keep`` are read into ``Contents.kept``."""
    out = Contents("directory")
    count = 0
    total = 0
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        base = Path(dirpath)
        for name in sorted(dirnames + filenames):
            full = base / name
            rel = full.relative_to(root).as_posix()
            count += 1
            if count > limits.max_entries:
                raise UnusableInput(f"refused: more than {limits.max_entries} entries")
            st = full.lstat()
            if stat.S_ISDIR(st.st_mode):
                continue
            reason = name_problem(rel)
            if reason is None and stat.S_ISLNK(st.st_mode):
                reason = "symbolic link"
            elif reason is None and not stat.S_ISREG(st.st_mode):
                reason = "not a regular file"
            if reason is not None:
                message = f"refused: {reason}"
                out.problems.append(error(rel, None, message, code="unsafe-entry", hint=_REBUILD))
                continue
            total += st.st_size
            out.entries[rel] = Entry(rel, st.st_size)
    if total > limits.max_total_size:
        raise UnusableInput(
            f"refused: {total} bytes, more than the limit of {limits.max_total_size}"
        )
    for name in sorted({MANIFEST_NAME, *keep} & set(out.entries)):
        # Opened without following a link, so that nothing swapped in since the walk is read.
        fd = os.open(root / name, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as fp:
            data = fp.read(limits.max_manifest_size + 1)
        if len(data) > limits.max_manifest_size:
            raise UnusableInput(f"refused: {name} is larger than {limits.max_manifest_size}")
        if name == MANIFEST_NAME:
            out.manifest = data
        else:
            out.kept[name] = data
    return out


def read_package(path: Path, limits: Limits, keep: frozenset[str] = frozenset()) -> Contents:
    """A zip file or a folder; :class:`UnusableInput` when it is neither or unreadable.
    The files named in ``keep`` are read as well (``Contents.kept``)."""
    try:
        if path.is_dir():
            return read_directory(path, limits, keep)
        if not path.exists():
            raise UnusableInput(f"{path}: no such file or folder")
        if not path.is_file():
            raise UnusableInput(f"{path}: not a regular file or a folder")
        return read_zip(path, limits, keep)
    except OSError as exc:
        raise UnusableInput(f"cannot read {exc.filename or path}: {exc.strerror}") from exc
