"""The one allow-list for the HTML a course's text becomes, and the one sanitizer that applies it.

Every piece of author text that becomes HTML (module bodies, callouts, objectives, figure
captions, quiz prompts, choices, feedback and hints, HTML files in ``assets/``) goes through
:func:`clean`: nh3 (the Rust ``ammonia`` sanitizer) keeps the tags and attributes listed here
and nothing else, drops URLs with any scheme but those listed, and drops a ``src`` that is
not a file of the course. What it removes can never reach a learner's page.

It removes silently, so the author is told first: :func:`inspect` reads a raw HTML
fragment as the browser would start to (the standard library's HTML tokenizer) and names,
with its line, every tag, attribute and URL the allow-list refuses. :func:`attribute_problem`
does the same for the attributes Markdown itself sets (``{onclick=...}`` after a span).
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

from scormbuild.source.paths import browser_url, is_remote
from scormbuild.source.text import REFUSED_RE, refused_free

TAGS = frozenset(
    {
        *("a", "abbr", "aside", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite"),
        *("code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em"),
        *("figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins"),
        *("kbd", "li", "mark", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp"),
        *("section", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody"),
        *("td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr"),
    }
)
# Removed with everything inside them: what they hold is code or a document of its own.
DROPPED_WITH_CONTENT = frozenset(
    {
        *("script", "style", "iframe", "noscript", "noembed", "noframes", "template"),
        *("object", "svg", "math", "title", "textarea", "xmp", "select"),
    }
)
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "lang", "dir", "title", "role", "tabindex", "hidden"})
ATTRIBUTE_PREFIXES = frozenset({"aria-"})
ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "td": frozenset({"colspan", "rowspan", "headers"}),
    "th": frozenset({"colspan", "rowspan", "headers", "scope", "abbr"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "time": frozenset({"datetime"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
    "q": frozenset({"cite"}),
    "blockquote": frozenset({"cite"}),
    "details": frozenset({"open"}),
}
# The column alignment Markdown tables give their cells: the only style a page keeps (and
# the pages' Content-Security-Policy ignores even that).
ALIGN = frozenset({"text-align:left", "text-align:right", "text-align:center"})
# What the links plugin sets on a link out of the course (a new window, without the opener)
# and on a link to a file (downloaded, under its own name): those values and no others.
LINK_VALUES = {"target": {"_blank"}, "rel": {"noopener noreferrer"}, "download": {""}}
ATTRIBUTE_VALUES = {"th": {"style": set(ALIGN)}, "td": {"style": set(ALIGN)}, "a": LINK_VALUES}
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})


def _keep(tag: str, attribute: str, value: str) -> str | None:
    """nh3's last word on an allowed attribute: a ``src`` must be a file of the course."""
    if attribute == "src" and (is_remote(value) or browser_url(value).startswith("/")):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes={"*": set(GLOBAL_ATTRIBUTES), **{k: set(v) for k, v in ATTRIBUTES.items()}},
    generic_attribute_prefixes=set(ATTRIBUTE_PREFIXES),
    tag_attribute_values=ATTRIBUTE_VALUES,
    attribute_filter=_keep,
    url_schemes=set(LINK_SCHEMES),
    strip_comments=False,  # the page's placeholders for quizzes, figures and players
    link_rel=None,
)


# Text whose only tags are <em>, <strong> and <code> pairs (most quiz texts: words, some of
# them emphasised) comes out of the cleaner as it went in: each tag is allowed and bare, and
# the text holds no character the cleaner would write otherwise (&, <, >, ", no-break space)
# or read otherwise (carriage return, NUL). tests/test_sanitize.py compares the two.
_KEPT_RE = re.compile(r'(?:[^<>&"\r\x00\xa0]|<(em|strong|code)>[^<>&"\r\x00\xa0]*</\1>)*')


def clean(html: str) -> str:
    """``html`` with everything the allow-list does not name removed.

    Text without a tag is returned as it is but for the characters a page cannot hold
    (:data:`scormbuild.source.text.REFUSED_RE`), which no HTML keeps.
    """
    if "<" not in html:
        return _without_refused(html)
    if _KEPT_RE.fullmatch(html) and (refused_free(html) or not REFUSED_RE.search(html)):
        return html
    # The cleaner turns a character reference into its character: none a page cannot hold
    # stays (the controls plugin reported each where it was written).
    return _without_refused(str(_CLEANER.clean(html)))


def _without_refused(text: str) -> str:
    """``text`` without the characters of REFUSED_RE (a pass at memory speed when none)."""
    return text if refused_free(text) else REFUSED_RE.sub("", text)


@dataclass(frozen=True)
class Refused:
    """Something in a fragment that :func:`clean` would remove, and why."""

    line: int  # 1-based, in the fragment
    message: str
    hint: str | None = None
    code: str = "html"


Why = tuple[str, str, str]  # message, hint, code: "script", "remote" or "html"


def scheme_problem(url: str, *, link: bool) -> Why | None:
    """Why ``url`` cannot be used (as a link's target when ``link``), with a hint; None if it can.

    A link may lead elsewhere on the web (``http``, ``https``, ``mailto``, ``tel``); anything
    the page itself loads must be a file of the course.
    """
    if not is_remote(url):
        return None
    cleaned = browser_url(url)
    scheme = urlsplit(cleaned).scheme.lower()
    if scheme == "file":
        return (
            f"'{url}' points at a file on one computer",
            "put the file in assets/ and use a path relative to this file",
            "path",
        )
    if link and (scheme in LINK_SCHEMES or cleaned.startswith("//")):
        return None
    if link:
        return (
            f"a '{scheme}:' link is not allowed",
            "a link leads to a page: http, https, mailto and tel links are allowed",
            "script" if scheme in ("javascript", "vbscript") else "link",
        )
    return (f"remote resource '{url}' is refused", "put the file in assets/", "remote")


_TAG_HINTS = {
    "script": ("scripts are not allowed in course pages", "the theme's runtime is the only script"),
    "style": (
        "a <style> element is not allowed in course text",
        "style the course in templates/static/theme.css",
    ),
    "meta": ("<meta> is not allowed in course text", "a course page cannot redirect or reload"),
    "svg": ("inline SVG is not allowed", "save it in assets/ and show it as an image"),
    "iframe": (
        "an <iframe> is not allowed: a course page embeds nothing from elsewhere",
        "link to the page instead: [title](https://...)",
    ),
    "video": (
        "a <video> element is not allowed",
        "write ![label](../assets/clip.mp4): the player gets its captions and transcript",
    ),
}
_TAG_HINTS["audio"] = _TAG_HINTS["video"]
_TAG_HINTS["math"] = _TAG_HINTS["svg"]
_SEE = "the HTML a course may use is listed in docs/format.md"


def tag_problem(tag: str) -> Why | None:
    """Why the element ``tag`` is refused, with a hint; None when it is allowed."""
    if tag in TAGS:
        return None
    message, hint = _TAG_HINTS.get(tag, (f"<{tag}> is not allowed in course text", _SEE))
    return message, hint, "script" if tag == "script" else "html"


def attribute_problem(tag: str, name: str, value: str) -> Why | None:
    """Why the attribute ``name="value"`` on ``<tag>`` is refused, with a hint."""
    if name.startswith("on"):
        return (
            f"the event handler '{name}' is not allowed",
            "a course page runs no scripts",
            "script",
        )
    if name == "style":
        if tag in ("th", "td") and value.replace(" ", "") in ALIGN:
            return None
        return (
            "a style attribute is not allowed: the pages' Content-Security-Policy ignores it",
            "give the element a class and style it in templates/static/theme.css",
            "html",
        )
    allowed = name in GLOBAL_ATTRIBUTES or name in ATTRIBUTES.get(tag, ())
    if tag == "a" and name in LINK_VALUES:
        if value in LINK_VALUES[name]:
            return None
        return (
            f"{name}='{value}' is not allowed on a link",
            "leave it out: a link out of the course opens in a new window, and a file "
            "downloads, by themselves",
            "html",
        )
    if not allowed and not any(name.startswith(p) for p in ATTRIBUTE_PREFIXES):
        return (f"the attribute '{name}' is not allowed on <{tag}>", _SEE, "html")
    if name in URL_ATTRIBUTES:
        return scheme_problem(value, link=name != "src")
    return None


class _Reader(HTMLParser):
    """Every start tag of a fragment, with its line and attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[int, str, list[tuple[str, str]]]] = []
        self.other: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        self.tags.append((line, tag, [(k, v or "") for k, v in attrs]))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_comment(self, data: str) -> None:
        if data.startswith("scormbuild:"):
            self.other.append((self.getpos()[0], "a comment that starts with 'scormbuild:'"))

    def handle_decl(self, decl: str) -> None:
        self.other.append((self.getpos()[0], f"<!{decl.split()[0] if decl else ''}>"))

    def handle_pi(self, data: str) -> None:
        self.other.append((self.getpos()[0], "a processing instruction <?...?>"))


def read_html(parser: HTMLParser, html: str) -> tuple[int, str] | None:
    """Feed ``html`` to ``parser``; the line and first characters of a construct that is never
    closed (a comment, a tag, a CDATA section) or that it cannot read, if there is one.

    What follows an unclosed construct is left unread: :class:`HTMLParser` would search the
    rest of the text again from every ``<`` in it (a module of ``<!--`` repeated would take
    hours), and to a browser it is part of that comment, tag or section anyway.
    """
    with contextlib.suppress(AssertionError):  # Python's parser on e.g. '<![<!['
        parser.feed(html)
    rest = parser.rawdata  # what the parser holds back, waiting for the construct's end
    unclosed = None
    if rest:
        line = parser.getpos()[0]
        unclosed = (line, " ".join(rest[:12].split()))
        parser.rawdata = ""
    parser.close()
    return unclosed


Tag = tuple[int, str, list[tuple[str, str]]]  # line, name, attributes
_URLS = ("src", "href", "data", "poster", "action", "formaction", "background")


def inspect(html: str) -> tuple[list[Tag], list[Refused]]:
    """The start tags of the raw HTML ``html``, and what :func:`clean` would remove from it,
    each at its line (1-based in ``html``)."""
    reader = _Reader()
    unclosed = read_html(reader, html)
    found = [
        Refused(line, f"{what} is not allowed in course text", _SEE) for line, what in reader.other
    ]
    if unclosed is not None:
        line, start = unclosed
        found.append(
            Refused(
                line,
                f"the HTML '{start}' here is never closed, or malformed",
                "close it ('-->' ends a comment, '>' a tag), or write &lt; for a plain '<'",
            )
        )
    for line, tag, attrs in reader.tags:
        problem = tag_problem(tag)
        if problem is not None:
            found.append(Refused(line, *problem))
            # Said too of a refused element, as it is what the author meant it to do.
            found += [
                Refused(line, *why)
                for name, value in attrs
                if name in _URLS and (why := scheme_problem(value, link=False)) is not None
            ]
            continue
        for name, value in attrs:
            why = attribute_problem(tag, name, value)
            if why is not None:
                found.append(Refused(line, *why))
    return reader.tags, found
