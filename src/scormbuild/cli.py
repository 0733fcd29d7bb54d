"""The command line: each command wires its flags to one library call."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from scormbuild import __version__
from scormbuild.failures import unexpected

PATH = click.Path(path_type=Path)
FORMAT = click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Report format; json is for CI.",
)


def _progress(quiet: bool) -> Callable[[str], None] | None:
    # Progress is for people watching a terminal; CI logs and pipes stay quiet.
    if quiet or not sys.stderr.isatty() or os.environ.get("CI"):
        return None
    return lambda msg: click.echo(f"  {msg}…", err=True)


class Commands(click.Group):
    """The command group: whatever a command raises ends as a message and an exit status."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BaseException as exc:
            failure = unexpected(exc)
            if failure is None:
                raise
            raise failure from exc


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="scormbuild")
def main() -> None:
    """Compile Markdown courses into SCORM 1.2 packages, and check any SCORM 1.2 package."""
    logging.basicConfig(format="%(levelname)s: %(message)s", level=logging.WARNING)


@main.command()
@click.argument("course", type=PATH, default=Path("course"))
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=PATH,
    default=Path("dist"),
    show_default=True,
    help="Where to write the packages.",
)
@click.option(
    "--schemas",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    default=None,
    help="Copy the ADL control documents from DIR into the package.",
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def build(course: Path, out_dir: Path, schemas: Path | None, strict: bool, quiet: bool) -> None:
    """Build COURSE (default: ./course) into SCORM 1.2 zip packages."""
    from scormbuild.commands.build import build as run_build

    start = time.perf_counter()
    result = run_build(course, out_dir, schemas=schemas, strict=strict, progress=_progress(quiet))
    seconds = time.perf_counter() - start
    if not quiet:
        for problem in result.warnings:
            click.echo(problem.format(), err=True)
        for path in (*result.packages, *result.statements, *result.sheets):
            click.echo(f"wrote {path}")
        n = len(result.packages)
        phases = ", ".join(f"{name} {t:.2f} s" for name, t in result.timings.items())
        click.echo(f"built {n} package{'' if n == 1 else 's'} in {seconds:.2f} s ({phases})")


@main.command()
@click.argument("course", type=PATH, default=Path("course"))
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@FORMAT
def check(course: Path, strict: bool, output_format: str) -> None:
    """Report every problem in COURSE (default: ./course) without building.

    Exit status: 0 no errors, 1 errors (or warnings, with --strict).
    """
    from scormbuild.commands.check import check as run_check

    report = run_check(course, strict=strict)
    click.echo(report.to_json() if output_format == "json" else report.to_text())
    click.get_current_context().exit(report.exit_status)


@main.command()
@click.argument("course", type=PATH, default=Path("course"))
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option(
    "-p", "--port", type=int, default=8000, show_default=True, help="Port; 0 picks a free one."
)
@click.option("--open", "open_browser", is_flag=True, help="Open the page in a web browser.")
def preview(course: Path, host: str, port: int, open_browser: bool) -> None:
    """Serve COURSE in a test LMS, rebuilding and reloading on every saved change."""
    from scormbuild.commands.preview import serve

    serve(course, host=host, port=port, open_browser=open_browser)


@main.command()
@click.argument("directory", type=PATH)
@click.option("--title", default=None, help="Course title (default: from DIRECTORY).")
@click.option("--language", default="en", show_default=True, help="Primary language (BCP 47).")
def new(directory: Path, title: str | None, language: str) -> None:
    """Start a course in DIRECTORY that builds and passes 'check --strict' as it is."""
    from scormbuild.commands.new import create_course

    for path in create_course(directory, title=title, language=language):
        click.echo(f"created {path}")
    click.echo(f"next: scormbuild preview {directory}")


@main.command()
@click.argument("package", type=PATH)
@click.option(
    "--schemas",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Directory with the ADL SCORM 1.2 .xsd files; without it the schema check is skipped.",
)
@FORMAT
def validate(package: Path, schemas: Path | None, output_format: str) -> None:
    """Check PACKAGE (a .zip or an unpacked folder) as an LMS would.

    Exit status: 0 valid, 1 invalid, 2 unusable input.
    """
    from scormbuild.commands.validate import validate_package

    report = validate_package(package, schemas)
    click.echo(report.to_json() if output_format == "json" else report.to_text())
    click.get_current_context().exit(report.exit_status)


@main.command(name="export")
@click.argument("course", type=PATH, default=Path("course"))
@click.option(
    "--format",
    "export_format",
    type=click.Choice(["moodle-xml", "gift"]),
    default="moodle-xml",
    show_default=True,
    help="Question bank format for Moodle's Question bank > Import.",
)
@click.option(
    "-o", "--out", type=PATH, default=None,
    help="File to write ('-': standard output). Default: dist/<package>-questions.xml|.gift.txt",
)  # fmt: skip
@click.option("--language", default=None, help="Which language to export (default: primary).")
def export(course: Path, export_format: str, out: Path | None, language: str | None) -> None:
    """Write the quizzes of COURSE as a Moodle question bank file, one category per quiz.

    What the format cannot express is printed per question as a warning.
    """
    from scormbuild.commands.export import export as run_export

    result, text = run_export(
        course, "gift" if export_format == "gift" else "moodle-xml", out, language=language
    )
    for problem in result.warnings:
        click.echo(problem.format(), err=True)
    ex = result.exported
    where = "standard output" if result.path is None else str(result.path)
    if result.path is None:
        click.echo(text, nl=False)
    skipped = f", {ex.skipped} left out" if ex.skipped else ""
    n_warn = len(ex.warnings)
    click.echo(
        f"wrote {where}: {ex.questions} questions{skipped} ({result.course.language}), "
        f"{n_warn} warning{'' if n_warn == 1 else 's'}",
        err=result.path is None,
    )


@main.command(name="diff")
@click.argument("old", type=PATH)
@click.argument("new", type=PATH)
@FORMAT
def diff(old: Path, new: Path, output_format: str) -> None:
    """Say what updating OLD to NEW does to learners (packages .zip, or course folders).

    Exit status: 0 safe to replace the package in place, 1 the update needs care (or an
    input cannot be read).
    """
    from scormbuild.commands.diff import diff as run_diff

    report = run_diff(old, new)
    click.echo(report.to_json() if output_format == "json" else report.to_text())
    click.get_current_context().exit(report.exit_status)


@main.command("import")
@click.argument("document", type=PATH)
@click.option(
    "-o", "--out", "out_dir", type=PATH, default=None, help="Course folder (default: the id)."
)
@click.option(
    "--split-level",
    type=click.IntRange(1, 2),
    default=1,
    show_default=True,
    help="Heading level that starts a module.",
)
@click.option("--language", default=None, help="Document language (default: from the file).")
@click.option("--id", "course_id", default=None, help="Course id (default: from the title).")
@click.option(
    "--variant-of",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    default=None,
    help="Add DOCUMENT as a language version of this course.",
)
@click.option("--force", is_flag=True, help="Replace a non-empty output folder or variants.")
def import_(
    document: Path,
    out_dir: Path | None,
    split_level: int,
    language: str | None,
    course_id: str | None,
    variant_of: Path | None,
    force: bool,
) -> None:
    """Turn DOCUMENT (.docx, .odt, .html, .md) into a course folder, and list the to-dos."""
    from scormbuild.commands.import_guide import import_guide, import_variant

    if variant_of is not None:
        if out_dir is not None or course_id is not None:
            raise click.UsageError("--variant-of writes into that course: -o and --id do not apply")
        result = import_variant(
            document, variant_of, split_level=split_level, language=language, force=force
        )
    else:
        result = import_guide(
            document,
            out_dir,
            split_level=split_level,
            language=language,
            course_id=course_id,
            force=force,
        )
    click.echo(
        f"wrote {result.out_dir}: {len(result.modules)} modules, {len(result.assets)} images"
    )
    todos = result.todos
    for problem in todos:
        click.echo(problem.format())
    n = len(todos)
    click.echo(
        f"{n} to-do{'' if n == 1 else 's'} (scormbuild check {result.out_dir} lists them again)"
        if n
        else "nothing left to do: the course passes check --strict"
    )
    click.echo(f"next: scormbuild preview {result.out_dir}")


@main.command()
@click.argument(
    "reports", type=click.Path(path_type=Path, exists=True, dir_okay=False), nargs=-1, required=True
)
@click.option(
    "--course",
    "course_dir",
    type=PATH,
    default=None,
    help="The course the package was built from: choice texts and file:line warnings.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "csv"]),
    default="text",
    show_default=True,
    help="Output on standard output.",
)
@click.option(
    "--html",
    "html_file",
    type=PATH,
    default=None,
    help="Also write a self-contained HTML report with charts to this file.",
)
@click.option("--language", default=None, help="The course language to read (default: primary).")
def analyze(
    reports: tuple[Path, ...],
    course_dir: Path | None,
    output_format: str,
    html_file: Path | None,
    language: str | None,
) -> None:
    """Item analysis of REPORTS: a Moodle SCORM activity's Interactions (or Basic) report.

    Text (CSV), Excel and ODS downloads are read; Track details downloads given beside the
    report add the time to answer and where learners stop. Only counts are shown: learner
    names and ids never appear. Warnings name the question's file and line, as check does.
    """
    from scormbuild.commands.analyze import run

    _analysis, text = run(
        list(reports), course_dir, output=output_format, html=html_file, language=language
    )
    click.echo(text, nl=False)
    if html_file is not None:
        click.echo(f"wrote {html_file}", err=True)
