"""``validate`` agrees with what Moodle can open and play.

Moodle reads packages with PHP's ZipArchive (libzip); where Python's zipfile forgives an
archive that ZipArchive refuses, validate must refuse it too. The archive cases here are also
opened with PHP itself, so the verdicts are checked against the real reader, not a model of it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from scormbuild.commands.validate import Limits, ValidationReport, validate_package
from tests import zips
from tests.needs import need

GOOD = zips.zip_bytes(zips.good_members())

# (name, archive bytes): each structural fault in an archive Python still reads.
Fault = Callable[[bytes], bytes]
REFUSED_BY_ZIPARCHIVE: dict[str, Fault] = {
    "data before the archive": lambda d: zips.with_leading_data(d, b"#!/bin/sh\nexit 0\n" * 3),
    "end record counts one entry more": lambda d: zips.with_end_record(
        d, here=zips.end_record(d)["here"] + 1, total=zips.end_record(d)["total"] + 1
    ),
    "end record counts one entry fewer": lambda d: zips.with_end_record(
        d, here=zips.end_record(d)["here"] - 1, total=zips.end_record(d)["total"] - 1
    ),
    "end record totals disagree": lambda d: zips.with_end_record(
        d, total=zips.end_record(d)["total"] + 1
    ),
    "a part of a split archive": lambda d: zips.with_end_record(d, disk=1),
    "comment length past the end": lambda d: zips.with_end_record(d, comment=40),
}
OPENED_BY_ZIPARCHIVE: dict[str, Fault] = {
    "as built": lambda d: d,
    "self-extractor stub, offsets moved": lambda d: zips.with_leading_data(
        d, b"MZ" + bytes(200), offsets_count_it=True
    ),
    "data after the archive": lambda d: d + b"trailing bytes",
}


def write(tmp_path: Path, data: bytes, name: str = "pkg.zip") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def structure(report: ValidationReport) -> list[str]:
    return [p.message for p in report.findings if p.code == "zip-structure"]


@pytest.mark.parametrize("fault", sorted(REFUSED_BY_ZIPARCHIVE))
def test_archives_moodle_cannot_open_are_invalid(tmp_path: Path, fault: str) -> None:
    path = write(tmp_path, REFUSED_BY_ZIPARCHIVE[fault](GOOD))
    report = validate_package(path, None)
    assert report.exit_status == 1
    found = [p for p in report.findings if p.code == "zip-structure"]
    assert len(found) == 1, report.to_text()
    assert found[0].format().startswith("pkg.zip: error: Moodle cannot open this zip: ")
    assert "ZipArchive" in (found[0].hint or "")


@pytest.mark.parametrize("fault", sorted(OPENED_BY_ZIPARCHIVE))
def test_archives_moodle_opens_are_not_refused(tmp_path: Path, fault: str) -> None:
    report = validate_package(write(tmp_path, OPENED_BY_ZIPARCHIVE[fault](GOOD)), None)
    assert structure(report) == [], report.to_text()
    assert report.valid, report.to_text()


def test_the_messages_say_what_is_wrong(tmp_path: Path) -> None:
    def said(fault: str) -> str:
        path = write(tmp_path, REFUSED_BY_ZIPARCHIVE[fault](GOOD), f"{len(fault)}.zip")
        return structure(validate_package(path, None))[0]

    assert "51 bytes of other data come before the archive" in said("data before the archive")
    total = zips.end_record(GOOD)["total"]
    assert f"says {total + 1} entries" in said("end record counts one entry more")
    assert f"central directory holds {total}" in said("end record counts one entry more")
    assert "split (multi-disk)" in said("a part of a split archive")
    assert "comment length runs past the end" in said("comment length past the end")


PHP_OPEN = (
    "$z = new ZipArchive(); $r = $z->open($argv[1]);"
    "if ($r !== true) { echo json_encode(['open' => false, 'code' => $r]); exit; }"
    "$ok = true; for ($i = 0; $i < $z->numFiles; $i++) {"
    "  if ($z->getFromIndex($i) === false) { $ok = false; } }"
    "echo json_encode(['open' => true, 'read' => $ok]);"
)


def php_opens(path: Path) -> bool:
    """Whether PHP's ZipArchive opens ``path`` and reads every entry, as Moodle does (flags 0)."""
    php = need_php()
    result = subprocess.run(
        [php, "-r", PHP_OPEN, str(path)], capture_output=True, text=True, check=True, timeout=60
    )
    verdict = json.loads(result.stdout)
    return bool(verdict["open"] and verdict["read"])


def need_php() -> str:
    php = shutil.which("php")
    has_zip = (
        php is not None
        and "zip"
        in subprocess.run([php, "-m"], capture_output=True, text=True, check=False).stdout.split()
    )
    need(has_zip, "PHP with its zip extension is not installed (apt-get install php-cli php-zip)")
    assert php is not None
    return php


@pytest.mark.parametrize(
    ("fault", "opens"),
    [(f, False) for f in sorted(REFUSED_BY_ZIPARCHIVE)]
    + [(f, True) for f in sorted(OPENED_BY_ZIPARCHIVE)],
)
def test_php_ziparchive_agrees(tmp_path: Path, fault: str, opens: bool) -> None:
    faults = REFUSED_BY_ZIPARCHIVE | OPENED_BY_ZIPARCHIVE
    path = write(tmp_path, faults[fault](GOOD))
    assert php_opens(path) is opens
    assert (structure(validate_package(path, None)) == []) is opens


# --- compression judged by media type -----------------------------------------------------------


def test_a_silent_wav_is_no_zip_bomb(tmp_path: Path) -> None:
    wav = zips.silent_wav(12)  # 1 MB of silence: over the 1 MiB at which the ratio counts
    assert len(wav) > 1_048_576
    assert len(wav) / len(zlib.compress(wav)) > 500  # compresses far past the general limit
    members = [*zips.good_members(), ("assets/silence.wav", wav)]
    members = zips.replace_manifest(
        members,
        b'<file href="index.html"/>',
        b'<file href="index.html"/><file href="assets/silence.wav"/>',
        1,
    )
    report = validate_package(zips.write_zip(tmp_path / "pkg.zip", members), None)
    assert report.valid, report.to_text()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("assets/noise.wav", bytes(2_000_000)),  # called a WAV, not one: the general limit
        ("assets/clip.mp4", bytes(2_000_000)),  # compressed video does not deflate 1000 times
        ("assets/data.json", bytes(2_000_000)),  # NUL bytes are no text
    ],
)
def test_bombs_in_disguise_are_still_refused(tmp_path: Path, name: str, data: bytes) -> None:
    report = validate_package(
        zips.write_zip(tmp_path / "p.zip", [*zips.good_members(), (name, data)]), None
    )
    assert report.exit_status == 2
    assert f"refused: {name} expands more than 200 times" in (report.unusable or "")


def test_compressible_media_is_still_bounded_by_the_total(tmp_path: Path) -> None:
    members = [*zips.good_members(), ("assets/long.wav", zips.silent_wav(30))]
    limits = Limits(max_total_size=2_000_000)
    report = validate_package(zips.write_zip(tmp_path / "p.zip", members), None, limits=limits)
    assert report.exit_status == 2
    assert "more than the limit of 2000000; possible zip bomb" in (report.unusable or "")


# --- other standards ----------------------------------------------------------------------------

SCORM_2004 = b"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="com.example.course" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="ORG"><organization identifier="ORG"><title>Course</title>
    <item identifier="I1" identifierref="R1"><title>One</title></item>
  </organization></organizations>
  <resources>
    <resource identifier="R1" type="webcontent" adlcp:scormType="sco" href="index.html">
      <file href="index.html"/>
    </resource>
  </resources>
</manifest>
"""


@pytest.mark.parametrize(
    ("manifest", "evidence", "line"),
    [
        (SCORM_2004, "schemaversion '2004 4th Edition'", 9),
        (SCORM_2004.replace(b"2004 4th Edition", b"CAM 1.3"), "schemaversion 'CAM 1.3'", 9),
        (
            SCORM_2004.replace(b"<schemaversion>2004 4th Edition</schemaversion>", b""),
            "namespace http://www.adlnet.org/xsd/adlcp_v1p3",
            6,  # libxml2 gives an element the line where its start tag ends
        ),
    ],
)
def test_a_scorm_2004_package_is_named_as_such(
    tmp_path: Path, manifest: bytes, evidence: str, line: int
) -> None:
    members = [("imsmanifest.xml", manifest), ("index.html", b"<p>hi</p>")]
    report = validate_package(zips.write_zip(tmp_path / "p.zip", members), None)
    assert report.exit_status == 1
    assert report.standard == "SCORM 2004"
    (finding,) = report.findings
    assert finding.format().startswith(
        f"imsmanifest.xml:{line}: error: this is a SCORM 2004 package ({evidence}), "
        "not a SCORM 1.2 one"
    )
    assert "Moodle plays SCORM 2004 only in part" in (finding.hint or "")
    assert "(zip, SCORM 2004)" in report.to_text()
    assert json.loads(report.to_json())["standard"] == "SCORM 2004"


def test_an_aicc_package_is_named_as_such(tmp_path: Path) -> None:
    members = [
        (f"course.{ext}", b'"System_ID","Type"\n"A1","lesson"\n')
        for ext in ("crs", "au", "des", "cst")
    ] + [("index.html", b"<p>hi</p>")]
    report = validate_package(zips.write_zip(tmp_path / "p.zip", members), None)
    assert report.exit_status == 1
    assert report.standard == "AICC"
    (finding,) = report.findings
    assert finding.format().startswith(
        "course.au: error: this is an AICC package (course.au, course.crs, course.cst, "
        "course.des), not a SCORM 1.2 one: it has no imsmanifest.xml"
    )
    assert (finding.hint or "").startswith("Moodle imports AICC packages;")
    without_cst = [m for m in members if m[0] != "course.cst"]
    report = validate_package(zips.write_zip(tmp_path / "q.zip", without_cst), None)
    assert "only with their .cst file, which this one lacks" in (report.findings[0].hint or "")


def test_a_scorm_12_package_says_so(tmp_path: Path) -> None:
    report = validate_package(zips.write_zip(tmp_path / "p.zip", zips.good_members()), None)
    assert report.standard == "SCORM 1.2"
    assert json.loads(report.to_json())["standard"] == "SCORM 1.2"


# --- inputs that are no zip and no folder ---------------------------------------------------------


def test_a_fifo_is_unusable_and_never_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.zip"
    os.mkfifo(fifo)
    report = validate_package(fifo, None)  # opening it for reading would wait forever
    assert report.exit_status == 2
    assert report.unusable == f"{fifo}: not a regular file or a folder"


@pytest.mark.parametrize(
    ("href", "why"),
    [
        ("http://[::1/x.html", "cannot be read as a URL: Invalid IPv6 URL"),
        ("http://host:99999999/x", None),
    ],
)
def test_malformed_urls_are_findings(tmp_path: Path, href: str, why: str | None) -> None:
    members = zips.replace_manifest(
        zips.good_members(), b' href="index.html"', f' href="{href}"'.encode(), 1
    )
    report = validate_package(zips.write_zip(tmp_path / "p.zip", members), None)
    assert report.exit_status == 1
    assert any(p.code == "href" for p in report.errors), report.to_text()
    if why:
        assert why in report.to_text()


def test_a_malformed_xml_base_is_a_finding(tmp_path: Path) -> None:
    members = zips.replace_manifest(
        zips.good_members(), b"<resources>", b'<resources xml:base="http://[bad/">', 1
    )
    report = validate_package(zips.write_zip(tmp_path / "p.zip", members), None)
    assert report.exit_status == 1
    assert (
        "launch file href 'index.html' cannot be read with xml:base 'http://[bad/': Invalid IPv6"
    ) in report.to_text()
