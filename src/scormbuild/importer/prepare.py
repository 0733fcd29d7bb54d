"""The document made ready for pandoc, so that nothing it would drop goes unreported.

pandoc drops some things without a word: in OpenDocument files, comments, tracked changes,
paragraph styles and images' descriptions; in both Word and OpenDocument files, charts,
diagrams and embedded objects. Before conversion each of these is replaced by (or marked
with) a token of private-use characters, ``\\ue000N\\ue001``; :func:`apply_marks` turns the
tokens in pandoc's tree into callouts and to-dos.

HTML: ``<aside>`` and paragraphs with a callout class become ``<div>``\\ s, which pandoc keeps
with their class (it passes ``<aside>`` through as raw HTML, and drops a paragraph's class).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from scormbuild.importer.blocks import callout_kind
from scormbuild.importer.inputs import NS, Document, xml

Node = dict[str, Any]
_ASIDE_RE = re.compile(r"<(/?)aside\b", re.IGNORECASE)
_CLASSED_P_RE = re.compile(
    r"<p\b([^>]*\bclass\s*=\s*[\"'][^\"']*\b(?:note|tip|warning)\b[^\"']*[\"'][^>]*)>(.*?)</p>",
    re.IGNORECASE | re.DOTALL,
)
TOKEN_RE = re.compile("\ue000([0-9]+)\ue001")
ODT = {
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "xlink": "http://www.w3.org/1999/xlink",
    "dc": NS["dc"],
    "office": NS["office"],
    "style": NS["style"],
}
DOCX = {
    "w": NS["w"],
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}


@dataclass
class Prepared:
    """The bytes to convert, what each token stands for, and images' alt texts."""

    data: bytes
    marks: list[tuple[str, str]] = field(default_factory=list)  # (kind, text) per token
    alts: dict[str, str] = field(default_factory=dict)  # image name -> alt text
    image_titles: bool = True  # pandoc's OpenDocument reader fills titles with ids

    def token(self, kind: str, text: str) -> str:
        self.marks.append((kind, text))
        return f"\ue000{len(self.marks) - 1}\ue001"


def prepare(doc: Document) -> Prepared:
    """The document with what pandoc would drop marked."""
    if doc.kind == "html":
        text = _ASIDE_RE.sub(r"<\1div", TOKEN_RE.sub("", doc.text))
        text = _CLASSED_P_RE.sub(r"<div\1><p>\2</p></div>", text)
        return Prepared(text.encode("utf-8"))
    if doc.kind == "md":
        return Prepared(TOKEN_RE.sub("", doc.text).encode("utf-8"))
    if doc.kind == "odt":
        return _odt(doc)
    return _docx(doc)


def _find(element: Any, path: str, namespaces: dict[str, str]) -> Any:
    """``element.xpath`` for lxml's loosely typed answers (nodes, strings)."""
    return element.xpath(path, namespaces=namespaces)


def _repack(doc: Document, name: str, root: etree._Element) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        # OpenDocument wants its mimetype first and stored.
        if "mimetype" in doc.parts:
            zf.writestr(zipfile.ZipInfo("mimetype"), doc.parts["mimetype"])
        for part, data in doc.parts.items():
            if part != "mimetype":
                zf.writestr(part, etree.tostring(root) if part == name else data)
    return out.getvalue()


def _object_kind(doc: Document, href: str) -> str:
    content = doc.parts.get(href.lstrip("./").rstrip("/") + "/content.xml", b"")
    if b"chart:chart" in content:
        return "a chart"
    if b"math" in content[:2000]:
        return "an equation"
    return "an embedded object"


def _replace(element: etree._Element, token: str, text_tag: str) -> None:
    """Put ``token`` as text where ``element`` was."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail or ""
    if text_tag:
        span = etree.Element(text_tag)
        span.text = token
        span.tail = tail
        parent.replace(element, span)
        return
    prev = element.getprevious()
    if prev is not None:
        prev.tail = (prev.tail or "") + token + tail
    else:
        parent.text = (parent.text or "") + token + tail
    parent.remove(element)


def _odt(doc: Document) -> Prepared:
    root = xml(doc.path, doc.parts, "content.xml")
    prepared = Prepared(doc.data, image_titles=False)
    if root is None:
        return prepared

    def q(path: str) -> Any:
        return _find(root, path, ODT)

    for region in q("//text:tracked-changes"):
        region.getparent().remove(region)  # deleted text lives here
    for change in q("//text:change | //text:change-start"):
        _replace(change, prepared.token("todo", _CHANGES), "")
    for change in q("//text:change-end"):
        _replace(change, "", "")
    for note in q("//office:annotation"):
        author = " ".join(_find(note, "string(dc:creator)", ODT).split())
        said = " ".join(" ".join(_find(note, ".//text:p//text()", ODT)).split())
        _replace(note, prepared.token("todo", _comment(author, said)), "")
    for end in q("//office:annotation-end"):
        _replace(end, "", "")
    for frame in q("//draw:frame[draw:object or draw:object-ole]"):
        obj = _find(frame, "draw:object | draw:object-ole", ODT)[0]
        what = _object_kind(doc, obj.get(f"{{{ODT['xlink']}}}href", ""))
        if etree.QName(obj).localname == "object-ole":
            what = "an embedded object"
        _replace(frame, prepared.token("todo", _dropped(what)), "")
    for frame in q("//draw:frame[draw:image]"):
        href = _find(frame, "string(draw:image/@xlink:href)", ODT)
        alt = _find(frame, "string(svg:title)", ODT) or _find(
            frame, "string(svg:desc)", namespaces=ODT
        )
        if href and alt.strip():
            prepared.alts[href] = " ".join(alt.split())
    styles = _odt_callout_styles(doc, root)
    for para in q("//text:p[@text:style-name]"):
        kind = styles.get(para.get(f"{{{ODT['text']}}}style-name", ""))
        if kind:
            para.text = prepared.token("style", kind) + (para.text or "")
    prepared.data = _repack(doc, "content.xml", root)
    return prepared


def _odt_callout_styles(doc: Document, content: etree._Element) -> dict[str, str]:
    """Paragraph style names (automatic ones through their parent) that mean a callout."""
    found: dict[str, str] = {}
    parents: dict[str, str] = {}
    for root in (xml(doc.path, doc.parts, "styles.xml"), content):
        if root is None:
            continue
        for style in _find(root, "//style:style[@style:family='paragraph']", ODT):
            name = style.get(f"{{{ODT['style']}}}name", "")
            display = style.get(f"{{{ODT['style']}}}display-name", name)
            kind = callout_kind(["", [], [("custom-style", display.replace("_20_", " "))]])
            if kind:
                found[name] = kind
            parents[name] = style.get(f"{{{ODT['style']}}}parent-style-name", "")
    for name, parent in parents.items():
        if name not in found and parent in found:
            found[name] = found[parent]
    return found


_CHANGES = "tracked changes were accepted here: read the passage through"


def _comment(author: str, said: str) -> str:
    who = f" by {author}" if author else ""
    return f"a comment{who} was dropped: “{said[:200]}”" if said else f"a comment{who} was dropped"


def _dropped(what: str) -> str:
    return f"{what} was dropped: add what it showed as text, or as an image with alt text"


def _docx(doc: Document) -> Prepared:
    root = xml(doc.path, doc.parts, "word/document.xml")
    prepared = Prepared(doc.data)
    if root is None:
        return prepared
    changed = False
    graphic = "a:graphic/a:graphicData"
    for drawing in _find(root, "//w:drawing", DOCX):
        uri = _find(drawing, f"string(.//{graphic}/@uri)", DOCX)
        if "picture" in uri or not uri:
            continue
        what = "a chart" if "chart" in uri else "a diagram" if "diagram" in uri else None
        _replace(drawing, prepared.token("todo", _dropped(what or "a drawing")), f"{{{NS['w']}}}t")
        changed = True
    for obj in _find(root, "//w:object", DOCX):
        _replace(obj, prepared.token("todo", _dropped("an embedded object")), f"{{{NS['w']}}}t")
        changed = True
    if changed:
        prepared.data = _repack(doc, "word/document.xml", root)
    return prepared


def apply_marks(node: Any, prepared: Prepared) -> Any:
    """pandoc's tree with the tokens turned into callouts (styled paragraphs) and to-dos."""
    if isinstance(node, list):
        return [apply_marks(n, prepared) for n in node]
    if not isinstance(node, dict):
        return node
    t = node.get("t")
    if t == "Para" and node["c"] and node["c"][0].get("t") == "Str":
        match = TOKEN_RE.match(node["c"][0]["c"])
        if match and _mark(prepared, match)[0] == "style":
            kind = _mark(prepared, match)[1]
            rest = node["c"][0]["c"][match.end() :]
            inner = ([{"t": "Str", "c": rest}] if rest else []) + node["c"][1:]
            para = {"t": "Para", "c": apply_marks(inner, prepared)}
            return {"t": "Div", "c": [["", [kind], []], [para]]}
    if t == "Str":
        return _str_marks(node["c"], prepared)
    if t == "Image":
        alt = prepared.alts.get(node["c"][2][0])
        if alt and not node["c"][1]:
            node["c"][1] = [{"t": "Str", "c": alt}]
        if not prepared.image_titles:
            node["c"][2] = [node["c"][2][0], ""]
    if "c" in node:
        node["c"] = apply_marks(node["c"], prepared)
    return node


def _mark(prepared: Prepared, match: re.Match[str]) -> tuple[str, str]:
    n = int(match.group(1))
    return prepared.marks[n] if n < len(prepared.marks) else ("", "")


def _str_marks(text: str, prepared: Prepared) -> Node:
    if "\ue000" not in text:
        return {"t": "Str", "c": text}
    pieces: list[Node] = []
    pos = 0
    for match in TOKEN_RE.finditer(text):
        if match.start() > pos:
            pieces.append({"t": "Str", "c": text[pos : match.start()]})
        kind, message = _mark(prepared, match)
        if kind == "todo":
            pieces.append({"t": "Span", "c": [["", ["sb-todo"], [("todo", message)]], []]})
        pos = match.end()
    if pos < len(text):
        pieces.append({"t": "Str", "c": text[pos:]})
    return {"t": "Span", "c": [["", [], []], pieces]}
