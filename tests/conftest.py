"""Suite-wide hooks and fixtures: skips for a missing outside resource (tests/needs.py) share one
line; one Chromium serves every test that needs a browser."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

from tests import needs


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report: pytest.TestReport = outcome.get_result()  # type: ignore[attr-defined]
    excinfo = call.excinfo
    # pytest files a skip raised in a fixture under each test's own line; these belong together.
    if report.skipped and excinfo is not None and excinfo.errisinstance(needs.Missing):
        report.longrepr = (needs.__file__, 1, f"Skipped: {excinfo.value.msg}")


# One Chromium for the whole run: Playwright's sync API allows one driver per process, and both
# the browser tests (test LMS) and the real-Moodle tests need a browser.
LMS_DIR = Path(__file__).resolve().parent / "lms"
if str(LMS_DIR) not in sys.path:
    sys.path.insert(0, str(LMS_DIR))

from scorm_lms import CHROMIUM_ARGS, find_chromium  # noqa: E402


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Path of the system Chromium; fails (never skips) when there is none."""
    try:
        return find_chromium()
    except RuntimeError as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    """The Playwright driver (sync API)."""
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright, chromium_path: str) -> Iterator[Browser]:
    """Headless system Chromium, shared by the whole test session."""
    browser = playwright_instance.chromium.launch(
        executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()
