"""The whole course on one page (modules/print.html): every module in order, one valid page
(ids unique, links into the page, headings under the page's title), quizzes named but not
asked, and nothing of a module page that does not belong in a handout. In the browser:
tests/browser/test_printview.py."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import lxml.html

from scormbuild.render.pages import render_course
from scormbuild.render.printview import print_sections
from scormbuild.render.theme import make_environment
from scormbuild.source.load import load_course
from scormbuild.strings import Catalog

EXAMPLE = Path(__file__).resolve().parents[1] / "course"


def rendered() -> tuple[dict[str, bytes], list[str]]:
    course = load_course(EXAMPLE).courses[0]  # Finnish
    files = {f.path: f.data or b"" for f in render_course(course, make_environment(None))}
    return files, [m.href for m in course.modules]


def test_every_module_in_order_as_one_valid_page() -> None:
    files, hrefs = rendered()
    page = lxml.html.fromstring(files["modules/print.html"])
    sections = page.find_class("sb-print-section")
    assert [s.get("id") for s in sections] == [f"p{i + 1}" for i in range(len(hrefs))]
    for section, href in zip(sections, hrefs, strict=True):
        module = lxml.html.fromstring(files[href])
        title = module.find(".//main/h1").text_content()
        # The module's title is the first heading of its section, one level down.
        assert section.find("h2").text_content() == title
    ids = Counter(el.get("id") for el in page.iter() if isinstance(el.tag, str) and el.get("id"))
    assert [i for i, n in ids.items() if n > 1] == []
    assert len(page.findall(".//h1")) == 1
    # What is a landmark on a module page would repeat here: inside a section none is left.
    named = "@aria-label or @aria-labelledby"
    landmarks = page.xpath(f"//section//*[self::aside or self::section or self::nav][{named}]")
    assert landmarks == []
    assert page.xpath("//div[@role='note' and contains(@class, 'callout')]")
    # Every link into the page finds its target; labels name elements that are there.
    for el in page.iter("a"):
        href = el.get("href", "")
        if href.startswith("#"):
            assert href[1:] in ids, href
        assert not href.split("#")[0].endswith(tuple(h.rsplit("/", 1)[1] for h in hrefs)), href
    for el in page.xpath("//*[@aria-labelledby or @aria-describedby or @aria-controls or @for]"):
        for name in ("aria-labelledby", "aria-describedby", "aria-controls", "for"):
            for ref in (el.get(name) or "").split():
                assert ref in ids, (name, ref)


def test_quizzes_are_named_not_asked() -> None:
    files, _hrefs = rendered()
    page = lxml.html.fromstring(files["modules/print.html"])
    assert page.find_class("sb-quiz") == [] and page.xpath("//input|//fieldset") == []
    notes = [p.text_content() for p in page.find_class("sb-print-quiz")]
    quizzes = sum(
        len(lxml.html.fromstring(files[p]).find_class("sb-quiz"))
        for p in files
        if p.startswith("modules/0")
    )
    assert len(notes) == quizzes > 0
    assert all(n.startswith("Tehtävä: ") and n.endswith("Vastaa siihen kurssilla.") for n in notes)
    # No in-page contents lists, and no script of a block: every block shows all of it.
    assert page.find_class("sb-toc") == []
    scripts = [s.get("src") for s in page.iter("script")]
    assert not [s for s in scripts if "blocks" in s]
    assert "../scormbuild/blocks.css" in [s.get("href") for s in page.iter("link")]


def test_the_print_view_is_reached_from_cover_finish_and_menu() -> None:
    files, _hrefs = rendered()
    for name in ("modules/cover.html", "modules/finish.html"):
        links = [a.get("href") for a in lxml.html.fromstring(files[name]).iter("a")]
        assert "print.html" in links, name
    launch = lxml.html.fromstring(files["index.html"])
    assert launch.xpath("//nav//a[@data-page='print']/@href") == ["modules/print.html"]


def test_a_course_module_template_without_main_still_prints(tmp_path: Path) -> None:
    from tests.coursekit import write_course

    page = (
        '{% extends "base.html" %}{% block body %}<div class="mine"><h1>{{ module.title }}</h1>'
        "{{ body }}</div>{% endblock %}"
    )
    root = write_course(tmp_path / "c", {"templates/module.html": page})
    course = load_course(root).courses[0]
    files = {
        f.path: f.data or b"" for f in render_course(course, make_environment(course.templates))
    }
    whole = lxml.html.fromstring(files["modules/print.html"])
    titles = [s.find(".//h2").text_content() for s in whole.find_class("sb-print-section")]
    assert titles == [m.title for m in course.modules]


def test_what_a_section_drops_and_keeps_in_one_module() -> None:
    # The parts a handout leaves out go with what they hold; the text after them stays.
    course = load_course(EXAMPLE).courses[0]
    page = (
        '<html><body><main id="main"><h1 id="top">T</h1>'
        '<nav class="sb-toc" aria-label="c"><a href="#a">a</a></nav>kept 1 '
        '<h2 id="a">A</h2><p>See <a href="#top">top</a> and <a href="cover.html">cover</a>.</p>'
        '<div class="x sb-quiz"><h2>Q <b>1</b></h2><input id="i"></div>kept 2'
        '<aside class="callout" aria-labelledby="n"><p id="n">Note</p></aside>'
        '<nav class="sb-pager" aria-label="p"><a href="x.html">x</a></nav>kept 3'
        "</main></body></html>"
    )
    t = Catalog("en")
    [(ident, html)] = print_sections(course, [page.encode()], t)
    assert ident == "p1"
    assert str(html) == (
        '<h2 id="p1-top">T</h2>kept 1 '
        '<h3 id="p1-a">A</h3>'
        '<p>See <a href="#p1-top">top</a> and <a href="cover.html">cover</a>.</p>'
        '<p class="sb-print-quiz">Quiz: Q 1. Answer it in the course.</p>kept 2'
        '<div class="callout" aria-labelledby="p1-n" role="note"><p id="p1-n">Note</p></div>kept 3'
    )
