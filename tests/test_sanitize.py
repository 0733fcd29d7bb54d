"""Script and remote content never reach a learner's page, and the author is told at the line.

Raw HTML and author-set attributes wherever they come from (module bodies, callouts, objectives,
captions, quiz prompts, choices, feedback, hints; inline quizzes and quiz files), links with
schemes a page must not follow, and HTML and SVG files in assets/.
"""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from scormbuild.commands.build import build
from scormbuild.pipeline import gather
from scormbuild.source.markdown import sanitize
from scormbuild.source.markdown.sanitize import TAGS, clean, inspect
from scormbuild.source.paths import browser_url, is_remote
from scormbuild.source.text import REFUSED_RE, refused_free
from tests.coursekit import COURSE_YML, MODULE, write_course

SCRIPT = '<script src="../assets/x.js"></script>'
PNG = "../assets/m.png"
QUIZ_FILE = "\n```quiz\nfile: quizzes/q.yml\n```\n"
TF = "```quiz\nid: q\ntitle: Q\nquestions:\n  - id: a\n    type: truefalse\n    prompt: {}\n"
TF += "    answer: true\n```\n"
CHOICE = (
    "```quiz\nid: q\ntitle: Q\nquestions:\n  - id: a\n    type: single\n    prompt: P\n"
    "    hint: {hint}\n    feedback: {{correct: {fb}, incorrect: No}}\n    choices:\n"
    "      - text: {choice}\n        correct: true\n      - B\n```\n"
)


class Dangers(HTMLParser):
    """Everything in a page that could run a script or fetch from elsewhere."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            value = (value or "").strip().lower()
            aligned = tag in ("th", "td") and name == "style" and value.startswith("text-align:")
            if name.startswith("on") or (name in ("style", "srcset", "formaction") and not aligned):
                self.found.append(f"{tag} {name}")
            url = browser_url(value)
            if name in ("href", "src") and url.startswith(("javascript:", "data:", "file:")):
                self.found.append(f"{tag} {name}={value}")
            if name == "src" and (is_remote(value) or browser_url(value).startswith("/")):
                self.found.append(f"{tag} {name}={value}")


def dangers(html: str) -> list[str]:
    parser = Dangers()
    parser.feed(html)
    parser.close()
    return parser.found


def problems(course: Path) -> str:
    return "\n".join(p.format() for p in gather(course).problems)


def module_html(course: Path, index: int = 1) -> str:
    gathered = gather(course)
    assert gathered.loaded is not None, [p.format() for p in gathered.problems]
    module = gathered.loaded.courses[0].modules[index]
    texts = [module.html, *module.objectives, *(f.caption_html for f in module.figures)]
    for quiz in module.quizzes:
        for q in quiz.questions:
            texts += [q.prompt_html, q.hint_html, q.feedback_correct_html]
            texts += [c.html + c.feedback_html for c in q.choices]
    return "\n".join(texts)


# --- every place author text becomes HTML: an error at its line ------------------------------


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"modules/02-more.md": MODULE.format(title="M") + "\n" + SCRIPT + "\n"}, "02-more.md:9"),
        (
            {"modules/02-more.md": MODULE.format(title="M") + f"\n::: note\nA {SCRIPT} b\n:::\n"},
            "02-more.md:10",
        ),
        (
            {"modules/02-more.md": f"---\ntitle: M\nobjectives:\n  - 'A {SCRIPT}'\n---\n\nText.\n"},
            "02-more.md:4",
        ),
        (
            {"modules/02-more.md": MODULE.format(title="M") + "\n" + TF.format(f"'P {SCRIPT}'")},
            "02-more.md:15",
        ),
        (
            {
                "modules/02-more.md": MODULE.format(title="M")
                + "\n"
                + CHOICE.format(hint="H", fb="Yes", choice=f"'A {SCRIPT}'")
            },
            "02-more.md:19",
        ),
        (
            {
                "modules/02-more.md": MODULE.format(title="M")
                + "\n"
                + CHOICE.format(hint=f"'H {SCRIPT}'", fb="Yes", choice="A")
            },
            "02-more.md:16",
        ),
        (
            {
                "modules/02-more.md": MODULE.format(title="M")
                + "\n"
                + CHOICE.format(hint="H", fb=f"'Y {SCRIPT}'", choice="A")
            },
            "02-more.md:17",
        ),
        (
            {
                "modules/02-more.md": MODULE.format(title="M") + QUIZ_FILE,
                "quizzes/q.yml": TF.format(f"'P {SCRIPT}'").split("\n", 1)[1].rsplit("```", 1)[0],
            },
            "quizzes/q.yml:6",
        ),
        (
            {
                "modules/02-more.md": MODULE.format(title="M") + f'\n![A]({PNG} "A {SCRIPT}")\n',
                "assets/m.png": b"\x89PNG",
            },
            "02-more.md:9",
        ),
    ],
    ids=[
        "body",
        "callout",
        "objective",
        "prompt",
        "choice",
        "hint",
        "feedback",
        "quiz-file",
        "caption",
    ],
)
def test_a_script_is_an_error_wherever_it_is(
    tmp_path: Path, files: dict[str, str | bytes], expected: str
) -> None:
    course = write_course(tmp_path, {"assets/x.js": "alert(1)", **files})
    text = problems(course)
    assert f"{expected}: error: scripts are not allowed in course pages" in text, text


@pytest.mark.parametrize(
    ("html", "message"),
    [
        ('<img src="x.png" onerror="alert(1)" alt="x">', "the event handler 'onerror'"),
        (
            '<img src="https://t.example/p.png" alt="x">',
            "remote resource 'https://t.example/p.png'",
        ),
        ('<img src="//t.example/p.png" alt="x">', "remote resource '//t.example/p.png'"),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example">', "<meta> is not"),
        (
            '<link rel="preconnect" href="https://a.example"><img src="https://b.example/i.png" '
            'alt="">',
            "remote resource 'https://b.example/i.png'",
        ),
        ('<a href="javascript:alert(1)">x</a>', "a 'javascript:' link is not allowed"),
        ('<a href="file:///etc/passwd">x</a>', "'file:///etc/passwd' points at a file"),
        ('<span style="background:url(https://t.example/x)">x</span>', "a style attribute"),
        ('<form action="https://e.example"><input name="p"></form>', "<form> is not allowed"),
        ('<base href="https://e.example/">', "<base> is not allowed"),
        ("<svg><script>alert(1)</script></svg>", "inline SVG is not allowed"),
        ('<video src="../assets/v.mp4"></video>', "a <video> element is not allowed"),
        ("<!--scormbuild:quiz:q-->", "a comment that starts with 'scormbuild:'"),
        ('<a href="02-more.md">x</a>', "a link to '02-more.md' in raw HTML is not pointed"),
        ('<img src="../course.yml" alt="x">', "'../course.yml' is not in assets/"),
    ],
)
def test_raw_html_a_page_must_not_have(tmp_path: Path, html: str, message: str) -> None:
    body = MODULE.format(title="M") + "\nBefore.\n\n" + html + "\n"
    course = write_course(tmp_path, {"modules/02-more.md": body})
    text = problems(course)
    assert f"modules/02-more.md:11: error: {message}" in text, text
    assert "hint: " in text


@pytest.mark.parametrize(
    ("markdown", "message"),
    [
        ("[x](javascript:alert(1))", "a 'javascript:' link is not allowed"),
        ("[x](JaVaScRiPt:alert(1))", "a 'javascript:' link is not allowed"),
        ("[x](vbscript:msgbox)", "a 'vbscript:' link is not allowed"),
        ("[x](data:text/html;base64,PHNjcmlwdD4=)", "a 'data:' link is not allowed"),
        ("[x](file:///C:/Users/me/doc.pdf)", "'file:///C:/Users/me/doc.pdf' points at a file"),
        ("![x](file:///etc/passwd)", "'file:///etc/passwd' points at a file on one computer"),
        ("[x]{style=color:red}", "a style attribute is not allowed"),
        ("[x]{data-q=1}", "the attribute 'data-q' is not allowed on <span>"),
    ],
)
def test_markdown_links_and_attributes(tmp_path: Path, markdown: str, message: str) -> None:
    body = MODULE.format(title="M") + "\nSee " + markdown + " now.\n"
    course = write_course(tmp_path, {"modules/02-more.md": body})
    text = problems(course)
    assert f"modules/02-more.md:9: error: {message}" in text, text
    assert "hint: " in text


def test_legitimate_html_is_kept_as_it_was(tmp_path: Path) -> None:
    html = (
        "<details>\n<summary>More</summary>\n\nHidden *text* with <kbd>Ctrl</kbd>, "
        '<abbr title="Digital and Population Data Services Agency">DVV</abbr>, H<sub>2</sub>O '
        'and <mark>marked</mark>.\n\n</details>\n\n<p lang="sv" class="quote">Hej <b>du</b>'
        "<br>igen</p>\n\n| a | b |\n|--:|:-:|\n| 1 | 2 |\n\n[Suomi.fi](https://www.suomi.fi) "
        "and [mail](mailto:x@example.com).\n"
    )
    reviewed = COURSE_YML + "reviewed_links: [suomi.fi, 'mailto:x@example.com']\n"
    course = write_course(
        tmp_path, {"course.yml": reviewed, "modules/02-more.md": MODULE.format(title="M") + html}
    )
    assert problems(course) == ""
    page = module_html(course)
    for kept in (
        "<details>", "<summary>More</summary>", "<em>text</em>", "<kbd>Ctrl</kbd>",
        '<abbr title="Digital and Population Data Services Agency">DVV</abbr>', "<sub>2</sub>",
        "<mark>marked</mark>", '<p lang="sv" class="quote">Hej <b>du</b><br>igen</p>',
        '<th style="text-align:right">a</th>', '<td style="text-align:center">2</td>',
        '<a href="https://www.suomi.fi" target="_blank" rel="noopener noreferrer" '
        'class="sb-external">Suomi.fi<span class="sb-new-window">',
        '<a href="mailto:x@example.com" target="_blank" rel="noopener noreferrer" '
        'class="sb-external">mail<span class="sb-new-window">',
    ):  # fmt: skip
        assert kept in page, kept
    assert dangers(page) == []


# --- whatever the HTML: nothing dangerous in the page, and removals are told --------------------

TAG_NAMES = [
    "span",
    "b",
    "em",
    "a",
    "img",
    "code",
    "script",
    "iframe",
    "style",
    "meta",
    "link",
    "object",
    "embed",
    "svg",
    "form",
]
TAG_NAMES += ["input", "base", "video", "math", "details"]
ATTRS = [
    "href",
    "src",
    "onclick",
    "onerror",
    "style",
    "class",
    "id",
    "title",
    "alt",
    "lang",
    "srcset",
    "data-x",
    "formaction",
]
ATTRS += ["xlink:href", "aria-label", "target"]
VALUES = [
    "javascript:alert(1)",
    "/\t/evil.example/x",
    "\\/evil.example/x",
    " //e.example",
    "https://evil.example/x",
    "//evil.example/x",
    "x.png",
    "../assets/x.png",
    "#top",
    "data:text/html,<script>alert(1)</script>",
    "java&#x09;script:alert(1)",
    "url(https://e.example)",
    'x" onload="alert(1)',
    "mailto:a@b.c",
    "file:///etc/passwd",
    "",
    "alert(1)",
]
tag = st.builds(
    lambda name, attrs, text, close: (
        f"<{name}"
        + "".join(f' {a}="{v}"' if q else f" {a}={v.replace(' ', '')}" for a, v, q in attrs)
        + f">{text}"
        + (f"</{name}>" if close else "")
    ),
    st.sampled_from(TAG_NAMES),
    st.lists(st.tuples(st.sampled_from(ATTRS), st.sampled_from(VALUES), st.booleans()), max_size=3),
    st.text(alphabet="ab <>&\"'/=", max_size=8),
    st.booleans(),
)
HTML = st.lists(st.one_of(tag, st.text(alphabet="ab <>&\"'/=!-", max_size=10)), max_size=6).map(
    "".join
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HTML)
def test_clean_leaves_nothing_dangerous(html: str) -> None:
    assert dangers(clean(html)) == []


# Words with emphasis, as most quiz texts render, and the near misses of that form.
EMPHASIS = st.lists(
    st.one_of(
        st.sampled_from(["<em>", "</em>", "<strong>", "</strong>", "<code>", "</code>", "<b>"]),
        st.sampled_from(["<em>w</em>", "<code>a b</code>", "<strong>ö</strong>", "<em></em>"]),
        st.text(alphabet="a é\t\n\r\x00\x0b\x85\xa0\u2028<>&\"'=;", max_size=6),
    ),
    max_size=8,
).map("".join)


# Any text, some of it in <em>, <strong> or <code>: the form that skips the sanitizer.
WORDS = st.text(st.characters(exclude_categories=("Cs",)), max_size=8)
WRAPPED = st.lists(
    st.one_of(
        WORDS,
        st.builds("<{0}>{1}</{0}>".format, st.sampled_from(["em", "strong", "code"]), WORDS),
    ),
    min_size=1,
    max_size=6,
).map("".join)


@settings(max_examples=1000, deadline=None)
@given(st.one_of(EMPHASIS, WRAPPED, HTML))
def test_clean_gives_what_the_sanitizer_gives(html: str) -> None:
    """Texts the sanitizer would leave as they are skip it; nothing else with a tag does."""
    assume("<" in html)  # text without one is never parsed as HTML
    assert clean(html) == REFUSED_RE.sub("", str(sanitize._CLEANER.clean(html)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HTML)
def test_what_clean_removes_is_told(html: str) -> None:
    """When the page loses a tag or an attribute, the author hears of it."""
    _tags, refused = inspect(html)
    before, after = _elements(html), _elements(clean(html))
    if not refused:
        lost = {(t, a) for t, a in before if a is not None} - {(t, a) for t, a in after}
        assert not lost, (html, lost)


def _elements(html: str) -> set[tuple[str, str | None]]:
    found: set[tuple[str, str | None]] = set()

    class Reader(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.add((tag, None))
            found.update((tag, name) for name, _value in attrs)

    reader = Reader()
    reader.feed(html)
    reader.close()
    return found


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HTML, st.sampled_from(["body", "prompt", "objective"]))
def test_any_raw_html_anywhere_gives_a_safe_model_or_located_errors(html: str, where: str) -> None:
    import tempfile

    quoted = "'" + html.replace("'", "''").replace("\n", " ") + "'"
    if where == "body":
        body = MODULE.format(title="M") + "\n" + html + "\n"
    elif where == "prompt":
        body = MODULE.format(title="M") + "\n" + TF.format(quoted)
    else:
        body = f"---\ntitle: M\nobjectives:\n  - {quoted}\n---\n\nText.\n"
    with tempfile.TemporaryDirectory() as folder:
        course = write_course(Path(folder), {"modules/02-more.md": body})
        gathered = gather(course)
        for problem in gathered.problems:
            assert problem.location.path and problem.location.line, problem.format()
        if gathered.loaded is not None:
            for course_ in gathered.loaded.courses:
                for module in course_.modules:
                    texts = [module.html, *module.objectives]
                    texts += [q.prompt_html for quiz in module.quizzes for q in quiz.questions]
                    assert dangers("".join(texts)) == []


# --- HTML and SVG files in assets/ ------------------------------------------------------------

TRANSCRIPT = """<!DOCTYPE html>
<html><head><title>Talk transcript</title>
<script src="https://cdn.example.com/tracker.js"></script>
<link rel="stylesheet" href="https://fonts.example.com/css">
</head>
<body onload="steal()">
<h1>Transcript</h1>
<p>Speaker: <b>hello</b> <img src="https://t.example/pixel.gif" alt=""></p>
<iframe src="https://evil.example"></iframe>
</body></html>
"""


def test_an_html_transcript_is_packaged_inert_with_the_pages_policy(tmp_path: Path) -> None:
    body = MODULE.format(title="M") + "\n![A talk](../assets/talk.mp3)\n"
    course = write_course(
        tmp_path / "c",
        {
            "modules/02-more.md": body,
            "assets/talk.mp3": b"ID3",
            "assets/talk.vtt": "WEBVTT\n",
            "assets/talk.html": TRANSCRIPT,
        },
    )
    text = problems(course)
    assert "assets/talk.html:3: warning: scripts are not allowed in course pages: removed" in text
    assert "assets/talk.html:8: warning: remote resource 'https://t.example/pixel.gif'" in text
    build(course, tmp_path / "dist")
    with zipfile.ZipFile(tmp_path / "dist" / "demo-1.0.0.zip") as package:
        page = package.read("assets/talk.html").decode()
        module = package.read("modules/02-more.html").decode()
    assert "<title>Talk transcript – Demo course</title>" in page
    assert '<p>Speaker: <b>hello</b> <img alt=""></p>' in page
    for gone in ("tracker.js", "fonts.example", "steal", "t.example", "<iframe", "evil.example"):
        assert gone not in page
    csp = [x for x in module.splitlines() if "Content-Security-Policy" in x]
    assert csp and csp == [x for x in page.splitlines() if "Content-Security-Policy" in x]
    assert '<link rel="stylesheet" href="../scormbuild/theme.css">' in page


SVG_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n'


@pytest.mark.parametrize(
    ("svg", "message"),
    [
        ("<script>alert(1)</script>", "an SVG with <script> is refused"),
        ('<rect onload="alert(1)"/>', "the event handler 'onload' is refused"),
        ('<image href="https://t.example/p.png"/>', "remote resource 'https://t.example/p.png'"),
        ('<use xlink:href="//t.example/s.svg#a"/>', "remote resource '//t.example/s.svg#a'"),
        ('<a href="javascript:alert(1)"><text>x</text></a>', "a 'javascript:' link"),
        ("<foreignObject><div/></foreignObject>", "an SVG with <foreignObject> is refused"),
        ('<set attributeName="href" to="javascript:alert(1)"/>', "an animation of a link target"),
        ("<style>@import url(https://t.example/x.css);</style>", "a style that imports another"),
        ('<rect style="fill:url(https://t.example/p)"/>', "remote resource 'https://t.example/p'"),
        ('<rect style="fill:u\\72 l(https://t.example/p)"/>', "a style with escapes"),
    ],
)
def test_an_svg_that_could_run_or_fetch_is_refused_at_its_line(
    tmp_path: Path, svg: str, message: str
) -> None:
    course = write_course(tmp_path, {"assets/d.svg": SVG_HEAD + svg + "\n</svg>\n"})
    assert f"assets/d.svg:2: error: {message}" in problems(course)


def test_svg_files_that_are_fine(tmp_path: Path) -> None:
    svg = SVG_HEAD + (
        '<defs><linearGradient id="g"/></defs><rect style="fill:url(#g)" width="10"/>'
        '<image href="data:image/png;base64,iVBORw0KGgo="/><use href="#g"/>'
        '<a href="https://www.suomi.fi"><text>Suomi.fi</text></a>\n</svg>\n'
    )
    body = MODULE.format(title="M") + "\n![Diagram](../assets/d.svg)\n"
    course = write_course(tmp_path, {"assets/d.svg": svg, "modules/02-more.md": body})
    assert problems(course) == ""


@pytest.mark.parametrize("name", ["page.xhtml", "data.xml", "app.js", "style.xsl", "d.svgz"])
def test_files_a_browser_runs_are_refused(tmp_path: Path, name: str) -> None:
    course = write_course(tmp_path, {f"assets/{name}": "<x/>"})
    assert f"assets/{name}: error: " in problems(course)
    assert "can run scripts in the learner's browser: refused" in problems(course)


def test_a_broken_svg_is_located(tmp_path: Path) -> None:
    course = write_course(tmp_path, {"assets/d.svg": SVG_HEAD + "<rect>\n</svg>\n"})
    assert "assets/d.svg:3: error: not a well-formed SVG file" in problems(course)


def test_refused_free_misses_no_refused_character() -> None:
    every = [chr(code) for code in range(0x110000)]
    assert not [c for c in every if REFUSED_RE.match(c) and refused_free(c)]
    # and lets the characters of a course's text and pages through
    assert refused_free("Plain words, ääkköset, € ↩︎ ✓ “quotes” — and CJK 漢字.")


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.characters(codec=None), max_size=30))
def test_refused_free_only_when_the_pattern_finds_nothing(text: str) -> None:
    if refused_free(text):
        assert not REFUSED_RE.search(text)
    if "<" not in text:
        assert clean(text) == REFUSED_RE.sub("", text)
    text = re.sub("[\ud800-\udfff]", "", text)  # nh3 takes UTF-8 only
    assert clean(f"<em>{text}</em>") == sanitize_as_before(f"<em>{text}</em>")
    assert clean(f"<p>{text}</p>") == sanitize_as_before(f"<p>{text}</p>")


def sanitize_as_before(html: str) -> str:
    """clean as it was written with the pattern alone."""
    if "<" not in html:
        return REFUSED_RE.sub("", html)
    if sanitize._KEPT_RE.fullmatch(html) and not REFUSED_RE.search(html):
        return html
    return REFUSED_RE.sub("", str(sanitize._CLEANER.clean(html)))
