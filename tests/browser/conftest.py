"""Fixtures for the browser tests: system Chromium, the local test LMS server and `lms` sessions.

The implementation lives in `tests/lms/scorm_lms.py` (importable as `scorm_lms` once this conftest
has loaded), e.g. `from scorm_lms import LmsSession, next_session_init, FAKE_SCO_DIR`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

LMS_DIR = Path(__file__).resolve().parents[1] / "lms"
if str(LMS_DIR) not in sys.path:
    sys.path.insert(0, str(LMS_DIR))

from scorm_lms import (  # noqa: E402
    CHROMIUM_ARGS,
    SCORM_AGAIN_JS,
    LmsServer,
    LmsSession,
    find_chromium,
)


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


@pytest.fixture(scope="session")
def lms_server() -> Iterator[LmsServer]:
    """HTTP server on 127.0.0.1: the LMS at /lms/lms.html, packages under /pkg/<name>/."""
    if not SCORM_AGAIN_JS.is_file():
        pytest.fail(
            f"{SCORM_AGAIN_JS} is missing: run `npm ci` in tests/lms (or `make browser-deps`).",
            pytrace=False,
        )
    server = LmsServer().start()
    yield server
    server.stop()


@pytest.fixture
def lms(browser: Browser, lms_server: LmsServer, tmp_path: Path) -> Iterator[LmsSession]:
    """A fresh LMS session helper (own browser context), closed after the test."""
    session = LmsSession(browser=browser, server=lms_server, workdir=tmp_path)
    yield session
    session.close()
