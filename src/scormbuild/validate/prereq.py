"""A light check of ``adlcp:prerequisites`` (AICC script): tokens, brackets, item names.

The script combines item identifiers with ``&`` ``|`` ``~``, parentheses, ``N*{a,b,c}`` sets
and ``item = status`` / ``item <> status`` comparisons.
"""

from __future__ import annotations

import re
from collections.abc import Collection

STATUSES = frozenset(
    {
        *("passed", "completed", "failed", "incomplete", "browsed", "not attempted"),
        *("p", "c", "f", "i", "b", "n"),  # the one-letter forms
    }
)
_TOKEN = re.compile(
    r'\s*(?:(?P<op><>|[&|~(){},=])|(?P<count>\d+\s*\*)|(?P<quoted>"[^"]*")'
    r"|(?P<word>[A-Za-z_][\w.\-]*))"
)
_PAIRS = {")": "(", "}": "{"}


def check_prerequisites(script: str, item_ids: Collection[str]) -> list[str]:
    """Problems with ``script``: unknown tokens, unbalanced brackets, unknown items."""
    problems: list[str] = []
    stack: list[str] = []
    pos = 0
    expect_status = False
    words: list[str] = []
    script = script.strip()
    while pos < len(script):
        m = _TOKEN.match(script, pos)
        if m is None or m.end() == pos:
            return [*problems, f"unexpected text at {script[pos:].strip()!r}"]
        pos = m.end()
        op, quoted, word = m.group("op"), m.group("quoted"), m.group("word")
        if expect_status:
            value = (quoted[1:-1] if quoted else word or "").lower()
            if value == "not" and script[pos:].lstrip().lower().startswith("attempted"):
                pos = script.lower().index("attempted", pos) + len("attempted")
                value = "not attempted"
            if value not in STATUSES:
                problems.append(f"{value or op!r} is not a lesson status")
            expect_status = False
        elif op in ("=", "<>"):
            expect_status = True
        elif op in ("(", "{"):
            stack.append(op)
        elif op in _PAIRS:
            if not stack or stack.pop() != _PAIRS[op]:
                problems.append(f"unbalanced {op!r}")
        elif word is not None:
            words.append(word)
        elif quoted is not None:
            problems.append(f"unexpected string {quoted}")
    if stack or expect_status:
        problems.append("unbalanced brackets" if stack else "comparison without a status")
    problems += [f"{w!r} names no item" for w in words if w not in item_ids]
    return problems
