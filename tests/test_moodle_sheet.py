"""The Moodle settings sheet: what it recommends per mode and rule, that every setting and value
is one Moodle 4.5's form has, where build writes it, and a course's own template."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from scormbuild.commands.build import build
from scormbuild.documents.moodle_sheet import moodle_sheet as render_sheet
from scormbuild.documents.moodle_sheet import sheet_facts, sheet_name
from scormbuild.errors import CourseError
from scormbuild.model import Course
from scormbuild.render.theme import make_environment
from tests.course_samples import module, sample_course
from tests.coursekit import write_course
from tests.moodle.harness import sheet_rows, sheet_settings


def moodle_sheet(course: Course, package: str) -> str:
    """The sheet with the built-in theme."""
    return render_sheet(make_environment(None), course, package)


def chosen(course: Course, tmp_path: Path) -> dict[str, str]:
    """Setting name -> recommended value, as the sheet shows them; each one Moodle's own."""
    text = moodle_sheet(course, "x.zip")
    sheet = tmp_path / "x-moodle.md"
    sheet.write_text(text, encoding="utf-8")
    sheet_settings(sheet)  # raises for a setting or value Moodle's form does not have
    return dict(sheet_rows(text))


def test_single_sco_with_mastery_score(tmp_path: Path) -> None:
    course = sample_course()  # mastery 80, completion [viewed, passed], graded quizzes
    got = chosen(course, tmp_path)
    assert got["Grading method"] == "Highest grade"
    assert got["Maximum grade"] == "100"
    assert got["Grade to pass"] == "80"
    assert got["Number of attempts"] == "1 attempt"  # the quizzes limit attempts themselves
    assert got["Display attempt status"] == "No"  # "reached the maximum" from the start
    assert got["Force new attempt"] == "No"
    assert (got["Passed"], got["Completed"]) == ("Yes", "No")
    assert got["Mastery score overrides status"] == "No"
    assert got["Display content structure in player"] == "Disabled"
    assert got["Student skip content structure page"] == "Always"
    assert "All SCOs must return completion status" not in got
    assert got["SCORM standards mode"] == "Yes"
    text = moodle_sheet(course, "testikurssi-1.0.0.zip")
    assert text.startswith("# Moodle settings: Opit jakoon\n")
    assert "**One SCO** (`index.html`)" in text
    assert "at least 80 %" in text
    assert "`tarkistus.single`" in text
    assert "`tarkistus` (2), `pooli` (3)" in text
    assert "can leave, come back later and use them" in text
    assert "scormbuild validate testikurssi-1.0.0.zip" in text
    assert "“Edistymistä ei tallenneta”" in text
    assert "lists one item: “Opit jakoon”" in text
    assert "“Tarkastelu: tämä suorituskerta on päättynyt." in text  # the review notice


def test_multi_sco_grades_the_modules_done(tmp_path: Path) -> None:
    course = sample_course(sco_mode="multi")
    got = chosen(course, tmp_path)
    assert got["Grading method"] == "Learning objects"  # not Average: see the sheet's why
    assert got["Grade to pass"] == "3"
    assert "Maximum grade" not in got  # Moodle grades Learning objects out of the SCO count
    assert (got["Passed"], got["Completed"]) == ("Yes", "Yes")
    assert got["All SCOs must return completion status"] == "Yes"
    assert got["Display content structure in player"] == "To the side"
    assert got["Student skip content structure page"] == "Never"
    text = moodle_sheet(course, "x.zip")
    assert "**3 SCOs**, one per module" in text
    assert "report `completed` and no score: Osio 2" in text  # the practice-only module
    assert "lists 3 items in this order: “Osio 1”, “Osio 2”, “Osio 3”" in text
    assert "per SCO" in text
    assert "cannot be opened again in the same visit" in text


def test_without_mastery_score_or_graded_quizzes(tmp_path: Path) -> None:
    plain = sample_course(mastery_score=None, completion=("viewed",))
    got = chosen(plain, tmp_path)
    assert (got["Passed"], got["Completed"]) == ("No", "Yes")
    assert got["Mastery score overrides status"] == "No"
    assert "Grade to pass" not in got
    assert "`completed` once every page is viewed and every graded quiz" in moodle_sheet(
        plain, "x.zip"
    )

    reading = replace(sample_course(), modules=(module(1), module(2)))
    got = chosen(reading, tmp_path)
    assert got["Grading method"] == "Learning objects"
    assert got["Grade to pass"] == "1"  # the gradebook passes a completed course
    assert "Maximum grade" not in got
    assert got["Number of attempts"] == "1 attempt"
    text = moodle_sheet(reading, "x.zip")
    assert "No graded quizzes" in text and "Interactions" not in text


def test_mastery_score_without_the_passed_rule(tmp_path: Path) -> None:
    """Completion is viewing: below the mastery score the learner ends as completed, and the
    gradebook shows the fail; Moodle's override would turn that completed into failed."""
    course = sample_course(completion=("viewed",))
    got = chosen(course, tmp_path)
    assert (got["Passed"], got["Completed"]) == ("Yes", "Yes")
    text = moodle_sheet(course, "x.zip")
    assert "`completed` once every page is viewed and the score, below 80 %" in text
    assert "turn the `completed` of a learner" in text


def test_tables_are_well_formed() -> None:
    for course in (sample_course(), sample_course(sco_mode="multi")):
        text = moodle_sheet(course, "x.zip")
        rows = [line for line in text.splitlines() if line.startswith("|")]
        assert rows and all(len(re.findall(r"(?<!\\)\|", r)) == 4 for r in rows)
        assert text.endswith("\n") and not text.endswith("\n\n")
        assert "{{" not in text and "{%" not in text


def test_the_facts_are_plain_data() -> None:
    facts = sheet_facts(sample_course(sco_mode="multi"), "x.zip")
    assert facts["multi"] is True and facts["mastery"] == 80
    assert [m["graded"] for m in facts["modules"]] == [True, False, True]
    assert facts["limited"] == [{"id": "tarkistus", "attempts": 2}, {"id": "pooli", "attempts": 3}]


def test_a_course_overrides_the_sheet_per_language(tmp_path: Path) -> None:
    course = write_course(
        tmp_path / "c",
        {
            "templates/moodle-sheet/en.md": "# {{ title }} for {{ language }}\n",
        },
    )
    result = build(course, tmp_path / "dist")
    assert result.sheets[0].read_text(encoding="utf-8") == "# Demo course for en\n"


def test_a_broken_course_template_is_reported_at_its_line(tmp_path: Path) -> None:
    course = write_course(
        tmp_path / "c", {"templates/moodle-sheet/en.md": "# ok\n{{ no_such_fact }}\n"}
    )
    with pytest.raises(CourseError) as caught:
        build(course, tmp_path / "dist")
    (problem,) = caught.value.problems
    assert str(problem.location).startswith("templates/moodle-sheet/en.md:2")


def test_build_writes_the_sheet_beside_each_package(tmp_path: Path) -> None:
    course = write_course(tmp_path / "c")
    out = tmp_path / "dist"
    result = build(course, out)
    (package,) = result.packages
    assert result.sheets == (out / "demo-1.0.0-moodle.md",)
    assert sheet_name(package.name) == "demo-1.0.0-moodle.md"
    first = result.sheets[0].read_text(encoding="utf-8")
    assert "# Moodle settings: Demo course" in first
    assert not list(out.glob(".*.tmp"))
    build(course, out)
    assert result.sheets[0].read_text(encoding="utf-8") == first  # reproducible


def test_multilingual_build_writes_one_sheet_per_language(tmp_path: Path) -> None:
    result = build(Path(__file__).resolve().parents[1] / "course", tmp_path)
    names = sorted(p.name for p in result.sheets)
    assert names == ["opit-jakoon-1.0.0-fi-moodle.md", "opit-jakoon-1.0.0-sv-moodle.md"]


def test_no_sheet_when_the_build_fails(tmp_path: Path) -> None:
    course = write_course(tmp_path / "c", {"modules/02-more.md": "---\ntitle: [\n---\n"})
    out = tmp_path / "dist"
    with pytest.raises(CourseError):
        build(course, out)
    assert not out.exists() or not any(out.iterdir())
