"""A course's own templates may restyle its pages, never make them run or load anything else.

Whatever a course's templates render is checked: the theme's Content-Security-Policy kept, no
remote script, stylesheet, font, image or frame, no refresh or ``<base>``, no inline script or
event handler, no script but the theme's. Each is an error at the template line that holds it,
from ``check`` and ``build`` alike; the theme itself, copied into a course, passes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scormbuild.commands.build import build
from scormbuild.commands.check import check
from scormbuild.errors import CourseError
from scormbuild.limits import TEMPLATE_BYTES
from scormbuild.model import CourseTemplates, OutputFile
from scormbuild.render.theme import builtin_templates
from scormbuild.source.pageguard import page_problems
from tests.coursekit import write_course

REPO = Path(__file__).resolve().parents[1]
HEAD = (builtin_templates() / "base.html").read_text("utf-8")
PAGE = '{{% extends "base.html" %}}\n{{% block body %}}\n{body}\n{{% endblock %}}\n'


def base_with(extra: str) -> str:
    """The theme's base.html with ``extra`` on a line of its own at the end of <head>."""
    return HEAD.replace("</head>", extra + "\n</head>")


HEAD_LINE = HEAD[: HEAD.index("</head>")].count("\n") + 1  # where base_with puts ``extra``

CASES = [
    ("a remote script", "base.html", base_with('<script src="https://cdn.example/x.js"></script>'),
     HEAD_LINE, "remote resource 'https://cdn.example/x.js' is refused (<script src>)"),
    ("a remote stylesheet", "base.html",
     base_with('<link rel="stylesheet" href="//e.example/s.css">'),
     HEAD_LINE, "remote resource '//e.example/s.css' is refused (<link href>)"),
    ("a preconnect", "base.html", base_with('<link rel="preconnect" href="https://e.example">'),
     HEAD_LINE, "remote resource 'https://e.example' is refused (<link href>)"),
    ("a refresh", "base.html", base_with('<meta http-equiv="refresh" content="0;url=x">'),
     HEAD_LINE, "a <meta http-equiv='refresh'> is refused in a page"),
    ("a base element", "base.html", base_with('<base href="../">'),
     HEAD_LINE, "a <base> element is refused in a page"),
    ("an inline script", "module.html", PAGE.format(body="<script>alert(1)</script>"),
     3, "an inline script is refused"),
    ("an event handler", "module.html", PAGE.format(body='<p onclick="x()">P</p>'),
     3, "the event handler 'onclick' is refused in a page"),
    ("a script of the course", "module.html", PAGE.format(body='<script src="../assets/a.txt">'
     "</script>"), 3, "the script '../assets/a.txt' is refused"),
    ("a remote image", "module.html", PAGE.format(body='<img alt="" src="https://e.example/i.png">'),
     3, "remote resource 'https://e.example/i.png' is refused (<img src>)"),
    ("a javascript: link", "module.html", PAGE.format(body='<a href="javascript:x()">x</a>'),
     3, "a 'javascript:' link is not allowed (<a href>)"),
    ("no policy", "base.html", HEAD.replace(HEAD.splitlines()[5], ""),
     3, "a page made by the course's templates lacks the theme's Content-Security-Policy"),
    ("a remote font", "static/theme.css", "body { color: red }\n@font-face { font-family: f; "
     "src: url(https://fonts.example/f.woff2) }\n", 2,
     "the stylesheet loads 'https://fonts.example/f.woff2' from elsewhere"),
    ("an imported stylesheet", "static/theme.css", '@import "https://e.example/x.css";\n', 1,
     "a stylesheet that imports another is refused"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "template", "text", "line", "message"), CASES, ids=[c[0] for c in CASES]
)
def test_what_a_course_template_may_not_put_in_a_page(
    tmp_path: Path, name: str, template: str, text: str, line: int, message: str
) -> None:
    course = write_course(
        tmp_path / "course", {f"templates/{template}": text, "assets/a.txt": "alert(1)\n"}
    )
    with pytest.raises(CourseError) as caught:
        build(course, tmp_path / "dist")
    problems = [p for p in caught.value.problems if p.message.startswith(message)]
    assert problems, [p.format() for p in caught.value.problems]
    assert f"{problems[0].location}" == f"templates/{template}:{line}"
    assert problems[0].hint
    assert not (tmp_path / "dist").exists()
    assert [p.format() for p in check(course).errors] == [p.format() for p in caught.value.problems]


def test_a_link_to_the_web_is_fine_in_a_template(tmp_path: Path) -> None:
    body = '<a href="https://example.org/">site</a> <a href="mailto:a@example.org">mail</a>'
    course = write_course(tmp_path / "course", {"templates/module.html": PAGE.format(body=body)})
    assert not check(course).problems
    build(course, tmp_path / "dist")


@pytest.mark.parametrize("course", ["course", "tests/golden/course-multi"])
def test_the_theme_copied_into_a_course_passes(tmp_path: Path, course: str) -> None:
    copy = tmp_path / "course"
    shutil.copytree(REPO / course, copy)
    shutil.copytree(builtin_templates(), copy / "templates")
    assert not check(copy).errors
    assert build(copy, tmp_path / "dist").packages


def test_the_guard_reads_the_templates_the_loader_read(tmp_path: Path) -> None:
    # Whatever is on disk now: the guard locates problems in the texts of the model.
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "index.html").write_text("<base href\n", encoding="utf-8")
    texts = {"notes/big.txt": "x" * 200 + "\n<base href", "index.html": "<p>no policy</p>\n"}
    templates = CourseTemplates(tmp_path / "templates", texts)
    files = [OutputFile("index.html", b"<html><head><base href='../'></head></html>")]
    found = page_problems(files, templates, "default-src 'self'")
    base = "a <base> element is refused in a page"
    assert [str(p.location) for p in found if p.message == base] == ["templates/notes/big.txt:2"]
    unread = CourseTemplates(tmp_path / "templates", {"index.html": "<p>no policy</p>\n"})
    found = page_problems(files, unread, "default-src 'self'")
    assert [str(p.location) for p in found if p.message.startswith(base)] == [
        "templates/index.html"
    ]


def test_a_course_template_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    big = PAGE.format(body="<p>" + "x" * TEMPLATE_BYTES + "</p>")
    course = write_course(tmp_path / "course", {"templates/module.html": big})
    problems = check(course).errors
    assert [p.format().splitlines()[0] for p in problems] == [
        "templates/module.html: error: 'templates/module.html' is larger than 2 MB, the limit "
        "for it"
    ]
    assert problems[0].hint
