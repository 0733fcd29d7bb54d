"""The course renderer writes what markdown-it's writes (scormbuild.source.markdown.renderer)."""

from __future__ import annotations

from types import MethodType
from typing import Any

from hypothesis import example, given, settings
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML

from scormbuild.source.markdown import make_markdown
from scormbuild.source.markdown.renderer import CourseRenderer
from tests.test_firstchar import documents, scrambled
from tests.test_states import indented, texts

MD = make_markdown()


def with_markdown_its(md: MarkdownIt) -> RendererHTML:
    """markdown-it's renderer with the rules ``md``'s has (the plugins' among them)."""
    own = RendererHTML(md)
    own.rules = {
        name: MethodType(rule.__func__, own) if getattr(rule, "__self__", None) else rule
        for name, rule in md.renderer.rules.items()
    }
    return own


OWN = with_markdown_its(MD)
XHTML = make_markdown()
XHTML.options["xhtmlOut"] = True
XHTML_OWN = with_markdown_its(XHTML)


def rendered(md: MarkdownIt, text: str) -> tuple[str, str]:
    own = OWN if md is MD else XHTML_OWN
    env: dict[str, Any] = {}
    tokens = md.parse(text, env)
    theirs = own.render(tokens, md.options, env)
    return md.renderer.render(tokens, md.options, env), theirs


def test_the_parser_renders_with_the_course_renderer() -> None:
    assert isinstance(MD.renderer, CourseRenderer)
    assert MD.renderer.rules.keys() == OWN.rules.keys()


@settings(max_examples=500, deadline=None)
@given(documents | scrambled | texts | indented)
@example("- a\n  > b\n- c\n  ```\n  d\n  ```")
@example("| a | b |\n|:--|:-:|\n| `c` | ![d](e.png){.f} |")
@example("***\n\na  \nb\\\nc <b>d</b> &amp; [e](f.md){#g}\n\n<div>\n\n1. h\n\n   i")
def test_the_html_is_markdown_its(text: str) -> None:
    ours, theirs = rendered(MD, text)
    assert ours == theirs
    ours, theirs = rendered(XHTML, text)
    assert ours == theirs


def test_an_own_text_rule_is_called() -> None:
    md = make_markdown()
    md.add_render_rule("text", lambda self, tokens, idx, options, env: tokens[idx].content.upper())
    assert md.render("a *b* c") == "<p>A <em>B</em> C</p>\n"
