"""A course's own templates that fail: reported at their line, never as a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from scormbuild.commands.build import build
from scormbuild.errors import CourseError
from tests.coursekit import MODULE, write_course

MODULE_PAGE = '{{% extends "base.html" %}}\n{{% block body %}}\n{body}\n{{% endblock %}}\n'


@pytest.mark.parametrize(
    ("name", "template", "where", "message"),
    [
        (
            "module.html",
            MODULE_PAGE.format(body="{{ foo( }}"),
            "templates/module.html:3",
            "template syntax error: unexpected '}', expected ')'",
        ),
        (  # Jinja2's lexer names the file where the template's name goes for these two
            "index.html",
            b"<p>\n{# a comment never closed\n",
            "templates/index.html:2",
            "template syntax error: Missing end of comment tag",
        ),
        (
            "module.html",
            MODULE_PAGE.format(body="{% raw %} never closed"),
            "templates/module.html:3",
            "template syntax error: Missing end of raw directive",
        ),
        (
            "index.html",
            b"<p>\n{{ nosuchname.attribute }}\n",
            "templates/index.html:2",
            "template error: 'nosuchname' is undefined",
        ),
        (
            "index.html",
            b'a\nb\n{% include "../../../etc/passwd" %}\n',
            "templates/index.html:3",
            "template error: no template '../../../etc/passwd'",
        ),
        (
            "index.html",
            b"caf\xc3\xa9\n\xff\xfe\n",
            "templates/index.html:2",
            "template is not UTF-8 text (byte 0xff)",
        ),
        (
            "static/theme.css",
            b"body {}\n\n\xe9\n",
            "templates/static/theme.css:3",
            "template is not UTF-8 text (byte 0xe9)",
        ),
        (
            "index.html",
            b'x\n{% include "index.html" %}\n',
            "templates/index.html:2",
            "template error: RecursionError",
        ),
        (
            "module.html",
            MODULE_PAGE.format(body="{{ 1 / 0 }}"),
            "templates/module.html:3",
            "template error: ZeroDivisionError: division by zero",
        ),
        (
            "index.html",
            b"{{ cycler.__init__.__globals__.os.system('touch pwned') }}",
            "templates/index.html:1",
            "template error: access to attribute '__init__' of 'type' object is unsafe",
        ),
    ],
)
def test_a_broken_course_template_is_located(
    tmp_path: Path, name: str, template: str | bytes, where: str, message: str
) -> None:
    course = write_course(tmp_path / "course", {f"templates/{name}": template})
    with pytest.raises(CourseError) as caught:
        build(course, tmp_path / "dist")
    (problem,) = caught.value.problems
    assert f"{problem.location}" == where
    assert problem.message.startswith(message), problem.message
    assert problem.hint
    assert not (tmp_path / "dist").exists()
    assert not list(tmp_path.rglob("pwned"))


def test_an_error_on_a_forked_worker_is_located_too(tmp_path: Path) -> None:
    # Enough modules that the pages are rendered on worker processes (see workers.py).
    modules = {f"modules/{n:02d}-m.md": MODULE.format(title=f"M{n}") for n in range(1, 41)}
    body = "{% if module.title == 'M33' %}{{ missing_name }}{% endif %}"
    modules["templates/module.html"] = MODULE_PAGE.format(body=body)
    course = write_course(tmp_path / "course", modules)
    (course / "modules/01-intro.md").unlink()
    (course / "modules/02-more.md").unlink()
    with pytest.raises(CourseError) as caught:
        build(course, tmp_path / "dist")
    (problem,) = caught.value.problems
    assert f"{problem.location}" == "templates/module.html:3"
    assert problem.message == "template error: 'missing_name' is undefined"


def test_a_fault_in_the_builtin_theme_is_not_blamed_on_the_course(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scormbuild.render import pages

    def broken(*args: object, **kwargs: object) -> str:
        raise KeyError("renderer bug")

    monkeypatch.setattr(pages, "render_module", broken)
    course = write_course(tmp_path / "course", {"templates/index.html": b"<p>mine</p>\n"})
    with pytest.raises(KeyError):
        build(course, tmp_path / "dist")
