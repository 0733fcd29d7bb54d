"""The broken-course corpus (tests/broken/): its cases, and each case made into a course."""

from __future__ import annotations

import shutil
from pathlib import Path

BROKEN = Path(__file__).resolve().parent / "broken"
BASE = BROKEN / "_base"
CASES = sorted(p.name for p in BROKEN.iterdir() if (p / "expected.txt").is_file())
# What a case folder holds besides course files: the expected line, extra options, and the
# base course's files it leaves out.
CASE_FILES = {"expected.txt", "args.txt", "omit.txt"}
# case -> (link inside the course, file outside it that the link points to)
SYMLINKS = {
    "symlinked-image-outside": ("assets/chart.png", "outside.png"),
    "symlinked-asset-outside": ("assets/secret.txt", "secret.txt"),
}
PREVIOUS = b"a previous package, which a failed build must leave alone"


def case_file(name: str, file: str) -> str:
    path = BROKEN / name / file
    return path.read_text("utf-8") if path.is_file() else ""


def prepare(name: str, workdir: Path) -> tuple[Path, Path]:
    """The case's course (symlinks added) and an output folder holding a previous package."""
    course = workdir / name / "course"
    omit = set(case_file(name, "omit.txt").split())
    for path in sorted(BASE.rglob("*")):
        rel = path.relative_to(BASE).as_posix()
        if path.is_file() and rel not in omit:
            (course / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, course / rel)
    shutil.copytree(
        BROKEN / name,
        course,
        symlinks=True,
        dirs_exist_ok=True,
        ignore=lambda folder, names: (
            CASE_FILES & set(names) if Path(folder) == BROKEN / name else ()
        ),
    )
    if name in SYMLINKS:
        link, target = SYMLINKS[name]
        outside = workdir / name / target
        outside.write_bytes(b"\x89PNG\r\n\x1a\n outside the course")
        (course / link).parent.mkdir(parents=True, exist_ok=True)
        (course / link).symlink_to(outside)
    dist = workdir / name / "dist"
    dist.mkdir()
    (dist / "broken-1.0.0.zip").write_bytes(PREVIOUS)
    return course, dist
