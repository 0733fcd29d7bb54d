"""Files of assets/ that a browser would run: HTML made inert, SVG checked, the rest refused.

A package's files are served from the LMS's own address, so a script in any of them would run
with the LMS's rights. So:

- an HTML file (a transcript, a handout) is rewritten: its body goes through the sanitizer
  (:mod:`scormbuild.source.markdown.sanitize`) and the renderer puts it in a page of the theme,
  with the same Content-Security-Policy as every other page. What was dropped that mattered
  (scripts, event handlers, remote references) is a warning at its line;
- an SVG file is read as XML and refused, at the line, when it holds a script, an event
  handler, foreign HTML, an external entity or a reference to anything outside the package;
- files whose type a browser runs as a document with scripts (XHTML, XML, XSLT, JavaScript,
  compressed SVG) are refused.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from lxml import etree
from lxml import html as lxml_html

from scormbuild.errors import Problem, error, warning
from scormbuild.limits import HTML_ASSET_BYTES
from scormbuild.model import Document
from scormbuild.source.markdown.sanitize import clean, inspect, scheme_problem
from scormbuild.source.paths import HTML_EXT, CourseFiles, PathProblem

SVG_EXT = ".svg"
REFUSED_EXT = {
    ".xhtml": "an XHTML file",
    ".xht": "an XHTML file",
    ".xml": "an XML file",
    ".xsl": "an XSLT stylesheet",
    ".xslt": "an XSLT stylesheet",
    ".js": "a script",
    ".mjs": "a script",
    ".svgz": "a compressed SVG file",
}
# Elements that run code or embed another document, in any namespace.
ACTIVE = frozenset({"script", "foreignobject", "iframe", "object", "embed", "handler", "listener"})
ANIMATIONS = frozenset({"animate", "set", "animatemotion", "animatetransform"})
RASTER_DATA = ("data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp")


def is_checked(path: str) -> bool:
    """Whether the asset ``path`` is read and checked here rather than packaged as it is."""
    ext = posixpath.splitext(path)[1].lower()
    return ext in HTML_EXT or ext == SVG_EXT or ext in REFUSED_EXT


def check_asset(files: CourseFiles, path: str) -> tuple[Document | None, list[Problem], str]:
    """An HTML file's inert document, or None; the problems of ``path``; and the text in
    which it may name other files of assets/ (the document's body, the SVG), else ""."""
    ext = posixpath.splitext(path)[1].lower()
    if ext in REFUSED_EXT:
        message = f"{REFUSED_EXT[ext]} can run scripts in the learner's browser: refused"
        hint = "save it as .html (made inert), .svg, .txt, .csv or .pdf, or zip it"
        return None, [error(path, None, message, hint=hint, code="active")], ""
    try:
        data = files.read_bytes(path, HTML_ASSET_BYTES)
    except PathProblem as exc:
        return None, [error(path, None, exc.message, hint=exc.hint, code=exc.code)], ""
    if ext == SVG_EXT:
        return None, list(_svg_problems(path, data)), data.decode("utf-8", "replace")
    document, problems = _document(path, data)
    return document, problems, document.body_html if document is not None else ""


def _document(path: str, data: bytes) -> tuple[Document | None, list[Problem]]:
    """The HTML file's title and sanitized body; warnings for what mattered and was dropped."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, [error(path, line, "not valid UTF-8 text", hint="save it as UTF-8")]
    problems = [
        warning(path, r.line, f"{r.message}: removed", hint=r.hint, code=r.code)
        for r in inspect(text)[1]
        if r.code in ("remote", "script")
    ]
    parser = lxml_html.HTMLParser(encoding="utf-8")
    raw = text.encode("utf-8")
    try:
        root = lxml_html.document_fromstring(raw, parser=parser) if text.strip() else None
    except etree.ParserError:  # only comments, a doctype or end tags: an empty page
        root = None
    title = (root.findtext(".//title") or "").strip() if root is not None else ""
    body = root.find("body") if root is not None else None
    inner = "" if body is None else _inner_html(body)
    name = posixpath.basename(path)
    return Document(" ".join(title.split()) or name, clean(inner)), problems


def _inner_html(element: etree._Element) -> str:
    parts = [element.text or ""]
    parts += [lxml_html.tostring(child, encoding="unicode") for child in element]
    return "".join(parts)


def _svg_problems(path: str, data: bytes) -> Iterator[Problem]:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    hint = "remove it, or export the drawing again as plain SVG"
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if isinstance(exc.lineno, int) else None
        message = f"not a well-formed SVG file: {exc.msg}"
        yield error(path, line, message, hint="export the drawing again as plain SVG", code="svg")
        return
    tree = root.getroottree()
    if tree.docinfo.internalDTD is not None:
        yield error(path, 1, "an SVG with a DOCTYPE of its own is refused", hint=hint, code="svg")
    for node in root.iter():
        line = _line(node)
        if isinstance(node, etree._ProcessingInstruction):
            yield error(path, line, "a processing instruction is refused", hint=hint, code="svg")
            continue
        if not isinstance(node.tag, str):
            continue  # a comment or an entity
        name = etree.QName(node).localname.lower()
        if name in ACTIVE:
            yield error(path, line, f"an SVG with <{etree.QName(node).localname}> is refused",
                        hint=hint, code="script")  # fmt: skip
            continue
        yield from _svg_attributes(path, node, name, hint)
        if name == "style":
            why = _css_problem(node.text or "")
            if why:
                yield error(path, line, why, hint=hint, code="remote")


def _line(node: etree._Element) -> int | None:
    line = node.sourceline
    return line if isinstance(line, int) else None


def _svg_attributes(path: str, node: etree._Element, name: str, hint: str) -> Iterator[Problem]:
    line = _line(node)
    for key, raw in node.attrib.items():
        value = raw if isinstance(raw, str) else raw.decode("utf-8", "replace")
        attr = etree.QName(key).localname.lower()
        if attr.startswith("on"):
            yield error(path, line, f"the event handler '{attr}' is refused", hint=hint,
                        code="script")  # fmt: skip
        elif attr in ("href", "src", "base") and not value.startswith(RASTER_DATA):
            problem = scheme_problem(value, link=name == "a" and attr == "href")
            if problem is not None:
                yield error(path, line, problem[0], hint=hint, code="remote")
        elif attr == "attributename" and name in ANIMATIONS and value.endswith("href"):
            yield error(path, line, "an animation of a link target is refused", hint=hint,
                        code="script")  # fmt: skip
        elif attr == "style":
            why = _css_problem(value)
            if why:
                yield error(path, line, why, hint=hint, code="remote")


def _css_problem(css: str) -> str | None:
    """Why a style in an SVG could fetch something from elsewhere, if it could."""
    if "\\" in css:
        return "a style with escapes (\\) is refused"
    lowered = css.lower()
    if "@import" in lowered:
        return "a style that imports another is refused"
    start = lowered.find("url(")
    while start >= 0:
        end = lowered.find(")", start)
        target = css[start + 4 : end if end >= 0 else len(css)].strip().strip("'\"")
        if not target.startswith("#") and not target.startswith(RASTER_DATA):
            problem = scheme_problem(target, link=False)
            if problem is not None:
                return problem[0]
        start = lowered.find("url(", start + 4)
    return None
