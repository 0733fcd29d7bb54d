"""The pages around the modules in single-SCO mode: the cover page, the finish page, and the
whole course on one page to print (render/printview.py).

All are theme templates (``cover.html``, ``finish.html``, ``print.html``) shown in the launch
page's frame; the cover and finish pages are made from the model alone so that they read
sensibly with scripts off, and the runtime's ``nav.js`` fills in what only the session knows
(where to continue, each module's state, the result). In multi-SCO mode each module is a SCO
of its own and the LMS's table of contents takes their place, so none is made.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import jinja2

from scormbuild.model import Course, Module, OutputFile
from scormbuild.render.printview import print_sections
from scormbuild.strings import Catalog

COVER = "modules/cover.html"
FINISH = "modules/finish.html"
PRINT = "modules/print.html"
# The strings the runtime shows on the path: module states, Continue, the finish page's results.
PATH_STRINGS = (
    "cover_continue", "quiz_not_attempted", "quiz_result", "state_done", "state_failed",
    "state_in_progress", "state_not_started", "state_passed", "status_incomplete",
)  # fmt: skip

# "15 min", "1 h", "1 h 30 min", "90", "1,5 h", "20 minuuttia", "2 timmar": a number and a
# unit; the unit's first letter says hours (h, t) or minutes (anything else or none).
_PART_RE = re.compile(r"(\d+(?:[.,]\d+)?)\s*([^\d\s.,]*)")
_WHOLE_RE = re.compile(r"\s*(?:\d+(?:[.,]\d+)?\s*[^\d\s.,]*\s*)+")


def minutes(duration: str | None) -> int | None:
    """A module's ``duration`` in minutes, or None when it does not read as a time."""
    if not duration or not _WHOLE_RE.fullmatch(duration):
        return None
    total = 0.0
    for number, unit in _PART_RE.findall(duration):
        value = float(number.replace(",", "."))
        total += value * 60 if unit[:1].lower() in ("h", "t") else value
    return round(total)


def total_minutes(modules: tuple[Module, ...]) -> int | None:
    """The course's estimated time: every module's duration added, or None if one is unread."""
    found = [minutes(m.duration) for m in modules]
    if not found or any(m is None for m in found):
        return None
    return sum(m for m in found if m is not None)


def time_text(t: Catalog, total: int) -> str:
    """``total`` minutes in the learner's words: "about 1 h 20 min"."""
    hours, rest = divmod(total, 60)
    if not hours:
        return t("time_minutes", m=rest)
    return t("time_hours_minutes", h=hours, m=rest) if rest else t("time_hours", h=hours)


def learner_pages(
    env: jinja2.Environment,
    course: Course,
    styles: tuple[str, ...],
    scripts: tuple[str, ...],
    pages: Sequence[bytes],
    block_styles: tuple[str, ...],
) -> list[OutputFile]:
    """The cover, finish and print pages of a single-SCO package; ``pages`` are the rendered
    module pages, ``block_styles`` the blocks' stylesheets the print page needs as well."""
    t = env.globals["t"]
    assert isinstance(t, Catalog)  # render_course puts the course's catalog there
    total = total_minutes(course.modules)
    common = {"course": course, "root": "../", "styles": styles, "scripts": scripts}
    cover = env.get_template("cover.html").render(
        **common, time=time_text(t, total) if total else "", first=course.modules[0]
    )
    graded = [
        (quiz, module, index)
        for index, (quiz, module) in enumerate((q, m) for m in course.modules for q in m.quizzes)
        if quiz.graded
    ]
    finish = env.get_template("finish.html").render(**common, graded=graded)
    whole = env.get_template("print.html").render(
        **{**common, "styles": styles + block_styles}, sections=print_sections(course, pages, t)
    )
    return [
        OutputFile(COVER, cover.encode()),
        OutputFile(FINISH, finish.encode()),
        OutputFile(PRINT, whole.encode()),
    ]


__all__ = ["COVER", "FINISH", "PATH_STRINGS", "PRINT", "learner_pages", "minutes", "total_minutes"]
