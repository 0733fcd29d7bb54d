"""The output folder: a build's files all replace the previous ones, or none of them do."""

from __future__ import annotations

import errno
import fcntl
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scormbuild.commands.build import build
from scormbuild.errors import CourseError, OutputError
from scormbuild.package import output
from scormbuild.package.output import OutputFolder, name_problem
from tests.coursekit import BILINGUAL, write_course


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture
def previous(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """A bilingual course built once into dist/, then edited so that the next build differs."""
    course = write_course(tmp_path / "course", BILINGUAL)
    out = tmp_path / "dist"
    build(course, out)
    before = snapshot(out)
    assert len(before) == 6  # two packages, two statements, two sheets
    (course / "modules/02-more.md").write_text("---\ntitle: More\n---\n\n# More\n\nNew.\n")
    return course, out, before


class FullDisk(io.RawIOBase):
    """A file that takes ``room`` bytes and then fails as a full disk does."""

    def __init__(self, fp: Any, room: int) -> None:
        self.fp, self.room = fp, room

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if len(data) > self.room:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.room -= len(data)
        return int(self.fp.write(data))

    def seek(self, *args: Any) -> int:
        return int(self.fp.seek(*args))

    def tell(self) -> int:
        return int(self.fp.tell())

    def flush(self) -> None:
        if not self.fp.closed:
            self.fp.flush()

    def fileno(self) -> int:
        return int(self.fp.fileno())

    def close(self) -> None:
        self.fp.close()
        super().close()


def fill_up_at(monkeypatch: pytest.MonkeyPatch, marker: str, room: int = 1000) -> None:
    """The disk fills while the temporary file of an output whose name has ``marker`` is written."""
    real_fdopen = os.fdopen
    real_mkstemp = output.tempfile.mkstemp
    names: dict[int, str] = {}

    def mkstemp(**kw: Any) -> tuple[int, str]:
        fd, name = real_mkstemp(**kw)
        names[fd] = name
        return fd, name

    def fdopen(fd: int, mode: str = "r", *args: Any, **kw: Any) -> Any:
        fp = real_fdopen(fd, mode, *args, **kw)
        return FullDisk(fp, room) if marker in names.get(fd, "") else fp

    monkeypatch.setattr(output.tempfile, "mkstemp", mkstemp)
    monkeypatch.setattr(output.os, "fdopen", fdopen)


def test_disk_full_between_the_packages_replaces_nothing(
    previous: tuple[Path, Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    course, out, before = previous
    fill_up_at(monkeypatch, "-sv.zip")
    with pytest.raises(OutputError) as caught:
        build(course, out)
    message = caught.value.format_message()
    assert f"{out / 'demo-1.0.0-sv.zip'}: error: cannot write: disk full" in message
    assert "hint: free some space" in message
    assert snapshot(out) == before  # the fi package, already complete, did not replace the old


def test_disk_full_on_the_last_document_replaces_nothing(
    previous: tuple[Path, Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    course, out, before = previous
    fill_up_at(monkeypatch, "-sv-moodle.md", room=10)
    with pytest.raises(OutputError, match="disk full"):
        build(course, out)
    assert snapshot(out) == before


def test_a_failed_rename_puts_back_what_it_replaced(
    previous: tuple[Path, Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    course, out, before = previous
    real_replace = os.replace
    renames: list[str] = []

    def replace(src: Any, dst: Any) -> None:
        if Path(src).name.startswith(".") and len(renames) < 4:  # a new file going into place
            renames.append(Path(dst).name)
            if len(renames) == 4:
                raise OSError(errno.EIO, os.strerror(errno.EIO))
        real_replace(src, dst)  # the roll-back's renames

    monkeypatch.setattr(output.os, "replace", replace)
    with pytest.raises(OutputError, match="input/output error"):
        build(course, out)
    assert len(renames) == 4
    assert snapshot(out) == before


def test_a_new_file_is_removed_when_a_later_rename_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "dist"
    out.mkdir()
    (out / "old.md").write_text("old")
    real_replace = os.replace

    def replace(src: Any, dst: Any) -> None:
        if Path(dst).name == "old.md" and Path(src).name.startswith(".old.md."):
            raise OSError(errno.EIO, "boom")
        real_replace(src, dst)

    monkeypatch.setattr(output.os, "replace", replace)
    with pytest.raises(OutputError), OutputFolder(out) as folder:
        folder.add_text("new.md", "new")
        folder.add_text("old.md", "replacement")
        folder.commit()
    assert snapshot(out) == {"old.md": b"old"}


def test_interrupt_while_writing_leaves_nothing_behind(
    previous: tuple[Path, Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    course, out, before = previous
    real_add_text: Callable[..., Path] = OutputFolder.add_text

    def add_text(self: OutputFolder, name: str, text: str) -> Path:
        if name.endswith("-sv-moodle.md"):
            raise KeyboardInterrupt
        return real_add_text(self, name, text)

    monkeypatch.setattr(OutputFolder, "add_text", add_text)
    with pytest.raises(KeyboardInterrupt):
        build(course, out)
    assert snapshot(out) == before


def test_stale_temporary_files_are_cleaned_up(
    previous: tuple[Path, Path, dict[str, bytes]],
) -> None:
    course, out, before = previous
    stale = [
        ".demo-1.0.0-fi.zip.k2x_9abc.tmp",
        ".demo-1.0.0-fi-moodle.md.0a1b2c3d.tmp",
        ".demo-questions.xml.zz99aa00.tmp",  # export writes through the same folder
    ]
    kept = [".keep", "notes.tmp", ".mine.txt.tmp", ".x.ABCDEFGH.tmp"]  # no name it makes
    for name in stale + kept:
        (out / name).write_bytes(b"partial")
    with OutputFolder(out) as folder:
        assert folder.removed == sorted(stale)
    assert sorted(snapshot(out)) == sorted([*before, *kept])
    build(course, out)
    assert not any(name in snapshot(out) for name in stale)


def test_a_second_build_into_a_locked_folder_fails_at_once(
    previous: tuple[Path, Path, dict[str, bytes]],
) -> None:
    course, out, before = previous
    fd = os.open(out, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # another build holds the folder
        with pytest.raises(OutputError) as caught:
            build(course, out)
    finally:
        os.close(fd)
    message = caught.value.format_message()
    assert f"{out}: error: another scormbuild build is writing to this output folder" in message
    assert "hint: wait until it finishes" in message
    assert snapshot(out) == before
    build(course, out)  # released: builds again
    assert snapshot(out) != before


def test_the_output_folder_is_a_file(tmp_path: Path) -> None:
    course = write_course(tmp_path / "course")
    (tmp_path / "dist").write_text("not a folder")
    with pytest.raises(OutputError) as caught:
        build(course, tmp_path / "dist")
    assert f"{tmp_path / 'dist'}: error: the output folder is a file" in str(caught.value)
    with pytest.raises(OutputError) as caught:
        build(course, tmp_path / "dist" / "sub" / "out")
    text = str(caught.value)
    assert f"cannot create the output folder: {tmp_path / 'dist'} is a file" in text
    assert (tmp_path / "dist").read_text() == "not a folder"


def test_a_version_with_slashes_never_writes_outside(tmp_path: Path) -> None:
    yml = 'id: demo\ntitle: Demo\nversion: "1/../../x"\nlanguage: en\n'
    course = write_course(tmp_path / "course", {"course.yml": yml})
    with pytest.raises(CourseError) as caught:
        build(course, tmp_path / "a" / "dist")
    text = caught.value.format_message()
    # course.yml's own rule refuses it at the key's line, before any name is made of it.
    assert "course.yml:3: error: 'version' must be a version such as '1.0.0'" in text
    assert "hint: the version is part of the package's file name" in text
    assert not (tmp_path / "a").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["course"]


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("a/b.zip", "path separator"),
        ("..", "not a file name"),
        ("a\\b.zip", "path separator"),
        (".hidden.zip", "starts with a dot"),
        ("a\nb.zip", "control character"),
        ("x" * 252 + ".zip", "longer than 255 bytes"),
    ],
)
def test_output_names_are_plain_file_names(tmp_path: Path, name: str, why: str) -> None:
    problem = name_problem(name)
    assert problem is not None and why in problem
    with OutputFolder(tmp_path) as folder, pytest.raises(OutputError, match="output file name"):
        folder.add_text(name, "x")
    assert list(tmp_path.iterdir()) == []


def test_written_files_are_shareable(tmp_path: Path) -> None:
    with OutputFolder(tmp_path) as folder:
        folder.add_text("a.md", "å")
        assert folder.commit() == [tmp_path / "a.md"]
    assert (tmp_path / "a.md").read_bytes() == "å".encode()
    assert (tmp_path / "a.md").stat().st_mode & 0o777 == 0o644


def test_a_failed_build_into_a_new_folder_leaves_no_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    course = write_course(tmp_path / "course")
    fill_up_at(monkeypatch, ".zip", room=10)
    with pytest.raises(OutputError, match="disk full"):
        build(course, tmp_path / "new" / "dist")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["course"]
