"""The course model: frozen dataclasses built by the loader, read by every later stage.

Text that authors write in Markdown (module bodies, prompts, choices, feedback) is held
here already rendered to HTML; what the checks and documents need to know of a module (its
images, media, links, the files it uses) is held with the source location of each.
Renderers and the packager never read ``course/`` again (media files aside, which the
packager streams from the paths in :class:`Asset`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args

from scormbuild import fonts
from scormbuild.content import Block, Term
from scormbuild.errors import SourceLocation
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

QuestionType = Literal["single", "multiple", "truefalse", "fill", "numeric", "matching", "ordering"]
QUESTION_TYPES: tuple[str, ...] = get_args(QuestionType)
# instant: each answer checked as it is given; exam: all answered, then submitted at once.
QuizMode = Literal["instant", "exam"]
QUIZ_MODES: tuple[str, ...] = get_args(QuizMode)
CompletionRule = Literal["viewed", "passed"]
FOOTNOTES_START = '<section class="footnotes"'  # in Module.html; the theme's pager goes before


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


@dataclass(frozen=True)
class Choice:
    """One option of a single, multiple or true/false question."""

    id: str  # stable, short: "a", "b", ... or "true"/"false"
    html: str
    correct: bool
    feedback_html: str = ""


@dataclass(frozen=True)
class Pair:
    """One matching pair: a prompt on the left, its answer on the right."""

    id: str
    left_html: str
    right_html: str


@dataclass(frozen=True)
class OrderItem:
    """One item of an ordering question; ``Question.items`` holds them in correct order."""

    id: str
    html: str


@dataclass(frozen=True)
class NumericAnswer:
    """Correct if ``minimum <= x <= maximum`` (an exact value has both equal)."""

    minimum: float
    maximum: float
    value: float | None = None  # the stated value, shown as the correct answer
    tolerance: float = 0.0


@dataclass(frozen=True)
class Question:
    """One question. Which fields are used depends on ``type``."""

    id: str
    type: QuestionType
    prompt_html: str
    points: float = 1.0
    choices: tuple[Choice, ...] = ()  # single, multiple, truefalse
    answers: tuple[str, ...] = ()  # fill: accepted answers
    case_sensitive: bool = False  # fill
    numeric: NumericAnswer | None = None  # numeric
    pairs: tuple[Pair, ...] = ()  # matching
    items: tuple[OrderItem, ...] = ()  # ordering, in correct order
    feedback_correct_html: str = ""
    feedback_incorrect_html: str = ""
    hint_html: str = ""
    source: str = ""  # "path:line" of the question in the source, for messages
    line: int | None = None


@dataclass(frozen=True)
class Quiz:
    """A quiz: graded or practice, with its questions and attempt rules."""

    id: str
    title: str
    questions: tuple[Question, ...]
    graded: bool = True
    shuffle_questions: bool = False
    shuffle_choices: bool = False
    pool: int | None = None  # draw this many questions per attempt
    attempts: int = 0  # 0 = unlimited
    show_answers: bool = True  # show correct answers after the last attempt
    mode: QuizMode = "instant"
    source: str = ""
    line: int | None = None
    kind: Literal["quiz", "scenario"] = "quiz"  # scenario: a scored scenario's result

    @property
    def drawn(self) -> int:
        """How many questions one attempt shows."""
        return self.pool if self.pool is not None else len(self.questions)


@dataclass(frozen=True)
class Heading:
    """A heading of a module page, for its table of contents."""

    level: int
    anchor: str
    text: str
    at: SourceLocation | None = None


@dataclass(frozen=True)
class Image:
    """An image a module shows: ``![alt](src)``, or an ``<img>`` tag in its raw HTML."""

    src: str  # as the author wrote it
    path: str  # course-relative, e.g. "assets/map.png" ("" for a remote one)
    alt: str
    at: SourceLocation


@dataclass(frozen=True)
class Figure:
    """An image alone in its paragraph with a title: shown with the title as its caption."""

    path: str  # course-relative
    alt: str
    caption_html: str
    at: SourceLocation


@dataclass(frozen=True)
class Media:
    """A video or audio recording, with its captions and, when there is one, a transcript."""

    kind: Literal["video", "audio"]
    path: str  # course-relative, as are the captions and the transcript
    label: str  # the alt text, the player's accessible name
    captions: str
    transcript: str | None
    at: SourceLocation


@dataclass(frozen=True)
class Link:
    """A link to a module of the course (or to a place in this one), checked across modules;
    in ``Module.web_links``, a link out of the course, which ``check`` lists."""

    target: str  # the module file's course path ("modules/02-more.md"), or the address as written
    anchor: str
    at: SourceLocation


@dataclass(frozen=True)
class FileUse:
    """A course file that a module uses: an image, a recording, its captions, a linked file."""

    path: str  # course-relative
    at: SourceLocation


@dataclass(frozen=True)
class Module:
    """One module: a page of the course.

    ``html`` is the rendered Markdown body. Where the theme's templates give the markup, it
    holds a placeholder (:func:`placeholder`) that the renderer fills: each quiz (by id),
    figure and media player (by their index in ``figures`` and ``media``).
    """

    id: str  # stable XML-name-safe id, e.g. "m01-why-share"
    slug: str  # from the file name, e.g. "01-why-share"
    title: str
    html: str
    source: str  # course-relative path of the Markdown file
    objectives: tuple[str, ...] = ()
    duration: str | None = None
    headings: tuple[Heading, ...] = ()
    quizzes: tuple[Quiz, ...] = ()
    anchor: str = ""  # id of the page's h1 (the title), so links to '# Title' keep working
    figures: tuple[Figure, ...] = ()
    media: tuple[Media, ...] = ()
    images: tuple[Image, ...] = ()  # every image, figures' included, in source order
    links: tuple[Link, ...] = ()
    web_links: tuple[Link, ...] = ()  # links out of the course (anchor ""), in source order
    uses: tuple[FileUse, ...] = ()  # every course file the page uses
    anchors: frozenset[str] = frozenset()  # every id in the page, the title's included
    blocks: tuple[Block, ...] = ()  # interactive blocks, in source order
    terms: frozenset[str] = frozenset()  # the ids of the glossary terms the page marks
    # False when reading it found errors: kept only so that its links are checked too.
    complete: bool = True

    @property
    def href(self) -> str:
        """The module page's path inside the package."""
        return f"modules/{self.slug}.html"


def placeholder(kind: Literal["quiz", "figure", "media", "block", "file"], key: str | int) -> str:
    """The marker the loader leaves in ``Module.html`` where the renderer puts markup."""
    return f"<!--scormbuild:{kind}:{key}-->"


def quiz_placeholder(quiz_id: str) -> str:
    """The marker the loader leaves in ``Module.html`` where a quiz goes."""
    return placeholder("quiz", quiz_id)


@dataclass(frozen=True)
class Document:
    """An HTML file of ``assets/`` made inert: its title and sanitized body, for a theme page."""

    title: str
    body_html: str


@dataclass(frozen=True)
class Asset:
    """A file from ``course/assets/``: packaged as it is, or as a page of its ``document``."""

    path: str  # archive path, e.g. "assets/img/map.png"
    source: Path  # absolute path on disk; the packager streams it
    size: int
    document: Document | None = None


@dataclass(frozen=True)
class Course:
    """A whole course in one language, ready to render."""

    config: CourseConfig
    language: str
    modules: tuple[Module, ...]
    assets: tuple[Asset, ...] = ()
    root: Path = Path(".")
    glossary: tuple[Term, ...] = ()  # in the order of glossary.yml

    @property
    def quizzes(self) -> tuple[Quiz, ...]:
        """Every quiz in module order."""
        return tuple(q for m in self.modules for q in m.quizzes)


@dataclass(frozen=True)
class OutputFile:
    """One file of a package: generated bytes, or a file on disk streamed as it is."""

    path: str  # archive path, forward slashes, relative
    data: bytes | None = None
    source: Path | None = None
