"""What the package's pages load besides their own HTML: the theme's stylesheet and the parts
of it that the pages use, the runtime's scripts that the package ships, the blocks' files.

Whether a file ships depends on the whole course (a matching question anywhere brings drag and
drop to every page), so :func:`page_files` works it out once per render.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from types import MappingProxyType

import jinja2

from scormbuild.model import Course, OutputFile
from scormbuild.render.blocks import page_assets
from scormbuild.render.minify import fold_custom_properties, minify_css
from scormbuild.render.theme import read_static
from scormbuild.runtime import LAUNCH_ENTRIES, PAGE_ENTRIES, bundles, load_order, packaged

# The data every page starts from; the runtime's scripts follow in the order they declare
# (scormbuild.runtime.load_order), those that ship together as one file each
# (scormbuild.runtime.bundles: core.js, launch.js; each of their members always ships where
# the file does, tests/test_runtime.py).
DATA_SCRIPT = "course-data.js"
BUNDLES = MappingProxyType(bundles())
LAUNCH_SCRIPTS = (DATA_SCRIPT, *packaged(load_order(LAUNCH_ENTRIES), BUNDLES))
PAGE_SCRIPTS = (DATA_SCRIPT, *packaged(load_order(PAGE_ENTRIES), BUNDLES))
THEME_STYLES = ("theme.css", "brand.css")
# Parts of the theme's stylesheet that only some courses need, each with a word its pages
# hold (the class it styles): theme.css takes a part in when a page of the package holds its
# word (a page that merely says the word gets it too). A course overrides a part by name, as
# it does theme.css.
THEME_PARTS = (
    ("path.css", b"sb-frame"),  # the launch page's frame, which its script needs: single-SCO
    ("callouts.css", b"callout"),
    ("quiz.css", b"sb-question"),
)
DRAG_STYLE = "dragdrop.css"  # dragdrop.js's, shipped with it


def ships(course: Course, name: str) -> bool:
    """Whether the package ships runtime file ``name``: quiz-ui.js only with a quiz to show
    (a scored scenario keeps its result through quiz.js alone), exam.js only with a quiz in
    exam mode, dragdrop.js only with a matching or ordering question in a quiz."""
    if name == "exam.js":
        return any(q.mode == "exam" for q in course.quizzes)
    quizzes = [q for q in course.quizzes if q.kind == "quiz"]
    if name == "dragdrop.js":
        return any(x.type in ("matching", "ordering") for q in quizzes for x in q.questions)
    return name != "quiz-ui.js" or bool(quizzes)


@dataclass(frozen=True)
class PageFiles:
    """The files a page of the course loads: the same for every page."""

    runtime: tuple[str, ...]  # the runtime's page scripts that the package ships, in order
    block_styles: tuple[str, ...]
    block_scripts: tuple[str, ...]

    @property
    def styles(self) -> tuple[str, ...]:
        """A module page's stylesheets: the theme's, drag and drop's, the blocks'."""
        drag = (DRAG_STYLE,) if "dragdrop.js" in self.runtime else ()
        return THEME_STYLES + drag + self.block_styles

    @property
    def scripts(self) -> tuple[str, ...]:
        """A module page's scripts: the runtime's, then the blocks'."""
        return self.runtime + self.block_scripts


def page_files(course: Course) -> PageFiles:
    """The stylesheets and the scripts the course's pages load (see :class:`PageFiles`)."""
    block_styles, block_scripts = page_assets(course)
    runtime = tuple(n for n in PAGE_SCRIPTS if ships(course, n))
    return PageFiles(runtime, block_styles, block_scripts)


def theme_css(env: jinja2.Environment, files: Sequence[OutputFile]) -> OutputFile:
    """``scormbuild/theme.css``: the theme's stylesheet and the parts of it (THEME_PARTS)
    that the package's pages use, its constant custom properties read in place
    (:func:`~scormbuild.render.minify.fold_custom_properties`; ``files``: the rest of the
    package, its other stylesheets among them)."""
    pages = [f.data for f in files if f.path.endswith(".html") and f.data]
    parts = [name for name, word in THEME_PARTS if any(word in page for page in pages)]
    text = "".join(read_static(env, name) for name in ("theme.css", *parts))
    others = [f.data.decode() for f in files if f.path.endswith(".css") and f.data]
    css = fold_custom_properties(minify_css(text), others)
    return OutputFile("scormbuild/theme.css", css.encode())
