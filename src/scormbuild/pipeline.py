"""The stages every command runs, written once.

:func:`gather` loads the course, checks it, applies ``--strict`` and collapses repeats: the
problems ``build``, ``check`` and the preview report are one list made in one place.
:func:`package_files` makes one package's files in memory (render, manifest): ``build`` writes
them, the preview serves them. A :class:`BuildCache` lets the preview's rebuilds reuse what
has not changed; a plain build has none.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from scormbuild.errors import CourseError, PackageError, Problem, error, raise_if_errors, warning
from scormbuild.model import Course, OutputFile
from scormbuild.package.manifest import CONTROL_DOCUMENTS, MANIFEST_NAME, manifest_bytes
from scormbuild.package.output import name_problem
from scormbuild.package.suspend_data import suspend_data_problems
from scormbuild.render.pages import Packer, PageCache, render_course
from scormbuild.render.theme import (
    Themes,
    builtin_templates,
    contrast,
    parse_color,
    readable_on_white,
)
from scormbuild.source.checks import check_course
from scormbuild.source.load import LoadedCourse, read_course
from scormbuild.source.memo import ModuleMemo
from scormbuild.source.pageguard import csp_of, page_problems
from scormbuild.validate.schema import load_schema
from scormbuild.workers import fewer_collections

# The four ADL control documents that --schemas copies to the package root.
SCHEMA_FILES = tuple(sorted(CONTROL_DOCUMENTS - {MANIFEST_NAME}))


class Timer:
    """Adds up wall time per build phase (load, check, render, manifest, package)."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = {}

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        """Time the block as part of phase ``name``."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.totals[name] = self.totals.get(name, 0.0) + time.perf_counter() - start


@dataclass
class BuildCache:
    """What the preview keeps between rebuilds of its course; a plain build has none.

    Each part reuses only what is provably unchanged, so a rebuild returns exactly what a
    fresh build does: modules whose text and file-system answers are the same
    (:mod:`scormbuild.source.memo`), pages whose inputs are the same
    (:class:`~scormbuild.render.pages.PageCache`), and compiled templates
    (:class:`~scormbuild.render.theme.Themes`, new when the course's templates changed).
    """

    modules: ModuleMemo = field(default_factory=ModuleMemo)
    pages: PageCache = field(default_factory=PageCache)
    themes: Themes = field(default_factory=Themes)


@dataclass(frozen=True)
class Gathered:
    """A course loaded and checked: the model (None when it did not load) and its problems."""

    loaded: LoadedCourse | None
    problems: tuple[Problem, ...]  # in location order, repeats collapsed
    schemas: Path | None = None  # the control documents' folder: --schemas, else course.yml

    def or_raise(self) -> LoadedCourse:
        """The loaded course; raises :class:`CourseError` listing the problems on any error."""
        if self.loaded is None or any(p.level == "error" for p in self.problems):
            raise CourseError(self.problems)
        return self.loaded


def unique_sorted(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """Problems in location order, exact repeats (e.g. one per language) collapsed."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for p in sorted(problems, key=lambda p: (p.location.sort_key(), p.level, p.message)):
        key = (p.location, p.level, p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return tuple(out)


def promote(problems: Iterable[Problem]) -> list[Problem]:
    """``--strict``: every warning becomes an error."""
    return [Problem(p.location, p.message, "error", p.hint, p.code) for p in problems]


def package_name(course: Course, multilingual: bool) -> str:
    """``<id>-<version>.zip``, or ``<id>-<version>-<lang>.zip`` for multilingual courses."""
    cfg = course.config
    suffix = f"-{course.language}" if multilingual else ""
    return f"{cfg.id}-{cfg.version}{suffix}.zip"


def _name_problems(loaded: LoadedCourse) -> list[Problem]:
    """Package names (from id, version, language) that are no plain file names."""
    problems = []
    for course in loaded.courses:
        name = package_name(course, len(loaded.courses) > 1)
        why = name_problem(name)
        if why is not None:
            cfg = course.config
            key = "id" if name_problem(f"x{cfg.id}") else "version"
            problems.append(
                error(
                    "course.yml",
                    cfg.line_of(key),
                    f"the package name {name!r} (from id, version and language) {why}",
                    key=key,
                    hint=f"give '{key}' letters, digits, dots and hyphens only, e.g. 1.0.0",
                )
            )
    return problems


def _schema_problems(loaded: LoadedCourse, schemas: Path | None) -> list[Problem]:
    """A control documents' folder that lacks one of them."""
    folder = schemas or loaded.config.schemas
    if folder is None:
        return []
    missing = [n for n in SCHEMA_FILES if not (folder / n).is_file()]
    if not missing:
        return []
    line = None if schemas else loaded.config.line_of("schemas")
    message = f"schema directory {folder} lacks {', '.join(missing)}"
    hint = "name the folder that holds ADL's SCORM 1.2 control documents (the .xsd and .dtd files)"
    return [error("course.yml", line, message, key="schemas", hint=hint)]


def _brand_problems(loaded: LoadedCourse) -> list[Problem]:
    """A brand colour the pages show darker than written, for contrast on white."""
    written = loaded.config.theme.brand_color
    rgb = parse_color(written)
    shown = readable_on_white(rgb)
    if shown == rgb:
        return []
    darker = "#{:02x}{:02x}{:02x}".format(*shown)
    ratio = contrast(rgb, (255, 255, 255))
    message = (
        f"the brand colour '{written}' has a contrast of {ratio:.1f}:1 on white, below the "
        f"4.5:1 of WCAG 2.1 AA: the pages show it darkened to '{darker}'"
    )
    line = loaded.config.line_of("theme.brand_color")
    hint = f"write brand_color: '{darker}' (or a darker colour) to see it as the learner will"
    return [warning("course.yml", line, message, key="theme.brand_color", hint=hint)]


@fewer_collections()
def gather(
    course_dir: Path,
    *,
    strict: bool = False,
    schemas: Path | None = None,
    timer: Timer | None = None,
    cache: BuildCache | None = None,
) -> Gathered:
    """Load and check the whole course; never raises for problems in the course.

    Checks run once the course loads: until then the loader's problems are the report.
    ``schemas`` (``--schemas``) replaces course.yml's ``schemas:`` folder.
    """
    timer = timer or Timer()
    with timer.phase("load"):
        loaded, problems = read_course(course_dir, cache.modules if cache else None)
    if loaded is not None:
        with timer.phase("check"):
            problems += check_course(loaded.courses)
            problems += [p for c in loaded.courses for p in suspend_data_problems(c)]
            problems += _schema_problems(loaded, schemas)
            problems += _name_problems(loaded)
            problems += _brand_problems(loaded)
    if strict:
        problems = promote(problems)
    folder = schemas or (loaded.config.schemas if loaded else None)
    return Gathered(loaded, unique_sorted(problems), folder)


def package_files(
    course: Course,
    env: jinja2.Environment,
    schemas: Path | None = None,
    *,
    timer: Timer | None = None,
    cache: BuildCache | None = None,
    meanwhile: Callable[[], None] = lambda: None,
    packer: Packer | None = None,
) -> list[OutputFile]:
    """Every file of ``course``'s package, the manifest included; ``meanwhile`` and
    ``packer`` as for :func:`render_course`."""
    timer = timer or Timer()
    with timer.phase("render"):
        pages = cache.pages if cache else None
        files = render_course(course, env, pages, meanwhile=meanwhile, packer=packer)
        if course.templates is not None:  # its own HTML: nothing that runs or loads elsewhere
            raise_if_errors(page_problems(files, course.templates, _theme_csp()))
    files += source_files(course, schemas)
    with timer.phase("manifest"):
        manifest = manifest_bytes(course, [f.path for f in files])
        if schemas is not None:
            _self_check(manifest, schemas)
    return [*files, OutputFile(MANIFEST_NAME, data=manifest)]


def source_files(course: Course, schemas: Path | None = None) -> list[OutputFile]:
    """The files of ``course``'s package that are files on disk, packaged as they are: its
    assets (but the HTML files, which are rendered) and the control documents of ``schemas``."""
    files = [OutputFile(a.path, source=a.source) for a in course.assets if a.document is None]
    if schemas is not None:
        files += [OutputFile(name, source=schemas / name) for name in SCHEMA_FILES]
    return files


def _theme_csp() -> str:
    """The Content-Security-Policy of the built-in theme's pages (its base.html)."""
    csp = csp_of((builtin_templates() / "base.html").read_text("utf-8"))
    assert csp, "the built-in base.html declares the pages' Content-Security-Policy"
    return csp


def _self_check(manifest: bytes, schemas: Path) -> None:
    from lxml import etree

    schema = load_schema(schemas)
    if not schema.validate(etree.fromstring(manifest)):
        raise PackageError(f"the generated manifest is not schema-valid: {schema.error_log}")


def problem_dict(problem: Problem) -> dict[str, Any]:
    """One problem as a flat JSON object (``check --format json``, the preview's status)."""
    loc = problem.location
    return {
        "path": loc.path,
        "line": loc.line,
        "column": loc.column,
        "key": loc.key,
        "level": problem.level,
        "code": problem.code,
        "message": problem.message,
        "hint": problem.hint,
    }
