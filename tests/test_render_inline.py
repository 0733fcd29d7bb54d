"""render_inline's shortcuts give exactly what rendering the whole text gives."""

from __future__ import annotations

import random

import pytest

from scormbuild.source.markdown import labels_for, make_markdown, render_inline

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
