"""``scormbuild validate``: check any SCORM 1.2 package; add ``validate`` to the CLI group."""

from __future__ import annotations

from pathlib import Path

import click

from scormbuild.validate import validate_package


@click.command("validate")
@click.argument("package", type=click.Path(path_type=Path))
@click.option(
    "--schemas",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Directory with the ADL SCORM 1.2 .xsd files; without it the schema check is skipped.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Report format.",
)
def validate(package: Path, schemas: Path | None, output_format: str) -> None:
    """Check PACKAGE (a .zip or an unpacked folder) as an LMS would.

    Exit status: 0 valid, 1 invalid, 2 unusable input.
    """
    report = validate_package(package, schemas)
    click.echo(report.to_json() if output_format == "json" else report.to_text())
    click.get_current_context().exit(report.exit_status)
