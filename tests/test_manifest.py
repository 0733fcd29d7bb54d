"""The manifest: valid against the ADL schemas, the literal names Moodle reads, stable ids."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from lxml import etree

from scormbuild.commands.validate import load_schema, validate_manifest
from scormbuild.courseconfig import Localized
from scormbuild.package.manifest import (
    ADLCP_NS,
    IMSCP_NS,
    IMSMD_NS,
    build_manifest,
    manifest_bytes,
)
from tests.factories import course_files, make_course
from tests.needs import xsd_dir

NS = {"cp": IMSCP_NS, "adlcp": ADLCP_NS, "imsmd": IMSMD_NS}
NCNAME = re.compile(r"^[A-Za-z_][\w.\-]*$")


def assert_schema_valid(tree: etree._ElementTree) -> None:
    schema = load_schema(xsd_dir())
    assert schema.validate(tree), str(schema.error_log)


def all_identifiers(tree: etree._ElementTree) -> list[str]:
    return [str(v) for v in tree.xpath("//@identifier")]


@pytest.mark.parametrize("mode", ["single", "multi"])
@pytest.mark.parametrize("mastery", [None, 80])
def test_manifest_is_valid_and_passes_every_check(mode: str, mastery: int | None) -> None:
    course = make_course(modules=3, sco_mode=mode, mastery_score=mastery)
    files = course_files(course)
    tree = build_manifest(course, files)
    assert_schema_valid(tree)
    data = manifest_bytes(course, files)
    assert validate_manifest(data, {*files, "imsmanifest.xml"}, xsd_dir()) == []


def test_single_sco_is_one_item_launching_index() -> None:
    course = make_course(modules=3, mastery_score=75)
    files = course_files(course)
    tree = build_manifest(course, [*files, "imsmanifest.xml", "imscp_rootv1p1p2.xsd"])
    items = tree.findall(".//cp:item", NS)
    assert len(items) == 1
    assert items[0].get("identifierref") == "RES-sco"
    assert items[0].findtext("cp:title", namespaces=NS) == "Opit jakoon"
    assert items[0].findtext("adlcp:masteryscore", namespaces=NS) == "75"
    (res,) = tree.findall(".//cp:resource", NS)
    assert res.get("href") == "index.html"
    assert res.get(f"{{{ADLCP_NS}}}scormtype") == "sco"
    hrefs = [f.get("href") for f in res.findall("cp:file", NS)]
    # Every package file except the control documents, sorted, URI-encoded.
    assert hrefs == sorted(p.replace(" ", "%20") for p in files)


def test_no_masteryscore_without_mastery_score() -> None:
    tree = build_manifest(make_course(), course_files(make_course()))
    assert tree.find(".//adlcp:masteryscore", NS) is None


def test_multi_sco_has_one_sco_per_module_and_a_shared_asset() -> None:
    course = make_course(modules=2, sco_mode="multi", mastery_score=60)
    tree = build_manifest(course, course_files(course))
    items = tree.findall(".//cp:item", NS)
    assert [i.get("identifier") for i in items] == ["ITEM-m01-module-1", "ITEM-m02-module-2"]
    assert [i.findtext("cp:title", namespaces=NS) for i in items] == ["Module 1", "Module 2"]
    assert all(i.findtext("adlcp:masteryscore", namespaces=NS) == "60" for i in items)
    resources = {r.get("identifier"): r for r in tree.findall(".//cp:resource", NS)}
    shared = resources.pop("SHARED-test-course")
    assert shared.get(f"{{{ADLCP_NS}}}scormtype") == "asset"
    assert shared.get("href") is None
    shared_files = {f.get("href") for f in shared.findall("cp:file", NS)}
    assert "scormbuild/core.js" in shared_files
    assert not any(h.startswith("modules/") for h in shared_files)
    for module in course.modules:
        res = resources[f"RES-{module.id}"]
        assert res.get("href") == module.href
        assert res.get(f"{{{ADLCP_NS}}}scormtype") == "sco"
        assert [d.get("identifierref") for d in res.findall("cp:dependency", NS)] == [
            "SHARED-test-course"
        ]


def test_literal_prefixes_and_declaration() -> None:
    """Moodle parses without namespaces: default IMS CP namespace, the prefix adlcp."""
    data = manifest_bytes(make_course(mastery_score=80), course_files(make_course()))
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<manifest ")
    assert f'xmlns="{IMSCP_NS}"'.encode() in data
    assert f'xmlns:adlcp="{ADLCP_NS}"'.encode() in data
    assert b'adlcp:scormtype="sco"' in data
    assert b"<adlcp:masteryscore>80</adlcp:masteryscore>" in data
    assert b"\n  <metadata>\n" in data  # pretty-printed
    location = etree.fromstring(data).get(
        "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"
    )
    assert location is not None
    assert location.split()[1::2] == [
        "imscp_rootv1p1p2.xsd",
        "adlcp_rootv1p2.xsd",
        "imsmd_rootv1p2p1.xsd",
    ]


def test_lom_metadata() -> None:
    course = make_course(keywords=("a", "b"), version="2.1.0")
    tree = build_manifest(course, course_files(course))
    meta = tree.find("cp:metadata", NS)
    assert meta is not None
    assert meta.findtext("cp:schema", namespaces=NS) == "ADL SCORM"
    assert meta.findtext("cp:schemaversion", namespaces=NS) == "1.2"
    title = meta.find("imsmd:lom/imsmd:general/imsmd:title/imsmd:langstring", NS)
    assert title is not None and title.text == "Opit jakoon"
    assert title.get("{http://www.w3.org/XML/1998/namespace}lang") == "fi"
    general = "imsmd:lom/imsmd:general/"
    assert meta.findtext(general + "imsmd:language", namespaces=NS) == "fi"
    keywords = meta.findall(general + "imsmd:keyword/imsmd:langstring", NS)
    assert [k.text for k in keywords] == ["a", "b"]
    version = "imsmd:lom/imsmd:lifecycle/imsmd:version/imsmd:langstring"
    assert meta.findtext(version, namespaces=NS) == "2.1.0"


def test_localized_metadata_for_the_package_language() -> None:
    course = make_course(
        languages=("fi", "sv"),
        localized=(Localized("sv", "Lärdomar att dela", "Varför dela", ("delning",)),),
    )
    course = replace(course, language="sv")
    tree = build_manifest(course, course_files(course))
    assert_schema_valid(tree)
    assert tree.findtext(".//cp:organization/cp:title", namespaces=NS) == "Lärdomar att dela"
    lang = tree.find(".//imsmd:general/imsmd:title/imsmd:langstring", NS)
    assert lang is not None and lang.get("{http://www.w3.org/XML/1998/namespace}lang") == "sv"


def test_identifiers_are_unique_ncnames_and_stable() -> None:
    course = make_course(modules=3, sco_mode="multi", id="2024-course")
    files = course_files(course)
    tree = build_manifest(course, files)
    assert_schema_valid(tree)
    ids = all_identifiers(tree)
    assert len(ids) == len(set(ids))
    assert all(NCNAME.match(i) for i in ids), ids
    assert manifest_bytes(course, files) == manifest_bytes(course, list(reversed(files)))


def test_long_version_is_kept_out_of_the_manifest_attribute() -> None:
    course = make_course(version="1.0.0-rc.1+build.20240101")
    tree = build_manifest(course, course_files(course))
    assert_schema_valid(tree)
    assert tree.getroot().get("version") is None


def test_minimal_course_metadata_is_valid() -> None:
    course = make_course(modules=1, description="", keywords=(), author="", organization="")
    assert_schema_valid(build_manifest(course, course_files(course)))


@pytest.mark.parametrize("mode", ["single", "multi"])
def test_missing_launch_page_is_an_error(mode: str) -> None:
    course = make_course(sco_mode=mode)
    with pytest.raises(ValueError, match="launch page"):
        build_manifest(course, ["assets/x.png"])
