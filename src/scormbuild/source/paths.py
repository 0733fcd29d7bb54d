"""Resolving author-written paths safely inside the course folder."""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

SAFE_NAME_RE = re.compile(r"^[A-Za-z0-9._/-]+$")
REMOTE_RE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")


class PathProblem(Exception):
    """A path that cannot be used; the message says why and what to do."""


def is_remote(url: str) -> bool:
    """True for anything with a scheme (http:, data:, mailto:) or a protocol-relative URL."""
    return bool(REMOTE_RE.match(url.strip()))


def resolve_inside(root: Path, base_dir: Path, target: str) -> tuple[str, str]:
    """Resolve ``target`` (relative to ``base_dir``): its real path and its course-relative path.

    Refuses absolute paths, paths that leave the course folder, and symlinks pointing out.
    Plain strings: the preview asks again for every link on every rebuild.
    """
    # String paths, not pathlib: this runs for every link and image of every module.
    path_part = unquote(urlsplit(target).path)
    if not path_part:
        raise PathProblem("empty path")
    if path_part.startswith("/") or _DRIVE_RE.match(path_part):
        raise PathProblem(f"absolute path '{target}': use a path relative to this file")
    candidate = os.path.join(base_dir, path_part)
    root_real = _realpath(os.fspath(root))
    try:
        real = real_path(candidate)
    except (OSError, RuntimeError) as exc:
        raise PathProblem(f"cannot resolve '{target}': {exc}") from None
    if not _inside(real, root_real):
        lexical = os.path.normpath(os.path.join(root_real, os.path.relpath(candidate, root)))
        if _inside(lexical, root_real):
            raise PathProblem(f"'{target}' is a symlink that points outside the course folder")
        raise PathProblem(f"'{target}' leaves the course folder")
    rel = real[len(root_real) + 1 :].replace(os.sep, "/") if real != root_real else "."
    return real, rel


_DRIVE_RE = re.compile(r"^[A-Za-z]:[\\/]")


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def real_path(path: str) -> str:
    """``os.path.realpath(path)``, with the folder part looked up once per load.

    A course links hundreds of files in a handful of folders; resolving every folder again
    (one ``lstat`` per path component) was most of the cost of a link.
    """
    head, tail = os.path.split(path)
    if tail in ("", ".", "..") or not head:
        return os.path.realpath(path)
    joined = os.path.join(_realpath(head), tail)
    return os.path.realpath(joined) if os.path.islink(joined) else joined


@lru_cache(maxsize=256)
def _realpath(path: str) -> str:
    return os.path.realpath(path)


def forget_folders() -> None:
    """Resolve folders afresh: a load must see renames and new symlinks since the last one."""
    _realpath.cache_clear()
