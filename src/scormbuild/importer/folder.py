"""The course folder written whole or not at all: into a temporary folder beside the
target, checked there, then renamed into place."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from scormbuild.errors import ScormBuildError


def is_empty_dir(path: Path) -> bool:
    """True for an existing folder with nothing in it."""
    return path.is_dir() and not path.is_symlink() and not any(path.iterdir())


def check_target(out_dir: Path, force: bool) -> None:
    """Refuse a non-empty folder unless ``force``; refuse a file always."""
    if out_dir.is_symlink() or (out_dir.exists() and not out_dir.is_dir()):
        raise ScormBuildError(f"{out_dir} exists and is not a folder; nothing was written")
    if out_dir.exists() and not is_empty_dir(out_dir) and not force:
        raise ScormBuildError(
            f"{out_dir} exists and is not empty; nothing was written\n"
            "  hint: choose another folder with -o, or replace it with --force"
        )


def write_files(root: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` (relative POSIX paths of our own making) under ``root``."""
    for rel, data in sorted(files.items()):
        parts = PurePosixPath(rel).parts
        if not parts or rel.startswith("/") or ".." in parts:
            raise ValueError(f"refusing to write {rel!r}")  # a bug, never input
        path = root.joinpath(*parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


@contextmanager
def staging(out_dir: Path) -> Iterator[Path]:
    """A temporary folder beside ``out_dir``; removed unless :func:`publish` moved it."""
    parent = out_dir.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.import-", dir=parent))
    try:
        yield tmp
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def publish(tmp: Path, out_dir: Path) -> None:
    """Move the finished folder into place; an old folder (``--force``) goes only after."""
    old: Path | None = None
    if out_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=tmp.parent))
        os.replace(out_dir, old / "course")
    try:
        os.replace(tmp, out_dir)
    except OSError:
        if old is not None:
            os.replace(old / "course", out_dir)
            old.rmdir()
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
