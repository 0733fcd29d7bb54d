"""Links, images and quiz files: each problem at the line that names it, saying what the path
is relative to, with the name the author most likely meant."""

from __future__ import annotations

from pathlib import Path

import pytest

from scormbuild.commands.check import check
from scormbuild.options import did_you_mean
from scormbuild.source.load import read_course
from scormbuild.source.memo import ModuleMemo
from tests.coursekit import write_course

# Front matter and a heading; the paragraph starts on line 7.
HEAD = "---\ntitle: More\n---\n\n# More\n\n"
PARAGRAPH = "A paragraph that\ngoes on over\nseveral lines, with {x} on\nthe third of them.\n"


def errors(tmp_path: Path, body: str, files: dict[str, str | bytes] | None = None) -> list[str]:
    course = write_course(tmp_path, {"modules/02-more.md": HEAD + body, **(files or {})})
    return [p.format() for p in check(course).errors]


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        (
            "[the intro](01-intr.md)",
            "link to 'modules/01-intr.md', which is not a module of this course\n"
            "  hint: did you mean '01-intro.md'?",
        ),
        (
            "[the intro](01-intro.md#intr)",
            "link to missing anchor '#intr' in modules/01-intro.md\n  hint: did you mean '#intro'?",
        ),
        (
            "[here](#mor)",
            "link to missing anchor '#mor' in modules/02-more.md\n  hint: did you mean '#more'?",
        ),
    ],
)
def test_a_broken_link_is_named_at_its_own_line(tmp_path: Path, link: str, expected: str) -> None:
    """Line 9 holds the link; markdown-it knows only that its paragraph starts on line 7."""
    assert errors(tmp_path, PARAGRAPH.replace("{x}", link)) == [
        f"modules/02-more.md:9: error: {expected}"
    ]


def test_a_missing_image_is_named_at_its_own_line(tmp_path: Path) -> None:
    (problem,) = errors(tmp_path, PARAGRAPH.replace("{x}", "![a chart](../assets/nope.png)"))
    assert problem.startswith("modules/02-more.md:9: error: ")


def test_lines_after_hard_breaks_and_inline_html(tmp_path: Path) -> None:
    body = "One\\\ntwo <span\nclass='x'>three</span>\n[bad](09-none.md)\n"
    (problem,) = errors(tmp_path, body)
    assert problem.startswith("modules/02-more.md:10: error: link to 'modules/09-none.md'")


def test_without_a_close_name_the_few_headings_are_listed(tmp_path: Path) -> None:
    intro = "---\ntitle: Intro\n---\n\n# Intro\n\n## Goals\n\nText.\n\n## Terms\n\nText.\n"
    (problem,) = errors(tmp_path, "[x](01-intro.md#zzz)\n", {"modules/01-intro.md": intro})
    assert problem.endswith("hint: its headings: #intro, #goals, #terms")


def test_module_names_are_suggested_as_the_author_writes_them() -> None:
    assert did_you_mean("02-interviws.md", ["01-intro.md", "02-interviews.md"], "modules") == (
        "did you mean '02-interviews.md'?"
    )
    assert did_you_mean("x.md", ["01-intro.md", "02-more.md"], "modules") == (
        "modules: 01-intro.md, 02-more.md"
    )
    assert did_you_mean("x.md", [f"{n:02}-m.md" for n in range(20)], "modules") is None


PNG = b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    ("wrote", "expected"),
    [
        (
            "![cycle](../assets/lifecyle.svg)",
            "missing file '../assets/lifecyle.svg' (assets/lifecyle.svg, relative to modules/)\n"
            "  hint: did you mean '../assets/lifecycle.svg'?",
        ),
        (
            "![cycle](../asets/lifecycle.svg)",
            "'../asets/lifecycle.svg' is not in assets/ (it is asets/lifecycle.svg, relative to "
            "modules/): only files in assets/ can be used here\n"
            "  hint: did you mean '../assets/lifecycle.svg'?",
        ),
        (
            "![cycle](../assets/Lifecycle.svg)",
            "missing file '../assets/Lifecycle.svg' (assets/Lifecycle.svg, relative to modules/)\n"
            "  hint: did you mean '../assets/lifecycle.svg'?",
        ),
        (
            "![cycle](../assets/lifecycle.png)",
            "missing file '../assets/lifecycle.png' (assets/lifecycle.png, relative to modules/)\n"
            "  hint: did you mean '../assets/lifecycle.svg'?",
        ),
        (
            "![cycle](lifecycle.svg)",
            "'lifecycle.svg' is not in assets/ (it is modules/lifecycle.svg, relative to "
            "modules/): only files in assets/ can be used here\n"
            "  hint: did you mean '../assets/lifecycle.svg'?",
        ),
        (
            "[the notes](../assets/note.pdf)",
            "missing file '../assets/note.pdf' (assets/note.pdf, relative to modules/)\n"
            "  hint: did you mean '../assets/notes.pdf'?",
        ),
        (
            "![chart](../assets/chart.png)",  # nothing close: no guess
            "missing file '../assets/chart.png' (assets/chart.png, relative to modules/)\n"
            "  hint: check the name, or add the file",
        ),
        (
            "![cycle](../../lifecycle.svg)",
            "'../../lifecycle.svg' leaves the course folder (relative to modules/)\n"
            "  hint: keep every file the course uses inside the course folder",
        ),
    ],
)
def test_a_missing_file_names_its_base_and_the_closest_file(
    tmp_path: Path, wrote: str, expected: str
) -> None:
    files: dict[str, str | bytes] = {
        "assets/lifecycle.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>',
        "assets/notes.pdf": b"%PDF-1.4",
        "assets/pic.png": PNG,
    }
    body = f"{wrote}\n\n![pic](../assets/pic.png) [n](../assets/notes.pdf)\n"
    body += "![c](../assets/lifecycle.svg)\n"
    assert errors(tmp_path, body, files) == [f"modules/02-more.md:7: error: {expected}"]


QUIZ_FILE = (
    "id: final\ntitle: Final\nquestions:\n  - id: f1\n    type: truefalse\n"
    "    prompt: Yes?\n    answer: true\n"
)


@pytest.mark.parametrize(
    "wrote", ["../quizzes/final.yml", "quizzes/final.yml", "./quizzes/final.yml"]
)
def test_a_quiz_file_is_relative_to_the_module_or_in_the_older_form_to_the_course(
    tmp_path: Path, wrote: str
) -> None:
    body = f"```quiz\nfile: {wrote}\n```\n"
    course = write_course(
        tmp_path, {"modules/02-more.md": HEAD + body, "quizzes/final.yml": QUIZ_FILE}
    )
    report = check(course)
    assert not report.errors, report.to_text()


@pytest.mark.parametrize(
    ("wrote", "expected"),
    [
        (
            "../quizzes/finl.yml",
            "missing quiz file '../quizzes/finl.yml' (quizzes/finl.yml, relative to modules/)\n"
            "  hint: did you mean '../quizzes/final.yml'?",
        ),
        (
            "quizzes/finl.yml",
            "missing quiz file 'quizzes/finl.yml' (relative to the course folder)\n"
            "  hint: did you mean 'quizzes/final.yml'?",
        ),
        (
            "final.yml",
            "'final.yml' is not in quizzes/ (it is modules/final.yml, relative to modules/): "
            "only files in quizzes/ can be used here\n"
            "  hint: did you mean '../quizzes/final.yml'?",
        ),
        (
            "../../quizzes/final.yml",
            "'../../quizzes/final.yml' leaves the course folder (relative to modules/)\n"
            "  hint: keep every file the course uses inside the course folder",
        ),
    ],
)
def test_a_quiz_file_error_names_its_base(tmp_path: Path, wrote: str, expected: str) -> None:
    body = f"```quiz\nfile: {wrote}\n```\n"
    assert errors(tmp_path, body, {"quizzes/final.yml": QUIZ_FILE}) == [
        f"modules/02-more.md:8: error: {expected}"
    ]


def test_a_variant_quiz_file_suggests_its_own_language(tmp_path: Path) -> None:
    """In a Swedish module 'file:' keeps the primary name; the .sv. file is the one looked for."""
    course = write_course(
        tmp_path,
        {
            "course.yml": "id: demo\ntitle: Demo\nversion: 1.0.0\nlanguage: en\n"
            "languages: [en, sv]\n",
            "modules/01-intro.md": "---\ntitle: Intro\n---\n\nText.\n",
            "modules/01-intro.sv.md": "---\ntitle: Intro\n---\n\nText.\n",
            "modules/02-more.md": HEAD + "```quiz\nfile: ../quizzes/final.yml\n```\n",
            "modules/02-more.sv.md": HEAD + "```quiz\nfile: ../quizzes/final.yml\n```\n",
            "quizzes/final.yml": QUIZ_FILE,
            "quizzes/finall.sv.yml": QUIZ_FILE,
        },
    )
    assert [p.format() for p in check(course).errors] == [
        "modules/02-more.sv.md:8: error: missing quiz file '../quizzes/final.sv.yml' "
        "(quizzes/final.sv.yml, relative to modules/)\n"
        "  hint: did you mean '../quizzes/finall.sv.yml'?"
    ]


def test_the_preview_suggests_a_file_added_since_the_last_rebuild(tmp_path: Path) -> None:
    """Folder listings are among what a remembered module depends on (source/memo.py)."""
    course = write_course(tmp_path, {"modules/02-more.md": HEAD + "![a](../assets/cycle.png)\n"})
    memo = ModuleMemo()
    _loaded, first = read_course(course, memo)
    assert [p.hint for p in first if p.level == "error"] == ["check the name, or add the file"]
    (course / "assets").mkdir()
    (course / "assets" / "cycles.png").write_bytes(PNG)
    _loaded, again = read_course(course, memo)
    assert [p.hint for p in again if p.level == "error"] == ["did you mean '../assets/cycles.png'?"]


def test_a_module_listed_in_course_yml_suggests_the_closest_file(tmp_path: Path) -> None:
    yml = "id: demo\ntitle: Demo\nversion: 1.0.0\nlanguage: en\nmodules: [01-intro.md, 02-mor.md]\n"
    (problem,) = check(write_course(tmp_path, {"course.yml": yml})).errors
    assert problem.format() == (
        "course.yml:5: error: module 'modules/02-mor.md' listed in 'modules' is missing\n"
        "  hint: did you mean '02-more.md'?"
    )
