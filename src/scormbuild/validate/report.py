"""The result of validating a package: findings, a size report, text and JSON output."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from scormbuild.errors import Problem

EXIT_VALID = 0
EXIT_INVALID = 1
EXIT_UNUSABLE = 2


@dataclass(frozen=True)
class SizeReport:
    """How big a package is, and where the bytes are."""

    files: int
    uncompressed: int
    compressed: int | None  # zip members' compressed bytes; None for a folder
    archive: int | None  # the zip file itself
    largest: tuple[tuple[str, int], ...]  # (path, bytes), biggest first
    by_folder: tuple[tuple[str, int], ...]  # top-level folder ("." for the root), bytes


@dataclass(frozen=True)
class ValidationReport:
    """Everything ``scormbuild validate`` found in one package."""

    source: str
    kind: str  # "zip", "directory" or "unknown"
    findings: tuple[Problem, ...] = ()
    size: SizeReport | None = None
    schema_checked: bool = False
    schema_note: str = ""
    unusable: str | None = None  # why the input could not be checked at all
    standard: str | None = None  # "SCORM 1.2", "SCORM 2004", "AICC"; None when not known

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.findings if p.level == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.findings if p.level == "warning")

    @property
    def valid(self) -> bool:
        return self.unusable is None and not self.errors

    @property
    def exit_status(self) -> int:
        """0 valid, 1 invalid, 2 unusable input."""
        if self.unusable is not None:
            return EXIT_UNUSABLE
        return EXIT_INVALID if self.errors else EXIT_VALID

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary; the shape ``to_json`` prints."""
        size = None
        if self.size is not None:
            size = {
                "files": self.size.files,
                "uncompressed": self.size.uncompressed,
                "compressed": self.size.compressed,
                "archive": self.size.archive,
                "largest": [{"path": p, "bytes": n} for p, n in self.size.largest],
                "by_folder": [{"folder": p, "bytes": n} for p, n in self.size.by_folder],
            }
        return {
            "source": self.source,
            "kind": self.kind,
            "valid": self.valid,
            "exit_status": self.exit_status,
            "unusable": self.unusable,
            "standard": self.standard,
            "schema": {"checked": self.schema_checked, "note": self.schema_note},
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "findings": [
                {
                    "level": p.level,
                    "code": p.code,
                    "path": p.location.path,
                    "line": p.location.line,
                    "message": p.message,
                    "hint": p.hint,
                }
                for p in self.findings
            ],
            "size": size,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)

    def to_text(self) -> str:
        """A readable report: verdict, findings, schema note and sizes."""
        kind = self.kind
        if self.standard not in (None, "SCORM 1.2"):
            kind += f", {self.standard}"
        lines = [f"{self.source} ({kind})"]
        if self.unusable is not None:
            lines.append(f"unusable input: {self.unusable}")
        lines += [p.format() for p in self.findings]
        lines.append(f"schema check: {self.schema_note}")
        if self.size is not None:
            lines += _size_lines(self.size)
        if self.unusable is not None:
            verdict = "NOT CHECKED"
        else:
            verdict = "VALID" if self.valid else "INVALID"
        lines.append(
            f"{verdict}: {_plural(len(self.errors), 'error')}, "
            f"{_plural(len(self.warnings), 'warning')}"
        )
        return "\n".join(lines)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def human_size(n: int) -> str:
    """``1.5 MB`` style, in powers of 1024."""
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    raise AssertionError("unreachable")


def _size_lines(size: SizeReport) -> list[str]:
    head = f"size: {_plural(size.files, 'file')}, {human_size(size.uncompressed)} uncompressed"
    if size.archive is not None:
        head += f", {human_size(size.archive)} zipped"
    lines = [head]
    lines += [f"  {human_size(n):>10}  {folder}/" for folder, n in size.by_folder]
    if size.largest:
        lines.append("  largest files:")
        lines += [f"  {human_size(n):>10}  {path}" for path, n in size.largest]
    return lines
