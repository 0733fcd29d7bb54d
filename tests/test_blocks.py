"""Interactive blocks and the glossary through the whole pipeline: what a package ships for
the blocks its course uses, what the language versions must agree on, glossary.yml's errors.

The syntax itself is covered by the Markdown fixtures (tests/fixtures/markdown/blocks*.md);
the blocks at work by tests/browser/test_blocks.py.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from scormbuild.commands.build import build
from scormbuild.errors import CourseError
from scormbuild.source.load import load_course, read_course
from tests.coursekit import BILINGUAL, MODULE, write_course

TABS = """
::: tabs
::: tab One
First.
:::
::: tab Two
Second.
:::
:::
"""
TIMELINE = """
::: steps timeline
::: step March
Starts.
:::
::: step June
Ends.
:::
:::
"""
GLOSSARY = "lesson:\n  term: Lesson\n  forms: [lessons]\n  definition: What we learned.\n"


def shipped(tmp_path: Path, files: dict[str, str | bytes]) -> dict[str, bytes]:
    """The learner code files (scormbuild/*.js, *.css) of the course's one package."""
    course = write_course(tmp_path / "course", files)
    result = build(course, tmp_path / "dist")
    with zipfile.ZipFile(result.packages[0]) as zf:
        return {n: zf.read(n) for n in zf.namelist() if n.startswith(("scormbuild/", "modules/"))}


def test_a_course_without_blocks_ships_no_block_code(tmp_path: Path) -> None:
    files = shipped(tmp_path, {})
    assert "scormbuild/blocks.js" not in files and "scormbuild/blocks.css" not in files
    assert b"blocks.css" not in files["modules/02-more.html"]


def test_only_the_blocks_used_are_shipped(tmp_path: Path) -> None:
    files = shipped(tmp_path, {"modules/02-more.md": MODULE.format(title="More") + TABS})
    js = files["scormbuild/blocks.js"].decode()
    css = files["scormbuild/blocks.css"].decode()
    assert "sb-tabs" in js and "sb-accordion" not in js and "sb-scenario" not in js
    assert ".sb-tablist" in css and ".sb-acc-button" not in css
    page = files["modules/02-more.html"].decode()
    assert "scormbuild/blocks.js" in page and "scormbuild/blocks.css" in page


def test_a_course_without_quizzes_ships_no_quiz_interface(tmp_path: Path) -> None:
    files = shipped(tmp_path, {"modules/01-intro.md": MODULE.format(title="Intro")})
    assert "scormbuild/quiz-ui.js" not in files and b".SBQuiz=" in files["scormbuild/core.js"]
    assert b"quiz-ui.js" not in files["modules/01-intro.html"]
    with_quiz = shipped(tmp_path / "q", {})
    assert b"quiz-ui.js" in with_quiz["modules/01-intro.html"]


def test_timelines_need_no_script(tmp_path: Path) -> None:
    files = shipped(tmp_path, {"modules/02-more.md": MODULE.format(title="More") + TIMELINE})
    assert "scormbuild/blocks.js" not in files
    assert b".sb-timeline" in files["scormbuild/blocks.css"]
    assert b"blocks.js" not in files["modules/02-more.html"]


def test_marker_places_go_to_the_stylesheet(tmp_path: Path) -> None:
    graphic = (
        "\n::: graphic\n![A plan](../assets/p.png)\n\n::: marker 12.5 80 Goal\nText.\n:::\n:::\n"
    )
    files = shipped(
        tmp_path,
        {"modules/02-more.md": MODULE.format(title="More") + graphic, "assets/p.png": b"\x89PNG"},
    )
    assert b"#m02-more-b1-m1{left:12.5%;top:80%}" in files["scormbuild/blocks.css"]
    assert b"style=" not in files["modules/02-more.html"]  # the pages' CSP forbids them


def test_glossary_page_and_definitions(tmp_path: Path) -> None:
    text = MODULE.format(title="More") + "\nTwo [lessons]{.term}.\n"
    files = shipped(tmp_path, {"modules/02-more.md": text, "glossary.yml": GLOSSARY})
    page = files["modules/02-more.html"].decode()
    assert 'href="glossary.html#sb-term-lesson"' in page
    assert '<dd id="sb-def-lesson">What we learned.</dd>' in page
    glossary = files["modules/glossary.html"].decode()
    assert '<dt id="sb-term-lesson">Lesson</dt>' in glossary
    assert b"sb-term" in files["scormbuild/blocks.js"]


def test_glossary_is_in_alphabetical_order_of_the_language(tmp_path: Path) -> None:
    glossary = "".join(
        f"{i}:\n  term: {word}\n  definition: x\n"
        for i, word in (("o", "Öljy"), ("a", "Ääni"), ("r", "Åbo"), ("z", "Zeta"), ("b", "aamu"))
    )
    files = shipped(tmp_path, {"glossary.yml": glossary})
    page = files["modules/glossary.html"].decode()
    order = [page.index(f">{w}</dt>") for w in ("aamu", "Zeta", "Åbo", "Ääni", "Öljy")]
    assert order == sorted(order)


def test_hostile_html_in_a_block_is_an_error_and_never_reaches_the_page(tmp_path: Path) -> None:
    hostile = TABS.replace(
        "First.", '<img src="x.png" onerror="alert(1)">\n\n<script>bad()</script>'
    )
    hostile = hostile.replace("::: tab Two", "::: tab Two <b onclick=alert(2)>x</b>")
    found = problems(tmp_path, {"modules/02-more.md": MODULE.format(title="More") + hostile})
    assert any("'onerror'" in p and p.startswith("modules/02-more.md:") for p in found), found
    assert any("scripts are not allowed" in p for p in found), found
    hostile = TABS.replace("::: tab Two", "::: tab Two <b onclick=alert(2)>x</b> [l](javascript:x)")
    found = problems(
        tmp_path / "title", {"modules/02-more.md": MODULE.format(title="More") + hostile}
    )
    assert "modules/02-more.md:13: error: a 'javascript:' link is not allowed" in found[0], found
    assert "modules/02-more.md:13: error: the event handler 'onclick'" in found[1], found


def test_a_term_in_an_item_title_is_an_error(tmp_path: Path) -> None:
    text = MODULE.format(title="More") + TABS.replace("::: tab Two", "::: tab Two [lessons]{.term}")
    found = problems(tmp_path, {"modules/02-more.md": text, "glossary.yml": GLOSSARY})
    assert [p.splitlines()[0] for p in found] == [
        "modules/02-more.md:13: error: a glossary term cannot be marked in an item's title"
    ]


def problems(tmp_path: Path, files: dict[str, str | bytes]) -> list[str]:
    course = write_course(tmp_path / "course", files)
    _loaded, found = read_course(course)
    return [p.format() for p in found]


def test_language_versions_have_the_same_blocks(tmp_path: Path) -> None:
    swapped = TABS.replace("::: tabs", "::: accordion").replace("::: tab ", "::: panel ")
    found = problems(
        tmp_path,
        {
            **BILINGUAL,
            "modules/02-more.md": MODULE.format(title="More") + TABS,
            "modules/02-more.sv.md": MODULE.format(title="More sv") + swapped,
        },
    )
    assert any(
        p.startswith("modules/02-more.sv.md:9: error: '::: accordion' with 2 items differs")
        for p in found
    ), found


def test_language_versions_have_the_same_marker_places(tmp_path: Path) -> None:
    def graphic(x: int) -> str:
        return f"\n::: graphic\n![A](../assets/p.png)\n\n::: marker {x} 50 Goal\nText.\n:::\n:::\n"

    found = problems(
        tmp_path,
        {
            **BILINGUAL,
            "assets/p.png": b"\x89PNG",
            "modules/02-more.md": MODULE.format(title="More") + graphic(10),
            "modules/02-more.sv.md": MODULE.format(title="More sv") + graphic(11),
        },
    )
    assert any("differs from block 1 of modules/02-more.md" in p for p in found), found


def test_every_language_needs_the_glossary_with_the_same_terms(tmp_path: Path) -> None:
    found = problems(tmp_path, {**BILINGUAL, "glossary.yml": GLOSSARY})
    assert found == [
        "glossary.sv.yml: error: missing glossary.sv.yml: the course has glossary.yml\n"
        "  hint: translate its terms"
    ]
    other = "other:\n  term: Annat\n  definition: x\n"
    found = problems(tmp_path, {**BILINGUAL, "glossary.yml": GLOSSARY, "glossary.sv.yml": other})
    assert "glossary.sv.yml:1: error: term 'other' is not in glossary.yml" in found[0]
    assert found[1] == (
        "glossary.sv.yml: error: terms of glossary.yml missing here: lesson\n"
        "  hint: the ids are the same in every language: translate each term"
    )


@pytest.mark.parametrize(
    ("glossary", "says"),
    [
        ("- a\n- b\n", "glossary.yml:1: error: glossary.yml must map term ids to terms"),
        ("bad id:\n  term: X\n  definition: y\n", "term id 'bad id' is not letters"),
        ("x: just text\n", "glossary.yml:1: error: 'x' needs 'term:' and 'definition:'"),
        ("x:\n  term: X\n", "glossary.yml:2: error: 'x' needs 'definition:'"),
        ("x:\n  term: X\n  definiton: y\n", "glossary.yml:3: error: unknown key 'definiton'"),
        ("x:\n  term: X\n  definition: y\n  forms: z\n", "'forms' must be a list of texts"),
        ("x: [\n", "glossary.yml:2"),
    ],
)
def test_glossary_errors_name_the_line(tmp_path: Path, glossary: str, says: str) -> None:
    found = problems(tmp_path, {"glossary.yml": glossary})
    assert any(p.startswith(says) or says in p for p in found), found
    # Each says how to mend it.
    assert all("\n  hint: " in p for p in found if p.startswith(says) or says in p), found


def test_a_term_without_a_glossary_is_an_error(tmp_path: Path) -> None:
    text = MODULE.format(title="More") + "\nA [lesson]{.term}.\n"
    course = write_course(tmp_path / "course", {"modules/02-more.md": text})
    with pytest.raises(CourseError) as info:
        load_course(course)
    assert "modules/02-more.md:9: error: 'lesson' is marked as a term, but the course has no" in (
        str(info.value)
    )


SCENARIO = """
::: scenario case scored{limit}
The project ends.
::: scene start
- [Share](#shared)
- [Archive](#archived)
:::
::: ending shared good
Shared.
:::
::: ending archived
Archived.
:::
:::
"""


@pytest.mark.parametrize(("limit", "attempts"), [("", 0), (" attempts=2", 2)])
def test_a_scored_scenario_keeps_its_attempt_limit(
    tmp_path: Path, limit: str, attempts: int
) -> None:
    body = MODULE.format(title="More") + SCENARIO.format(limit=limit)
    course = load_course(write_course(tmp_path / "c", {"modules/02-more.md": body})).courses[0]
    quiz = next(q for q in course.quizzes if q.kind == "scenario")
    assert (quiz.id, quiz.attempts) == ("case", attempts)
