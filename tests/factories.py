"""Course models built by hand for tests."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from scormbuild.courseconfig import CourseConfig
from scormbuild.model import Course, Module


def make_module(n: int, title: str | None = None) -> Module:
    slug = f"{n:02d}-module-{n}"
    return Module(
        id=f"m{slug}",
        slug=slug,
        title=title or f"Module {n}",
        html=f"<p>Module {n}</p>",
        source=f"modules/{slug}.md",
    )


def make_course(modules: int = 2, **config: Any) -> Course:
    """A course with ``modules`` modules; keyword arguments override CourseConfig fields."""
    base = CourseConfig(
        id="test-course",
        title="Opit jakoon",
        version="1.0.0",
        language="fi",
        languages=("fi",),
        description="Miksi & miten <oppeja> jaetaan.",
        organization="Esimerkkivirasto",
        author="Oppimistiimi",
        keywords=("digitalisaatio", "osallistaminen"),
    )
    return Course(
        config=replace(base, **config),
        language=config.get("language", "fi"),
        modules=tuple(make_module(i + 1) for i in range(modules)),
    )


def course_files(course: Course) -> list[str]:
    """The archive paths a built package of ``course`` would hold."""
    return [
        "index.html",
        *(m.href for m in course.modules),
        "assets/diagram.png",
        "assets/my clip.mp4",
        "scormbuild/core.js",
        "scormbuild/course-data.js",
        "scormbuild/theme.css",
    ]
