"""Generated guides: whatever the text, import writes a course that loads without errors and
whose Markdown shows the document's words, or refuses the document with one clear error."""

from __future__ import annotations

import re
import tempfile
from html import unescape
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scormbuild.commands.check import check
from scormbuild.commands.import_guide import import_guide
from scormbuild.errors import ScormBuildError
from scormbuild.source.load import load_course

_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=["Cs", "Cc"], blacklist_characters="\ue000"),
    min_size=1,
    max_size=60,
).map(lambda t: " ".join(t.split()))
_WORDS = st.text(alphabet="abcdefghijkläöå ", min_size=1, max_size=30).map(
    lambda t: " ".join(t.split()) or "otsikko"
)


@st.composite
def html_guides(draw: st.DrawFn) -> tuple[str, list[str]]:
    """An HTML page of headings and paragraphs of any text; the texts it holds."""
    parts = ['<html lang="fi"><body>']
    texts: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        level = draw(st.sampled_from([1, 1, 2, 3]))
        parts.append(f"<h{level}>{_html(draw(_WORDS))}</h{level}>")
        for _ in range(draw(st.integers(0, 3))):
            text = draw(_TEXT)
            if text:
                texts.append(text)
                kind = draw(st.sampled_from(["p", "li", "em", "td", "note"]))
                parts.append(_wrap(kind, _html(text)))
    parts.append("</body></html>")
    return "\n".join(parts), texts


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _wrap(kind: str, text: str) -> str:
    return {
        "p": f"<p>{text}</p>",
        "li": f"<ul><li>{text}</li></ul>",
        "em": f"<p><em>{text}</em> ja <strong>{text}</strong></p>",
        "td": f"<table><tr><th>a</th></tr><tr><td>{text}</td></tr></table>",
        "note": f'<div class="note"><p>{text}</p></div>',
    }[kind]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_guides())
def test_any_html_guide_imports_into_a_course_that_loads(guide: tuple[str, list[str]]) -> None:
    page, texts = guide
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "sivu.html"
        source.write_text(page, "utf-8")
        try:
            result = import_guide(source, Path(tmp) / "kurssi")
        except ScormBuildError as exc:
            # The only refusal such a page can earn: no text at the split level.
            assert "no level-1 headings" in exc.format_message()
            return
        report = check(result.out_dir)
        assert report.errors == (), report.to_text()
        shown = " ".join(
            " ".join(unescape(re.sub(r"<[^>]+>", " ", m.html)).split())
            for course in load_course(result.out_dir).courses
            for m in course.modules
        )
        for text in texts:
            assert text in shown
