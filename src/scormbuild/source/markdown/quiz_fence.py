"""Quizzes in a module: a fenced ``quiz`` block holds one inline, or names its file.

````
```quiz
file: ../quizzes/why-share.yml
```
````

``file:`` is relative to the module's file, as every path is. The older form, relative to the
course folder (``quizzes/why-share.yml``), is read too: a quiz file must be in ``quizzes/``,
and only one of the two readings can land there. In a language variant, ``file:`` keeps the
primary name and the variant of the same language is read (``quizzes/why-share.sv.yml``).
The quiz is read by :mod:`scormbuild.source.quizzes`; its markup comes from the theme's
``quiz.html``: the page holds a placeholder.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from scormbuild.errors import Problem
from scormbuild.limits import QUIZ_FILE_BYTES, QUIZZES_PER_MODULE
from scormbuild.model import Quiz, quiz_placeholder
from scormbuild.source.markdown.env import SourceEnv, source_of
from scormbuild.source.markdown.inline import (
    as_it_is,
    marked_words,
    render_inline,
    without_plugins,
)
from scormbuild.source.markdown.sanitize import clean
from scormbuild.source.paths import PathProblem, in_folder, require_file
from scormbuild.source.quizzes import QuizReader
from scormbuild.source.text import decode
from scormbuild.source.yamlbidi import YamlWarning
from scormbuild.source.yamlsrc import LineDict, YamlSyntaxError, load_yaml


def _quiz(state: StateCore, source: SourceEnv, token: Token) -> Quiz | None:
    first_line = (source.line(token) or 1) + 1
    notes: list[YamlWarning] = []
    try:
        data = load_yaml(token.content, first_line=first_line, warnings=notes)
    except YamlSyntaxError as exc:
        source.report(exc.problem(source.path))
        return None
    _report(source, [note.problem(source.path) for note in notes])
    path, line = source.path, first_line
    if isinstance(data, LineDict) and set(data) == {"file"}:
        found = _quiz_file(source, str(data["file"]), data.line_of("file"))
        if found is None:
            return None
        path, text = found
        notes = []
        try:
            data = load_yaml(text, warnings=notes)
        except YamlSyntaxError as exc:
            source.report(exc.problem(path))
            return None
        _report(source, [note.problem(path) for note in notes])
        line = 1
    labels = state.env.get("labels")

    def render(text: str, line: int | None) -> str:
        # Most quiz texts are plain words: they need no env of their own (13,000 in a course).
        if as_it_is(text):
            return text
        html = marked_words(text)  # words in *, ** or `: sanitized already
        if html is not None:
            return html
        html = without_plugins(text)
        if html is None:
            html = render_inline(state.md, text, labels, source.text_at(path, line, "yaml"))
        return clean(html)

    reader = QuizReader(path, render)
    quiz = reader.read_quiz(data, line)
    _report(source, reader.problems)
    return quiz


def _quiz_file(source: SourceEnv, target: str, line: int) -> tuple[str, str] | None:
    """The course-relative path and text of the quiz file ``target`` names."""
    stem, dot, ext = target.rpartition(".")
    if source.suffix and dot:
        target = f"{stem}.{source.suffix}.{ext}"
    try:
        path = _quiz_path(source, target)
        data = source.files.read_bytes(path, QUIZ_FILE_BYTES)
    except PathProblem as exc:
        if exc.code == "missing":
            exc.message = exc.message.replace("missing file", "missing quiz file", 1)
        source.path_error(line, exc)
        return None
    text, problems = decode(data, path)
    _report(source, problems)
    return None if text is None else (path, text)


def _quiz_path(source: SourceEnv, target: str) -> str:
    """The quiz file ``target`` names: relative to the module, else to the course folder."""
    files, folder = source.files, source.folder
    older = posixpath.normpath(target).startswith("quizzes/")
    if older and not in_folder(files.resolve(target, folder), "quizzes"):
        # Relative to the module it is not in quizzes/, relative to the course folder it is:
        # asked as one file, the first reading's error would search for the file it meant.
        return require_file(files, target, "", under="quizzes")
    try:
        return require_file(files, target, folder, under="quizzes")
    except PathProblem as exc:
        if exc.code != "place" or not older:
            raise
    return require_file(files, target, "", under="quizzes")


def _report(source: SourceEnv, problems: list[Problem]) -> None:
    for problem in problems:
        source.report(problem)


def _quizzes(state: StateCore) -> None:
    source = source_of(state.env)
    if source is None or source.fragment:
        return
    fences = [t for t in state.tokens if t.type == "fence" and t.info.strip() == "quiz"]
    if len(fences) > QUIZZES_PER_MODULE:
        message = f"{len(fences)} quizzes, more than the limit of {QUIZZES_PER_MODULE} in a module"
        hint = "split the module, or draw questions from one quiz with 'pool'"
        source.error(source.line(fences[QUIZZES_PER_MODULE]), message, hint=hint, code="limit")
        return
    for token in state.tokens:
        if token.type == "fence" and token.info.strip() == "quiz":
            quiz = _quiz(state, source, token)
            token.type, token.meta["id"] = "quiz", quiz.id if quiz else None
            if quiz:
                source.found.quizzes.append(quiz)


def _render(self: Any, tokens: Sequence[Token], idx: int, _options: Any, _env: Any) -> str:
    quiz_id = tokens[idx].meta["id"]
    return quiz_placeholder(quiz_id) + "\n" if quiz_id else ""


def quiz_fence_plugin(md: MarkdownIt) -> None:
    """Read the quizzes of a module and leave their placeholders."""
    md.core.ruler.push("sb_quizzes", _quizzes)
    md.add_render_rule("quiz", _render)
