"""A course's own templates are read once, by the loader: every later stage uses those texts.

Render, package, the documents, ``check``'s template problems and the page guard take them
from the model (:class:`~scormbuild.model.CourseTemplates`); ``course/templates`` on disk is
not opened, listed or looked at again, whatever became of it since the load.
"""

from __future__ import annotations

import os
import shutil
import sys
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import jinja2
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scormbuild.commands import build as build_command
from scormbuild.commands import check as check_command
from scormbuild.commands.build import build
from scormbuild.commands.check import check
from scormbuild.documents.statement import gather_facts, statement
from scormbuild.errors import CourseError
from scormbuild.model import CourseTemplates
from scormbuild.pipeline import Gathered, gather, package_files
from scormbuild.preview.site import PreviewSite
from scormbuild.render.theme import (
    TemplateEncodingError,
    ThemeLoader,
    Themes,
    builtin_templates,
    make_environment,
    read_static,
)
from scormbuild.source.load import load_course
from scormbuild.source.paths import CourseFiles
from scormbuild.source.templates import scan_templates
from tests.coursekit import write_course

PAGE = '{% extends "base.html" %}\n{% block body %}\n<p class="own">{{ module.title }} WORD</p>\n'
PAGE += "{{ body }}\n{% endblock %}\n"
OWN = {
    "templates/module.html": PAGE.replace("WORD", "as loaded"),
    "templates/static/theme.css": "body { color: red; }\n",
    "templates/statement/en.md": "Statement as loaded for {{ package }}\n",
}

# Paths the file-system guard refuses, while it is on (an audit hook cannot be removed).
WATCHED: list[str] = []


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if WATCHED and event in ("open", "os.scandir", "os.listdir") and args and args[0]:
        path = args[0]
        if isinstance(path, (str, bytes, os.PathLike)):
            _refuse(os.fsdecode(path))


def _refuse(path: str) -> None:
    for watched in WATCHED:
        if path == watched or path.startswith(watched + os.sep):
            raise AssertionError(f"{path} read after the load")


sys.addaudithook(_audit)


@pytest.fixture(autouse=True)
def stat_watched(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Stat has no audit event: os.stat and os.lstat (pathlib's is_dir and is_file) refuse
    the watched paths too."""
    for name in ("stat", "lstat"):
        real: Callable[..., Any] = getattr(os, name)

        def checked(path: Any, *args: Any, real: Callable[..., Any] = real, **kw: Any) -> Any:
            if WATCHED and isinstance(path, (str, bytes, os.PathLike)):
                _refuse(os.fsdecode(path))
            return real(path, *args, **kw)

        monkeypatch.setattr(os, name, checked)
    yield
    WATCHED.clear()


@contextmanager
def untouched(*folders: Path) -> Iterator[None]:
    """Fail on any open, listing or stat of a path under ``folders``."""
    WATCHED[:] = [str(f) for f in folders]
    try:
        yield
    finally:
        WATCHED.clear()


def replace_templates(course: Path, outside: Path) -> None:
    """``course/templates`` made a symlink to a folder out of the course with other texts."""
    shutil.rmtree(course / "templates")
    for name in OWN:
        path = outside / name.removeprefix("templates/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{{ cycler.__init__.__globals__ }} replaced on disk\n", "utf-8")
    (course / "templates").symlink_to(outside, target_is_directory=True)


def test_render_package_and_documents_use_the_texts_read_at_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    course_dir = write_course(tmp_path / "course", dict(OWN))
    (course,) = load_course(course_dir).courses
    assert course.templates is not None
    assert course.templates.names() == ["module.html", "statement/en.md", "static/theme.css"]
    replace_templates(course_dir, tmp_path / "outside")
    with untouched(course_dir / "templates", tmp_path / "outside"):
        env = make_environment(course.templates)
        files = {f.path: f.data or b"" for f in package_files(course, env)}
        facts = gather_facts(course, [])
        text = statement(env, course, facts, "demo-1.0.0.zip")
    page = files["modules/01-intro.html"].decode()
    assert '<p class="own">Intro as loaded</p>' in page
    assert b"color:red" in files["scormbuild/theme.css"]
    assert text == "Statement as loaded for demo-1.0.0.zip\n"
    assert facts.overridden == ("module.html", "statement/en.md", "static/theme.css")
    assert "replaced on disk" not in "".join(f.decode("utf-8", "replace") for f in files.values())


def after_load(
    monkeypatch: pytest.MonkeyPatch, module: Any, change: Callable[[], None], *folders: Path
) -> None:
    """``module``'s gather loads the course, then ``change`` alters it on disk and every
    access to ``folders`` fails until the command returns."""

    def gathered(*args: Any, **kwargs: Any) -> Gathered:
        WATCHED.clear()  # a load (the preview's next) reads them
        result = gather(*args, **kwargs)
        change()
        WATCHED[:] = [str(f) for f in folders]
        return result

    monkeypatch.setattr(module, "gather", gathered)


def test_build_reads_the_templates_only_while_loading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    course = write_course(tmp_path / "course", dict(OWN))
    outside = tmp_path / "outside"
    after_load(
        monkeypatch, build_command, lambda: replace_templates(course, outside),
        course / "templates", outside,
    )  # fmt: skip
    try:
        result = build(course, tmp_path / "dist")
    finally:
        WATCHED.clear()
    (package,) = result.packages
    with zipfile.ZipFile(package) as z:
        assert b"Intro as loaded" in z.read("modules/01-intro.html")
    statements = list((tmp_path / "dist").glob("*statement*.md"))
    assert [p.read_text("utf-8") for p in statements] == [
        f"Statement as loaded for {package.name}\n"
    ]


def test_check_reports_the_problems_of_the_texts_read_at_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken: dict[str, str | bytes] = {"templates/index.html": b"<p>\n{{ nothing.here }}\n\xff\n"}
    course = write_course(tmp_path / "course", broken)
    before = check(course).problems
    assert [f"{p.location}: {p.message}" for p in before] == [
        "templates/index.html:3: template is not UTF-8 text (byte 0xff)"
    ]

    def mend() -> None:  # the file is fine now; the load saw it broken
        shutil.rmtree(course / "templates")
        write_course(course, {"templates/index.html": "<p>fine</p>\n"})

    after_load(monkeypatch, check_command, mend, course / "templates")
    try:
        assert check(course).problems == before
    finally:
        WATCHED.clear()


def test_the_page_guard_locates_in_the_texts_read_at_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = PAGE.replace("WORD", '<script src="//e.example/x.js"></script>')
    course = write_course(tmp_path / "course", {"templates/module.html": page})
    after_load(
        monkeypatch, build_command, lambda: shutil.rmtree(course / "templates"),
        course / "templates",
    )  # fmt: skip
    try:
        with pytest.raises(CourseError) as caught:
            build(course, tmp_path / "dist")
    finally:
        WATCHED.clear()
    assert [str(p.location) for p in caught.value.problems] == ["templates/module.html:3"]


def test_the_preview_renders_an_edited_template_on_rebuild(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scormbuild.preview import site as preview_site

    course = write_course(tmp_path / "course", dict(OWN))
    site = PreviewSite(course)
    after_load(monkeypatch, preview_site, lambda: None, course / "templates")
    try:
        assert site.rebuild().ok
        assert site.rebuild().ok  # the pages of the last one kept: no course template read
    finally:
        WATCHED.clear()
    page = site.files["en"]["modules/01-intro.html"].data or b""
    assert b"Intro as loaded" in page
    write_course(course, {"templates/module.html": PAGE.replace("WORD", "edited")})
    try:
        assert site.rebuild().ok
    finally:
        WATCHED.clear()
    page = site.files["en"]["modules/01-intro.html"].data or b""
    assert b"Intro edited" in page and b"as loaded" not in page


def test_the_themes_keep_an_environment_while_the_texts_are_the_same(tmp_path: Path) -> None:
    themes = Themes()
    folder = tmp_path / "templates"
    first = themes.environment(CourseTemplates(folder, {"figure.html": "a"}))
    assert themes.environment(CourseTemplates(folder, {"figure.html": "a"})) is first
    edited = themes.environment(CourseTemplates(folder, {"figure.html": "b"}))
    assert edited is not first
    assert edited.get_template("figure.html").render() == "b"
    assert themes.environment(None) is themes.environment(None)


def on_disk_and_gathered(
    folder: Path, environment: jinja2.Environment, name: str
) -> tuple[object, object]:
    """What the loader over the folder (as before) and the one over the model give for
    ``name``: its text and file name, or the error's message, line and file name."""
    files = CourseFiles(folder.parent)
    _uses, templates, problems = scan_templates(files, set())
    assert templates is not None and not problems
    builtin = builtin_templates()
    old = ThemeLoader([folder, builtin])
    new = ThemeLoader([builtin], None, templates)
    out: list[object] = []
    for loader in (old, new):
        try:
            source, filename, _ = loader.get_source(environment, name)
            out.append((source, filename))
        except TemplateEncodingError as exc:
            out.append((exc.message, exc.lineno, exc.filename))
        except jinja2.TemplateNotFound as exc:
            out.append(str(exc))
    return out[0], out[1]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.lists(
        st.sampled_from([b"a", b"\n", b"\r", b"\r\n", b"{{ x }}", b"\xc3\xa9", b"\xff", b"\xe9"]),
        max_size=12,
    ).map(b"".join),
    name=st.sampled_from(["index.html", "static/theme.css", "sub/x.html"]),
    asked=st.sampled_from(["", "./", "missing/"]),
)
def test_the_model_serves_what_the_folder_served(data: bytes, name: str, asked: str) -> None:
    root = Path(os.environ.get("TMPDIR", "/tmp")) / f"sb-gathered-{os.getpid()}"
    shutil.rmtree(root, ignore_errors=True)
    path = root / "templates" / name
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    try:
        env = jinja2.Environment()
        old, new = on_disk_and_gathered(root / "templates", env, asked + name)
        assert old == new
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_a_name_with_dots_is_refused_before_any_lookup() -> None:
    templates = CourseTemplates(Path("/nowhere/templates"), {"index.html": "x"})
    env = make_environment(templates)
    with pytest.raises(jinja2.TemplateNotFound) as info:
        env.get_template("../templates/index.html")
    assert str(info.value) == "../templates/index.html"
    crlf = CourseTemplates(Path("/t"), {"static/theme.css": "a\r\nb\rc"})
    assert read_static(make_environment(crlf), "theme.css") == "a\nb\nc"  # as a text file


LINKS = {
    # name: (symlink under templates/, what it points to, relative to the course)
    "a folder linked inside templates/": ("sub", "templates/real"),
    "a folder linked out of templates/": ("sub", "shared"),
    "the folder itself, linked": ("sub", "templates"),
    "a file linked inside templates/": ("sub/x.html", "templates/real/x.html"),
    "a file linked out of templates/": ("sub/x.html", "shared/x.html"),
}


ASKED = ["sub/x.html", "sub/sub/real/x.html", "real/x.html"]


# A name through a link out of templates/ is refused whether or not the file is there (the
# folder loader looked and said 'searched' for one that is not); the rest is as it was.
@pytest.mark.parametrize(
    ("case", "asked"),
    [(c, a) for c in sorted(LINKS) for a in ASKED if "out of" not in c or a != ASKED[1]],
)
def test_symlinks_in_templates_are_followed_as_the_folder_loader_did(
    tmp_path: Path, case: str, asked: str
) -> None:
    link, target = LINKS[case]
    course = tmp_path / "course"
    for folder in ("templates/real", "shared"):
        (course / folder).mkdir(parents=True)
        (course / folder / "x.html").write_text(f"x in {folder}\r\n", "utf-8")
    (course / "templates" / link).parent.mkdir(parents=True, exist_ok=True)
    (course / "templates" / link).symlink_to(course / target)
    old, new = on_disk_and_gathered(course / "templates", jinja2.Environment(), asked)
    assert old == new


def test_a_linked_templates_folder_serves_as_before(tmp_path: Path) -> None:
    course = tmp_path / "course"
    (course / "mine" / "static").mkdir(parents=True)
    (course / "mine" / "static" / "theme.css").write_text("a {}\n", "utf-8")
    (course / "templates").symlink_to(course / "mine")
    for asked in ("static/theme.css", "nope.html"):
        old, new = on_disk_and_gathered(course / "templates", jinja2.Environment(), asked)
        assert old == new
