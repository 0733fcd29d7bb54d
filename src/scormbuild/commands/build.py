"""The build: gather everything (load, check), then write (render, manifest, package)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import BinaryIO

import jinja2

from scormbuild.documents.moodle_sheet import moodle_sheet, sheet_name
from scormbuild.documents.statement import gather_facts, statement, statement_name
from scormbuild.errors import Problem
from scormbuild.model import Course
from scormbuild.package.manifest import MANIFEST_NAME
from scormbuild.package.output import OutputFolder
from scormbuild.package.write import PackageWriter
from scormbuild.pipeline import Timer, gather, package_files, package_name, source_files
from scormbuild.render.theme import make_environment
from scormbuild.workers import fewer_collections

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote, and the warnings it found."""

    packages: tuple[Path, ...]
    warnings: tuple[Problem, ...]
    timings: dict[str, float] = field(default_factory=dict)  # seconds per phase
    statements: tuple[Path, ...] = ()  # the draft accessibility statements beside them
    sheets: tuple[Path, ...] = ()  # the Moodle settings sheets beside the packages


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
    gathered = gather(course_dir, strict=strict, schemas=schemas, timer=timer)
    loaded, warnings = gathered.or_raise(), gathered.problems
    multilingual = len(loaded.courses) > 1
    env = make_environment(loaded.courses[0].templates)
    names: list[str] = []
    # Written beside each package: a draft accessibility statement in the course language,
    # and the Moodle settings that match how the package reports.
    statements: list[tuple[str, str]] = []
    sheets: list[tuple[str, str]] = []
    # All or nothing: every file goes to a temporary name, then all are renamed into place.
    with OutputFolder(out_dir) as output:
        for course in loaded.courses:
            name = package_name(course, multilingual)
            names.append(name)

            def documents(course: Course = course, name: str = name) -> None:
                facts = gather_facts(course, warnings)
                text = statement(env, course, facts, name)
                statements.append((statement_name(name, course.language), text))
                sheets.append((sheet_name(name), moodle_sheet(env, course, name)))

            say(f"rendering {course.language}")
            fill = partial(_write, course, env, gathered.schemas, timer, documents)
            output.add(name, fill)
        for name, text in (*statements, *sheets):
            output.add_text(name, text)
        output.commit()
    return BuildResult(
        tuple(out_dir / name for name in names),
        tuple(warnings),
        timer.totals,
        tuple(out_dir / name for name, _text in statements),
        sheets=tuple(out_dir / name for name, _text in sheets),
    )


def _write(
    course: Course,
    env: jinja2.Environment,
    schemas: Path | None,
    timer: Timer,
    documents: Callable[[], None],
    fp: BinaryIO,
) -> None:
    """Render ``course``'s package into ``fp``. While the workers render the pages, this
    process makes the documents beside the package and writes its media, which come first."""
    writer = PackageWriter(fp)
    sources = source_files(course, schemas)
    made = [MANIFEST_NAME, *(a.path for a in course.assets if a.document is not None)]

    def meanwhile() -> None:  # timed as part of "render", which it overlaps
        documents()
        writer.lead(sources, made)

    files = package_files(course, env, schemas, timer=timer, meanwhile=meanwhile, packer=writer)
    with timer.phase("package"):
        writer.finish(files)
