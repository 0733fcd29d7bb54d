"""Render a course through the theme: the launch page, module pages and runtime files.

No file I/O beyond reading the theme; the result is a list of :class:`OutputFile` that the
packager writes. Output is deterministic: sorted JSON keys, no timestamps.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, Protocol

import jinja2
from markupsafe import Markup

from scormbuild import fonts
from scormbuild.fonts import font_css
from scormbuild.model import FOOTNOTES_START, Course, Module, OutputFile, Quiz
from scormbuild.package import suspend_data as state
from scormbuild.render.blocks import block_code, fill_blocks, glossary_page
from scormbuild.render.coursedata import ObjectMemo, course_data, course_data_script
from scormbuild.render.fastpath import markup
from scormbuild.render.files import fill_page_files
from scormbuild.render.learner import learner_pages
from scormbuild.render.minify import ShippedScripts, minify_css
from scormbuild.render.pagefiles import (
    DRAG_STYLE,
    LAUNCH_SCRIPTS,
    PAGE_SCRIPTS,
    THEME_STYLES,
    PageFiles,
    page_files,
    ships,
    theme_css,
)
from scormbuild.render.quizview import correct_answer, phrasing, question_views
from scormbuild.render.theme import brand_css, course_template_errors, read_static, theme_digest
from scormbuild.strings import Catalog
from scormbuild.workers import forked_map, shares, worker_count


class Packer(Protocol):
    """What the caller makes of each module page on the process that rendered it (the build
    deflates it for the zip there), kept by page path in ``packed``."""

    packed: dict[str, object]

    def pack(self, page: bytes) -> object: ...


def render_quiz(env: jinja2.Environment, quiz: Quiz, index: int, lang: str) -> Markup:
    """One quiz's markup, every question present (the runtime picks, orders and fills)."""
    t = env.globals["t"]
    assert isinstance(t, Catalog)  # render_course puts the course's catalog there
    html = env.get_template("quiz.html").render(
        quiz=quiz,
        questions=question_views(env, quiz, lang, t),
        index=index,
        lang=lang,
        phrasing=phrasing,
        correct_answer=correct_answer,
        fill_max_length=state.fill_max_length,
        numeric_max_length=state.NUMERIC_MAX_LENGTH,
    )
    return markup(html)


_PLACEHOLDER_RE = re.compile(r"<!--scormbuild:(quiz|figure|media):([A-Za-z0-9_-]+)-->")


def fill_placeholders(
    env: jinja2.Environment, module: Module, quiz_index: dict[str, int], lang: str
) -> str:
    """The module's HTML with its quizzes, figures and players from the theme's templates.

    ``quiz_index`` numbers the course's quizzes; a placeholder of something the module does
    not have is left as it is (an HTML comment).
    """
    quizzes = {q.id: q for q in module.quizzes}
    html = fill_blocks(env, module, module.html, quiz_index, lang)

    def fill(match: re.Match[str]) -> str:
        kind, key = match.groups()
        if kind == "quiz" and key in quizzes:
            return render_quiz(env, quizzes[key], quiz_index[key], lang)
        index = int(key) if key.isdigit() else -1
        if kind == "figure" and 0 <= index < len(module.figures):
            figure = env.get_template("figure.html").render(
                figure=module.figures[index], root="../"
            )
            return figure.rstrip("\n")
        if kind == "media" and 0 <= index < len(module.media):
            player = env.get_template("media.html").render(
                media=module.media[index], root="../", lang=lang
            )
            return player.rstrip("\n")
        return match.group(0)

    return _PLACEHOLDER_RE.sub(fill, html)


def render_module(
    env: jinja2.Environment,
    course: Course,
    index: int,
    quiz_index: dict[str, int],
    files: PageFiles,
) -> str:
    """A module page: a complete HTML document that also works opened on its own.

    ``files``: :func:`~scormbuild.render.pagefiles.page_files` of the course, the same for
    every page (worked out once: it looks through every quiz and block of the course)."""
    module: Module = course.modules[index]
    body = fill_placeholders(env, module, quiz_index, course.language)
    # The text, then the footnotes: the theme puts the previous/next links between them.
    cut = body.rfind(FOOTNOTES_START)
    text, notes = (body[:cut], body[cut:]) if cut >= 0 else (body, "")
    mods = course.modules
    multi = course.config.sco_mode == "multi"
    page = env.get_template("module.html").render(
        course=course,
        module=module,
        index=index,
        body=markup(body),
        text=markup(text),
        notes=markup(notes),
        previous=mods[index - 1] if index > 0 else None,
        next=mods[index + 1] if index + 1 < len(mods) else None,
        multi=multi,
        root="../",
        scripts=files.scripts,
        styles=files.styles,
        terms=[t for t in course.glossary if t.id in module.terms],
    )
    return fill_page_files(env, page, course)


def runtime_file(name: str, scripts: ShippedScripts | None = None) -> bytes:
    """A learner runtime file shipped inside the scormbuild package, minified: its comments
    (the type checker's annotations among them), spacing, long local names and the node half
    of its header stay in the repository. ``scripts``: the minified scripts of this render."""
    return (scripts or ShippedScripts.load()).get(name).encode()


class _PageKey:
    """A page's own inputs: its position, its module and its quizzes' numbers.

    The module is compared by identity: the loader hands back the very same object for a
    module it reused, and hashing a whole module for every lookup cost more than rendering
    the page it keys. A module read again is a new object, so its page is rendered again.
    """

    __slots__ = ("hash", "index", "module", "quizzes")

    def __init__(self, index: int, module: Module, quizzes: tuple[int, ...]) -> None:
        self.index, self.module, self.quizzes = index, module, quizzes
        self.hash = hash((index, id(module), quizzes))

    def __hash__(self) -> int:
        return self.hash

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, _PageKey)
            and self.module is other.module
            and (self.index, self.quizzes) == (other.index, other.quizzes)
        )


class PageCache:
    """Module pages of the last render, by everything a page is made from (the preview's).

    A rebuild after one module changes renders that page (and its neighbours, whose links
    show its title) only. What all pages share (the theme's templates, the configuration,
    the language, the outline) is compared once per render; a change there renders all.
    """

    def __init__(self) -> None:
        self.pages: dict[_PageKey, bytes] = {}
        self.shared: tuple[Any, ...] = ()
        self.data: dict[str, ObjectMemo] = {}  # course-data.js's parts, per language

    def data_memo(self, language: str) -> ObjectMemo:
        """The memo of ``course_data`` for a render in ``language``."""
        memo = self.data.setdefault(language, ObjectMemo())
        memo.rotate()
        return memo

    def render(
        self,
        env: jinja2.Environment,
        course: Course,
        quiz_index: dict[str, int],
        files: PageFiles,
        workers: int | None = None,
        meanwhile: Callable[[], None] = lambda: None,
    ) -> list[bytes]:
        """Every module page of ``course``, rendering only those not kept from last time
        (``files``, ``workers`` and ``meanwhile`` as for :func:`_render_pages`)."""
        if course.templates is not None:
            # A course's own templates may use any part of the course: no reuse.
            every = range(len(course.modules))
            return _render_pages(env, course, quiz_index, every, files, workers, meanwhile)
        mods = course.modules
        outline = tuple((m.slug, m.title) for m in mods)
        # What every page loads depends on the blocks and questions the whole course has; the
        # links to files say their sizes.
        sizes = tuple((a.path, a.size) for a in course.assets)
        shared = (
            theme_digest(env), course.config, course.language, outline, files, sizes,
        )  # fmt: skip
        if shared != self.shared:
            self.pages, self.shared = {}, shared
        keys = [
            _PageKey(i, m, tuple(quiz_index[q.id] for q in m.quizzes)) for i, m in enumerate(mods)
        ]
        missing = [i for i, key in enumerate(keys) if key not in self.pages]
        rendered = _render_pages(env, course, quiz_index, missing, files, workers, meanwhile)
        fresh = dict(zip(missing, rendered, strict=True))
        pages = [fresh[i] if i in fresh else self.pages[key] for i, key in enumerate(keys)]
        self.pages = dict(zip(keys, pages, strict=True))
        return pages


def _render_pages(
    env: jinja2.Environment,
    course: Course,
    quiz_index: dict[str, int],
    indexes: Sequence[int],
    files: PageFiles,
    workers: int | None = None,
    meanwhile: Callable[[], None] = lambda: None,
    packer: Packer | None = None,
) -> list[bytes]:
    """The pages of ``indexes``, on several processes when there are many (or ``workers``).

    ``files``: :func:`page_files` of the course. ``meanwhile`` is this process's own share of
    the work, done while the workers render.
    """
    indexes = list(indexes)
    if not indexes:
        meanwhile()
        return []

    def render_some(part: Sequence[int]) -> list[tuple[bytes, object]]:
        with course_template_errors(env):
            pages = [render_module(env, course, i, quiz_index, files).encode() for i in part]
        return [(page, packer and packer.pack(page)) for page in pages]

    # The first page here compiles every template it uses; the workers inherit them.
    first = render_some(indexes[:1])
    workers = workers or worker_count(len(indexes))
    with forked_map(render_some, shares(indexes[1:], workers), workers) as results:
        meanwhile()
        done = first + [page for part in results for page in part]
    if packer is not None:
        hrefs = [course.modules[i].href for i in indexes]
        packer.packed.update(zip(hrefs, (packed for _page, packed in done), strict=True))
    return [page for page, _packed in done]


def render_course(
    course: Course,
    env: jinja2.Environment,
    pages: PageCache | None = None,
    *,
    workers: int | None = None,
    meanwhile: Callable[[], None] = lambda: None,
    packer: Packer | None = None,
) -> list[OutputFile]:
    """Every generated and static file of the package except the manifest and the assets
    packaged as they are (HTML files of ``assets/`` are pages, rendered here).

    With ``pages``, module pages whose inputs are unchanged since its last render are not
    rendered again: for the preview's rebuilds. ``workers``: how many processes render the
    pages (by default, as many as the work is worth); ``meanwhile``: the caller's own work,
    done while they do; ``packer``: see :class:`Packer` (not with ``pages``)."""
    with course_template_errors(env):
        return _render_course(course, env, pages, workers, meanwhile, packer)


def _render_course(
    course: Course, env: jinja2.Environment, pages: PageCache | None, workers: int | None,
    meanwhile: Callable[[], None], packer: Packer | None,
) -> list[OutputFile]:  # fmt: skip
    t = Catalog(course.language, course.config.strings)
    env.globals["t"] = t
    quiz_index = {q.id: i for i, q in enumerate(course.quizzes)}
    memo = pages.data_memo(course.language) if pages is not None else None
    data_js: list[bytes] = []

    def data_script() -> None:  # worked out here while the workers render the pages
        data_js.append(course_data_script(course_data(course, t, memo)))
        meanwhile()

    multi, theme = course.config.sco_mode == "multi", course.config.theme
    # In multi-SCO mode the LMS's table of contents replaces the launch page.
    every = (
        PAGE_SCRIPTS[1:] if multi else tuple(dict.fromkeys(LAUNCH_SCRIPTS[1:] + PAGE_SCRIPTS[1:]))
    )
    runtime = [n for n in every if ships(course, n)]
    shipped = ShippedScripts.load()
    files_of_pages = page_files(course)
    if pages is not None:
        bodies = pages.render(env, course, quiz_index, files_of_pages, workers, data_script)
    else:
        every_page = range(len(course.modules))
        bodies = _render_pages(
            env, course, quiz_index, every_page, files_of_pages, workers, data_script, packer
        )
    files = [
        *(OutputFile(m.href, page) for m, page in zip(course.modules, bodies, strict=True)),
        OutputFile("scormbuild/course-data.js", data_js[0]),
        OutputFile(
            "scormbuild/brand.css",
            minify_css(brand_css(theme.brand_color) + font_css(theme.font)).encode(),
        ),
        *(OutputFile(path, data) for path, data in fonts.package_files(theme.font).items()),
        *(OutputFile(f"scormbuild/{name}", runtime_file(name, shipped)) for name in runtime),
        *(
            OutputFile(f"scormbuild/{name}", text.encode())
            for name, text in block_code(env, course, shipped).items()
        ),
    ]
    if "dragdrop.js" in runtime:
        css = minify_css(read_static(env, DRAG_STYLE))
        files.append(OutputFile(f"scormbuild/{DRAG_STYLE}", css.encode()))
    glossary = glossary_page(env, course, THEME_STYLES + files_of_pages.block_styles)
    if glossary is not None:
        files.append(glossary)
    if not multi:  # the launch page; in multi-SCO mode the LMS's table of contents replaces it
        # The cover and finish pages load the runtime a module page loads: page.js sizes the
        # frame.
        files += learner_pages(
            env, course, THEME_STYLES, files_of_pages.runtime, bodies, files_of_pages.block_styles
        )
        page = env.get_template("index.html").render(
            course=course, root="", scripts=LAUNCH_SCRIPTS, styles=THEME_STYLES
        )
        files.append(OutputFile("index.html", page.encode()))
    files += render_documents(course, env)
    files.append(theme_css(env, files))
    return sorted(files, key=lambda f: f.path)


def render_documents(course: Course, env: jinja2.Environment) -> list[OutputFile]:
    """The HTML files of ``assets/``, each as a page of the theme around its inert body."""
    template = env.get_template("document.html")
    return [
        OutputFile(
            asset.path,
            template.render(
                course=course, document=asset.document, root="../" * asset.path.count("/"),
                scripts=(), styles=THEME_STYLES,
            ).encode(),
        )
        for asset in course.assets
        if asset.document is not None
    ]  # fmt: skip
