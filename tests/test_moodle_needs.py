"""The real-Moodle tests without a Moodle: one skip line that says how to enable them, or,
under CI, a failure for each (a missing Moodle there is a broken CI set-up)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.moodle.harness import HOW_TO_ENABLE
from tests.needs import REPO


def run_without_moodle(tmp_path: Path, ci: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["SCORMBUILD_SHARED"] = str(tmp_path / "no-shared")  # no moodle/ helpers in it
    if ci is not None:
        env["CI"] = ci
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-ra", "-p", "no:cacheprovider", "tests/moodle"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        check=False,
    )


def test_without_moodle_every_moodle_test_skips_under_one_line(tmp_path: Path) -> None:
    result = run_without_moodle(tmp_path, None)
    assert result.returncode == 0, result.stdout
    skipped = [line for line in result.stdout.splitlines() if line.startswith("SKIPPED")]
    assert len(skipped) == 1, result.stdout
    assert HOW_TO_ENABLE in skipped[0]
    assert "error" not in result.stdout.splitlines()[-1]


def test_without_moodle_under_ci_every_moodle_test_fails(tmp_path: Path) -> None:
    result = run_without_moodle(tmp_path, "1")
    assert result.returncode == 1, result.stdout
    assert "skipped" not in result.stdout.splitlines()[-1]
    assert "(CI runs every test)" in result.stdout
