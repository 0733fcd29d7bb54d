"""Scripted learners who play a package in the real Moodle's player, and an admin who downloads
the SCORM activity's reports, for tests/fixtures/moodle-reports/ and the analyze tests.

Each learner logs in, opens the SCORM player, answers the quizzes through the page's own
controls (a planned answer per question and attempt), moves through the modules with the
package's module list, and leaves the player as a learner does. Names are made up.
"""

from __future__ import annotations

import http.cookiejar
import re
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Frame, Page

from tests.moodle.export_kit import Moodle

# Sets each planned question's controls to the planned answer (what quiz.js scores) and
# presses its check button; questions without a plan are left unanswered.
ANSWER_JS = """
(plan) => {
  const data = window.SCORMBUILD_COURSE;
  let answered = 0;
  for (const quizEl of document.querySelectorAll(".sb-quiz")) {
    const quiz = data.quizzes[+quizEl.dataset.quiz];
    for (const li of quizEl.querySelectorAll(".sb-question:not([hidden])")) {
      const check = li.querySelector(".sb-check");
      const q = quiz.questions[+li.dataset.q];
      const v = plan[q.id];
      if (check.disabled || v === undefined) continue;
      if (["single", "truefalse", "multiple"].includes(q.type)) {
        const want = [].concat(v);
        li.querySelectorAll(".sb-choices input")
          .forEach((c) => { c.checked = want.includes(+c.value); });
      } else if (q.type === "fill" || q.type === "numeric") {
        li.querySelector("input").value = v;
      } else if (q.type === "matching") {
        li.querySelectorAll(".sb-match").forEach((row) => {
          row.querySelector("select").value = String(v[+row.dataset.row]);
        });
      } else if (q.type === "ordering") {
        const ol = li.querySelector(".sb-order");
        const byItem = {};
        [...ol.children].forEach((it) => { byItem[it.dataset.item] = it; });
        v.forEach((i) => ol.appendChild(byItem[i]));
      }
      check.click();
      answered++;
    }
  }
  return answered;
}
"""


# A page of the package is ready once it has loaded and its scripts have the course data.
READY_JS = (
    "() => document.readyState === 'complete' && window.SCORMBUILD_COURSE !== undefined"
    " && document.querySelector('.sb-quiz, main') !== null"
)

QUESTION_IDS_JS = """
() => {
  const d = window.SCORMBUILD_COURSE;
  return [...document.querySelectorAll(".sb-quiz")]
    .flatMap((el) => d.quizzes[+el.dataset.quiz].questions.map((q) => q.id));
}
"""


@dataclass(frozen=True)
class Learner:
    """A made-up learner and what they do: answers per quiz attempt, and where they stop."""

    username: str
    firstname: str
    lastname: str
    attempts: tuple[dict[str, Any], ...]  # per quiz attempt: question id -> answer
    modules: int = 99  # how many modules they open before leaving
    think: float = 1.0  # seconds before each answer

    @property
    def email(self) -> str:
        return f"{self.username}@example.invalid"

    def user(self) -> dict[str, str]:
        return {
            "username": self.username,
            "password": PASSWORD,
            "firstname": self.firstname,
            "lastname": self.lastname,
            "email": self.email,
        }


PASSWORD = "Learner#1234"


def _content(page: Page, href: str = "/modules/", timeout: float = 120) -> Frame:
    """The module page shown in the player (the one at ``href``), once it has loaded."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames:
            if href in frame.url and frame.url.endswith(".html"):
                return frame
        page.wait_for_timeout(200)
    raise AssertionError(f"no {href} in the player: " + ", ".join(f.url for f in page.frames))


def _shell(page: Page) -> Frame:
    for frame in page.frames:
        if frame.url.endswith("/index.html"):
            return frame
    raise AssertionError("no launch page in the player")


def login(page: Page, url: str, username: str, password: str, tries: int = 4) -> None:
    """Log in through Moodle's login form.

    Under load, PHP's built-in server can answer a request before the session it started is
    stored: the next request then finds no session, and Moodle says the login token is invalid
    ("Invalid login") or the session timed out. The password is right, so a person would just
    log in again; so does this, up to ``tries`` times, waiting longer each time.
    """
    for attempt in range(tries):
        page.goto(f"{url}/login/index.php", timeout=120000)
        page.wait_for_load_state("networkidle", timeout=120000)
        page.wait_for_timeout(250 * (attempt + 1))
        page.fill("#username", username)
        page.fill("#password", password)
        page.click("#loginbtn")
        # Moodle answers with redirects: login/index.php?testsession=<id>, then /my/.
        try:
            page.wait_for_url(lambda u: "/login/" not in u, timeout=30000)
            return
        except PlaywrightError:
            said = page.locator(".alert, #loginerrormessage").all_inner_texts()
    raise AssertionError(f"{username} could not log in: {page.url} {said}")


def play(page: Page, moodle: Moodle, scormid: int, scoid: int, learner: Learner) -> None:
    """One learner's visit: log in, play the package in Moodle's player, leave."""
    login(page, moodle.url, learner.username, PASSWORD)
    # A busy machine can take long to load the player and its package: the frames are awaited.
    page.goto(
        f"{moodle.url}/mod/scorm/player.php?a={scormid}&currentorg=&scoid={scoid}"
        "&mode=normal&newattempt=off",
        wait_until="domcontentloaded",
        timeout=120000,
    )
    page.wait_for_function(
        "() => [...document.querySelectorAll('iframe')].length > 0", timeout=30000
    )
    _content(page)
    shell = _shell(page)
    # The module page can finish loading before the launch page has run its scripts.
    shell.wait_for_function(READY_JS, timeout=120000)
    hrefs = shell.evaluate("() => window.SCORMBUILD_COURSE.modules.map((m) => m.href)")
    plans = list(learner.attempts)
    for m in range(min(len(hrefs), learner.modules)):
        # The package opens on its cover page: each module is opened from the module list.
        if shell.is_visible(".sb-menu-button[aria-expanded=false]"):
            shell.click(".sb-menu-button")  # a narrow player: the list is behind the menu
        shell.click(f'[data-module="{m}"]')
        frame = _content(page, hrefs[m])
        frame.wait_for_load_state("load", timeout=120000)
        frame.wait_for_function(READY_JS, timeout=120000)
        has_quiz = frame.evaluate("() => document.querySelectorAll('.sb-quiz').length")
        first = True
        while has_quiz and plans:
            plan = plans[0]
            ids = frame.evaluate(QUESTION_IDS_JS)
            if not set(plan) & set(ids):
                break
            if not first:
                retried = frame.evaluate(
                    "() => { const b = [...document.querySelectorAll('.sb-retry:not([hidden])')];"
                    " b.forEach((x) => x.click()); return b.length; }"
                )
                assert retried, f"{learner.username}: no try-again button"
            for qid, value in plan.items():
                # Time to think: the package reports the latency of each answer.
                page.wait_for_timeout(int(1000 * learner.think))
                frame.evaluate(ANSWER_JS, {qid: value})
            page.wait_for_timeout(300)
            plans.pop(0)
            first = False
    # Leaving the player is how a learner closes it; the package commits on pagehide.
    page.goto(f"{moodle.url}/my/")
    page.wait_for_timeout(1500)


class Admin:
    """The admin's browser-less session: logs in through the login form, downloads reports."""

    def __init__(self, url: str, password: str = "Admin#1234") -> None:
        self.url = url
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = self.get("/login/index.php").decode("utf-8")
        token = re.search(r'name="logintoken" value="([^"]+)"', page)
        form = {
            "username": "admin",
            "password": password,
            "logintoken": token.group(1) if token else "",
        }
        self.opener.open(
            f"{url}/login/index.php", urllib.parse.urlencode(form).encode(), timeout=60
        )

    def get(self, path: str) -> bytes:
        with self.opener.open(f"{self.url}{path}", timeout=120) as resp:
            data: bytes = resp.read()
            return data

    def report(self, cmid: int, mode: str, download: str) -> bytes:
        """A SCORM report as the report page's download buttons give it (CSV, Excel, ODS)."""
        return self.get(f"/mod/scorm/report.php?id={cmid}&mode={mode}&download={download}")

    def track_details(self, cmid: int, userid: int, scoid: int, attempt: int = 1) -> bytes:
        """One learner attempt's Track details page, downloaded as CSV."""
        return self.get(
            f"/mod/scorm/report/userreporttracks.php?id={cmid}&user={userid}&scoid={scoid}"
            f"&attempt={attempt}&mode=interactions&download=csv"
        )


def save(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
