"""Crafting packages for validator tests: good ones, broken ones and hostile ones."""

from __future__ import annotations

import io
import stat
import struct
import warnings
import wave
import zipfile
from collections.abc import Iterable
from pathlib import Path

from scormbuild.model import Course
from scormbuild.package.manifest import manifest_bytes
from tests.factories import course_files, make_course

Member = tuple[str | zipfile.ZipInfo, bytes]


def good_manifest(course: Course | None = None, files: Iterable[str] | None = None) -> bytes:
    course = course or make_course(mastery_score=80)
    return manifest_bytes(course, list(files) if files is not None else course_files(course))


def good_members(course: Course | None = None) -> list[Member]:
    """The members of a valid single-SCO package: manifest plus every listed file."""
    course = course or make_course(mastery_score=80)
    files = course_files(course)
    return [("imsmanifest.xml", good_manifest(course, files))] + [
        (p, f"<!-- {p} -->".encode()) for p in files
    ]


def zip_bytes(members: Iterable[Member], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are one of the crafted cases
        with zipfile.ZipFile(buf, "w", compression=compression) as zf:
            for name, data in members:
                zf.writestr(name, data)
    return buf.getvalue()


def write_zip(path: Path, members: Iterable[Member], **kw: int) -> Path:
    path.write_bytes(zip_bytes(members, **kw))
    return path


def symlink(name: str, target: str) -> Member:
    """A Unix symlink entry: the mode in external_attr, the target as data."""
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info, target.encode()


def zeros(name: str, size: int) -> Member:
    """A member that deflates about a thousand times: a zip bomb by ratio."""
    return name, b"\x00" * size


def replace_manifest(
    members: list[Member], old: bytes, new: bytes, count: int = -1
) -> list[Member]:
    """The members with a text replacement made in the manifest (the replacement must hit)."""
    out: list[Member] = []
    for name, data in members:
        if name == "imsmanifest.xml":
            assert old in data, old
            data = data.replace(old, new, count)
        out.append((name, data))
    return out


def without(members: list[Member], *names: str) -> list[Member]:
    return [(n, d) for n, d in members if n not in names]


def wrong_prefix(members: list[Member]) -> list[Member]:
    """The manifest with adlcp bound to the prefix ``adl:`` (schema-valid; Moodle misses it)."""
    members = replace_manifest(members, b"xmlns:adlcp=", b"xmlns:adl=")
    return replace_manifest(members, b"adlcp:", b"adl:")


def in_subfolder(members: list[Member], folder: str = "course") -> list[Member]:
    return [(f"{folder}/{n}", d) for n, d in members if isinstance(n, str)]


def _patch(data: bytes, name: str, local: int, central: int, value: bytes) -> bytes:
    """Overwrite a field of ``name``'s local header and central directory record."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    buf = bytearray(data)
    buf[info.header_offset + local : info.header_offset + local + len(value)] = value
    at = 0
    while True:  # find this entry's central directory record
        at = data.index(b"PK\x01\x02", at)
        n = int.from_bytes(data[at + 28 : at + 30], "little")
        if data[at + 46 : at + 46 + n] == name.encode():
            break
        at += 4
    buf[at + central : at + central + len(value)] = value
    return bytes(buf)


def lie_about_size(data: bytes, name: str, size: int) -> bytes:
    """Make the headers of ``name`` declare ``size`` uncompressed bytes."""
    return _patch(data, name, 22, 24, size.to_bytes(4, "little"))


def mark_encrypted(data: bytes, name: str) -> bytes:
    """Set the "encrypted" flag of ``name`` (zipfile clears it when writing)."""
    return _patch(data, name, 6, 8, (0x1).to_bytes(2, "little"))


# --- archives that Python reads but PHP's ZipArchive (Moodle's reader) may not ---------------

END = struct.Struct("<4s4H2LH")  # the end of central directory record
END_FIELDS = ("disk", "cd_disk", "here", "total", "size", "offset", "comment")


def end_record(data: bytes) -> dict[str, int]:
    """The fields of ``data``'s end of central directory record."""
    at = data.rindex(b"PK\x05\x06")
    return dict(zip(END_FIELDS, END.unpack_from(data, at)[1:], strict=True))


def with_end_record(data: bytes, **fields: int) -> bytes:
    """``data`` with fields of its end record changed (e.g. ``total=3``)."""
    at = data.rindex(b"PK\x05\x06")
    values = end_record(data) | fields
    return data[:at] + END.pack(b"PK\x05\x06", *values.values()) + data[at + END.size :]


def with_leading_data(data: bytes, junk: bytes, *, offsets_count_it: bool = False) -> bytes:
    """``junk`` before the archive; with ``offsets_count_it`` every offset is moved to match
    (as self-extracting archives do), otherwise the offsets still count from the junk's end."""
    if not offsets_count_it:
        return junk + data
    buf = bytearray(junk + data)
    fields = end_record(data)
    at = len(junk) + fields["offset"]
    for _ in range(fields["total"]):  # each central directory record's local header offset
        assert buf[at : at + 4] == b"PK\x01\x02"
        (offset,) = struct.unpack_from("<L", buf, at + 42)
        struct.pack_into("<L", buf, at + 42, offset + len(junk))
        n, m, k = struct.unpack_from("<3H", buf, at + 28)
        at += 46 + n + m + k
    end = len(junk) + data.rindex(b"PK\x05\x06")
    struct.pack_into("<L", buf, end + 16, fields["offset"] + len(junk))
    return bytes(buf)


def silent_wav(seconds: float, rate: int = 44_100) -> bytes:
    """A mono 16-bit WAV of silence: about 88 KB a second, and it deflates about 1000 times."""
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"\x00\x00" * int(rate * seconds))
    return buf.getvalue()
