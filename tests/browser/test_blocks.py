"""The interactive blocks as a learner meets them: in the test LMS, by keyboard, with scripts
off, in print, and under axe-core at 1280 and 320 px in English, Finnish and Swedish (and at a
375 px phone's width).

The course is ``tests/blocks_course/``: every block once, and a glossary, in three languages.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Frame, Page
from scorm_lms import LmsServer, LmsSession

from scormbuild.commands.build import build
from tests.browser.a11y import (
    AXE_JS,
    CONTROL_BORDERS,
    FOCUS_INDICATOR,
    content_frame,
    open_module,
    reflow_problems,
    run_axe,
    structure_problems,
)
from tests.browser.learner import interactions
from tests.coursekit import MODULE, write_course

BLOCKS_COURSE = Path(__file__).resolve().parents[1] / "blocks_course"
LANGUAGES = ("en", "fi", "sv")
WIDTHS = (1280, 320)
# Each language at the desktop and the narrowest width, and a common phone's width once.
SIZES = [(lang, width) for lang in LANGUAGES for width in WIDTHS] + [("en", 375)]

# Every block through its states: panels opened, each tab chosen, cards turned, the steps
# walked, a marker opened, the scenario played to an ending, a reflection written, a term's
# popover opened. Returns what it did, for the test to check that each block was there.
OPEN_ALL = """() => {
  const done = {};
  const count = (k) => { done[k] = (done[k] || 0) + 1; };
  document.querySelectorAll('.sb-acc-button').forEach((b) => { b.click(); count('panel'); });
  document.querySelectorAll('[role=tab]').forEach((b) => { b.click(); count('tab'); });
  document.querySelectorAll('.sb-card-button').forEach((b) => { b.click(); count('card'); });
  document.querySelectorAll('.sb-step-next').forEach((b) => {
    for (let i = 0; i < 5; i++) b.click();
    count('steps');
  });
  document.querySelectorAll('.sb-graphic').forEach((g) => {
    g.querySelector('button.sb-marker').click(); count('marker');
  });
  document.querySelectorAll('.sb-scenario').forEach((s) => {
    for (let i = 0; i < 5; i++) {
      const c = s.querySelector('.sb-scene:not([hidden]) button.sb-scene-choice');
      if (!c) break;
      c.click(); count('choice');
    }
  });
  document.querySelectorAll('.sb-reflection textarea').forEach((t) => {
    t.value = 'A lesson.'; t.dispatchEvent(new Event('input')); count('reflection');
  });
  const term = document.querySelector('button.sb-term');
  if (term) { term.click(); count('term'); }
  return done;
}"""


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """The blocks course built once: one zip per language."""
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci` in tests/lms", pytrace=False)
    out = tmp_path_factory.mktemp("dist")
    result = build(BLOCKS_COURSE, out)
    by_lang = {p.stem.rsplit("-", 1)[1]: p for p in result.packages}
    assert sorted(by_lang) == sorted(LANGUAGES)
    yield by_lang


def launch(lms: LmsSession, package: Path, width: int = 1280) -> Frame:
    """The course in the LMS, module 1 open in the content frame."""
    lms.launch(package)
    assert lms.page is not None
    lms.page.set_viewport_size({"width": width, "height": 900})
    lms.wait_for_initialize()
    return open_module(lms, 0)


def problems_of(lms: LmsSession, frame: Frame, lang: str, label: str) -> list[str]:
    found = run_axe(frame, lms.server.origin, label) + reflow_problems(frame, label)
    found += structure_problems(frame, lang, label)
    borders: list[str] = frame.evaluate(CONTROL_BORDERS)
    return found + [f"{label}: control border below 3:1: {b}" for b in borders]


@pytest.mark.parametrize(("lang", "width"), SIZES)
def test_blocks_have_no_axe_violations(
    lms: LmsSession, packages: dict[str, Path], lang: str, width: int
) -> None:
    frame = launch(lms, packages[lang], width)
    problems = problems_of(lms, frame, lang, f"{lang} {width}px blocks")
    done = frame.evaluate(OPEN_ALL)
    assert set(done) == {"panel", "tab", "card", "steps", "marker", "choice", "reflection", "term"}
    problems += problems_of(lms, frame, lang, f"{lang} {width}px blocks opened")
    # The glossary page, which the popover links to.
    frame.click(".sb-popover-link")
    frame.wait_for_selector(".sb-glossary")
    problems += problems_of(lms, content_frame(lms), lang, f"{lang} {width}px glossary")
    assert not problems, "\n".join(problems)
    lms.assert_no_page_errors()
    lms.assert_no_external_requests()


@pytest.mark.parametrize("scheme", ["dark"])
def test_blocks_in_the_dark_colour_scheme(
    lms: LmsSession, packages: dict[str, Path], scheme: str
) -> None:
    frame = launch(lms, packages["en"])
    assert lms.page is not None
    lms.page.emulate_media(color_scheme="dark")
    background = frame.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert background != "rgb(255, 255, 255)", "the dark scheme is not applied"
    problems = problems_of(lms, frame, "en", "dark")
    frame.evaluate(OPEN_ALL)
    problems += problems_of(lms, frame, "en", "dark, opened")
    assert not problems, "\n".join(problems)


def focused(frame: Frame) -> str:
    """The focused element: tag, id and class."""
    text: str = frame.evaluate(
        "() => { const e = document.activeElement;"
        " return e.tagName.toLowerCase() + '#' + e.id + '.' + e.className; }"
    )
    return text


def press_on(frame: Frame, page: Page, selector: str, *keys: str) -> None:
    """Focus ``selector`` and press ``keys`` in turn."""
    frame.focus(selector)
    for key in keys:
        page.keyboard.press(key)


def test_every_block_works_by_keyboard(lms: LmsSession, packages: dict[str, Path]) -> None:
    frame = launch(lms, packages["en"])
    page = lms.page
    assert page is not None
    # Accordion: Enter opens, arrows move between the headers.
    press_on(frame, page, ".sb-acc-button", "Enter")
    first = frame.locator(".sb-acc-button").first
    assert first.get_attribute("aria-expanded") == "true"
    panel = frame.locator("#" + str(first.get_attribute("aria-controls")))
    assert panel.is_visible()
    page.keyboard.press("ArrowDown")
    assert focused(frame).endswith("sb-acc-button") and "h2-b" in focused(frame)
    page.keyboard.press("End")
    page.keyboard.press("ArrowDown")
    assert "h1-b" in focused(frame), "arrows wrap around"
    page.keyboard.press("Enter")
    assert first.get_attribute("aria-expanded") == "false"
    # Tabs: one tab stop; arrows choose and wrap; Tab enters the panel.
    tabs = frame.locator("[role=tab]")
    press_on(frame, page, "[role=tab][aria-selected=true]", "ArrowRight")
    assert tabs.nth(1).get_attribute("aria-selected") == "true"
    assert frame.locator("[role=tabpanel]:not([hidden])").count() == 1
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert tabs.nth(tabs.count() - 1).get_attribute("aria-selected") == "true"
    assert frame.evaluate("() => document.activeElement.getAttribute('role')") == "tab"
    assert [tabs.nth(i).get_attribute("tabindex") for i in range(tabs.count())].count("0") == 1
    page.keyboard.press("Tab")
    assert frame.evaluate("() => document.activeElement.getAttribute('role')") == "tabpanel"
    # Flip cards: Space turns a card and back.
    card = frame.locator(".sb-card-button").first
    press_on(frame, page, ".sb-card-button", "Space")
    assert card.get_attribute("aria-expanded") == "true"
    frame.wait_for_selector(".sb-card-back >> nth=0", state="visible")  # once it has turned
    # Steps: Next and Previous keep the focus, the status says where the learner is.
    press_on(frame, page, ".sb-step-next", "Enter", "Enter", "Enter")
    assert frame.text_content(".sb-step-status") == "Step 3 of 3: Share"
    assert frame.locator(".sb-step-next").get_attribute("aria-disabled") == "true"
    assert "sb-step-next" in focused(frame)
    press_on(frame, page, ".sb-step-prev", "Enter")
    assert frame.text_content(".sb-step-status") == "Step 2 of 3: Refine"
    # Labelled graphic: a marker opens its text, Escape closes it and keeps the focus.
    marker = frame.locator("button.sb-marker").nth(1)
    press_on(frame, page, "button.sb-marker >> nth=1", "Enter")
    assert marker.get_attribute("aria-expanded") == "true"
    assert frame.locator(".sb-marker-text:not([hidden])").count() == 1
    page.keyboard.press("Escape")
    assert marker.get_attribute("aria-expanded") == "false"
    assert "sb-marker" in focused(frame)
    assert frame.evaluate("() => document.activeElement.textContent").startswith("2")
    # Scenario: a choice shows the next scene and moves the focus to its heading.
    press_on(frame, page, "button.sb-scene-choice >> nth=1", "Enter")
    assert frame.evaluate("() => document.activeElement.className") == "sb-scene-title"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert frame.locator(".sb-ending:not([hidden])").count() == 1
    assert frame.locator(".sb-scenario-restart").is_visible()
    # Reflection: typed text stays on the device after the page is opened again.
    frame.focus(".sb-reflection textarea")
    page.keyboard.type("Share failures too.")
    frame.wait_for_function("() => document.querySelector('.sb-reflection-status').textContent")
    # Glossary: Enter opens the definition right after the term, Escape closes it.
    press_on(frame, page, ".sb-acc-button", "Enter")  # the term is in the first panel
    press_on(frame, page, "button.sb-term", "Enter")
    assert frame.locator(".sb-popover:not([hidden])").count() == 1
    page.keyboard.press("Escape")
    assert frame.locator(".sb-popover:not([hidden])").count() == 0
    assert "sb-term" in focused(frame)
    frame = open_module(lms, 0)
    assert frame.input_value(".sb-reflection textarea") == "Share failures too."
    lms.assert_no_page_errors()


def test_focus_is_visible_on_every_block_control(
    lms: LmsSession, packages: dict[str, Path]
) -> None:
    frame = launch(lms, packages["en"])
    selectors = [
        ".sb-acc-button", "[role=tab][aria-selected=true]", ".sb-card-button", ".sb-step-next",
        "button.sb-marker", "button.sb-scene-choice", ".sb-reflection textarea", "button.sb-term",
    ]  # fmt: skip
    weak = []
    for selector in selectors:
        frame.focus(selector)
        found = frame.evaluate(FOCUS_INDICATOR)
        if not found or not found["visible"] or float(found["contrast"]) < 3:
            weak.append(f"{selector}: {found}")
    assert not weak, "\n".join(weak)


def test_scored_scenario_reports_its_ending(lms: LmsSession, packages: dict[str, Path]) -> None:
    frame = launch(lms, packages["fi"])
    choice = ".sb-scene:not([hidden]) button.sb-scene-choice"
    frame.click(choice)  # straight into the final report
    lms.wait_until(lambda: bool(interactions(lms.cmi)))
    first = interactions(lms.cmi)[0]
    assert first["id"] == "project-end.project-end-ending"
    assert (first["type"], first["student_response"], first["result"]) == ("choice", "a", "wrong")
    # The scenario may be played again: a wrong ending is no final result yet.
    assert lms.value("cmi.core.lesson_status") != "failed"
    assert lms.value("cmi.core.score.raw") in ("", None)
    frame.click(".sb-scenario-restart")
    frame.click(f"{choice} >> nth=1")  # a retrospective first
    frame.click(choice)  # then a result card that is shared
    lms.wait_until(lambda: len(interactions(lms.cmi)) == 2)
    second = interactions(lms.cmi)[1]
    assert (second["student_response"], second["result"]) == ("b", "correct")
    assert lms.value("cmi.core.lesson_status") == "passed"
    assert lms.value("cmi.core.score.raw") == "100"
    assert "Hyvä lopputulos" in (frame.text_content(".sb-scenario-result") or "")
    lms.assert_no_violations()


LIMITED = """
::: scenario case scored attempts=1
The project ends next week.

::: scene start
What do you do?

- [Archive the files](#archived)
- [Share the lessons](#shared)
:::
::: ending archived
Nobody reads them.
:::
::: ending shared good
The next project starts from them.
:::
:::
"""


def test_a_scored_scenario_counts_only_its_attempts(
    lms: LmsSession, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """``attempts=1``: the first run is the result; a second run plays, says that no attempts
    are left, and records nothing."""
    root = tmp_path_factory.mktemp("limited")
    body = MODULE.format(title="Case") + LIMITED
    course = write_course(root / "c", {"modules/01-intro.md": body})
    frame = launch(lms, build(course, root / "dist").packages[0])
    choice = ".sb-scene:not([hidden]) button.sb-scene-choice"
    frame.click(choice)  # the wrong ending
    lms.wait_until(lambda: bool(interactions(lms.cmi)))
    first = interactions(lms.cmi)[0]
    assert (first["id"], first["result"]) == ("case.case-ending", "wrong")
    result = ".sb-scene:not([hidden]) .sb-scenario-result"
    assert "No attempts left" not in (frame.text_content(result) or "")
    frame.click(".sb-scenario-restart")
    frame.click(f"{choice} >> nth=1")  # the good ending, too late
    assert "No attempts left." in (frame.text_content(result) or "")
    lms.unload_sco()  # everything the page had to say is said
    assert len(interactions(lms.cmi)) == 1
    assert lms.value("cmi.core.score.raw") == "0"
    assert lms.value("cmi.core.lesson_status") == "failed"
    lms.assert_no_violations()


def test_reflection_text_never_reaches_the_lms(lms: LmsSession, packages: dict[str, Path]) -> None:
    frame = launch(lms, packages["sv"])
    frame.fill(".sb-reflection textarea", "Min hemliga lärdom")
    frame.wait_for_function("() => document.querySelector('.sb-reflection-status').textContent")
    frame.evaluate("() => document.dispatchEvent(new Event('visibilitychange'))")
    assert "hemliga" not in str(lms.snapshot())
    stored = frame.evaluate("() => Object.entries(localStorage).map(([k, v]) => k + '=' + v)")
    learner = lms.value("cmi.core.student_id")
    assert stored == [f"scormbuild:blocks:sv:{learner}:01-blocks:my-project=Min hemliga lärdom"]
    frame.click(".sb-reflection-clear")
    assert frame.evaluate("() => localStorage.length") == 0
    assert frame.input_value(".sb-reflection textarea") == ""


def module_page(browser: Browser, lms_server: LmsServer, tmp_path: Path, zip_path: Path,
                scripts: bool) -> Page:  # fmt: skip
    """The module page opened on its own, with scripts on or off."""
    target = tmp_path / zip_path.stem
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(target)
    base = lms_server.mount(target)
    context = browser.new_context(java_script_enabled=scripts)
    page = context.new_page()
    page.goto(base + "modules/01-blocks.html")
    return page


def test_blocks_read_in_order_with_scripts_off(
    browser: Browser, lms_server: LmsServer, tmp_path: Path, packages: dict[str, Path]
) -> None:
    page = module_page(browser, lms_server, tmp_path, packages["en"], scripts=False)
    hidden = page.locator(".sb-block [hidden]").count()
    assert hidden == 0, "without scripts nothing of a block is hidden"
    assert page.locator(".sb-tab-title").count() == 3  # each tab's title as a heading
    assert page.locator(".sb-card-back").count() == 2
    # Scenario choices are links to scenes in the same page.
    targets = page.eval_on_selector_all(
        "a.sb-scene-choice", "(as) => as.map((a) => !!document.getElementById(a.hash.slice(1)))"
    )
    assert targets and all(targets)
    # Terms link to their entry on the glossary page; the definitions show at the end.
    assert page.get_attribute("a.sb-term", "href") == "glossary.html#sb-term-lesson"
    assert page.locator(".sb-defs").is_visible()
    page.context.close()


def test_print_shows_every_part_of_every_block(
    browser: Browser, lms_server: LmsServer, tmp_path: Path, packages: dict[str, Path]
) -> None:
    page = module_page(browser, lms_server, tmp_path, packages["en"], scripts=True)
    page.wait_for_selector(".sb-tabs.sb-on")
    assert page.locator(".sb-acc-panel:not([hidden])").count() == 0
    page.emulate_media(media="print")
    shown = page.evaluate(
        "() => [...document.querySelectorAll('.sb-acc-panel, .sb-tab-panel, .sb-tab-title,"
        " .sb-card-back, .sb-step, .sb-marker-text, .sb-scene, .sb-defs')]"
        ".filter((e) => getComputedStyle(e).display === 'none').map((e) => e.className)"
    )
    assert shown == []
    gone = page.evaluate(
        "() => [...document.querySelectorAll('.sb-tablist, .sb-step-nav, .sb-reflection-clear')]"
        ".filter((e) => getComputedStyle(e).display !== 'none').map((e) => e.className)"
    )
    assert gone == []
    page.context.close()


def test_code_ships_for_the_blocks_used_within_budget(packages: dict[str, Path]) -> None:
    with zipfile.ZipFile(packages["en"]) as zf:
        names = zf.namelist()
        code = sum(
            zf.getinfo(n).file_size
            for n in names
            if n.startswith("scormbuild/")
            and n.endswith((".js", ".css"))
            and "course-data" not in n
        )
    assert code <= 60 * 1024, f"learner JS+CSS with every block: {code} bytes"
    assert "modules/glossary.html" in names
