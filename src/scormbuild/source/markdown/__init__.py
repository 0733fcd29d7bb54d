"""The one Markdown factory, and the course syntax added to it as plugins.

CommonMark with tables, strikethrough, footnotes, heading anchors and attributes
(``[text]{lang=sv}``, ``{#id}`` before a heading), parsed under bounds (:mod:`.sizes`: the
size of a table, the tokens of a parse) and with no character a page cannot hold
(:mod:`.controls`), then the course's own syntax, each a plugin in a
module of its own, used in this order:

- :mod:`.callouts`: ``::: note|tip|warning|important``;
- :mod:`.languages`: passages in another language (``::: lang sv``, ``[text]{lang=sv}``);
- :mod:`.containers`: every ``:::`` closed, none left on the page as text;
- :mod:`.a11y`: tables that scroll in a focusable box, labelled footnotes;
- :mod:`.quiz_fence`: ``quiz`` fences read into quizzes;
- :mod:`.links`, :mod:`.images`, :mod:`.media`, :mod:`.figures`: links and files, checked
  and pointed at the package, recordings as players, titled lone images as figures;
- :mod:`.terms`: glossary terms marked in the text (``[words]{.term}``);
- :mod:`.rawhtml`: what raw HTML may not do;
- :mod:`.headings`: the outline, and the leading ``# Title`` dropped (the page shows it);
- :mod:`.drafts`: what a draft still needs (to-dos, empty sections, tables too wide);
- :mod:`.interactive`: accordions, tabs, cards, steps, graphics, scenarios, reflections
  (read last, when everything inside them is);
- :mod:`.firstchar`: each block rule tried only at lines that start as it can (for speed).

Under them all, :mod:`.states` has markdown-it parse with its own states, and
:mod:`.renderer` render with its own renderer: the same tokens and HTML, made faster.

The plugins that need the course's files, or report problems, find them in ``env``
(:mod:`.env`). Markup belongs to render rules, or, for quizzes, figures and media players, to
the theme's templates (the page holds placeholders the renderer fills).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.attrs import attrs_block_plugin, attrs_plugin
from mdit_py_plugins.footnote import footnote_plugin

from scormbuild.source.markdown.a11y import a11y_plugin
from scormbuild.source.markdown.callouts import callouts_plugin
from scormbuild.source.markdown.containers import containers_plugin
from scormbuild.source.markdown.controls import controls_plugin
from scormbuild.source.markdown.drafts import drafts_plugin
from scormbuild.source.markdown.env import LABELS, labels_for
from scormbuild.source.markdown.figures import figures_plugin
from scormbuild.source.markdown.firstchar import first_char_plugin
from scormbuild.source.markdown.headings import headings_plugin, slugify
from scormbuild.source.markdown.images import images_plugin
from scormbuild.source.markdown.inline import render_inline
from scormbuild.source.markdown.interactive import interactive_plugin
from scormbuild.source.markdown.languages import languages_plugin
from scormbuild.source.markdown.links import links_plugin
from scormbuild.source.markdown.media import media_plugin
from scormbuild.source.markdown.quiz_fence import quiz_fence_plugin
from scormbuild.source.markdown.rawhtml import raw_html_plugin
from scormbuild.source.markdown.renderer import CourseRenderer
from scormbuild.source.markdown.sizes import sizes_plugin
from scormbuild.source.markdown.states import states_plugin
from scormbuild.source.markdown.terms import terms_plugin

_PLAIN_PATH_RE = re.compile(r"[A-Za-z0-9_.~/#-]+")


class CourseMarkdown(MarkdownIt):
    """markdown-it whose links are all links, whatever their scheme.

    markdown-it leaves ``[x](javascript:...)`` as the text it is; here it becomes a link that
    the links plugin refuses at its line (and the sanitizer would drop), so the author learns
    of it instead of seeing the brackets on the page.
    """

    def validateLink(self, url: str) -> bool:
        return True

    def normalizeLink(self, url: str) -> str:
        # A path of these characters (most of a course's links and images) has no scheme or
        # host to recode and nothing to percent-encode: markdown-it's parse, format and
        # encode give it back as it is (tests/test_markdown.py compares them).
        if _PLAIN_PATH_RE.fullmatch(url) and not url.startswith("//"):
            return url
        return super().normalizeLink(url)


def make_markdown() -> MarkdownIt:
    """The course Markdown parser; one serves every language (the labels come in ``env``)."""
    md = CourseMarkdown("commonmark", {"typographer": False}, renderer_cls=CourseRenderer)
    md.enable(["table", "strikethrough"])
    md.use(states_plugin)
    md.use(sizes_plugin)
    md.use(controls_plugin)
    md.use(footnote_plugin)
    md.use(attrs_block_plugin)
    md.use(attrs_plugin, spans=True)
    md.use(anchors_plugin, min_level=1, max_level=6, slug_func=slugify, permalink=False)
    md.use(callouts_plugin)
    md.use(languages_plugin)
    md.use(containers_plugin)
    md.use(a11y_plugin)
    md.use(quiz_fence_plugin)
    md.use(links_plugin)
    md.use(terms_plugin)
    md.use(images_plugin)
    md.use(media_plugin)
    md.use(figures_plugin)
    md.use(raw_html_plugin)
    md.use(headings_plugin)
    md.use(drafts_plugin)
    md.use(interactive_plugin)
    md.use(first_char_plugin)  # last: it hands out the block rules the others added
    return md


__all__ = ["LABELS", "labels_for", "make_markdown", "render_inline", "slugify"]
