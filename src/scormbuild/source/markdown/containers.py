"""Every ``:::`` line does what its author meant: it opens a known block, or closes one.

markdown-it is forgiving where an author needs to be told:

- a callout (or language block) with no closing ``:::`` runs on to the end of the module, or
  of the block around it, and silently takes in everything after it;
- a ``::: name`` that no plugin knows, or whose parameters it refuses (``::: info``,
  ``::: lang english``), and a ``:::`` that closes nothing stay in the page as text.

This core rule reports both, at the line of the ``:::``. The names it knows are the
containers registered before it runs (callouts, languages).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from scormbuild.options import suggest
from scormbuild.source.markdown.env import SourceEnv, source_of

# A ':::' line as it stays in a paragraph: the colons, then a name and its parameters.
_COLONS_RE = re.compile(r"^(:{3,})\s*(\S*)\s*(.*)$")
# A closing line in the source, inside a block quote or a list item as well.
_CLOSER_RE = re.compile(r"^[\s>]*(:{3,})\s*$")
_OPEN_RE = re.compile(r"^container_(.+)_open$")


def _names(md: MarkdownIt) -> list[str]:
    """The names of the ``:::`` containers registered."""
    rules = md.block.ruler.get_all_rules()
    return [r.removeprefix("container_") for r in rules if r.startswith("container_")]


def _unclosed(state: StateCore, source: SourceEnv) -> None:
    """Report each container whose range does not end at a ':::' line of its own."""
    lines = state.src.split("\n")
    stack: list[Token] = []  # the containers open around the current token
    for token in state.tokens:
        if not token.type.startswith("container_"):  # most tokens: no pattern to try
            continue
        found = _OPEN_RE.match(token.type)
        if found and token.map:
            end = token.map[1]
            text = lines[end] if end < len(lines) else ""
            closer = _CLOSER_RE.match(text)
            parent = stack[0] if stack else None
            closed = closer is not None and len(closer[1]) >= len(token.markup)
            if closed and parent is not None and parent.map and parent.map[1] == end:
                closed = False  # that ':::' is the enclosing block's
            if not closed:
                _report(source, token, found[1], parent, end, len(lines))
            stack.append(token)
        elif token.type.endswith("_close") and stack:
            stack.pop()


def _report(
    source: SourceEnv, token: Token, name: str, parent: Token | None, end: int, total: int
) -> None:
    opened = f"'{token.markup} {token.info.strip()}'"
    if parent is not None and parent.map:
        outer = f"'{parent.markup} {parent.info.strip()}'"
        source.error(
            source.line(parent),
            f"{outer} here and {opened} on line {source.line(token)} are opened, but only "
            "one ':::' closes them",
            hint=f"end each with a line ':::' of its own; as it is, the {name} block is inside "
            "the other one (a block inside another opens and closes with fewer colons than "
            "the outer one: ':::: note', then '::::')",
            code="container",
        )
        return
    reach = "the end of the module" if end >= total - 1 else f"line {end + source.offset}"
    source.error(
        source.line(token),
        f"the {opened} opened here is never closed",
        hint=f"end it with a line ':::'; as it is, it takes in everything down to {reach}",
        code="container",
    )


def _stray(state: StateCore, source: SourceEnv, names: list[str]) -> None:
    """Report the ':::' lines left in paragraphs: unknown names, refused parameters, extras."""
    for token in state.tokens:
        if token.type != "inline" or not token.map or ":::" not in token.content:
            continue
        first = token.map[0] + 1 + source.offset
        opened = False
        for n, text in enumerate(token.content.split("\n")):
            found = _COLONS_RE.match(text.strip())
            if found is None:
                continue
            name, params = found[2], found[3]
            if name:
                opened = True
                message, hint = _unknown(name, params, names)
                source.error(first + n, message, hint=hint, code="container")
            elif not opened:
                source.error(
                    first + n,
                    "a ':::' that closes nothing: it would show on the page",
                    hint="remove it, or open a block above it with "
                    + ", ".join(f"'::: {k}'" for k in names if k != "lang"),
                    code="container",
                )


def _unknown(name: str, params: str, names: list[str]) -> tuple[str, str]:
    """The message and hint for a ``::: name params`` line that no container took."""
    if name == "lang":
        return (
            f"'{params}' is not a language code" if params else "'::: lang' needs a language",
            "write '::: lang' and a BCP 47 code such as 'sv', 'en' or 'en-GB'",
        )
    if name in names:
        return (f"'::: {name}' takes no '{params}'", f"write '::: {name}' alone on its line")
    kinds = ", ".join(f"'::: {k}'" for k in names if k != "lang")
    hint = suggest(name, names) or f"the callouts are {kinds}"
    return (f"unknown callout type '::: {name}': it would show on the page as text", hint)


def containers_plugin(md: MarkdownIt) -> None:
    """The check of every ':::' line (used after the plugins that register containers)."""

    def check(state: StateCore) -> None:
        source = source_of(state.env)
        if source is not None and ":::" in state.src:  # every container line has one
            _unclosed(state, source)
            _stray(state, source, _names(state.md))

    md.core.ruler.push("sb_containers", check)
