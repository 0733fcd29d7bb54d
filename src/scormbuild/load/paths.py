"""Resolving author-written paths safely inside the course folder."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

SAFE_NAME_RE = re.compile(r"^[A-Za-z0-9._/-]+$")
REMOTE_RE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")


class PathProblem(Exception):
    """A path that cannot be used; the message says why and what to do."""


def is_remote(url: str) -> bool:
    """True for anything with a scheme (http:, data:, mailto:) or a protocol-relative URL."""
    return bool(REMOTE_RE.match(url.strip()))


def resolve_inside(root: Path, base_dir: Path, target: str) -> tuple[Path, str]:
    """Resolve ``target`` (relative to ``base_dir``) and return it with its course-relative path.

    Refuses absolute paths, paths that leave the course folder, and symlinks pointing out.
    """
    path_part = unquote(urlsplit(target).path)
    if not path_part:
        raise PathProblem("empty path")
    if path_part.startswith("/") or re.match(r"^[A-Za-z]:[\\/]", path_part):
        raise PathProblem(f"absolute path '{target}': use a path relative to this file")
    candidate = base_dir / path_part
    root_real = root.resolve()
    try:
        real = candidate.resolve()
    except (OSError, RuntimeError) as exc:
        raise PathProblem(f"cannot resolve '{target}': {exc}") from None
    if not real.is_relative_to(root_real):
        lexical = Path(os.path.normpath(root_real / candidate.relative_to(root)))
        if lexical.is_relative_to(root_real):
            raise PathProblem(f"'{target}' is a symlink that points outside the course folder")
        raise PathProblem(f"'{target}' leaves the course folder")
    rel = real.relative_to(root_real).as_posix()
    return real, rel
