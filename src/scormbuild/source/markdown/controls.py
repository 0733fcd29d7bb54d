"""Characters a page must not get, and characters that make a text read other than it shows.

Refused, an error at the line and column: control characters (C0 but tab and line breaks,
DEL, C1), lone surrogates and noncharacters (U+FFFE, U+FFFF, U+FDD0..U+FDEF and the last
two of every plane). XML forbids most of them and HTML calls all of them parse errors; they
are invisible in an editor, and C1 ones are mostly quotation marks and dashes of a document
decoded with the wrong encoding. The same goes for a character reference (``&#1;``) that
stands for one, but in code (a code span or block): the HTML sanitizer would turn it into
the character, where code shows it as written (a course may teach HTML).

A warning: the bidirectional embedding, override and isolate controls (U+202A..U+202E,
U+2066..U+2069), which make the text after them display in another order than it is written
("Trojan Source"). The marks (U+200E, U+200F, U+061C) are fine.

At most :data:`REPORTED` of each are reported per text, then how many more there are.
:func:`scormbuild.source.markdown.sanitize.clean` removes refused characters from every HTML
it makes, whatever the text they came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from scormbuild.source.markdown.code import Span, code_spans, fence_spans, inside
from scormbuild.source.markdown.env import SourceEnv, source_of
from scormbuild.source.text import (
    BIDI_RE,
    REFUSED_RE,
    REPORTED,
    bidi_message,
    describe,
    refused_or_bidi,
)

REFERENCE_RE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")
_WRITTEN = "sb_written"  # the env key of the text as written, from one rule to the next
BIDI_HINT = (
    "delete it unless the passage needs it; mark a passage in another language with "
    "[text]{lang=xx} or '::: lang xx' instead"
)


def refused(char: str) -> bool:
    """Whether ``char`` is one a page must not get."""
    return REFUSED_RE.fullmatch(char) is not None


def _hint(char: str) -> str:
    if "\x80" <= char <= "\x9f":
        return (
            "this is most likely a quotation mark, dash or accent of a document converted with "
            "the wrong encoding: type the character again"
        )
    return "delete it: most editors do not show it (search for it by its code)"


def found(
    text: str, code: Sequence[Span] = (), written: bool = True
) -> Iterator[tuple[int, str, str, str]]:
    """(offset, what, the character, kind) of each character of ``text`` that is refused or a
    bidirectional control, written (unless not ``written``) or as a character reference
    outside the ``code`` spans (:func:`.code.code_spans`); kind 'refused' or 'bidi'."""
    for match in REFUSED_RE.finditer(text) if written else ():
        yield match.start(), "the character", match.group(0), "refused"
    for match in BIDI_RE.finditer(text) if written else ():
        yield match.start(), "the character", match.group(0), "bidi"
    for match in REFERENCE_RE.finditer(text):
        number = int(match.group(1), 16) if match.group(1) else int(match.group(2))
        if number > 0x10FFFF or inside(code, match.start()):
            continue
        char = chr(number)
        what = f"the character reference '{match.group(0)}' stands for"
        if refused(char):
            yield match.start(), what, char, "refused"
        elif BIDI_RE.fullmatch(char):
            yield match.start(), what, char, "bidi"


def _place(source: SourceEnv, text: str, at: int) -> tuple[int, int | None]:
    """The file's line and column of ``text[at]`` (no column in a short text of a YAML file:
    its columns are not the file's)."""
    line = text.count("\n", 0, at)
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return source.offset + line + 1, None if source.fragment else column


def _keep(state: StateCore) -> None:
    """Keep the text as written, before markdown-it normalizes it (NUL becomes U+FFFD), for
    :func:`_controls`, when it has anything to report."""
    text, source = state.src, source_of(state.env)
    if source is None or source.written == "markdown":
        return  # a piece of a module's text, checked with it
    if "&#" in text or (source.written != "yaml" and refused_or_bidi(text)):
        state.env[_WRITTEN] = text


def _controls(state: StateCore) -> None:
    """Report what the text as written holds, once it is parsed: its code is known then."""
    text = state.env.pop(_WRITTEN, None)
    source = source_of(state.env)
    if text is None or source is None:
        return
    code = code_spans(text, state.tokens) if "&#" in text else []
    # A quiz is a YAML document of its own: its reader checks it (its texts' references too).
    quizzes = [] if source.fragment else fence_spans(text, state.tokens, "quiz")
    counts = {"refused": 0, "bidi": 0}
    first_unreported: dict[str, int] = {}
    for at, what, char, kind in sorted(found(text, code, source.written != "yaml")):
        if inside(quizzes, at):
            continue
        counts[kind] += 1
        if counts[kind] > REPORTED:
            first_unreported.setdefault(kind, at)
            continue
        line, column = _place(source, text, at)
        if kind == "refused":
            message = f"{what} {describe(char)}, which a page cannot hold"
            source.error(line, message, hint=_hint(char), code="char", column=column)
        else:
            message = bidi_message(what, char)
            source.warning(line, message, hint=BIDI_HINT, code="bidi", column=column)
    for kind, at in first_unreported.items():
        line, column = _place(source, text, at)
        more = f"{counts[kind] - REPORTED:,} more such characters in the text, the first here"
        if kind == "refused":
            source.error(line, more, hint=_hint("\x00"), code="char", column=column)
        else:
            source.warning(line, more, hint=BIDI_HINT, code="bidi", column=column)


def controls_plugin(md: MarkdownIt) -> None:
    """Check the text as written (kept before markdown-it normalizes it) once it is parsed."""
    md.core.ruler.before("normalize", "sb_controls_text", _keep)
    md.core.ruler.after("inline", "sb_controls", _controls)
