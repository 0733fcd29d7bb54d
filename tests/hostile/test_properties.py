"""Property tests: whatever the input, validate and the writer answer, and stay where they belong.

Hypothesis makes the inputs: archives damaged byte by byte, entry names and hrefs of any text,
output names of any text, course templates of any text. The promise checked is the one the
corpus checks case by case: an answer (a report with exit status 0, 1 or 2; a located error),
never an exception, in bounded time, and no file outside the folder it belongs in.
"""

from __future__ import annotations

import tempfile
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from scormbuild.commands.build import build
from scormbuild.commands.check import check
from scormbuild.commands.validate import Limits, validate_package
from scormbuild.errors import CourseError, OutputError
from scormbuild.package.output import OutputFolder, name_problem
from scormbuild.validate.archive import name_problem as entry_problem
from scormbuild.validate.rules import check_manifest
from tests import zips
from tests.coursekit import MODULE, write_course

LIMITS = Limits(max_entries=200, max_total_size=5_000_000, max_manifest_size=1_000_000)
SECONDS = 10.0  # per example, generously: each takes milliseconds
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
GOOD = zips.zip_bytes(zips.good_members())
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@contextmanager
def bounded() -> Iterator[None]:
    start = time.perf_counter()
    yield
    assert time.perf_counter() - start < SECONDS


@contextmanager
def sandbox() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="sb-prop-") as folder:
        yield Path(folder)


def everything_under(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


# --- validate ----------------------------------------------------------------------------------

damage = st.lists(
    st.tuples(st.integers(0, len(GOOD) - 1), st.integers(0, 255)), min_size=1, max_size=12
)


@PROPERTY
@given(damage, st.integers(0, len(GOOD)), st.binary(max_size=64), st.binary(max_size=64))
def test_a_damaged_archive_gets_a_verdict(
    changes: list[tuple[int, int]], cut: int, before: bytes, after: bytes
) -> None:
    data = bytearray(GOOD)
    for at, value in changes:
        data[at] = value
    with sandbox() as root:
        path = root / "pkg.zip"
        path.write_bytes(before + bytes(data[: max(cut, 22)]) + after)
        with bounded():
            report = validate_package(path, None, limits=LIMITS)
        assert report.exit_status in (0, 1, 2)
        assert everything_under(root) == {"pkg.zip"}
    report.to_text()
    report.to_json()


# zipfile itself cuts a name at NUL; every other character goes.
names = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"], exclude_characters="\x00"),
    min_size=1,
    max_size=40,
)


@PROPERTY
@given(st.lists(st.tuples(names, st.binary(max_size=200)), max_size=8))
def test_any_entry_names_get_a_verdict_and_unsafe_ones_are_never_read(
    extra: list[tuple[str, bytes]],
) -> None:
    with sandbox() as root:
        path = zips.write_zip(root / "pkg.zip", [*zips.good_members(), *extra])
        with bounded():
            report = validate_package(path, None, limits=LIMITS)
        assert report.exit_status in (0, 1, 2)
        with zipfile.ZipFile(path) as zf:
            stored = {info.filename for info in zf.infolist()}
        unsafe = {name for name in stored if entry_problem(name) is not None}
        read = {p.location.path for p in report.findings if p.code == "zip-integrity"}
        assert not unsafe & read
        for name in unsafe:
            assert any(
                p.location.path == name and p.code == "unsafe-entry" for p in report.findings
            ), name


urls = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=60)


@PROPERTY
@given(urls, urls)
def test_any_href_and_xml_base_get_findings_not_exceptions(href: str, base: str) -> None:
    root = etree.fromstring(zips.good_manifest())
    resource = root.find(".//{*}resource")
    assert resource is not None
    try:
        resource.set("href", href)
        if base:
            resource.set("{http://www.w3.org/XML/1998/namespace}base", base)
    except ValueError:
        return  # lxml refuses text that XML cannot hold: no manifest can carry it
    files = {"index.html", "assets/diagram.png"}
    with bounded():
        problems = check_manifest(etree.tostring(root), files, None)
    assert all(p.location.path for p in problems)


# --- the writer ----------------------------------------------------------------------------------


@PROPERTY
@given(st.text(min_size=0, max_size=300))
def test_any_output_name_stays_inside_the_output_folder(name: str) -> None:
    with sandbox() as root:
        out = root / "out"
        with OutputFolder(out) as folder:
            if name_problem(name) is not None:
                with pytest.raises(OutputError):
                    folder.add_text(name, "x")
                folder.commit()
                assert everything_under(root) == {"out"}
                return
            try:
                folder.add_text(name, "x")
            except OutputError as exc:  # what the file system itself refuses
                assert "cannot write" in str(exc)
                return
            (written,) = folder.commit()
        assert written.parent == out
        assert everything_under(root) == {"out", f"out/{name}"}


# --- course templates ----------------------------------------------------------------------------

TOKENS = (
    *("{{", "}}", "{%", "%}", "{#", "#}", " ", "\n", "x", "(", ")", ".", "|", "'", '"', "_"),
    *("1", "/", "raw", "endraw"),
    *("include", "extends", "block", "endblock", "for", "in", "if", "endif", "range"),
    *("course", "module", "t", "loop", "self", "super", "cycler", "__class__", "../"),
)
template_text = st.lists(st.sampled_from(TOKENS), max_size=30).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(template_text)
def test_any_course_template_builds_or_is_located(template: str) -> None:
    with sandbox() as root:
        course = write_course(root / "course", {"templates/index.html": template})
        try:
            with bounded():
                build(course, root / "dist")
        except CourseError as exc:
            assert all(p.location.path.startswith("templates/") for p in exc.problems)
            assert all(p.hint for p in exc.problems), [p.format() for p in exc.problems]
            assert not (root / "dist").exists()
        assert not (root / "course" / "x").exists()


# --- module text ---------------------------------------------------------------------------------

PIECES = (
    *("\n", "\n\n", " ", "x", "é", "**", "`", "{", "}", "|", "\\", "<b>", "</b>", "&#1;", "\u202e"),
    *(":::", "::: ", "tabs", "accordion", "steps", "scenario", "note", "warning", "lang en"),
    *("## ", "- ", "1. ", "> ", "|a|b|\n|-|-|\n|1|2|", "[^1]", "[^1]: n", "{lang=sv}"),
    *("[x](../assets/x.png)", "![alt](../assets/x.png)", "![](gone.png)", "[t]{.term}"),
    *("```quiz\n", "```\n", "id: q\n", "questions:\n", "  - id: a\n", "    type: single\n"),
    *("    prompt: P\n", "    choices:\n", "      - text: A\n        correct: true\n", "key: v"),
)
module_text = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
# A quiz fence of such pieces, so that half-written quizzes come often.
quiz_text = module_text.map(lambda text: f"```quiz\n{text}\n```\n")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(module_text | quiz_text, max_size=3).map("\n".join))
def test_any_module_text_is_checked_and_each_problem_says_how_to_mend_it(body: str) -> None:
    # Course syntax in any order: blocks and fences never closed, quizzes half written,
    # links to nothing. check answers with located problems, each with a hint.
    with sandbox() as root:
        files = {"modules/02-more.md": MODULE.format(title="More") + body, "assets/x.png": PNG}
        course = write_course(root / "course", files)
        with bounded():
            report = check(course)
        assert all(p.hint for p in report.problems), [p.format() for p in report.problems]
        assert all(p.location.path for p in report.problems)
