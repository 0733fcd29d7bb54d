"""Build the example course and the blocks course, and screenshot them for the documentation.

    PYTHONPATH=. .venv/bin/python scripts/screenshots.py [--out docs/images]

Needs Playwright for Python (a dev dependency) and Chromium (``/usr/bin/chromium``, or
``CHROMIUM``). The packages are opened from a local web server without an LMS, as a learner
who opens them outside one would see them. Every image is remade from the sources, so after a
change to the theme or a block, run this again and commit the PNGs.
"""

from __future__ import annotations

import argparse
import functools
import os
import tempfile
import threading
import zipfile
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from scormbuild.commands.build import build
from tests.browser.learner import ANSWER_JS

ROOT = Path(__file__).resolve().parents[1]
DESKTOP, PHONE = (1280, 800), (375, 740)


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    """A web server on 127.0.0.1 for ``folder``; and its address."""
    handler = functools.partial(Quiet, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def unpack(course: Path, work: Path, language: str) -> Path:
    """The course built, its ``language`` package unpacked into a folder."""
    result = build(course, work / "dist")
    package = next(p for p in result.packages if p.stem.endswith(f"-{language}"))
    folder = work / f"{course.name}-{language}"
    with zipfile.ZipFile(package) as zf:
        zf.extractall(folder)
    return folder


def block_shots(page: Page, url: str, out: Path) -> None:
    """Each block of tests/blocks_course at work, one image each."""
    page.goto(url + "modules/01-blocks.html")
    page.wait_for_selector(".sb-tabs.sb-on")
    page.emulate_media(reduced_motion="reduce")
    steps: list[tuple[str, str, Callable[[Page], None]]] = [
        ("accordion", ".sb-accordion", lambda p: p.click(".sb-acc-button")),
        ("tabs", ".sb-tabs", lambda p: p.click("[role=tab] >> nth=1")),
        ("cards", ".sb-cards", lambda p: p.click(".sb-card-button >> nth=1")),
        ("steps", ".sb-steps:not(.sb-timeline)", lambda p: p.click(".sb-step-next")),
        ("timeline", ".sb-timeline", lambda p: None),
        ("graphic", ".sb-graphic", lambda p: p.click("button.sb-marker >> nth=1")),
        ("scenario", ".sb-scenario", _play_scenario),
        ("reflection", ".sb-reflection", _write_reflection),
        ("glossary", ".sb-acc-panel", _open_term),
    ]
    for name, selector, act in steps:
        act(page)
        page.wait_for_timeout(150)
        if name == "glossary":  # the popover reaches below the paragraph of its term
            box = page.evaluate(
                "() => { const a = document.querySelector('button.sb-term').closest('p')"
                ".getBoundingClientRect(), b = document.querySelector('.sb-popover:not([hidden])')"
                ".getBoundingClientRect(); return {x: a.x, y: a.y + window.scrollY,"
                " width: a.width, height: Math.max(a.bottom, b.bottom) - a.y + 8}; }"
            )
            page.screenshot(path=out / f"block-{name}.png", clip=box, full_page=True)
            continue
        page.locator(selector).first.screenshot(path=out / f"block-{name}.png")


def _play_scenario(page: Page) -> None:
    choice = ".sb-scene:not([hidden]) button.sb-scene-choice"
    page.click(f"{choice} >> nth=1")
    page.click(choice)


def _write_reflection(page: Page) -> None:
    page.fill(".sb-reflection textarea", "Share the failures too: nobody else writes them down.")


def _open_term(page: Page) -> None:
    page.click("button.sb-term")


def _open(page: Page, selector: str, done: str) -> None:
    """Choose ``selector`` in the launch page's module list (through the menu on a phone)."""
    if page.is_visible(".sb-menu-button"):
        page.click(".sb-menu-button")
    page.click(selector)
    page.wait_for_function(
        "(done) => { const f = window.frames['sb-content'];"
        " return f && f.document.readyState === 'complete' && f.document.querySelector(done); }",
        arg=done,
    )


def shell_shots(page: Page, url: str, out: Path, size: str, module: int) -> None:
    """The cover page, a module with blocks and the finish page, as the learner sees them."""
    page.goto(url + "index.html")
    page.wait_for_function("() => window.frames['sb-content'].document.querySelector('.sb-cover')")
    page.screenshot(path=out / f"cover-{size}.png")
    count = len(page.locator("[data-module]").all())
    for n in range(count):  # every module read and every quiz answered right: a passed course
        _open(page, f"[data-module='{n}']", f"body[data-module='{n}']")
        frame = page.frame(name="sb-content")
        assert frame is not None
        frame.evaluate(ANSWER_JS, "right")
    _open(page, f"[data-module='{module}']", ".sb-on")
    page.evaluate(
        "() => { const f = document.getElementById('sb-frame');"
        " const b = f.contentDocument.querySelector('.sb-block');"
        " window.scrollTo(0, window.scrollY + f.getBoundingClientRect().top"
        " + b.getBoundingClientRect().top - 16); }"
    )
    page.wait_for_timeout(200)
    page.screenshot(path=out / f"module-{size}.png")
    _open(page, "[data-page=finish]", "[data-when]:not([hidden])")
    page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=out / f"finish-{size}.png")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        work = Path(tmp)
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        blocks, blocks_url = serve(unpack(ROOT / "tests" / "blocks_course", work, "en"))
        example, example_url = serve(unpack(ROOT / "course", work, "fi"))
        try:
            page = browser.new_page(viewport={"width": 720, "height": 900})
            block_shots(page, blocks_url, args.out)
            for size, (width, height) in (("desktop", DESKTOP), ("phone", PHONE)):
                page = browser.new_page(viewport={"width": width, "height": height})
                page.emulate_media(reduced_motion="reduce")
                shell_shots(page, example_url, args.out, size, module=1)
        finally:
            browser.close()
            blocks.shutdown()
            example.shutdown()
    for image in sorted(args.out.glob("*.png")):
        print(f"wrote {image.relative_to(ROOT) if image.is_relative_to(ROOT) else image}")


if __name__ == "__main__":
    main()
