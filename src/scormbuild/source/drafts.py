"""Checks for what a course draft (often one imported from a document) still needs.

Tables too wide for a phone, empty sections, images too large to download on every visit,
and the ``<!-- todo: ... -->`` notes that ``scormbuild import`` leaves where it had to drop
or change something. Warnings: they do not stop a build (``--strict`` makes them errors).

Most modules have none of these; the rendered HTML says which ones might, and only those
are parsed again for line numbers.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from scormbuild.errors import Problem, warning
from scormbuild.source.load import LoadedCourse
from scormbuild.source.markdown import make_markdown
from scormbuild.source.modules import ModuleSource
from scormbuild.source.text import decode, split_front_matter

TODO_RE = re.compile(r"^<!-- todo: (.*?) -->$")
LARGE_IMAGE = 1024 * 1024  # bytes
PHONE_COLUMNS = 4  # more columns than this do not fit a 360 px wide screen
PHONE_CHARS = 44  # nor do columns whose longest words add up to more characters
_MAYBE_EMPTY_RE = re.compile(r"<h([1-6])\b[^>]*>.*?</h\1>\s*(?:<h([1-6])\b|$)", re.DOTALL)


def todo_marker(message: str) -> str:
    """The note ``import`` leaves in a module: one line, reported by :func:`draft_problems`."""
    text = " ".join(message.replace("--", "–").split())
    return f"<!-- todo: {text} -->"


def draft_problems(loaded: LoadedCourse) -> list[Problem]:
    """Warnings for every module of every language of ``loaded``."""
    problems: list[Problem] = []
    for course in loaded.courses:
        sizes = {a.path: a.size for a in course.assets}
        parsers: dict[str, MarkdownIt] = {}
        for src in loaded.sources.get(course.language, []):
            problems += _large_images(src, sizes)
            if _worth_parsing(src.module.html):
                md = parsers.setdefault(course.language, make_markdown(course.language))
                problems += _module_problems(course.root, src, md)
    return problems


def _worth_parsing(html: str) -> bool:
    if not html.strip() or "<table" in html or "<!-- todo:" in html:
        return True
    return any(
        not m.group(2) or int(m.group(2)) <= int(m.group(1)) for m in _MAYBE_EMPTY_RE.finditer(html)
    )


def _large_images(src: ModuleSource, sizes: dict[str, int]) -> list[Problem]:
    base = posixpath.dirname(src.module.source)
    out = []
    for line, url, _alt in src.images:
        path = posixpath.normpath(posixpath.join(base, url.split("#")[0]))
        size = sizes.get(path, 0)
        if size > LARGE_IMAGE:
            out.append(
                warning(
                    src.module.source,
                    line,
                    f"image '{path}' is {size / 1048576:.1f} MB: learners download it "
                    "on every visit, on a phone too",
                    hint="save it smaller, e.g. 1600 pixels wide as JPEG or WebP",
                    code="large-image",
                )
            )
    return out


def _module_problems(root: Path, src: ModuleSource, md: MarkdownIt) -> list[Problem]:
    rel = src.module.source
    try:
        text, _ = decode((root / rel).read_bytes(), rel)
    except OSError:
        return []
    if text is None:
        return []
    _fm, body, offset = split_front_matter(text)
    tokens = md.parse(body, {})
    if tokens and tokens[0].type == "heading_open" and tokens[0].tag == "h1":
        title_line = _line(tokens[0], offset)
        tokens = tokens[3:]
    else:
        title_line = offset + 1
    problems: list[Problem] = []
    for token in tokens:
        match = TODO_RE.match(token.content.strip()) if token.type == "html_block" else None
        if match:
            problems.append(
                warning(
                    rel,
                    _line(token, offset),
                    f"to-do: {match.group(1)}",
                    hint="when it is done, delete the '<!-- todo: ... -->' line",
                    code="todo",
                )
            )
    problems += _wide_tables(rel, tokens, offset)
    problems += _empty_sections(rel, tokens, offset, title_line)
    return problems


def _line(token: Token, offset: int) -> int | None:
    return token.map[0] + 1 + offset if token.map else None


def _is_content(token: Token) -> bool:
    if token.type == "html_block":
        return not token.content.strip().startswith("<!--")
    return token.level == 0 and not token.type.startswith("heading")


def _empty_sections(
    rel: str, tokens: list[Token], offset: int, title_line: int | None
) -> list[Problem]:
    """Headings with nothing under them, not even a subsection; a module with no content."""
    problems: list[Problem] = []
    hint = "write the section, or delete its heading"
    if not any(_is_content(t) or t.type == "heading_open" for t in tokens):
        return [warning(rel, title_line, "empty section: the module has only its title", hint=hint,
                        code="empty-section")]  # fmt: skip
    headings = [i for i, t in enumerate(tokens) if t.type == "heading_open"]
    for n, i in enumerate(headings):
        level = int(tokens[i].tag[1])
        end = next((j for j in headings[n + 1 :] if int(tokens[j].tag[1]) <= level), len(tokens))
        has_sub = any(j < end for j in headings[n + 1 :])
        if has_sub or any(_is_content(t) for t in tokens[i + 3 : end]):
            continue
        problems.append(
            warning(
                rel,
                _line(tokens[i], offset),
                f"empty section '{tokens[i + 1].content}'",
                hint=hint,
                code="empty-section",
            )
        )
    return problems


def _wide_tables(rel: str, tokens: list[Token], offset: int) -> list[Problem]:
    problems: list[Problem] = []
    start: int | None = None
    for i, token in enumerate(tokens):
        if token.type == "table_open":
            start = i
        elif token.type == "table_close" and start is not None:
            columns = _columns(tokens[start:i])
            longest = sum(max((len(w) for c in col for w in c.split()), default=0)
                          for col in columns)  # fmt: skip
            if len(columns) > PHONE_COLUMNS or longest + 2 * len(columns) > PHONE_CHARS:
                problems.append(
                    warning(
                        rel,
                        _line(tokens[start], offset),
                        f"a table of {len(columns)} columns is too wide for a phone: "
                        "learners have to scroll it sideways",
                        hint="split it, turn it into a list, or leave out columns",
                        code="wide-table",
                    )
                )
            start = None
    return problems


def _columns(tokens: list[Token]) -> list[list[str]]:
    """The text of each column's cells."""
    columns: list[list[str]] = []
    col = 0
    for i, token in enumerate(tokens):
        if token.type == "tr_open":
            col = 0
        elif token.type in ("th_open", "td_open"):
            if col == len(columns):
                columns.append([])
            inline = tokens[i + 1]
            columns[col].append(inline.content if inline.type == "inline" else "")
            col += 1
    return columns
