"""course.yml: each option declared once on the model, read with its line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scormbuild.courseconfig import CourseConfig, Theme
from scormbuild.errors import CourseError
from scormbuild.options import Section, declared
from scormbuild.source.config import for_language, load_config
from scormbuild.source.load import load_course
from tests.coursekit import write_course

REPO = Path(__file__).resolve().parents[1]
BASE = "id: demo\ntitle: Demo\nversion: 1.0.0\nlanguage: en\n"


def config_of(tmp_path: Path, text: str) -> CourseConfig:
    (tmp_path / "course.yml").write_text(text, encoding="utf-8")
    config, problems = load_config(tmp_path)
    assert config is not None, [p.format() for p in problems]
    return config


def problems_of(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "course.yml").write_text(text, encoding="utf-8")
    config, problems = load_config(tmp_path)
    assert config is None
    return [p.format() for p in problems]


def test_every_option_is_documented_in_the_format_reference() -> None:
    """The reference's course.yml example names every key the model declares."""
    text = (REPO / "docs/format.md").read_text(encoding="utf-8")
    example = text.split("## course.yml", 1)[1].split("```", 2)[1]
    keys = set(re.findall(r"^\s*([a-z_]+):", example, re.MULTILINE))
    for key, decl in declared(CourseConfig).items():
        assert key in keys, f"docs/format.md does not show '{key}'"
        assert decl.doc, f"'{key}' has no docstring"
        if isinstance(decl.option, Section):
            assert set(declared(decl.option.kind)) <= keys


def test_defaults_are_the_declared_ones(tmp_path: Path) -> None:
    config = config_of(tmp_path, BASE)
    for key, decl in declared(CourseConfig).items():
        if not decl.required and key != "languages":
            assert getattr(config, key) == decl.default, key
    assert config.languages == ("en",)
    assert config.theme == Theme()


def test_each_key_keeps_its_line(tmp_path: Path) -> None:
    config = config_of(tmp_path, BASE + "theme:\n  logo_alt: Logo\n  brand_color: '#112233'\n")
    assert config.line_of("id") == 1
    assert config.line_of("language") == 4
    assert config.line_of("theme.brand_color") == 7
    assert config.line_of("mastery_score") is None


def test_per_language_values_pick_the_primary_language_whatever_the_order(
    tmp_path: Path,
) -> None:
    text = (
        "id: demo\ntitle: {sv: Kurs, fi: Kurssi}\nversion: 1\nlanguage: fi\n"
        "languages: [fi, sv]\nkeywords: {fi: [a], sv: [b]}\n"
    )
    config = config_of(tmp_path, text)
    assert (config.title, config.keywords, config.version) == ("Kurssi", ("a",), "1")
    sv = for_language(config, "sv")
    assert (sv.title, sv.keywords, sv.description) == ("Kurs", ("b",), "")


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("completion: passed\n", "course.yml:5: error: completion 'passed' needs a"),
        ("languages: [sv, en]\n", "course.yml:5: error: 'languages' must start with"),
        ("completion: [viewed, seen]\n", "course.yml:5: error: 'completion' must be 'viewed'"),
        ("sco_mode: many\n", "course.yml:5: error: 'sco_mode' must be 'single' or 'multi'"),
        ("theme:\n  colour: red\n", "course.yml:6: error: unknown key 'theme.colour'"),
        ("theme: blue\n", "course.yml:5: error: 'theme' must be a mapping"),
        ("size_budget_mb: 0\n", "course.yml:5: error: 'size_budget_mb' must be a positive number"),
        ("title2: x\n", "course.yml:5: error: unknown key 'title2'"),
        ("keywords: {fi: [a], sv: 3}\n", "course.yml:5: error: 'keywords' must be a list of texts"),
    ],
)
def test_bad_values_name_their_line(tmp_path: Path, extra: str, expected: str) -> None:
    assert any(p.startswith(expected) for p in problems_of(tmp_path, BASE + extra))


def test_later_config_problems_print_the_line_of_their_key(tmp_path: Path) -> None:
    course = write_course(
        tmp_path,
        {"course.yml": BASE + "modules: [01-intro.md, 05-gone.md]\ntheme:\n  logo: assets/l.svg\n"},
    )
    with pytest.raises(CourseError) as info:
        load_course(course)
    text = info.value.format_message()
    assert "course.yml:5: error: module 'modules/05-gone.md' listed in 'modules'" in text
    assert "course.yml:7: error: theme logo 'assets/l.svg' is missing" in text


def test_markdown_labels_are_strings_of_the_catalog(tmp_path: Path) -> None:
    module = "---\ntitle: More\n---\n\n::: tip\nSave often.\n:::\n"
    course = write_course(
        tmp_path, {"course.yml": BASE + "strings:\n  tip: Pro tip\n", "modules/02-more.md": module}
    )
    (loaded,) = load_course(course).courses
    assert '<p class="callout-title">Pro tip</p>' in loaded.modules[1].html
