"""The path gate: every path a course names stays inside the course folder, in the folder where
it belongs, and names a regular file; anything else is a located error from ``check --strict``.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from scormbuild.pipeline import gather
from scormbuild.source.paths import CourseFiles, PathProblem, _read_up_to, require_file
from tests.coursekit import COURSE_YML, MODULE, write_course

PNG = b"\x89PNG\r\n\x1a\n"


@contextmanager
def within(seconds: int) -> Iterator[None]:
    """Fail the test instead of hanging it (a FIFO opened for reading waits for a writer)."""

    def expire(_signum: int, _frame: object) -> None:
        raise TimeoutError(f"took more than {seconds} s")

    old = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def report(course: Path) -> str:
    """Every problem ``check --strict`` finds, one formatted problem a line."""
    with within(30):
        gathered = gather(course, strict=True)
    return "\n".join(p.format() for p in gathered.problems)


def outside_file(tmp_path: Path, name: str = "secret.md", data: bytes = b"secret") -> Path:
    path = tmp_path / "outside" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def with_module(text: str, **files: str | bytes) -> dict[str, str | bytes]:
    return {"modules/02-more.md": MODULE.format(title="More") + "\n" + text, **files}


# --- the gate itself ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "folder", "under", "message"),
    [
        ("/etc/passwd", "", "", "absolute path '/etc/passwd'"),
        ("C:/x.png", "", "", "absolute path 'C:/x.png'"),
        ("..\\x.png", "modules", "", "has a backslash"),
        ("../../x.png", "modules", "", "'../../x.png' leaves the course folder"),
        ("../course.yml", "modules", "assets", "'../course.yml' is not in assets/"),
        ("x%00.png", "", "", "holds a NUL character"),
        ("", "", "", "empty path"),
    ],
)
def test_the_gate_refuses(
    tmp_path: Path, target: str, folder: str, under: str, message: str
) -> None:
    files = CourseFiles(write_course(tmp_path / "c"))
    with pytest.raises(PathProblem) as caught:
        files.resolve(target, folder, under)
    assert message in caught.value.message


def test_the_gate_names_a_path_as_the_package_does(tmp_path: Path) -> None:
    course = write_course(tmp_path / "c", {"media/real.png": PNG})
    (course / "assets").mkdir()
    (course / "assets" / "pic.png").symlink_to(course / "media" / "real.png")
    files = CourseFiles(course)
    # The link's own name: the package holds assets/pic.png, not media/real.png.
    assert require_file(files, "../assets/pic.png", "modules", "assets") == "assets/pic.png"
    assert files.read_bytes("assets/pic.png", 100) == PNG


def test_reading_stops_at_the_limit_and_at_special_files(tmp_path: Path) -> None:
    course = write_course(tmp_path / "c", {"assets/big.txt": b"x" * 101})
    os.mkfifo(course / "assets" / "pipe.txt")
    files = CourseFiles(course)
    with pytest.raises(PathProblem, match="larger than") as caught:
        files.read_bytes("assets/big.txt", 100)
    assert caught.value.code == "too-large"
    with within(10), pytest.raises(PathProblem, match="not a regular file"):
        files.read_bytes("assets/pipe.txt", 100)
    assert files.kind("assets/pipe.txt") == "special"
    assert files.kind("assets") == "folder"
    assert files.kind("assets/none") == "missing"


@pytest.mark.parametrize("size", [0, 99, 100, 101, 250_000])
def test_a_file_is_read_whole_up_to_the_limit(tmp_path: Path, size: int) -> None:
    data = bytes(range(256)) * (size // 256) + b"z" * (size % 256)
    course = write_course(tmp_path / "c", {"assets/f.bin": data})
    files = CourseFiles(course)
    assert files.read_bytes("assets/f.bin", max(size, 1)) == data
    if size > 100:
        with pytest.raises(PathProblem, match="larger than"):
            files.read_bytes("assets/f.bin", 100)
    # A file that grew after its size was taken is still read to its end, or to the limit.
    fd = os.open(course / "assets" / "f.bin", os.O_RDONLY)
    try:
        assert _read_up_to(fd, size + 1, 0) == data
        os.lseek(fd, 0, os.SEEK_SET)
        assert _read_up_to(fd, 100_001, 3) == data[:100_001]
    finally:
        os.close(fd)


# --- reading outside the course: check --strict catches each --------------------------------


def test_a_module_that_is_a_symlink_out_of_the_course(tmp_path: Path) -> None:
    secret = outside_file(tmp_path, data=MODULE.format(title="Secret").encode())
    course = write_course(tmp_path / "c")
    (course / "modules" / "03-secret.md").symlink_to(secret)
    assert (
        "modules/03-secret.md: error: 'modules/03-secret.md' is a symlink that points outside "
        "the course folder" in report(course)
    )


def test_a_course_template_that_is_a_symlink_out_of_the_course(tmp_path: Path) -> None:
    secret = outside_file(tmp_path, "base.html", b"{{ course.id }} secret")
    course = write_course(tmp_path / "c")
    (course / "templates").mkdir()
    (course / "templates" / "base.html").symlink_to(secret)
    assert "templates/base.html: error: 'templates/base.html' is a symlink that points outside" in (
        report(course)
    )


def test_the_theme_loader_does_not_follow_a_template_link_out(tmp_path: Path) -> None:
    import jinja2

    from scormbuild.render.theme import ThemeLoader

    secret = outside_file(tmp_path, "index.html", b"secret")
    folder = tmp_path / "theme"
    folder.mkdir()
    (folder / "index.html").symlink_to(secret)
    env = jinja2.Environment(loader=ThemeLoader([folder]))
    with pytest.raises(jinja2.TemplateNotFound, match="not a file inside"):
        env.get_template("index.html")


@pytest.mark.parametrize("entry", ["../../outside/x.md", "/etc/x.md", "sub/01-x.md", "01-x.sv.md"])
def test_a_modules_entry_follows_the_module_name_rule(tmp_path: Path, entry: str) -> None:
    course = write_course(tmp_path / "c", {"course.yml": COURSE_YML + f"modules: ['{entry}']\n"})
    assert "course.yml:7: error: 'modules' must be a list of distinct module file names" in (
        report(course)
    )


@pytest.mark.parametrize(
    ("logo", "message"),
    [
        ("/etc/passwd", "theme logo: absolute path '/etc/passwd'"),
        ("course.yml", "theme logo: 'course.yml' is not in assets/"),
        ("../outside/secret.md", "theme logo: '../outside/secret.md' leaves the course folder"),
        ("assets", "theme logo: 'assets' is a folder, not a file"),
        ("assets/.x.png", "theme logo: 'assets/.x.png' is hidden"),
    ],
)
def test_the_logo_is_a_file_in_assets(tmp_path: Path, logo: str, message: str) -> None:
    outside_file(tmp_path)
    course = write_course(
        tmp_path / "c",
        {
            "course.yml": COURSE_YML + f"theme:\n  logo: {logo}\n",
            "assets/x.png": PNG,
            "assets/.x.png": PNG,
        },
    )
    assert f"course.yml:8: error: {message}" in report(course)


def test_a_logo_that_is_a_symlink_out(tmp_path: Path) -> None:
    secret = outside_file(tmp_path, "logo.png", PNG)
    course = write_course(tmp_path / "c", {"course.yml": COURSE_YML + "theme:\n  logo: a/l.png\n"})
    (course / "a").mkdir()
    (course / "a" / "l.png").symlink_to(secret)
    assert "course.yml:8: error: theme logo: 'a/l.png' is a symlink that points outside" in (
        report(course)
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[the settings](../course.yml)", "'../course.yml' is not in assets/"),
        ("[a quiz](../quizzes/q.yml)", "'../quizzes/q.yml' is not in assets/"),
        ("![map](../quizzes/q.yml)", "'../quizzes/q.yml' is not in assets/"),
        ("[folder](../assets/)", "'../assets/' is a folder, not a file"),
        ("[hidden](../assets/.env)", "'../assets/.env' is hidden (a name that starts with '.')"),
        ("![git](../assets/.git/x.png)", "'../assets/.git/x.png' is hidden"),
        ("![twice](../assets/up/x.png)", "'assets/up/x.png' is not in the package"),
    ],
)
def test_links_and_images_point_at_packaged_files(tmp_path: Path, text: str, message: str) -> None:
    files = with_module(
        text,
        **{"quizzes/q.yml": "id: q\n", "assets/x.png": PNG, "assets/.env": "A=1\n"},
        **{"assets/.git/x.png": PNG},
    )
    course = write_course(tmp_path / "c", files)
    (course / "assets" / "up").symlink_to(".")  # assets/x.png packaged once, by that name
    assert f"modules/02-more.md:9: error: {message}" in report(course)


def test_a_quiz_file_is_in_quizzes(tmp_path: Path) -> None:
    course = write_course(tmp_path / "c", with_module("```quiz\nfile: modules/01-intro.md\n```\n"))
    assert "modules/02-more.md:10: error: 'modules/01-intro.md' is not in quizzes/" in report(
        course
    )


def test_a_transcript_that_is_a_symlink_out(tmp_path: Path) -> None:
    secret = outside_file(tmp_path, "talk.txt")
    files = with_module(
        "![A talk](../assets/talk.mp3)\n",
        **{"assets/talk.mp3": b"ID3", "assets/talk.vtt": "WEBVTT\n"},
    )
    course = write_course(tmp_path / "c", files)
    (course / "assets" / "talk.txt").symlink_to(secret)
    text = report(course)
    assert "modules/02-more.md:9: error: 'assets/talk.txt' is a symlink that points outside" in text
    assert "assets/talk.txt: error: symlink points outside the course folder" in text


# --- special files, folders, dangling and looping links ----------------------------------------


def test_a_fifo_in_assets_is_refused_without_a_hang(tmp_path: Path) -> None:
    course = write_course(tmp_path / "c")
    (course / "assets").mkdir()
    os.mkfifo(course / "assets" / "clip.mp4")
    assert "assets/clip.mp4: error: 'assets/clip.mp4' is not a regular file (a FIFO" in (
        report(course)
    )


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_a_module_name_that_is_no_file_gets_its_own_message(tmp_path: Path, kind: str) -> None:
    course = write_course(tmp_path / "c")
    path = course / "modules" / "03-odd.md"
    os.mkfifo(path) if kind == "fifo" else path.mkdir()
    text = report(course)
    what = "a folder" if kind == "folder" else "not a regular file (a FIFO, a socket or a device)"
    assert f"modules/03-odd.md: error: 'modules/03-odd.md' is {what}, not a module file" in text
    assert "variant" not in text


def test_a_variant_that_is_no_file_gets_its_own_message(tmp_path: Path) -> None:
    yml = COURSE_YML.replace("language: en\n", "language: en\nlanguages: [en, sv]\n")
    course = write_course(
        tmp_path / "c",
        {
            "course.yml": yml,
            "modules/01-intro.sv.md": MODULE.format(title="Intro"),
            "modules/02-more.sv.md": MODULE.format(title="Mer"),
        },
    )
    (course / "modules" / "01-intro.sv.md").unlink()
    (course / "modules" / "01-intro.sv.md").mkdir()
    assert "modules/01-intro.sv.md: error: 'modules/01-intro.sv.md' is a folder, not a module" in (
        report(course)
    )


def test_dangling_and_looping_links_in_assets(tmp_path: Path) -> None:
    course = write_course(tmp_path / "c")
    (course / "assets").mkdir()
    (course / "assets" / "gone.png").symlink_to(course / "assets" / "nothing.png")
    (course / "assets" / "loop.png").symlink_to(course / "assets" / "loop.png")
    text = report(course)
    assert "assets/gone.png: error: 'assets/gone.png' is a symlink to a file that does not" in text
    assert "assets/loop.png: error: 'assets/loop.png' is a symlink that loops" in text


def test_a_dangling_image_link(tmp_path: Path) -> None:
    course = write_course(tmp_path / "c", with_module("![Gone](../assets/gone.png)\n"))
    (course / "assets").mkdir()
    (course / "assets" / "gone.png").symlink_to(course / "assets" / "nothing.png")
    assert "modules/02-more.md:9: error: '../assets/gone.png' is a symlink to a file that" in (
        report(course)
    )


def test_symlinked_folders_inside_the_course_are_packaged_once(tmp_path: Path) -> None:
    files = with_module("![A map](../assets/pics/map.png)\n", **{"pictures/map.png": PNG})
    course = write_course(tmp_path / "c", files)
    (course / "assets").mkdir()
    (course / "assets" / "pics").symlink_to(course / "pictures")
    (course / "assets" / "pics-again").symlink_to(course / "pictures")
    (course / "assets" / "up").symlink_to(course / "assets")  # a loop, walked once
    gathered = gather(course)
    assert gathered.loaded is not None, gathered.problems
    paths = [a.path for a in gathered.loaded.courses[0].assets]
    assert paths == ["assets/pics/map.png"]


def test_asset_names_differing_only_in_case(tmp_path: Path) -> None:
    course = write_course(tmp_path / "c", {"assets/Map.png": PNG, "assets/map.png": PNG})
    assert "assets/map.png: error: 'assets/map.png' and 'assets/Map.png' differ only in case" in (
        report(course)
    )


def test_a_module_over_the_size_limit(tmp_path: Path) -> None:
    from scormbuild.limits import MODULE_BYTES

    body = MODULE.format(title="Big") + "word " * (MODULE_BYTES // 5)
    course = write_course(tmp_path / "c", {"modules/02-more.md": body})
    assert "modules/02-more.md: error: 'modules/02-more.md' is larger than 2 MB, the limit" in (
        report(course)
    )


@pytest.mark.parametrize("kind", ["fifo", "folder", "link out", "large"])
def test_course_yml_is_read_through_the_gate(tmp_path: Path, kind: str) -> None:
    course = write_course(tmp_path / "c")
    yml = course / "course.yml"
    yml.unlink()
    if kind == "fifo":
        os.mkfifo(yml)
    elif kind == "folder":
        yml.mkdir()
    elif kind == "link out":
        yml.symlink_to(outside_file(tmp_path, "course.yml", COURSE_YML.encode()))
    else:
        yml.write_text(COURSE_YML + "#" * (2 * 1024 * 1024), encoding="utf-8")
    message = {
        "fifo": "'course.yml' is not a regular file (a FIFO, a socket or a device), not a file",
        "folder": "'course.yml' is a folder, not a file",
        "link out": "'course.yml' is a symlink that points outside the course folder",
        "large": "'course.yml' is larger than 1 MB, the limit for it",
    }[kind]
    assert f"course.yml: error: {message}" in report(course)
