"""Control characters, noncharacters and bidirectional controls in course text.

Whatever text Hypothesis writes into a module (its body, an objective, a quiz's texts) or a
glossary definition, as characters or as character references: no HTML the model holds has a
character a page cannot hold (scormbuild.source.text.REFUSED_RE), each such
character of a module's body is an error at its line and column, and each bidirectional
override or isolate a warning there.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scormbuild.errors import Problem
from scormbuild.source.glossary import read_glossary
from scormbuild.source.load import read_course
from scormbuild.source.markdown import labels_for, make_markdown
from scormbuild.source.markdown.controls import REPORTED, found
from scormbuild.source.markdown.sanitize import clean
from scormbuild.source.modules import ModuleReader
from scormbuild.source.paths import CourseFiles
from scormbuild.source.text import BIDI_RE, REFUSED_RE
from scormbuild.source.yamlbidi import YamlWarning
from scormbuild.source.yamlsrc import load_yaml
from tests.coursekit import COURSE_YML, MODULE, QUIZ, write_course

MD = make_markdown()
PROPERTY = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FRONT_LINES = 4  # '---', 'title: M', objectives (one line), '---'

CONTROLS = "\x01\x08\x0b\x0c\x1f\x7f\x80\x85\x9f\ufdd0\ufffe\uffff\U0001fffe\U0010ffff"
BIDI = "\u202a\u202e\u2066\u2069"
TEXT = st.lists(
    st.sampled_from([*CONTROLS, *BIDI, *"a <>&#;x1\n*`|-:[]()", "\r\n"]), max_size=40
).map("".join)
PIECES = st.lists(
    st.one_of(
        TEXT,
        st.sampled_from(
            [
                "&#1;", "&#x85;", "&#xFFFE;", "&#x202E;", "&#8238;", "&#0;", "&#xD800;",
                "<span title='&#1;'>s</span>", "<b>&#x9f;</b>", "`\x01`", "```\n\x02\n```\n",
                "<!-- \x03 -->", "[l](#a\x04)", "![i\x05](../assets/a.png)",
                "| \x06 | b |\n|---|---|\n",
                "\n\n", "::: note\n\x07\n:::\n",
            ]
        ),
    ),
    max_size=8,
).map("".join)  # fmt: skip


def has_refused(html: str) -> list[str]:
    return [f"U+{ord(c):04X}" for c in REFUSED_RE.findall(html)]


def located(problems: list[Problem], line: int, column: int, level: str) -> bool:
    return any(
        p.level == level and p.location.line == line and p.location.column == column
        for p in problems
    )


def read_module(text: str) -> tuple[str, list[Problem]]:
    with tempfile.TemporaryDirectory() as folder:
        course = write_course(Path(folder), {"modules/02-more.md": text, "assets/a.png": b"P"})
        reader = ModuleReader(CourseFiles(course), MD, "en", "", labels_for("en"))
        module = reader.read(Path("modules/02-more.md"), "02-more")
        if module is None:  # the front matter refused (a C1 escape in YAML)
            assert [p.location.line for p in reader.problems] == [3]
            return "", reader.problems
        html = module.html + "".join(module.objectives)
        for quiz in module.quizzes:
            for q in quiz.questions:
                html += q.prompt_html + q.hint_html + "".join(c.html for c in q.choices)
        return html, reader.problems


@PROPERTY
@given(PIECES, st.sampled_from(["O", "O \\x85", "O \\u202e", "O &#1;"]))
def test_no_module_text_reaches_the_page_with_a_character_it_cannot_hold(
    body: str, objective: str
) -> None:
    text = f'---\ntitle: M\nobjectives: ["{objective}"]\n---\n{body}\n'
    html, problems = read_module(text)
    assert has_refused(html) == []
    if not html:
        return
    # Each character written in the body: an error (or warning) at its line and column,
    # when the text has no more than REPORTED of its kind (characters and references).
    kinds = [kind for *_, kind in found(body)]
    for n, line in enumerate(body.replace("\r\n", "\n").split("\n")):
        for column, char in enumerate(line, 1):
            where = (FRONT_LINES + 1 + n, column)
            if REFUSED_RE.fullmatch(char) and kinds.count("refused") <= REPORTED:
                assert located(problems, *where, "error"), (where, problems)
            elif BIDI_RE.fullmatch(char) and kinds.count("bidi") <= REPORTED:
                assert located(problems, *where, "warning"), (where, problems)
    if objective != "O":
        assert any(p.location.line == 3 for p in problems)
    assert all(p.hint for p in problems if p.code in ("char", "bidi"))


@PROPERTY
@given(TEXT)
def test_no_html_out_of_the_sanitizer_holds_a_character_a_page_cannot_hold(text: str) -> None:
    for html in (text, f"<p title='{text}'>{text}</p>", f"<b>&#{ord(text[0]) if text else 1};</b>"):
        assert has_refused(clean(html)) == []


def test_many_control_characters_are_reported_once_each_up_to_a_bound() -> None:
    _html, problems = read_module("---\ntitle: M\n---\n" + "a\x01" * 5000 + "\n")
    errors = [p for p in problems if p.code == "char"]
    assert len(errors) == REPORTED + 1
    assert errors[-1].message == (
        f"{5000 - REPORTED:,} more such characters in the text, the first here"
    )
    assert [p.location.column for p in errors[:3]] == [2, 4, 6]
    assert errors[-1].location.column == 2 * REPORTED + 2


def test_a_glossary_definition_is_checked_and_sanitized_as_course_text(tmp_path: Path) -> None:
    glossary = (
        "thing:\n  term: Thing\n"
        '  definition: "A <script>x()</script> <b onclick=\\"x()\\">b</b> &#1; \\u202e t"\n'
    )
    course = write_course(tmp_path, {"glossary.yml": glossary})
    terms, problems = read_glossary(CourseFiles(course), "", MD, labels_for("en"), True)
    assert sorted((p.level, p.location.line) for p in problems) == [
        ("error", 3),
        ("error", 3),
        ("error", 3),
        ("warning", 3),
    ]
    (term,) = terms
    assert "<script" not in term.definition_html and "onclick" not in term.definition_html
    assert has_refused(term.definition_html) == []


# Pieces of a module body, each with the references in it that are not code: (text, offsets
# of those references in the piece). A code span, a fenced or indented code block shows its
# references as written; text, a heading, a table cell or a quote does not.
LIVE, CODE, BIDI_REF = "&#1;", "&#x85;", "&#x202E;"
BODY_PIECES = [
    ("word", []),
    (LIVE, [0]),
    (BIDI_REF, [0]),
    (f"`{LIVE}`", []),
    (f"``a {CODE} ` b``", []),
    (f"[`{BIDI_REF}`](01-intro.md)", []),
    (f"\n\n```html\n<p>{LIVE}</p>\n{BIDI_REF}\n```\n\n", []),
    (f"\n\n    {CODE}\n\n", []),
    (f"\n\n# `{LIVE}` {LIVE}\n\n", [11]),
    (f"\n\n> `{CODE}` {LIVE}\n\n", [13]),
    (f"\n\n> a `{LIVE}\n> b` {LIVE}\n\n", [17]),  # a code span over two lines of a quote
    (f"\n\n| `{LIVE}` | {CODE} `{LIVE}` |\n|---|---|\n\n", [13]),
]


@PROPERTY
@given(st.lists(st.sampled_from(BODY_PIECES), max_size=12))
def test_a_character_reference_in_code_is_shown_as_written(
    pieces: list[tuple[str, list[int]]],
) -> None:
    body, live = "", []
    for piece, refs in pieces:
        assert all(piece.startswith("&#", at) for at in refs)
        live += [len(body) + at for at in refs]
        body += piece + " "
    html, problems = read_module("---\ntitle: M\n---\n" + body + "\n")
    assert has_refused(html) == []
    reported = sorted(
        (p.location.line, p.location.column) for p in problems if p.code in ("char", "bidi")
    )
    expected = sorted((4 + body.count("\n", 0, at), at - body.rfind("\n", 0, at)) for at in live)
    if len(live) <= REPORTED:
        assert reported == expected
    else:
        assert reported[:REPORTED] == expected[:REPORTED]


# A bidirectional override in a text of a YAML file (a title, a description, an objective, a
# quiz or glossary text, a comment), as the character or as a YAML escape: a warning at its
# line and column, once, as in a module's body. (place, files, where the warning must be)
GLOSSARY = "thing:\n  term: {term}\n  definition: A thing.\n"


def quiz(old: str, new: str) -> str:
    """The minimal course's quiz, ``old`` replaced with ``new``."""
    return QUIZ.replace(old, new).format(qid="intro")


def in_module(text: str) -> str:
    return MODULE.format(title="I") + "\n" + text


YAML_PLACES = [
    (
        "course.yml title",
        {"course.yml": COURSE_YML.replace("title: Demo course", "title: Demo \u202ecourse")},
        ("course.yml", 2, 13),
    ),
    (
        "course.yml description, escaped",
        {"course.yml": COURSE_YML + 'description: "About \\u2066this"\n'},
        ("course.yml", 7, 21),
    ),
    (
        "course.yml objectives",
        {"course.yml": COURSE_YML + "objectives:\n  - Learn \u202d it\n"},
        ("course.yml", 8, 11),
    ),
    (
        "a YAML comment",
        {"course.yml": COURSE_YML + "# note \u2067\n"},
        ("course.yml", 7, 8),
    ),
    (
        "front matter title",
        {"modules/02-more.md": "---\ntitle: More \u202e\n---\n\nText.\n"},
        ("modules/02-more.md", 2, 13),
    ),
    (
        "front matter objective",
        {"modules/02-more.md": "---\ntitle: M\nobjectives:\n  - Know \u202e it\n---\n\nText.\n"},
        ("modules/02-more.md", 4, 10),
    ),
    (
        "quiz title in a module",
        {"modules/01-intro.md": in_module(quiz("title: Check", "title: Ch\u202eeck"))},
        ("modules/01-intro.md", 11, 10),
    ),
    (
        "quiz prompt, escaped",
        {"modules/01-intro.md": in_module(quiz("prompt: Pick one", 'prompt: "Pick \\U0000202E"'))},
        ("modules/01-intro.md", 15, 19),
    ),
    (
        "quiz file",
        {
            "modules/01-intro.md": in_module("```quiz\nfile: ../quizzes/c.yml\n```\n"),
            "quizzes/c.yml": quiz("title: Check", "title: Ch\u202eeck")[len("```quiz\n") : -4],
        },
        ("quizzes/c.yml", 2, 10),
    ),
    (
        "glossary term",
        {"glossary.yml": GLOSSARY.format(term="Th\u202eing")},
        ("glossary.yml", 2, 11),
    ),
]


@pytest.mark.parametrize(
    ("files", "where"), [p[1:] for p in YAML_PLACES], ids=[p[0] for p in YAML_PLACES]
)
def test_a_bidirectional_control_in_yaml_is_a_warning_at_its_place(
    tmp_path: Path, files: dict[str, str], where: tuple[str, int, int]
) -> None:
    _course, problems = read_course(write_course(tmp_path, files))
    bidi = [p for p in problems if p.code == "bidi"]
    assert [(p.location.path, p.location.line, p.location.column) for p in bidi] == [where]
    assert bidi[0].level == "warning" and bidi[0].hint
    assert "which makes the text after it display in another order" in bidi[0].message


WORDS = st.lists(st.sampled_from(["a", "b", " ", "é", *BIDI]), max_size=12).map("".join)


@PROPERTY
@given(st.lists(st.tuples(st.sampled_from(["plain", "quoted", "comment"]), WORDS), max_size=15))
def test_every_bidirectional_control_of_a_yaml_document_is_warned_where_it_is(
    lines: list[tuple[str, str]],
) -> None:
    text, where = "", []
    for n, (form, words) in enumerate(lines):
        start = {"plain": f"k{n}: ", "quoted": f'k{n}: "', "comment": "# "}[form]
        if form == "quoted":  # every other one as a YAML escape
            written = "".join(
                f"\\u{ord(c):04X}" if c in BIDI and i % 2 else c for i, c in enumerate(words)
            )
        else:
            written = words.strip() if form == "plain" else words
        column = len(start) + 1
        for i, c in enumerate(written):
            if c in BIDI or (c == "\\" and written.startswith("\\u", i)):
                where.append((n + 1, column + i))
        text += start + written + ('"' if form == "quoted" else "") + "\n"
    warnings: list[YamlWarning] = []
    load_yaml(text, warnings=warnings)
    found = [(w.line, w.column) for w in warnings]
    assert found[:REPORTED] == where[:REPORTED]
    assert len(found) == min(len(where), REPORTED + 1)
    assert all(w.hint and w.code == "bidi" for w in warnings)
