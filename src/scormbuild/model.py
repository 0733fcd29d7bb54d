"""The course model: frozen dataclasses built by the loader, read by every later stage.

Text that authors write in Markdown (module bodies, prompts, choices, feedback) is held
here already rendered to HTML; what the checks and documents need to know of a module (its
images, media, links, the files it uses) is held with the source location of each.
Renderers and the packager never read ``course/`` again (media files aside, which the
packager streams from the paths in :class:`Asset`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args

from scormbuild.content import Block, Term
from scormbuild.courseconfig import CourseConfig
from scormbuild.errors import SourceLocation

QuestionType = Literal["single", "multiple", "truefalse", "fill", "numeric", "matching", "ordering"]
QUESTION_TYPES: tuple[str, ...] = get_args(QuestionType)
# instant: each answer checked as it is given; exam: all answered, then submitted at once.
QuizMode = Literal["instant", "exam"]
QUIZ_MODES: tuple[str, ...] = get_args(QuizMode)
FOOTNOTES_START = '<section class="footnotes"'  # in Module.html; the theme's pager goes before


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
    names: frozenset[str] = frozenset()  # the files of assets/ an HTML or SVG file names


@dataclass(frozen=True)
class CourseTemplates:
    """A course's own ``templates/`` as the loader read them: later stages read only these."""

    folder: Path  # course/templates: where problems and 'no template' messages place them
    texts: Mapping[str, str] = field(default_factory=dict)  # 'static/theme.css' -> its text
    # Files that are not UTF-8 (U+FFFD in their text): line and value of the first bad byte.
    undecodable: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    # Its symlinks (to files or folders): where they lead in it, None when out of it.
    links: Mapping[str, str | None] = field(default_factory=dict)

    def names(self) -> list[str]:
        """The templates' names in the order of their paths, folder by folder."""
        return sorted(self.texts, key=lambda name: name.split("/"))

    def resolve(self, name: str) -> str | None:
        """The name ``name`` reaches through the symlinks, as the file system would follow
        them; None when one leads out of ``templates/`` (or they loop)."""
        pieces = name.split("/")
        for _ in range(40):  # as many links as the OS follows in one path
            for end in range(1, len(pieces) + 1):
                target = self.links.get("/".join(pieces[:end]), "")
                if target != "":
                    break
            else:
                return "/".join(pieces)
            if target is None:
                return None
            pieces = [p for p in target.split("/") if p != "."] + pieces[end:]
        return None


@dataclass(frozen=True)
class Course:
    """A whole course in one language, ready to render."""

    config: CourseConfig
    language: str
    modules: tuple[Module, ...]
    assets: tuple[Asset, ...] = ()
    root: Path = Path(".")
    glossary: tuple[Term, ...] = ()  # in the order of glossary.yml
    template_uses: frozenset[str] = frozenset()  # files of assets/ its own templates name
    template_matches: frozenset[str] = frozenset()  # what a name they put together may be
    templates: CourseTemplates | None = None  # None when the course has no templates/ folder

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
