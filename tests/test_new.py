"""``scormbuild new``: the starter course passes ``check --strict`` and builds, as it is."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from click.testing import CliRunner

from scormbuild.cli import main


def cli(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scormbuild", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "CI": "1"},
        check=False,
    )


def test_new_course_checks_strict_and_builds(tmp_path: Path) -> None:
    created = cli("new", "my-first-course", cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    course = tmp_path / "my-first-course"
    assert (course / "course.yml").read_text().count("id: my-first-course") == 1
    assert sorted(p.name for p in (course / "modules").iterdir()) == [
        "01-welcome.md",
        "02-check-your-understanding.md",
    ]
    checked = cli("check", "--strict", course, cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout
    built = cli("build", "--strict", course, "-o", tmp_path / "dist", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    with zipfile.ZipFile(tmp_path / "dist" / "my-first-course-0.1.0.zip") as zf:
        names = set(zf.namelist())
    assert {"imsmanifest.xml", "index.html", "assets/steps.svg"} <= names


def test_new_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    result = CliRunner().invoke(main, ["new", str(tmp_path)])
    assert result.exit_code == 1
    assert "not empty" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]


def test_new_with_title_and_language(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["new", str(tmp_path / "kurssi"), "--title", 'Kurssi: "alku"', "--language", "fi"]
    )
    assert result.exit_code == 0, result.output
    text = (tmp_path / "kurssi" / "course.yml").read_text("utf-8")
    assert 'title: "Kurssi: \\"alku\\""' in text and "language: fi" in text
    assert CliRunner().invoke(main, ["check", "--strict", str(tmp_path / "kurssi")]).exit_code == 0


def test_new_rejects_a_bad_language(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["new", str(tmp_path / "c"), "--language", "english!"])
    assert result.exit_code == 1
    assert "BCP 47" in result.output
