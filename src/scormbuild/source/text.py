"""Source files as text: UTF-8 (a byte-order mark dropped), and YAML front matter."""

from __future__ import annotations

import re
import unicodedata

from scormbuild.errors import Problem, error

# What no course text may hold, as a page would get it (scormbuild.source.markdown.controls):
# C0 controls but tab and line breaks, DEL, C1 controls, lone surrogates and noncharacters.
# Noncharacters: U+FDD0..U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF,
# ... U+10FFFF). Written as "any of these, or any character past the first plane, unless it
# is one of the planes' others": a class of 34 single characters past U+FFFF is tried one by
# one at every character of every text, this form once (7 times faster; the same matches).
_PLANES_BUT_LAST_TWO = "".join(f"{chr(p << 16)}-{chr(p << 16 | 0xFFFD)}" for p in range(1, 17))
REFUSED_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    f"\U00010000-\U0010ffff](?<![{_PLANES_BUT_LAST_TWO}])"
)
# Bidirectional embeddings, overrides and isolates: the text after them displays reordered.
BIDI_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Every character REFUSED_RE or BIDI_RE can match, and the other characters past the first
# plane, in one class: one pass over a text instead of two when it has none (nearly always).
_SUSPECT_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
    "\ufdd0-\ufdef\ufffe\uffff\U00010000-\U0010ffff]"
)
# The UTF-8 bytes each of those characters has one of: the controls below U+0080, and the
# lead bytes of the others (a surrogate encoded as it is). A text whose UTF-8 keeps nothing
# once every other byte is deleted has none of them: checked at memory speed, where the
# pattern steps through it a character at a time. Letters such as 'ä' (C3 A4) pass so; a
# dash, curly quote or no-break space (E2 80 .., C2 A0) leaves the pattern to decide.
_CONTROL_BYTES = (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)
_SUSPECT_BYTES = bytes([*_CONTROL_BYTES, 0xC2, 0xE2, 0xED, 0xEF, *range(0xF0, 0xF5)])
_NOT_SUSPECT = bytes(b for b in range(256) if b not in _SUSPECT_BYTES)
# The same for REFUSED_RE alone: the controls, and the lead bytes of C1 controls (C2),
# surrogates (ED), noncharacters (EF B7 and EF BF) and the planes past the first (F0-F4).
_NOT_REFUSED_LEAD = bytes(
    b for b in range(256) if b not in [*_CONTROL_BYTES, 0xC2, 0xED, 0xEF, *range(0xF0, 0xF5)]
)
REPORTED = 10  # of each kind per text, then how many more there are


def refused_free(text: str) -> bool:
    """True when ``text`` certainly has no character of REFUSED_RE (false: it may have one).

    An HTML page has EF bytes of its own (the footnotes' back links' U+FE0E): those lead
    to a refused character only as EF B7 or EF BF.
    """
    data = text.encode("utf-8", "surrogatepass")
    left = data.translate(None, _NOT_REFUSED_LEAD)
    if not left:
        return True
    return not left.strip(b"\xef") and b"\xef\xb7" not in data and b"\xef\xbf" not in data


def refused_or_bidi(text: str) -> bool:
    """Whether ``text`` has a character of REFUSED_RE or of BIDI_RE."""
    if not text.encode("utf-8", "surrogatepass").translate(None, _NOT_SUSPECT):
        return False
    if not _SUSPECT_RE.search(text):
        return False
    return bool(REFUSED_RE.search(text) or BIDI_RE.search(text))


def describe(char: str) -> str:
    """'U+202E (RIGHT-TO-LEFT OVERRIDE)', or 'U+0001' for a character without a name."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def bidi_message(what: str, char: str) -> str:
    """The warning for a bidirectional control, ``what`` being e.g. 'the character'."""
    return (
        f"{what} {describe(char)}, which makes the text after it display in another order "
        "than it is written"
    )


def decode(data: bytes, rel: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text of a source file, or a problem naming the line of the first bad byte.

    A byte-order mark, which some Windows editors write, is dropped (as MkDocs does): it says
    nothing a UTF-8 reader needs, and left in it would start the first key or line.
    """
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [
            error(rel, line, "not valid UTF-8 text", hint="save the file as UTF-8", code="encoding")
        ]


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter or None, body, number of lines before the body)."""
    if not text.startswith("---\n") and not text.startswith("---\r\n"):
        return None, text, 0
    lines = text.splitlines(keepends=True)
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return "".join(lines[1:i]), "".join(lines[i + 1 :]), i + 1
    return None, text, 0
