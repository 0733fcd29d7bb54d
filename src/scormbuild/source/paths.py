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
from collections.abc import Sequence
from itertools import islice
from pathlib import Path
from typing import Literal, Protocol
from urllib.parse import unquote, urlsplit

from scormbuild.limits import LISTED, MB
from scormbuild.options import closest

SAFE_NAME_RE = re.compile(r"^[A-Za-z0-9._/-]+$")
REMOTE_RE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
_DRIVE_RE = re.compile(r"^[A-Za-z]:[\\/]")
# Files of assets/ that are pages: made inert and shown in the theme, not downloaded.
HTML_EXT = frozenset({".html", ".htm"})

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
    cleaned = url.translate(_DROPPED).strip(_CONTROLS_AND_SPACE)
    return cleaned.replace("\\", "/")


_DROPPED = {ord("\t"): None, ord("\n"): None, ord("\r"): None}
_CONTROLS_AND_SPACE = "".join(map(chr, range(33)))


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def in_folder(path: str, folder: str) -> bool:
    """Whether the course-relative ``path`` is ``folder`` or inside it (any path for "")."""
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

    def names(self, folder: str) -> tuple[str, ...]:
        """The names in the course-relative ``folder`` (none when it is no folder)."""


def relative_to(folder: str) -> str:
    """Which base a path written in ``folder`` is relative to, in words."""
    return f"relative to {folder}/" if folder else "relative to the course folder"


def require_file(files: Files, target: str, folder: str, under: str = "") -> str:
    """The course-relative path of ``target``, which must be a regular file in ``under``.

    Raises :class:`PathProblem`: ``missing`` when nothing is there (with the closest file
    that is, as the author would write it), ``not-a-file`` for a folder, a FIFO or a device.
    """
    path = files.resolve(target, folder, under)
    kind = files.kind(path)
    if kind == "missing":
        base = relative_to(folder)
        shown = f"'{target}' ({base})" if target == path else f"'{target}' ({path}, {base})"
        near = closest_file(files, path, under)
        hint = (
            f"did you mean '{posixpath.relpath(near, folder or '.')}'?"
            if near
            else "check the name, or add the file"
        )
        raise PathProblem(f"missing file {shown}", hint=hint, code="missing")
    if kind in ("dangling", "loop"):
        raise PathProblem(f"'{target}' is {WHAT[kind]}", hint=FIX[kind], code="path")
    if kind != "file":
        raise PathProblem(
            f"'{target}' is {WHAT[kind]}, not a file", hint=FIX[kind], code="not-a-file"
        )
    return path


def closest_file(files: Files, path: str, under: str = "") -> str | None:
    """The file in ``under`` whose path is closest to the course-relative ``path`` (``path``
    itself when it is one).

    Each missing name along the path is replaced by the closest name in its folder, so a
    typo in a folder's name is found as well as one in the file's.
    """
    found: list[str] = []
    for name in path.split("/"):
        names = files.names("/".join(found))
        if name not in names:
            near = _closest_name(name, names)
            if near is None:
                return None
            name = near
        found.append(name)
    near_path = "/".join(found)
    if not in_folder(near_path, under):
        return None
    try:
        return near_path if files.kind(near_path) == "file" else None
    except PathProblem:
        return None


def _closest_name(name: str, names: Sequence[str]) -> str | None:
    """The name in ``names`` closest to ``name``, judged by the stems: a shared extension
    ('.png') would make any two short names look alike."""
    stem, ext = posixpath.splitext(name)
    stems: dict[str, list[str]] = {}
    for other in names:
        stems.setdefault(posixpath.splitext(other)[0], []).append(other)
    near = closest(stem, stems)
    if not near:
        return None
    same = [other for other in stems[near[0]] if posixpath.splitext(other)[1] == ext]
    return (same or stems[near[0]])[0]


_CHUNK = 64 * 1024  # what a read past a file's first size asks for at a time


def _read_up_to(fd: int, most: int, size: int) -> bytes:
    """At most ``most`` bytes of the open file ``fd``, to its end; ``size`` is what it held.

    Read with ``os.read`` in buffers of the file's size: a buffered file object asked for
    ``most`` bytes allocates that much for each file (megabytes), and costs more calls."""
    parts = [os.read(fd, min(most, size + 1))]
    got = len(parts[0])
    while parts[-1] and got < most:  # to the end, however the file changed since its size
        parts.append(os.read(fd, min(most - got, _CHUNK)))
        got += len(parts[-1])
    return b"".join(parts)


class CourseFiles:
    """The files of one course folder, for one load.

    Each folder is resolved once per load: a course names hundreds of files in a handful of
    folders, and ``realpath`` does an ``lstat`` for every component of every path. Each path
    found inside is remembered too (a file is resolved, asked for and read: three checks); a
    file is opened without following a symlink at its real path, so one made there since it was
    checked cannot lead a read out. A new load makes a new instance, so it sees renames and new
    symlinks.
    """

    def __init__(self, root: Path) -> None:
        self.root = os.fspath(root)
        self.root_real = os.path.realpath(self.root)
        self._folders: dict[str, str] = {}
        self._inside: dict[str, str] = {}  # course-relative path -> its real path, inside
        self._resolved: dict[tuple[str, str, str], str] = {}  # resolve's answers, not refusals

    def resolve(self, target: str, folder: str, under: str = "") -> str:
        """The course-relative path of ``target``, written in the course folder ``folder``.

        ``target`` may carry a query or an anchor. Raises :class:`PathProblem` for an absolute
        path, one that leaves the course folder, a symlink that points out of it, and, with
        ``under``, a path outside that folder of the course.
        """
        # A page names the same image or quiz file from many places: the answer, once found,
        # holds for the load (real_inside remembers the paths it checked, too).
        known = self._resolved.get((target, folder, under))
        if known is not None:
            return known
        rel = self._resolve(target, folder, under)
        self._resolved[target, folder, under] = rel
        return rel

    def _resolve(self, target: str, folder: str, under: str) -> str:
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
            message = f"'{target}' leaves the course folder ({relative_to(folder)})"
            raise PathProblem(message, hint=hint)
        if rel == ".":
            return "."
        self.real_inside(rel, target)
        if not in_folder(rel, under):
            # The file it meant: a typo in a folder's name, or the same name in ``under``.
            near = None
            if self.kind(rel) == "missing":
                near = closest_file(self, rel, under)
            near = near or closest_file(self, f"{under}/{posixpath.basename(rel)}", under)
            hint = f"move it into {under}/" + (
                " (only assets/ goes into the package)" if under == "assets" else ""
            )
            raise PathProblem(
                f"'{target}' is not in {under}/ (it is {rel}, {relative_to(folder)}): "
                f"only files in {under}/ can be used here",
                hint=f"did you mean '{posixpath.relpath(near, folder or '.')}'?" if near else hint,
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
        known = self._inside.get(path)
        if known is not None:
            return known
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
        self._inside[path] = real
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
            flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOFOLLOW
            fd = os.open(self.real_inside(path), flags)
        except OSError as exc:
            message = f"cannot read '{path}': {exc.strerror}"
            hint = "check that the file can be read (its permissions)"
            raise PathProblem(message, hint=hint, code="read") from None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                kind = "folder" if stat.S_ISDIR(info.st_mode) else "special"
                raise PathProblem(
                    f"'{path}' is {WHAT[kind]}, not a file", hint=FIX[kind], code="not-a-file"
                )
            data = _read_up_to(fd, limit + 1, info.st_size)
        finally:
            os.close(fd)
        if len(data) > limit:
            raise PathProblem(
                f"'{path}' is larger than {limit // MB or 1} MB, the limit for it",
                hint="split it into smaller files (the limits are in docs/format.md)",
                code="too-large",
            )
        return data

    def names(self, folder: str) -> tuple[str, ...]:
        """The names in the course-relative ``folder``, hidden ones left out (at most
        :data:`~scormbuild.limits.LISTED` of them); none when it is no folder."""
        try:
            with os.scandir(self.real_inside(folder or ".")) as entries:
                listed = islice((e.name for e in entries if not e.name.startswith(".")), LISTED)
                return tuple(sorted(listed))
        except (OSError, PathProblem):
            return ()

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
