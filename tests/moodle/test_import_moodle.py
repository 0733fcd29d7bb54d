"""An imported guide in the real Moodle: the Finnish guide and its Swedish version, imported,
built, uploaded with their sheets' settings, launched and played in Moodle's player."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from scormbuild.commands.import_guide import import_guide, import_variant
from tests.importkit import finnish_guide
from tests.moodle.conftest import Built
from tests.moodle.harness import Moodle, MoodleError, sheet_settings
from tests.moodle.learner import Learner


@pytest.fixture
def student(moodle: Moodle, browser: Browser) -> Iterator[Learner]:
    """``student1``, logged in; a login that Moodle answered with its login page again (seen
    under load, with several test runs on one machine) is checked on the dashboard and retried."""
    person = Learner(moodle, browser)
    for attempt in range(3):
        try:
            person.login()
            break
        except MoodleError:
            page = person.page
            assert page is not None
            page.goto(f"{moodle.site.wwwroot}/my/")
            if "/login/" not in page.url:
                break
            if attempt == 2:
                raise
    yield person
    person.close()


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("import-moodle")
    course = tmp / "tietosuoja"
    import_guide(finnish_guide(tmp / "opas-fi.docx"), course)
    import_variant(finnish_guide(tmp / "guide-sv.docx", swedish=True), course)
    return course


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_imported_guide_plays_in_moodle(
    moodle: Moodle,
    student: Learner,
    built: Callable[[Path], dict[str, Built]],
    imported: Path,
    language: str,
) -> None:
    package = built(imported)[language]
    settings = sheet_settings(package.sheet)
    activity = moodle.import_package(package.package, settings)
    assert [s.launch for s in activity.launchable] == ["index.html"]
    student.enter(activity)
    page = student.go(1)  # the second module, through the package's own module list
    heading = "Periaatteet" if language == "fi" else "Principer"
    assert page.locator("h1").first.inner_text().strip() == heading
    assert page.locator("table").count() == 1 and page.locator("aside.callout-tip").count() == 1
    student.leave()
    values = moodle.tracks(activity).values()
    assert values["cmi.core.lesson_status"] == "incomplete"
    assert values["cmi.core.lesson_location"] == "m02-periaatteet"
    assert not student.errors()
