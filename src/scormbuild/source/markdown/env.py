"""What the course syntax plugins are given, and what they hand back, through ``env``.

markdown-it passes one ``env`` mapping to every rule of a parse and a render. The plugins
read two keys:

- ``env["labels"]``: the words the Markdown shows (callout titles, the table and footnote
  labels), in the page's language; English when absent.
- ``env["terms"]``: the words the glossary's terms may be marked with (casefolded) -> ids.
- ``env["source"]``: a :class:`SourceEnv` when a module of a course is parsed: where the text
  comes from, the course's files (the only way to a file: every author-written path goes
  through the path gate, :mod:`scormbuild.source.paths`), a problem sink, and
  :class:`Found`, what the plugins found.
  Without it (a quiz text, a benchmark) the plugins that need files leave the tokens alone.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field, replace
from typing import Any

from markdown_it.token import Token

from scormbuild.content import Block
from scormbuild.errors import Problem, SourceLocation, error, warning
from scormbuild.model import Figure, FileUse, Heading, Image, Link, Media, Quiz
from scormbuild.source.paths import Files, PathProblem, require_file
from scormbuild.strings import Catalog

# The strings the Markdown itself shows, from the learner string catalogs (strings/*.json).
LABELS = (
    "note", "tip", "warning", "important", "footnotes", "table", "captions", "transcript",
    "backref", "new_window",
)  # fmt: skip


Sink = Callable[[Problem], None]


@dataclass
class Found:
    """What the plugins found in one module, in the order they found it."""

    quizzes: list[Quiz] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    media: list[Media] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    web_links: list[Link] = field(default_factory=list)
    uses: list[FileUse] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    terms: set[str] = field(default_factory=set)  # ids of the glossary terms marked
    title_anchor: str = ""  # the anchor of the leading '# Title', which the page shows
    title_line: int | None = None  # and its line
    cut: bool = False  # a limit stopped the parse short (:mod:`.sizes`): the text is partial


@dataclass
class SourceEnv:
    """One module being parsed: where it comes from, its course's files, its problem sink."""

    path: str  # course-relative path of the Markdown file
    language: str
    suffix: str  # the language suffix of variant files, "" in the primary language
    files: Files
    report: Sink
    offset: int = 0  # lines before the Markdown text (the front matter)
    found: Found = field(default_factory=Found)
    # A short text of the module (a quiz prompt, an objective, a caption), not its body: the
    # plugins check it as they check the body, but find no headings, quizzes or figures in it.
    fragment: bool = False
    # Where a fragment was written, which says what of its characters is checked already
    # (:mod:`.controls`): "markdown", in the module's text (a caption, an item's title), checked
    # with it; "yaml", in a YAML document, whose reader checked its characters but not its
    # character references, which only Markdown reads.
    written: str = ""

    def text_at(self, path: str, line: int | None, written: str) -> SourceEnv:
        """The env of a short text of ``path`` that starts at ``line``, ``written`` in
        "markdown" or "yaml": same files, sink and findings as the module's."""
        return replace(self, path=path, offset=(line or 1) - 1, fragment=True, written=written)

    @property
    def folder(self) -> str:
        """The course-relative folder of the file, where its relative paths start."""
        return posixpath.dirname(self.path)

    def line(self, token: Token) -> int | None:
        """The file's line where ``token`` starts (1-based), when markdown-it knows it."""
        return token.map[0] + 1 + self.offset if token.map else None

    def child_line(self, inline: Token, child: Token) -> int | None:
        """The file's line of ``child``, one of the tokens of ``inline``.

        An inline token is a whole paragraph (or heading, or table cell), and markdown-it
        knows only where it starts: the line breaks before ``child`` say how far down it is.
        """
        line = self.line(inline)
        if line is None:
            return None
        for token in inline.children or []:
            if token is child:
                break
            if token.type in ("softbreak", "hardbreak"):
                line += 1
            elif token.type == "html_inline":
                line += token.content.count("\n")
        return line

    def at(self, line: int | None) -> SourceLocation:
        """The location of ``line`` of this file."""
        return SourceLocation(self.path, line)

    def error(
        self,
        line: int | None,
        message: str,
        *,
        hint: str | None = None,
        code: str = "error",
        column: int | None = None,
    ) -> None:
        """Report an error at ``line`` (and ``column``) of this file."""
        self.report(error(self.path, line, message, hint=hint, code=code, column=column))

    def warning(
        self,
        line: int | None,
        message: str,
        *,
        hint: str | None = None,
        code: str = "warning",
        column: int | None = None,
    ) -> None:
        """Report a warning at ``line`` (and ``column``) of this file."""
        self.report(warning(self.path, line, message, hint=hint, code=code, column=column))

    def path_error(self, line: int | None, problem: PathProblem) -> None:
        """Report what the path gate refused, at ``line`` of this file."""
        self.error(line, problem.message, hint=problem.hint, code=problem.code)

    def use_asset(self, target: str, line: int | None) -> str | None:
        """The package path of the asset ``target`` names, recorded as used at ``line``;
        None when the path gate refuses it (the refusal is reported)."""
        try:
            path = require_file(self.files, target, self.folder, under="assets")
        except PathProblem as exc:
            self.path_error(line, exc)
            return None
        self.found.uses.append(FileUse(path, self.at(line)))
        return path


def source_of(env: Mapping[str, Any]) -> SourceEnv | None:
    """The module being parsed, or None when the text is not a module's."""
    source = env.get("source")
    return source if isinstance(source, SourceEnv) else None


def labels_for(language: str, overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """The Markdown's labels in ``language``, with the course's own ``strings:`` applied."""
    t = Catalog(language, (overrides or {}).items())
    return {key: t(key) for key in LABELS}


def label(env: Mapping[str, Any], key: str) -> str:
    """One of the labels in ``env`` (English when it has none)."""
    labels = env.get("labels")
    return str(labels[key]) if labels is not None else labels_for("en")[key]


def module_env(
    source: SourceEnv, labels: Mapping[str, str], terms: Mapping[str, str] | None = None
) -> MutableMapping[str, Any]:
    """The ``env`` of a module's parse; ``terms``: the glossary's words (casefolded) -> ids."""
    return {"source": source, "labels": labels, "terms": terms or {}}


def inline_children(tokens: list[Token], kind: str) -> Iterator[tuple[Token, Token]]:
    """(inline token, child) for every child of type ``kind``, in document order."""
    for token in tokens:
        if token.type == "inline" and token.children:
            for child in token.children:
                if child.type == kind:
                    yield token, child
