"""Property tests for the source readers: whatever the text, a model or located problems.

Hypothesis writes the input: any text as YAML; YAML made of nested lists, mappings, anchors,
aliases, escapes and numbers; any value under any course.yml key; quizzes of any shape; module
files of any front matter and Markdown. The promise checked: the reader returns (a value, a model)
or reports problems that each name a file and, inside a file, a line; never another exception,
never a hang (each example is bounded in time), and nothing in the model that could run a script.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from scormbuild.courseconfig import CourseConfig
from scormbuild.options import declared
from scormbuild.pipeline import gather
from scormbuild.source import yamlsrc
from scormbuild.source.text import split_front_matter
from scormbuild.source.yamlsrc import LineDict, LineList, YamlSyntaxError, load_yaml
from tests.coursekit import COURSE_YML, MODULE, write_course
from tests.test_sanitize import dangers

SECONDS = 10.0
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@contextmanager
def bounded() -> Iterator[None]:
    start = time.perf_counter()
    yield
    assert time.perf_counter() - start < SECONDS


# --- YAML -------------------------------------------------------------------------------------

SCALARS = st.one_of(
    st.sampled_from(
        [
            "x",
            "1",
            "-1",
            "1.5",
            ".inf",
            "-.inf",
            ".nan",
            "9" * 120,
            "1e400",
            "1.0e+400",
            "true",
            "null",
            "~",
            "2024-01-01",
            '"\\v"',
            '"\\x1f"',
            '"\\0"',
            '"\\uFFFE"',
            '"\\ud800"',
            "'quoted'",
            '"\\N"',
            "!!binary aGk=",
            "!!python/object:os.system x",
            *("!!int x", "!!float x", "!!bool x", "!!timestamp 2020-99-99", "2024-02-30", "!x y"),
            *("!!map [1]", "!!seq {a: 1}", "!!set [1]", "!!str [1]", "!!int 5", "!!str 5"),
            "|\n  block",
            "&a x",
            "*a",
            "*undefined",
            "<<",
            "[",
            "{",
            "- x",
            "? x",
            "%YAML 1.1",
        ]
    ),
    st.text(max_size=12),
)


def yaml_node(depth: int) -> st.SearchStrategy[str]:
    if depth == 0:
        return SCALARS
    inner = yaml_node(depth - 1)
    return st.one_of(
        SCALARS,
        st.lists(inner, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.lists(st.tuples(st.sampled_from("abk&*"), inner), max_size=4).map(
            lambda kv: "{" + ", ".join(f"{k}: {v}" for k, v in kv) + "}"
        ),
        st.tuples(st.sampled_from(["&a ", "&b ", ""]), inner).map("".join),
        st.integers(60, 1200).map(lambda n: "[" * n + "]" * n),
    )


@FAST
@given(st.text(max_size=200))
def test_any_text_is_yaml_or_a_located_error(text: str) -> None:
    with bounded():
        try:
            load_yaml(text)
        except YamlSyntaxError as exc:
            assert exc.message
            assert exc.line is None or exc.line >= 1


@FAST
@given(st.lists(st.tuples(st.sampled_from("abcd"), yaml_node(3)), max_size=6), st.integers(1, 50))
def test_structured_yaml_is_a_value_or_a_located_error(
    pairs: list[tuple[str, str]], first: int
) -> None:
    text = "".join(f"{k}{i}: {v}\n" for i, (k, v) in enumerate(pairs))
    with bounded():
        try:
            load_yaml(text, first_line=first)
        except YamlSyntaxError as exc:
            assert exc.line is None or exc.line >= first


def shape(value: Any) -> Any:
    """A loaded value with the lines and words it carries, to compare two loads of it."""
    if isinstance(value, LineDict):
        items = {k: shape(v) for k, v in value.items()}
        return ("map", value.line, value.lines, dict(value.words), items)
    if isinstance(value, LineList):
        return ("seq", value.line, value.lines, dict(value.words), [shape(v) for v in value])
    return (type(value).__name__, repr(value))


def outcome(text: str, first: int) -> Any:
    try:
        return shape(load_yaml(text, first_line=first))
    except YamlSyntaxError as exc:
        return ("error", exc.message, exc.line, exc.column, exc.hint)


# Documents without anchors or escapes, which load by the one-walk path: keys that repeat,
# merge and value keys, YAML 1.1 words, tags, numbers over the limit, nesting near it.
PLAIN_SCALAR = st.one_of(
    st.sampled_from(
        [
            *("x", "1", "1.5", ".nan", "9" * 101, "9" * 100, "yes", "No", "off", "true"),
            *("null", "~", "2024-01-01", "'q'", '"d"', "!!binary aGk=", "!!str 1", "!!int 3"),
            *("!!set {a}", "!!omap [a: 1]", "|\n  block", "=", "<<", "? x", "{<<: {a: 1}}"),
            *("[[x]]", "!!python/object:os.system x", "!!int x", "!!float", "!!timestamp 2024-13"),
            *("2024-02-30", "!!map [1]", "!!seq {a: 1}", "!x y", "!!bool x", "!!float 5"),
        ]
    ),
    st.text(alphabet="ab -'=", max_size=8),
    st.text(alphabet="ab :-#'\"[]{},!?=<", max_size=8),
)


def plain_node(depth: int) -> st.SearchStrategy[str]:
    if depth == 0:
        return PLAIN_SCALAR
    inner = plain_node(depth - 1)
    return st.one_of(
        PLAIN_SCALAR,
        st.lists(inner, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.lists(
            st.tuples(st.sampled_from(["a", "b", "<<", "=", "1", "y"]), inner), max_size=4
        ).map(lambda kv: "{" + ", ".join(f"{k}: {v}" for k, v in kv) + "}"),
        st.integers(58, 66).map(lambda n: "[" * n + "]" * n),
    )


@FAST
@given(
    st.lists(st.tuples(st.sampled_from(["a", "b", "a", "<<", "=", "yes", "1"]), plain_node(3))),
    st.booleans(),
    st.integers(2, 50),
)
def test_plain_yaml_loads_as_the_full_checks_load_it(
    pairs: list[tuple[str, str]], listed: bool, first: int
) -> None:
    lines = [f"- {v}" if listed else f"{k}: {v}" for k, v in pairs]
    text = "".join(f"{line}\n" for line in lines)
    # An anchor in a comment changes no value but takes the document the full way; written on
    # a line before the text (not after it, which moves where an unclosed '[' is found).
    assert outcome(text, first) == outcome("# &\n" + text, first - 1)


YAML_WORDS = [
    "", "~", "null", "Null", "yes", "No", "on", "OFF", "true", "False", "y", "n", "<<", "=",
    "1", "-1", "+1", "0x1F", "0o17", "017", "1_000", "1:30", "1.5", "-.5", ".inf", "-.Inf",
    ".nan", "1e3", "2024-02-30", "2024-01-01 10:00:00", "a", "Yes please", "0.", "+",
]  # fmt: skip


@FAST
@given(st.sampled_from(YAML_WORDS) | st.text(max_size=12), st.booleans(), st.booleans())
def test_the_libyaml_loader_tags_nodes_as_pyyaml_does(
    value: str, plain: bool, quoted: bool
) -> None:
    loader = yamlsrc._FastLoader("")
    try:
        for kind in (ScalarNode, SequenceNode, MappingNode):
            got = loader.resolve(kind, value, (plain, quoted))
            assert got == yaml.resolver.BaseResolver.resolve(loader, kind, value, (plain, quoted))
    finally:
        loader.dispose()


VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=30,
)


@FAST
@given(VALUES, st.booleans(), st.integers(2, 50))
def test_written_yaml_loads_as_the_full_checks_load_it(value: Any, flow: bool, first: int) -> None:
    text = yaml.safe_dump(value, default_flow_style=flow, allow_unicode=True)
    assert outcome(text, first) == outcome("# &\n" + text, first - 1)


@FAST
@given(st.text(alphabet="-.\n abc:#", max_size=60))
def test_front_matter_splits_anything(text: str) -> None:
    front, body, offset = split_front_matter(text)
    assert offset >= 0
    assert (front is None) == (offset == 0)
    assert body in text


# --- course.yml, quizzes, modules through the whole load ---------------------------------------


def problems_are_located(course: Path) -> Any:
    with bounded():
        gathered = gather(course)
    for problem in gathered.problems:
        assert problem.location.path, problem.format()
        if problem.location.path.endswith((".yml", ".md")) and problem.code != "missing":
            assert problem.location.line, problem.format()
    return gathered


def in_course(files: dict[str, str | bytes]) -> Any:
    with tempfile.TemporaryDirectory(prefix="sb-prop-") as folder:
        return problems_are_located(write_course(Path(folder), files))


KEYS = sorted(declared(CourseConfig))


@SLOW
@given(st.sampled_from(KEYS), yaml_node(2))
def test_any_value_under_any_course_yml_key(key: str, value: str) -> None:
    lines = [x for x in COURSE_YML.splitlines() if not x.startswith(f"{key}:")]
    gathered = in_course({"course.yml": "\n".join([*lines, f"{key}: {value}"]) + "\n"})
    for problem in gathered.problems:
        if problem.location.path == "course.yml":
            assert problem.location.line, problem.format()


QUESTION_KEYS = [
    "id",
    "type",
    "prompt",
    "points",
    "choices",
    "answer",
    "answers",
    "range",
    "tolerance",
    "pairs",
]
QUESTION_KEYS += ["items", "feedback", "hint", "case_sensitive", "typo"]
QUIZ_KEYS = ["id", "title", "graded", "pool", "attempts", "shuffle_questions", "show_answers"]
TYPES = st.sampled_from(
    ["single", "multiple", "truefalse", "fill", "numeric", "matching", "ordering", "essay", "[]"]
)


def question() -> st.SearchStrategy[str]:
    pairs = st.lists(st.tuples(st.sampled_from(QUESTION_KEYS), yaml_node(2)), max_size=6)
    return st.tuples(TYPES, pairs).map(
        lambda tp: "  - type: " + tp[0] + "\n" + "".join(f"    {k}: {v}\n" for k, v in tp[1])
    )


@SLOW
@given(
    st.lists(st.tuples(st.sampled_from(QUIZ_KEYS), yaml_node(1)), max_size=4),
    st.lists(question(), max_size=4),
    st.booleans(),
)
def test_any_quiz_is_a_model_or_located_problems(
    head: list[tuple[str, str]], questions: list[str], inline: bool
) -> None:
    quiz = "".join(f"{k}: {v}\n" for k, v in head) + "questions:\n" + "".join(questions)
    if inline:
        files: dict[str, str | bytes] = {
            "modules/02-more.md": MODULE.format(title="M") + "\n```quiz\n" + quiz + "```\n"
        }
    else:
        files = {
            "modules/02-more.md": MODULE.format(title="M")
            + "\n```quiz\nfile: quizzes/q.yml\n```\n",
            "quizzes/q.yml": quiz,
        }
    in_course(files)


MARKDOWN = st.lists(
    st.sampled_from(
        [
            "# T\n",
            "## S\n",
            "text ",
            "*em* ",
            "[l](02-more.md#x) ",
            "[l](../assets/a.png) ",
            "![i](../assets/a.png) ",
            '![i](../assets/a.png "cap <b>x</b>")',
            "<div>\n",
            "</div>\n",
            "<span onclick='x'>",
            "<script>x</script>",
            "[j](javascript:x) ",
            "[f](file:///x) ",
            "\n\n",
            "::: note\n",
            ":::\n",
            "```quiz\nid: q\n```\n",
            "| a | b |\n|---|---|\n",
            "[^1]\n\n[^1]: n\n",
            "{#id}\n",
            "[s]{lang=sv} ",
            "<!-- todo: x -->\n",
            "<!-- ",
            "<![x ",
            "<![CDATA[ ",
            "<a b='",
            "\0",
            "\x0b",
            "![v](../assets/v.mp4)\n",
            "<img src=//e.example/p.png>",
            "&amp; &#0; &#xD800;",
        ]
    ),
    max_size=12,
).map("".join)
FRONT_KEYS = st.sampled_from(["title", "objectives", "duration", "x"])
FRONT = st.one_of(
    st.just("title: M\n"),
    st.lists(st.tuples(FRONT_KEYS, yaml_node(1)), max_size=3).map(
        lambda kv: "".join(f"{k}: {v}\n" for k, v in kv)
    ),
)


@SLOW
@given(FRONT, MARKDOWN)
def test_any_module_is_a_model_or_located_problems(front: str, body: str) -> None:
    gathered = in_course(
        {"modules/02-more.md": f"---\n{front}---\n\n{body}\n", "assets/a.png": b"\x89PNG"}
    )
    if gathered.loaded is not None:
        for course in gathered.loaded.courses:
            for module in course.modules:
                assert dangers(module.html + "".join(module.objectives)) == []


# --- HTML and SVG assets: made inert, or refused at their line ----------------------------------

HTML_ASSET = st.lists(
    st.sampled_from(
        [
            "<!DOCTYPE html>",
            "<html>",
            "<head>",
            "<title>T <b>x</b></title>",
            "</head>",
            "<body>",
            "<p>text</p>",
            "<script>x()</script>",
            '<script src="https://e.example/x.js"></script>',
            '<img src="https://e.example/i.png" alt="">',
            '<img src="data:image/svg+xml,<svg onload=x()>" alt="">',
            '<a href="javascript:x()">l</a>',
            '<p onclick="x()">p</p>',
            '<iframe src="//e.example"></iframe>',
            '<meta http-equiv="refresh" content="0;url=//e.example">',
            "<style>@import 'x.css'</style>",
            '<link rel="preconnect" href="https://e.example"><a href="//e.example/x">x</a>',
            '<base href="//e.example/">',
            "<object data='x.swf'></object><embed src='x.swf'>",
            "<form action='//e.example'><input></form>",
            "<svg><script>x()</script></svg>",
            "<!-- c -->",
            "<![CDATA[x]]>",
            "<?xml version='1.0'?>",
            "&#0; \0 \x0b",
            "</body>",
            "</html>",
        ]
    ),
    max_size=10,
).map("".join)
SVG_ASSET = st.lists(
    st.sampled_from(
        [
            '<rect width="1" height="1"/>',
            "<script>x()</script>",
            '<rect onload="x()"/>',
            "<foreignObject><p>x</p></foreignObject>",
            '<image href="https://e.example/i.png"/>',
            '<use xlink:href="//e.example/s.svg#a"/>',
            '<a href="javascript:x()"><text>t</text></a>',
            '<set attributeName="href" to="javascript:x()"/>',
            '<animate attributeName="xlink:href" values="javascript:x()"/>',
            "<style>@import url(//e.example/s.css)</style>",
            '<rect style="fill:url(https://e.example/#g)"/>',
            "<!-- c -->",
            "<![CDATA[x]]>",
            "&#x0;",
            "&x;",
            "<text>t</text>",
            "<?php x ?>",
        ]
    ),
    max_size=8,
).map(
    lambda parts: (
        '<svg xmlns="http://www.w3.org/2000/svg" '
        'xmlns:xlink="http://www.w3.org/1999/xlink">' + "".join(parts) + "</svg>"
    )
)
SVG_DANGERS = ("<script", "onload", "<foreignobject", "https:", "//e.", "javascript:", "@import")


@SLOW
@given(HTML_ASSET)
def test_any_html_asset_becomes_an_inert_page_or_located_problems(html: str) -> None:
    link = MODULE.format(title="M") + "\n[the page](../assets/page.html)\n"
    gathered = in_course({"assets/page.html": html, "modules/02-more.md": link})
    assert gathered.loaded is not None, [p.format() for p in gathered.problems]
    (asset,) = [a for a in gathered.loaded.courses[0].assets if a.path == "assets/page.html"]
    assert asset.document is not None
    assert dangers(asset.document.body_html) == []


@SLOW
@given(SVG_ASSET)
def test_any_svg_asset_is_packaged_only_when_inert(svg: str) -> None:
    image = MODULE.format(title="M") + "\n![A drawing](../assets/d.svg)\n"
    gathered = in_course({"assets/d.svg": svg, "modules/02-more.md": image})
    refused = [p for p in gathered.problems if p.level == "error"]
    for problem in refused:
        assert problem.location.path == "assets/d.svg", problem.format()
        assert problem.location.line, problem.format()
    if not refused:
        assert not any(d in svg.lower() for d in SVG_DANGERS), svg
