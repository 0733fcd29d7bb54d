"""The preview's test LMS page in Chromium: launch, API log, close/resume, reload on save."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, expect

from scormbuild.commands.new import create_course
from tests.previewkit import running_preview

MODULE = "modules/01-welcome.md"


def test_preview_page_runs_the_course_and_reloads(browser: Browser, tmp_path: Path) -> None:
    course = tmp_path / "course"
    create_course(course)
    context = browser.new_context()
    page = context.new_page()
    remote: list[str] = []
    page.on(
        "request",
        lambda r: (
            remote.append(r.url) if not r.url.startswith(("http://127.0.0.1", "about:")) else None
        ),
    )
    try:
        with running_preview(course) as base:
            page.goto(base)
            log = page.locator("#call-log")
            expect(page.locator("#build-status")).to_contain_text("ok", timeout=10000)
            expect(log).to_contain_text('LMSInitialize("") → "true"', timeout=10000)
            expect(page.locator('td[data-key="cmi.core.entry"]')).to_have_text("ab-initio")
            expect(page.locator('td[data-key="cmi.core.lesson_mode"]')).to_have_text("normal")

            # Close: the course finishes its own session; Resume launches it again.
            page.click("#close")
            expect(log).to_contain_text("LMSFinish", timeout=10000)
            expect(page.locator("#closed-note")).to_be_visible()
            page.click("#resume")
            expect(log.locator("li", has_text="LMSInitialize")).to_have_count(2, timeout=10000)

            # The second launch gets back what the first stored, as Moodle gives it.
            expect(page.locator('td[data-key="cmi.core.entry"]')).to_have_text("resume")
            expect(page.locator('td[data-key="(Moodle) mode, attempt"]')).to_have_text("normal, 1")

            # A review visit, as Moodle opens one once the attempt is over: no credit.
            page.select_option("#lesson-mode", "review")
            expect(page.locator('td[data-key="cmi.core.lesson_mode"]')).to_have_text(
                "review", timeout=10000
            )
            expect(page.locator('td[data-key="cmi.core.credit"]')).to_have_text("no-credit")
            page.select_option("#lesson-mode", "normal")

            # Reset deletes the attempt: the next launch starts afresh.
            page.click("#reset")
            expect(log).to_contain_text("attempt reset", timeout=10000)
            expect(page.locator('td[data-key="cmi.core.entry"]')).to_have_text("ab-initio")

            # Saving a module reloads the course with the change.
            source = course / MODULE
            text = source.read_text("utf-8")
            source.write_text(text + "\nSaved while the page was open.\n", "utf-8")
            shell = page.frame_locator("#sco-frame")
            expect(page.locator("#build-status")).to_contain_text("build 2 ok", timeout=10000)
            expect(shell.locator("body")).to_be_visible()

            # A broken save shows the error in the page; fixing it hides the error again.
            source.write_text(text.replace("title: Welcome", "titel: Welcome"), "utf-8")
            expect(page.locator("#build-error")).to_be_visible(timeout=10000)
            expect(page.locator("#build-error-text")).to_contain_text(
                "modules/01-welcome.md:2: error: unknown front matter key 'titel'"
            )
            source.write_text(text, "utf-8")
            expect(page.locator("#build-error")).to_be_hidden(timeout=10000)
            expect(page.locator("#build-status")).to_contain_text("ok")
    finally:
        context.close()
    assert remote == []


def test_the_preview_launches_the_course_once(browser: Browser, tmp_path: Path) -> None:
    """Opening the preview launches the course once: the event stream's opening and its first
    message both ask for the build, and the second asking must not close the course the first
    launched (which logged a lost session and a second LMSInitialize)."""
    course = tmp_path / "course"
    create_course(course)
    context = browser.new_context()
    page = context.new_page()
    try:
        with running_preview(course) as base:
            page.goto(base)
            log = page.locator("#call-log")
            expect(log).to_contain_text('LMSInitialize("") → "true"', timeout=10000)
            expect(page.locator('td[data-key="cmi.core.entry"]')).to_have_text("ab-initio")
            # A second launch would follow within the time the preview gives a course to
            # close (1.5 s): wait that long, and more, before counting.
            page.wait_for_timeout(2500)
            lines = log.locator("li").all_inner_texts()
            assert [line for line in lines if line.startswith("LMS: launch")] == [
                "LMS: launch index.html (normal mode, attempt 1)"
            ]
            assert [line for line in lines if "LMSInitialize" in line] == [
                'LMSInitialize("") → "true"'
            ]
            assert not [line for line in lines if "closing the course" in line]
            assert log.locator("li.err").count() == 0
    finally:
        context.close()
