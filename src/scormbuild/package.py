"""A deterministic zip writer: the same files always give byte-identical packages.

Entries are sorted by path, carry one fixed timestamp (``SOURCE_DATE_EPOCH`` when set) and
fixed permissions; already-compressed media are stored, everything else deflated. Files on
disk are streamed in chunks, never read whole.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
import time
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from scormbuild.errors import PackageError
from scormbuild.model import OutputFile

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
CHUNK = 1 << 20
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
    """``ZIP_STORED`` for already-compressed media, else ``ZIP_DEFLATED``."""
    ext = path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""
    return zipfile.ZIP_STORED if ext in STORED_EXTENSIONS else zipfile.ZIP_DEFLATED


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
    """Write ``files`` as a zip to ``fp``.

    Raises :class:`PackageError` on an invalid or duplicate path or an unreadable source.
    """
    stamp = tuple(date_time) if date_time is not None else date_time_from_env()
    entries = _sorted_checked(files)
    with zipfile.ZipFile(fp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for f in entries:
            info = zipfile.ZipInfo(f.path, date_time=stamp)  # type: ignore[arg-type]
            info.create_system = 3  # Unix, so external_attr holds the mode bits below
            info.external_attr = (stat.S_IFREG | FILE_MODE) << 16
            info.compress_type = compression_for(f.path)
            if f.data is not None:
                zf.writestr(info, f.data)
                continue
            assert f.source is not None
            try:
                with f.source.open("rb") as src:
                    info.file_size = os.fstat(src.fileno()).st_size  # lets zipfile pick zip64
                    with zf.open(info, "w") as dst:
                        shutil.copyfileobj(src, dst, CHUNK)
            except OSError as exc:
                raise PackageError(f"{f.path}: cannot read {f.source}: {exc.strerror}") from exc


@contextmanager
def _atomic(path: Path) -> Iterator[BinaryIO]:
    """A file that replaces ``path`` only when the block succeeds; removed otherwise."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fp:
            yield fp
            fp.flush()
            os.fsync(fp.fileno())
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; the output is meant to be shared
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def save_package(files: Sequence[OutputFile], path: Path) -> Path:
    """Write the package to ``path`` atomically: a temporary file beside it, then a rename.

    On any failure the temporary file is removed and an earlier package at ``path`` stays.
    """
    with _atomic(path) as fp:
        write_package(files, fp)
    return path


def save_text(text: str, path: Path) -> Path:
    """Write a document beside a package (UTF-8, LF line ends) atomically, like a package."""
    with _atomic(path) as fp:
        fp.write(text.encode("utf-8"))
    return path
