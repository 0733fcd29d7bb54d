"""A course's own templates run under a budget of steps and sizes, and ``check`` renders them.

Each hostile template would otherwise run for hours or grow a text past any memory; under the
budget it stops at once with an error at its line, in ``build`` and in ``check`` alike.
"""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from scormbuild.commands.build import build
from scormbuild.commands.check import check
from scormbuild.errors import CourseError
from scormbuild.limits import TEMPLATE_STEPS
from scormbuild.render import budget
from tests.coursekit import MODULE, write_course

PAGE = '{{% extends "base.html" %}}\n{{% block body %}}\n{body}\n{{% endblock %}}\n'
STEPS = "takes more than"
TEXT = "makes a text of more than"
LIST = "makes a list of more than"
NUMBER = "makes a number too large"
OUTPUT = "writes more than"

HOSTILE = [
    ("nested loops over range()", "{% for a in range(99999) %}{% for b in range(99999) %}x"
     "{% endfor %}{% endfor %}", STEPS),
    ("a loop whose test skips every item", '{% for a in range(99999) %}{% for b in "y"|'
     'center(999) if b == "z" %}x{% endfor %}{% endfor %}', STEPS),
    ("a macro that calls itself twice", "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}"
     "{% endif %}{% endmacro %}{{ f(60) }}", STEPS),
    ("a string doubled with ~", '{% set ns = namespace(s="x") %}{% for i in range(64) %}'
     "{% set ns.s = ns.s ~ ns.s %}{% endfor %}", TEXT),
    ("a string doubled with +", '{% set ns = namespace(s="x") %}{% for i in range(64) %}'
     "{% set ns.s = ns.s + ns.s %}{% endfor %}", TEXT),
    ("a string doubled by replace", '{% set ns = namespace(s="x") %}{% for i in range(64) %}'
     '{% set ns.s = ns.s|replace("x", "xx") %}{% endfor %}', TEXT),
    ("a list doubled in place", "{% set l = [1] %}{% for i in range(64) %}"
     "{% set _ = l.extend(l) %}{% endfor %}", LIST),
    ("a string times ten billion", '{{ "x" * 10**10 }}', TEXT),
    ("a list times ten billion", "{{ [1] * 10**10 }}", LIST),
    ("a huge power", "{{ 7 ** (10 ** 9) }}", NUMBER),
    ("a number squared in a loop", "{% set ns = namespace(n=7) %}{% for i in range(64) %}"
     "{% set ns.n = ns.n * ns.n %}{% endfor %}", NUMBER),
    ("a centred text a billion wide", '{{ "x"|center(10**9) }}', TEXT),
    ("a method padding to a billion", '{{ "x".ljust(10**9) }}', TEXT),
    ("a printf width of a billion", '{{ "%0999999999d"|format(1) }}', TEXT),
    ("a % width of a billion", '{{ "%0999999999d" % 1 }}', TEXT),
    ("a format width of a billion", '{{ "{:>999999999}".format(1) }}', TEXT),
    ("a batch filled to a billion", "{{ [1]|batch(10**9, 0)|list }}", LIST),
    ("output of a hundred million characters", '{% for i in range(99999) %}{{ "x" * 999 }}'
     "{% endfor %}", OUTPUT),
]  # fmt: skip


@pytest.mark.parametrize(("name", "body", "says"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_template_over_its_budget_stops_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, body: str, says: str
) -> None:
    # A tenth of the budget, for speed: the hostile corpus runs the real one, end to end.
    monkeypatch.setattr(budget, "TEMPLATE_STEPS", TEMPLATE_STEPS // 10)
    course = write_course(tmp_path / "course", {"templates/module.html": PAGE.format(body=body)})
    start = time.monotonic()
    with pytest.raises(CourseError) as caught:
        build(course, tmp_path / "dist")
    assert time.monotonic() - start < 60  # far less: without the budget, hours or memory
    (problem,) = caught.value.problems
    assert f"{problem.location}" == "templates/module.html:3", problem.format()
    assert problem.message.startswith("template error: the template "), problem.message
    assert says in problem.message, problem.message
    assert problem.hint and "docs/format.md" in problem.hint
    assert not (tmp_path / "dist").exists()
    # check renders the course's templates too, and says the same
    report = check(course)
    assert [p.format() for p in report.errors] == [problem.format()]


def test_a_template_within_its_budget_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each of four pages spends 30 % of the budget: the count starts again for every page.
    monkeypatch.setattr(budget, "TEMPLATE_STEPS", 10_000)
    body = (
        "{% for i in range(30) %}{% for j in range(99) %}{{ '.' if i + j == 0 }}{% endfor %}"
        '{% endfor %}{{ module.title|center(40) }}{{ "%05d"|format(7) }}{{ "ab" * 1000 }}'
        "{{ 2 ** 100 }}"
    )
    modules = {f"modules/{n:02d}-more.md": MODULE.format(title=f"M{n}") for n in range(2, 5)}
    templates = {"templates/module.html": PAGE.format(body=body)}
    course = write_course(tmp_path / "course", {**modules, **templates})
    assert not check(course).problems
    result = build(course, tmp_path / "dist")
    with zipfile.ZipFile(result.packages[0]) as package:
        page = package.read("modules/04-more.html").decode()
    assert "00007" in page and "ab" * 1000 in page and str(2**100) in page
    # the same page under a quarter of that budget: refused
    monkeypatch.setattr(budget, "TEMPLATE_STEPS", 2_500)
    assert "steps" in check(course).errors[0].message


@pytest.mark.parametrize(
    ("name", "template", "where"),
    [
        ("module.html", PAGE.format(body="{{ foo( }}"), "templates/module.html:3"),
        ("index.html", "<p>\n{{ nosuchname.attribute }}\n", "templates/index.html:2"),
        ("statement/en.md", "# Statement\n{{ nothing.here }}\n", "templates/statement/en.md:2"),
        ("document.html", "{{ 1 / 0 }}\n", None),  # used only for HTML assets: none here
    ],
)
def test_check_reports_what_build_refuses_in_templates(
    tmp_path: Path, name: str, template: str, where: str | None
) -> None:
    course = write_course(tmp_path / "course", {f"templates/{name}": template})
    report = check(course)
    if where is None:
        assert not report.errors
        build(course, tmp_path / "dist")
        return
    (problem,) = report.errors
    assert f"{problem.location}" == where
    assert report.exit_status == 1
    with pytest.raises(CourseError) as caught:
        build(course, tmp_path / "dist")
    assert [p.format() for p in caught.value.problems] == [problem.format()]
