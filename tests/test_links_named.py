"""Links and images in a module: each problem at the line of the link, with the names the
author most likely meant."""

from __future__ import annotations

from pathlib import Path

import pytest

from scormbuild.commands.check import check
from scormbuild.source.crossref import did_you_mean
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
