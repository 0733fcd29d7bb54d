"""``validate_package`` on crafted packages: valid, broken, Moodle traps and hostile zips."""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from scormbuild.cli import validate
from scormbuild.commands.validate import Limits, ValidationReport, validate_package
from scormbuild.model import OutputFile
from scormbuild.package.write import save_package
from scormbuild.validate.prereq import check_prerequisites
from tests import zips
from tests.factories import course_files, make_course
from tests.needs import xsd_dir
from tests.zips import Member

SMALL = Limits(max_entries=50, max_total_size=2_000_000, max_ratio=100, ratio_floor=100_000)


def check(tmp_path: Path, members: list[Member], limits: Limits | None = None) -> ValidationReport:
    """Validate ``members`` as a zip; every finding, whatever the case, says how to mend it."""
    path = zips.write_zip(tmp_path / "pkg.zip", members)
    report = validate_package(path, xsd_dir(), limits=limits)
    assert [p.format() for p in report.findings if not p.hint] == []
    return report


def codes(report: ValidationReport, level: str = "error") -> set[str]:
    return {p.code for p in report.findings if p.level == level}


def messages(report: ValidationReport) -> str:
    return "\n".join(p.format() for p in report.findings)


# --- valid packages ---------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["single", "multi"])
def test_a_package_we_build_is_valid(tmp_path: Path, mode: str) -> None:
    course = make_course(modules=3, sco_mode=mode, mastery_score=70)
    files = course_files(course)
    out = [OutputFile(p, data=b"x") for p in files]
    out.append(OutputFile("imsmanifest.xml", data=zips.good_manifest(course, files)))
    path = save_package(out, tmp_path / "course.zip")
    report = validate_package(path, xsd_dir())
    assert report.findings == (), messages(report)
    assert report.valid and report.exit_status == 0 and report.schema_checked
    assert report.size is not None and report.size.files == len(files) + 1


def test_control_documents_at_the_root_are_not_unlisted_files(tmp_path: Path) -> None:
    members = zips.good_members()
    members += [(p.name, p.read_bytes()) for p in sorted(xsd_dir().glob("*.xsd"))]
    report = check(tmp_path, members)
    assert report.findings == (), messages(report)


def test_an_unpacked_folder(tmp_path: Path) -> None:
    root = tmp_path / "pkg"
    for name, data in zips.good_members():
        assert isinstance(name, str)
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    report = validate_package(root, xsd_dir())
    assert report.kind == "directory"
    assert report.findings == (), messages(report)
    os.symlink("/etc/passwd", root / "assets" / "passwd")
    report = validate_package(root, xsd_dir())
    assert report.exit_status == 1
    assert "assets/passwd: error: refused: symbolic link" in messages(report)


def test_schema_check_skipped_without_schemas(tmp_path: Path) -> None:
    path = zips.write_zip(tmp_path / "pkg.zip", zips.good_members())
    report = validate_package(path, None)
    assert report.valid and not report.schema_checked
    assert "skipped" in report.schema_note
    assert "schema check: skipped" in report.to_text()
    assert json.loads(report.to_json())["schema"]["checked"] is False


def test_schema_directory_without_the_files_is_unusable(tmp_path: Path) -> None:
    path = zips.write_zip(tmp_path / "pkg.zip", zips.good_members())
    report = validate_package(path, tmp_path)
    assert report.exit_status == 2
    assert report.unusable is not None and "imscp_rootv1p1p2.xsd" in report.unusable


def test_each_validation_reads_its_own_schema_folder(tmp_path: Path) -> None:
    # Nothing compiled is kept between calls: two folders, or one folder changed in between,
    # each give what that folder holds at the time.
    path = zips.write_zip(tmp_path / "pkg.zip", zips.good_members())
    plain, strict = tmp_path / "plain", tmp_path / "strict"
    for folder in (plain, strict):
        shutil.copytree(xsd_dir(), folder)
    cp = strict / "imscp_rootv1p1p2.xsd"
    allowed = b'<xsd:element ref="organization" minOccurs="0" maxOccurs="unbounded"/>'
    assert cp.read_bytes().count(allowed) == 1
    cp.write_bytes(cp.read_bytes().replace(allowed, allowed.replace(b"unbounded", b"0")))
    first, second, third = (validate_package(path, f) for f in (plain, strict, plain))
    assert first.valid and third.valid and first.schema_checked, messages(first)
    assert not second.valid and second.schema_checked
    assert "organization" in messages(second)
    (plain / "adlcp_rootv1p2.xsd").write_bytes(b"<xsd:schema")
    changed = validate_package(path, plain)
    assert changed.exit_status == 2
    assert changed.unusable is not None and "do not compile" in changed.unusable


# --- unusable input (exit 2) ------------------------------------------------------------------


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "course.zip"
    path.write_bytes(b"%PDF-1.4 not a zip at all")
    report = validate_package(path, None)
    assert report.exit_status == 2
    assert report.unusable is not None and "not a zip file" in report.unusable
    assert "NOT CHECKED" in report.to_text()


def test_truncated_zip(tmp_path: Path) -> None:
    data = zips.zip_bytes(zips.good_members())
    path = tmp_path / "cut.zip"
    path.write_bytes(data[: len(data) // 2])
    assert validate_package(path, None).exit_status == 2


def test_missing_input(tmp_path: Path) -> None:
    report = validate_package(tmp_path / "nope.zip", None)
    assert report.exit_status == 2 and "no such file" in (report.unusable or "")


def test_zip_bomb_by_ratio(tmp_path: Path) -> None:
    members = [*zips.good_members(), zips.zeros("assets/data.bin", 1_000_000)]
    report = check(tmp_path, members, SMALL)
    assert report.exit_status == 2
    assert "assets/data.bin expands more than 100 times" in (report.unusable or "")


def test_zip_bomb_by_total_size(tmp_path: Path) -> None:
    blob = os.urandom(300_000)  # incompressible: no ratio alarm, only the total
    members = [*zips.good_members(), *((f"assets/{i}.bin", blob) for i in range(8))]
    report = check(tmp_path, members, SMALL)
    assert report.exit_status == 2
    assert "entries declare" in (report.unusable or "")


def test_headers_that_understate_sizes_are_not_trusted(tmp_path: Path) -> None:
    members = [*zips.good_members(), zips.zeros("assets/data.bin", 1_000_000)]
    data = zips.lie_about_size(zips.zip_bytes(members), "assets/data.bin", 10)
    path = tmp_path / "liar.zip"
    path.write_bytes(data)
    report = validate_package(path, None, limits=SMALL)
    # Decompression stops at the declared size and the checksum fails; nothing expands.
    assert report.exit_status == 1
    assert "zip-integrity" in codes(report)


def test_too_many_entries(tmp_path: Path) -> None:
    members = [*zips.good_members(), *((f"assets/{i}.txt", b"x") for i in range(60))]
    report = check(tmp_path, members, SMALL)
    assert report.exit_status == 2
    assert "more than the limit of 50" in (report.unusable or "")


# --- hostile entries (refused, exit 1) --------------------------------------------------------


@pytest.mark.parametrize(
    ("member", "reason"),
    [
        (("/etc/cron.d/evil", b"x"), "absolute path"),
        (("../../evil.sh", b"x"), "'..'"),
        (("assets/../../evil.sh", b"x"), "'..'"),
        (("assets\\evil.js", b"x"), "backslash"),
        (("C:/evil.js", b"x"), "absolute path"),
        (("assets/a\x01b.js", b"x"), "control character"),
        (zips.symlink("assets/passwd", "/etc/passwd"), "symbolic link"),
        (("index.html", b"a second index"), "duplicate entry name"),
    ],
)
def test_hostile_entries_are_refused(tmp_path: Path, member: Member, reason: str) -> None:
    report = check(tmp_path, [*zips.good_members(), member])
    assert report.exit_status == 1
    refused = [p for p in report.findings if p.code == "unsafe-entry"]
    assert len(refused) == 1 and reason in refused[0].message
    assert refused[0].message.startswith("entry refused")


def test_encrypted_entry_is_refused(tmp_path: Path) -> None:
    members = [*zips.good_members(), ("assets/secret.txt", b"x" * 24)]
    path = tmp_path / "enc.zip"
    path.write_bytes(zips.mark_encrypted(zips.zip_bytes(members), "assets/secret.txt"))
    report = validate_package(path, None)
    assert report.exit_status == 1
    assert "assets/secret.txt: error: entry refused: encrypted entry" in messages(report)


def test_corrupt_entry(tmp_path: Path) -> None:
    members = [*zips.good_members(), ("assets/notes.txt", b"A" * 50)]
    data = bytearray(zips.zip_bytes(members, compression=zipfile.ZIP_STORED))
    at = bytes(data).index(b"A" * 50)
    data[at] = ord("B")
    path = tmp_path / "bad.zip"
    path.write_bytes(bytes(data))
    report = validate_package(path, None)
    assert report.exit_status == 1
    assert "assets/notes.txt: error: corrupt entry" in messages(report)


# --- the manifest's place and well-formedness --------------------------------------------------


def test_manifest_in_a_subfolder(tmp_path: Path) -> None:
    report = check(tmp_path, zips.in_subfolder(zips.good_members()))
    assert report.exit_status == 1
    (problem,) = report.errors
    assert problem.code == "manifest-location"
    assert problem.location.path == "course/imsmanifest.xml"
    assert "subfolder" in problem.message and problem.hint and "contents" in problem.hint


def test_manifest_missing_or_misnamed(tmp_path: Path) -> None:
    members = zips.good_members()
    report = check(tmp_path, zips.without(members, "imsmanifest.xml"))
    assert "no imsmanifest.xml at the root" in messages(report)
    assert all(p.hint for p in report.errors if p.code == "manifest-location")
    renamed = [("IMSManifest.xml" if n == "imsmanifest.xml" else n, d) for n, d in members]
    assert "named exactly" in messages(check(tmp_path, renamed))


def test_not_well_formed(tmp_path: Path) -> None:
    members = zips.replace_manifest(zips.good_members(), b"</organizations>", b"</organisations>")
    report = check(tmp_path, members)
    assert codes(report) == {"xml"}
    assert report.errors[0].location.line is not None


def test_undeclared_adlcp_prefix(tmp_path: Path) -> None:
    members = zips.replace_manifest(zips.good_members(), b"xmlns:adlcp=", b"xmlns:adlcpx=")
    report = check(tmp_path, members)
    assert codes(report) == {"xml"}
    assert report.errors[0].hint and "xmlns:adlcp" in report.errors[0].hint


def test_external_entities_are_not_loaded(tmp_path: Path) -> None:
    doctype = b'<!DOCTYPE manifest [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<manifest '
    members = zips.replace_manifest(zips.good_members(), b"<manifest ", doctype, 1)
    members = zips.replace_manifest(members, b"<title>Opit jakoon</title>", b"<title>&x;</title>")
    report = check(tmp_path, members)
    assert "root:" not in messages(report)
    assert "entity" in messages(report) and report.exit_status == 1


# --- Moodle traps ------------------------------------------------------------------------------


def test_wrong_adlcp_prefix(tmp_path: Path) -> None:
    report = check(tmp_path, zips.wrong_prefix(zips.good_members()))
    # Valid for the schemas, but Moodle reads literal names and misses adl:scormtype.
    assert codes(report) == {"moodle-prefix"}
    assert "Moodle" in messages(report)
    assert all(p.hint and "xmlns:adlcp" in p.hint for p in report.errors)


def test_prefixed_ims_cp_elements(tmp_path: Path) -> None:
    members = zips.replace_manifest(
        zips.good_members(),
        b'xmlns="http://www.imsproject.org',
        b'xmlns:cp="http://www.imsproject.org',
    )
    data = dict(members)["imsmanifest.xml"]
    assert isinstance(data, bytes)
    data = data.replace(b"<", b"<cp:").replace(b"<cp:/", b"</cp:").replace(b"<cp:?", b"<?")
    data = data.replace(b"<cp:imsmd:", b"<imsmd:").replace(b"</cp:imsmd:", b"</imsmd:")
    data = data.replace(b"<cp:adlcp:", b"<adlcp:").replace(b"</cp:adlcp:", b"</adlcp:")
    members = [(n, data if n == "imsmanifest.xml" else d) for n, d in members]
    report = check(tmp_path, members)
    assert codes(report) == {"moodle-prefix"}
    assert "only reads unprefixed IMS CP elements" in messages(report)


def test_resource_without_scormtype(tmp_path: Path) -> None:
    members = zips.replace_manifest(zips.good_members(), b' adlcp:scormtype="sco"', b"")
    report = check(tmp_path, members)
    assert codes(report) == {"scormtype"}
    assert "marks it completed at launch" in (report.errors[0].hint or "")


# --- what the schemas cannot check -------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "code", "text"),
    [
        (b"<adlcp:masteryscore>80<", b"<adlcp:masteryscore>150<", "value", "0 to 100"),
        (b"<adlcp:masteryscore>80<", b"<adlcp:masteryscore>high<", "value", "0 to 100"),
        (b'default="ORG-test-course"', b'default="RES-sco"', "reference", "default organization"),
        (b'identifierref="RES-sco"', b'identifierref="RES-nope"', "reference", "names no resource"),
        (b"<title>Module 1</title>", b"<title> </title>", "title", "has no <title>"),
        (b"<schemaversion>1.2<", b"<schemaversion>1.1<", "metadata", "schemaversion"),
        (b' href="index.html"', b' href="/index.html"', "href", "is absolute"),
        (b' href="index.html"', b' href="https://example.org/x.html"', "href", "absolute URL"),
        (b' href="index.html"', b' href="start.html"', "launch", "launch file"),
        (b'<file href="index.html"/>', b'<file href="gone.html"/>', "missing-file", "gone.html"),
    ],
)
def test_manifest_findings(
    tmp_path: Path, old: bytes, new: bytes, code: str, text: str | None
) -> None:
    course = make_course(modules=2, sco_mode="multi", mastery_score=80)
    members = [("imsmanifest.xml", zips.good_manifest(course))] + [
        (p, b"x") for p in course_files(course)
    ]
    if b"RES-sco" in old or b"index.html" in old:
        members = zips.good_members()
    members = zips.replace_manifest(members, old, new, 1)
    report = check(tmp_path, members)
    assert report.exit_status == 1
    assert code in codes(report), messages(report)
    if text:
        assert text in messages(report)
    found = [p for p in report.errors if p.code == code]
    assert all(p.location.path == "imsmanifest.xml" and p.location.line for p in found)


def test_scormtype_value_checked_without_schemas(tmp_path: Path) -> None:
    members = zips.replace_manifest(zips.good_members(), b'scormtype="sco"', b'scormtype="SCO"')
    path = zips.write_zip(tmp_path / "pkg.zip", members)
    report = validate_package(path, None)
    assert codes(report) == {"scormtype"}


@pytest.mark.parametrize(
    ("element", "code_ok"),
    [
        ("<adlcp:maxtimeallowed>00:30:00</adlcp:maxtimeallowed>", True),
        ("<adlcp:maxtimeallowed>0:30</adlcp:maxtimeallowed>", False),
        ("<adlcp:maxtimeallowed>00:75:00</adlcp:maxtimeallowed>", False),
        ("<adlcp:timelimitaction>exit,message</adlcp:timelimitaction>", True),
        ("<adlcp:timelimitaction>exit</adlcp:timelimitaction>", False),
        ("<adlcp:datafromlms>" + "d" * 255 + "</adlcp:datafromlms>", True),
        ("<adlcp:datafromlms>" + "d" * 256 + "</adlcp:datafromlms>", False),
        (
            '<adlcp:prerequisites type="aicc_script">ITEM-test-course</adlcp:prerequisites>',
            True,
        ),
        (
            '<adlcp:prerequisites type="aicc_script">ITEM-x &amp; ITEM-test-course = "passed"'
            "</adlcp:prerequisites>",
            False,
        ),
        (
            '<adlcp:prerequisites type="aicc_script">(ITEM-test-course = done'
            "</adlcp:prerequisites>",
            False,
        ),
    ],
)
def test_scorm_value_limits(tmp_path: Path, element: str, code_ok: bool) -> None:
    # Insert before masteryscore: the ADL order (prerequisites ... masteryscore).
    members = zips.replace_manifest(
        zips.good_members(), b"<adlcp:masteryscore>", element.encode() + b"<adlcp:masteryscore>"
    )
    path = zips.write_zip(tmp_path / "pkg.zip", members)
    report = validate_package(path, None)  # the value checks must not depend on the schemas
    assert report.valid is code_ok, messages(report)
    if not code_ok:
        assert codes(report) == {"value"}


def test_files_listed_but_missing_and_present_but_unlisted(tmp_path: Path) -> None:
    members = zips.without(zips.good_members(), "assets/diagram.png")
    members.append(("assets/extra.png", b"x"))
    report = check(tmp_path, members)
    assert report.exit_status == 1
    text = messages(report)
    assert "file 'assets/diagram.png' is listed but not in the package" in text
    assert "assets/extra.png: warning: in the package but listed in no resource" in text
    assert codes(report, "warning") == {"unlisted-file"}


def test_percent_encoded_hrefs_match_files(tmp_path: Path) -> None:
    report = check(tmp_path, zips.good_members())  # holds "assets/my clip.mp4"
    assert report.findings == ()


# --- report and command -------------------------------------------------------------------------


def test_size_report(tmp_path: Path) -> None:
    members = [*zips.good_members(), ("assets/big.bin", os.urandom(50_000))]
    report = check(tmp_path, members)
    assert report.size is not None
    assert report.size.largest[0] == ("assets/big.bin", 50_000)
    assert report.size.by_folder[0][0] == "assets"
    assert report.size.archive == (tmp_path / "pkg.zip").stat().st_size
    data = json.loads(report.to_json())
    assert data["size"]["largest"][0] == {"path": "assets/big.bin", "bytes": 50_000}
    assert "largest files:" in report.to_text()


@pytest.mark.parametrize(
    ("members", "status"),
    [
        (zips.good_members(), 0),
        (zips.in_subfolder(zips.good_members()), 1),
    ],
)
def test_command(tmp_path: Path, members: list[Member], status: int) -> None:
    path = zips.write_zip(tmp_path / "pkg.zip", members)
    runner = CliRunner()
    result = runner.invoke(validate, [str(path), "--schemas", str(xsd_dir())])
    assert result.exit_code == status, result.output
    assert ("VALID" if status == 0 else "INVALID") in result.output
    result = runner.invoke(validate, [str(path), "--format", "json"])
    assert json.loads(result.output)["exit_status"] == status


def test_command_unusable(tmp_path: Path) -> None:
    path = tmp_path / "x.zip"
    path.write_bytes(b"nope")
    result = CliRunner().invoke(validate, [str(path)])
    assert result.exit_code == 2
    assert "not a zip file" in result.output


@pytest.mark.parametrize(
    ("script", "problems"),
    [
        ("a & b", []),
        ("a | ~(b & c)", []),
        ("2*{a,b,c}", []),
        ('a = "not attempted" & b <> failed', []),
        ("a = not attempted", []),
        ("a = done", ["'done' is not a lesson status"]),
        ("(a & b", ["unbalanced brackets"]),
        ("a & zz", ["'zz' names no item"]),
        ("a ; b", ["unexpected text at '; b'"]),
    ],
)
def test_prerequisites_script(script: str, problems: list[str]) -> None:
    assert check_prerequisites(script, {"a", "b", "c"}) == problems
