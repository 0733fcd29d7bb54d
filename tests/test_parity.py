"""The parity check: language versions that differ in structure fail the build, with file:line.

A Finnish/Swedish pair that agrees builds; each deliberate difference is reported where it
is. The example course's packages give the LMS the same interaction ids in both languages.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from scormbuild.commands.build import build
from scormbuild.errors import CourseError
from tests.coursekit import write_course

COURSE_YML = """\
id: pari
title: {fi: Pari, sv: Par}
version: 1.0.0
language: fi
languages: [fi, sv]
mastery_score: 80
"""

MODULE = """\
---
title: {title}
---

# {title}

![{alt}](../assets/kuva.png)

```quiz
file: quizzes/testi.yml
```
"""

QUIZ = """\
id: testi
title: {title}
questions:
  - id: q1
    type: single
    prompt: {prompt}
    choices:
      - text: A
        correct: true
      - text: B
  - id: q2
    type: numeric
    prompt: {prompt}
    answer: 3
    points: 2
"""

FILES: dict[str, str | bytes] = {
    "course.yml": COURSE_YML,
    "modules/01-intro.md": MODULE.format(title="Johdanto", alt="Kuva"),
    "modules/01-intro.sv.md": MODULE.format(title="Inledning", alt="Bild"),
    "modules/02-more.md": "---\ntitle: Lisää\n---\n\n# Lisää\n\nTekstiä.\n",
    "modules/02-more.sv.md": "---\ntitle: Mer\n---\n\n# Mer\n\nText.\n",
    "quizzes/testi.yml": QUIZ.format(title="Testi", prompt="Kumpi?"),
    "quizzes/testi.sv.yml": QUIZ.format(title="Test", prompt="Vilken?"),
    "assets/kuva.png": b"\x89PNG\r\n\x1a\n",
}


def build_pair(tmp_path: Path, changes: dict[str, str | None]) -> list[str]:
    """Build the pair with ``changes`` (None deletes a file); the errors, formatted."""
    course = write_course(tmp_path / "course", {**FILES})
    (course / "modules/02-more.md").write_text(str(FILES["modules/02-more.md"]), "utf-8")
    for name, text in changes.items():
        if text is None:
            (course / name).unlink()
        else:
            (course / name).write_text(text, encoding="utf-8")
    try:
        build(course, tmp_path / "dist")
    except CourseError as exc:
        return [p.format() for p in exc.problems]
    return []


def sv_quiz(**replace: str) -> str:
    text = QUIZ.format(title="Test", prompt="Vilken?")
    for old, new in replace.items():
        text = text.replace(old, new)
    return text


def test_a_matching_pair_builds(tmp_path: Path) -> None:
    assert build_pair(tmp_path, {}) == []
    assert sorted(p.name for p in (tmp_path / "dist").glob("*.zip")) == [
        "pari-1.0.0-fi.zip",
        "pari-1.0.0-sv.zip",
    ]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param(
            {"quizzes/testi.sv.yml": sv_quiz(**{"id: q2": "id: q2-sv"})},
            "quizzes/testi.sv.yml:1: error: question ids differ from quizzes/testi.yml",
            id="question-ids",
        ),
        pytest.param(
            {
                "quizzes/testi.sv.yml": sv_quiz(
                    **{
                        "text: A\n        correct: true\n      - text: B": "text: A\n"
                        "      - text: B\n        correct: true"
                    }
                )
            },
            "quizzes/testi.sv.yml:4: error: question 'q1' differs from quizzes/testi.yml",
            id="correct-answer",
        ),
        pytest.param(
            {"quizzes/testi.sv.yml": sv_quiz(**{"points: 2": "points: 3"})},
            "quizzes/testi.sv.yml:11: error: question 'q2' differs from quizzes/testi.yml",
            id="points",
        ),
        pytest.param(
            {"quizzes/testi.sv.yml": sv_quiz(**{"answer: 3": "answer: 4"})},
            "quizzes/testi.sv.yml:11: error: question 'q2' differs from quizzes/testi.yml",
            id="numeric-answer",
        ),
        pytest.param(
            {
                "modules/01-intro.sv.md": MODULE.format(title="Inledning", alt="Bild").replace(
                    "![Bild](../assets/kuva.png)\n", ""
                )
            },
            "modules/01-intro.md:7: error: media differ in modules/01-intro.sv.md: "
            "assets/kuva.png is missing there",
            id="missing-image",
        ),
        pytest.param(
            {
                "modules/02-more.sv.md": "---\ntitle: Mer\n---\n\n# Mer\n\n"
                "![Bild](../assets/kuva.png)\n"
            },
            "modules/02-more.sv.md:7: error: media differ from modules/02-more.md: "
            "assets/kuva.png is not used there",
            id="extra-image",
        ),
        pytest.param(
            {"modules/02-more.sv.md": None},
            "modules/02-more.sv.md: error: missing sv variant of module '02-more.md'",
            id="missing-module",
        ),
    ],
)
def test_each_difference_is_caught_where_it_is(
    tmp_path: Path, changes: dict[str, str | None], expected: str
) -> None:
    errors = build_pair(tmp_path, changes)
    assert any(e.startswith(expected) for e in errors), "\n".join(errors)
    # Each says how to mend it.
    assert all("\n  hint: " in e for e in errors if e.startswith(expected)), errors
    assert not (tmp_path / "dist").exists() or not list((tmp_path / "dist").iterdir())


def with_link(title: str, target: str) -> str:
    return f"---\ntitle: {title}\n---\n\n# {title}\n\n[{title}](../assets/{target})\n"


@pytest.mark.parametrize(
    ("fi", "sv"),
    [("opas.pdf", "opas.sv.pdf"), ("opas.fi.pdf", "opas.sv.pdf"), ("opas.fi.pdf", "opas.fi.pdf")],
)
def test_each_language_may_link_its_own_document(tmp_path: Path, fi: str, sv: str) -> None:
    """A document in each language, named with the language code before the extension, is
    one and the same file to parity, as module and quiz variants are."""
    (tmp_path / "course/assets").mkdir(parents=True)
    for name in {fi, sv}:
        (tmp_path / "course/assets" / name).write_bytes(b"%PDF-1.4\n")
    changes = {
        "modules/02-more.md": with_link("Opas", fi),
        "modules/02-more.sv.md": with_link("Guide", sv),
    }
    assert build_pair(tmp_path, changes) == []


def test_another_language_s_document_is_still_a_difference(tmp_path: Path) -> None:
    (tmp_path / "course/assets").mkdir(parents=True)
    for name in ("opas.pdf", "opas.sv.pdf", "opas.en.pdf"):
        (tmp_path / "course/assets" / name).write_bytes(b"%PDF-1.4\n")
    changes = {
        "modules/02-more.md": with_link("Opas", "opas.pdf"),
        "modules/02-more.sv.md": with_link("Guide", "opas.en.pdf"),
    }
    hint = (
        "\n  hint: use the same file in every language, or each language's own, named with its "
        "language code before the extension (guide.pdf, guide.sv.pdf)"
    )
    assert build_pair(tmp_path, changes) == [
        "modules/02-more.md:7: error: media differ in modules/02-more.sv.md: "
        "assets/opas.pdf is missing there" + hint,
        "modules/02-more.sv.md:7: error: media differ from modules/02-more.md: "
        "assets/opas.en.pdf is not used there" + hint,
    ]


def interaction_ids(package: Path) -> tuple[list[str], list[str]]:
    """``quiz.question`` ids from course-data.js, and the question element ids of the pages."""
    with zipfile.ZipFile(package) as zf:
        text = zf.read("scormbuild/course-data.js").decode()
        data = json.loads(text.split("=", 1)[1].strip().rstrip(";"))
        pages = "".join(
            zf.read(n).decode() for n in sorted(zf.namelist()) if n.startswith("modules/")
        )
    ids = [f"{quiz['id']}.{q['id']}" for quiz in data["quizzes"] for q in quiz["questions"]]
    return ids, re.findall(r'<li class="sb-question" id="([^"]+)"', pages)


def test_example_course_interaction_ids_match_across_languages(tmp_path: Path) -> None:
    result = build(Path(__file__).resolve().parents[1] / "course", tmp_path)
    fi, sv = sorted(result.packages)
    assert fi.name.endswith("-fi.zip") and sv.name.endswith("-sv.zip")
    fi_ids, fi_markup = interaction_ids(fi)
    sv_ids, sv_markup = interaction_ids(sv)
    assert len(fi_ids) > 20
    assert fi_ids == sv_ids
    assert fi_markup == sv_markup
