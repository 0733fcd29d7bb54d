"""Running the real command line on hostile input, under limits, and judging how it behaved.

A :class:`Case` lays out its input in a fresh sandbox folder and names the command to run. The
runner snapshots the sandbox, runs ``python -m scormbuild`` there in a subprocess with a cap on
its address space (``RLIMIT_AS``), its CPU time (``RLIMIT_CPU``) and its wall time, and with
``TMPDIR`` inside the sandbox, then checks the promise every command makes:

- the exit status is the expected one (1 bad input; 2 unusable input for ``validate``);
- the output holds the expected location and message (a regular expression, multi-line);
- no traceback, and the process was not killed by a limit or a signal;
- a failed command changed nothing at all in the sandbox: nothing written outside its output
  folder (or anywhere), no temporary file left, the previous output byte for byte as it was.
"""

from __future__ import annotations

import hashlib
import os
import re
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from tests.hostile.peak import PEAK_FILE

REPO = Path(__file__).resolve().parents[2]
MEMORY_LIMIT = 1536 * 1024 * 1024  # address space of the command and each of its workers
CPU_LIMIT = 60  # seconds of CPU: a hang ends here at the latest
WALL_LIMIT = 120.0  # seconds: generous, the machine may be busy with other work
SANDBOX_TMP = "tmp"  # TMPDIR of the command, inside the sandbox: must stay empty


@dataclass(frozen=True)
class Case:
    """One hostile input: how to lay it out, and how the command must answer.

    ``make`` writes the input under the sandbox folder it is given and returns the command's
    arguments (without ``scormbuild``), relative to the sandbox. ``says`` is a regular
    expression (``re.MULTILINE``) that the combined output must match: put the location in it.
    ``during`` may hold something for the length of the run (e.g. another build's lock).
    ``memory`` bounds the command's peak resident size (below the address-space cap) where a
    case is about memory.
    """

    name: str
    make: Callable[[Path], list[str]]
    status: int
    says: str
    during: Callable[[Path], AbstractContextManager[object]] = field(
        default=lambda _sandbox: nullcontext()
    )
    memory: int = MEMORY_LIMIT

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Outcome:
    """What a run of the command line did."""

    args: list[str]
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_rss: int  # bytes, the largest resident size of the command or any of its workers

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT, CPU_LIMIT + 5))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # As in a terminal: a test suite started in the background (CI, 'make test &') inherits an
    # ignored Ctrl+C, and Python would then never raise KeyboardInterrupt in the command.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_cli(
    args: list[str], cwd: Path, *, module: str = "scormbuild", env: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    """Start ``python -m <module> ARGS`` in ``cwd`` under the limits; output goes to pipes."""
    tmp = cwd / SANDBOX_TMP
    tmp.mkdir(exist_ok=True)
    environ = {k: v for k, v in os.environ.items() if not k.startswith("SCORMBUILD_")}
    environ |= {"TMPDIR": str(tmp), "PYTHONPATH": str(REPO), "LC_ALL": "C.UTF-8"}
    environ |= env or {}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.hostile.peak", module, *args],
        cwd=cwd,
        env=environ,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_limits,
    )


def run_cli(
    args: list[str], cwd: Path, *, module: str = "scormbuild", env: dict[str, str] | None = None
) -> Outcome:
    """``python -m <module> ARGS`` in ``cwd``, limited as the module docstring says."""
    start = time.perf_counter()
    fd, peak_file = tempfile.mkstemp(prefix="hostile-peak-")  # outside the sandbox
    os.close(fd)
    proc = start_cli(args, cwd, module=module, env={**(env or {}), PEAK_FILE: peak_file})
    assert proc.stdout is not None and proc.stderr is not None
    # Waited for here rather than by subprocess, for this one process's resource usage.
    watchdog = threading.Timer(WALL_LIMIT, proc.kill)
    watchdog.start()
    with ThreadPoolExecutor(2) as pool:
        out, err = pool.submit(proc.stdout.read), pool.submit(proc.stderr.read)
        _pid, status, usage = os.wait4(proc.pid, 0)
        stdout, stderr = out.result(), err.result()
    watchdog.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stdout.close()
    proc.stderr.close()
    return Outcome(
        args,
        proc.returncode,
        stdout.decode("utf-8", "replace"),
        stderr.decode("utf-8", "replace"),
        time.perf_counter() - start,
        _peak(peak_file, usage.ru_maxrss * 1024),
    )


def _peak(peak_file: str, waited: int) -> int:
    """The command's own peak (see :mod:`tests.hostile.peak`), or, when it could not write it
    (killed by a limit or a signal), what ``wait4`` said: an upper bound."""
    try:
        written = Path(peak_file).read_text(encoding="ascii")
    finally:
        os.unlink(peak_file)
    return int(written) if written.isdigit() else waited


def snapshot(root: Path) -> dict[str, str]:
    """Every file, folder and link under ``root``: its kind and, for files, a digest."""
    out: dict[str, str] = {}
    for path in sorted(_walk(root)):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            out[rel] = f"link {os.readlink(path)}"
        elif path.is_dir():
            out[rel] = "folder"
        elif path.is_file():
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            out[rel] = "special"
    return out


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for name in dirnames + filenames:
            yield Path(dirpath, name)


def differences(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """What changed between two snapshots, one line each."""
    lines = [f"new: {p}" for p in sorted(after.keys() - before.keys())]
    lines += [f"gone: {p}" for p in sorted(before.keys() - after.keys())]
    lines += [f"changed: {p}" for p in sorted(before) if p in after and before[p] != after[p]]
    return lines


def run_case(case: Case, sandbox: Path) -> Outcome:
    """Lay out ``case`` in ``sandbox``, run it, and assert everything the promise says."""
    args = case.make(sandbox)
    (sandbox / SANDBOX_TMP).mkdir(exist_ok=True)
    before = snapshot(sandbox)
    with case.during(sandbox):
        outcome = run_cli(args, sandbox)
    after = snapshot(sandbox)
    report = f"{case.name}: scormbuild {' '.join(args)}\n{outcome.output}"
    assert outcome.returncode >= 0, f"killed by signal {-outcome.returncode} (a limit?)\n{report}"
    assert outcome.returncode == case.status, report
    assert "Traceback" not in outcome.output, report
    assert re.search(case.says, outcome.output, re.MULTILINE), f"{report}\nwanted: {case.says}"
    assert outcome.peak_rss < min(case.memory, MEMORY_LIMIT), (
        f"peak RSS {outcome.peak_rss // 2**20} MB\n{report}"
    )
    if case.status != 0:
        assert differences(before, after) == [], report
    assert not any((sandbox / SANDBOX_TMP).iterdir()), report
    return outcome
