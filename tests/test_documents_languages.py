"""The statement counts lang attributes as the regular expression ``\\slang=...`` finds them."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from scormbuild.documents.statement import _languages

LANG_ATTR = re.compile(r"""\slang=["']?([A-Za-z-]+)""")

pieces = st.sampled_from(
    [
        "lang=",
        " lang=",
        "\nlang=",
        "\x1flang=",
        "\u2003lang=",
        '"',
        "'",
        "sv",
        "-",
        "x",
        " ",
        "<",
        "=",
    ]
)


@given(st.one_of(st.text(), st.lists(pieces).map("".join)))
def test_languages_are_the_regular_expressions_matches(html: str) -> None:
    assert _languages(html) == LANG_ATTR.findall(html)
