"""The golden courses: their built packages and sidecar documents, file by file, against
committed output. After an intended change, regenerate with ``make golden`` and review the
diff.

As Pelican's functional test builds its sample site in two configurations, there are two:
``course`` (one language, one SCO; expected in ``expected/``) and ``course-multi`` (Finnish
and Swedish, one SCO per module, figures, a video with captions and a transcript, quizzes
from files; expected in ``expected-multi/``).
"""

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


CASES = {"course": "expected", "course-multi": "expected-multi"}


def built_files(course: str, out: Path) -> dict[str, bytes]:
    """Every text file of the build: the packages' entries and the documents beside them."""
    result = build(GOLDEN / course, out)
    multi = len(result.packages) > 1
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
                    folder = f"package-{package.stem}" if multi else "package"
                    files[f"{folder}/{name}"] = zf.read(name)
    for doc in sorted(out.glob("*.md")):
        files[doc.name] = doc.read_bytes()
    return files


def expected_files(folder: str) -> dict[str, bytes]:
    root = GOLDEN / folder
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("course", sorted(CASES))
def test_golden_course(course: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    actual = built_files(course, tmp_path)
    expected_folder = CASES[course]
    if os.environ.get("SCORMBUILD_REGEN"):
        shutil.rmtree(GOLDEN / expected_folder, ignore_errors=True)
        for name, data in actual.items():
            target = GOLDEN / expected_folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        return
    expected = expected_files(expected_folder)
    assert sorted(actual) == sorted(expected), "files differ; run 'make golden' if intended"
    for name, data in expected.items():
        assert actual[name].decode() == data.decode(), f"{name} differs; 'make golden' if intended"
