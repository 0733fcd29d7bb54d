"""Checks on a loaded course that go beyond what loading validates.

They run in :func:`scormbuild.pipeline.gather`, for ``build``, ``check`` and the preview alike;
errors stop a build, warnings are reported (and ``--strict`` turns them into errors).
"""

from __future__ import annotations

import posixpath

from scormbuild.errors import Problem, warning
from scormbuild.source.drafts import draft_problems
from scormbuild.source.load import LoadedCourse
from scormbuild.source.modules import ModuleSource
from scormbuild.source.paths import is_remote


def check_course(loaded: LoadedCourse) -> list[Problem]:
    """Every problem found in ``loaded``, errors and warnings."""
    problems: list[Problem] = []
    used: set[str] = set()
    for course in loaded.courses:
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
            problems += _heading_problems(src)
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
                config.line_of("size_budget_mb"),
                f"the assets take {_megabytes(size)}, more than size_budget_mb "
                f"({config.size_budget_mb:g} MB)",
                hint="compress media or raise size_budget_mb",
                code="size",
            )
        )
    return problems + draft_problems(loaded)


def _megabytes(size: int) -> str:
    """A size in MB, with enough decimals that a small budget overrun is not shown as 0.0."""
    mb = size / 1048576
    return f"{mb:.1f} MB" if mb >= 1 else f"{mb:.3f} MB"


def _heading_problems(src: ModuleSource) -> list[Problem]:
    """The page outline is the title (its only h1), then the body's headings from ## on."""
    module = src.module
    lines = src.heading_lines or [None] * len(module.headings)
    problems: list[Problem] = []
    prev = 1
    for heading, line in zip(module.headings, lines, strict=False):
        if heading.level == 1:
            problems.append(
                warning(
                    module.source,
                    line,
                    f"a second level-1 heading '{heading.text}': the module title is the page's h1",
                    hint="use ## for sections",
                    code="headings",
                )
            )
        elif heading.level > prev + 1:
            problems.append(
                warning(
                    module.source,
                    line,
                    f"heading '{heading.text}' skips from level {prev} to {heading.level}",
                    hint=f"use {'#' * (prev + 1)} here",
                    code="headings",
                )
            )
        prev = heading.level
    return problems
