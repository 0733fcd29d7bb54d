"""The theme: the course's own templates, then the built-in theme, and the Jinja2 environment.

A course's own templates (``templates/``, as the loader read them into the model) come first,
so an author can override any template (or ``static/theme.css``) by name; the built-in theme
comes last.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import json
import os
import posixpath
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from pathlib import Path
from types import FunctionType
from typing import Any, cast

import jinja2

from scormbuild.errors import CourseError, Problem, error
from scormbuild.model import CourseTemplates
from scormbuild.render.budget import CourseSandbox, TemplateBudgetError
from scormbuild.render.fastpath import ThemeContext, escape_output, mark_safe
from scormbuild.strings import Catalog


def builtin_templates() -> Path:
    """The built-in theme folder: package data in a wheel, ``templates/`` in a checkout."""
    packaged = importlib.resources.files("scormbuild") / "templates"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "templates"


class TemplateEncodingError(jinja2.TemplateSyntaxError):
    """A template file that is not UTF-8 text."""


TABLE = "compiled.json"


def digest(source: str) -> str:
    """The SHA-256 of a template's source, as ``compiled.json`` names it."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


class CompiledTemplates:
    """The built-in templates' code generated ahead (:mod:`scormbuild.render.compiled`), read
    from the package when a template is first asked for."""

    def __init__(self) -> None:
        self.table: dict[str, Any] | None = None

    def code(self, name: str, source: str) -> str | None:
        """The Python code of template ``name`` if the table has it for this ``source``."""
        if self.table is None:
            path = importlib.resources.files("scormbuild") / "render" / TABLE
            try:
                self.table = json.loads(path.read_text("utf-8"))
            except FileNotFoundError:
                self.table = {}
        entry = self.table.get(name)
        if entry is None or entry.get("source") != digest(source):
            return None
        # The generated code calls into jinja2.runtime, which may differ in another release.
        if entry.get("jinja2") != jinja2.__version__:
            return None
        code = entry.get("code")
        return code if isinstance(code, str) else None


class ThemeLoader(jinja2.FileSystemLoader):
    """The ``course``'s own templates as the loader read them, then a file system loader over
    the theme's folders; errors name the template: every folder searched when it is not found,
    the line of the first byte that is not UTF-8 when it cannot be read.

    A course's templates are never read from disk here: what was checked at load is what
    renders, whatever became of the files since. From a folder it opens only regular files
    that lie inside it (a symlink out, or a FIFO, is never read). With ``compiled``,
    templates whose code was generated ahead are only compiled (:mod:`scormbuild.render.compiled`).
    """

    def __init__(
        self,
        searchpath: list[Path],
        compiled: CompiledTemplates | None = None,
        course: CourseTemplates | None = None,
    ) -> None:
        super().__init__(searchpath)
        self.compiled = compiled
        self.course = course

    def load(
        self,
        environment: jinja2.Environment,
        name: str,
        globals: MutableMapping[str, Any] | None = None,
    ) -> jinja2.Template:
        if self.compiled is None:
            return super().load(environment, name, globals)
        source, filename, uptodate = self.get_source(environment, name)
        ahead = self.compiled.code(name, source)
        code = environment.compile(source, name, filename) if ahead is None else ahead
        if isinstance(code, str):
            code = compile(code, filename, "exec")
        template = environment.template_class.from_code(environment, code, globals or {}, uptodate)
        # The code looks ``escape`` up among its module's names when it runs.
        cast(FunctionType, template.root_render_func).__globals__["escape"] = escape_output
        return template

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        if self.course is not None:
            found = self._course_source(self.course, template)
            if found is not None:
                return found
        self._refuse_outside(template)
        try:
            return super().get_source(environment, template)
        except jinja2.TemplateNotFound:
            folders = [self.course.folder] if self.course is not None else []
            searched = ", ".join(str(p) for p in [*folders, *self.searchpath])
            raise jinja2.TemplateNotFound(f"{template} (searched: {searched})") from None
        except UnicodeDecodeError as exc:
            data = exc.object
            line = data.count(b"\n", 0, exc.start) + 1
            raise TemplateEncodingError(
                f"template is not UTF-8 text (byte 0x{data[exc.start]:02x})",
                line,
                template,
                self._filename(template),
            ) from None

    def list_templates(self) -> list[str]:
        names = set(super().list_templates())
        if self.course is not None:
            names.update(self.course.texts)
        return sorted(names)

    @staticmethod
    def _course_source(course: CourseTemplates, template: str) -> tuple[str, str, Any] | None:
        """The source of ``template`` among the course's own, as a file in its folder gives it."""
        pieces = jinja2.loaders.split_template_path(template)  # refuses '..'
        name = course.resolve("/".join(pieces))
        if name is None:
            raise jinja2.TemplateNotFound(f"{template} (not a file inside {course.folder})")
        if (text := course.texts.get(name)) is None:
            return None
        filename = os.path.normpath(posixpath.join(str(course.folder), *pieces))
        if (bad := course.undecodable.get(name)) is not None:
            message = f"template is not UTF-8 text (byte 0x{bad[1]:02x})"
            raise TemplateEncodingError(message, bad[0], template, filename)
        if "\r" in text:  # universal newlines, as a file opened as text reads
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        return text, filename, _unchanged

    def _refuse_outside(self, template: str) -> None:
        parts = jinja2.loaders.split_template_path(template)
        for folder in self.searchpath:
            path = os.path.join(folder, *parts)
            if not os.path.lexists(path):
                continue
            real, root = os.path.realpath(path), os.path.realpath(folder)
            if not real.startswith(root + os.sep) or not os.path.isfile(real):
                raise jinja2.TemplateNotFound(f"{template} (not a file inside {folder})")
            return

    def _filename(self, template: str) -> str | None:
        parts = jinja2.loaders.split_template_path(template)
        for folder in self.searchpath:
            path = Path(folder, *parts)
            if path.is_file():
                return str(path)
        return None


def _unchanged() -> bool:
    """A course's templates in the model never change (an edit is a new load)."""
    return True


@contextmanager
def course_template_errors(env: jinja2.Environment) -> Iterator[None]:
    """Turn a failure in one of the course's own templates into a located :class:`CourseError`.

    A syntax error, an undefined name, a template that is missing (or named with ``..``), or
    any other exception raised while a course template runs is reported at the line of that
    template; failures elsewhere (the built-in theme, the renderer) propagate unchanged.
    """
    try:
        yield
    except CourseError:
        raise
    except Exception as exc:
        problem = _template_problem(env, exc)
        if problem is None:
            raise
        raise CourseError([problem]) from exc


def _course_folder(env: jinja2.Environment) -> Path | None:
    """The course's ``templates/`` folder when the environment serves its templates."""
    loader = env.loader
    if isinstance(loader, ThemeLoader) and loader.course is not None:
        return loader.course.folder
    return None


def _template_problem(env: jinja2.Environment, exc: Exception) -> Problem | None:
    folder = _course_folder(env)
    if folder is None:
        return None
    where: tuple[str, int | None] | None
    if isinstance(exc, TemplateEncodingError):
        where, message = (exc.filename or "", exc.lineno), exc.message or ""
    elif isinstance(exc, jinja2.TemplateSyntaxError):
        # Jinja2's lexer gives some errors (a comment or a raw block never closed) the file's
        # path where the template's name goes, and no file name.
        filename = exc.filename or (str(folder / exc.name) if exc.name else "")
        where, message = (filename, exc.lineno), f"template syntax error: {exc.message}"
    else:
        # Jinja2 rewrites tracebacks so that a template's frames carry its file name and line.
        where = None
        tb = exc.__traceback__
        while tb is not None:
            name = tb.tb_frame.f_code.co_filename
            if folder in Path(name).parents:
                where = (name, tb.tb_lineno)
            tb = tb.tb_next
        if where is None and isinstance(exc, TemplateBudgetError):
            where = exc.where  # a page's output, put together after its template ran
        message = f"template error: {_describe(exc)}"
    if where is None or not where[0]:
        return None
    path = Path(where[0])
    if path != folder and folder not in path.parents:
        return None  # the built-in theme's own template: a bug, not the course's problem
    return error(
        (folder.name / path.relative_to(folder)).as_posix(),
        where[1],
        message,
        hint=_HINTS.get(type(exc), _HINT),
    )


_HINT = "see the template reference in docs/format.md; a course template overrides the theme's"
_HINTS: dict[type[Exception], str] = {
    jinja2.UndefinedError: "use only the names the theme gives each template (docs/format.md)",
    jinja2.TemplateNotFound: "name templates as they are in templates/ or the theme, without ..",
    TemplateEncodingError: "save the file as UTF-8 text",
    jinja2.exceptions.SecurityError: "course templates run sandboxed: no names that start with _",
    TemplateBudgetError: "loop over the course's own data: nested loops over range() or a "
    "macro that calls itself are the usual cause (the limits are in docs/format.md)",
}


def _describe(exc: Exception) -> str:
    if isinstance(exc, jinja2.TemplateNotFound):
        return f"no template {exc.name.split(' (searched')[0]!r}" if exc.name else "not found"
    if isinstance(exc, jinja2.TemplateError) and exc.message:
        return exc.message
    return f"{type(exc).__name__}: {exc}"


def make_environment(templates: CourseTemplates | None) -> jinja2.Environment:
    """A Jinja2 environment over the course's own ``templates`` (from the model: a course's
    :attr:`~scormbuild.model.Course.templates`) and then the built-in theme."""
    # A course's own templates come from whoever wrote the course: sandboxed, they can reach
    # no Python internals (``cycler.__init__.__globals__`` would otherwise run any command),
    # and under a budget, they cannot run long or grow a text without bound.
    kind = CourseSandbox if templates is not None else jinja2.Environment
    # The built-in templates' code generated ahead is this environment's alone (sandboxed,
    # Jinja2 generates other code).
    compiled = CompiledTemplates() if kind is jinja2.Environment else None
    env = kind(
        loader=ThemeLoader([builtin_templates()], compiled, templates),
        # HTML is escaped; the Markdown documents (statement/*.md) are not HTML.
        autoescape=jinja2.select_autoescape(("html", "xml"), default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    if compiled is not None:  # the built-in theme's: see scormbuild.render.fastpath
        env.context_class = ThemeContext
        env.filters["safe"] = mark_safe
    # A default catalog so templates render even before render/pages.py sets the course's own.
    env.globals["t"] = Catalog("en")
    return env


class Themes:
    """Template environments kept by course folder, so that templates are compiled once.

    For the preview's rebuilds (part of its build cache). Course templates whose texts changed
    since (a new load) get a new environment; Jinja2 still recompiles a built-in template
    whose file has changed.
    """

    def __init__(self) -> None:
        self.kept: dict[Path | None, tuple[CourseTemplates | None, jinja2.Environment]] = {}

    def environment(self, templates: CourseTemplates | None) -> jinja2.Environment:
        """The environment over the course's own ``templates``, made when they are new."""
        key = None if templates is None else templates.folder
        kept = self.kept.get(key)
        if kept is None or kept[0] != templates:
            kept = self.kept[key] = (templates, make_environment(templates))
        return kept[1]


def read_static(env: jinja2.Environment, name: str) -> str:
    """The text of ``static/<name>`` through the search path (a course may override it)."""
    assert env.loader is not None
    source, _filename, _uptodate = env.loader.get_source(env, f"static/{name}")
    return source


def _luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG 2.1 relative luminance."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """WCAG 2.1 contrast ratio of two colours, 1 to 21."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def parse_color(text: str) -> tuple[int, int, int]:
    """``#rgb`` or ``#rrggbb``; anything else is the default brand colour."""
    h = text.strip().lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    if len(h) != 6 or any(c not in "0123456789abcdefABCDEF" for c in h):
        h = "00578a"
    return (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16))


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def readable_on_white(rgb: tuple[int, int, int]) -> tuple[int, int, int]:
    """The brand colour darkened just enough for 4.5:1 on white (links, headings, buttons)."""
    white = (255, 255, 255)
    while contrast(rgb, white) < 4.5:
        rgb = (int(rgb[0] * 0.92), int(rgb[1] * 0.92), int(rgb[2] * 0.92))
    return rgb


# The dark colour scheme's page and panel backgrounds (templates/static/theme.css).
DARK_BG = (0x15, 0x18, 0x1B)
DARK_SOFT = (0x20, 0x24, 0x29)


def readable_on_dark(rgb: tuple[int, int, int]) -> tuple[int, int, int]:
    """The brand colour lightened just enough for 4.5:1 on the dark scheme's panels."""
    while contrast(rgb, DARK_SOFT) < 4.5:
        rgb = (rgb[0] + (255 - rgb[0]) // 8 + 1, rgb[1] + (255 - rgb[1]) // 8 + 1,
               rgb[2] + (255 - rgb[2]) // 8 + 1)  # fmt: skip
        rgb = (min(rgb[0], 255), min(rgb[1], 255), min(rgb[2], 255))
    return rgb


def brand_css(color: str) -> str:
    """``scormbuild/brand.css``: the course's brand colour as custom properties.

    Inline styles are banned by the pages' Content Security Policy, so the colour travels in
    its own stylesheet. Text on the brand colour is white; the brand colour is darkened when
    white on it (or it on white) would fall below WCAG AA's 4.5:1. In the learner's dark
    colour scheme it is lightened until it has 4.5:1 on the dark panels, with dark text on it.
    """
    brand = readable_on_white(parse_color(color))
    dark = readable_on_dark(parse_color(color))
    return (
        f":root {{\n  --sb-brand: {_hex(brand)};\n  --sb-on-brand: #fff;\n}}\n"
        f"@media (prefers-color-scheme: dark) {{\n  :root {{\n    --sb-brand: {_hex(dark)};\n"
        f"    --sb-on-brand: {_hex(DARK_BG)};\n  }}\n}}\n"
    )


def theme_digest(env: jinja2.Environment) -> str:
    """A digest of every template the environment can load, so cached pages follow edits."""
    assert env.loader is not None
    digest = hashlib.sha256()
    for name in sorted(env.list_templates()):
        source, _, _ = env.loader.get_source(env, name)
        digest.update(f"{name}\0{source}\0".encode())
    return digest.hexdigest()
