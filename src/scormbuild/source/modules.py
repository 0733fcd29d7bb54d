"""A module file -> :class:`~scormbuild.model.Module`: front matter, then the Markdown.

The Markdown is parsed with the course syntax plugins (:mod:`scormbuild.source.markdown`),
which find the module's quizzes, images, media, links and headings and report its problems;
this reader checks the front matter and puts the module together.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from markdown_it import MarkdownIt

from scormbuild.courseconfig import CourseConfig
from scormbuild.errors import Problem, error
from scormbuild.limits import MODULE_BYTES, TEXT_CHARS, TITLE_CHARS
from scormbuild.model import Module
from scormbuild.options import declared
from scormbuild.source.keys import check_keys, mapping_hint, not_a_mapping
from scormbuild.source.markdown import render_inline
from scormbuild.source.markdown.env import SourceEnv, module_env
from scormbuild.source.markdown.sanitize import clean
from scormbuild.source.memo import ModuleMemo, Probe, Remembered
from scormbuild.source.paths import Files, PathProblem
from scormbuild.source.text import decode, split_front_matter
from scormbuild.source.yamlbidi import YamlWarning
from scormbuild.source.yamlsrc import LineDict, LineList, YamlSyntaxError, load_yaml
from scormbuild.source.yamlwords import text_words

FRONT_MATTER_KEYS = ("duration", "objectives", "title")
DURATION_CHARS = 40  # "15 min", "1 h 30 min"
# An id attribute's value: \sid="...", written to start with its literal words (the white space
# before them checked behind), which the pattern engine looks for at memory speed; a pattern
# that starts with \s is tried at every character of a page.
_ID_RE = re.compile(r'id="(?<=\sid=")([^"]+)"')


def page_ids(html: str) -> list[str]:
    """What ``re.findall(r'\\sid="([^"]+)"', html)`` finds, in a fraction of the time."""
    return _ID_RE.findall(html)


class ModuleReader:
    """Reads the module files of one language; the problems found gather in ``problems``."""

    def __init__(
        self,
        files: Files,
        md: MarkdownIt,
        language: str,
        suffix: str,
        labels: Mapping[str, str],
        memo: ModuleMemo | None = None,
        terms: Mapping[str, str] | None = None,
    ) -> None:
        self.files = files
        self.md = md
        self.language = language
        self.suffix = suffix  # of this language's files: "" in the primary language
        self.labels = labels
        self.memo = memo
        self.terms = dict(terms or {})  # the glossary's words (casefolded) -> term ids
        self.problems: list[Problem] = []

    def read(self, path: Path, slug: str) -> Module | None:
        """The module in ``path`` (course-relative), or None when it has errors.

        A module read before from the same text, with the same answers from the course's
        files, is not parsed again (see :mod:`scormbuild.source.memo`).
        """
        try:
            data = self.files.read_bytes(path.as_posix(), MODULE_BYTES)
        except PathProblem as exc:
            self.problems.append(
                error(path.as_posix(), None, exc.message, hint=exc.hint, code=exc.code)
            )
            return None
        if self.memo is None:
            return self._read(path.as_posix(), slug, data, self.files)
        key = (
            path, slug, self.language, self.suffix, tuple(sorted(self.labels.items())),
            tuple(sorted(self.terms.items())),
        )  # fmt: skip
        known = self.memo.get(key, data, self.files)
        if known is not None:
            self.problems += known.problems
            return known.module
        before = len(self.problems)
        probe = Probe(self.files)
        module = self._read(path.as_posix(), slug, data, probe)
        self.memo.put(key, Remembered(data, probe, module, self.problems[before:]))
        return module

    def _read(self, rel: str, slug: str, data: bytes, files: Files) -> Module | None:
        text, problems = decode(data, rel)
        self.problems += problems
        if text is None:
            return None
        fm_text, body, offset = split_front_matter(text)
        if fm_text is None:
            message = "a module starts with front matter: '---', 'title: ...', '---'"
            hint = "the file's first line is '---', then 'title: ...' and other keys, then '---'"
            self.problems.append(error(rel, 1, message, hint=hint))
            return None
        notes: list[YamlWarning] = []
        try:
            fm = load_yaml(fm_text, first_line=2, warnings=notes)
        except YamlSyntaxError as exc:
            self.problems.append(exc.problem(rel))
            return None
        self.problems += [note.problem(rel) for note in notes]
        if not isinstance(fm, LineDict):
            message = f"front matter must be a mapping with 'title'{not_a_mapping(fm)}"
            self.problems.append(error(rel, 2, message, hint=mapping_hint(fm)))
            return None
        before = len(self.problems)
        title, objectives, duration = self._front_matter(fm, rel, slug)
        if not body.strip():
            hint = "write the module's text after the front matter's closing '---'"
            message = "the module has no content"
            self.problems.append(error(rel, offset + 1, message, hint=hint, code="empty"))
        source = SourceEnv(rel, self.language, self.suffix, files, self.problems.append, offset)
        html = clean(self.md.render(body, module_env(source, self.labels, self.terms)))
        lines = fm["objectives"].lines if isinstance(fm.get("objectives"), LineList) else []
        objectives_html = tuple(
            clean(render_inline(self.md, text, self.labels, source.text_at(rel, line, "yaml")))
            for text, line in zip(objectives, lines, strict=False)
        )
        found = source.found
        anchors = {h.anchor for h in found.headings} | set(page_ids(html))
        return Module(
            id="m" + re.sub(r"[^A-Za-z0-9_.-]", "-", slug),
            slug=slug,
            title=title,
            html=html,
            source=rel,
            objectives=objectives_html,
            duration=duration,
            headings=tuple(found.headings),
            quizzes=tuple(found.quizzes),
            anchor=found.title_anchor,
            figures=tuple(found.figures),
            media=tuple(found.media),
            images=tuple(sorted(found.images, key=lambda i: i.at.line or 0)),
            links=tuple(found.links),
            web_links=tuple(found.web_links),
            uses=tuple(found.uses),
            anchors=frozenset(anchors | ({found.title_anchor} - {""})),
            blocks=tuple(found.blocks),
            terms=frozenset(found.terms),
            # Warnings (e.g. from checks on raw HTML) do not make a module unusable; errors do.
            complete=not any(p.level == "error" for p in self.problems[before:]),
        )

    def _front_matter(self, fm: LineDict, rel: str, slug: str) -> tuple[str, list[str], str | None]:
        """The title, objectives and duration, each checked."""
        for word in text_words(fm):
            self.problems.append(error(rel, word.line, word.message, hint=word.hint))
        fm, unknown = check_keys(fm, FRONT_MATTER_KEYS, required=("title",))
        for bad in unknown:
            message = f"unknown front matter key '{bad.key}'"
            hint = bad.hint
            if bad.meant is None and bad.key in declared(CourseConfig):
                hint = f"'{bad.key}' is set for the whole course: it goes in course.yml"
            self.problems.append(error(rel, bad.line, message, hint=hint))
        title = fm.get("title")
        if not isinstance(title, str) or not title.strip():
            message = "front matter needs a 'title' text"
            hint = "e.g. 'title: Why share?', the module's name in the menu and on its page"
            self.problems.append(error(rel, fm.line_of("title"), message, hint=hint))
            title = slug
        elif len(title) > TITLE_CHARS:
            self.problems.append(
                error(
                    rel,
                    fm.line_of("title"),
                    f"the title is {len(title)} characters long, more than the limit of "
                    f"{TITLE_CHARS} (the manifest's)",
                    hint="shorten it; the page's first heading can say more",
                    code="limit",
                )
            )
        objectives = fm.get("objectives", [])
        if not isinstance(objectives, list) or not all(
            isinstance(o, str) and len(o) <= TEXT_CHARS for o in objectives
        ):
            self.problems.append(
                error(
                    rel,
                    fm.line_of("objectives"),
                    "'objectives' must be a list of texts",
                    hint=f"at most {TEXT_CHARS} characters each",
                )
            )
            objectives = []
        duration = fm.get("duration")
        if duration is not None and (
            not isinstance(duration, str | int) or len(str(duration)) > DURATION_CHARS
        ):
            self.problems.append(
                error(
                    rel,
                    fm.line_of("duration"),
                    f"'duration' must be text of {DURATION_CHARS} characters at most",
                    hint="e.g. 'duration: 15 min' or 'duration: 1 h 30 min'",
                )
            )
            duration = None
        return title.strip(), objectives, None if duration is None else str(duration)


__all__ = ["ModuleReader"]
