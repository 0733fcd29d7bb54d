"""Offline validation against the ADL SCORM 1.2 control documents.

``imscp_rootv1p1p2.xsd`` lets ``adlcp:*`` and ``imsmd:*`` in only through strict wildcards,
so one small driver schema imports all three namespaces. Every schemaLocation resolves to
the given directory, never the network, and the two constructs libxml2 refuses in the 2001
originals are patched in memory; the files themselves are never changed.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from scormbuild.errors import ScormBuildError
from scormbuild.package.manifest import SCHEMA_FILES

XML_SCHEMA_FILE = "ims_xml.xsd"
REQUIRED_FILES = (*SCHEMA_FILES.values(), XML_SCHEMA_FILE)
_XSD_NS = "http://www.w3.org/2001/XMLSchema"


class SchemaLoadError(ScormBuildError):
    """The schema directory is missing files or they do not compile (unusable input)."""

    exit_code = 2


def _patch(name: str, data: bytes) -> bytes:
    # libxml2: "xml namespace URI cannot be the default namespace".
    if name == XML_SCHEMA_FILE:
        return re.sub(rb'\sxmlns="http://www\.w3\.org/XML/1998/namespace"', b"", data, count=1)
    # libxml2: "content model is not determinist" for ##any after optional elements.
    if name == SCHEMA_FILES["http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"]:
        return data.replace(b'namespace="##any"', b'namespace="##other"')
    return data


class _LocalResolver(etree.Resolver):
    """Serves the control documents (patched) by file name; refuses everything else."""

    def __init__(self, files: dict[str, bytes]) -> None:
        super().__init__()
        self._files = files

    # lxml-stubs omit the context argument that lxml passes.
    def resolve(  # type: ignore[override]
        self, system_url: str, public_id: str, context: object
    ) -> etree._InputDocument:
        name = system_url.replace("\\", "/").rsplit("/", 1)[-1]
        if name in self._files:
            return self.resolve_string(self._files[name], context, base_url=system_url)
        # An unknown location would otherwise be fetched by libxml2; give it nothing.
        return self.resolve_string(b"", context, base_url=system_url)


def _driver() -> bytes:
    root = etree.Element(f"{{{_XSD_NS}}}schema", nsmap={"xsd": _XSD_NS})
    for namespace, name in SCHEMA_FILES.items():
        imp = etree.SubElement(root, f"{{{_XSD_NS}}}import")
        imp.set("namespace", namespace)
        imp.set("schemaLocation", f"scormbuild-local/{name}")
    return etree.tostring(root)


def load_schema(directory: Path) -> etree.XMLSchema:
    """The SCORM 1.2 schema set from ``directory``, compiled anew on each call (about a
    millisecond, so nothing is kept between calls, and a changed folder is read again).

    Raises :class:`SchemaLoadError` when files are missing or do not compile.
    """
    directory = directory.resolve()
    files: dict[str, bytes] = {}
    missing = []
    for name in REQUIRED_FILES:
        try:
            files[name] = _patch(name, (directory / name).read_bytes())
        except OSError:
            missing.append(name)
    if missing:
        raise SchemaLoadError(f"{directory}: missing or unreadable: {', '.join(missing)}")
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_LocalResolver(files))
    try:
        doc = etree.fromstring(_driver(), parser, base_url="scormbuild-local/driver.xsd")
        return etree.XMLSchema(etree.ElementTree(doc))
    except (etree.XMLSchemaParseError, etree.XMLSyntaxError) as exc:
        raise SchemaLoadError(f"{directory}: the schemas do not compile: {exc}") from exc
