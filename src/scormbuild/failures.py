"""What the command line prints for a failure no command turned into a message.

Expected failures are :class:`~scormbuild.errors.ScormBuildError` and print their problems.
Everything else ends here: an interrupt, a full disk or a lack of memory gets its own message;
any other exception is a bug, printed as one line that says so and how to report it, with
exit status 70 (``EX_SOFTWARE``). ``SCORMBUILD_TRACEBACK=1`` prints the traceback as well.
"""

from __future__ import annotations

import errno
import os
import sys
import traceback
from typing import IO, Any

import click

from scormbuild import __version__
from scormbuild.errors import Failure, error
from scormbuild.package.output import Terminated, describe_os_error, known_os_error

EXIT_BUG = 70  # EX_SOFTWARE in sysexits.h
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
EXIT_TERMINATED = 143  # 128 + SIGTERM
TRACEBACK_VARIABLE = "SCORMBUILD_TRACEBACK"


class Interrupted(click.ClickException):
    """Ctrl+C: files being written were cleaned up."""

    exit_code = EXIT_INTERRUPTED
    what = "interrupted"

    def __init__(self) -> None:
        super().__init__(f"scormbuild: {self.what}; nothing half-written was left behind")

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(self.message, file=file or sys.stderr)


class TerminatedByStop(Interrupted):
    """SIGTERM: files being written were cleaned up."""

    exit_code = EXIT_TERMINATED
    what = "terminated"


class Bug(click.ClickException):
    """An exception no code expected: a bug in scormbuild."""

    exit_code = EXIT_BUG

    def __init__(self, exc: BaseException) -> None:
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        name = type(exc).__name__
        what = f"{name}: {text}" if text else name
        super().__init__(
            f"scormbuild: bug: {what}. Please report it to the scormbuild developers with the "
            f"command you ran, its input if you can share it, and this line (scormbuild "
            f"{__version__}); {TRACEBACK_VARIABLE}=1 adds the traceback."
        )
        self.exc = exc

    def show(self, file: IO[Any] | None = None) -> None:
        out = file or sys.stderr
        if os.environ.get(TRACEBACK_VARIABLE, "").strip() not in ("", "0"):
            traceback.print_exception(self.exc, file=out)
        click.echo(self.message, file=out)


def unexpected(exc: BaseException) -> click.ClickException | None:
    """The message and exit status for ``exc``; None for exits that are not failures."""
    if isinstance(exc, SystemExit | GeneratorExit):
        return None
    if isinstance(exc, OSError) and exc.errno == errno.EPIPE:
        return None  # the reader went away (`| head`): click ends quietly, as other tools do
    if isinstance(exc, KeyboardInterrupt):
        return Interrupted()
    if isinstance(exc, Terminated):
        return TerminatedByStop()
    if isinstance(exc, MemoryError):
        hint = "the input may be far larger than it needs to be, or give scormbuild more memory"
        return Failure([error("scormbuild", None, "out of memory", hint=hint)])
    missing = exc.name if isinstance(exc, ModuleNotFoundError) else None
    if missing and missing.partition(".")[0] != "scormbuild":
        # An installation that predates a new dependency (a checkout pulled, a venv kept).
        hint = "install scormbuild again (pip install --upgrade scormbuild, or make build)"
        message = f"the module {missing!r}, which scormbuild needs, is not installed"
        return Failure([error("scormbuild", None, message, hint=hint)])
    if isinstance(exc, OSError) and known_os_error(exc):
        message, advice = describe_os_error(exc)
        return Failure([error(str(exc.filename or "scormbuild"), None, message, hint=advice)])
    return Bug(exc)
