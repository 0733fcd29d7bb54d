"""A brand colour too light for text on white is a warning that names the colour the pages use."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scormbuild.commands.check import check
from scormbuild.render.theme import contrast, parse_color
from tests.coursekit import COURSE_YML, write_course


def problems(tmp_path: Path, color: str, strict: bool = False) -> list[str]:
    course = write_course(
        tmp_path, {"course.yml": COURSE_YML + f"theme:\n  brand_color: '{color}'\n"}
    )
    report = check(course, strict=strict)
    return [p.format() for p in [*report.errors, *report.warnings]]


def test_a_light_colour_is_named_with_the_darker_one(tmp_path: Path) -> None:
    (said,) = problems(tmp_path, "#ffdd00")
    assert said == (
        "course.yml:8: warning: the brand colour '#ffdd00' has a contrast of 1.3:1 on white, "
        "below the 4.5:1 of WCAG 2.1 AA: the pages show it darkened to '#7f6f00'\n"
        "  hint: write brand_color: '#7f6f00' (or a darker colour) to see it as the learner will"
    )


@pytest.mark.parametrize("color", ["#ffdd00", "#7fb3d5", "#ffffff", "#00aaff", "#e0e0e0"])
def test_the_suggested_colour_is_what_the_pages_use_and_has_no_warning(
    tmp_path: Path, color: str
) -> None:
    (said,) = problems(tmp_path / "light", color)
    darker = re.findall(r"darkened to '(#[0-9a-f]{6})'", said)[0]
    assert contrast(parse_color(darker), (255, 255, 255)) >= 4.5
    assert problems(tmp_path / "dark", darker) == []


@pytest.mark.parametrize("color", ["#00578a", "#000000", "#1a5e20", "#767676"])
def test_a_colour_with_enough_contrast_is_quiet(tmp_path: Path, color: str) -> None:
    assert problems(tmp_path, color) == []


def test_strict_makes_it_an_error(tmp_path: Path) -> None:
    (said,) = problems(tmp_path, "#7fb3d5", strict=True)
    assert said.startswith("course.yml:8: error: the brand colour '#7fb3d5'")
