"""The build: gather everything (load, check), then write (render, manifest, package)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from scormbuild.documents.moodle_sheet import moodle_sheet, sheet_name
from scormbuild.documents.statement import gather_facts, statement, statement_name
from scormbuild.errors import CourseError, PackageError, Problem, error, raise_if_errors
from scormbuild.model import Course, OutputFile
from scormbuild.package.manifest import CONTROL_DOCUMENTS, MANIFEST_NAME, manifest_bytes
from scormbuild.package.output import OutputFolder, name_problem
from scormbuild.package.write import write_package
from scormbuild.render.pages import render_course
from scormbuild.render.theme import make_environment
from scormbuild.source.checks import check_course
from scormbuild.source.load import LoadedCourse, load_course
from scormbuild.validate.schema import load_schema
from scormbuild.workers import fewer_collections

log = logging.getLogger("scormbuild")

# The four ADL control documents that --schemas copies to the package root.
SCHEMA_FILES = tuple(sorted(CONTROL_DOCUMENTS - {MANIFEST_NAME}))
Progress = Callable[[str], None]


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote, and the warnings it found."""

    packages: tuple[Path, ...]
    warnings: tuple[Problem, ...]
    timings: dict[str, float] = field(default_factory=dict)  # seconds per phase
    statements: tuple[Path, ...] = ()  # the draft accessibility statements beside them
    sheets: tuple[Path, ...] = ()  # the Moodle settings sheets beside the packages


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


def package_name(course: Course, multilingual: bool) -> str:
    """``<id>-<version>.zip``, or ``<id>-<version>-<lang>.zip`` for multilingual courses."""
    cfg = course.config
    suffix = f"-{course.language}" if multilingual else ""
    return f"{cfg.id}-{cfg.version}{suffix}.zip"


@fewer_collections()
def gather(
    course_dir: Path, *, strict: bool = False, timer: Timer | None = None, reuse: bool = False
) -> tuple[LoadedCourse, list[Problem]]:
    """Load and check the whole course; raise :class:`CourseError` on any error.

    ``reuse`` keeps what was read for the next call in this process (the preview's rebuilds).
    """
    timer = timer or Timer()
    with timer.phase("load"):
        loaded = load_course(course_dir, reuse=reuse)
    with timer.phase("check"):
        problems = list(loaded.warnings) + check_course(loaded)
    if strict:
        problems = [Problem(p.location, p.message, "error", p.hint, p.code) for p in problems]
    raise_if_errors(problems)
    return loaded, problems


def package_files(
    course: Course, schemas: Path | None, timer: Timer | None = None, *, reuse: bool = False
) -> list[OutputFile]:
    """Every file of ``course``'s package, the manifest included (``reuse``: see gather)."""
    timer = timer or Timer()
    with timer.phase("render"):
        files = render_course(course, make_environment(course.root), reuse=reuse)
    files += [OutputFile(a.path, source=a.source) for a in course.assets]
    if schemas is not None:
        files += [OutputFile(name, source=schemas / name) for name in SCHEMA_FILES]
    with timer.phase("manifest"):
        manifest = manifest_bytes(course, [f.path for f in files])
        if schemas is not None:
            _self_check(manifest, schemas)
    return [*files, OutputFile("imsmanifest.xml", data=manifest)]


def _self_check(manifest: bytes, schemas: Path) -> None:
    from lxml import etree

    schema = load_schema(schemas)
    doc = etree.fromstring(manifest)
    if not schema.validate(doc):
        raise PackageError(f"the generated manifest is not schema-valid: {schema.error_log}")


@fewer_collections()
def build(
    course_dir: Path,
    out_dir: Path,
    *,
    schemas: Path | None = None,
    strict: bool = False,
    progress: Progress | None = None,
) -> BuildResult:
    """Build every language of the course in ``course_dir`` into ``out_dir``.

    Nothing is written unless the whole course loads and checks cleanly; each package is
    written atomically, so a failure leaves the previous package untouched.
    """
    say = progress or (lambda _msg: None)
    timer = Timer()
    say("loading")
    loaded, warnings = gather(course_dir, strict=strict, timer=timer)
    line = None if schemas else loaded.config.line_of("schemas")
    schemas = schemas or loaded.config.schemas
    if schemas is not None:
        missing = [n for n in SCHEMA_FILES if not (schemas / n).is_file()]
        if missing:
            message = f"schema directory {schemas} lacks {', '.join(missing)}"
            raise CourseError([error("course.yml", line, message, key="schemas")])
    multilingual = len(loaded.courses) > 1
    _check_output_names(loaded, multilingual)
    built: list[tuple[str, list[OutputFile]]] = []
    # Written beside each package: a draft accessibility statement in the course language,
    # and the Moodle settings that match how the package reports.
    statements: list[tuple[str, str]] = []
    sheets: list[tuple[str, str]] = []
    for course in loaded.courses:
        say(f"rendering {course.language}")
        files = package_files(course, schemas, timer)
        name = package_name(course, multilingual)
        built.append((name, files))
        facts = gather_facts(course, loaded.sources.get(course.language, []), warnings)
        statements.append((statement_name(name, course.language), statement(course, facts, name)))
        sheets.append((sheet_name(name), moodle_sheet(course, name)))
    # All or nothing: every file goes to a temporary name, then all are renamed into place.
    with OutputFolder(out_dir) as output:
        for name, files in built:
            say(f"writing {name}")
            with timer.phase("package"):
                output.add(name, partial(write_package, files))
        for name, text in (*statements, *sheets):
            output.add_text(name, text)
        output.commit()
    return BuildResult(
        tuple(out_dir / name for name, _files in built),
        tuple(warnings),
        timer.totals,
        tuple(out_dir / name for name, _text in statements),
        sheets=tuple(out_dir / name for name, _text in sheets),
    )


def _check_output_names(loaded: LoadedCourse, multilingual: bool) -> None:
    """Refuse package names (from id, version, language) that are no plain file names."""
    problems = []
    for course in loaded.courses:
        name = package_name(course, multilingual)
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
    raise_if_errors(problems)
