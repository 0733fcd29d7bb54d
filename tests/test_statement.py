"""The draft accessibility statement written beside each package."""

from __future__ import annotations

from pathlib import Path

import pytest

from scormbuild.commands.build import build
from scormbuild.errors import CourseError
from tests.coursekit import write_course

EXAMPLE = Path(__file__).resolve().parents[1] / "course"


def test_example_course_gets_one_statement_per_language(tmp_path: Path) -> None:
    result = build(EXAMPLE, tmp_path / "a")
    names = sorted(p.name for p in result.statements)
    assert names == [
        "opit-jakoon-1.0.0-fi-saavutettavuusseloste.md",
        "opit-jakoon-1.0.0-sv-tillganglighetsutlatande.md",
    ]
    fi, sv = (p.read_text(encoding="utf-8") for p in sorted(result.statements))
    assert fi.startswith("# Saavutettavuusseloste (luonnos): Opit jakoon")
    assert sv.startswith("# Tillgänglighetsutlåtande (utkast): Lärdomar att dela")
    assert "opit-jakoon-1.0.0-fi.zip" in fi
    assert "Kaikilla kuvilla on tekstivastine (alt-teksti): 2 kuvaa." in fi
    assert "Alla bilder har en textbeskrivning (alt-text): 2 bilder." in sv
    assert 'lang="sv"' in sv and "(1 st.)" in sv  # the English passage of module 1
    assert "kontrasti valkoiseen 7,7:1" in fi
    headings = {
        fi: ("Saavutettavuuden tila", "Kurssin rakentamisessa tarkistettu", "Tarkistettava käsin"),
        sv: ("Tillgänglighetsstatus", "Kontrollerat när kursen byggdes", "Kontrolleras manuellt"),
    }
    for text, names in headings.items():
        for heading in names:
            assert f"\n## {heading}\n\n" in text
        assert "axe-core" in text
    # Deterministic: a second build writes the same bytes.
    again = build(EXAMPLE, tmp_path / "b")
    for first, second in zip(result.statements, again.statements, strict=True):
        assert first.read_bytes() == second.read_bytes()


def test_statement_reports_what_the_build_found(tmp_path: Path) -> None:
    course = write_course(
        tmp_path / "course",
        {
            "modules/02-more.md": (
                "---\ntitle: More\n---\n\n# More\n\n![](../assets/a.png)\n\n"
                "![A talk about sharing](../assets/talk.mp4)\n"
            ),
            "assets/a.png": b"\x89PNG\r\n\x1a\n",
            "assets/talk.mp4": b"\x00\x00\x00\x18ftypmp42",
            "assets/talk.vtt": "WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n",
            "assets/talk.txt": "Hello",
            "templates/static/theme.css": "body { color: black; }\n",
        },
    )
    result = build(course, tmp_path / "dist")
    (path,) = result.statements
    assert path.name == "demo-1.0.0-accessibility-statement.md"
    text = path.read_text(encoding="utf-8")
    assert "1 images lack a text alternative: modules/02-more.md:7." in text
    assert "WebVTT captions: 1 recordings, 1 of them with a transcript" in text
    assert "the course replaces files of the default theme (static/theme.css)" in text


def test_failed_build_writes_no_statement(tmp_path: Path) -> None:
    course = write_course(tmp_path / "course", {"modules/02-more.md": "---\ntitle: [x\n---\n"})
    out = tmp_path / "dist"
    with pytest.raises(CourseError):
        build(course, out)
    assert not out.exists() or not list(out.iterdir())


def test_a_course_writes_its_own_statement_template(tmp_path: Path) -> None:
    """The words are a theme template: a course can replace them, language by language."""
    own = "# {{ course.config.title }}: our own statement\n\n{{ facts.images }} images.\n"
    course = write_course(tmp_path / "course", {"templates/statement/en.md": own})
    (path,) = build(course, tmp_path / "dist").statements
    assert path.read_text(encoding="utf-8") == "# Demo course: our own statement\n\n0 images.\n"


def test_a_language_without_a_template_gets_the_english_one(tmp_path: Path) -> None:
    yml = "id: demo\ntitle: Kurs\nversion: 1.0.0\nlanguage: de\n"
    course = write_course(tmp_path / "course", {"course.yml": yml})
    (path,) = build(course, tmp_path / "dist").statements
    assert path.name == "demo-1.0.0-accessibility-statement.md"
    assert path.read_text(encoding="utf-8").startswith("# Accessibility statement (draft): Kurs")
