"""The runtime's scripts are read with patterns that start with their words, the word boundary
before them checked behind: the same matches as the patterns themselves."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scormbuild import runtime

# The patterns as plainly written: \b first. Each of the runtime's must find what its finds.
USED = re.compile(r"\bC\.([A-Z][A-Z0-9_]*)\b")
REQUIRE = re.compile(r"""\brequire\(\s*["']\./([\w.-]+)["']\s*\)""")
WORDS = {USED: runtime.USED_RE, REQUIRE: runtime.REQUIRE_RE}
pieces = st.sampled_from(
    ["C.", "C.MAX", "C.A_1", "xC.", "_C.", "é", "require(", 'require("./a.js")', "'./b-c.js'",
     "(", ")", '"', " ", "\n", "a", "Z", "_", "9", ".", "-", "./", "ärequire(", "\u0660"]
)  # fmt: skip


@pytest.mark.parametrize("pattern", list(WORDS))
@given(text=st.one_of(st.text(), st.lists(pieces).map("".join)))
def test_found_is_findall(pattern: re.Pattern[str], text: str) -> None:
    assert WORDS[pattern].findall(text) == pattern.findall(text)


@pytest.mark.parametrize("name", runtime.scripts())
def test_found_is_findall_on_every_script(name: str) -> None:
    text = runtime.read(name)
    for pattern, words in WORDS.items():
        assert words.findall(text) == pattern.findall(text)
