"""Which e-learning standard a package follows: SCORM 1.2, or SCORM 2004 or AICC, named as such.

``validate`` checks SCORM 1.2. A SCORM 2004 package or an AICC course would otherwise get a
list of SCORM 1.2 errors that say nothing of what it is; instead it gets one finding that names
its standard and what Moodle does with it. Moodle tells them apart the same way: SCORM 2004 by
the manifest's ``schemaversion`` (``CAM 1.3``, ``2004 3rd Edition``, ...), AICC by its
``.crs``/``.au``/``.des``/``.cst`` files, of which it needs the ``.cst``.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from lxml import etree

from scormbuild.errors import Problem, error
from scormbuild.package.manifest import MANIFEST_NAME

SCORM_12 = "SCORM 1.2"
SCORM_2004 = "SCORM 2004"
AICC = "AICC"
AICC_EXTENSIONS = ("crs", "au", "des", "cst")  # the required AICC course structure files
_VERSION_2004 = re.compile(r"^\s*((CAM\s*)?1\.3|2004\b.*)\s*$", re.I)
NAMESPACES_2004 = frozenset(
    {
        "http://www.adlnet.org/xsd/adlcp_v1p3",
        "http://www.adlnet.org/xsd/adlseq_v1p3",
        "http://www.adlnet.org/xsd/adlnav_v1p3",
        "http://www.imsglobal.org/xsd/imsss",
    }
)


def _extension(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def aicc_problem(paths: Collection[str]) -> Problem | None:
    """The finding for a package without a manifest that holds AICC course files."""
    files = sorted(p for p in paths if _extension(p) in AICC_EXTENSIONS)
    if not files:
        return None
    shown = ", ".join(files[:4]) + (", ..." if len(files) > 4 else "")
    moodle = "Moodle imports AICC packages"
    if not any(_extension(p) == "cst" for p in files):
        moodle += ", but only with their .cst file, which this one lacks"
    return error(
        files[0],
        None,
        f"this is an AICC package ({shown}), not a SCORM 1.2 one: it has no {MANIFEST_NAME}",
        code="other-standard",
        hint=f"{moodle}; scormbuild validate checks SCORM 1.2 only. Export the course as "
        "SCORM 1.2 from its authoring tool to check it here",
    )


def scorm_2004_problem(root: etree._Element) -> Problem | None:
    """The finding for a manifest that declares SCORM 2004, by its version or namespaces."""
    evidence = None
    line = None
    for el in root.iter(etree.Element):
        if etree.QName(el).localname.lower() == "schemaversion":
            text = (el.text or "").strip()
            if _VERSION_2004.match(text):
                evidence, line = f"schemaversion {text!r}", el.sourceline
            break
    if evidence is None:
        declared = {ns for el in root.iter(etree.Element) for ns in el.nsmap.values()}
        found = sorted(declared & NAMESPACES_2004)
        if not found:
            return None
        evidence, line = f"namespace {found[0]}", root.sourceline
    return error(
        MANIFEST_NAME,
        line if isinstance(line, int) else None,
        f"this is a SCORM 2004 package ({evidence}), not a SCORM 1.2 one",
        code="other-standard",
        hint="Moodle plays SCORM 2004 only in part (no sequencing or navigation rules); "
        "scormbuild validate checks SCORM 1.2 only. Export the course as SCORM 1.2 from its "
        "authoring tool to check it here",
    )
