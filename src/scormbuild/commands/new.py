"""``scormbuild new``: a small course that builds and passes ``check --strict`` as it is.

The files live in ``scaffold_course/``; ``course.yml`` is a :class:`string.Template` filled
with the id, title and language.
"""

from __future__ import annotations

import importlib.resources
import json
import re
from pathlib import Path
from string import Template

from scormbuild.errors import Failure, ScormBuildError, error
from scormbuild.options import LANG_RE
from scormbuild.package.output import describe_os_error
from scormbuild.source.markdown import slugify

TEMPLATED = {"course.yml"}


def _template_root() -> Path:
    return Path(str(importlib.resources.files("scormbuild") / "scaffold_course"))


def course_id(directory: Path) -> str:
    """A course id (a slug of ASCII letters, digits, hyphens) from the folder name."""
    ascii_name = slugify(directory.resolve().name).encode("ascii", "ignore").decode()
    slug = re.sub(r"-+", "-", re.sub(r"[^a-z0-9-]", "-", ascii_name)).strip("-")
    return slug or "my-course"


def create_course(directory: Path, *, title: str | None = None, language: str = "en") -> list[Path]:
    """Write the starter course into ``directory`` (new or empty); return the files written."""
    if not LANG_RE.match(language):
        raise ScormBuildError(f"'{language}' is not a BCP 47 language code such as 'en' or 'fi'")
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise ScormBuildError(f"{directory} already exists and is not empty; nothing was written")
    values = {
        "id": course_id(directory),
        # JSON strings are valid YAML scalars, so any title is quoted safely.
        "title": json.dumps(title or directory.resolve().name.replace("-", " ").capitalize()),
        "language": language,
    }
    root = _template_root()
    written: list[Path] = []
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for source in sorted(p for p in root.rglob("*") if p.is_file()):
            rel = source.relative_to(root)
            target = directory / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if rel.as_posix() in TEMPLATED:
                target.write_text(Template(source.read_text("utf-8")).substitute(values), "utf-8")
            else:
                target.write_bytes(source.read_bytes())
            written.append(target)
    except OSError as exc:
        message, hint = describe_os_error(exc)
        done = f" ({len(written)} files were written)" if written else "; nothing was written"
        where = str(exc.filename or directory)
        raise Failure([error(where, None, f"cannot create: {message}{done}", hint=hint)]) from None
    return written
