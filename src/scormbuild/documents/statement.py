"""A draft accessibility statement per package, in the package's language.

Finnish public bodies must publish an accessibility statement (laki digitaalisten palvelujen
tarjoamisesta 306/2019). The build knows part of what goes into one: what it verified in the
course itself, and what the project's tests guarantee for the default theme. The draft says
so, lists what still needs a manual check, and leaves the rest as [bracketed] blanks.
The words are per-language templates of the theme (``templates/statement/fi.md``, ...), which
a course can replace; the text depends only on the course, so the file is as reproducible as
the package.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import jinja2

from scormbuild.errors import Problem
from scormbuild.model import Course
from scormbuild.render.theme import (
    contrast,
    course_template_errors,
    parse_color,
    readable_on_white,
)
from scormbuild.strings import number

# A lang attribute's value, \slang=...: written to start with its literal words (the white
# space before them checked behind), which the pattern engine looks for at memory speed; a
# pattern that starts with \s is tried at every character of a page.
_LANG_ATTR = re.compile(r"""lang=(?<=\slang=)["']?([A-Za-z-]+)""")


def _languages(html: str) -> list[str]:
    """The values of ``html``'s lang attributes (``\\slang=...``), in order."""
    return _LANG_ATTR.findall(html)


@dataclass(frozen=True)
class Facts:
    """What the build verified in one language version of a course."""

    pages: int
    images: int
    images_without_alt: tuple[str, ...]  # "path:line"
    recordings: int
    transcripts: int
    passages: int  # passages marked as another language
    heading_problems: tuple[str, ...]  # "path:line"
    brand: str  # "#rrggbb" as the pages use it
    brand_contrast: float
    overridden: tuple[str, ...]  # theme files the course replaces


def gather_facts(course: Course, warnings: Sequence[Problem]) -> Facts:
    """The facts of ``course`` from its model and the checks' warnings."""
    images = [image for m in course.modules for image in m.images]
    recordings = [media for m in course.modules for media in m.media]
    passages = sum(
        1 for m in course.modules for lang in _languages(m.html) if lang != course.language
    )
    ours = {m.source for m in course.modules}
    headings = tuple(
        str(p.location) for p in warnings if p.code == "headings" and p.location.path in ours
    )
    rgb = readable_on_white(parse_color(course.config.theme.brand_color))
    overridden = tuple(course.templates.names()) if course.templates is not None else ()
    return Facts(
        pages=len(course.modules) + 1,
        images=len(images),
        images_without_alt=tuple(str(i.at) for i in images if not i.alt.strip()),
        recordings=len(recordings),
        transcripts=sum(1 for r in recordings if r.transcript),
        passages=passages,
        heading_problems=headings,
        brand="#{:02x}{:02x}{:02x}".format(*rgb),
        brand_contrast=contrast(rgb, (255, 255, 255)),
        overridden=overridden,
    )


# The file's name says what it is in the package's language (a plain ASCII word).
FILE_WORDS = {"fi": "saavutettavuusseloste", "sv": "tillganglighetsutlatande"}
DEFAULT_WORD = "accessibility-statement"


def statement_name(package: str, language: str) -> str:
    """``<package stem>-<word>.md``: saavutettavuusseloste, tillganglighetsutlatande, ..."""
    stem = package.removesuffix(".zip")
    return f"{stem}-{FILE_WORDS.get(_base(language), DEFAULT_WORD)}.md"


def _base(language: str) -> str:
    return language.split("-")[0].lower()


def statement(env: jinja2.Environment, course: Course, facts: Facts, package: str) -> str:
    """The draft statement of ``course`` as Markdown, from the theme's ``statement/LANG.md``.

    The template of the package's language (its primary subtag) is used, else the English
    one; a course's own ``templates/statement/`` replaces them like any theme template.
    """
    lang = _base(course.language)
    with course_template_errors(env):
        template = env.select_template([f"statement/{lang}.md", "statement/en.md"])
        return template.render(
            course=course,
            facts=facts,
            package=package,
            number=lambda value: number(value, course.language),
        )
