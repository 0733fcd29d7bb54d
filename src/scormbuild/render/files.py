"""The type and size of a file a page links to, filled in where the loader left a placeholder.

The links plugin (:mod:`scormbuild.source.markdown.links`) marks each link to a packaged file
with ``<!--scormbuild:file:KEY-->``; here the theme's ``file-info.html`` says what the file is
and how large, from the sizes the loader recorded (:class:`~scormbuild.model.Asset`), in the
course's language ("PDF, 1,2 Mt" in Finnish, "PDF, 1.2 MB" in English).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable

import jinja2

from scormbuild.model import Asset, Course
from scormbuild.strings import Catalog, number

_FILE_RE = re.compile(r"<!--scormbuild:file:((?:[0-9a-f]{2})+)-->")
KILO = 1000  # kB and MB as SI units: what the words say


def file_size(size: int, t: Catalog) -> str:
    """``size`` bytes in the words of ``t``'s language: "812 kB", "1,2 Mt", "15 MB"."""
    if size < KILO:
        return t("size_bytes", n=size)
    value, key = (size / KILO, "size_kb") if size < KILO * KILO else (size / KILO**2, "size_mb")
    shown = round(value, 1) if value < 10 else round(value)
    if shown >= KILO and key == "size_kb":  # 999,96 kB rounds to 1000: say 1 MB
        shown, key = 1, "size_mb"
    return t(key, n=number(shown, t.lang))


def file_type(path: str) -> str:
    """What a file is, as its name says: "PDF", "DOCX" ("" for a name without a suffix)."""
    return posixpath.splitext(path)[1].lstrip(".").upper()


def fill_files(env: jinja2.Environment, html: str, assets: Iterable[Asset], t: Catalog) -> str:
    """``html`` with each file placeholder replaced by the file's type and size.

    ``assets``: the course's packaged files. A placeholder whose file is not among them
    (which the loader's checks rule out) is left as it is, an HTML comment.
    """
    if "<!--scormbuild:file:" not in html:  # most pages link to no file
        return html
    template = env.get_template("file-info.html")
    by_path = {a.path: a for a in assets}

    def fill(match: re.Match[str]) -> str:
        path = bytes.fromhex(match.group(1)).decode("utf-8", "replace")
        asset = by_path.get(path)
        if asset is None:
            return match.group(0)
        info = template.render(type=file_type(path), size=file_size(asset.size, t), path=path)
        return info.rstrip("\n")

    return _FILE_RE.sub(fill, html)


def fill_page_files(env: jinja2.Environment, page: str, course: Course) -> str:
    """:func:`fill_files` for a whole page of ``course``, in the words of the catalog
    :func:`~scormbuild.render.pages.render_course` gives ``env``."""
    t = env.globals["t"]
    assert isinstance(t, Catalog)
    return fill_files(env, page, course.assets, t)
