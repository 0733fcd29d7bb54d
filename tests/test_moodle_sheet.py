"""The Moodle settings sheet: content per mode and rules, and where build writes it."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from scormbuild.commands.build import build
from scormbuild.documents.moodle_sheet import moodle_sheet, settings, sheet_name
from scormbuild.errors import CourseError
from scormbuild.model import Course
from tests.course_samples import module, sample_course
from tests.coursekit import write_course


def chosen(course: Course) -> dict[str, str]:
    """Setting name -> recommended value."""
    return {s: v for _, rows in settings(course) for s, v, _ in rows}


def test_single_sco_with_mastery_score() -> None:
    course = sample_course()  # mastery 80, completion [viewed, passed], graded quizzes
    got = chosen(course)
    assert got["Grading method"] == "Highest grade"
    assert got["Maximum grade"] == "100"
    assert got["Grade to pass"] == "80"
    assert got["Number of attempts"] == "1 attempt"  # the quizzes limit attempts themselves
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
    assert "`passed` (score ≥ 80)" in text
    # Moodle's override would pass a learner who has not viewed every page: say so.
    assert "not viewed every page" in text
    assert "`tarkistus.single`" in text
    assert "`tarkistus` (2), `pooli` (3)" in text
    assert "scormbuild validate testikurssi-1.0.0.zip" in text
    assert "“Edistymistä ei tallenneta”" in text
    assert "lists one item: “Opit jakoon”" in text


def test_multi_sco() -> None:
    course = sample_course(sco_mode="multi")
    got = chosen(course)
    assert got["Grading method"] == "Average grade"
    assert (got["Passed"], got["Completed"]) == ("Yes", "Yes")
    assert got["All SCOs must return completion status"] == "Yes"
    assert got["Display content structure in player"] == "To the side"
    assert got["Student skip content structure page"] == "Never"
    text = moodle_sheet(course, "x.zip")
    assert "**3 SCOs**, one per module" in text
    assert "report `completed` and no score: Osio 2" in text  # the practice-only module
    assert "lists 3 items in this order: “Osio 1”, “Osio 2”, “Osio 3”" in text
    assert "per SCO" in text


def test_without_mastery_score_or_graded_quizzes() -> None:
    plain = sample_course(mastery_score=None, completion=("viewed",))
    got = chosen(plain)
    assert (got["Passed"], got["Completed"]) == ("No", "Yes")
    assert got["Mastery score overrides status"] == "No"
    assert "Grade to pass" not in got
    assert "then `completed`" in moodle_sheet(plain, "x.zip")

    reading = replace(sample_course(), modules=(module(1), module(2)))
    got = chosen(reading)
    assert got["Grading method"] == "Learning objects"
    assert "Maximum grade" not in got
    assert got["Number of attempts"] == "Unlimited attempts"
    text = moodle_sheet(reading, "x.zip")
    assert "No graded quizzes" in text and "Interactions" not in text


def test_completion_rule_passed_only() -> None:
    course = sample_course(completion=("passed",))
    text = moodle_sheet(course, "x.zip")
    assert "until the graded quizzes are passed in the course" in text
    assert "not viewed every page" not in text  # the override then changes nothing


def test_tables_are_well_formed() -> None:
    text = moodle_sheet(sample_course(sco_mode="multi"), "x.zip")
    rows = [line for line in text.splitlines() if line.startswith("|")]
    assert rows and all(len(re.findall(r"(?<!\\)\|", r)) == 4 for r in rows)
    assert text.endswith("\n") and not text.endswith("\n\n")


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
