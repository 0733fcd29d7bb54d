"""``student1`` in headless Chromium, playing packages through Moodle's own entry page and player.

Moodle's player (``mod/scorm/player.php``) runs the SCO in the iframe ``#scorm_object``; a
single-SCO scormbuild package shows its module pages in a frame of its own inside that
(``sb-content``). :meth:`Learner.leave` leaves with Moodle's *Exit activity*, as a learner does,
and waits until every save the player sent (XHR or ``sendBeacon``) has been answered, so that
:meth:`~tests.moodle.harness.Moodle.tracks` reads what Moodle finally stored.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Frame, Page, Request
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.moodle.harness import Activity, Moodle, MoodleError, Sco

# The question ids of a scormbuild module page, from the course data the page carries.
_QUESTIONS_JS = """
const data = window.SCORMBUILD_COURSE;
const graded = [...document.querySelectorAll(".sb-quiz")]
  .filter((el) => data.quizzes[+el.dataset.quiz].graded)
  .flatMap((el) => [...el.querySelectorAll(".sb-question:not([hidden])")]
    .map((li) => ({ li, q: data.quizzes[+el.dataset.quiz].questions[+li.dataset.q] })));
"""
ANSWERED_JS = (
    "() => {" + _QUESTIONS_JS + "return graded.filter(({ li }) => li.classList.contains('sb-ok')"
    " || li.classList.contains('sb-bad')).map(({ q }) => q.id); }"
)
ANSWER_SOME_JS = (
    "(count) => {" + _QUESTIONS_JS + "const done = [];"
    " for (const { li, q } of graded) {"
    "  if (done.length >= count || li.querySelector('.sb-check').disabled) continue;"
    "  if (!['single', 'truefalse', 'multiple'].includes(q.type)) continue;"
    "  for (const c of li.querySelectorAll('.sb-choices input'))"
    "   c.checked = q.key.includes(+c.value);"
    "  li.querySelector('.sb-check').click(); done.push(q.id); }"
    " return done; }"
)


@dataclass
class Learner:
    """``student1`` in a browser context of its own, playing packages in Moodle's player."""

    moodle: Moodle
    browser: Browser
    timeout_ms: float = 60000
    context: BrowserContext | None = None
    page: Page | None = None
    console: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    saves: list[dict[str, Any]] = field(default_factory=list)
    # The time the package was open in the visits so far (enter to leave), in seconds: at least
    # from the SCO's load to the click on Exit activity, at most from before the entry page to
    # after Moodle answered the last save.
    least: float = 0
    most: float = 0
    visits: int = 0
    _pending: set[Request] = field(default_factory=set)
    _open: dict[Request, float] = field(default_factory=dict)  # every request unanswered, since
    _entered: tuple[float, float] | None = None

    # -- the browser

    def _context(self) -> BrowserContext:
        if self.context is None:
            context = self.browser.new_context(viewport={"width": 1280, "height": 900})
            context.set_default_timeout(self.timeout_ms)
            context.on("request", self._on_request)
            context.on("requestfinished", self._on_done)
            context.on("requestfailed", self._on_done)
            self.context = context
        return self.context

    def _on_request(self, request: Request) -> None:
        self._open[request] = time.monotonic()
        if "/mod/scorm/datamodel.php" in request.url:
            self._pending.add(request)
            self.saves.append(
                {
                    "t": time.monotonic(),
                    "beacon": "api=beacon" in request.url,
                    "data": request.post_data or "",
                }
            )

    def _on_done(self, request: Request) -> None:
        self._pending.discard(request)
        self._open.pop(request, None)

    def unanswered(self) -> list[str]:
        """The requests the browser sent that have no answer yet, the longest waiting first."""
        now = time.monotonic()
        waiting = sorted(self._open.items(), key=lambda item: item[1])
        return [f"{r.method} {r.url} ({now - since:.0f} s)" for r, since in waiting]

    def _page(self) -> Page:
        if self.page is None or self.page.is_closed():
            page = self._context().new_page()
            page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
            page.on("pageerror", lambda e: self.page_errors.append(str(e)))
            self.page = page
        return self.page

    def close(self) -> None:
        """Close the browser context."""
        if self.context is not None:
            self.context.close()
        self.context = None
        self.page = None

    def login(self) -> None:
        """Log in as the site's learner (a busy site may need a second try)."""
        page = self._page()
        site = self.moodle.site
        for _ in range(3):
            page.goto(f"{site.wwwroot}/login/index.php")
            page.fill("#username", site.username)
            page.fill("#password", site.password)
            with page.expect_navigation():
                page.click("#loginbtn")
            if "/login/" not in page.url:
                return
        said = page.locator(".alert, .loginerrors").all_text_contents()
        raise MoodleError(f"{site.username} could not log in: {said}")

    # -- entering and leaving

    def enter(self, activity: Activity, *, new_attempt: bool = False) -> Page:
        """Open the activity as a learner does: its link, then *Enter* on the entry page if shown.

        Returns the player page once the SCO in it has loaded.
        """
        begin = time.monotonic()
        page = self._page()

        def left() -> float:  # what is left of the one time budget for entering, in ms
            return max(self.timeout_ms - (time.monotonic() - begin) * 1000, 1)

        doing = "opening the activity"
        try:
            # Only until the navigation commits: a single-SCO package skips the structure page
            # (the sheet says so), so view.php leads straight on to the player, whose load
            # (every frame of it) is waited for below, where a stall can be told apart.
            url = f"{self.moodle.site.wwwroot}/mod/scorm/view.php?id={activity.cmid}"
            page.goto(url, wait_until="commit", timeout=left())
            if "/mod/scorm/view.php" in page.url:
                doing = "pressing Enter on the structure page"
                if new_attempt:
                    page.check("#a", timeout=left())
                page.click("#n", timeout=left())
                page.wait_for_url(re.compile(r"/mod/scorm/player\.php"), wait_until="commit",
                                  timeout=left())  # fmt: skip
            doing = "loading the player"
            page.wait_for_load_state("load", timeout=left())
        except PlaywrightTimeout:
            # Say where the learner got stuck: the step, the page, its frames, and every
            # request (Moodle's scripts and styles, the package's files, saves) not answered.
            raise MoodleError(
                f"the player did not load ({doing}): still at {page.url}, frames "
                f"{[f.url for f in page.frames]}, requests not answered: {self.unanswered()}"
            ) from None
        self.wait_for_sco()
        self._entered = (begin, time.monotonic())
        return page

    def open_sco(self, activity: Activity, sco: Sco, mode: str = "normal") -> Page:
        """Open the player on one SCO directly, as the entry page's table of contents does."""
        page = self._page()
        page.goto(
            f"{self.moodle.site.wwwroot}/mod/scorm/player.php?a={activity.scormid}"
            f"&currentorg=&scoid={sco.id}&mode={mode}&newattempt=off"
        )
        self.wait_for_sco()
        return page

    @property
    def player(self) -> Page:
        """The player page."""
        if self.page is None or self.page.is_closed():
            raise MoodleError("no player open")
        return self.page

    @property
    def mode(self) -> str:
        """What the player says about the mode: "normal", "review" or "browse"."""
        text = (self.player.text_content("#scormmode") or "") if self._has("#scormmode") else ""
        return {"Review mode": "review", "Preview mode": "browse"}.get(text.strip(), "normal")

    def _has(self, selector: str) -> bool:
        return self.player.query_selector(selector) is not None

    def sco_frame(self) -> Frame:
        """The frame Moodle's player runs the SCO in (``#scorm_object``)."""
        handle = self.player.wait_for_selector("#scorm_object")
        frame = handle.content_frame() if handle else None
        if frame is None:
            raise MoodleError("the player has no SCO frame")
        return frame

    def wait_for_sco(self) -> Frame:
        """Wait until the SCO in the player has loaded and started its runtime."""
        frame = self.sco_frame()
        frame.wait_for_load_state("load")
        frame.wait_for_function("() => document.readyState === 'complete'")
        return frame

    def module(self, n: int | None = None) -> Frame:
        """The frame showing a module page once it has loaded (module ``n``, 0-based, if given).

        In a single-SCO package that is the launch page's content frame, in a multi-SCO package
        the SCO frame itself.
        """
        sco = self.wait_for_sco()
        self.player.wait_for_function(
            "(n) => { const s = document.querySelector('#scorm_object').contentWindow;"
            " const w = s.frames['sb-content'] || s; const d = w.document;"
            " return d.readyState === 'complete' && d.body && d.body.dataset.module !== undefined"
            " && (n === null || +d.body.dataset.module === n); }",
            arg=n,
        )
        return sco.child_frames[0] if sco.child_frames else sco

    def resume(self, n: int) -> Frame:
        """Single SCO, back after leaving: the cover page says Continue at the bookmark, module
        ``n`` (0-based); following it opens that module."""
        cover = self.module(-1)
        cover.wait_for_function(
            "(title) => document.querySelector('.sb-start').textContent.endsWith(title)",
            arg=self.sco_frame().evaluate(f"() => window.SCORMBUILD_COURSE.modules[{n}].title"),
        )
        cover.click(".sb-start")
        return self.module(n)

    def go(self, n: int) -> Frame:
        """Single SCO: open module ``n`` (0-based) from the package's own module list."""
        self.module()  # the page shown so far has loaded: mark it, then wait for the next
        sco = self.sco_frame()
        sco.evaluate("() => { window.frames['sb-content'].sbOld = true; }")
        if sco.is_visible(".sb-menu-button[aria-expanded=false]"):
            sco.click(".sb-menu-button")  # a narrow player: the module list is behind the menu
        sco.click(f"[data-module='{n}']")
        self.player.wait_for_function(
            "(n) => { const f = document.querySelector('#scorm_object').contentWindow"
            ".frames['sb-content']; return f && !f.sbOld && f.document.readyState === 'complete'"
            " && f.document.body && +f.document.body.dataset.module === n; }",
            arg=n,
        )
        return self.module(n)

    def sco_text(self, selector: str) -> str:
        """The text of an element of the SCO's own page (a single-SCO launch page: its notice,
        progress and status lines)."""
        return str(self.sco_frame().text_content(selector) or "").strip()

    def answered(self, frame: Frame) -> list[str]:
        """The ids of the graded questions on a module page that hold an answer."""
        ids: list[str] = frame.evaluate(ANSWERED_JS)
        return ids

    def answer_some(self, frame: Frame, count: int) -> list[str]:
        """Answer the first ``count`` open graded questions of a page rightly; their ids."""
        ids: list[str] = frame.evaluate(ANSWER_SOME_JS, count)
        return ids

    def toc(self, title: str) -> Frame:
        """Pick a SCO in the player's table of contents; the new SCO's frame once it has loaded."""
        # Moodle removes the old frame at once on the click: mark it first, then wait for a
        # frame without the mark.
        self.sco_frame().evaluate("() => { window.sbOld = true; }")
        self.player.locator("#scorm_toc a[data-scoid]", has_text=title).first.click()
        self.player.wait_for_function(
            "() => { const f = document.querySelector('#scorm_object');"
            " return f && f.contentWindow && !f.contentWindow.sbOld"
            " && f.contentDocument && f.contentDocument.readyState === 'complete'; }"
        )
        return self.module()

    def leave(self) -> list[str]:
        """Leave with Moodle's *Exit activity*; the saves Moodle answered meanwhile (see settle)."""
        stop = time.monotonic()
        saves = self.settle(lambda: self.player.click("a[title='Exit activity']"), navigates=True)
        if self._entered is not None:
            begin, loaded = self._entered
            self.least += stop - loaded
            self.most += time.monotonic() - begin
            self.visits += 1
            self._entered = None
        return saves

    def settle(
        self,
        action: Callable[[], object] | None = None,
        *,
        navigates: bool = False,
        quiet_ms: float = 700,
    ) -> list[str]:
        """Do ``action``, then wait until Moodle has answered everything the browser sent.

        Returns the saves (``datamodel.php`` requests) Moodle answered meanwhile, as
        ``"xhr"`` or ``"beacon"``.
        """
        log = self.moodle.env.log
        mark = log.size()
        if action is not None:
            if navigates:
                with self.player.expect_navigation():
                    action()
            else:
                action()
        deadline = time.monotonic() + self.timeout_ms / 1000
        seen, quiet_since = -1, time.monotonic()
        while True:
            lines = len(log.since(mark))
            if lines != seen:
                seen, quiet_since = lines, time.monotonic()
            idle = not self._pending and not log.open_connections(mark)
            if idle and time.monotonic() - quiet_since >= quiet_ms / 1000:
                return log.saves(mark)
            if time.monotonic() > deadline:
                raise MoodleError("Moodle is still answering requests")
            self._page().wait_for_timeout(50)  # lets the browser's events through

    def errors(self) -> list[str]:
        """Uncaught exceptions in any frame (Moodle's and the package's)."""
        return list(self.page_errors)
