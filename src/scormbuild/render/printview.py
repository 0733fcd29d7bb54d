"""The whole course on one page, to print or save as a PDF (single-SCO mode: ``print.html``).

Each module's section is the content of its rendered page, so that the handout says what the
course says: the module's title and details, its text and blocks, and its glossary terms. On
one page the parts change so that it stays one valid document: each module's ids (headings,
footnotes, blocks) get the prefix of its section (``p1-``...), and links between modules and
within them point into the page; headings go one level down under the page's own title; each
quiz becomes a line that names it (its questions are answered in the course, and its answers
stay out of the handout); the in-page contents list and the Previous/Next links go. What is a
landmark on a module page (a callout, the footnotes, the definitions) would be one many times
over with the same name here, so it becomes a named note (a callout) or group (a ``div``: a
``section`` may not be a group). The page loads no block script, so
every block shows as it does without scripts: all of it open.
"""

from __future__ import annotations

from collections.abc import Sequence

import lxml.html
from lxml.html import HtmlElement
from markupsafe import Markup

from scormbuild.model import Course
from scormbuild.strings import Catalog

# Attributes that hold one id, or a list of ids, of the same page.
ID_LISTS = (
    "for", "headers", "aria-labelledby", "aria-describedby", "aria-controls", "aria-details",
    "aria-errormessage", "aria-flowto", "aria-owns", "aria-activedescendant",
)  # fmt: skip
HEADINGS = ("h1", "h2", "h3", "h4", "h5")
# Elements that are landmarks when they have a name.
LANDMARKS = ("aside", "section", "nav", "form")


def section_id(index: int) -> str:
    """The id of module ``index``'s section: ``p1`` for the first."""
    return f"p{index + 1}"


def _link(href: str, own: str, pages: dict[str, str]) -> str:
    """``href`` of a module's page as the print page reads it."""
    page, _, anchor = href.partition("#")
    prefix = own if page == "" else pages.get(page)
    if prefix is None:  # another page of the package (cover, finish, glossary) or outside it
        return href
    return f"#{prefix}-{anchor}" if anchor else f"#{prefix}"


def _named(el: HtmlElement) -> bool:
    return bool(el.get("aria-label") or el.get("aria-labelledby"))


def _section(main: HtmlElement, index: int, pages: dict[str, str], t: Catalog, name: str) -> str:
    own = section_id(index)
    for nav in [*main.find_class("sb-toc"), *main.find_class("sb-pager")]:
        nav.drop_tree()
    for quiz in main.find_class("sb-quiz"):
        title = quiz.find(".//h2")
        note = lxml.html.Element("p", {"class": "sb-print-quiz"})
        named = title.text_content().strip() if title is not None else ""
        note.text = t("print_quiz", title=named or name)
        quiz.addprevious(note)
        quiz.drop_tree()
    for el in main.iter():
        if not isinstance(el.tag, str):
            continue  # a comment
        if el.tag in HEADINGS:
            el.tag = f"h{int(el.tag[1]) + 1}"
        elif el.tag in LANDMARKS and not el.get("role") and _named(el):
            el.set("role", "note" if el.tag == "aside" else "group")
            el.tag = "div"
        if el.get("id"):
            el.set("id", f"{own}-{el.get('id')}")
        for name in ID_LISTS:
            if el.get(name):
                el.set(name, " ".join(f"{own}-{i}" for i in (el.get(name) or "").split()))
        if el.tag == "a" and el.get("href"):
            el.set("href", _link(el.get("href") or "", own, pages))
    return "".join(lxml.html.tostring(child, encoding="unicode") for child in main)


def print_sections(course: Course, pages: Sequence[bytes], t: Catalog) -> list[tuple[str, Markup]]:
    """Each module's section id and content for the print page, from its rendered ``pages``."""
    names = {m.href.rsplit("/", 1)[-1]: section_id(i) for i, m in enumerate(course.modules)}
    sections = []
    for index, page in enumerate(pages):
        root = lxml.html.fromstring(page)
        # module.html's main; a course's own module.html may lack it: then the whole body.
        main = root.find(".//main[@id='main']")
        main = main if main is not None else root.find(".//body")
        if not isinstance(main, HtmlElement):
            main = root
        title = course.modules[index].title
        sections.append((section_id(index), Markup(_section(main, index, names, t, title))))
    return sections


__all__ = ["print_sections", "section_id"]
