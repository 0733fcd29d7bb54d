"""A render that reuses the pages of the last one returns what a fresh render does."""

from __future__ import annotations

from pathlib import Path

import pytest

from scormbuild.model import Course, OutputFile
from scormbuild.pipeline import BuildCache
from scormbuild.render import pages as render
from scormbuild.render.pagefiles import PageFiles, page_files
from scormbuild.render.theme import make_environment
from scormbuild.source.load import load_course
from tests.coursekit import COURSE_YML, MODULE, QUIZ, write_course


def files(root: Path) -> dict[str, str | bytes]:
    return {
        "modules/03-third.md": MODULE.format(title="Third") + "\n" + QUIZ.format(qid="third"),
        "modules/04-last.md": MODULE.format(title="Last") + "\n[Guide](../assets/guide.pdf)\n",
        "assets/guide.pdf": b"%PDF-1.4\n" + b" " * 2000,
    }


def both(root: Path, cache: BuildCache) -> tuple[list[OutputFile], list[OutputFile]]:
    """(reusing render, fresh render) of the course as it is now."""
    (course,) = load_course(root, cache.modules).courses
    reused = render.render_course(course, cache.themes.environment(course.templates), cache.pages)
    return reused, render.render_course(course, make_environment(course.templates))


EDITS = {
    # A neighbour's title is in the previous/next links of the pages beside it.
    "a neighbour's title": ("modules/02-more.md", MODULE.format(title="Renamed")),
    # Quizzes are numbered across the course: a new one shifts those after it.
    "a quiz added earlier": (
        "modules/02-more.md",
        MODULE.format(title="More") + "\n" + QUIZ.format(qid="added"),
    ),
    "the course title": ("course.yml", COURSE_YML.replace("Demo course", "Another title")),
    "a UI string": ("course.yml", COURSE_YML + "strings:\n  next: Onwards\n"),
    # A link to a file says its size, which the module's text does not hold.
    "a linked file's size": ("assets/guide.pdf", b"%PDF-1.4\n" + b" " * 20_000),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_reused_pages_follow_every_edit(tmp_path: Path, edit: str) -> None:
    root = write_course(tmp_path, files(tmp_path))
    cache = BuildCache()
    reused, fresh = both(root, cache)
    assert reused == fresh
    path, text = EDITS[edit]
    write_course(root, {**files(tmp_path), path: text})
    reused, fresh = both(root, cache)
    assert reused == fresh
    assert reused != both(write_course(tmp_path / "before", files(tmp_path)), BuildCache())[1]


def test_unchanged_pages_are_not_rendered_again(tmp_path: Path) -> None:
    """A kept page comes back as the very bytes it was; only the changed one is new."""
    root = write_course(tmp_path, files(tmp_path))
    cache = BuildCache()
    before, _ = both(root, cache)
    write_course(root, {"modules/04-last.md": MODULE.format(title="Last") + "\nMore text.\n"})
    (course,) = load_course(root, cache.modules).courses
    after = render.render_course(course, cache.themes.environment(course.templates), cache.pages)
    pages = [(a, b) for a, b in zip(after, before, strict=True) if a.path.startswith("modules/")]
    fresh = [a.path for a, b in pages if a.data is not b.data]
    # Its neighbour's links did not change; the cover and finish pages, which list every
    # module, are two small templates made again each time, and the print view is made from
    # the module pages as they are now.
    assert fresh == [
        "modules/04-last.html",
        "modules/cover.html",
        "modules/finish.html",
        "modules/print.html",
    ]


def test_course_data_of_unchanged_quizzes_is_kept(tmp_path: Path) -> None:
    """The content hashes of course-data.js are worked out again only for what changed."""
    root = write_course(tmp_path, files(tmp_path))
    cache = BuildCache()
    both(root, cache)
    (memo,) = cache.pages.data.values()
    kept = {id(obj): value for obj, value in memo.current.values() if isinstance(value, dict)}
    assert kept  # the quiz of 03-third.md
    write_course(root, {**files(tmp_path), "modules/04-last.md": MODULE.format(title="Later")})
    reused, fresh = both(root, cache)
    assert reused == fresh
    again = {id(obj): value for obj, value in memo.current.values() if isinstance(value, dict)}
    assert again.keys() == kept.keys()
    assert all(again[k] is kept[k] for k in kept)


def test_what_pages_load_is_worked_out_once_per_render(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Whether a file ships looks through every quiz and block of the course: once a render,
    # fresh or reusing, whatever the number of pages.
    root = write_course(tmp_path, files(tmp_path))
    calls: list[str] = []

    def counted(course: Course) -> PageFiles:
        calls.append(course.language)
        return page_files(course)

    monkeypatch.setattr(render, "page_files", counted)
    cache = BuildCache()
    reused, fresh = both(root, cache)
    assert reused == fresh
    assert len([f for f in fresh if f.path.startswith("modules/0")]) == 4
    assert calls == ["en", "en"]
