"""The SCORM 1.2 manifest (``imsmanifest.xml``) of a course, built as an lxml tree.

Single-SCO mode: one item launching ``index.html``, one SCO resource listing every file.
Multi-SCO mode: one item and one SCO per module page; the other files form one shared
asset resource that every SCO depends on. Identifiers derive from the course and module
ids, so they are stable across builds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import quote

from lxml import etree

from scormbuild.courseconfig import Localized
from scormbuild.model import Course

IMSCP_NS = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP_NS = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD_NS = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XML_NS = "http://www.w3.org/XML/1998/namespace"

# Moodle matches literal names, so the prefixes are part of the format, not a style choice.
NSMAP: dict[str | None, str] = {
    None: IMSCP_NS,
    "adlcp": ADLCP_NS,
    "imsmd": IMSMD_NS,
    "xsi": XSI_NS,
}
SCHEMA_FILES: dict[str, str] = {
    IMSCP_NS: "imscp_rootv1p1p2.xsd",
    ADLCP_NS: "adlcp_rootv1p2.xsd",
    IMSMD_NS: "imsmd_rootv1p2p1.xsd",
}
MANIFEST_NAME = "imsmanifest.xml"
# The control documents sit at the package root beside the manifest; they belong to no
# resource, so they are not listed as <file>.
CONTROL_DOCUMENTS = frozenset({MANIFEST_NAME, *SCHEMA_FILES.values(), "ims_xml.xsd"})
LAUNCH_PAGE = "index.html"

_NOT_NCNAME = re.compile(r"[^A-Za-z0-9_.\-]")


def _cp(tag: str) -> str:
    return f"{{{IMSCP_NS}}}{tag}"


def _md(tag: str) -> str:
    return f"{{{IMSMD_NS}}}{tag}"


def _adl(tag: str) -> str:
    return f"{{{ADLCP_NS}}}{tag}"


def make_identifier(prefix: str, name: str) -> str:
    """``PREFIX-name`` as an XML NCName; the prefix makes ids that start with a digit valid."""
    return f"{prefix}-{_NOT_NCNAME.sub('_', name)}"


def href(path: str) -> str:
    """An archive path as a relative URI reference (spaces and non-ASCII percent-encoded)."""
    return quote(path, safe="/")


def _sub(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    el = etree.SubElement(parent, tag)
    if text is not None:
        el.text = text
    return el


def _langstring(parent: etree._Element, tag: str, text: str, lang: str | None) -> None:
    wrapper = _sub(parent, _md(tag))
    ls = _sub(wrapper, _md("langstring"), text)
    if lang:
        ls.set(f"{{{XML_NS}}}lang", lang)


def _vocabulary(parent: etree._Element, tag: str, value: str) -> None:
    """A LOM vocabulary element: ``<source>LOMv1.0</source><value>...</value>``."""
    wrapper = _sub(parent, _md(tag))
    _langstring(wrapper, "source", "LOMv1.0", "x-none")
    _langstring(wrapper, "value", value, "x-none")


def _vcard_escape(text: str) -> str:
    return re.sub(r"([\\,;])", r"\\\1", text).replace("\n", "\\n")


def _contribute(lifecycle: etree._Element, role: str, name: str) -> None:
    contribute = _sub(lifecycle, _md("contribute"))
    _vocabulary(contribute, "role", role)
    centity = _sub(contribute, _md("centity"))
    vcard = f"BEGIN:VCARD\nVERSION:2.1\nFN:{_vcard_escape(name)}\nEND:VCARD"
    _sub(centity, _md("vcard"), vcard)


def localized(course: Course) -> Localized:
    """Title, description and keywords in the language this package is built for."""
    cfg = course.config
    for loc in cfg.localized:
        if loc.language == course.language:
            return loc
    return Localized(course.language, cfg.title, cfg.description, cfg.keywords)


def _metadata(parent: etree._Element, course: Course) -> None:
    cfg = course.config
    lang = course.language
    text = localized(course)
    metadata = _sub(parent, _cp("metadata"))
    _sub(metadata, _cp("schema"), "ADL SCORM")
    _sub(metadata, _cp("schemaversion"), "1.2")
    lom = _sub(metadata, _md("lom"))
    # Element order follows the imsmd 1.2.1 sequences (general, then lifecycle).
    general = _sub(lom, _md("general"))
    _sub(general, _md("identifier"), cfg.id)
    _langstring(general, "title", text.title, lang)
    _sub(general, _md("language"), lang)
    if text.description:
        _langstring(general, "description", text.description, lang)
    for keyword in text.keywords:
        _langstring(general, "keyword", keyword, lang)
    lifecycle = _sub(lom, _md("lifecycle"))
    _langstring(lifecycle, "version", cfg.version, None)
    if cfg.author:
        _contribute(lifecycle, "Author", cfg.author)
    if cfg.organization:
        _contribute(lifecycle, "Publisher", cfg.organization)


def _item(
    parent: etree._Element, identifier: str, resource: str, title: str, course: Course
) -> None:
    item = _sub(parent, _cp("item"))
    item.set("identifier", identifier)
    item.set("identifierref", resource)
    _sub(item, _cp("title"), title)
    if course.config.mastery_score is not None:
        _sub(item, _adl("masteryscore"), str(course.config.mastery_score))


def _resource(
    parent: etree._Element,
    identifier: str,
    scormtype: str,
    files: Sequence[str],
    launch: str | None = None,
    dependencies: Sequence[str] = (),
) -> None:
    res = _sub(parent, _cp("resource"))
    res.set("identifier", identifier)
    res.set("type", "webcontent")
    res.set(_adl("scormtype"), scormtype)
    if launch is not None:
        res.set("href", href(launch))
    for path in files:
        _sub(res, _cp("file")).set("href", href(path))
    for dep in dependencies:
        _sub(res, _cp("dependency")).set("identifierref", dep)


def package_files(files: Sequence[str]) -> list[str]:
    """The files resources list: sorted, unique, without the root control documents."""
    return sorted({f for f in files if f not in CONTROL_DOCUMENTS})


def build_manifest(course: Course, files: Sequence[str]) -> etree._ElementTree:
    """The manifest of ``course`` whose package holds ``files`` (archive paths).

    Raises ``ValueError`` when a launch page is not among ``files`` or two modules map to
    the same identifier.
    """
    cfg = course.config
    listed = package_files(files)
    multi = cfg.sco_mode == "multi"
    launches = [m.href for m in course.modules] if multi else [LAUNCH_PAGE]
    missing = [p for p in launches if p not in listed]
    if missing:
        raise ValueError(f"launch page not in the package: {', '.join(missing)}")

    # lxml-stubs do not allow the None key that declares the default namespace.
    manifest = etree.Element(_cp("manifest"), nsmap=NSMAP)  # type: ignore[arg-type]
    manifest.set("identifier", make_identifier("MANIFEST", cfg.id))
    if len(cfg.version) <= 20:  # the schema's limit on manifest/@version
        manifest.set("version", cfg.version)
    manifest.set(
        f"{{{XSI_NS}}}schemaLocation",
        " ".join(f"{ns} {name}" for ns, name in SCHEMA_FILES.items()),
    )
    _metadata(manifest, course)

    org_id = make_identifier("ORG", cfg.id)
    organizations = _sub(manifest, _cp("organizations"))
    organizations.set("default", org_id)
    organization = _sub(organizations, _cp("organization"))
    organization.set("identifier", org_id)
    title = localized(course).title
    _sub(organization, _cp("title"), title)
    resources = _sub(manifest, _cp("resources"))

    if not multi:
        _item(organization, make_identifier("ITEM", cfg.id), "RES-sco", title, course)
        _resource(resources, "RES-sco", "sco", listed, launch=LAUNCH_PAGE)
        return etree.ElementTree(manifest)

    ids = [make_identifier("ITEM", m.id) for m in course.modules]
    if len(set(ids)) != len(ids):
        raise ValueError("two modules have the same identifier")
    pages = set(launches)
    shared_id = make_identifier("SHARED", cfg.id)  # a prefix no module id can produce
    shared = [p for p in listed if p not in pages]
    for module, item_id in zip(course.modules, ids, strict=True):
        _item(organization, item_id, make_identifier("RES", module.id), module.title, course)
    for module in course.modules:
        deps = [shared_id] if shared else []
        res_id = make_identifier("RES", module.id)
        _resource(resources, res_id, "sco", [module.href], module.href, deps)
    if shared:
        _resource(resources, shared_id, "asset", shared)
    return etree.ElementTree(manifest)


def manifest_bytes(course: Course, files: Sequence[str]) -> bytes:
    """The manifest serialised: pretty-printed UTF-8 with an XML declaration."""
    return etree.tostring(
        build_manifest(course, files), pretty_print=True, xml_declaration=True, encoding="UTF-8"
    )
