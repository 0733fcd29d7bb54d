"""Source text: a UTF-8 byte-order mark is accepted and dropped (as MkDocs does)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from scormbuild.commands.build import build
from scormbuild.pipeline import gather
from scormbuild.source.text import BIDI_RE, REFUSED_RE, decode, refused_or_bidi
from scormbuild.source.yamlcheck import XML_ILLEGAL_RE
from tests.coursekit import COURSE_YML, MODULE, QUIZ, write_course

BOM = b"\xef\xbb\xbf"


def refused_by_definition(code: int) -> bool:
    """The characters no page may get, as source/text.py describes them."""
    c0 = code < 0x20 and chr(code) not in "\t\n\r"
    return (
        c0
        or 0x7F <= code <= 0x9F  # DEL and the C1 controls
        or 0xD800 <= code <= 0xDFFF  # lone surrogates
        or 0xFDD0 <= code <= 0xFDEF
        or code & 0xFFFE == 0xFFFE  # the last two of every plane
    )


def test_refused_characters_are_exactly_the_described_ones() -> None:
    every = "".join(map(chr, range(0x110000)))
    expected = [code for code in range(0x110000) if refused_by_definition(code)]
    assert len(expected) == 2176
    assert [m.start() for m in REFUSED_RE.finditer(every)] == expected
    assert REFUSED_RE.sub("", every) == "".join(
        chr(c) for c in range(0x110000) if not refused_by_definition(c)
    )


def test_the_quick_test_for_refused_or_bidirectional_characters_misses_none() -> None:
    every = [chr(code) for code in range(0x110000)]
    flagged = [c for c in every if refused_or_bidi(c)]
    assert flagged == [c for c in every if REFUSED_RE.match(c) or BIDI_RE.match(c)]
    assert len(flagged) == 2176 + 9
    # yamlsrc's plain documents rely on it: XML's illegal characters are all refused ones.
    assert all(REFUSED_RE.match(c) for c in every if XML_ILLEGAL_RE.match(c))


@given(st.text(alphabet=st.characters(codec=None), max_size=40))
def test_refused_or_bidi_as_the_two_patterns_say(text: str) -> None:
    expected = bool(REFUSED_RE.search(text) or BIDI_RE.search(text))
    assert refused_or_bidi(text) == expected
    assert refused_or_bidi("Plain words, ääkköset. " + text + " More.") == expected


def test_decode_drops_a_byte_order_mark() -> None:
    assert decode(BOM + "id: ä\n".encode(), "course.yml") == ("id: ä\n", [])
    assert decode(BOM + BOM + b"x", "m.md")[0] == "\ufeffx"  # only the first is a mark


def test_a_course_written_with_byte_order_marks_builds(tmp_path: Path) -> None:
    intro = MODULE.format(title="Intro") + "\n```quiz\nfile: quizzes/q.yml\n```\n"
    quiz = QUIZ.format(qid="q").split("\n", 1)[1].rsplit("```", 1)[0]
    course = write_course(
        tmp_path / "c",
        {
            "course.yml": BOM + COURSE_YML.encode(),
            "modules/01-intro.md": BOM + intro.encode(),
            "modules/02-more.md": BOM + MODULE.format(title="More").encode(),
            "quizzes/q.yml": BOM + quiz.encode(),
        },
    )
    gathered = gather(course, strict=True)
    assert gathered.problems == ()
    assert gathered.loaded is not None
    (english,) = gathered.loaded.courses
    assert english.config.id == "demo"
    assert [m.title for m in english.modules] == ["Intro", "More"]
    assert english.quizzes[0].id == "q"
    build(course, tmp_path / "dist")
    assert (tmp_path / "dist" / "demo-1.0.0.zip").is_file()


def test_lines_are_counted_as_without_the_mark(tmp_path: Path) -> None:
    course = write_course(tmp_path, {"course.yml": BOM + (COURSE_YML + "colour: red\n").encode()})
    (problem,) = gather(course).problems
    assert problem.format().startswith("course.yml:7: error: unknown key 'colour'")
