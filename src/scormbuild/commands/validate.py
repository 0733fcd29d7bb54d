"""Validate any SCORM 1.2 package, zipped or unpacked, safely and offline.

``validate_package(path, schemas)`` returns a :class:`ValidationReport`; its
``exit_status`` is 0 (valid), 1 (invalid) or 2 (unusable input).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from pathlib import Path

from lxml import etree

from scormbuild.errors import Problem, error
from scormbuild.package.manifest import MANIFEST_NAME
from scormbuild.validate.archive import Contents, Entry, Limits, UnusableInput, read_package
from scormbuild.validate.report import SizeReport, ValidationReport
from scormbuild.validate.rules import check_manifest, parse_manifest
from scormbuild.validate.schema import SchemaLoadError, load_schema
from scormbuild.validate.standard import (
    AICC,
    SCORM_12,
    SCORM_2004,
    aicc_problem,
    scorm_2004_problem,
)

__all__ = [
    "Limits",
    "SchemaLoadError",
    "SizeReport",
    "ValidationReport",
    "load_schema",
    "validate_manifest",
    "validate_package",
]


def validate_manifest(data: bytes, files: Collection[str], schemas: Path | None) -> list[Problem]:
    """Findings on manifest ``data`` for a package holding ``files``; schemas when given.

    Raises :class:`SchemaLoadError` when ``schemas`` lacks the ADL files.
    """
    schema = load_schema(schemas) if schemas is not None else None
    return check_manifest(data, files, schema)


def size_report(contents: Contents, top: int = 10) -> SizeReport:
    """Totals, the ``top`` largest files and bytes per top-level folder."""
    entries: list[Entry] = list(contents.entries.values())
    folders: Counter[str] = Counter()
    for e in entries:
        folders[e.path.split("/", 1)[0] if "/" in e.path else "."] += e.size
    compressed = None
    if contents.kind == "zip":
        compressed = sum(e.compressed or 0 for e in entries)
    return SizeReport(
        files=len(entries),
        uncompressed=sum(e.size for e in entries),
        compressed=compressed,
        archive=contents.archive_size,
        largest=tuple((e.path, e.size) for e in sorted(entries, key=lambda e: -e.size)[:top]),
        by_folder=tuple(sorted(folders.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


def _manifest_missing(contents: Contents) -> Problem:
    nested = sorted(p for p in contents.entries if p.rsplit("/", 1)[-1] == MANIFEST_NAME)
    other_case = sorted(p for p in contents.entries if p.lower() == MANIFEST_NAME)
    if other_case:
        return error(
            other_case[0],
            None,
            f"the manifest must be named exactly {MANIFEST_NAME}",
            code="manifest-location",
            hint="LMSs look the name up case-sensitively",
        )
    if nested:
        return error(
            nested[0],
            None,
            f"{MANIFEST_NAME} is in a subfolder, not at the root; Moodle rejects the package",
            code="manifest-location",
            hint="zip the contents of the course folder, not the folder itself",
        )
    return error(
        MANIFEST_NAME,
        None,
        "no imsmanifest.xml at the root",
        code="manifest-location",
        hint="a SCORM package holds imsmanifest.xml at its top: check that this is one",
    )


def validate_package(
    path: Path, schemas: Path | None, *, limits: Limits | None = None
) -> ValidationReport:
    """Check a SCORM 1.2 package (a zip or an unpacked folder) without extracting anything."""
    limits = limits or Limits()
    source = str(path)
    schema: etree.XMLSchema | None = None
    note = "skipped: no schema directory given (--schemas DIR)"
    if schemas is not None:
        try:
            schema = load_schema(schemas)
            note = f"ADL SCORM 1.2 schemas from {schemas}"
        except SchemaLoadError as exc:
            return ValidationReport(source, "unknown", schema_note="not run", unusable=exc.message)
    try:
        contents = read_package(path, limits)
    except UnusableInput as exc:
        return ValidationReport(source, "unknown", schema_note="not run", unusable=str(exc))

    findings = list(contents.problems)
    standard: str | None = SCORM_12
    if contents.manifest is None:
        other = aicc_problem(contents.entries)
        standard = AICC if other is not None else None
        findings.append(other or _manifest_missing(contents))
        note, schema = "not run: no manifest", None
    else:
        root, _ = parse_manifest(contents.manifest)
        other = scorm_2004_problem(root) if root is not None else None
        if other is not None:
            standard = SCORM_2004
            findings.append(other)
            note, schema = "not run: not a SCORM 1.2 package", None
        else:
            findings += check_manifest(contents.manifest, set(contents.entries), schema)
    return ValidationReport(
        source=source,
        kind=contents.kind,
        findings=tuple(findings),
        size=size_report(contents),
        schema_checked=schema is not None,
        schema_note=note,
        standard=standard,
    )
