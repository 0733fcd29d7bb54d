"""A draft accessibility statement per package, in the package's language.

Finnish public bodies must publish an accessibility statement (laki digitaalisten palvelujen
tarjoamisesta 306/2019). The build knows part of what goes into one: what it verified in the
course itself, and what the project's tests guarantee for the default theme. The draft says
so, lists what still needs a manual check, and leaves the rest as [bracketed] blanks.
The text depends only on the course, so the file is as reproducible as the package.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from scormbuild.documents.statement_texts import TEXTS
from scormbuild.errors import Problem
from scormbuild.model import Course
from scormbuild.render.theme import contrast, parse_color, readable_on_white
from scormbuild.strings import number

_LANG_ATTR = re.compile(r"""\slang=["']?([A-Za-z-]+)""")


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
        1 for m in course.modules for lang in _LANG_ATTR.findall(m.html) if lang != course.language
    )
    ours = {m.source for m in course.modules}
    headings = tuple(
        str(p.location) for p in warnings if p.code == "headings" and p.location.path in ours
    )
    rgb = readable_on_white(parse_color(course.config.theme.brand_color))
    overridden: tuple[str, ...] = ()
    folder = course.root / "templates"
    if folder.is_dir():
        overridden = tuple(
            sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
        )
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


def statement_name(package: str, language: str) -> str:
    """``<package stem>-<word>.md``: saavutettavuusseloste, tillganglighetsutlatande, ..."""
    stem = package.removesuffix(".zip")
    return f"{stem}-{_texts(language)['file']}.md"


def _texts(language: str) -> dict[str, str]:
    return TEXTS.get(language.split("-")[0].lower(), TEXTS["en"])


def statement(course: Course, facts: Facts, package: str) -> str:
    """The draft statement of ``course`` as Markdown."""
    t = _texts(course.language)
    cfg = course.config
    built: list[str] = []
    if facts.images_without_alt:
        built.append(
            t["alt_missing"].format(
                n=len(facts.images_without_alt), where=", ".join(facts.images_without_alt)
            )
        )
    elif facts.images:
        built.append(t["alt_ok"].format(n=facts.images))
    else:
        built.append(t["no_images"])
    if facts.recordings:
        built.append(t["captions"].format(n=facts.recordings, transcripts=facts.transcripts))
    else:
        built.append(t["no_recordings"])
    if facts.heading_problems:
        built.append(t["headings_bad"].format(where=", ".join(facts.heading_problems)))
    else:
        built.append(t["headings_ok"])
    built.append(t["lang"].format(lang=course.language, passages=facts.passages))
    built.append(t["local"])
    built.append(
        t["brand"].format(
            color=facts.brand, ratio=number(round(facts.brand_contrast, 1), course.language)
        )
    )
    built.append(t["no_time_limits"])
    theme = t["theme_intro"]
    if facts.overridden:
        theme = t["theme_overridden"].format(files=", ".join(facts.overridden)) + "\n\n" + theme
    parts = [
        f"# {t['title']}: {cfg.title}",
        t["draft"].format(package=package),
        t["intro"].format(organization=cfg.organization or t["organization"], title=cfg.title),
        f"## {t['status_h']}",
        t["status"],
        f"## {t['built_h']}",
        "\n".join(f"- {line}" for line in built),
        f"## {t['tested_h']}",
        theme,
        "\n".join(f"- {line}" for line in t["tested"].split("\n")),
        f"## {t['manual_h']}",
        "\n".join(f"- {line}" for line in t["manual"].split("\n")),
        f"## {t['feedback_h']}",
        t["feedback"],
        f"## {t['authority_h']}",
        t["authority"],
        f"## {t['date_h']}",
        t["date"],
    ]
    return "\n\n".join(parts) + "\n"
