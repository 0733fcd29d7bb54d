"""render_inline's shortcuts give exactly what rendering the whole text gives."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scormbuild.source.markdown import labels_for, make_markdown, render_inline
from scormbuild.source.markdown.inline import as_it_is, marked_words
from scormbuild.source.markdown.sanitize import clean

LABELS = labels_for("fi")

PIECES = [
    *"abcXYZäö 1.-+*_`~[]()<>&{}^!:|#\\\"'=\t\n\u00a0/",
    *("  ", "**", "](x.md)", "{lang=sv}", "&amp;", "<b>", "^[x]", "[^1]", "http://x.y"),
    *("1. ", "# ", "> ", "::: note", "---"),
]


def full_render(text: str) -> str:
    html = str(make_markdown().render(text, {"labels": LABELS})).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return html


@pytest.mark.parametrize("seed", range(4))
def test_shortcuts_match_full_render(seed: int) -> None:
    md = make_markdown()
    rng = random.Random(seed)
    for _ in range(2000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randrange(1, 12)))
        if rng.random() < 0.5:
            text = rng.choice("aÅ") + text
        assert render_inline(md, text, LABELS) == full_render(text), text


WORDS = [
    *("word", "Ää", "x1", "*w*", "**w**", "`w`", "**w**.", "*w*?", "***w***", "*w", "w*"),
    *("**w*", "*w**", "`w", "_w_", "(*w*)", "*w*x", "x*w*", "**", "*", "`", "``w``", "* w*"),
    *("*w *", "**w**:", "*w*!?", "w.", '"q"', "&", "<i>", "~~w~~", "*w*{.c}", "[l](u)", "\\*"),
    *("ö*ö*", "*1*", "**_w_**", "`*w*`", "*`w`*", "", "*ä*,", "*w*.*v*"),
]


@pytest.mark.parametrize("seed", range(4))
def test_word_markup_matches_full_render(seed: int) -> None:
    md = make_markdown()
    rng = random.Random(seed)
    for _ in range(3000):
        text = "Start " + " ".join(rng.choice(WORDS) for _ in range(rng.randrange(1, 7)))
        assert render_inline(md, text, LABELS) == full_render(text), text


@pytest.mark.parametrize(
    "text",
    ["Oikein!", "Mikä on **pää**tarkoitus?", "Kyllä: 2030", "a <b>x</b>", "Katso [tästä](x.md)"],
)
def test_typical_texts(text: str) -> None:
    assert render_inline(make_markdown(), text, LABELS) == full_render(text)


# Letters, digits, spaces of every kind, punctuation, what Markdown and HTML treat specially,
# controls, bidirectional controls, noncharacters and characters past the first plane.
SENTENCE_CHARACTERS = st.one_of(
    st.sampled_from([*"abcÅäöXYZ ,.;:!?()-'/1é", "\u00a0", "\u2028", "\u3000", "\u0085"]),
    st.sampled_from([*'*_`~[]<>&{}^#=|\\"\t\n\r\x00\x01\x7f\u202e\u2066\ufdd0\uffff']),
    st.characters(max_codepoint=0x10FFFF),
)


@settings(max_examples=3000, deadline=None)
@given(st.text(SENTENCE_CHARACTERS, min_size=1, max_size=40))
def test_a_text_taken_as_it_is_is_what_markdown_it_and_the_sanitizer_make_of_it(
    text: str,
) -> None:
    if as_it_is(text):
        assert clean(full_render(text)) == text
        assert clean(render_inline(make_markdown(), text, LABELS)) == text


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Oikein, hyvin meni!", True),
        ("Vastaus on 42 (noin).", True),
        ("Ääkköset ja no\u2011break", True),
        ("Mikä on **pää**tarkoitus?", False),
        ("Katso [tästä](x.md)", False),
        ("2030 alkaen", False),  # not a letter first: could be a list item
        ("Lopussa väli ", False),
        ('Lainaus "näin"', False),
        ("Yksi\nkaksi", False),
        ("Suunta \u202evaihtuu", False),
    ],
)
def test_which_texts_are_taken_as_they_are(text: str, kept: bool) -> None:
    assert as_it_is(text) is kept


# Sentences of words, many wrapped in *, ** or `, some badly, some with any characters.
LETTERS = st.text(st.sampled_from([*"abÅö1é²", "\u0301"]), min_size=1, max_size=4)
MARKED_WORD = st.builds(
    lambda mark, word, after: mark + word + mark + after,
    st.sampled_from(["*", "**", "`"]),
    st.one_of(LETTERS, st.text(SENTENCE_CHARACTERS, min_size=1, max_size=3)),
    st.sampled_from(["", "", ".", ",", "!?", ":", ")", "'", "-", "*"]),
)
MARKED_SENTENCES = st.lists(
    st.one_of(
        MARKED_WORD,
        MARKED_WORD,
        LETTERS,
        st.sampled_from(WORDS),
        st.text(SENTENCE_CHARACTERS, max_size=3),
    ),
    max_size=8,
).map(lambda words: " ".join(["Alku", *words]))


@settings(max_examples=3000, deadline=None)
@given(st.one_of(MARKED_SENTENCES, st.text(SENTENCE_CHARACTERS, min_size=1, max_size=40)))
def test_marked_words_are_what_markdown_it_and_the_sanitizer_make_of_them(text: str) -> None:
    html = marked_words(text)
    if html is not None:
        assert html == clean(full_render(text))
        assert html == clean(render_inline(make_markdown(), text, LABELS))


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("Mikä on **pää** tarkoitus?", "Mikä on <strong>pää</strong> tarkoitus?"),
        ("Valitse *yksi*, älä `kahta`.", "Valitse <em>yksi</em>, älä <code>kahta</code>."),
        ("Vastaus on *42*!?", "Vastaus on <em>42</em>!?"),
        ("Ilman merkintää", "Ilman merkintää"),
        ("Mikä on **pää**tarkoitus?", None),  # not a whole word: the full path decides
        ("Kolme ***tähteä***", None),
        ("Väärin **pari*", None),
        ("Alaviiva _ei_", None),
        ("Lopussa väli *x* ", None),
        ('Lainaus *"näin"*', None),
        ("Rivi *x*\ntoinen", None),
        ("*Alussa* merkki", None),  # not a letter first
        ("Väli\u00a0*x*", None),  # only after a space
        ("Alku \u00a0 *1*", None),  # the sanitizer writes '&nbsp;' beside the tags
    ],
)
def test_which_marked_words_are_taken(text: str, html: str | None) -> None:
    assert marked_words(text) == html
    if html is not None:
        assert html == clean(full_render(text))
