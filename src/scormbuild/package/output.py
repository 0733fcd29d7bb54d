"""The output folder, written as one set: every file of a build, or none of them.

Each file (packages, Moodle sheets, accessibility statements) is written and synced under a
temporary name beside its target (``.<name>.<random>.tmp``); only when all of them are complete
are they renamed into place, and a failure while renaming puts back what was replaced. So a
full disk, a read-only folder, an interrupt or a bug leaves the previous output as it was.

The folder is locked while a build writes to it (``flock`` on the folder itself, so no lock
file is left behind): a second build into the same folder fails at once instead of mixing its
files with the first one's. Temporary files left by a build that was killed (SIGKILL, power
loss) are removed by the next build, once it holds the lock. SIGTERM cleans up like Ctrl+C.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any, BinaryIO

from scormbuild.errors import OutputError, error

try:
    import fcntl
except ImportError:  # Windows: no flock; builds into one folder are not guarded there
    fcntl = None  # type: ignore[assignment]

NAME_MAX = 255  # bytes in one file name on the file systems builds write to
# The temporary names this module makes: ".<name>.<8 random characters>.tmp".
_TEMP = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_HINT_SPACE = (
    "free some space (until it renames them into place, a build needs room for its new files "
    "beside the old ones), or build into a folder on another disk with -o"
)
# What an operating-system error means for the person building, and what to do about it.
_WRITE_ERRORS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("disk full", _HINT_SPACE),
    errno.EDQUOT: ("disk quota exceeded", _HINT_SPACE),
    errno.EROFS: ("read-only file system", "build into a writable folder with -o"),
    errno.EACCES: ("permission denied", "build into a folder you can write to with -o"),
    errno.EPERM: ("permission denied", "build into a folder you can write to with -o"),
    errno.EFBIG: ("file too large for this file system", "build into another folder with -o"),
    errno.EISDIR: ("a folder has the name of an output file", "remove or rename that folder"),
    errno.EIO: ("input/output error", "the disk may be failing; build into another folder"),
    errno.ENOTDIR: ("a folder on the way is a file", "give a path whose parents are all folders"),
}


class Terminated(BaseException):
    """SIGTERM arrived while files were being written; raised so that they are cleaned up."""


@contextmanager
def _sigterm_held() -> Iterator[None]:
    """SIGTERM waits until the block is done (where the platform can hold signals)."""
    hold = getattr(signal, "pthread_sigmask", None)
    if hold is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    hold(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        yield
    finally:
        hold(signal.SIG_UNBLOCK, {signal.SIGTERM})


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot be an output file name in the output folder, or None."""
    if name in ("", ".", ".."):
        return "is not a file name"
    if "/" in name or "\\" in name:
        return "contains a path separator, so it would be written outside the output folder"
    if _CONTROL.search(name):
        return "contains a control character"
    if name.startswith("."):
        return "starts with a dot (hidden, and reserved for temporary files)"
    if len(name.encode("utf-8", "surrogatepass")) > NAME_MAX:
        return f"is longer than {NAME_MAX} bytes, more than file systems allow"
    return None


def known_os_error(exc: OSError) -> bool:
    """True for the errors of the file system that :func:`describe_os_error` explains."""
    return (exc.errno or 0) in _WRITE_ERRORS


def describe_os_error(exc: OSError) -> tuple[str, str | None]:
    """A short message and a hint for an error the operating system gave while writing."""
    known = _WRITE_ERRORS.get(exc.errno or 0)
    if known is not None:
        return known
    return (exc.strerror or str(exc), None)


def _fail(path: Path | str, message: str, hint: str | None = None) -> OutputError:
    return OutputError([error(str(path), None, message, hint=hint)])


def _first_file_among_parents(path: Path) -> Path | None:
    for parent in (path, *path.parents):
        if parent.exists() or parent.is_symlink():
            return None if parent.is_dir() else parent
    return None


class OutputFolder:
    """The output folder of one build: use as a context manager, add files, then commit.

    >>> with OutputFolder(Path("dist")) as out:  # doctest: +SKIP
    ...     out.add("course.zip", functools.partial(write_package, files))
    ...     out.add_text("course-moodle.md", sheet)
    ...     out.commit()
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._fd: int | None = None
        self._pending: list[tuple[Path, Path]] = []  # (temporary file, target)
        self._previous_handler: Callable[[int, FrameType | None], Any] | int | None = None
        self.removed: list[str] = []  # stale temporary files cleaned up on entry
        self._created: list[Path] = []  # folders made for -o, removed again if nothing lands
        self._committed = False

    def __enter__(self) -> OutputFolder:
        self._create()
        self._lock()
        try:
            self._clean_stale()
            self._catch_sigterm()
        except BaseException:
            self._unlock()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            for temp, _target in self._pending:
                with suppress(OSError):
                    temp.unlink()
            self._pending.clear()
        finally:
            self._restore_sigterm()
            self._unlock()
            if not self._committed:
                for folder in reversed(self._created):  # still empty: nothing was written
                    with suppress(OSError):
                        folder.rmdir()

    # --- entering ---------------------------------------------------------------------------

    def _create(self) -> None:
        folder = self.folder
        if folder.exists() and not folder.is_dir():
            raise _fail(
                folder,
                "the output folder is a file",
                "pass a folder to -o (it is created if missing), or move the file away",
            )
        missing = [p for p in (folder, *folder.parents) if not p.exists() and not p.is_symlink()]
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._created = [p for p in reversed(missing) if p.is_dir()]
        except (FileExistsError, NotADirectoryError):
            blocker = _first_file_among_parents(folder) or folder.parent
            what = "a link to nothing" if blocker.is_symlink() else "a file"
            raise _fail(
                folder,
                f"cannot create the output folder: {blocker} is {what}",
                "pass -o a folder whose parents are folders",
            ) from None
        except OSError as exc:
            message, hint = describe_os_error(exc)
            raise _fail(folder, f"cannot create the output folder: {message}", hint) from None

    def _lock(self) -> None:
        if fcntl is None:
            return
        try:
            fd = os.open(self.folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError as exc:
            message, hint = describe_os_error(exc)
            raise _fail(self.folder, f"cannot open the output folder: {message}", hint) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise _fail(
                self.folder,
                "another scormbuild build is writing to this output folder",
                "wait until it finishes, or build into another folder with -o",
            ) from None
        except OSError:
            # A file system without locks (some network ones): build unguarded rather than not.
            os.close(fd)
            return
        self._fd = fd

    def _unlock(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the last descriptor releases the flock
            self._fd = None

    def _clean_stale(self) -> None:
        """Remove the temporary files of earlier builds that were killed before cleaning up."""
        with os.scandir(self.folder) as entries:
            stale = [e for e in entries if _TEMP.match(e.name) and e.is_file(follow_symlinks=False)]
        for entry in sorted(stale, key=lambda e: e.name):
            with suppress(FileNotFoundError):
                os.unlink(entry.path)
            self.removed.append(entry.name)

    def _catch_sigterm(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return

        owner = os.getpid()

        def terminated(signum: int, frame: FrameType | None) -> None:
            if os.getpid() != owner:  # a forked worker: end quietly, as SIGTERM would
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                os.kill(os.getpid(), signal.SIGTERM)
            raise Terminated()

        self._previous_handler = signal.signal(signal.SIGTERM, terminated)

    def _restore_sigterm(self) -> None:
        if self._previous_handler is not None:
            signal.signal(signal.SIGTERM, self._previous_handler)
            self._previous_handler = None

    # --- writing ----------------------------------------------------------------------------

    def target(self, name: str) -> Path:
        """``name`` in the output folder; :class:`OutputError` unless it is a plain file name."""
        problem = name_problem(name)
        target = self.folder / name
        if problem is None and target.parent != self.folder:
            problem = "would be written outside the output folder"
        if problem is not None:
            raise _fail(self.folder, f"output file name {name!r} {problem}")
        return target

    def add(self, name: str, fill: Callable[[BinaryIO], None]) -> Path:
        """Write ``name`` under a temporary name with ``fill``; it replaces ``name`` on commit."""
        target = self.target(name)
        if any(t == target for _temp, t in self._pending):
            raise _fail(target, "written twice in one build")
        try:
            fd, temp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=self.folder)
        except OSError as exc:
            message, hint = describe_os_error(exc)
            raise _fail(
                self.folder, f"cannot write in the output folder: {message}", hint
            ) from None
        temp = Path(temp_name)
        self._pending.append((temp, target))
        try:
            with os.fdopen(fd, "wb") as fp:
                fill(fp)
                fp.flush()
                os.fsync(fp.fileno())
            os.chmod(temp, 0o644)  # mkstemp creates 0600; the output is meant to be shared
        except OSError as exc:
            raise self._write_error(target, exc) from None
        return target

    def add_text(self, name: str, text: str) -> Path:
        """A document beside the packages: UTF-8, as given."""

        def fill(fp: BinaryIO) -> None:
            fp.write(text.encode("utf-8"))

        return self.add(name, fill)

    def _write_error(self, target: Path, exc: OSError) -> OutputError:
        message, hint = describe_os_error(exc)
        return _fail(target, f"cannot write: {message}", hint)

    def commit(self) -> list[Path]:
        """Rename every file into place; if one rename fails, put back what was replaced."""
        done: list[tuple[Path, Path | None]] = []  # (target, the hard link keeping the old file)
        with _sigterm_held():  # a SIGTERM now is acted on once the set is whole
            try:
                for temp, target in self._pending:
                    backup = self._keep_old(target)
                    try:
                        os.replace(temp, target)
                    except BaseException:
                        if backup is not None:
                            backup.unlink()
                        raise
                    done.append((target, backup))
            except OSError as exc:
                self._roll_back(done)
                raise self._write_error(self._pending[len(done)][1], exc) from None
            except BaseException:
                self._roll_back(done)
                raise
            for _target, backup in done:
                if backup is not None:
                    with suppress(OSError):
                        backup.unlink()
            targets = [target for _temp, target in self._pending]
            self._pending.clear()
            self._committed = True
            self._sync_folder()
        return targets

    def _keep_old(self, target: Path) -> Path | None:
        """A hard link to the file ``target`` replaces, for a roll-back; None when none."""
        if not target.is_file() or target.is_symlink():
            return None
        for _attempt in range(8):
            backup = self.folder / f".{target.name}.{secrets.token_hex(4)}.tmp"
            try:
                os.link(target, backup)
            except FileExistsError:
                continue
            except OSError:
                break  # no hard links here: that file cannot be put back
            return backup
        return None

    def _roll_back(self, done: list[tuple[Path, Path | None]]) -> None:
        for target, backup in reversed(done):
            with suppress(OSError):
                if backup is not None:
                    os.replace(backup, target)
                else:
                    target.unlink()

    def _sync_folder(self) -> None:
        if self._fd is not None:
            with suppress(OSError):
                os.fsync(self._fd)  # the renames themselves reach the disk
