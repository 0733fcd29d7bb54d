"""The harness itself: the sheet's settings reach Moodle, a learner plays, what Moodle stored."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Route

from tests.browser.learner import answer
from tests.coursekit import write_course
from tests.moodle.conftest import Built
from tests.moodle.harness import Moodle, MoodleError, sheet_rows, sheet_settings
from tests.moodle.learner import Learner

COURSE = Path(__file__).resolve().parents[2] / "course"


def test_sheet_rows_must_be_moodles_own(tmp_path: Path) -> None:
    sheet = tmp_path / "x-moodle.md"
    sheet.write_text(
        "| Setting | Choose | Why |\n|---|---|---|\n"
        "| Grading method | **Highest grade** | . |\n"
        "| Passed | **Yes** | . |\n| Completed | **Yes** | . |\n"
        "| Grade to pass | **70** | . |\n",
        encoding="utf-8",
    )
    assert sheet_rows(sheet.read_text(encoding="utf-8"))[0] == ("Grading method", "Highest grade")
    assert sheet_settings(sheet) == {
        "grademethod": 1,
        "completionstatusrequired": 6,
        "gradepass": 70,
    }
    sheet.write_text(
        "| Display course structure in player | **Disabled** | . |\n", encoding="utf-8"
    )
    with pytest.raises(MoodleError, match="no such setting"):
        sheet_settings(sheet)
    sheet.write_text("| Grading method | **Best grade** | . |\n", encoding="utf-8")
    with pytest.raises(MoodleError, match="Moodle offers no 'Best grade'"):
        sheet_settings(sheet)


def test_import_play_read_back(
    moodle: Moodle, learner: Learner, built: Callable[[Path], dict[str, Built]]
) -> None:
    """The example course's package, imported with its sheet, played a little, then left."""
    fi = built(COURSE)["fi"]
    settings = sheet_settings(fi.sheet)
    activity = moodle.import_package(fi.package, settings)
    assert all(activity.record[k] == str(v) for k, v in settings.items() if k in activity.record)
    assert [s.launch for s in activity.launchable] == ["index.html"]
    learner.enter(activity)
    answered = answer(learner.go(0), right=True)  # from the cover page, the first module
    # Leaving unloads the page: Moodle sends the last saves as beacons.
    assert "beacon" in learner.leave()
    stored = moodle.tracks(activity)
    values = stored.values()
    assert values["cmi.core.lesson_status"] == "incomplete"
    assert values["cmi.core.exit"] == "suspend"
    assert values["cmi.core.lesson_location"] == "m01-miksi-jakaa"
    assert values["cmi.suspend_data"].startswith("2|")
    assert values["cmi.core.total_time"] != "00:00:00"
    got = stored.interactions()
    assert len(got) == answered and all(i["result"] == "correct" for i in got)
    assert stored.grade is None and stored.completion == "incomplete"
    assert not learner.errors()


def test_a_player_that_does_not_load_is_named_with_what_it_waits_for(
    moodle: Moodle, browser: Browser, built: Callable[[Path], dict[str, Built]], tmp_path: Path
) -> None:
    """The package's files held back: entering fails soon, naming the player page and the
    package's launch file among the requests Moodle has not answered."""
    course = write_course(tmp_path / "held")
    activity = built(course)["en"].imported(moodle)
    person = Learner(moodle, browser)
    try:
        person.login()
        person.timeout_ms = 10000  # entering's one budget: nothing to wait for past it
        assert person.context is not None
        held: list[Route] = []  # the package's files, never answered
        person.context.route("**/mod_scorm/content/**", lambda route: held.append(route))
        with pytest.raises(MoodleError) as stuck:
            person.enter(activity)
        said = str(stuck.value)
        assert held, "the route never saw the package's files"
        assert said.startswith("the player did not load (loading the player): still at "), said
        assert "/mod/scorm/player.php?" in said.split(", frames")[0], said
        assert re.search(
            r"requests not answered: \[.*'GET \S+/mod_scorm/content/\S+ \(\d+ s\)'", said
        )
    finally:
        person.close()
