"""Accessibility probes for the browser tests: axe-core, reflow, headings, focus and contrast.

axe-core comes from the test LMS's pinned npm packages and is loaded into a page's frame from
the test server. The package pages allow scripts from their own origin only
(``script-src 'self'``), and the server serves the LMS and the packages from one origin, so
the pages run axe without any relaxation of their Content Security Policy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Frame, Page
from scorm_lms import LMS_DIR, LmsSession

AXE_JS = LMS_DIR / "node_modules" / "axe-core" / "axe.min.js"
AXE_URL = "/lms/node_modules/axe-core/axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
EXAMPLE_COURSE = Path(__file__).resolve().parents[2] / "course"

_RUN_AXE = """async (tags) => {
  const result = await window.axe.run(document, {
    runOnly: {type: "tag", values: tags}, iframes: false, resultTypes: ["violations"],
  });
  return result.violations.flatMap((v) => v.nodes.map((n) =>
    `${v.id} (${v.impact}): ${n.target.join(" ")}: `
    + (n.failureSummary || "").replace(/\\s+/g, " ")));
}"""

# The structure every page must have: lang, a title, landmarks, a skip link to main, one h1
# and no skipped heading levels. Returns the problems found.
_STRUCTURE = """(lang) => {
  const out = [];
  const html = document.documentElement;
  if (html.lang !== lang) out.push(`html lang is '${html.lang}', not '${lang}'`);
  if (!document.title.trim()) out.push("empty <title>");
  const main = document.querySelectorAll("main");
  if (main.length !== 1) out.push(`${main.length} <main> elements`);
  const skip = document.querySelector("a[href]");
  if (!skip || skip.getAttribute("href") !== "#main" || !document.getElementById("main"))
    out.push("the first link is not a skip link to #main");
  const levels = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
    .filter((h) => !h.closest("[hidden]")).map((h) => +h.tagName[1]);
  if (levels.filter((l) => l === 1).length !== 1) out.push(`headings ${levels}: not one h1`);
  levels.forEach((l, i) => {
    if (i && l > levels[i - 1] + 1) out.push(`heading levels ${levels}`);
  });
  document.querySelectorAll("[lang]").forEach((el) => {
    if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(el.lang)) out.push(`bad lang '${el.lang}'`);
  });
  return out;
}"""

# The width of the page against its viewport, at the root and for every element that is not
# inside its own scrolling box (tables and code scroll within the page, WCAG 1.4.10 allows it).
_REFLOW = """() => {
  const root = document.scrollingElement, width = root.clientWidth, out = [];
  if (root.scrollWidth > width) out.push(`page is ${root.scrollWidth}px wide in ${width}px`);
  for (const el of document.body.querySelectorAll("*")) {
    if (el.closest(".sb-table, pre") && !el.matches(".sb-table, pre")) continue;
    const box = el.getBoundingClientRect();
    if (box.width && box.right > width + 1 && getComputedStyle(el).position !== "absolute")
      out.push(`${el.tagName.toLowerCase()}.${el.className} ends at ${Math.round(box.right)}px`);
  }
  return out.slice(0, 10);
}"""

# WCAG contrast of two CSS colours and the colour behind an element.
_COLOR_JS = """
function rgb(text) {
  const m = text.match(/[\\d.]+/g) || [];
  return {r: +m[0], g: +m[1], b: +m[2], a: m.length > 3 ? +m[3] : 1};
}
function lum(c) {
  const f = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
}
function ratio(a, b) {
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}
function behind(el) {
  for (let n = el.parentElement; n; n = n.parentElement) {
    const c = rgb(getComputedStyle(n).backgroundColor);
    if (c.a > 0) return c;
  }
  return {r: 255, g: 255, b: 255, a: 1};
}
"""

# The focused element's indicator: an outline at least 2px wide whose colour has 3:1 against
# what is behind it (WCAG 1.4.11, 2.4.7).
FOCUS_INDICATOR = (
    "() => {"
    + _COLOR_JS
    + """
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const width = parseFloat(s.outlineWidth) || 0;
  const around = behind(el);
  return {
    element: el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + "." + el.className,
    visible: s.outlineStyle !== "none" && width >= 2,
    contrast: ratio(rgb(s.outlineColor), around),
  };
}"""
)

# Borders of text fields, selects and buttons against what is behind them (WCAG 1.4.11): the
# strongest of the four sides, or the control's own background.
CONTROL_BORDERS = (
    "() => {"
    + _COLOR_JS
    + """
  const out = [];
  for (const el of document.querySelectorAll("input[type=text], select, button")) {
    if (el.closest("[hidden]") || el.disabled) continue;
    const s = getComputedStyle(el), around = behind(el), bg = rgb(s.backgroundColor);
    // Any side's border may mark the control (a tab's or a header's line below it).
    const sides = ["Top", "Right", "Bottom", "Left"].map((side) =>
      (parseFloat(s[`border${side}Width`]) || 0) >= 1 && s[`border${side}Style`] !== "none"
        ? ratio(rgb(s[`border${side}Color`]), around) : 0);
    const edge = Math.max(...sides, bg.a > 0 ? ratio(bg, around) : 0);
    if (edge < 3) out.push(`${el.tagName.toLowerCase()}.${el.className}: ${edge.toFixed(2)}:1`);
  }
  return out;
}"""
)


def run_axe(frame: Frame, origin: str, label: str) -> list[str]:
    """axe-core's WCAG 2.1 A/AA (and best-practice) violations in ``frame``, one line each."""
    if not frame.evaluate("() => !!window.axe"):
        frame.add_script_tag(url=origin + AXE_URL)
    found: list[str] = frame.evaluate(_RUN_AXE, WCAG_TAGS)
    return [f"{label}: {v}" for v in found]


def structure_problems(frame: Frame, lang: str, label: str) -> list[str]:
    """Missing landmarks, skip link, title or lang, and heading structure problems."""
    found: list[str] = frame.evaluate(_STRUCTURE, lang)
    return [f"{label}: {p}" for p in found]


def reflow_problems(frame: Frame, label: str) -> list[str]:
    """Anything wider than the frame's viewport (horizontal scrolling)."""
    found: list[str] = frame.evaluate(_REFLOW)
    return [f"{label}: {p}" for p in found]


def content_frame(lms: LmsSession) -> Frame:
    """The module page inside the launch page."""
    frame = lms.page.frame(name="sb-content") if lms.page else None
    assert frame is not None, "no content frame"
    return frame


def open_module(lms: LmsSession, n: int) -> Frame:
    """Open module ``n`` (0-based) from the launch page's module list and wait for it."""
    current = lms.page.frame(name="sb-content") if lms.page else None
    if current is not None:
        current.evaluate("() => { window.__sbLeft = true; }")
    if lms.sco_frame.is_visible(".sb-menu-button[aria-expanded=false]"):
        lms.sco_frame.click(".sb-menu-button")  # a phone's width: the list is behind the menu
    lms.sco_frame.click(f"[data-module='{n}']")
    wait_for_module(lms.page, n)
    return content_frame(lms)


def wait_for_module(page: Page | None, n: int) -> None:
    """Wait until the content frame shows module ``n`` with its runtime started."""
    assert page is not None
    page.wait_for_function(
        "(n) => { const f = window.frames['scorm_object'].frames['sb-content'];"
        " return f && !f.__sbLeft && f.document.readyState === 'complete' && f.document.body"
        " && +f.document.body.dataset.module === n && f.SBQuiz; }",
        arg=n,
    )


def course_data(frame: Frame) -> dict[str, Any]:
    """``window.SCORMBUILD_COURSE`` of the page."""
    data: dict[str, Any] = frame.evaluate("() => window.SCORMBUILD_COURSE")
    return data
