"""What a course draft (often one imported from a document) still needs: warnings.

Tables too wide for a phone, empty sections, and the ``<!-- todo: ... -->`` notes that
``scormbuild import`` leaves where it had to drop or change something. They do not stop a
build (``--strict`` makes them errors). Images too large to download on every visit are
checked with the assets' sizes (:mod:`scormbuild.source.checks`).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from scormbuild.source.markdown.env import SourceEnv, source_of

TODO_RE = re.compile(r"^<!-- todo: (.*?) -->$")
PHONE_COLUMNS = 4  # more columns than this do not fit a 360 px wide screen
PHONE_CHARS = 44  # nor do columns whose longest words add up to more characters
EMPTY_HINT = "write the section, or delete its heading"


def todo_marker(message: str) -> str:
    """The note ``import`` leaves in a module: one line, reported as a to-do."""
    text = " ".join(message.replace("--", "–").split())
    return f"<!-- todo: {text} -->"


def _drafts(state: StateCore) -> None:
    source = source_of(state.env)
    if source is None or source.fragment or source.found.cut:
        return  # a text cut short by a limit has its error: its gaps are no draft's
    tokens = state.tokens
    for token in tokens:
        match = TODO_RE.match(token.content.strip()) if token.type == "html_block" else None
        if match:
            source.warning(
                source.line(token),
                f"to-do: {match.group(1)}",
                hint="when it is done, delete the '<!-- todo: ... -->' line",
                code="todo",
            )
    _wide_tables(source, tokens)
    _empty_sections(source, tokens)


def _is_content(token: Token) -> bool:
    if token.type == "html_block":
        return not token.content.strip().startswith("<!--")
    return token.level == 0 and not token.type.startswith("heading")


def _empty_sections(source: SourceEnv, tokens: list[Token]) -> None:
    """Headings with nothing under them, not even a subsection; a module with no content."""
    if not any(_is_content(t) or t.type == "heading_open" for t in tokens):
        title = source.found.title_line or source.offset + 1
        message = "empty section: the module has only its title"
        source.warning(title, message, hint=EMPTY_HINT, code="empty-section")
        return
    headings = [i for i, t in enumerate(tokens) if t.type == "heading_open"]
    for n, i in enumerate(headings):
        level = int(tokens[i].tag[1])
        end = next((j for j in headings[n + 1 :] if int(tokens[j].tag[1]) <= level), len(tokens))
        has_sub = any(j < end for j in headings[n + 1 :])
        if has_sub or any(_is_content(t) for t in tokens[i + 3 : end]):
            continue
        message = f"empty section '{tokens[i + 1].content}'"
        source.warning(source.line(tokens[i]), message, hint=EMPTY_HINT, code="empty-section")


def _wide_tables(source: SourceEnv, tokens: list[Token]) -> None:
    start: int | None = None
    for i, token in enumerate(tokens):
        if token.type == "table_open":
            start = i
        elif token.type == "table_close" and start is not None:
            columns = _columns(tokens[start:i])
            # The cells' words joined by a space: each column's words, split once.
            longest = sum(max(map(len, " ".join(col).split()), default=0) for col in columns)
            if len(columns) > PHONE_COLUMNS or longest + 2 * len(columns) > PHONE_CHARS:
                source.warning(
                    source.line(tokens[start]),
                    f"a table of {len(columns)} columns is too wide for a phone: "
                    "learners have to scroll it sideways",
                    hint="split it, turn it into a list, or leave out columns",
                    code="wide-table",
                )
            start = None


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


def drafts_plugin(md: MarkdownIt) -> None:
    """Warn about what a draft still needs (after :mod:`.headings` has dropped the title)."""
    md.core.ruler.push("sb_drafts", _drafts)
