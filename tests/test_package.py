"""The zip writer: reproducible bytes, fixed metadata, safe paths, atomic saves."""

from __future__ import annotations

import io
import stat
import zipfile
from pathlib import Path

import pytest

from scormbuild.errors import PackageError
from scormbuild.model import OutputFile
from scormbuild.package.write import save_package, write_package
from scormbuild.package.zipwriter import CHUNK


def sample(tmp_path: Path) -> list[OutputFile]:
    big = tmp_path / "clip.mp4"
    big.write_bytes(bytes(range(256)) * (CHUNK // 256 * 3 + 7))  # several chunks
    return [
        OutputFile("index.html", data=b"<html>" * 100),
        OutputFile("assets/clip.mp4", source=big),
        OutputFile("assets/Photo.JPG", data=b"\xff\xd8" * 50),
        OutputFile("imsmanifest.xml", data=b"<manifest/>"),
        OutputFile("scormbuild/quiz.js", data=b"let x = 1;\n" * 100),
        OutputFile("assets/ääkköset.txt", data=b"hei"),
    ]


def zipped(files: list[OutputFile], **kw: tuple[int, ...]) -> bytes:
    buf = io.BytesIO()
    write_package(files, buf, **kw)
    return buf.getvalue()


def test_same_input_gives_identical_bytes(tmp_path: Path) -> None:
    files = sample(tmp_path)
    assert zipped(files) == zipped(list(reversed(files)))
    a = save_package(files, tmp_path / "a.zip")
    b = save_package(files, tmp_path / "b.zip")
    assert a.read_bytes() == b.read_bytes()


def test_entries_sorted_with_fixed_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    files = sample(tmp_path)
    zf = zipfile.ZipFile(io.BytesIO(zipped(files)))
    names = zf.namelist()
    assert names == sorted(f.path for f in files)
    for info in zf.infolist():
        assert info.date_time == (1980, 1, 1, 0, 0, 0)
        assert info.create_system == 3
        assert info.external_attr >> 16 == stat.S_IFREG | 0o644
    assert zf.read("assets/clip.mp4") == (tmp_path / "clip.mp4").read_bytes()
    assert zf.read("assets/ääkköset.txt") == b"hei"
    assert zf.testzip() is None


def test_media_stored_everything_else_deflated(tmp_path: Path) -> None:
    zf = zipfile.ZipFile(io.BytesIO(zipped(sample(tmp_path))))
    kinds = {i.filename: i.compress_type for i in zf.infolist()}
    assert kinds["assets/clip.mp4"] == zipfile.ZIP_STORED
    assert kinds["assets/Photo.JPG"] == zipfile.ZIP_STORED
    assert kinds["index.html"] == zipfile.ZIP_DEFLATED
    assert kinds["scormbuild/quiz.js"] == zipfile.ZIP_DEFLATED


def test_source_date_epoch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    zf = zipfile.ZipFile(io.BytesIO(zipped(sample(tmp_path))))
    assert {i.date_time for i in zf.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # before zip time begins: clamped
    zf = zipfile.ZipFile(io.BytesIO(zipped(sample(tmp_path))))
    assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(PackageError, match="SOURCE_DATE_EPOCH"):
        zipped(sample(tmp_path))


def test_explicit_date_time(tmp_path: Path) -> None:
    data = zipped(sample(tmp_path), date_time=(2024, 5, 6, 7, 8, 10))
    zf = zipfile.ZipFile(io.BytesIO(data))
    assert {i.date_time for i in zf.infolist()} == {(2024, 5, 6, 7, 8, 10)}


@pytest.mark.parametrize("path", ["index.html", "INDEX.HTML"], ids=["same", "differs-only-in-case"])
def test_writing_a_path_twice_is_an_error(path: str) -> None:
    files = [OutputFile("index.html", data=b"a"), OutputFile(path, data=b"b")]
    with pytest.raises(PackageError, match="written twice"):
        zipped(files)


@pytest.mark.parametrize(
    "path",
    [
        "",
        "/etc/passwd",
        "../x.html",
        "a/../../b",
        "a\\b.html",
        "a//b",
        "./a",
        "dir/",
        "C:x",
        "a\0b",
    ],
)
def test_invalid_paths_are_refused(path: str) -> None:
    with pytest.raises(PackageError, match="invalid archive path"):
        zipped([OutputFile(path, data=b"x")])


def test_data_xor_source() -> None:
    with pytest.raises(PackageError, match="exactly one"):
        zipped([OutputFile("a.txt")])
    with pytest.raises(PackageError, match="exactly one"):
        zipped([OutputFile("a.txt", data=b"x", source=Path("a.txt"))])


def test_save_is_atomic_and_shareable(tmp_path: Path) -> None:
    target = tmp_path / "dist" / "course.zip"
    assert save_package(sample(tmp_path), target) == target
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert zipfile.ZipFile(target).testzip() is None


@pytest.mark.parametrize(
    "bad",
    [
        OutputFile("index.html", data=b"again"),  # a duplicate, found before writing
        OutputFile("zz/missing.png", source=Path("/nonexistent/missing.png")),  # found mid-write
    ],
)
def test_failed_save_keeps_the_old_package(tmp_path: Path, bad: OutputFile) -> None:
    target = tmp_path / "course.zip"
    target.write_bytes(b"previous package")
    with pytest.raises(PackageError):
        save_package([*sample(tmp_path), bad], target)
    assert target.read_bytes() == b"previous package"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clip.mp4", "course.zip"]
