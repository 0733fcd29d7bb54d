"""Golden tests: each kind of guide, imported, against the committed course folder.

``make golden`` (``SCORMBUILD_REGEN=1``) rewrites ``tests/fixtures/import/expected/`` after an
intended change; review the diff. Pictures are compared by name and SHA-256, text exactly.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from scormbuild.commands.import_guide import import_guide, import_variant
from tests.importkit import FIXTURES, finnish_guide, odt_guide

EXPECTED = FIXTURES / "expected"
REGEN = os.environ.get("SCORMBUILD_REGEN") == "1"


def _snapshot(course: Path) -> dict[str, str]:
    out = {}
    for path in sorted(course.rglob("*")):
        if path.is_file():
            rel = path.relative_to(course).as_posix()
            if path.suffix in (".md", ".yml"):
                out[rel] = path.read_text("utf-8")
            else:
                out[rel + ".sha256"] = hashlib.sha256(path.read_bytes()).hexdigest() + "\n"
    return out


def _make(kind: str, tmp: Path) -> Path:
    course = tmp / "kurssi"
    if kind == "docx-fi-sv":
        import_guide(finnish_guide(tmp / "opas-fi.docx"), course)
        import_variant(finnish_guide(tmp / "guide-sv.docx", swedish=True), course)
    elif kind == "odt":
        import_guide(odt_guide(tmp / "etatyo.odt"), course)
    else:
        name = "opas.html" if kind == "html" else "ohje.md"
        shutil.copy(FIXTURES / name, tmp / name)
        shutil.copy(FIXTURES / "kaavio.png", tmp / "kaavio.png")
        import_guide(tmp / name, course)
    return course


@pytest.mark.parametrize("kind", ["docx-fi-sv", "odt", "html", "md"])
def test_imported_course_matches_the_committed_one(kind: str, tmp_path: Path) -> None:
    got = _snapshot(_make(kind, tmp_path))
    expected_dir = EXPECTED / kind
    if REGEN:
        shutil.rmtree(expected_dir, ignore_errors=True)
        for rel, text in got.items():
            target = expected_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, "utf-8")
    expected = {
        p.relative_to(expected_dir).as_posix(): p.read_text("utf-8")
        for p in sorted(expected_dir.rglob("*"))
        if p.is_file()
    }
    assert sorted(got) == sorted(expected)
    for rel, text in expected.items():
        assert got[rel] == text, rel
