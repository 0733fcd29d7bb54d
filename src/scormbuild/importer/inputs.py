"""What the input file is, read with limits, and the metadata it carries.

Documents come from people we do not control: the kind is decided by the bytes, not only
the extension; Word and OpenDocument files (zip archives) are read with limits on their
number of parts, their unpacked size and their compression ratio, and their XML without
entities or network access.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from scormbuild.errors import CourseError, error

KINDS = {
    ".docx": "docx",
    ".odt": "odt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "md",
    ".markdown": "md",
}
KIND_NAMES = {
    "docx": "a Word document (.docx)",
    "odt": "an OpenDocument text (.odt)",
    "html": "an HTML page",
    "md": "a Markdown file",
}
MAX_FILE = 256 * 1024 * 1024
MAX_PARTS = 10_000
MAX_UNPACKED = 1024 * 1024 * 1024
MAX_RATIO = 200  # deflate reaches about 1000:1 only on crafted or degenerate data
ODT_MIME = b"application/vnd.oasis.opendocument.text"
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SAVE_AGAIN = "open it in Word or LibreOffice and save it again (File > Save As), then import that"
SMALLER = "save it again without embedded files, or split it into smaller documents"
NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}


@dataclass(frozen=True)
class Metadata:
    """What the document says about itself; empty texts when it says nothing."""

    title: str = ""
    author: str = ""
    language: str = ""
    description: str = ""


@dataclass
class Document:
    """One input document: its kind, its bytes and, for zip formats, its parts."""

    path: Path
    kind: str
    data: bytes
    parts: dict[str, bytes] = field(default_factory=dict)
    meta: Metadata = field(default_factory=Metadata)
    text: str = ""  # HTML and Markdown: the decoded text


def refuse(path: Path, message: str, hint: str | None = None) -> CourseError:
    """The one error for a document that cannot be imported; nothing is written."""
    return CourseError([error(str(path), None, message, hint=hint, code="import")])


def read_document(path: Path) -> Document:
    """Read and identify ``path``; raise one clear error for anything unusable."""
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        raise refuse(
            path,
            f"cannot import '{path.suffix or path.name}' files",
            "import reads .docx, .odt, .html and .md; save the guide in one of these formats",
        )
    if not path.is_file():
        hint = "name the guide's own file: one .docx, .odt, .html or .md file"
        raise refuse(path, "no such file" if not path.exists() else "not a file", hint)
    if path.stat().st_size > MAX_FILE:
        message = f"the file is larger than {MAX_FILE // 1048576} MB"
        raise refuse(path, message, "split the guide into smaller documents, or shrink its images")
    data = path.read_bytes()
    if not data.strip():
        raise refuse(path, "the file is empty", "import the file that holds the guide's text")
    actual = sniff(data)
    if kind in ("docx", "odt"):
        return _read_package(path, kind, data, actual)
    if actual is not None:
        raise refuse(
            path,
            f"this is {actual}, not {KIND_NAMES[kind]}",
            "save it with the extension that matches its format",
        )
    return _read_text(path, kind, data)


def sniff(data: bytes) -> str | None:
    """What binary format ``data`` is in, by its first bytes; None for text."""
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "a zip archive (such as .docx or .odt)"
    if data.startswith(CFB_MAGIC):
        return "an old-style Office file or an encrypted document"
    if data.startswith(b"%PDF"):
        return "a PDF file"
    if data.startswith(b"{\\rtf"):
        return "an RTF document"
    if b"\x00" in data[:4096]:
        return "a binary file"
    return None


def _read_package(path: Path, kind: str, data: bytes, actual: str | None) -> Document:
    if data.startswith(CFB_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise refuse(
                path,
                "the document is protected with a password",
                "save an unprotected copy (File > Info > Protect Document) and import that",
            )
        raise refuse(
            path,
            "this is an old binary Word document (.doc), not .docx",
            "open it in Word or LibreOffice and save it as .docx or .odt",
        )
    if not (actual or "").startswith("a zip"):
        raise refuse(
            path,
            f"this is {actual or 'a text file'}, not {KIND_NAMES[kind]}",
            "save it with the extension that matches its format",
        )
    parts = _unzip(path, data)
    other = "odt" if kind == "docx" else "docx"
    if _is_kind(parts, other) and not _is_kind(parts, kind):
        raise refuse(
            path,
            f"this is {KIND_NAMES[other]}, not {KIND_NAMES[kind]}",
            f"rename it to {path.with_suffix('.' + other).name}",
        )
    if kind == "odt" and b"encryption-data" in parts.get("META-INF/manifest.xml", b""):
        raise refuse(
            path,
            "the document is protected with a password",
            "save an unprotected copy (File > Properties > Security) and import that",
        )
    if not _is_kind(parts, kind):
        message = f"the file is corrupted: it is a zip archive but not {KIND_NAMES[kind]}"
        raise refuse(path, message, SAVE_AGAIN)
    main = "word/document.xml" if kind == "docx" else "content.xml"
    xml(path, parts, main)  # a broken main part is reported here, not by pandoc
    meta = _docx_meta(path, parts) if kind == "docx" else _odt_meta(path, parts)
    return Document(path, kind, data, parts, meta)


def _is_kind(parts: dict[str, bytes], kind: str) -> bool:
    if kind == "docx":
        return "word/document.xml" in parts and "[Content_Types].xml" in parts
    return parts.get("mimetype", b"").strip() == ODT_MIME and "content.xml" in parts


def _unzip(path: Path, data: bytes) -> dict[str, bytes]:
    """Every part of the archive, within the limits; a damaged archive is one clear error."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
        if len(infos) > MAX_PARTS:
            raise refuse(path, f"the document has more than {MAX_PARTS} parts", SMALLER)
        if sum(i.file_size for i in infos) > MAX_UNPACKED:
            message = f"the document unpacks to more than {MAX_UNPACKED >> 20} MB"
            raise refuse(path, message, SMALLER)
        parts: dict[str, bytes] = {}
        for info in infos:
            if info.is_dir():
                continue
            if info.flag_bits & 0x1:
                message = "the document is protected with a password"
                raise refuse(path, message, "save an unprotected copy and import that")
            if info.file_size > 1 << 20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                message = f"the part '{info.filename}' is packed suspiciously tightly"
                raise refuse(path, message, SAVE_AGAIN)
            parts[info.filename] = archive.read(info)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as exc:
        raise refuse(path, f"the file is corrupted: {exc}", SAVE_AGAIN) from None
    except NotImplementedError as exc:  # an unsupported compression method
        raise refuse(path, f"the file cannot be read: {exc}", SAVE_AGAIN) from None
    return parts


def xml(path: Path, parts: dict[str, bytes], name: str) -> etree._Element | None:
    """A part parsed as XML (no entities, no network); None when the part is absent."""
    if name not in parts:
        return None
    # A parser of its own: an lxml parser keeps state between documents (its error log, the
    # document it last read), and one costs well under a microsecond to make.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(parts[name], parser)
    except etree.XMLSyntaxError as exc:
        raise refuse(path, f"the file is corrupted: {name}: {exc}", SAVE_AGAIN) from None


def _first(root: etree._Element | None, query: str) -> str:
    if root is None:
        return ""
    found = root.xpath(query, namespaces=NS)
    if isinstance(found, list) and found:
        item = found[0]
        text = item if isinstance(item, str) else getattr(item, "text", None)
        return " ".join(str(text or "").split())
    return ""


def _docx_meta(path: Path, parts: dict[str, bytes]) -> Metadata:
    core = xml(path, parts, "docProps/core.xml")
    styles = xml(path, parts, "word/styles.xml")
    lang = _first(core, "//dc:language") or _first(styles, "//w:docDefaults//w:lang/@w:val")
    return Metadata(
        title=_first(core, "//dc:title"),
        author=_first(core, "//dc:creator"),
        language=lang,
        description=_first(core, "//dc:subject"),
    )


def _odt_meta(path: Path, parts: dict[str, bytes]) -> Metadata:
    meta = xml(path, parts, "meta.xml")
    styles = xml(path, parts, "styles.xml")
    lang = _first(meta, "//dc:language") or _first(
        styles, "//style:default-style[@style:family='paragraph']//@fo:language"
    )
    return Metadata(
        title=_first(meta, "//dc:title"),
        author=_first(meta, "//dc:creator") or _first(meta, "//meta:initial-creator"),
        language=lang,
        description=_first(meta, "//dc:subject"),
    )


def _read_text(path: Path, kind: str, data: bytes) -> Document:
    text = _decode(data)
    if kind == "html" and not re.search(r"<(?:html|body|h[1-6]|p|div)\b", text, re.IGNORECASE):
        raise refuse(
            path,
            "this does not look like an HTML page: it has no <html>, <body>, <h1> or <p>",
            "save it with the extension that matches its format (.md for Markdown)",
        )
    return Document(path, kind, data, text=text)


def _decode(data: bytes) -> str:
    """UTF-8 (with or without a BOM), else the charset an HTML page declares, else cp1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = re.search(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", data[:4096], re.I)
    for encoding in ([declared.group(1).decode()] if declared else []) + ["cp1252"]:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("latin-1")
