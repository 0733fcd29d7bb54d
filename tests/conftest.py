"""Suite-wide hooks: skips for a missing outside resource (tests/needs.py) share one line."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests import needs


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report: pytest.TestReport = outcome.get_result()  # type: ignore[attr-defined]
    excinfo = call.excinfo
    # pytest files a skip raised in a fixture under each test's own line; these belong together.
    if report.skipped and excinfo is not None and excinfo.errisinstance(needs.Missing):
        report.longrepr = (needs.__file__, 1, f"Skipped: {excinfo.value.msg}")
