"""Building whole packages: through the library and the real CLI."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from scormbuild.commands.build import build
from scormbuild.validate.schema import load_schema
from tests.coursekit import write_course
from tests.needs import xsd_dir

PHASES = ("load", "check", "render", "manifest", "package")
REPO = Path(__file__).resolve().parents[1]


def run_cli(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scormbuild", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


@pytest.fixture(scope="module")
def example_packages(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("dist")
    result = run_cli("build", REPO / "course", "-o", out, "--schemas", xsd_dir())
    assert result.returncode == 0, result.stderr
    return sorted(out.glob("*.zip"))


def test_example_course_builds_one_package_per_language(example_packages: list[Path]) -> None:
    names = [p.name for p in example_packages]
    assert names == ["opit-jakoon-1.0.0-fi.zip", "opit-jakoon-1.0.0-sv.zip"]


def test_example_packages_are_schema_valid(example_packages: list[Path]) -> None:
    schema = load_schema(xsd_dir())
    for package in example_packages:
        with zipfile.ZipFile(package) as zf:
            names = zf.namelist()
            assert names == sorted(names)
            assert {
                "imscp_rootv1p1p2.xsd",
                "adlcp_rootv1p2.xsd",
                "imsmd_rootv1p2p1.xsd",
                "ims_xml.xsd",
            } <= set(names)
            doc = etree.fromstring(zf.read("imsmanifest.xml"))
            assert schema.validate(doc), schema.error_log
            listed = {f.get("href") for f in doc.iter("{*}file")}
            assert "index.html" in listed
            assert {n for n in names if n.startswith(("modules/", "assets/"))} <= listed


def test_example_packages_pass_validate(example_packages: list[Path]) -> None:
    for package in example_packages:
        result = run_cli("validate", package, "--schemas", xsd_dir())
        assert result.returncode == 0, result.stdout + result.stderr


def test_builds_are_byte_identical(tmp_path: Path) -> None:
    course = write_course(tmp_path / "course")
    first = build(course, tmp_path / "a").packages[0].read_bytes()
    second = build(course, tmp_path / "b").packages[0].read_bytes()
    assert first == second


def test_source_date_epoch_sets_entry_times(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    (package,) = build(write_course(tmp_path / "course"), tmp_path / "out").packages
    with zipfile.ZipFile(package) as zf:
        assert {i.date_time for i in zf.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_failed_build_leaves_previous_package_untouched(tmp_path: Path) -> None:
    course = write_course(tmp_path / "course")
    out = tmp_path / "dist"
    (package,) = build(course, out).packages
    before = package.read_bytes()
    listing = sorted(p.name for p in out.iterdir())  # the package and the files beside it
    (course / "modules/02-more.md").write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
    result = run_cli("build", course, "-o", out)
    assert result.returncode == 1
    assert "modules/02-more.md:" in result.stderr
    assert "Traceback" not in result.stderr
    assert package.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == listing


def test_build_reports_its_time_phase_by_phase(tmp_path: Path) -> None:
    result = run_cli("build", write_course(tmp_path / "course"), "-o", tmp_path / "dist")
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    phases = ", ".join(f"{name} [0-9.]+ s" for name in PHASES)
    assert re.fullmatch(rf"built 1 package in [0-9.]+ s \({phases}\)", last), last


def test_bad_course_writes_nothing(tmp_path: Path) -> None:
    course = write_course(tmp_path / "course", {"course.yml": "id: demo\ntitel: x\n"})
    result = run_cli("build", course, "-o", tmp_path / "dist")
    assert result.returncode == 1
    assert "course.yml:2: error: unknown key 'titel'" in result.stderr
    assert "did you mean 'title'?" in result.stderr
    assert not (tmp_path / "dist").exists()


def test_console_script_and_default_paths(tmp_path: Path) -> None:
    write_course(tmp_path / "course")
    exe = Path(sys.executable).with_name("scormbuild")
    result = subprocess.run(
        [str(exe), "build"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "dist/demo-1.0.0.zip").is_file()
