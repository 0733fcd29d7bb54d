"""Checks on a loaded course that go beyond what loading validates.

``build`` and ``check`` run the same checks; errors stop a build, warnings are reported
(and ``--strict`` turns them into errors).
"""

from __future__ import annotations

import re

from scormbuild.errors import Problem, warning
from scormbuild.load import LoadedCourse
from scormbuild.state import suspend_data_problems

IMG_RE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
ALT_RE = re.compile(r'\salt="([^"]*)"')


def check_course(loaded: LoadedCourse) -> list[Problem]:
    """Every problem found in ``loaded``, errors and warnings."""
    problems: list[Problem] = []
    used: set[str] = set()
    for course in loaded.courses:
        problems += suspend_data_problems(course)
        for src in loaded.sources.get(course.language, []):
            module = src.module
            used.update(src.media)
            for img in IMG_RE.findall(module.html):
                alt = ALT_RE.search(img)
                if not alt or not alt.group(1).strip():
                    problems.append(
                        warning(
                            module.source,
                            None,
                            f"image without alt text: {img[:80]}",
                            hint="describe the image in ![alt text](...); "
                            "use a caption too if it carries information",
                            code="alt",
                        )
                    )
            levels = [h.level for h in module.headings]
            if levels.count(1) != 1:
                problems.append(
                    warning(
                        module.source,
                        None,
                        f"the page should have exactly one level-1 heading, not {levels.count(1)}",
                        hint="start the module with '# Title' and use ## below it",
                        code="headings",
                    )
                )
            for prev, cur, heading in zip(levels, levels[1:], module.headings[1:], strict=False):
                if cur > prev + 1:
                    problems.append(
                        warning(
                            module.source,
                            None,
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
                f"the assets take {size / 1048576:.1f} MB, more than size_budget_mb "
                f"({config.size_budget_mb:g} MB)",
                hint="compress media or raise size_budget_mb",
                code="size",
            )
        )
    return problems
