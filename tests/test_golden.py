"""The golden course: its built package and sidecar documents, file by file, against
committed output (tests/golden/expected/). After an intended change, regenerate with
``make golden`` and review the diff."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest

from scormbuild.commands.build import build
from scormbuild.commands.validate import validate_package
from tests.needs import xsd_dir

GOLDEN = Path(__file__).parent / "golden"
TEXT_SUFFIXES = {".html", ".js", ".css", ".xml", ".md", ".svg"}
# Copied from src/scormbuild/runtime and the theme as they are: not output of this course.
STATIC = ("scormbuild/theme.css",)


def built_files(out: Path) -> dict[str, bytes]:
    """Every text file of the build: the package's entries and the documents beside it."""
    result = build(GOLDEN / "course", out)
    files: dict[str, bytes] = {}
    for package in result.packages:
        report = validate_package(package, xsd_dir())
        assert report.valid and report.schema_checked, report.to_text()
        with zipfile.ZipFile(package) as zf:
            for name in zf.namelist():
                static = name in STATIC or (
                    name.startswith("scormbuild/")
                    and name.endswith(".js")
                    and name != "scormbuild/course-data.js"
                )
                if Path(name).suffix in TEXT_SUFFIXES and not static:
                    files[f"package/{name}"] = zf.read(name)
    for doc in sorted(out.glob("*.md")):
        files[doc.name] = doc.read_bytes()
    return files


def expected_files() -> dict[str, bytes]:
    root = GOLDEN / "expected"
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_golden_course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    actual = built_files(tmp_path)
    if os.environ.get("SCORMBUILD_REGEN"):
        shutil.rmtree(GOLDEN / "expected", ignore_errors=True)
        for name, data in actual.items():
            target = GOLDEN / "expected" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        return
    expected = expected_files()
    assert sorted(actual) == sorted(expected), "files differ; run 'make golden' if intended"
    for name, data in expected.items():
        assert actual[name].decode() == data.decode(), f"{name} differs; 'make golden' if intended"
