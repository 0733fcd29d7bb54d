"""``scormbuild check``: text and JSON reports, --strict, and the library behind them."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from scormbuild.cli import main
from scormbuild.commands.check import check
from tests.coursekit import MODULE, write_course

SKIPPED = MODULE.format(title="More") + "\n### Deep\n\n![](../assets/pic.png)\n"
EXAMPLE = Path(__file__).resolve().parents[1] / "course"
BROKEN_QUIZ = MODULE.format(title="Intro") + "\n```quiz\nid: q\ntitle: [unclosed\n```\n"


def course_with_warnings(tmp_path: Path) -> Path:
    return write_course(
        tmp_path, {"modules/02-more.md": SKIPPED, "assets/pic.png": b"\x89PNG\r\n\x1a\n"}
    )


def test_clean_course_passes(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(write_course(tmp_path)), "--strict"])
    assert result.exit_code == 0, result.output
    assert "no problems found" in result.output


def test_the_example_course_passes_strict() -> None:
    """The example course shows authors the way: not one warning, tables fit a phone."""
    result = CliRunner().invoke(main, ["check", str(EXAMPLE), "--strict"])
    assert result.exit_code == 0, result.output
    assert "no problems found" in result.output


def test_warnings_are_listed_with_lines_and_hints(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(course_with_warnings(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "modules/02-more.md:9: warning: heading 'Deep' skips from level 1 to 3" in result.output
    assert "modules/02-more.md:11: warning: image without alt text" in result.output
    assert "  hint: use ## here" in result.output
    assert "0 errors, 2 warnings" in result.output


def test_strict_turns_warnings_into_errors(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(course_with_warnings(tmp_path)), "--strict"])
    assert result.exit_code == 1
    assert "modules/02-more.md:9: error: heading 'Deep'" in result.output
    assert "2 errors, 0 warnings" in result.output


def test_json_format(tmp_path: Path) -> None:
    course = write_course(tmp_path, {"modules/01-intro.md": BROKEN_QUIZ})
    result = CliRunner().invoke(main, ["check", str(course), "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["errors"] == 1 and report["warnings"] == 0
    (problem,) = report["problems"]
    assert problem["path"] == "modules/01-intro.md"
    assert (problem["line"], problem["column"], problem["level"]) == (11, 8, "error")
    assert problem["message"] == "the '[' opened here is never closed"
    assert problem["hint"].startswith("end the items with ']' on this line")


def test_every_module_problem_in_one_run(tmp_path: Path) -> None:
    course = write_course(
        tmp_path,
        {
            "modules/01-intro.md": BROKEN_QUIZ,
            "modules/02-more.md": "---\ntitel: More\n---\n\n# More\n",
            "modules/03-last.md": MODULE.format(title="Last") + "\n![x](../assets/none.png)\n",
        },
    )
    report = check(course)
    assert [(p.location.path, p.location.line) for p in report.errors] == [
        ("modules/01-intro.md", 11),
        ("modules/02-more.md", 2),
        ("modules/03-last.md", 9),
    ]
    # The typo of a required key is one error, at the typo, not also a missing 'title'.
    assert "modules/02-more.md:2: error: unknown front matter key 'titel'" in report.to_text()
    assert "did you mean 'title'?" in report.to_text()


def test_missing_course_is_reported_not_raised(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert "no course.yml" in result.output
    assert "scormbuild new" in result.output
