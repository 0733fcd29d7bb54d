"""The course's assets/ folder: every file, checked for safe names and safe locations."""

from __future__ import annotations

import os
from pathlib import Path

from scormbuild.errors import Problem, error
from scormbuild.model import Asset
from scormbuild.source.paths import SAFE_NAME_RE, CourseFiles


def scan_assets(files: CourseFiles) -> tuple[tuple[Asset, ...], list[Problem]]:
    """Every file under the course's ``assets/`` in a stable order, and the problems found."""
    root = Path(files.root_real)
    base = root / "assets"
    if not base.is_dir():
        return (), []
    assets: list[Asset] = []
    problems: list[Problem] = []
    for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
        dirnames.sort()
        here = Path(dirpath)
        for name in sorted(filenames) + [d for d in dirnames if (here / d).is_symlink()]:
            path = here / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(root):
                    problems.append(
                        error(rel, None, "symlink points outside the course folder", code="path")
                    )
                    continue
                if target.is_dir():
                    continue
            if name.startswith("."):
                continue
            if not SAFE_NAME_RE.match(rel):
                problems.append(
                    error(
                        rel,
                        None,
                        "asset file names may use only letters A-Z, digits, '.', '-' and '_'",
                        hint="rename the file, e.g. 'kuva 1.png' -> 'kuva-1.png'",
                        code="name",
                    )
                )
                continue
            real = files.real_path(os.fspath(path))
            assets.append(Asset(rel, Path(real), os.stat(real).st_size))
    return tuple(sorted(assets, key=lambda a: a.path)), problems
