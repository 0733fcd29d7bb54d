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

from lxml import etree
from markupsafe import Markup

from scormbuild.model import Course
from scormbuild.strings import Catalog

# Attributes that hold one id, or a list of ids, of the same page.
ID_LISTS = frozenset((
    "for", "headers", "aria-labelledby", "aria-describedby", "aria-controls", "aria-details",
    "aria-errormessage", "aria-flowto", "aria-owns", "aria-activedescendant",
))  # fmt: skip
# Attributes the print page rewrites: ids (made unique per section) and links.
REWRITTEN = ID_LISTS | {"id", "href"}
HEADINGS = {"h1": "h2", "h2": "h3", "h3": "h4", "h4": "h5", "h5": "h6"}
# Elements that are landmarks when they have a name.
LANDMARKS = ("aside", "section", "nav", "form")
# What a module page has that the print page leaves out: the in-page contents, Previous/Next.
DROPPED = frozenset(("sb-toc", "sb-pager"))
QUIZ = "sb-quiz"


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


def _named(el: etree._Element) -> bool:
    return bool(el.get("aria-label") or el.get("aria-labelledby"))


def _drop(el: etree._Element) -> None:
    """Remove ``el`` and what it holds, keeping the text that follows it."""
    parent = el.getparent()
    assert parent is not None  # only elements inside the module's main are dropped
    if el.tail:
        before = el.getprevious()
        if before is not None:
            before.tail = (before.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _quiz_line(quiz: etree._Element, t: Catalog, module_title: str) -> etree._Element:
    title = quiz.find(".//h2")
    named = ""
    if title is not None:
        named = etree.tostring(title, encoding="unicode", method="text", with_tail=False).strip()
    note = etree.Element("p", {"class": "sb-print-quiz"})
    note.text = t("print_quiz", title=named or module_title)
    return note


def _section(
    main: etree._Element, index: int, pages: dict[str, str], t: Catalog, module_title: str
) -> str:
    own = section_id(index)
    dropped, quizzes = [], []
    for el in main.iterdescendants(etree.Element):
        classes = el.get("class")
        if classes:
            names = classes.split()
            if QUIZ in names:
                quizzes.append(el)
            elif DROPPED.intersection(names):
                dropped.append(el)
    for quiz in quizzes:
        quiz.addprevious(_quiz_line(quiz, t, module_title))
        _drop(quiz)
    for el in dropped:
        _drop(el)
    for el in main.iter(etree.Element):
        tag = el.tag
        if tag in HEADINGS:
            el.tag = HEADINGS[tag]
        elif tag in LANDMARKS and not el.get("role") and _named(el):
            el.set("role", "note" if tag == "aside" else "group")
            el.tag = "div"
        for attr in REWRITTEN.intersection(el.keys()):
            value = el.get(attr)
            if not value:
                continue
            if attr == "id":
                el.set("id", f"{own}-{value}")
            elif attr != "href":
                el.set(attr, " ".join(f"{own}-{i}" for i in value.split()))
            elif tag == "a":
                el.set("href", _link(value, own, pages))
    return "".join(etree.tostring(child, method="html", encoding="unicode") for child in main)


def print_sections(course: Course, pages: Sequence[bytes], t: Catalog) -> list[tuple[str, Markup]]:
    """Each module's section id and content for the print page, from its rendered ``pages``."""
    names = {m.href.rsplit("/", 1)[-1]: section_id(i) for i, m in enumerate(course.modules)}
    parser = etree.HTMLParser()
    sections = []
    for index, page in enumerate(pages):
        root = etree.fromstring(page, parser)
        # module.html's main; a course's own module.html may lack it: then the whole body.
        main = root.find(".//main[@id='main']")
        main = main if main is not None else root.find(".//body")
        main = main if main is not None else root
        title = course.modules[index].title
        sections.append((section_id(index), Markup(_section(main, index, names, t, title))))
    return sections


__all__ = ["print_sections", "section_id"]
