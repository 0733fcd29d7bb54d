"""Course Markdown -> HTML and problems, one fixture case at a time (tests/fixtures/markdown/).

Each case is read with markdown-it-py's own ``read_fixture_file``: a title line, then input
and expected output, each closed by a line '.'. The input is rendered with ``md.render()``
as a module of a course whose files are held in memory, and its figures and players are
filled in from the default theme's templates as the page shows them (quizzes stay
placeholders). In ``*problems*.md`` files the expected output is the problems reported.

Run with SCORMBUILD_REGEN=1 to rewrite the expected outputs after an intended change.
"""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it.common.normalize_url import normalizeLink
from markdown_it.utils import read_fixture_file

from scormbuild.errors import Problem
from scormbuild.model import Asset, Module
from scormbuild.render.files import fill_files
from scormbuild.render.pages import fill_placeholders
from scormbuild.render.theme import make_environment
from scormbuild.source.markdown import labels_for, make_markdown
from scormbuild.source.markdown.env import SourceEnv, module_env
from scormbuild.source.modules import page_ids
from scormbuild.source.paths import Kind, PathProblem
from scormbuild.strings import Catalog

FIXTURES = Path(__file__).parent / "fixtures" / "markdown"
FILES = {
    "modules/01-intro.md": b"",
    "assets/pic.png": b"\x89PNG\r\n\x1a\n",
    "assets/talk.mp4": b"\x00\x00\x00\x18ftypmp42",
    "assets/talk.vtt": b"WEBVTT\n",
    "assets/song.mp3": b"ID3",
    "assets/song.en.vtt": b"WEBVTT\n",
    "assets/song.txt": b"Lyrics",
    "assets/guide.pdf": b"%PDF-1.4\n" + b" " * 1_234_558,
    "assets/handout.html": b"<p>A handout</p>",
    "assets/silent.mp4": b"\x00\x00\x00\x18ftypmp42",
    "quizzes/check.yml": (
        b"id: check\nquestions:\n  - id: c1\n    type: truefalse\n    prompt: Yes?\n"
        b"    answer: true\n"
    ),
}


class MemoryFiles:
    """A course's files held in a dict: what the plugins reach through ``env``."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files

    def resolve(self, target: str, folder: str, under: str = "") -> str:
        if target.startswith("/"):
            raise PathProblem(f"absolute path '{target}'")
        path = posixpath.normpath(posixpath.join(folder, target))
        if path.startswith("../") or path == "..":
            raise PathProblem(f"'{target}' leaves the course folder")
        if under and not path.startswith(under + "/"):
            raise PathProblem(f"'{target}' is not in {under}/", code="place")
        return path

    def kind(self, path: str) -> Kind:
        return "file" if path in self.files else "missing"

    def names(self, folder: str) -> tuple[str, ...]:
        prefix = f"{folder}/" if folder else ""
        return tuple(
            sorted({p[len(prefix) :].split("/")[0] for p in self.files if p.startswith(prefix)})
        )

    def read_bytes(self, path: str, limit: int) -> bytes:
        if path not in self.files:
            raise PathProblem(f"cannot read '{path}'", code="read")
        return self.files[path]


# The course's files as the loader records them: links to them say their sizes.
ASSETS = {path: Asset(path, Path(path), len(data)) for path, data in FILES.items()}
MD = make_markdown()
THEME = make_environment(None)
# The glossary's words, as a course with glossary.yml gives them (casefolded word -> term id).
TERMS = {"retrospective": "retro", "retrospectives": "retro", "lesson": "lesson"}


def render(text: str) -> tuple[str, list[Problem]]:
    """The page's HTML of ``text`` as module 02 of an English course, and its problems."""
    problems: list[Problem] = []
    source = SourceEnv("modules/02-more.md", "en", "", MemoryFiles(FILES), problems.append)
    html = MD.render(text, module_env(source, labels_for("en"), TERMS))
    found = source.found
    module = Module(
        "m02-more", "02-more", "More", html, source.path,
        figures=tuple(found.figures), media=tuple(found.media), blocks=tuple(found.blocks),
    )  # fmt: skip
    html = fill_placeholders(THEME, module, {}, "en")
    return fill_files(THEME, html, ASSETS.values(), Catalog("en")), problems


def output(path: Path, text: str) -> str:
    html, problems = render(text)
    if "problems" in path.name:
        return "".join(p.format() + "\n" for p in problems)
    errors = [p.format() for p in problems if p.level == "error"]
    assert not errors, errors
    return html


CASES = [(path, case) for path in sorted(FIXTURES.glob("*.md")) for case in read_fixture_file(path)]


@pytest.mark.parametrize(("path", "case"), CASES, ids=[f"{p.stem}: {c[1]}" for p, c in CASES])
def test_fixture(path: Path, case: list[object]) -> None:
    _line, title, text, expected = case
    assert isinstance(text, str) and isinstance(expected, str)
    actual = output(path, text)
    if os.environ.get("SCORMBUILD_REGEN"):
        cases = [(t, s, actual if t == title else e) for _line, t, s, e in read_fixture_file(path)]
        path.write_text("".join(f"{t}\n.\n{s}.\n{e}.\n\n" for t, s, e in cases).rstrip("\n") + "\n")
        return
    assert actual == expected


def test_without_a_module_the_plugins_leave_the_text_alone() -> None:
    """A quiz text or a benchmark renders with no course: links and images stay as written."""
    html = MD.render("![x](../assets/none.png) [y](nowhere.md)\n")
    assert html == '<p><img src="../assets/none.png" alt="x" /> <a href="nowhere.md">y</a></p>\n'


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="aZ09_.~/#-?%: é\\", max_size=14) | st.text(max_size=8))
@example("../assets/img/image-000.png")
@example("//host/a")
def test_links_are_normalized_as_markdown_it_normalizes_them(url: str) -> None:
    assert LINKS.normalizeLink(url) == normalizeLink(url)


LINKS = make_markdown()


@settings(max_examples=2000, deadline=None)
@given(
    st.lists(st.sampled_from([" ", "\n", "\xa0", "x", "=", '"', "id", 'id="', "i"])).map("".join)
)
@example('xid=" id="b" <p id="c">')
def test_page_ids_are_the_pattern_s(html: str) -> None:
    assert page_ids(html) == re.findall(r'\sid="([^"]+)"', html)
