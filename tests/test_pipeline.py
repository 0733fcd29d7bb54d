"""One problem pipeline: build, check and the preview report the very same problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from scormbuild.commands.build import build
from scormbuild.commands.check import check
from scormbuild.errors import CourseError
from scormbuild.pipeline import gather
from scormbuild.preview.site import PreviewSite
from tests.brokenkit import CASES, case_file, prepare
from tests.coursekit import MODULE, write_course

WARNINGS = MODULE.format(title="More") + "\n### Deep\n\n![](../assets/pic.png)\n"


@pytest.mark.parametrize("name", CASES)
def test_build_check_and_preview_agree(tmp_path: Path, name: str) -> None:
    course, dist = prepare(name, tmp_path)
    strict = "--strict" in case_file(name, "args.txt")
    report = check(course, strict=strict)
    with pytest.raises(CourseError) as info:
        build(course, dist, strict=strict)
    assert info.value.problems == report.problems
    if not strict:
        state = PreviewSite(course).rebuild()
        assert not state.ok and state.problems == report.problems


def test_warnings_are_the_same_everywhere(tmp_path: Path) -> None:
    course = write_course(
        tmp_path / "c",
        {"modules/02-more.md": WARNINGS, "assets/pic.png": b"\x89PNG\r\n\x1a\n"},
    )
    report = check(course)
    assert [p.code for p in report.problems] == ["headings", "alt"]
    assert build(course, tmp_path / "dist").warnings == report.problems
    state = PreviewSite(course).rebuild()
    assert state.ok and state.problems == report.problems


def test_repeats_are_collapsed_and_strict_promotes(tmp_path: Path) -> None:
    """A problem both languages find is reported once; --strict makes warnings errors."""
    yml = "id: d\ntitle: D\nversion: 1\nlanguage: en\nlanguages: [en, fi]\n"
    yml += "theme:\n  logo: assets/logo.svg\n"
    files: dict[str, str | bytes] = {
        "course.yml": yml,
        "modules/01-intro.md": MODULE.format(title="Intro"),
        "modules/01-intro.fi.md": MODULE.format(title="Johdanto"),
        "modules/02-more.md": MODULE.format(title="More"),
        "modules/02-more.fi.md": MODULE.format(title="Lisää"),
        "assets/unused.png": b"\x89PNG\r\n\x1a\n",
    }
    course = write_course(tmp_path, files)
    (problem,) = gather(course).problems
    assert problem.format() == (
        "course.yml:7: error: theme logo 'assets/logo.svg' is missing\n"
        "  hint: check the name, or add the file"
    )
    (course / "assets/logo.svg").write_text("<svg/>")
    (problem,) = gather(course).problems
    assert (problem.location.path, problem.level) == ("assets/unused.png", "warning")
    (strict,) = gather(course, strict=True).problems
    assert strict.level == "error"


def test_schema_folder_from_course_yml_is_checked_by_check_too(tmp_path: Path) -> None:
    yml = "id: d\ntitle: D\nversion: 1\nlanguage: en\nschemas: xsd\n"
    course = write_course(tmp_path, {"course.yml": yml})
    (tmp_path / "xsd").mkdir()
    (problem,) = check(course).problems
    assert problem.format().startswith("course.yml:5: error: schema directory")
    assert problem.hint and "control documents" in problem.hint
