"""The preview keeps the author's place: a rebuild on save reopens the page they were reading,
scrolled where they were, in single-SCO mode (the launch page scrolls: its frame grows with the
module page) and in multi-SCO mode (the module page is the SCO and scrolls itself)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Frame, Page, expect

from tests.coursekit import COURSE_YML, MODULE, write_course
from tests.previewkit import running_preview, wait_for

LONG = MODULE.format(title="Long") + "".join(
    f"\n## Part {n}\n\n" + "A paragraph that takes some room on the page. " * 12 + "\n"
    for n in range(1, 25)
)
SCROLLED = 1500


def sco(page: Page) -> Frame:
    """The SCO's window in the preview: the launch page, or in multi-SCO mode a module page."""
    element = page.query_selector("#sco-frame")
    frame = element.content_frame() if element is not None else None
    assert frame is not None
    return frame


def module(page: Page, multi: bool) -> Frame | None:
    """The window that shows the module page."""
    if multi:
        return sco(page)
    element = sco(page).query_selector("#sb-frame")
    return element.content_frame() if element is not None else None


def shows_long(page: Page, multi: bool) -> bool:
    """Whether the long module's page is shown, loaded."""
    try:
        frame = module(page, multi)
        # Asked of the page itself: a frame's url as Playwright last saw it can lag behind.
        return frame is not None and bool(
            frame.evaluate(
                "() => location.pathname.endsWith('/modules/02-long.html')"
                " && document.readyState === 'complete'"
            )
        )
    except Exception:  # a frame between two pages has no document to ask
        return False


def text(page: Page, multi: bool) -> str:
    try:
        frame = module(page, multi)
        return frame.inner_text("main", timeout=1000) if frame is not None else ""
    except Exception:  # navigating
        return ""


def arrived(page: Page) -> bool:
    """Whether the launch page's frame shows a page loaded since the last one was marked."""
    try:
        frame = module(page, False)
        return frame is not None and bool(
            frame.evaluate("() => !window.__sbLeft && document.readyState === 'complete'")
        )
    except Exception:  # navigating
        return False


def scrolled(page: Page) -> int:
    try:
        return int(sco(page).evaluate("() => window.scrollY"))
    except Exception:  # navigating
        return -1


@pytest.mark.parametrize("mode", ["single", "multi"])
def test_a_rebuild_reopens_the_page_where_the_author_was(
    browser: Browser, tmp_path: Path, mode: str
) -> None:
    multi = mode == "multi"
    yml = COURSE_YML + ("sco_mode: multi\n" if multi else "")
    course = write_course(tmp_path / "course", {"course.yml": yml, "modules/02-long.md": LONG})
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        with running_preview(course) as base:
            page.goto(base)
            log = page.locator("#call-log")
            expect(page.locator("#build-status")).to_contain_text("build 1 ok", timeout=10000)
            expect(log).to_contain_text('LMSInitialize("") → "true"', timeout=10000)
            if multi:  # the author opens the long module's SCO, as from an LMS's contents
                page.select_option("#sco", label="Long")
            else:
                page.frame_locator("#sco-frame").locator("[data-module='1']").click()
            wait_for(lambda: shows_long(page, multi), 20)
            sco(page).evaluate(f"() => window.scrollTo(0, {SCROLLED})")
            assert scrolled(page) == SCROLLED

            source = course / "modules/02-long.md"
            source.write_text(source.read_text("utf-8").replace("Part 3", "Part three"), "utf-8")
            expect(page.locator("#build-status")).to_contain_text("build 2 ok", timeout=10000)
            expect(log).to_contain_text("closing the course (rebuilt)", timeout=10000)
            # The page shows the edit, it is the page the author was reading, and it is
            # scrolled where they left it.
            wait_for(lambda: shows_long(page, multi) and "Part three" in text(page, multi), 20)
            wait_for(lambda: scrolled(page) == SCROLLED, 10)
    finally:
        context.close()


def test_next_in_the_preview_opens_the_module_at_its_title(
    browser: Browser, tmp_path: Path
) -> None:
    """The preview's course (single-SCO) moves on as a learner's does: at the top, focus on
    the title, however far down the author had read."""
    course = write_course(
        tmp_path / "course",
        {
            "modules/01-intro.md": LONG.replace("title: Long", "title: Intro"),
            "modules/02-long.md": LONG,
        },
    )
    context = browser.new_context(viewport={"width": 375, "height": 700})
    page = context.new_page()
    try:
        with running_preview(course) as base:
            page.goto(base)
            expect(page.locator("#call-log")).to_contain_text(
                'LMSInitialize("") → "true"', timeout=10000
            )
            # The first module, from the module list (behind the menu on a phone).
            menu = sco(page).locator(".sb-menu-button[aria-expanded=false]")
            if menu.count() and menu.is_visible():
                menu.click()
            wait_for(lambda: text(page, False), 20)
            mark = "() => { window.__sbLeft = true; }"
            (module(page, False) or sco(page)).evaluate(mark)
            sco(page).click("[data-module='0']")
            wait_for(lambda: arrived(page) and "Intro" in text(page, False), 20)
            first = module(page, False)
            assert first is not None
            sco(page).evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
            assert scrolled(page) > 1000
            first.evaluate(mark)
            first.click("a.sb-next")
            wait_for(lambda: arrived(page) and shows_long(page, False), 20)
            frame = module(page, False)
            assert frame is not None
            assert scrolled(page) == 0
            assert frame.evaluate(
                "() => document.activeElement === document.querySelector('main h1')"
            )
    finally:
        context.close()
