"""Fixtures for the browser tests: the local test LMS server and `lms` sessions.

The browser itself comes from ``tests/conftest.py``. The implementation lives in
`tests/lms/scorm_lms.py` (importable as `scorm_lms`: ``tests/conftest.py`` puts it on the path),
e.g. `from scorm_lms import LmsSession, next_session_init, FAKE_SCO_DIR`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from scorm_lms import MODEL_JS, LmsServer, LmsSession

from scormbuild.commands.build import build
from tests.browser.a11y import EXAMPLE_COURSE


@pytest.fixture(scope="session")
def lms_server() -> Iterator[LmsServer]:
    """HTTP server on 127.0.0.1: the LMS at /lms/lms.html, packages under /pkg/<name>/."""
    missing = [str(p) for p in MODEL_JS if not p.is_file()]
    if missing:
        pytest.fail(f"the test LMS is missing: {', '.join(missing)}", pytrace=False)
    server = LmsServer().start()
    yield server
    server.stop()


@pytest.fixture
def lms(browser: Browser, lms_server: LmsServer, tmp_path: Path) -> Iterator[LmsSession]:
    """A fresh LMS session helper (own browser context), closed after the test."""
    session = LmsSession(browser=browser, server=lms_server, workdir=tmp_path)
    yield session
    session.close()


@pytest.fixture(scope="session")
def example_packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example course built once for the whole run: one zip per language."""
    result = build(EXAMPLE_COURSE, tmp_path_factory.mktemp("example"))
    return {p.stem.rsplit("-", 1)[1]: p for p in result.packages}
