"""Checks on a loaded course that go beyond what loading validates.

``build`` and ``check`` run the same checks; errors stop a build, warnings are reported
(and ``--strict`` turns them into errors).
"""

from __future__ import annotations

import posixpath

from scormbuild.config import suggest
from scormbuild.errors import Problem, error, warning
from scormbuild.i18n import Catalog, known_keys
from scormbuild.load import LoadedCourse
from scormbuild.load.paths import is_remote
from scormbuild.markdown import DEFAULT_LABELS
from scormbuild.state import suspend_data_problems
from scormbuild.yamlsrc import LineDict, YamlSyntaxError, load_yaml


def check_course(loaded: LoadedCourse) -> list[Problem]:
    """Every problem found in ``loaded``, errors and warnings."""
    problems: list[Problem] = string_override_problems(loaded)
    used: set[str] = set()
    for course in loaded.courses:
        problems += suspend_data_problems(course)
        for src in loaded.sources.get(course.language, []):
            module = src.module
            used.update(src.media)
            for line, src_url, alt in src.images:
                if src_url and not is_remote(src_url):
                    # Raw <img> tags name assets relative to the module file, too.
                    base = posixpath.dirname(module.source)
                    used.add(posixpath.normpath(posixpath.join(base, src_url.split("#")[0])))
                if not alt.strip():
                    problems.append(
                        warning(
                            module.source,
                            line,
                            f"image without alt text: '{src_url[:80]}'",
                            hint="describe the image in ![alt text](...); "
                            "use a caption too if it carries information",
                            code="alt",
                        )
                    )
            levels = [h.level for h in module.headings]
            lines = src.heading_lines or [None] * len(levels)
            if levels.count(1) != 1:
                extra = [ln for lv, ln in zip(levels, lines, strict=False) if lv == 1][1:2]
                problems.append(
                    warning(
                        module.source,
                        extra[0] if extra else (lines[0] if lines else None),
                        f"the page should have exactly one level-1 heading, not {levels.count(1)}",
                        hint="start the module with '# Title' and use ## below it",
                        code="headings",
                    )
                )
            pairs = zip(levels, levels[1:], module.headings[1:], lines[1:], strict=False)
            for prev, cur, heading, line in pairs:
                if cur > prev + 1:
                    problems.append(
                        warning(
                            module.source,
                            line,
                            f"heading '{heading.text}' skips from level {prev} to {cur}",
                            hint=f"use {'#' * (prev + 1)} here",
                            code="headings",
                        )
                    )
    config = loaded.config
    if config.theme.logo:
        used.add(config.theme.logo)
    assets = loaded.courses[0].assets if loaded.courses else ()
    for asset in assets:
        if asset.path not in used and not asset.path.endswith(".vtt"):
            problems.append(
                warning(asset.path, None, "asset is not used by any module", code="unused")
            )
    size = sum(a.size for a in assets)
    budget = int(config.size_budget_mb * 1024 * 1024)
    if size > budget:
        problems.append(
            warning(
                "course.yml",
                None,
                f"the assets take {_megabytes(size)}, more than size_budget_mb "
                f"({config.size_budget_mb:g} MB)",
                hint="compress media or raise size_budget_mb",
                code="size",
            )
        )
    return problems


def string_override_problems(loaded: LoadedCourse) -> list[Problem]:
    """``strings:`` keys in course.yml that name no learner interface string."""
    overrides = loaded.config.strings
    labels = set(DEFAULT_LABELS["en"])
    unknown = Catalog(loaded.config.language).unknown_overrides(overrides)
    unknown = [k for k in unknown if k not in labels]
    if not unknown:
        return []
    lines: dict[str, int] = {}
    root = loaded.courses[0].root if loaded.courses else None
    if root is not None:
        try:
            data = load_yaml((root / "course.yml").read_text(encoding="utf-8"))
            block = data.get("strings") if isinstance(data, dict) else None
            if isinstance(block, LineDict):
                lines = {k: block.line_of(k) for k in unknown if k in block}
        except (OSError, UnicodeDecodeError, YamlSyntaxError):
            pass
    known = sorted(known_keys() | labels)
    return [
        error(
            "course.yml",
            lines.get(key),
            f"unknown string '{key}' in strings",
            hint=suggest(key, known) or f"known strings: {', '.join(known)}",
            key=f"strings.{key}",
        )
        for key in unknown
    ]


def _megabytes(size: int) -> str:
    """A size in MB, with enough decimals that a small budget overrun is not shown as 0.0."""
    mb = size / 1048576
    return f"{mb:.1f} MB" if mb >= 1 else f"{mb:.3f} MB"
