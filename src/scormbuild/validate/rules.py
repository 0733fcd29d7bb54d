"""Checks of a SCORM 1.2 manifest: well-formedness, the ADL schemas, and what they cannot see.

The schemas cannot check references (default organization, identifierref), that files
exist, titles, SCORM value limits, or the literal names Moodle's namespace-unaware parser
matches. Every finding is a :class:`~scormbuild.errors.Problem` on ``imsmanifest.xml``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree

from scormbuild.errors import Problem, error, warning
from scormbuild.package.manifest import ADLCP_NS, CONTROL_DOCUMENTS, IMSCP_NS, MANIFEST_NAME
from scormbuild.validate.prereq import check_prerequisites

_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
_SCORMTYPE = f"{{{ADLCP_NS}}}scormtype"
_TIMESPAN = re.compile(r"^\d{2,4}:([0-5]\d):([0-5]\d)(\.\d{1,2})?$")
_DECIMAL = re.compile(r"^\s*\+?(\d+(\.\d*)?|\.\d+)\s*$")
TIME_LIMIT_ACTIONS = ("exit,message", "exit,no message", "continue,message", "continue,no message")
ADLCP_ITEM_ELEMENTS = (
    "prerequisites",
    "maxtimeallowed",
    "timelimitaction",
    "datafromlms",
    "masteryscore",
)


def _cp(tag: str) -> str:
    return f"{{{IMSCP_NS}}}{tag}"


def _line(el: etree._Element | None) -> int | None:
    line: object = el.sourceline if el is not None else None  # lxml-stubs leave it untyped
    return line if isinstance(line, int) else None


# How to mend a finding of each kind, where the finding does not give a hint of its own.
_HINTS = {
    "identifier": "give every <manifest>, <organization>, <item> and <resource> an identifier "
    "of its own",
    "metadata": "write <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion>"
    "</metadata>",
    "title": "give it a <title>: the LMS shows it in the course structure",
    "value": "write the value as SCORM 1.2's content packaging defines it",
    "reference": "name an identifier that the manifest declares",
    "launch": "give the resource an href to a file that is in the package",
    "href": "write hrefs relative to the package root, to files inside the package",
    "missing-file": "add the file to the package, or take its <file> out of the manifest",
    "scormtype": 'write adlcp:scormtype="sco" or "asset"',
    "organization": "add an <organization> holding the items to launch, named in 'default'",
}


def _err(el: etree._Element | None, message: str, code: str, hint: str | None = None) -> Problem:
    return error(MANIFEST_NAME, _line(el), message, code=code, hint=hint or _HINTS.get(code))


def _warn(el: etree._Element | None, message: str, code: str, hint: str | None = None) -> Problem:
    return warning(MANIFEST_NAME, _line(el), message, code=code, hint=hint or _HINTS.get(code))


def parse_manifest(data: bytes) -> tuple[etree._Element | None, list[Problem]]:
    """Parse without network, DTD loading or entity expansion."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        return etree.fromstring(data, parser), []
    except etree.XMLSyntaxError as exc:
        hint = "mend the XML at that line: every element closed, every attribute quoted"
        if "Namespace prefix" in str(exc):
            hint = f'declare xmlns:adlcp="{ADLCP_NS}" on <manifest>'
        line = exc.lineno if exc.lineno else None
        return None, [
            error(MANIFEST_NAME, line, f"not well-formed XML: {exc.msg}", code="xml", hint=hint)
        ]


def schema_problems(root: etree._Element, schema: etree.XMLSchema) -> list[Problem]:
    """Every schema violation, one finding each."""
    try:
        if schema.validate(root):
            return []
    except etree.XMLSchemaValidateError as exc:  # e.g. on unexpanded entity references
        message = f"schema validation failed: {exc}"
        return [error(MANIFEST_NAME, None, message, code="schema", hint=_SCHEMA_HINT)]
    entries: Iterable[Any] = schema.error_log  # type: ignore[assignment]  # untyped in stubs
    return [
        error(MANIFEST_NAME, e.line or None, e.message, code="schema", hint=_SCHEMA_HINT)
        for e in entries
    ]


_SCHEMA_HINT = (
    "write the manifest as ADL's SCORM 1.2 schemas (imscp_rootv1p1p2.xsd, adlcp_rootv1p2.xsd) say"
)


def _moodle_names(root: etree._Element) -> Iterator[Problem]:
    """Moodle reads literal names: unprefixed IMS CP elements and the ``adlcp:`` prefix."""
    if root.tag != _cp("manifest"):
        yield _err(
            root,
            f"root element is {root.tag}, not {_cp('manifest')}",
            "namespace",
            f'declare xmlns="{IMSCP_NS}" on <manifest>',
        )
        return
    adlcp_hint = f'declare xmlns:adlcp="{ADLCP_NS}" and write adlcp:'
    for el in root.iter(etree.Element):
        qname = etree.QName(el)
        adlcp_bound = el.nsmap.get("adlcp")
        if adlcp_bound is not None and adlcp_bound != ADLCP_NS and el is root:
            yield _err(
                el,
                f"prefix adlcp is bound to {adlcp_bound}, not {ADLCP_NS}",
                "namespace",
                adlcp_hint,
            )
        if qname.namespace == IMSCP_NS and el.prefix is not None:
            yield _err(
                el,
                f"<{el.prefix}:{qname.localname}>: Moodle only reads unprefixed IMS CP elements",
                "moodle-prefix",
                "make the IMS CP namespace the default",
            )
        elif qname.namespace == ADLCP_NS and el.prefix != "adlcp":
            yield _err(
                el,
                f"<{el.prefix or ''}:{qname.localname}> uses a prefix Moodle does not read",
                "moodle-prefix",
                adlcp_hint,
            )
        for name in el.attrib:
            attr = etree.QName(name)
            # lxml keeps no attribute prefix; without adlcp in scope it must be another one.
            if attr.namespace == ADLCP_NS and adlcp_bound != ADLCP_NS:
                yield _err(
                    el,
                    f"attribute {attr.localname} uses a prefix other than adlcp:, "
                    "which Moodle does not read",
                    "moodle-prefix",
                    adlcp_hint,
                )
            elif attr.namespace is None and attr.localname == "scormtype":
                yield _err(el, "scormtype without the adlcp: namespace", "namespace", adlcp_hint)


def _identifiers(root: etree._Element) -> Iterator[Problem]:
    seen: set[str] = set()
    for el in root.iter(_cp("manifest"), _cp("organization"), _cp("item"), _cp("resource")):
        ident = el.get("identifier")
        if ident is None:
            yield _err(el, f"<{etree.QName(el).localname}> has no identifier", "identifier")
        elif ident in seen:
            yield _err(el, f"duplicate identifier {ident!r}", "identifier")
        else:
            seen.add(ident)


def _metadata(root: etree._Element) -> Iterator[Problem]:
    meta = root.find(_cp("metadata"))
    for tag, expected in (("schema", "ADL SCORM"), ("schemaversion", "1.2")):
        el = meta.find(_cp(tag)) if meta is not None else None
        value = (el.text or "").strip() if el is not None else None
        if value != expected:
            found = "missing" if value is None else repr(value)
            yield _err(
                el if el is not None else meta if meta is not None else root,
                f"metadata <{tag}> must be {expected!r} (found {found})",
                "metadata",
            )


def _title(el: etree._Element) -> Iterator[Problem]:
    title = el.find(_cp("title"))
    if title is None or not (title.text or "").strip():
        yield _err(
            el,
            f"<{etree.QName(el).localname} identifier={el.get('identifier')!r}> has no <title>",
            "title",
        )


def _item_values(item: etree._Element, item_ids: Collection[str]) -> Iterator[Problem]:
    """SCORM 1.2 limits on the adlcp elements of an item."""
    for name in ADLCP_ITEM_ELEMENTS:
        found = item.findall(f"{{{ADLCP_NS}}}{name}")
        if len(found) > 1:
            yield _err(found[1], f"adlcp:{name} appears more than once", "value")
        if not found:
            continue
        el = found[0]
        text = (el.text or "").strip()
        if name == "masteryscore":
            if not _DECIMAL.match(text) or not 0 <= float(text) <= 100:
                yield _err(
                    el, f"adlcp:masteryscore {text!r} is not a number from 0 to 100", "value"
                )
        elif name == "maxtimeallowed" and not _TIMESPAN.match(text):
            yield _err(
                el, f"adlcp:maxtimeallowed {text!r} is not a time span HHHH:MM:SS.SS", "value"
            )
        elif name == "timelimitaction" and text not in TIME_LIMIT_ACTIONS:
            yield _err(
                el,
                f"adlcp:timelimitaction {text!r} is not one of {', '.join(TIME_LIMIT_ACTIONS)}",
                "value",
            )
        elif name == "datafromlms" and len(el.text or "") > 255:
            yield _err(el, "adlcp:datafromlms is longer than 255 characters", "value")
        elif name == "prerequisites":
            if el.get("type") != "aicc_script":
                yield _err(el, 'adlcp:prerequisites needs type="aicc_script"', "value")
            if len(el.text or "") > 200:
                yield _err(el, "adlcp:prerequisites is longer than 200 characters", "value")
            for message in check_prerequisites(text, item_ids):
                yield _err(el, f"adlcp:prerequisites: {message}", "value")


def _misplaced_adlcp(root: etree._Element) -> Iterator[Problem]:
    for el in root.iter(*(f"{{{ADLCP_NS}}}{n}" for n in ADLCP_ITEM_ELEMENTS)):
        parent = el.getparent()
        if parent is None or parent.tag != _cp("item"):
            yield _warn(
                el, f"adlcp:{etree.QName(el).localname} outside an <item> is ignored", "value"
            )


def resolve_href(el: etree._Element, value: str) -> tuple[str | None, str | None]:
    """The package path an href names, after xml:base; or (None, why it is not usable)."""
    base = ""
    try:
        for anc in reversed([el, *el.iterancestors()]):
            if anc.get(_XML_BASE):
                base = urljoin(base, anc.get(_XML_BASE, ""))
        url = urljoin(base, value)
        parts = urlsplit(url)
    except ValueError as exc:  # e.g. "http://[::1" (an unclosed IPv6 host)
        where = f"with xml:base {base!r}" if base else "as a URL"
        return None, f"cannot be read {where}: {exc}"
    if parts.scheme or parts.netloc:
        return None, "is an absolute URL; a package must contain its files"
    if parts.path.startswith("/") or value.startswith(("/", "\\")):
        return None, "is absolute; hrefs must be relative to the package root"
    path = unquote(parts.path)
    if ".." in path.split("/"):
        return None, "leaves the package"
    return path, None


def _structure(root: etree._Element, files: Collection[str]) -> tuple[list[Problem], set[str]]:
    """References, titles, scormtypes, launch files and listed files; returns the hrefs used."""
    problems: list[Problem] = []
    used: set[str] = set()
    resources = {r.get("identifier"): r for r in root.iter(_cp("resource"))}
    orgs_el = root.find(_cp("organizations"))
    orgs = orgs_el.findall(_cp("organization")) if orgs_el is not None else []
    org_ids = {o.get("identifier") for o in orgs}
    default = orgs_el.get("default") if orgs_el is not None else None
    if not orgs:
        problems.append(
            _warn(orgs_el, "no <organization>: the package has nothing to launch", "organization")
        )
    elif default is None:
        problems.append(
            _warn(orgs_el, "<organizations> has no default; LMSs take the first", "organization")
        )
    elif default not in org_ids:
        problems.append(
            _err(orgs_el, f"default organization {default!r} does not exist", "reference")
        )
    items = [i for o in orgs for i in o.iter(_cp("item"))]
    item_ids = {i.get("identifier", "") for i in items}
    for org in orgs:
        problems += _title(org)
    for item in items:
        problems += _title(item)
        problems += _item_values(item, item_ids)
        ref = item.get("identifierref")
        if ref is None:
            if item.find(_cp("item")) is None:
                problems.append(
                    _warn(
                        item,
                        f"item {item.get('identifier')!r} has no children "
                        "and no identifierref: nothing to launch",
                        "reference",
                    )
                )
            continue
        res = resources.get(ref)
        if res is None:
            problems.append(_err(item, f"identifierref {ref!r} names no resource", "reference"))
        elif res.get("href") is None:
            problems.append(
                _err(
                    item,
                    f"item {item.get('identifier')!r} launches resource {ref!r}, which has no href",
                    "launch",
                )
            )
    for res in resources.values():
        problems += _resource(res, resources.keys(), files, used)
    problems += _misplaced_adlcp(root)
    return problems, used


def _resource(
    res: etree._Element,
    resource_ids: Collection[str | None],
    files: Collection[str],
    used: set[str],
) -> Iterator[Problem]:
    rid = res.get("identifier")
    scormtype = res.get(_SCORMTYPE)
    if scormtype is None:
        yield _err(
            res,
            f"resource {rid!r} has no adlcp:scormtype",
            "scormtype",
            "Moodle treats it as an asset and marks it completed at launch; "
            'add adlcp:scormtype="sco" or "asset"',
        )
    elif scormtype not in ("sco", "asset"):
        yield _err(
            res,
            f"resource {rid!r}: adlcp:scormtype is {scormtype!r}, not sco or asset",
            "scormtype",
        )
    elif scormtype == "sco" and res.get("href") is None:
        yield _err(res, f"SCO resource {rid!r} has no href to launch", "launch")
    for dep in res.iter(_cp("dependency")):
        if dep.get("identifierref") not in resource_ids:
            yield _err(
                dep, f"dependency {dep.get('identifierref')!r} names no resource", "reference"
            )
    targets = [(res, res.get("href"), "launch file")]
    targets += [(f, f.get("href"), "file") for f in res.iter(_cp("file"))]
    for el, value, what in targets:
        if value is None:
            continue
        path, why = resolve_href(el, value)
        if path is None:
            yield _err(el, f"{what} href {value!r} {why}", "href")
            continue
        used.add(path)
        if path not in files:
            code = "launch" if what == "launch file" else "missing-file"
            yield _err(el, f"{what} {path!r} is listed but not in the package", code)


def check_manifest(
    data: bytes, files: Collection[str], schema: etree.XMLSchema | None
) -> list[Problem]:
    """Every finding on manifest ``data`` for a package holding ``files``."""
    root, problems = parse_manifest(data)
    if root is None:
        return problems
    for entity in root.iter(etree.Entity):
        message = f"entity reference {entity.text} is not expanded"
        hint = "write the text itself: SCORM players do not expand entities"
        problems.append(_err(entity, message, "xml", hint))
    problems += _moodle_names(root)
    if root.tag != _cp("manifest"):
        return problems
    if schema is not None:
        problems += schema_problems(root, schema)
    problems += _identifiers(root)
    problems += _metadata(root)
    found, used = _structure(root, files)
    problems += found
    problems.sort(key=lambda p: p.location.line or 0)  # stable: same-line order kept
    for path in sorted(set(files) - used - CONTROL_DOCUMENTS):
        message = "in the package but listed in no resource"
        hint = "list it in a resource's <file>, or leave it out of the package"
        problems.append(warning(path, None, message, code="unlisted-file", hint=hint))
    return problems
