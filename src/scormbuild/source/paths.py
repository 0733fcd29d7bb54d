"""The course folder as the loader sees it: the one gate for every path the source names.

Modules, the ``modules:`` list, quiz files, images, recordings, captions, transcripts, linked
files, the logo, the assets and the course's templates: every path goes through
:class:`CourseFiles` (the Markdown plugins reach it through their ``env``, see
:mod:`scormbuild.source.markdown.env`). It

- refuses absolute paths, paths that leave the course folder, and symlinks whose target lies
  outside it (or that dangle, or loop);
- refuses a path outside the folder where only that kind of file belongs (``under``: an
  image, a recording or a linked file must be in ``assets/``, the only files packaged);
- reads regular files only, and no more than a limit: a FIFO, a device or a folder named like
  a file gets its own message instead of a hang or a "missing" one.

Paths are course-relative strings with ``/`` (``assets/map.png``), as the package names them:
a symlink inside the course is followed for its content, never for its name.
"""

from __future__ import annotations

import errno
import os
import posixpath
import re
import stat
from pathlib import Path
from typing import Literal, Protocol
from urllib.parse import unquote, urlsplit

from scormbuild.limits import MB

SAFE_NAME_RE = re.compile(r"^[A-Za-z0-9._/-]+$")
REMOTE_RE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
_DRIVE_RE = re.compile(r"^[A-Za-z]:[\\/]")

Kind = Literal["file", "folder", "missing", "dangling", "special", "loop"]


class PathProblem(Exception):
    """A path that cannot be used: the message says why, the hint what to do.

    ``code`` names the kind: ``path`` (absolute, outside, a symlink out, a loop), ``place``
    (outside the folder where it belongs), ``missing``, ``not-a-file``, ``too-large``, ``read``.
    """

    def __init__(self, message: str, *, hint: str | None = None, code: str = "path") -> None:
        super().__init__(message)
        self.message, self.hint, self.code = message, hint, code

    def key(self) -> tuple[str, str | None, str]:
        """The problem as a comparable value."""
        return (self.message, self.hint, self.code)


def is_remote(url: str) -> bool:
    """True for anything with a scheme (http:, data:, mailto:) or a protocol-relative URL.

    Read as a browser reads it: tabs and line breaks anywhere are dropped, control characters
    and spaces around it too, and a backslash counts as a slash (``/\\evil.example``).
    """
    return bool(REMOTE_RE.match(browser_url(url)))


def browser_url(url: str) -> str:
    """``url`` as a browser's URL parser first cleans it up."""
    cleaned = url.translate(_DROPPED).strip("".join(map(chr, range(33))))
    return cleaned.replace("\\", "/")


_DROPPED = {ord("\t"): None, ord("\n"): None, ord("\r"): None}


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _under(path: str, folder: str) -> bool:
    return not folder or path == folder or path.startswith(folder + "/")


# What a path names when it is no regular file, and what to do about it.
FIX = {
    "folder": "name a file, or rename the folder",
    "dangling": "remove the link, or put back the file it points to",
    "special": "remove it: only regular files are read",
    "loop": "remove the link: it points, through others, back at itself",
}
WHAT = {
    "folder": "a folder",
    "dangling": "a symlink to a file that does not exist",
    "special": "not a regular file (a FIFO, a socket or a device)",
    "loop": "a symlink that loops",
}


class Files(Protocol):
    """What a reader may ask about the course's files (:class:`CourseFiles`, or a recording
    of its answers for the preview's memo)."""

    def resolve(self, target: str, folder: str, under: str = "") -> str:
        """The course-relative path of ``target`` written in ``folder``; raises PathProblem."""

    def kind(self, path: str) -> Kind:
        """What the course-relative ``path`` is."""

    def read_bytes(self, path: str, limit: int) -> bytes:
        """What the regular file ``path`` holds, at most ``limit`` bytes; raises PathProblem."""


def require_file(files: Files, target: str, folder: str, under: str = "") -> str:
    """The course-relative path of ``target``, which must be a regular file in ``under``.

    Raises :class:`PathProblem`: ``missing`` when nothing is there, ``not-a-file`` for a
    folder, a FIFO or a device.
    """
    path = files.resolve(target, folder, under)
    kind = files.kind(path)
    if kind == "missing":
        shown = f"'{target}'" if target == path else f"'{target}' ({path})"
        raise PathProblem(
            f"missing file {shown}", hint="check the name, or add the file", code="missing"
        )
    if kind in ("dangling", "loop"):
        raise PathProblem(f"'{target}' is {WHAT[kind]}", hint=FIX[kind], code="path")
    if kind != "file":
        raise PathProblem(
            f"'{target}' is {WHAT[kind]}, not a file", hint=FIX[kind], code="not-a-file"
        )
    return path


class CourseFiles:
    """The files of one course folder, for one load.

    Each folder is resolved once per load: a course names hundreds of files in a handful of
    folders, and ``realpath`` does an ``lstat`` for every component of every path. A new load
    makes a new instance, so it sees renames and new symlinks.
    """

    def __init__(self, root: Path) -> None:
        self.root = os.fspath(root)
        self.root_real = os.path.realpath(self.root)
        self._folders: dict[str, str] = {}

    def resolve(self, target: str, folder: str, under: str = "") -> str:
        """The course-relative path of ``target``, written in the course folder ``folder``.

        ``target`` may carry a query or an anchor. Raises :class:`PathProblem` for an absolute
        path, one that leaves the course folder, a symlink that points out of it, and, with
        ``under``, a path outside that folder of the course.
        """
        path_part = unquote(urlsplit(target).path)
        if not path_part:
            raise PathProblem("empty path", hint="write the path of a file of the course")
        if "\0" in path_part:
            raise PathProblem(f"'{target}' holds a NUL character", hint="remove it")
        if path_part.startswith("/") or _DRIVE_RE.match(path_part):
            hint = "use a path relative to the file that names it"
            raise PathProblem(f"absolute path '{target}'", hint=hint)
        if "\\" in path_part:
            hint = "use '/' between folders"
            raise PathProblem(f"'{target}' has a backslash", hint=hint)
        rel = posixpath.normpath(posixpath.join(folder, path_part))
        if rel == ".." or rel.startswith("../"):
            hint = "keep every file the course uses inside the course folder"
            raise PathProblem(f"'{target}' leaves the course folder", hint=hint)
        if rel == ".":
            return "."
        self.real_inside(rel, target)
        if not _under(rel, under):
            raise PathProblem(
                f"'{target}' is not in {under}/: only files in {under}/ can be used here",
                hint=f"move it into {under}/"
                + (" (only assets/ goes into the package)" if under == "assets" else ""),
                code="place",
            )
        if under and any(part.startswith(".") for part in rel.split("/")):
            raise PathProblem(
                f"'{target}' is hidden (a name that starts with '.'): hidden files are not "
                "packaged",
                hint="rename it without the leading '.'",
                code="place",
            )
        return rel

    def real_inside(self, path: str, target: str | None = None) -> str:
        """The real path of the course-relative ``path``; raises :class:`PathProblem` when a
        symlink takes it out of the course folder (``target``: the path as written)."""
        try:
            real = self.real_path(os.path.join(self.root, path))
        except (OSError, RuntimeError, ValueError) as exc:
            message = f"cannot resolve '{target or path}': {exc}"
            raise PathProblem(message, hint="check the path and its symlinks") from None
        if not _inside(real, self.root_real):
            raise PathProblem(
                f"'{target or path}' is a symlink that points outside the course folder",
                hint="copy the file into the course instead of linking to it",
            )
        return real

    def kind(self, path: str) -> Kind:
        """What the course-relative ``path`` is, symlinks inside the course followed.

        Raises :class:`PathProblem` when a symlink takes it out of the course folder.
        """
        try:
            mode = os.stat(self.real_inside(path)).st_mode
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return "loop"
            return "dangling" if os.path.lexists(os.path.join(self.root, path)) else "missing"
        if stat.S_ISREG(mode):
            return "file"
        return "folder" if stat.S_ISDIR(mode) else "special"

    def read_bytes(self, path: str, limit: int) -> bytes:
        """The bytes of the regular file ``path``; raises :class:`PathProblem`.

        Opened without blocking, so that a FIFO put where a file belongs cannot hang the
        load, and read no further than ``limit``.
        """
        try:
            fd = os.open(self.real_inside(path), os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError as exc:
            message = f"cannot read '{path}': {exc.strerror}"
            hint = "check that the file can be read (its permissions)"
            raise PathProblem(message, hint=hint, code="read") from None
        try:
            mode = os.fstat(fd).st_mode
            if not stat.S_ISREG(mode):
                kind = "folder" if stat.S_ISDIR(mode) else "special"
                raise PathProblem(
                    f"'{path}' is {WHAT[kind]}, not a file", hint=FIX[kind], code="not-a-file"
                )
            with os.fdopen(os.dup(fd), "rb") as fp:
                data = fp.read(limit + 1)
        finally:
            os.close(fd)
        if len(data) > limit:
            raise PathProblem(
                f"'{path}' is larger than {limit // MB or 1} MB, the limit for it",
                hint="split it into smaller files (the limits are in docs/format.md)",
                code="too-large",
            )
        return data

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


__all__ = [
    "FIX",
    "SAFE_NAME_RE",
    "WHAT",
    "CourseFiles",
    "Files",
    "Kind",
    "PathProblem",
    "is_remote",
    "require_file",
]
