"""Course checks beyond loading: the page outline."""

from __future__ import annotations

from pathlib import Path

import pytest

from scormbuild.source.checks import check_course
from scormbuild.source.load import load_course
from tests.coursekit import write_course


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Text.\n\n## Section\n\n### Sub\n", []),
        ("# Title\n\n## Section\n", []),
        ("# Title\n\n### Deep\n", ["7: heading 'Deep' skips from level 1 to 3"]),
        ("## A\n\n#### B\n", ["7: heading 'B' skips from level 2 to 4"]),
        ("# Title\n\nText.\n\n# Again\n", ["9: a second level-1 heading 'Again'"]),
    ],
)
def test_heading_outline(tmp_path: Path, body: str, expected: list[str]) -> None:
    module = f"---\ntitle: More\n---\n\n{body}"
    loaded = load_course(write_course(tmp_path, {"modules/02-more.md": module}))
    found = [
        f"{p.location.line}: {p.message}"
        for p in check_course(loaded.courses)
        if p.code == "headings"
    ]
    assert len(found) == len(expected)
    for got, want in zip(found, expected, strict=True):
        assert got.startswith(want)
