"""The ``:::`` containers of interactive blocks and their items, nested as authors write them.

```
::: tabs
::: tab Start, stop, continue
Text of the first tab.
:::
::: tab 4L
Text of the second tab.
:::
:::
```

mdit-py-plugins' container closes at the first ``:::`` line, so a block holding items would
need more colons outside than inside (``::::``). This rule counts instead: every ``:::`` line
with a name opens, every bare ``:::`` line closes, fenced code is skipped. So both ways of
writing work. Callouts and language blocks keep their own rules, which run first.

The rule makes ``sb_container_open``/``sb_container_close`` tokens whose ``meta`` holds the
``name``, its ``params`` and whether it was ``closed``. A name no rule knows becomes such a
container too, for :mod:`.reader` to report (``::: acordion``: did you mean accordion?).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

OPEN_RE = re.compile(r"^(:{3,})[ \t]*([A-Za-z][\w-]*)(.*)$")
CLOSE_RE = re.compile(r"^:{3,}[ \t]*$")
FENCE_RE = re.compile(r"^(`{3,}|~{3,})")
# Names other rules own: a callout or language block that their rules did not take (``::: lang``
# with a bad code) is theirs to report, not an unknown block.
OTHER_RULES = frozenset({"lang"})


def _line(state: StateBlock, n: int) -> str:
    return state.src[state.bMarks[n] + state.tShift[n] : state.eMarks[n]]


def _end(state: StateBlock, start: int, end: int) -> tuple[int, bool]:
    """The line that closes the container opened on ``start``, and whether there is one."""
    depth, fence = 1, ""
    n = start
    while True:
        n += 1
        if n >= end:
            return n, False
        text = _line(state, n)
        if text and state.sCount[n] < state.blkIndent:
            return n, False  # a line indented less than the container ends it (as in lists)
        if state.is_code_block(n):
            continue
        match = FENCE_RE.match(text)
        if fence:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = "" if not text[len(match.group(1)) :].strip() else fence
            continue
        if match:
            fence = match.group(1)
        elif CLOSE_RE.match(text):
            depth -= 1
            if depth == 0:
                return n, True
        elif OPEN_RE.match(text):
            depth += 1


def _container(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    at = state.bMarks[start] + state.tShift[start]
    # Tried at the start of every block: most start with no ':::' (OPEN_RE's first three).
    if state.src[at : at + 3] != ":::" or state.is_code_block(start):
        return False
    match = OPEN_RE.match(_line(state, start))
    if match is None or match.group(2) in OTHER_RULES:
        return False
    if silent:
        return True
    close, closed = _end(state, start, end)
    old_parent, old_max = state.parentType, state.lineMax
    state.parentType = "container"
    state.lineMax = close  # no lazy continuation past the closing line
    token = state.push("sb_container_open", "div", 1)
    token.markup, token.info, token.block = match.group(1), match.group(3).strip(), True
    token.map = [start, close]
    token.meta = {"name": match.group(2), "params": match.group(3).strip(), "closed": closed}
    state.md.block.tokenize(state, start + 1, close)
    token = state.push("sb_container_close", "div", -1)
    token.markup, token.block = match.group(1), True
    state.parentType, state.lineMax = old_parent, old_max
    state.line = close + (1 if closed else 0)
    return True


def container_rule(md: MarkdownIt) -> None:
    """Add the rule, after the callouts' (they take their own names first)."""
    md.block.ruler.before(
        "fence",
        "sb_container",
        _container,
        {"alt": ["paragraph", "reference", "blockquote", "list"]},
    )
