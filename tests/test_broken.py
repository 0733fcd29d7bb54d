"""Every broken course in tests/broken/ fails cleanly: exit 1, the right message at the right
line, no traceback, and nothing written (a previous package stays as it was).

Each case is the shared base course (tests/broken/_base) with the case's own files laid over
it: the one broken file, and whatever the mistake needs beside it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from scormbuild.cli import main
from tests.brokenkit import BASE, CASES, PREVIOUS, case_file, prepare


@dataclass(frozen=True)
class Run:
    course: Path
    dist: Path
    expected: str
    args: list[str]
    build: subprocess.CompletedProcess[str]


def run_case(name: str, workdir: Path) -> Run:
    course, dist = prepare(name, workdir)
    args = case_file(name, "args.txt").split()
    build = subprocess.run(
        [sys.executable, "-m", "scormbuild", "build", str(course), "-o", str(dist), *args],
        capture_output=True,
        text=True,
        cwd=course,
        env={**os.environ, "CI": "1"},
        timeout=120,
    )
    expected = case_file(name, "expected.txt").strip()
    return Run(course, dist, expected, args, build)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Run]]:
    """Run every case's build at once: each is a separate process, so they run in parallel."""
    workdir = tmp_path_factory.mktemp("broken")
    with ThreadPoolExecutor(max_workers=min(8, os.cpu_count() or 2)) as pool:
        results = dict(zip(CASES, pool.map(lambda n: run_case(n, workdir), CASES), strict=True))
    yield results


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize("name", CASES)
def test_build_fails_cleanly(name: str, runs: dict[str, Run]) -> None:
    run = runs[name]
    output = run.build.stdout + run.build.stderr
    assert run.build.returncode == 1, output
    assert run.expected in output
    assert "Traceback" not in output
    assert sorted(p.name for p in run.dist.iterdir()) == ["broken-1.0.0.zip"]
    assert (run.dist / "broken-1.0.0.zip").read_bytes() == PREVIOUS


@pytest.mark.parametrize("name", CASES)
def test_check_reports_the_problem(name: str, runs: dict[str, Run]) -> None:
    run = runs[name]
    result = CliRunner().invoke(main, ["check", str(run.course), *run.args])
    assert result.exit_code == 1, result.output
    assert run.expected in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_the_base_course_is_sound() -> None:
    """Each case's problem comes from its own files: the base course alone has none."""
    result = CliRunner().invoke(main, ["check", str(BASE), "--strict"])
    assert result.exit_code == 0, result.output
    assert "no problems found" in result.output
