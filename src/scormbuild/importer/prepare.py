"""The document made ready for pandoc, so that nothing it would drop goes unreported.

HTML: ``<aside>`` and paragraphs with a callout class become ``<div>``\\ s, which pandoc keeps
with their class (it passes ``<aside>`` through as raw HTML, and drops a paragraph's class).
"""

from __future__ import annotations

import re

from scormbuild.importer.inputs import Document

_ASIDE_RE = re.compile(r"<(/?)aside\b", re.IGNORECASE)
_CLASSED_P_RE = re.compile(
    r"<p\b([^>]*\bclass\s*=\s*[\"'][^\"']*\b(?:note|tip|warning)\b[^\"']*[\"'][^>]*)>(.*?)</p>",
    re.IGNORECASE | re.DOTALL,
)


def prepare(doc: Document) -> bytes:
    """The bytes to convert."""
    if doc.kind == "html":
        text = _ASIDE_RE.sub(r"<\1div", doc.text)
        text = _CLASSED_P_RE.sub(r"<div\1><p>\2</p></div>", text)
        return text.encode("utf-8")
    if doc.kind == "md":
        return doc.text.encode("utf-8")
    return doc.data
