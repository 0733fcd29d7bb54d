"""Glossary terms marked in the text: ``[retros]{.term}`` or ``[the retro]{term=retrospective}``.

The first finds the term by its words (the term or one of its forms in ``glossary.yml``,
whatever the case), the second by its id. A marked term becomes a link to its entry on the
glossary page; the page's script shows the definition in a popover instead. The words a text
may mark come in ``env["terms"]`` (casefolded word or id -> id).
"""

from __future__ import annotations

from operator import attrgetter

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from scormbuild.options import suggest
from scormbuild.source.markdown.env import SourceEnv, source_of

_type = attrgetter("type")


def term_href(term_id: str) -> str:
    """Where a marked term links: its entry on the glossary page (beside the module pages)."""
    return f"glossary.html#sb-term-{term_id}"


def _is_term(token: Token) -> bool:
    if token.type != "span_open":  # most tokens: asked of every token of every text
        return False
    classes = str(token.attrGet("class") or "").split()
    return "term" in classes or token.attrGet("term") is not None


def _mark(source: SourceEnv, words: dict[str, str], inline: Token, children: list[Token]) -> None:
    for i, child in enumerate(children):
        if not _is_term(child):
            continue
        depth, j = 0, i
        for j in range(i, len(children)):
            depth += children[j].nesting if children[j].type.startswith("span_") else 0
            if depth == 0:
                break
        text = "".join(c.content for c in children[i + 1 : j]).strip()
        named = child.attrGet("term")
        # Reported here, whatever happens next: not again as an attribute HTML does not allow.
        child.attrs.pop("term", None)
        term_id = str(named) if named is not None else words.get(text.casefold(), "")
        line = source.line(inline)
        if not words:
            source.error(
                line,
                f"'{text}' is marked as a term, but the course has no glossary.yml",
                hint="add glossary.yml (see docs/format.md), or remove the mark",
                code="term",
            )
            continue
        if term_id not in words.values():
            known = sorted(set(words))
            hint = suggest(str(named) if named is not None else text.casefold(), known)
            source.error(
                line,
                f"'{named if named is not None else text}' is not in the glossary",
                hint=hint
                or "add it to glossary.yml (as a term or one of its 'forms'), or "
                "name the term: [words]{term=id}",
                code="term",
            )
            continue
        child.type, child.tag, child.attrs = "link_open", "a", {}
        child.attrSet("class", "sb-term")
        child.attrSet("href", term_href(term_id))
        children[j].type, children[j].tag = "link_close", "a"
        source.found.terms.add(term_id)


def _terms(state: StateCore) -> None:
    source = source_of(state.env)
    if source is None:
        return
    words: dict[str, str] = dict(state.env.get("terms") or {})
    for token in state.tokens:
        # Only a span can be a term: most children lists have none (their types compared in C).
        if token.type == "inline" and token.children and "span_open" in map(_type, token.children):
            _mark(source, words, token, token.children)


def terms_plugin(md: MarkdownIt) -> None:
    """Glossary terms as links to their entries (after :mod:`.links`, which leaves them be)."""
    md.core.ruler.push("sb_terms", _terms)
