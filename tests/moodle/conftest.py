"""Fixtures for the real-Moodle tests: the running Moodle, a logged-in learner, built packages.

Without the Moodle helpers (``../shared/moodle``) every test that needs Moodle is skipped, all under
one summary line that says how to enable them; with ``CI`` set they fail instead (tests/needs.py).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from scormbuild.commands.build import build
from scormbuild.documents.moodle_sheet import sheet_name
from scormbuild.source.load import load_course
from tests.moodle.harness import (
    HOW_TO_ENABLE,
    Activity,
    Moodle,
    MoodleEnv,
    MoodleError,
    sheet_settings,
)
from tests.moodle.learner import Learner
from tests.needs import need


@pytest.fixture(scope="session")
def moodle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Moodle]:
    """The running Moodle (started with setup.sh when it is not); the activities the run
    creates are deleted at its end."""
    env = MoodleEnv.from_environ()
    need(not env.missing(), HOW_TO_ENABLE)
    try:
        site = Moodle.start(env, tmp_path_factory.mktemp("moodle") / "setup.log")
    except MoodleError as problem:
        pytest.fail(str(problem), pytrace=False)
    yield site
    site.cleanup()


@pytest.fixture(scope="session")
def report() -> Iterator[Callable[[str, dict[str, Any]], None]]:
    """``report(path, summary)``: with ``SCORMBUILD_MOODLE_REPORT=<file>`` set, what Moodle
    stored on each path is written there as JSON at the end of the run (docs/lms-admins.md
    shows one run; ``scripts/moodle_report.py`` turns the file into its table)."""
    found: dict[str, Any] = {}
    yield found.__setitem__
    target = os.environ.get("SCORMBUILD_MOODLE_REPORT")
    if target and found:
        Path(target).write_text(json.dumps(found, indent=2, ensure_ascii=False) + "\n", "utf-8")


@pytest.fixture
def learner(moodle: Moodle, browser: Browser) -> Iterator[Learner]:
    """``student1``, logged in, in a browser context of its own."""
    person = Learner(moodle, browser)
    person.login()
    yield person
    person.close()


@dataclass(frozen=True)
class Built:
    """One language's package of a built course, and its Moodle sheet."""

    language: str
    package: Path
    sheet: Path

    def imported(self, moodle: Moodle) -> Activity:
        """The package imported into ``moodle`` as a new activity, with its sheet's settings."""
        return moodle.import_package(self.package, sheet_settings(self.sheet))


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], dict[str, Built]]:
    """Build a course once per test session: ``{language: Built}``."""
    cache: dict[Path, dict[str, Built]] = {}

    def get(course: Path) -> dict[str, Built]:
        if course not in cache:
            languages = [c.language for c in load_course(course).courses]
            result = build(course, tmp_path_factory.mktemp(course.name))
            cache[course] = {
                lang: Built(lang, package, package.with_name(sheet_name(package.name)))
                for lang, package in zip(languages, result.packages, strict=True)
            }
        return cache[course]

    return get
