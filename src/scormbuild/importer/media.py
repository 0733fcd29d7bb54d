"""The document's images, read safely and kept under stable names in ``assets/``.

A Word or OpenDocument file carries its images; an HTML page or a Markdown file names them
relative to its own folder, and only files inside that folder are read. Pictures from the
web are not downloaded (the import makes no network request); they become to-dos.
Names are ``<original-name>-<first 8 hex digits of the SHA-256>.<ext>``: the same picture
gets the same name in every run and in every language version.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from scormbuild.importer.inputs import MAX_FILE, Document
from scormbuild.importer.split import ascii_slug
from scormbuild.source.paths import is_remote

# What browsers show, by the file's first bytes.
_FORMATS = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"BM", "bmp"),
)
_UNSHOWN = ((b"\x01\x00\x00\x00", "EMF"), (b"\xd7\xcd\xc6\x9a", "WMF"), (b"II*\x00", "TIFF"),
            (b"MM\x00*", "TIFF"))  # fmt: skip


def image_format(data: bytes) -> str | None:
    """The extension for ``data`` if browsers can show it, else None."""
    for magic, ext in _FORMATS:
        if data.startswith(magic):
            return ext
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<svg", b"<?xml")) and b"<svg" in head:
        return "svg"
    return None


def _unshown(data: bytes, src: str) -> str:
    for magic, name in _UNSHOWN:
        if data.startswith(magic):
            return name
    return Path(urlsplit(src).path).suffix.lstrip(".").upper() or "unknown"


class Media:
    """Images of one document: ``image()`` answers where each one is, ``files`` holds them."""

    def __init__(self, doc: Document, known: dict[str, str] | None = None) -> None:
        self.doc = doc
        self.files: dict[str, bytes] = {}  # name under assets/ -> bytes
        self.known = dict(known or {})  # sha256 -> name under assets/ (earlier imports)

    def image(self, src: str) -> tuple[str | None, str | None]:
        """(``../assets/name``, None), or (None, a to-do) when the image cannot be kept."""
        if src.startswith("data:"):
            data, todo = _data_uri(src)
        elif is_remote(src):
            return None, (
                f"an image from the web was not downloaded: {src[:120]}; save it into "
                "assets/ and add it here with alt text"
            )
        elif self.doc.kind in ("docx", "odt"):
            data, todo = self._part(src)
        else:
            data, todo = self._local(src)
        if data is None:
            return None, todo
        ext = image_format(data)
        if ext is None:
            return None, (
                f"an image in {_unshown(data, src)} format, which browsers cannot show, was "
                f"dropped ({Path(urlsplit(src).path).name or 'embedded'}): export it as PNG "
                "or SVG into assets/ and add it here with alt text"
            )
        digest = hashlib.sha256(data).hexdigest()
        name = self.known.get(digest)
        if name is None:
            stem = "" if src.startswith("data:") else Path(unquote(urlsplit(src).path)).stem
            stem = ascii_slug(stem, 30) or "image"
            name = f"{stem}-{digest[:8]}.{ext}"
            self.known[digest] = name
        self.files[name] = data
        return f"../assets/{name}", None

    def _part(self, src: str) -> tuple[bytes | None, str | None]:
        # pandoc names Word images relative to word/, OpenDocument ones from the root.
        name = unquote(src)
        for candidate in (f"word/{name}", name):
            if candidate in self.doc.parts:
                return self.doc.parts[candidate], None
        return None, f"an image ({name[:80]}) was missing from the document and is left out"

    def _local(self, src: str) -> tuple[bytes | None, str | None]:
        """A file beside the page, never outside its folder (no ``..``, no symlink out)."""
        path_part = unquote(urlsplit(src).path)
        base = os.path.realpath(self.doc.path.parent)
        real = os.path.realpath(os.path.join(base, path_part))
        missing = f"an image that is not beside the document was left out: {src[:120]}"
        if path_part.startswith("/") or os.path.commonpath([base, real]) != base:
            return None, missing + " (only files in the document's folder are read)"
        if not os.path.isfile(real):
            return None, missing
        if os.path.getsize(real) > MAX_FILE:
            return None, f"an image larger than {MAX_FILE >> 20} MB was left out: {src[:120]}"
        with open(real, "rb") as fh:
            return fh.read(), None


def _data_uri(src: str) -> tuple[bytes | None, str | None]:
    header, _, payload = src.partition(",")
    if len(payload) > MAX_FILE * 4 // 3:
        return None, "an embedded image too large to keep was left out"
    try:
        if header.endswith(";base64"):
            return base64.b64decode(re.sub(r"\s+", "", payload), validate=True), None
        return unquote(payload).encode("utf-8", "replace"), None
    except (binascii.Error, ValueError):
        return None, "an embedded image that could not be read was left out"
