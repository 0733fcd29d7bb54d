"""Whatever a command raises ends as a message and an exit status, never as a traceback."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from scormbuild.cli import main
from scormbuild.failures import EXIT_BUG, EXIT_INTERRUPTED, EXIT_TERMINATED
from scormbuild.package.output import Terminated

# Arguments each command accepts, so that it gets as far as its own code.
ARGS = {
    "build": ["course"],
    "check": ["course"],
    "analyze": ["report.txt"],
    "diff": ["old.zip", "new.zip"],
    "export": ["course"],
    "import": ["guide.docx"],
    "preview": ["course"],
    "new": ["somewhere"],
    "validate": ["package.zip"],
}


def failing(exc: BaseException) -> click.Command:
    """A command that raises ``exc``: stands in for a command's own code going wrong."""

    @click.command()
    @click.argument("args", nargs=-1)
    def command(args: tuple[str, ...]) -> None:
        raise exc

    return command


def run_failing(
    monkeypatch: pytest.MonkeyPatch, name: str, exc: BaseException
) -> click.testing.Result:
    monkeypatch.setattr(main.commands[name], "callback", failing(exc).callback)
    monkeypatch.setattr(main.commands[name], "params", failing(exc).params)
    return CliRunner().invoke(main, [name, *ARGS.get(name, [])])


def test_every_command_is_covered() -> None:
    assert set(main.commands) == set(ARGS), "add the new command's arguments to ARGS"


@pytest.mark.parametrize("name", sorted(ARGS))
def test_an_unexpected_exception_is_one_line_naming_a_bug(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    result = run_failing(monkeypatch, name, ZeroDivisionError("division by zero"))
    assert result.exit_code == EXIT_BUG == 70
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("scormbuild: bug: ZeroDivisionError: division by zero. ")
    assert "Please report it to the scormbuild developers with the command you ran" in lines[0]
    assert "SCORMBUILD_TRACEBACK=1" in lines[0]
    assert "Traceback" not in result.output


def test_the_traceback_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCORMBUILD_TRACEBACK", "1")
    result = run_failing(monkeypatch, "validate", KeyError("oops"))
    assert result.exit_code == EXIT_BUG
    assert "Traceback (most recent call last)" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("scormbuild: bug: KeyError: 'oops'.")


@pytest.mark.parametrize(
    ("exc", "status", "message"),
    [
        (KeyboardInterrupt(), EXIT_INTERRUPTED, "scormbuild: interrupted; nothing half-written"),
        (Terminated(), EXIT_TERMINATED, "scormbuild: terminated; nothing half-written"),
        (MemoryError(), 1, "scormbuild: error: out of memory\n  hint: "),
        (
            OSError(errno.ENOSPC, "No space left on device", "/x/out/a.zip"),
            1,
            "/x/out/a.zip: error: disk full\n  hint: free some space",
        ),
        (OSError(errno.ENOTTY, "Inappropriate ioctl"), EXIT_BUG, "scormbuild: bug: OSError:"),
        (
            ModuleNotFoundError("No module named 'rcssmin'", name="rcssmin"),
            1,
            "scormbuild: error: the module 'rcssmin', which scormbuild needs, is not installed\n"
            "  hint: install scormbuild again",
        ),
        (
            ModuleNotFoundError("No module named 'scormbuild.x'", name="scormbuild.x"),
            EXIT_BUG,
            "scormbuild: bug: ModuleNotFoundError:",
        ),
    ],
)
def test_failures_of_the_machine_have_their_own_messages(
    monkeypatch: pytest.MonkeyPatch, exc: BaseException, status: int, message: str
) -> None:
    result = run_failing(monkeypatch, "build", exc)
    assert result.exit_code == status
    assert result.stderr.startswith(message), result.stderr
    assert "Traceback" not in result.output


def test_the_real_command_line_exits_70_on_a_bug(tmp_path: Path) -> None:
    # A bug planted in a fresh interpreter: python -m scormbuild goes through the same group.
    code = (
        "import sys, scormbuild.commands.validate as v\n"
        "def boom(*a, **k): raise RuntimeError('planted')\n"
        "v.validate_package = boom\n"
        "from scormbuild.cli import main\n"
        "sys.argv = ['scormbuild', 'validate', 'x.zip']\n"
        "main()\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "SCORMBUILD_TRACEBACK"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env
    )
    assert result.returncode == 70
    assert result.stderr.startswith("scormbuild: bug: RuntimeError: planted. Please report")
    assert "Traceback" not in result.stderr


def test_a_reader_that_goes_away_is_no_bug(tmp_path: Path) -> None:
    read, write = os.pipe()
    os.close(read)  # as `scormbuild validate x.zip | head -0` leaves it
    try:
        result = subprocess.run(
            [sys.executable, "-m", "scormbuild", "validate", "x.zip"],
            stdout=write,
            stderr=subprocess.PIPE,
            cwd=tmp_path,
            check=False,
        )
    finally:
        os.close(write)
    assert result.returncode == 1
    assert result.stderr == b""
