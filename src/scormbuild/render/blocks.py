"""Interactive blocks on the page, and the code a package ships for the blocks it uses.

Each block's markup comes from the theme's ``blocks/<kind>.html`` (a course may override it):
markup that reads in order with scripts off and in print. The block's script
(``runtime/blocks/<kind>.js``) makes it interactive; its style is
``static/blocks/<kind>.css``. A package holds the scripts and styles of the kinds its course
uses, joined into ``scormbuild/blocks.js`` and ``scormbuild/blocks.css``, and nothing when
it uses none.
"""

from __future__ import annotations

import re

import jinja2

from scormbuild.content import Term
from scormbuild.model import Course, Module, OutputFile
from scormbuild.render.files import fill_page_files
from scormbuild.render.minify import ShippedScripts, minify_css
from scormbuild.render.theme import read_static

BLOCK_RE = re.compile(r"<!--scormbuild:block:(\d+)-->")
# Every kind in a fixed order, so that a package's files are the same from build to build.
KINDS = ("accordion", "tabs", "cards", "steps", "graphic", "scenario", "reflection", "glossary")


def block_id(module: Module, index: int) -> str:
    """The id of a module's ``index``-th block: unique in the page and across the course."""
    return f"{module.id}-b{index + 1}"


def render_block(
    env: jinja2.Environment, module: Module, index: int, quiz_index: dict[str, int], lang: str
) -> str:
    """One block's markup from its template."""
    block = module.blocks[index]
    html = env.get_template(f"blocks/{block.kind}.html").render(
        block=block,
        id=block_id(module, index),
        module=module,
        quiz=quiz_index.get(block.quiz, -1) if block.quiz else -1,
        root="../",
        lang=lang,
    )
    return html.rstrip("\n")


def fill_blocks(
    env: jinja2.Environment, module: Module, html: str, quiz_index: dict[str, int], lang: str
) -> str:
    """``html`` with each block placeholder replaced by the block's markup."""

    def fill(match: re.Match[str]) -> str:
        index = int(match.group(1))
        if index >= len(module.blocks):
            return match.group(0)
        return render_block(env, module, index, quiz_index, lang)

    return BLOCK_RE.sub(fill, html) if module.blocks else html


def used_kinds(course: Course) -> list[str]:
    """The kinds whose code the package needs, in :data:`KINDS` order."""
    used: set[str] = {b.kind for m in course.modules for b in m.blocks}
    used |= {"glossary"} if course.glossary else set()
    return [k for k in KINDS if k in used]


def page_assets(course: Course) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The stylesheets and scripts (besides the theme's) that the course's pages load."""
    kinds = used_kinds(course)
    if not kinds:
        return (), ()
    return ("blocks.css",), ("blocks.js",) if _scripted(course, kinds) else ()


def _scripted(course: Course, kinds: list[str]) -> list[str]:
    """The kinds that need their script: steps shown only as timelines need none."""
    steps = [b for m in course.modules for b in m.blocks if b.kind == "steps"]
    timelines = all(b.variant == "timeline" for b in steps)
    return [k for k in kinds if not (k == "steps" and timelines)]


def _positions(course: Course) -> str:
    """Where each labelled graphic's markers sit: inline styles are banned by the pages' CSP."""
    rules = []
    for module in course.modules:
        for index, block in enumerate(module.blocks):
            if block.kind != "graphic":
                continue
            base = block_id(module, index)
            for n, marker in enumerate(block.items, start=1):
                rules.append(f"#{base}-m{n}{{left:{marker.x:g}%;top:{marker.y:g}%}}")
    return "\n".join(rules) + ("\n" if rules else "")


def block_code(env: jinja2.Environment, course: Course, scripts: ShippedScripts) -> dict[str, str]:
    """The minified text of ``blocks.css`` and ``blocks.js`` for the blocks the course uses,
    by name; empty when it uses none (and no ``blocks.js`` when none of them needs a script)."""
    kinds = used_kinds(course)
    if not kinds:
        return {}
    css = "".join(read_static(env, f"blocks/{k}.css") for k in kinds) + _positions(course)
    code = {"blocks.css": minify_css(css)}
    scripted = _scripted(course, kinds)
    if scripted:
        # Each script is a statement of its own: ';' keeps the next one's '(' from calling it.
        parts = (scripts.get(f"blocks/{k}.js").rstrip("\n") for k in scripted)
        code["blocks.js"] = ";".join(parts) + "\n"
    return code


# Letters after z in Finnish and Swedish alphabetical order.
_NORDIC = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}"})


def glossary_order(terms: tuple[Term, ...]) -> list[Term]:
    """The terms in alphabetical order as Finnish and Swedish sort them (å, ä, ö after z)."""
    return sorted(terms, key=lambda t: (t.term.casefold().translate(_NORDIC), t.id))


def glossary_page(
    env: jinja2.Environment, course: Course, styles: tuple[str, ...]
) -> OutputFile | None:
    """``modules/glossary.html``: every term of the course's glossary, or None without one."""
    if not course.glossary:
        return None
    html = env.get_template("glossary.html").render(
        course=course, terms=glossary_order(course.glossary), root="../", scripts=(), styles=styles
    )
    # A definition may link to a file of the course: it says its type and size here too.
    return OutputFile("modules/glossary.html", fill_page_files(env, html, course).encode())


__all__ = [
    "block_code",
    "block_id",
    "fill_blocks",
    "glossary_page",
    "page_assets",
    "render_block",
    "used_kinds",
]
