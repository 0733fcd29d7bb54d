"""The zip writer: the bytes zipfile would write, zip64 when needed, deflate on workers."""

from __future__ import annotations

import io
import os
import shutil
import stat
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scormbuild.model import OutputFile
from scormbuild.package import write as package
from scormbuild.package import zipwriter
from scormbuild.package.write import compression_for, write_package
from scormbuild.package.zipwriter import CHUNK, SizeChanged, ZipWriter

STAMP = (2024, 5, 17, 12, 30, 44)


def zipfile_reference(files: list[OutputFile]) -> bytes:
    """What Python's zipfile writes for the same entries and metadata."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for f in sorted(files, key=lambda f: f.path):
            info = zipfile.ZipInfo(f.path, date_time=STAMP)
            info.create_system = 3
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            info.compress_type = compression_for(f.path)
            if f.data is not None:
                zf.writestr(info, f.data)
                continue
            assert f.source is not None
            with f.source.open("rb") as src:
                info.file_size = os.fstat(src.fileno()).st_size
                with zf.open(info, "w") as dst:
                    shutil.copyfileobj(src, dst, CHUNK)
    return buf.getvalue()


def written(files: list[OutputFile]) -> bytes:
    buf = io.BytesIO()
    write_package(files, buf, date_time=STAMP)
    return buf.getvalue()


def mixed(tmp_path: Path, pages: int = 3) -> list[OutputFile]:
    video = tmp_path / "clip.mp4"
    video.write_bytes(os.urandom(CHUNK * 2 + 5))  # stored, several chunks
    captions = tmp_path / "clip.vtt"
    captions.write_bytes(b"WEBVTT\n\n00:00.000 --> 00:01.000\nHei\n" * 4000)  # deflated
    return [
        OutputFile("assets/clip.mp4", source=video),
        OutputFile("assets/clip.vtt", source=captions),
        OutputFile("assets/logo.png", data=b"\x89PNG" + bytes(300)),
        OutputFile("assets/empty.txt", data=b""),
        OutputFile("assets/ääkköset.txt", data="hyvää päivää\n".encode() * 50),
        OutputFile("imsmanifest.xml", data=b"<manifest/>"),
        *(
            OutputFile(f"modules/{i:03d}.html", data=f"<p>Page {i}</p>\n".encode() * (i + 40))
            for i in range(pages)
        ),
    ]


def test_same_bytes_as_zipfile(tmp_path: Path) -> None:
    files = mixed(tmp_path)
    assert written(files) == zipfile_reference(files)


def test_deflating_on_workers_gives_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = mixed(tmp_path, pages=60)
    monkeypatch.setattr(package, "worker_count", lambda items: 1)
    alone = written(files)
    monkeypatch.setattr(package, "worker_count", lambda items: 2)
    monkeypatch.setattr(package, "PARALLEL_DEFLATE_BYTES", 0)
    assert written(files) == alone == zipfile_reference(files)


def test_zip64_records_when_sizes_offsets_or_counts_are_large(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same code paths as a package over 4 GiB or 65,535 entries, at a size a test can write.
    monkeypatch.setattr(zipwriter, "ZIP64_SIZE", 1000)
    monkeypatch.setattr(zipwriter, "ZIP64_COUNT", 5)
    files = mixed(tmp_path)
    data = written(files)
    assert b"PK\x06\x06" in data and b"PK\x06\x07" in data  # zip64 end record and locator
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.testzip() is None
        assert len(zf.infolist()) == len(files)
        for f in files:
            expected = f.data if f.data is not None else f.source.read_bytes()  # type: ignore[union-attr]
            assert zf.read(f.path) == expected
        big = zf.getinfo("assets/clip.mp4")
        assert big.file_size == CHUNK * 2 + 5 and big.extract_version == 45


def test_a_stream_shorter_than_announced_is_refused() -> None:
    writer = ZipWriter(io.BytesIO(), STAMP, 0o644)
    with pytest.raises(SizeChanged):
        writer.add_stream("assets/a.bin", io.BytesIO(b"12345"), 6, zipwriter.STORED)


def test_non_ascii_names_are_flagged_utf8(tmp_path: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(written(mixed(tmp_path)))) as zf:
        info = zf.getinfo("assets/ääkköset.txt")
        assert info.flag_bits & 0x800
        assert zf.getinfo("imsmanifest.xml").flag_bits & 0x800 == 0


def in_two_steps(
    files: list[OutputFile], lead: list[OutputFile], made: list[str], packed: dict[str, bytes]
) -> bytes:
    """The build's way: ``lead`` written first (``made``: the paths it expects to be made),
    then ``files``; ``packed``: data deflated beforehand by path, as its workers do."""
    buf = io.BytesIO()
    writer = package.PackageWriter(buf, date_time=STAMP)
    writer.lead(lead, made)
    writer.packed.update({path: writer.pack(data) for path, data in packed.items()})
    writer.finish(files)
    return buf.getvalue()


def test_writing_the_media_first_gives_the_same_bytes(tmp_path: Path) -> None:
    files = mixed(tmp_path, pages=5)
    media = [f for f in files if f.source is not None]
    pages = {f.path: f.data for f in files if f.path.startswith("modules/") and f.data}
    assert in_two_steps(files, media, ["imsmanifest.xml"], pages) == written(files)


def test_a_made_file_among_the_media_or_a_stale_packed_page_changes_nothing(
    tmp_path: Path,
) -> None:
    files = mixed(tmp_path, pages=5)
    media = [f for f in files if f.source is not None]
    # Nothing said that assets/clip.txt would be made: what was led is written again.
    among = [*files, OutputFile("assets/clip.txt", data=b"made")]
    assert in_two_steps(among, media, [], {}) == written(among)
    # Packed from other bytes than the file has in the end: deflated again.
    stale = {"modules/001.html": b"<p>an older page</p>", "assets/logo.png": b"stored"}
    assert in_two_steps(files, media, ["imsmanifest.xml"], stale) == written(files)
    # Led files that are not in the package in the end: written again without them.
    assert in_two_steps(files[2:], media, [], {}) == written(files[2:])


NAMES = ["a", "a/b", "b.png", "b.txt", "c.mp4", "d/e.vtt", "f"]  # stored and deflated


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    names=st.lists(st.sampled_from(NAMES), min_size=1, max_size=7, unique=True),
    on_disk=st.lists(st.booleans(), min_size=7, max_size=7),
    said=st.lists(st.booleans(), min_size=7, max_size=7),
    packed=st.lists(st.sampled_from(["no", "same", "other"]), min_size=7, max_size=7),
)
def test_two_steps_always_give_the_bytes_of_one(
    names: list[str], on_disk: list[bool], said: list[bool], packed: list[str]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for i, name in enumerate(names):
            data = f"{name}\n".encode() * (i * 300)
            if on_disk[i]:
                source = Path(folder, f"{i}.bin")
                source.write_bytes(data)
                files.append(OutputFile(name, source=source))
            else:
                files.append(OutputFile(name, data=data))
        lead = [f for f in files if f.source is not None]
        made = [f.path for i, f in enumerate(files) if f.data is not None and said[i]]
        early = {
            f.path: f.data if packed[i] == "same" else b"other"
            for i, f in enumerate(files)
            if f.data is not None and packed[i] != "no"
        }
        assert in_two_steps(files, lead, made, early) == written(files)
