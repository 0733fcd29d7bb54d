"""Interactive blocks read from their containers into :class:`~scormbuild.model.Block`.

A core rule, run after every other: by then links, images, figures, media and quizzes
inside a block are resolved and checked, and raw HTML has been seen. Each block's items are
rendered to HTML on their own and the block leaves a placeholder that the renderer fills
from the theme's ``blocks/<kind>.html``. Every mistake is reported at its line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from scormbuild.content import Block, BlockItem, BlockKind
from scormbuild.limits import BLOCK_ITEMS, BLOCKS_PER_MODULE
from scormbuild.model import placeholder
from scormbuild.options import suggest
from scormbuild.source.markdown.callouts import CALLOUTS
from scormbuild.source.markdown.env import SourceEnv, source_of
from scormbuild.source.markdown.inline import render_inline
from scormbuild.source.markdown.interactive.scenario import KEY_RE, read_scenario
from scormbuild.source.markdown.sanitize import clean

# Each block and the items it holds.
BLOCKS: dict[str, tuple[str, ...]] = {
    "accordion": ("panel",),
    "tabs": ("tab",),
    "cards": ("card",),
    "steps": ("step",),
    "graphic": ("marker",),
    "scenario": ("scene", "ending"),
    "reflection": (),
}
ITEMS = {item: block for block, items in BLOCKS.items() for item in items}
MIN_ITEMS = {"accordion": 1, "tabs": 2, "cards": 1, "steps": 2, "graphic": 1}
# Blocks whose items may hold a quiz (a quiz on a card's back or behind a marker would hide).
QUIZ_HOLDERS = frozenset({"accordion", "tabs", "steps"})
MARKER_RE = re.compile(r"^(\d+(?:\.\d+)?)%?\s*[ ,]\s*(\d+(?:\.\d+)?)%?(?:\s+(.*))?$")
KNOWN = tuple(BLOCKS) + tuple(ITEMS) + CALLOUTS + ("lang",)


class Reader:
    """Reads the blocks of one module's tokens."""

    def __init__(self, state: StateCore, source: SourceEnv) -> None:
        self.state, self.source = state, source
        self.md: MarkdownIt = state.md

    def error(self, token: Token, message: str, hint: str) -> None:
        self.source.error(self.source.line(token), message, hint=hint, code="block")

    def render(self, tokens: Sequence[Token]) -> str:
        """An item's body: rendered on its own, so sanitized on its own like the module's."""
        return clean(str(self.md.renderer.render(list(tokens), self.md.options, self.state.env)))

    def inline(self, text: str, opening: Token) -> str:
        """An item's title, its links and raw HTML checked at the item's line."""
        at = self.source.text_at(self.source.path, self.source.line(opening), "markdown")
        env = self.state.env
        html = clean(render_inline(self.md, text, env.get("labels"), at, env.get("terms")))
        if 'class="sb-term"' in html:
            # The title becomes a button: a term's popover button cannot sit inside it.
            self.error(
                opening,
                "a glossary term cannot be marked in an item's title",
                hint="mark the term in the item's text instead",
            )
        return html

    def run(self) -> None:
        tokens = self.state.tokens
        level, i, count = 1, 0, 0
        while i < len(tokens):
            token = tokens[i]
            if token.type == "heading_open":
                level = int(token.tag[1])
            if token.type != "sb_container_open":
                i += 1
                continue
            end = closing(tokens, i)
            name = token.meta["name"]
            if not token.meta["closed"]:
                self.error(
                    token,
                    f"'::: {name}' is not closed",
                    hint="end it with a line of three colons, ':::'",
                )
            if name in BLOCKS:
                count += 1
                if count > BLOCKS_PER_MODULE:
                    self.error(
                        token,
                        f"more than {BLOCKS_PER_MODULE} interactive blocks in one module, "
                        "the limit",
                        hint="split the module into several",
                    )
                    return
                block = self.block(tokens[i : end + 1], min(level + 1, 6))
                marker = Token("sb_block", "", 0, map=token.map)
                marker.meta["index"] = len(self.source.found.blocks) if block else -1
                marker.level = token.level
                if block is not None:
                    self.source.found.blocks.append(block)
                tokens[i : end + 1] = [marker]
            elif name in ITEMS:
                self.error(
                    token,
                    f"'::: {name}' belongs inside a '::: {ITEMS[name]}' block",
                    hint=f"put it between '::: {ITEMS[name]}' and that block's closing ':::'",
                )
                i += 1
            else:
                hint = suggest(name, KNOWN) or (
                    f"callouts: {', '.join(CALLOUTS)}; blocks: {', '.join(BLOCKS)}"
                )
                self.error(token, f"unknown block '::: {name}'", hint=hint)
                i += 1
            i += 1

    def block(self, tokens: list[Token], level: int) -> Block | None:
        """One block: ``tokens`` from its opening to its closing container token."""
        head = tokens[0]
        kind: BlockKind = head.meta["name"]
        intro, items = self.split(tokens)
        if len(items) > BLOCK_ITEMS:
            self.error(
                head,
                f"{_a(kind)} block of {len(items)} items, more than the limit of {BLOCK_ITEMS}",
                hint="split it into several blocks",
            )
            return None
        for token in tokens[1:-1]:
            name = token.meta.get("name", "") if token.type == "sb_container_open" else ""
            if name in BLOCKS:
                self.error(
                    token,
                    f"{_a(kind)} block cannot hold another interactive block ('::: {name}')",
                    hint="put the blocks one after the other",
                )
                return None
            if name and token.level != head.level + 1:
                self.error(
                    token,
                    f"'::: {name}' inside another item",
                    hint="end each item with its own ':::' line before the next one starts",
                )
                return None
            if token.type == "heading_open":
                self.error(
                    token,
                    f"a heading inside {_a(kind)} block",
                    hint="the titles of its items are its headings; use **bold** text inside",
                )
                return None
            if token.type == "quiz" and kind not in QUIZ_HOLDERS:
                self.error(token, f"a quiz inside {_a(kind)} block", hint="put it after the block")
                return None
        at = self.source.at(self.source.line(head))
        params = head.meta["params"]
        if kind == "reflection":
            return self.reflection(head, intro, items, level)
        if kind == "scenario":
            return read_scenario(self, head, intro, items, level)
        if kind == "graphic":
            return self.graphic(head, intro, items, level)
        if intro and any(t.type != "sb_block" for t in intro):
            first = BLOCKS[kind][0]
            self.error(
                intro[0],
                f"text in {_a(kind)} block outside its items",
                hint=f"put it inside a '::: {first} Title' item, or before the block",
            )
            return None
        variant = ""
        if kind == "steps" and params in ("timeline",):
            variant = params
        elif params:
            hint = (
                "write '::: steps timeline' for a timeline" if kind == "steps"
                else f"write '::: {kind}' alone on its line; the items follow it"
            )  # fmt: skip
            self.error(head, f"'::: {kind}' takes nothing after its name, not '{params}'", hint)
            return None
        read = [self.titled(kind, opening, body) for opening, body in items]
        if any(item is None for item in read):
            return None
        if len(read) < MIN_ITEMS[kind]:
            self.too_few(head, kind)
            return None
        return Block(kind, tuple(i for i in read if i), at, level, variant=variant)

    def too_few(self, head: Token, kind: str) -> None:
        least, item = MIN_ITEMS[kind], BLOCKS[kind][0]
        self.error(
            head,
            f"{_a(kind)} block needs at least {least} '{item}' item{'s' if least > 1 else ''}",
            hint=f"add them inside it: '::: {item} Title', the text, then ':::'",
        )

    def split(self, tokens: list[Token]) -> tuple[list[Token], list[tuple[Token, list[Token]]]]:
        """The tokens before the first item, and each item's opening token and body."""
        intro: list[Token] = []
        items: list[tuple[Token, list[Token]]] = []
        depth = tokens[0].level + 1
        i = 1
        while i < len(tokens) - 1:
            token = tokens[i]
            if token.type == "sb_container_open" and token.level == depth:
                name = token.meta["name"]
                end = closing(tokens, i)
                if name in ITEMS or name not in BLOCKS:
                    items.append((token, tokens[i + 1 : end]))
                    if not token.meta["closed"]:
                        self.error(
                            token,
                            f"'::: {name}' is not closed",
                            hint="end it with a line of three colons, ':::'",
                        )
                    i = end + 1
                    continue
            if items:
                if not (token.type == "sb_container_close" and token.level == depth):
                    message = "text between the items of a block belongs in an item"
                    self.error(token, message, "move it into the item before or after it")
                    return intro, items
            else:
                intro.append(token)
            i += 1
        return intro, items

    def titled(self, kind: str, opening: Token, body: list[Token]) -> BlockItem | None:
        """An item with a title after its name (a panel, tab, card or step)."""
        name, title = opening.meta["name"], opening.meta["params"]
        if not self.item_name(kind, opening):
            return None
        if not title:
            message = f"a {name} needs a title after its name: '::: {name} Title'"
            self.error(opening, message, "the learner sees it on the item's heading or tab")
            return None
        return BlockItem(name, self.inline(title, opening), self.render(body))

    def item_name(self, kind: str, opening: Token) -> bool:
        """Whether the item's name is one the block holds; reported when not."""
        name, names = opening.meta["name"], BLOCKS[kind]
        if name in names:
            return True
        wanted = " or ".join(f"'::: {n}'" for n in names)
        hint = suggest(name, names) or f"write {wanted}"
        self.error(opening, f"{_a(kind)} block holds {wanted} items, not '{name}'", hint)
        return False

    def graphic(
        self, head: Token, intro: list[Token], items: list[tuple[Token, list[Token]]], level: int
    ) -> Block | None:
        """An image and the markers on it: ``::: marker 30 40 Title`` (per cent across, down)."""
        image = _lone_image(self.source, intro)
        if image is None:
            self.error(
                head,
                "a graphic starts with its image alone in a paragraph: ![Alt](../assets/x.png)",
                hint="then one '::: marker X Y Title' per place, X and Y in per cent",
            )
            return None
        markers: list[BlockItem] = []
        for opening, body in items:
            if not self.item_name("graphic", opening):
                return None
            match = MARKER_RE.match(opening.meta["params"])
            x, y = (float(match.group(1)), float(match.group(2))) if match else (-1.0, -1.0)
            if match is None or not match.group(3) or x > 100 or y > 100:
                self.error(
                    opening,
                    f"a marker needs its place and a title: '::: marker 30 40 Title', not "
                    f"'::: marker {opening.meta['params']}'",
                    hint="30 40: 30 % from the image's left edge, 40 % from its top (0 to 100)",
                )
                return None
            title = self.inline(match.group(3), opening)
            markers.append(BlockItem("marker", title, self.render(body), x=x, y=y))
        if not markers:
            self.too_few(head, "graphic")
            return None
        src, alt, caption = image
        html = f'<img src="{escapeHtml(src)}" alt="{escapeHtml(alt)}">'
        at = self.source.at(self.source.line(head))
        return Block("graphic", tuple(markers), at, level, html=html, title_html=caption)

    def reflection(
        self, head: Token, intro: list[Token], items: list[tuple[Token, list[Token]]], level: int
    ) -> Block | None:
        """A prompt and a text field whose text stays on the learner's device."""
        key = head.meta["params"]
        if key and not KEY_RE.match(key):
            self.error(
                head,
                f"a reflection's name is letters, digits and hyphens, not '{key}'",
                hint="e.g. '::: reflection my-lessons'; the name keeps the text",
            )
            return None
        if items:
            message = "a reflection holds its question only, no items"
            self.error(items[0][0], message, "write the question as the block's text")
            return None
        html = self.render(intro).strip()
        if not html:
            self.error(
                head,
                "a reflection needs its question inside it",
                hint="'::: reflection', the question, then ':::'",
            )
            return None
        at = self.source.at(self.source.line(head))
        return Block("reflection", (), at, level, key=key, html=html)


def _a(kind: str) -> str:
    """'an accordion', 'a tabs': the article before a block's name."""
    return f"{'an' if kind[0] in 'aeiou' else 'a'} '{kind}'"


def closing(tokens: Sequence[Token], i: int) -> int:
    """The index of the token that closes the container opened at ``tokens[i]``."""
    depth = 0
    for j in range(i, len(tokens)):
        if tokens[j].type == "sb_container_open":
            depth += 1
        elif tokens[j].type == "sb_container_close":
            depth -= 1
            if depth == 0:
                return j
    return len(tokens) - 1


def _lone_image(source: SourceEnv, tokens: list[Token]) -> tuple[str, str, str] | None:
    """(src, alt, caption HTML) of the one image that ``tokens`` hold, alone in a paragraph."""
    kinds = [t.type for t in tokens]
    if kinds == ["figure"]:
        figure = source.found.figures[tokens[0].meta["index"]]
        return f"../{figure.path}", figure.alt, figure.caption_html
    if kinds != ["paragraph_open", "inline", "paragraph_close"]:
        return None
    children = [c for c in tokens[1].children or [] if c.type != "softbreak"]
    if len(children) != 1 or children[0].type != "image" or not children[0].meta.get("path"):
        return None
    image = children[0]
    alt = "".join(c.content for c in image.children or [])
    return str(image.attrGet("src")), alt, ""


def _interactive(state: StateCore) -> None:
    source = source_of(state.env)
    if source is not None:
        Reader(state, source).run()


def _render_block(self: Any, tokens: Sequence[Token], idx: int, _options: Any, _env: Any) -> str:
    index = tokens[idx].meta["index"]
    return placeholder("block", index) + "\n" if index >= 0 else ""


def _render_container(
    self: Any, tokens: Sequence[Token], idx: int, _options: Any, _env: Any
) -> str:
    # Only outside a module (no course to report to): the text shows as it is.
    return "<div>\n" if tokens[idx].nesting == 1 else "</div>\n"


def reader_rule(md: MarkdownIt) -> None:
    """Read the blocks after every other rule; render their placeholders."""
    md.core.ruler.push("sb_interactive", _interactive)
    md.add_render_rule("sb_block", _render_block)
    md.add_render_rule("sb_container_open", _render_container)
    md.add_render_rule("sb_container_close", _render_container)
