"""Short Markdown texts (quiz prompts, choices, feedback, captions) without a paragraph.

A course has thousands of them, most of them plain words: :func:`render_inline` takes the
cheapest path that gives the same HTML as a full render (``tests/test_render_inline.py``
compares them on thousands of random texts).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

from scormbuild.source.markdown.env import SourceEnv
from scormbuild.source.text import refused_or_bidi

# A single line that starts with a letter is always one paragraph: no block rule (list,
# heading, table, fence, quote, container, attributes, footnote or reference definition) can
# start with a letter or span one line. Without any of these characters it is also plain
# text, which renders as itself, escaped. Quiz texts are thousands of such short strings.
_ONE_PARAGRAPH_RE = re.compile(r"[^\W\d_][^\n\r\x00]*")
_INLINE_SYNTAX_RE = re.compile(r"[\\`*_~\[\]<>&{}^\t]")


# What a text taken as it is leaves out: C0 and C1 controls (tabs and line breaks among them),
# Markdown's inline syntax, what HTML escapes (& < > "), the characters a page cannot hold
# (surrogates, noncharacters; every character past the first plane, to keep it short) and the
# bidirectional controls the controls plugin reports.
_SPECIAL = (
    "\x00-\x1f\x7f-\x9f"
    r'\\`*_~\[\]<>&{}^"'
    "\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\U00010000-\U0010ffff\u202a-\u202e\u2066-\u2069"
)
_AS_IT_IS_RE = re.compile(f"[^\\W\\d_](?:[^{_SPECIAL}]*[^\\s{_SPECIAL}])?")


def as_it_is(text: str) -> bool:
    """Whether ``text`` is its own HTML, sanitized too: one line that starts with a letter,
    ends without a space and holds none of :data:`_SPECIAL`. Most quiz choices, feedback and
    hints are such sentences; tests/test_render_inline.py compares with markdown-it-py."""
    return _AS_IT_IS_RE.fullmatch(text) is not None


# A word wrapped whole in *, ** or `: between spaces, with nothing but sentence punctuation
# after it, CommonMark always makes it emphasis, strong emphasis or a code span.
_WORD = r"(\*\*|\*|`)([^\W_]+)\1"
_WRAPPED_RE = re.compile(_WORD + r"([.,;:!?]*)")
_WRAP_TAGS = {"*": "em", "**": "strong", "`": "code"}

# A sentence taken as it is (:func:`as_it_is`) but for such words among it: each after a space,
# with nothing but sentence punctuation after it before the next space or the end.
_MARK = f"(?<= ){_WORD}"
# No-break spaces too: beside the tags, the sanitizer writes them as '&nbsp;'.
_PLAIN = f"[^{_SPECIAL}\xa0]*"
_MARKED_RE = re.compile(f"[^\\W\\d_]{_PLAIN}(?:{_MARK}(?=[.,;:!?]*(?: |\\Z)){_PLAIN})*(?<!\\s)")
_MARK_RE = re.compile(_MARK)


def _wrapped(match: re.Match[str]) -> str:
    """The HTML of a wrapped word matched by :data:`_WORD` (its groups 1 and 2)."""
    tag = _WRAP_TAGS[match.group(1)]
    return f"<{tag}>{match.group(2)}</{tag}>"


def marked_words(text: str) -> str | None:
    """The HTML of ``text``, sanitized too, when it would be taken as it is (:func:`as_it_is`)
    but for words wrapped whole in ``*``, ``**`` or `````: emphasis, strong emphasis and code
    spans, as CommonMark always makes them between spaces. None for any other text
    (tests/test_render_inline.py compares with markdown-it-py and the sanitizer)."""
    if _MARKED_RE.fullmatch(text) is None:
        return None
    return _MARK_RE.sub(_wrapped, text)


def _simple_markup(text: str) -> str | None:
    """The HTML of a one-line text whose only markup is whole words wrapped in *, ** or `.

    None for anything else. ``text`` starts with a letter, so the first word is plain.
    """
    out = []
    for word in text.split(" "):
        if not _INLINE_SYNTAX_RE.search(word):
            out.append(escapeHtml(word))
            continue
        match = _WRAPPED_RE.fullmatch(word)
        if match is None:
            return None
        out.append(_wrapped(match) + match.group(3))
    return " ".join(out)


def _one_paragraph(md: MarkdownIt, text: str, env: dict[str, Any]) -> str | None:
    """``md.render(text).strip()`` for a one-paragraph text, skipping the block parser."""
    tokens = md.parseInline(text, env)
    if len(tokens) != 1:
        return None
    return f"<p>{md.renderer.render(tokens, md.options, env)}</p>"


def without_plugins(text: str) -> str | None:
    """The HTML :func:`render_inline` gives a one-line text that is plain words, or words
    wrapped whole in ``*``, ``**`` or `````: no plugin acts on such a text, so callers need
    not set up a :class:`SourceEnv` for it. None for any other text."""
    if text != text.strip() or not _ONE_PARAGRAPH_RE.fullmatch(text):
        return None
    if refused_or_bidi(text):
        return None  # the controls plugin reports them
    if not _INLINE_SYNTAX_RE.search(text):
        return escapeHtml(text)
    return _simple_markup(text)


def render_inline(
    md: MarkdownIt,
    text: str,
    labels: Mapping[str, str] | None = None,
    source: SourceEnv | None = None,
    terms: Mapping[str, str] | None = None,
) -> str:
    """Render a short Markdown text (a prompt, a choice) without a wrapping paragraph.

    ``labels`` are the page's (see :mod:`.env`). With ``source`` (:meth:`SourceEnv.text_at`),
    the plugins check the text's links, images and raw HTML as they check a module's; without
    it, no plugin that needs the course's files acts on it. ``terms``: the glossary's words
    (see :func:`.env.module_env`), for a text that may mark them. The HTML is not yet sanitized.
    """
    html = without_plugins(text)
    if html is not None:
        return html
    env: dict[str, Any] = {} if labels is None else {"labels": labels}
    if source is not None:
        env["source"] = source
    if terms is not None:
        env["terms"] = terms
    if text == text.strip() and _ONE_PARAGRAPH_RE.fullmatch(text) and "^" not in text:
        html = _one_paragraph(md, text, env)
    if html is None:
        html = str(md.render(text, env)).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return html
