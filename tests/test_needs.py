"""tests/needs.py: a missing outside resource is one skip line, or a failure under CI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.needs import REPO

# The suite's own conftest, as a plugin: the test file lives outside tests/.
PLUGINS = ("-p", "no:cacheprovider", "-p", "tests.conftest")
NEEDY = """
import pytest
from tests.needs import xsd_dir

@pytest.fixture(scope="module")
def schemas():
    return xsd_dir()

def test_in_the_body():
    xsd_dir()

def test_in_a_fixture(schemas):
    pass

def test_in_the_same_fixture_again(schemas):
    pass
"""


def run_needy(tmp_path: Path, ci: str | None) -> subprocess.CompletedProcess[str]:
    test = tmp_path / "test_needy.py"
    test.write_text(NEEDY, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["SCORMBUILD_XSD_DIR"] = str(tmp_path / "no-schemas")
    if ci is not None:
        env["CI"] = ci
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-ra", *PLUGINS, str(test)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        check=False,
    )


def test_missing_schemas_skip_with_one_line(tmp_path: Path) -> None:
    result = run_needy(tmp_path, None)
    assert result.returncode == 0, result.stdout
    skipped = [line for line in result.stdout.splitlines() if line.startswith("SKIPPED")]
    assert len(skipped) == 1, result.stdout
    assert skipped[0].startswith("SKIPPED [3] ")
    assert "ADL SCORM 1.2 schemas are not in" in skipped[0]
    assert "SCORMBUILD_XSD_DIR" in skipped[0]


def test_missing_schemas_fail_under_ci(tmp_path: Path) -> None:
    result = run_needy(tmp_path, "true")
    assert result.returncode == 1, result.stdout
    assert "1 failed, 2 errors" in result.stdout  # the fixture fails the tests using it
    assert "(CI runs every test)" in result.stdout
    assert "Traceback" not in result.stdout


def test_ci_false_is_not_ci(tmp_path: Path) -> None:
    assert run_needy(tmp_path, "false").returncode == 0
