"""The command line: each command wires its flags to one library call."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

import click

from scormbuild import __version__

PATH = click.Path(path_type=Path)


def _progress(quiet: bool) -> Callable[[str], None] | None:
    if quiet or not sys.stderr.isatty():
        return None
    return lambda msg: click.echo(f"  {msg}…", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
    from scormbuild.build import build as run_build

    result = run_build(course, out_dir, schemas=schemas, strict=strict, progress=_progress(quiet))
    if not quiet:
        for problem in result.warnings:
            click.echo(problem.format(), err=True)
        for path in result.packages:
            click.echo(f"wrote {path}")
