"""The course folder as the loader sees it: every path an author writes is resolved here.

:class:`CourseFiles` is the one gate between author-written paths and the file system: it
refuses absolute paths, paths that leave the course folder and symlinks that point out, and
answers whether a file exists and what it holds. The Markdown plugins reach it through their
``env`` (:mod:`scormbuild.source.markdown.env`), the asset scan and the loader directly.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

SAFE_NAME_RE = re.compile(r"^[A-Za-z0-9._/-]+$")
REMOTE_RE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
_DRIVE_RE = re.compile(r"^[A-Za-z]:[\\/]")


class PathProblem(Exception):
    """A path that cannot be used; the message says why and what to do."""


def is_remote(url: str) -> bool:
    """True for anything with a scheme (http:, data:, mailto:) or a protocol-relative URL."""
    return bool(REMOTE_RE.match(url.strip()))


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


class CourseFiles:
    """The files of one course folder, for one load.

    Paths are course-relative strings with ``/`` (``assets/map.png``). Each folder is
    resolved once per load: a course links hundreds of files in a handful of folders, and
    ``realpath`` does an ``lstat`` for every component of every path. A new load makes a new
    instance, so it sees renames and new symlinks.
    """

    def __init__(self, root: Path) -> None:
        self.root = os.fspath(root)
        self.root_real = os.path.realpath(self.root)
        self._folders: dict[str, str] = {}

    def resolve(self, target: str, folder: str) -> str:
        """The course-relative path of ``target``, written in the course folder ``folder``.

        Raises :class:`PathProblem` for an absolute path, one that leaves the course folder
        or a symlink that points out of it. ``target`` may carry a query or an anchor.
        """
        path_part = unquote(urlsplit(target).path)
        if not path_part:
            raise PathProblem("empty path")
        if path_part.startswith("/") or _DRIVE_RE.match(path_part):
            raise PathProblem(f"absolute path '{target}': use a path relative to this file")
        candidate = os.path.join(self.root, folder, path_part)
        try:
            real = self.real_path(candidate)
        except (OSError, RuntimeError) as exc:
            raise PathProblem(f"cannot resolve '{target}': {exc}") from None
        if not _inside(real, self.root_real):
            lexical = os.path.normpath(
                os.path.join(self.root_real, os.path.relpath(candidate, self.root))
            )
            if _inside(lexical, self.root_real):
                raise PathProblem(f"'{target}' is a symlink that points outside the course folder")
            raise PathProblem(f"'{target}' leaves the course folder")
        if real == self.root_real:
            return "."
        return real[len(self.root_real) + 1 :].replace(os.sep, "/")

    def is_file(self, path: str) -> bool:
        """Whether the course-relative ``path`` is a file."""
        return os.path.isfile(self.real(path))

    def read_bytes(self, path: str) -> bytes:
        """The bytes of the course-relative ``path``; raises :class:`OSError`."""
        with open(self.real(path), "rb") as fp:
            return fp.read()

    def real(self, path: str) -> str:
        """The path on disk of the course-relative ``path`` (the course folder resolved)."""
        return os.path.join(self.root_real, path)

    def real_path(self, path: str) -> str:
        """``os.path.realpath(path)`` for a path on disk, each folder resolved once."""
        head, tail = os.path.split(path)
        if tail in ("", ".", "..") or not head:
            return os.path.realpath(path)
        folder = self._folders.get(head)
        if folder is None:
            folder = self._folders[head] = os.path.realpath(head)
        joined = os.path.join(folder, tail)
        return os.path.realpath(joined) if os.path.islink(joined) else joined
