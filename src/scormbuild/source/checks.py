"""Checks on a loaded course that go beyond what loading validates.

They run in :func:`scormbuild.pipeline.gather`, for ``build``, ``check`` and the preview alike;
errors stop a build, warnings are reported (and ``--strict`` turns them into errors).
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from scormbuild.courseconfig import CourseConfig
from scormbuild.errors import Problem, warning
from scormbuild.model import Course, Link, Module
from scormbuild.source.assets import files_used

LARGE_IMAGE = 1024 * 1024  # bytes


def check_course(courses: Sequence[Course]) -> list[Problem]:
    """Every problem found in the language versions of a loaded course, errors and warnings."""
    problems: list[Problem] = []
    for course in courses:
        for module in course.modules:
            for image in module.images:
                if not image.alt.strip():
                    problems.append(
                        warning(
                            image.at.path,  # a quiz file, for an image in a quiz text
                            image.at.line,
                            f"image without alt text: '{image.src[:80]}'",
                            hint="describe the image in ![alt text](...); "
                            "use a caption too if it carries information",
                            code="alt",
                        )
                    )
            problems += _heading_problems(module)
            problems += _web_link_problems(module, course.config)
    if not courses:
        return problems
    config = courses[0].config
    used = set().union(*(files_used(course) for course in courses))
    used.update(*(a.names for course in courses for a in course.assets))  # what they ship names
    used.update(*(course.template_matches for course in courses))
    # Each package ships its own language's files: together they are the whole of assets/.
    assets = {a.path: a for course in courses for a in course.assets}
    for path in sorted(assets):
        if path not in used and not path.endswith(".vtt"):
            hint = "link or show it in a module, or delete it (unused, it still ships)"
            problems.append(
                warning(path, None, "asset is not used by any module", hint=hint, code="unused")
            )
    size = max(sum(a.size for a in course.assets) for course in courses)  # the largest package
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
    return problems + _large_images(courses)


def _large_images(courses: Sequence[Course]) -> list[Problem]:
    """Images that learners would download on every visit, on a phone too."""
    problems = []
    for course in courses:
        sizes = {a.path: a.size for a in course.assets}
        for module in course.modules:
            for image in module.images:
                size = sizes.get(image.path, 0)
                if size > LARGE_IMAGE:
                    problems.append(
                        warning(
                            image.at.path,
                            image.at.line,
                            f"image '{image.path}' is {size / 1048576:.1f} MB: learners "
                            "download it on every visit, on a phone too",
                            hint="save it smaller, e.g. 1600 pixels wide as JPEG or WebP",
                            code="large-image",
                        )
                    )
    return problems


def _megabytes(size: int) -> str:
    """A size in MB, with enough decimals that a small budget overrun is not shown as 0.0."""
    mb = size / 1048576
    return f"{mb:.1f} MB" if mb >= 1 else f"{mb:.3f} MB"


def reviewed(url: str, config: CourseConfig) -> bool:
    """Whether course.yml's ``reviewed_links`` names ``url``: its host (or a domain above it),
    or the whole address."""
    listed = {entry.strip().casefold() for entry in config.reviewed_links}
    if url.strip().casefold() in listed:
        return True
    parts = _host(url).split(".")
    return any(".".join(parts[i:]) in listed for i in range(len(parts)) if parts[i])


def _host(url: str) -> str:
    """The host ``url`` leads to (lowercase), or "" (an e-mail address, a phone number)."""
    try:
        return (urlsplit(url.strip()).hostname or "").rstrip(".")
    except ValueError:  # an address urllib cannot read (e.g. a bad IPv6 host)
        return ""


def _web_link_problems(module: Module, config: CourseConfig) -> list[Problem]:
    """Each link out of the course not yet reviewed: listed, so that an author checks where it
    leads (``--strict`` refuses them)."""
    links = module.web_links
    return [_web_link_warning(link) for link in links if not reviewed(link.target, config)]


def _web_link_warning(link: Link) -> Problem:
    return warning(
        link.at.path,
        link.at.line,
        f"a link out of the course, to '{link.target[:200]}': it opens in a new window",
        hint="check that it leads where you mean and that learners can open it (an intranet "
        f"address does not work for them); once reviewed, list it in course.yml: "
        f"reviewed_links: [{_host(link.target) or link.target}]",
        code="external-link",
    )


def _heading_problems(module: Module) -> list[Problem]:
    """The page outline is the title (its only h1), then the body's headings from ## on."""
    problems: list[Problem] = []
    prev = 1
    for heading in module.headings:
        line = heading.at.line if heading.at else None
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
