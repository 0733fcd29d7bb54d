"""What a course's own templates put into its pages: nothing that runs or loads from elsewhere.

A course's templates are HTML of its own, not sanitized as its text is: they may rearrange and
restyle the pages. What they may not do is what the sanitizer keeps out of the text: every page
keeps the theme's Content-Security-Policy, loads nothing from elsewhere (no remote script,
stylesheet, font, image or frame; no ``<base>``, no refresh), runs no script but the theme's
runtime (no inline script, no event handler), and its stylesheet imports nothing from elsewhere.
(The policy would block most of these in the browser; here they are errors the author sees.)

The pages are checked once rendered, so whatever a template computes is caught. Each problem is
reported at the course template that holds the offending text when one does (its first line
with it), else at the course template most likely to have made the page, naming the page.
The templates' texts are those the loader read (:class:`~scormbuild.model.CourseTemplates`).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser

from scormbuild.errors import Problem, error
from scormbuild.model import CourseTemplates, OutputFile
from scormbuild.source.markdown.sanitize import LINK_SCHEMES, read_html, scheme_problem
from scormbuild.source.paths import browser_url, is_remote

FOLDER = "templates"
CSP = "content-security-policy"
RUNTIME = "scormbuild/"  # the theme's runtime scripts and stylesheets, in every package
URL_ATTRIBUTES = frozenset(
    {"src", "href", "data", "poster", "action", "formaction", "background", "ping", "manifest",
     "xlink:href", "cite", "longdesc", "icon", "srcset", "imagesrcset"}
)  # fmt: skip
HINT = (
    "a course's templates keep the theme's <head> (extend base.html) and load only the "
    "course's own files: see the template reference in docs/format.md"
)

Finding = tuple[str, str]  # message, the text in the page it is about


class _Page(HTMLParser):
    """Every start tag of a page, and the text of its scripts and styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.inside: str | None = None
        self.texts: list[tuple[str, str]] = []  # (script|style, text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self.inside = tag if tag in ("script", "style") else None

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        self.inside = None

    def handle_data(self, data: str) -> None:
        if self.inside and data.strip():
            self.texts.append((self.inside, data))


def csp_of(html: str) -> str | None:
    """The Content-Security-Policy a page declares in a ``<meta>``, if it declares one."""
    page = _Page()
    read_html(page, html)
    for tag, attrs in page.tags:
        if tag == "meta" and attrs.get("http-equiv", "").lower() == CSP:
            return attrs.get("content", "")
    return None


def page_problems(
    files: Iterable[OutputFile], templates: CourseTemplates, csp: str
) -> list[Problem]:
    """What the pages and stylesheet rendered from a course's ``templates`` must not hold,
    ``csp`` being the theme's own policy."""
    found: dict[str, tuple[str, str]] = {}  # message -> (page, evidence): once per course
    for file in files:
        if file.data is None:
            continue
        if file.path.endswith(".html"):
            findings = _html(file.path, file.data.decode("utf-8", "replace"), csp)
        elif file.path == f"{RUNTIME}theme.css":
            findings = _css(file.data.decode("utf-8", "replace"))
        else:
            continue
        for message, evidence in findings:
            found.setdefault(message, (file.path, evidence))
    return [
        _locate(templates, message, page, evidence) for message, (page, evidence) in found.items()
    ]


def _html(path: str, html: str, csp: str) -> Iterator[Finding]:
    page = _Page()
    unclosed = read_html(page, html)
    if unclosed is not None:
        yield f"the page ends inside '{unclosed[1]}', never closed", unclosed[1]
    policies = [
        a.get("content", "") for t, a in page.tags
        if t == "meta" and a.get("http-equiv", "").lower() == CSP
    ]  # fmt: skip
    if csp not in policies:
        message = "a page made by the course's templates lacks the theme's Content-Security-Policy"
        yield message, "<head"
    for tag, attrs in page.tags:
        equiv = attrs.get("http-equiv", "").lower()
        if tag == "meta" and equiv and equiv != CSP:
            yield f"a <meta http-equiv='{equiv}'> is refused in a page", equiv
        if tag == "base":
            yield "a <base> element is refused in a page", "<base"
        for name, value in attrs.items():
            if name.startswith("on"):
                yield f"the event handler '{name}' is refused in a page", name
            elif name in URL_ATTRIBUTES:
                yield from _url(path, tag, name, value)
            elif name == "style":
                yield from _css(value)
    for kind, text in page.texts:
        if kind == "script":
            yield "an inline script is refused: the pages run only the theme's runtime", text
        else:
            yield from _css(text)


def _url(path: str, tag: str, name: str, value: str) -> Iterator[Finding]:
    targets = [v.strip().split(" ")[0] for v in value.split(",")] if "srcset" in name else [value]
    for target in targets:
        link = tag in ("a", "area") and name == "href"
        if is_remote(target):
            scheme = browser_url(target).split(":", 1)[0].lower()
            if link and (scheme in LINK_SCHEMES or browser_url(target).startswith("//")):
                continue
            why = scheme_problem(target, link=link)
            message = why[0] if why else f"'{target}' is refused"
            yield f"{message} (<{tag} {name}>)", target
        elif tag == "script" and name == "src":
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
            if not (resolved.startswith(RUNTIME) and resolved.endswith(".js")):
                yield (
                    f"the script '{target}' is refused: pages run only the theme's scripts",
                    target,
                )


def _css(css: str) -> Iterator[Finding]:
    lowered = css.lower()
    if "@import" in lowered:
        yield "a stylesheet that imports another is refused", "@import"
    start = lowered.find("url(")
    while start >= 0:
        end = lowered.find(")", start)
        target = css[start + 4 : end if end >= 0 else len(css)].strip().strip("'\"")
        if is_remote(target) and not target.lower().startswith("data:"):
            yield f"the stylesheet loads '{target}' from elsewhere", target
        start = lowered.find("url(", start + 4)


def _locate(templates: CourseTemplates, message: str, page: str, evidence: str) -> Problem:
    """The problem at the first line of a course template holding ``evidence``, if any."""
    if evidence:
        for name in templates.names():
            if name in templates.undecodable:
                continue
            text = templates.texts[name]
            at = text.find(evidence)
            if at >= 0:
                where = f"{FOLDER}/{name}"
                return error(where, text.count("\n", 0, at) + 1, message, hint=HINT, code="page")
    rel = _maker(templates, page)
    return error(f"{FOLDER}/{rel}", None, f"{message} ({page})", hint=HINT, code="page")


def _maker(templates: CourseTemplates, page: str) -> str:
    """The course template that most likely made ``page``: the one of its kind, else the
    course's first template (a page is made of several: base.html, blocks, includes)."""
    kind = (
        "index.html" if page == "index.html"
        else "static/theme.css" if page.endswith(".css")
        else "document.html" if page.startswith("assets/")
        else "module.html"
    )  # fmt: skip
    if kind in templates.texts:
        return kind
    names = templates.names()
    return names[0] if names else kind


__all__ = ["csp_of", "page_problems"]
