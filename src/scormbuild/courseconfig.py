"""The course.yml options, each declared once: :class:`CourseConfig` and its sections.

Each key is a field made with :func:`~scormbuild.options.option`: its type, check,
conversion, default and meaning. The loader reads course.yml by these declarations
(:mod:`scormbuild.source.config`), and the format reference lists them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from scormbuild import fonts
from scormbuild.limits import DESCRIPTION_CHARS, ID_CHARS, LANGUAGE_CHARS, TITLE_CHARS
from scormbuild.options import (
    COLOR_RE,
    LANG_RE,
    MODULE_NAME_RE,
    SLUG_RE,
    FolderPath,
    OneOf,
    Pattern,
    PerLanguage,
    Positive,
    Section,
    Text,
    TextMapping,
    Texts,
    Version,
    WholeNumber,
    option,
)

CompletionRule = Literal["viewed", "passed"]


@dataclass(frozen=True)
class Theme:
    """Theme options from course.yml ``theme:``."""

    brand_color: str = option(
        Pattern(COLOR_RE, "must be a colour like '#00578a'"), "Brand colour.", default="#00578a"
    )
    logo: str | None = option(Text(message="must be a path"), "Logo image (assets/).", default=None)
    logo_alt: str = option(Text(), "Alternative text of the logo.", default="")
    hero: str | None = option(Text(message="must be a path"), "Cover image (assets).", default=None)
    hero_alt: str = option(Text(empty=True), "Its alternative text ('' if decorative).", default="")
    font: str = option(OneOf(*fonts.CHOICES), fonts.OPTION_DOC, default=fonts.SYSTEM)


@dataclass(frozen=True)
class Localized:
    """Catalogue metadata of the course in one language."""

    language: str
    title: str
    description: str = ""
    keywords: tuple[str, ...] = ()
    objectives: tuple[str, ...] = ()


_TEXT_OR_LANGS = "must be a text, or a mapping from language code to text"
_TEXTS_OR_LANGS = "must be a list of texts (or a mapping from language code to such lists)"
_TEXT_LISTS = PerLanguage(Texts("must be a list of texts"), _TEXTS_OR_LANGS)  # one check, no state
_LANG = "must be a BCP 47 language code such as 'fi', 'sv' or 'en-GB'"


@dataclass(frozen=True)
class CourseConfig:
    """Everything course.yml says, validated and typed.

    Each course.yml key is declared here once, with :func:`~scormbuild.options.option`: its
    type, check, conversion, default and meaning. The fields after them are worked out by the
    loader (:mod:`scormbuild.source.config`).
    """

    id: str = option(
        Pattern(SLUG_RE, "must be a slug: lowercase letters, digits and single hyphens, "
                "e.g. 'my-course'", ID_CHARS),
        "Course identifier: a slug, used in package names and ids.",
    )  # fmt: skip
    title: str = option(PerLanguage(Text(maximum=TITLE_CHARS), _TEXT_OR_LANGS), "Course title.")
    version: str = option(Version(), "Course version, e.g. 1.0.0.")
    language: str = option(Pattern(LANG_RE, _LANG, LANGUAGE_CHARS), "Primary language (BCP 47).")
    languages: tuple[str, ...] = option(
        Texts(
            "must be a list of distinct language codes (in any case), e.g. [fi, sv]",
            item=lambda x: bool(LANG_RE.match(x)),
            empty=False,
            distinct=True,
            maximum=LANGUAGE_CHARS,
        ),
        "Every language built, primary first (default: the primary language alone).",
        default=(),
    )
    description: str = option(
        PerLanguage(Text(empty=True, maximum=DESCRIPTION_CHARS), _TEXT_OR_LANGS),
        "Short description for the LMS (or one per language).",
        default="",
    )
    organization: str = option(Text(), "The organisation that publishes the course.", default="")
    author: str = option(Text(), "Author or team.", default="")
    keywords: tuple[str, ...] = option(
        _TEXT_LISTS, "Keywords for the LMS catalogue (or a list per language).", default=()
    )
    objectives: tuple[str, ...] = option(
        _TEXT_LISTS, "What the learner will learn: the cover (or a list per language).", default=()
    )
    mastery_score: int | None = option(
        WholeNumber(0, 100), "Passing score 0-100 (adlcp:masteryscore).", default=None
    )
    completion: tuple[CompletionRule, ...] = option(
        Texts(
            "must be 'viewed', 'passed', or a list of both",
            item=lambda x: x in ("viewed", "passed"),
            empty=False,
            single=True,
            order=("viewed", "passed"),
        ),
        "When the course is complete: viewed, passed, or both.",
        default=("viewed",),
    )
    modules: tuple[str, ...] | None = option(
        Texts(
            "must be a list of distinct module file names in modules/ (NN-slug.md, e.g. 01-a.md)",
            item=lambda x: bool(MODULE_NAME_RE.match(x)),
            empty=False,
            distinct=True,
        ),
        "Explicit module order (file names); default: by file name.",
        default=None,
    )
    theme: Theme = option(Section(Theme), "Theme options.", default=Theme)
    schemas: Path | None = option(
        FolderPath(), "Folder of the ADL control documents to copy into packages.", default=None
    )
    sco_mode: Literal["single", "multi"] = option(
        OneOf("single", "multi"), "single: one SCO; multi: one SCO per module.", default="single"
    )
    size_budget_mb: float = option(
        Positive(10**6), "check warns when the package is larger (MB).", default=100.0
    )
    reviewed_links: tuple[str, ...] = option(
        Texts("must be a list of hosts (e.g. www.kela.fi) or link addresses", distinct=True),
        "Links out of the course reviewed: a host (and its subdomains) or a whole address.",
        default=(),
    )
    strings: tuple[tuple[str, str], ...] = option(
        TextMapping(), "Overrides of learner interface strings, (key, text).", default=()
    )
    localized: tuple[Localized, ...] = ()  # the per-language keys, per language
    lines: tuple[tuple[str, int], ...] = field(default=(), compare=False)  # (key, line)

    def line_of(self, key: str) -> int | None:
        """The course.yml line of ``key`` (``theme.logo`` for a nested one), if it was given."""
        return dict(self.lines).get(key)
