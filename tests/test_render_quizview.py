"""The quiz views' shortcuts for plain words give what the general path gives."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from scormbuild.render.quizview import phrasing, text_of

_BLOCK = re.compile(r"<(?:ul|ol|table|div|pre|figure|blockquote|h[1-6]|hr|video|audio)\b", re.I)


def phrasing_in_general(html: str) -> Markup | None:
    if _BLOCK.search(html):
        return None
    html = re.sub(r"<p\b[^>]*>", '<span class="sb-p">', html.strip())
    return Markup(html.replace("</p>", "</span>"))


fragments = st.one_of(
    st.text(),
    st.text(alphabet=st.sampled_from(["a", " ", "\n", "\t", "\x1f", "\xa0", "&", "<", ">", "p"])),
    st.lists(st.sampled_from(["<p>", "</p>", "<em>", "word", " ", "&amp;", "<ul>", "\u2003"])).map(
        "".join
    ),
)


@given(fragments)
def test_phrasing_is_the_general_one(html: str) -> None:
    made, expected = phrasing(html), phrasing_in_general(html)
    assert made == expected
    assert type(made) is type(expected)


@given(fragments)
def test_text_of_is_markupsafe_striptags(html: str) -> None:
    made, expected = text_of(html), Markup(html).striptags()
    assert made == expected
    assert type(made) is type(expected)
