"""Rendering: the launch page, module pages, runtime files, theme overrides and budgets."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import jinja2
import pytest
from lxml import html as lxml_html

from scormbuild.courseconfig import Theme
from scormbuild.model import CourseTemplates, OutputFile
from scormbuild.render.pages import render_course
from scormbuild.render.theme import brand_css, contrast, make_environment, parse_color
from tests.course_samples import no_blocks_course, sample_course

CSP = "default-src 'self'; script-src 'self'"


def files(**config: object) -> dict[str, bytes]:
    out = render_course(sample_course(**config), make_environment(None))
    return {f.path: f.data or b"" for f in out}


def test_package_files() -> None:
    out = files()
    assert sorted(out) == [
        "index.html",
        "modules/01-osio-1.html",
        "modules/02-osio-2.html",
        "modules/03-osio-3.html",
        "modules/cover.html",
        "modules/finish.html",
        "modules/print.html",
        "scormbuild/arrival.js",
        "scormbuild/brand.css",
        "scormbuild/core.js",
        "scormbuild/course-data.js",
        "scormbuild/dragdrop.css",
        "scormbuild/dragdrop.js",
        "scormbuild/launch.js",
        "scormbuild/page.js",
        "scormbuild/quiz-ui.js",
        "scormbuild/theme.css",
    ]


def test_output_is_deterministic() -> None:
    assert files() == files()


@pytest.mark.parametrize("path", ["index.html", "modules/01-osio-1.html"])
def test_pages_are_strict_and_accessible(path: str) -> None:
    text = files()[path].decode()
    doc = lxml_html.fromstring(text)
    assert doc.get("lang") == "fi"
    assert CSP in text
    assert len(doc.findall(".//h1")) == 1
    assert doc.find(".//main") is not None
    assert doc.find(".//a[@class='sb-skip']").get("href") == "#main"
    # No inline script, style or event handler: the CSP would block them.
    assert all(s.get("src") for s in doc.iter("script"))
    assert not doc.findall(".//style")
    assert not [el for el in doc.iter() if "style" in el.attrib]
    assert not re.search(r"\son[a-z]+=", text)
    # Nothing leaves the package.
    assert not re.search(r"(src|href)=\"(https?:)?//", text)


def test_launch_page_hosts_modules() -> None:
    doc = lxml_html.fromstring(files()["index.html"])
    frame = doc.find(".//iframe")
    assert frame.get("title") == "Kurssin sisältö"
    assert frame.get("src") == "modules/cover.html"  # the cover page comes first
    links = doc.findall(".//nav//a[@data-module]")
    assert [a.get("href") for a in links] == [f"modules/0{i}-osio-{i}.html" for i in (1, 2, 3)]
    assert {a.get("target") for a in links} == {frame.get("name")}
    assert doc.get_element_by_id("sb-progress").text == "0/3 osiota"
    scripts = [s.get("src") for s in doc.iter("script")]
    assert scripts[0] == "scormbuild/course-data.js" and scripts[-1] == "scormbuild/launch.js"


def test_module_page_quizzes_and_structure() -> None:
    text = files()["modules/01-osio-1.html"].decode()
    assert "scormbuild:quiz" not in text
    doc = lxml_html.fromstring(text)
    assert doc.find(".//h1").text == "Osio 1"
    assert [a.get("href") for a in doc.findall(".//nav[@class='sb-toc']//a")] == [
        "#alku-1",
        "#loppu-1",
    ]
    quiz = doc.get_element_by_id("q-tarkistus")
    assert len(quiz.findall(".//li[@class='sb-question']")) == 7
    legends = quiz.findall(".//fieldset/legend")
    assert len(legends) == 5  # every type but fill and numeric groups its controls
    assert "päätarkoitus" in legends[0].text_content()
    for label in quiz.iter("label"):
        assert doc.get_element_by_id(label.get("for")) is not None
    assert quiz.find(".//input[@inputmode='decimal']") is not None
    assert quiz.find(".//select/option").text == "Valitse…"
    assert quiz.findall(".//div[@role='status']")
    buttons = quiz.findall(".//ol[@class='sb-order']//button")
    assert buttons[0].get("aria-label") == "Siirrä ylös: Kerää"  # rotated: no answer shown
    assert doc.find(".//a[@rel='next']").get("href") == "02-osio-2.html"
    assert doc.find(".//a[@rel='prev']").get("href") == "cover.html"


def test_course_data() -> None:
    text = files()["scormbuild/course-data.js"].decode()
    prefix = "window.SCORMBUILD_COURSE = "
    assert text.startswith(prefix)
    data = json.loads(text[len(prefix) :].rstrip().rstrip(";"))
    assert data["mastery"] == 80 and data["completion"] == ["viewed", "passed"]
    assert data["modules"][0]["href"] == "modules/01-osio-1.html"
    pooled = data["quizzes"][2]
    assert (pooled["drawn"], pooled["so"], pooled["max"]) == (3, True, 4)
    assert data["quizzes"][0]["questions"][0]["key"] == [0]
    assert data["strings"]["not_tracked"] == "Edistymistä ei tallenneta."


def test_strings_follow_language_and_overrides() -> None:
    sv = files(language="sv")["index.html"].decode()
    assert 'lang="sv"' in sv and "Hoppa till innehållet" in sv
    custom = files(strings=(("skip", "Hyppää sisältöön"),))["index.html"].decode()
    assert "Hyppää sisältöön" in custom


def test_js_and_css_stay_under_budget() -> None:
    """The learner code a package ships, as docs/performance.md counts it: every script and
    stylesheet but the course's own data (course-data.js, which grows with its questions),
    for the most a course without interactive blocks ships (course_samples.no_blocks_course:
    every question kind, so drag and drop, exam mode, callouts, footnotes, a table, links, a
    logo and a cover image). The figures: docs/performance.md, "The learner code budget".
    The limit is the budget, 40 KB."""
    out = render_course(no_blocks_course(), make_environment(None))
    code = {f.path: f.data or b"" for f in out if f.path.endswith((".js", ".css"))}
    del code["scormbuild/course-data.js"]
    for part in ("exam.js", "dragdrop.js", "dragdrop.css", "quiz-ui.js", "launch.js"):
        assert f"scormbuild/{part}" in code
    theme = code["scormbuild/theme.css"]
    for rule in (b".callout-important{", b".sb-hero{", b".sb-logo{", b".sb-table{", b".sb-choice{"):
        assert rule in theme
    assert sum(len(v) for v in code.values()) <= 40_960


def test_theme_css_takes_in_the_path_only_for_a_package_with_a_launch_page() -> None:
    single = files()["scormbuild/theme.css"].decode()
    multi = files(sco_mode="multi")["scormbuild/theme.css"].decode()
    for rule in (".sb-header{", ".sb-menu-button{", ".sb-hero{", ".sb-outcome{"):
        assert rule in single and rule not in multi
    assert ".sb-notice{" in multi and ".sb-pager{" in multi  # module pages' own


def test_theme_css_takes_in_the_quizzes_only_for_a_package_with_a_question() -> None:
    course = sample_course()
    plain = tuple(replace(m, quizzes=(), html="<p>Teksti.</p>") for m in course.modules)
    out = render_course(replace(course, modules=plain), make_environment(None))
    css = next(f.data or b"" for f in out if f.path == "scormbuild/theme.css").decode()
    assert ".sb-choice{" not in css and ".sb-item{" not in css
    assert ".sb-button{" in css and "textarea{" in css  # the path's and the blocks' too
    quizzes = files()["scormbuild/theme.css"].decode()
    assert ".sb-choice{" in quizzes
    assert "@media (forced-colors:active){.sb-feedback,.sb-answer,.sb-result,.sb-item{" in quizzes


def test_theme_css_takes_in_the_callouts_only_for_a_course_with_one() -> None:
    plain = files()["scormbuild/theme.css"].decode()
    assert ".callout-title" not in plain and ".sb-quiz{" in plain
    course = sample_course()
    first = course.modules[0]
    aside = '<aside class="callout callout-tip" aria-label="Vinkki"><p>Vinkki</p></aside>'
    modules = (replace(first, html=first.html + aside), *course.modules[1:])
    out = render_course(replace(course, modules=modules), make_environment(None))
    css = next(f.data or b"" for f in out if f.path == "scormbuild/theme.css").decode()
    assert css.index(".callout{") > css.index("@media print")  # after the theme's own rules
    # One image holds the four icons; each kind shows its own part of it.
    assert css.count("data:image/svg+xml") == 1
    assert "mask:var(--i) var(--p) 0/400% 100% no-repeat}" in css
    assert ".callout-tip{--c:var(--sb-tip);--cb:var(--sb-tip-bg);--p:33.33%}" in css
    assert "@media (forced-colors:active){.callout-title::before{forced-color-adjust:none" in css


def test_brand_colour_goes_to_brand_css() -> None:
    assert "#00578a" in files()["scormbuild/brand.css"].decode()
    pale = brand_css("#ffdd00")
    colour = re.search(r"--sb-brand: (#[0-9a-f]{6})", pale)
    assert colour
    assert contrast(parse_color(colour.group(1)), (255, 255, 255)) >= 4.5
    yellow = files(theme=Theme(brand_color="#ffdd00"))["scormbuild/brand.css"]
    light, dark = yellow.split(b"@media (prefers-color-scheme:dark)")  # shipped minified
    assert b"#ffdd00" not in light
    assert b"--sb-brand:#ffdd00" in dark  # pale colours are readable on the dark panels


def test_course_templates_override_the_theme(tmp_path: Path) -> None:
    texts = {
        "static/theme.css": "body { color: red; }\n",
        "static/path.css": "nav { color: blue; }\n",
        "static/quiz.css": "li { color: green; }\n",
    }
    templates = CourseTemplates(tmp_path / "templates", texts)
    course = replace(sample_course(), root=tmp_path, templates=templates)
    out: list[OutputFile] = render_course(course, make_environment(templates))
    css = next(f for f in out if f.path == "scormbuild/theme.css")
    assert css.data == b"body{color:red}nav{color:blue}li{color:green}\n"  # theme, then parts


def test_missing_template_names_the_search_path(tmp_path: Path) -> None:
    env = make_environment(CourseTemplates(tmp_path / "templates"))
    with pytest.raises(jinja2.TemplateNotFound) as info:
        env.get_template("nope.html")
    assert str(tmp_path / "templates") in str(info.value)
    assert "searched" in str(info.value)


def test_a_course_template_gives_figures_and_players_their_markup(tmp_path: Path) -> None:
    from scormbuild.source.load import load_course
    from tests.coursekit import MODULE, write_course

    body = (
        MODULE.format(title="More")
        + '\n![A cycle](../assets/pic.png "The cycle")\n\n![A talk](../assets/talk.mp4)\n'
    )
    course_dir = write_course(
        tmp_path,
        {
            "modules/02-more.md": body,
            "assets/pic.png": b"\x89PNG\r\n\x1a\n",
            "assets/talk.mp4": b"\x00\x00\x00\x18ftypmp42",
            "assets/talk.vtt": "WEBVTT\n",
            "templates/figure.html": '<div class="pic">{{ figure.caption_html | safe }}</div>\n',
            "templates/media.html": '<p class="clip">{{ media.label }}: {{ media.captions }}</p>',
        },
    )
    (course,) = load_course(course_dir).courses
    out = {f.path: f.data for f in render_course(course, make_environment(course.templates))}
    page = (out["modules/02-more.html"] or b"").decode()
    assert '<div class="pic">The cycle</div>' in page
    assert '<p class="clip">A talk: assets/talk.vtt</p>' in page
    assert "<video" not in page and "<figure" not in page
