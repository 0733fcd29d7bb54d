"""The HTML report of ``scormbuild analyze`` in the browser: the same axe check as the
packages (WCAG 2.1 A/AA and best practice), page structure and reflow, no external request.

The report is made from the real Moodle reports in tests/fixtures/moodle-reports, in each of
the three languages (the course's language decides).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from scormbuild.analyze.analysis import analyze
from scormbuild.analyze.html import to_html
from scormbuild.analyze.texts import texts
from scormbuild.source.load import load_course
from tests.browser.a11y import _RUN_AXE, AXE_JS, WCAG_TAGS, reflow_problems, structure_problems

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REPORTS = FIXTURES / "moodle-reports"


def report(tmp_path: Path, lang: str) -> Path:
    course = load_course(FIXTURES / "analyze-course").courses[0]
    course = replace(course, language=lang)
    tracks = sorted((REPORTS / "tracks").glob("*.csv"))
    page = tmp_path / f"report-{lang}.html"
    page.write_text(to_html(analyze([REPORTS / "interactions.txt", *tracks], course)), "utf-8")
    return page


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_report_passes_axe_and_structure(browser: Browser, tmp_path: Path, lang: str) -> None:
    page_file = report(tmp_path, lang)
    html = page_file.read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    # The page's own CSP forbids scripts; axe is let in for the check only.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(page_file.as_uri())
    page.add_script_tag(path=str(AXE_JS))
    violations = page.main_frame.evaluate(_RUN_AXE, WCAG_TAGS)
    problems = structure_problems(page.main_frame, lang, lang)
    page.set_viewport_size({"width": 320, "height": 800})
    problems += reflow_problems(page.main_frame, f"{lang} at 320 px")
    # In the course language: headings, the note on privacy, and the warnings.
    t = texts(lang)
    shown = page.locator("body").inner_text()
    heading = page.locator("h1").inner_text()
    context.close()
    assert violations == []
    assert problems == []
    assert heading.startswith(t["title"]), heading
    assert t["privacy"] in shown
    assert t["flag_too_easy"].format(pct="100 %") in shown
    if lang != "en":
        english = texts("en")
        assert english["flag_too_easy"].format(pct="100 %") not in shown
        assert english["privacy"] not in shown


def test_report_makes_no_request(browser: Browser, tmp_path: Path) -> None:
    page_file = report(tmp_path, "fi")
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(page_file.as_uri())
    page.wait_for_load_state("networkidle")
    assert requests == [page_file.as_uri()]
    assert page.locator("svg[role=img]").count() >= 3  # histogram, scatter, choice bars
    assert page.locator("h1").inner_text().startswith("Kysymysanalyysi")
    context.close()
