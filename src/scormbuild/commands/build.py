"""The build: gather everything (load, check), then write (render, manifest, package)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from scormbuild.documents.moodle_sheet import moodle_sheet, sheet_name
from scormbuild.documents.statement import gather_facts, statement, statement_name
from scormbuild.errors import Problem
from scormbuild.model import OutputFile
from scormbuild.package.output import OutputFolder
from scormbuild.package.write import write_package
from scormbuild.pipeline import Timer, gather, package_files, package_name
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
    env = make_environment(loaded.courses[0].root)
    built: list[tuple[str, list[OutputFile]]] = []
    # Written beside each package: a draft accessibility statement in the course language,
    # and the Moodle settings that match how the package reports.
    statements: list[tuple[str, str]] = []
    sheets: list[tuple[str, str]] = []
    for course in loaded.courses:
        say(f"rendering {course.language}")
        files = package_files(course, env, gathered.schemas, timer=timer)
        name = package_name(course, multilingual)
        built.append((name, files))
        facts = gather_facts(course, warnings)
        statements.append(
            (statement_name(name, course.language), statement(env, course, facts, name))
        )
        sheets.append((sheet_name(name), moodle_sheet(env, course, name)))
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
