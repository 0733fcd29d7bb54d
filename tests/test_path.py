"""The learner's path around the modules: the cover and finish pages a single-SCO package
holds, the estimated time, the theme's cover image and course objectives, and each module's
state as progress.js works it out (under node). The pages at work: tests/browser/test_path.py.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from scormbuild.model import Module
from scormbuild.render.coursedata import course_data
from scormbuild.render.learner import minutes, total_minutes
from scormbuild.render.pages import render_course
from scormbuild.render.theme import make_environment
from scormbuild.source.load import read_course
from scormbuild.strings import Catalog
from tests.course_samples import sample_course
from tests.coursekit import write_course


def having(doc: Any, tag: str, cls: str) -> list[Any]:
    """The ``tag`` elements of ``doc`` with the class ``cls``."""
    found: list[Any] = doc.xpath(
        f"//{tag}[contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')]"
    )
    return found


RUNTIME = Path(__file__).resolve().parents[1] / "src" / "scormbuild" / "runtime"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 min", 15), ("1 h", 60), ("1 h 30 min", 90), ("90", 90), ("1,5 h", 90),
        ("20 minuuttia", 20), ("2 timmar", 120), ("1.5 tuntia", 90), (None, None),
        ("a while", None), ("", None), ("15 min or so", None),
    ],
)  # fmt: skip
def test_durations_read_as_minutes(text: str | None, expected: int | None) -> None:
    assert minutes(text) == expected


def _module(duration: str | None) -> Module:
    return Module(id="m", slug="01-m", title="M", html="", source="", duration=duration)


def test_the_total_needs_every_duration() -> None:
    assert total_minutes((_module("15 min"), _module("1 h"))) == 75
    assert total_minutes((_module("15 min"), _module(None))) is None


def pages(**config: object) -> dict[str, Any]:
    course = sample_course(**config)
    return {f.path: f.data for f in render_course(course, make_environment(None))}


def test_cover_page_reads_without_scripts() -> None:
    course = sample_course()
    course = replace(course, modules=tuple(replace(m, duration="20 min") for m in course.modules))
    files = {f.path: f.data for f in render_course(course, make_environment(None))}
    doc = lxml.html.fromstring(files["modules/cover.html"])
    assert doc.findtext(".//h1") == course.config.title
    start = having(doc, "a", "sb-start")[0]
    assert start.get("href") == course.modules[0].href.split("/")[1]
    assert "1 h" in having(doc, "p", "sb-cover-time")[0].text_content()  # 3 x 20 min
    assert [a.text for a in having(doc, "ol", "sb-cover-modules")[0].iter("a")] == [
        m.title for m in course.modules
    ]
    # The launch page opens on it; the last module leads to the finish page.
    index = lxml.html.fromstring(files["index.html"])
    assert index.get_element_by_id("sb-frame").get("src") == "modules/cover.html"
    last = lxml.html.fromstring(files[course.modules[-1].href])
    assert having(last, "a", "sb-next")[0].get("href") == "finish.html"


def test_finish_page_lists_every_graded_quiz() -> None:
    course = sample_course()
    files = pages()
    doc = lxml.html.fromstring(files["modules/finish.html"])
    rows = doc.xpath("//tr[@data-quiz]")
    graded = [i for i, q in enumerate(course.quizzes) if q.graded]
    assert [int(r.get("data-quiz")) for r in rows] == graded
    assert doc.get_element_by_id("sb-result-status").text  # says where the result is found
    data = files["scormbuild/course-data.js"].decode()
    assert '"state_passed"' in data


def test_multi_sco_packages_have_no_cover_or_finish_page() -> None:
    files = pages(sco_mode="multi")
    assert "modules/cover.html" not in files and "modules/finish.html" not in files
    assert "scormbuild/launch.js" not in files and "scormbuild/page.js" in files


COURSE = "id: demo\ntitle: Demo\nversion: 1.0.0\nlanguage: en\n"


def test_cover_image_and_objectives_from_course_yml(tmp_path: Path) -> None:
    yml = COURSE + (
        "objectives: [Explain why lessons are shared]\n"
        "theme:\n  hero: assets/hero.png\n  hero_alt: People at a workshop\n"
    )
    root = write_course(tmp_path / "c", {"course.yml": yml, "assets/hero.png": b"\x89PNG"})
    loaded, problems = read_course(root)
    assert loaded is not None and not [p for p in problems if p.level == "error"]
    course = loaded.courses[0]
    files = {f.path: f.data for f in render_course(course, make_environment(None))}
    doc = lxml.html.fromstring(files["modules/cover.html"])
    hero = having(doc, "img", "sb-hero")[0]
    assert (hero.get("src"), hero.get("alt")) == ("../assets/hero.png", "People at a workshop")
    assert having(doc, "ul", "sb-objectives")[0][0].text == "Explain why lessons are shared"


def test_a_missing_cover_image_is_a_located_error(tmp_path: Path) -> None:
    yml = COURSE + "theme:\n  hero: assets/nope.png\n"
    root = write_course(tmp_path / "c", {"course.yml": yml})
    _loaded, problems = read_course(root)
    assert "course.yml:6: error: theme cover image 'assets/nope.png' is missing" in [
        p.format().splitlines()[0] for p in problems
    ]


def states(course_json: dict[str, Any], st: dict[str, Any], final: bool = False) -> list[str]:
    script = (
        f"const P = require({json.dumps(str(RUNTIME / 'progress.js'))});"
        "const i = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(P.states(i.c, i.st, i.c.mastery, {final: i.f})));"
    )
    out = subprocess.run(
        ["node", "-e", script],
        input=json.dumps({"c": course_json, "st": st, "f": final}),
        capture_output=True,
        text=True,
        check=True,
    )
    result: list[str] = json.loads(out.stdout)
    return result


def test_each_module_state_follows_its_graded_quizzes() -> None:
    course = sample_course(mastery_score=70)
    data = course_data(course, Catalog("fi"))
    # Module 1: a graded quiz, 2 attempts; module 2: practice only; module 3: a pooled quiz.
    fresh = {"visited": [False, False, False], "quizzes": [{"attempts": 0, "best": None}] * 3}
    assert states(data, fresh) == ["not-started"] * 3
    seen = {**fresh, "visited": [True, True, True]}
    assert states(data, seen) == ["in-progress", "done", "in-progress"]
    low = {"attempts": 1, "best": 5000}
    passed = {"attempts": 1, "best": 8000}
    assert states(data, {**seen, "quizzes": [low, fresh["quizzes"][1], passed]}) == [
        "in-progress",  # below the pass mark with an attempt left
        "done",
        "passed",
    ]
    used = {"attempts": 2, "best": 5000}
    assert states(data, {**seen, "quizzes": [used, fresh["quizzes"][1], passed]})[0] == "failed"
    # Once the course's result is final nothing can change: below the mark is failed.
    assert states(data, {**seen, "quizzes": [low, fresh["quizzes"][1], passed]}, True)[0] == (
        "failed"
    )
