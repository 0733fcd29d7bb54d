"""Large courses are read and rendered on several processes; the results are the same."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path
from typing import cast

import pytest

from scormbuild.package.write import PackageWriter
from scormbuild.render.pages import PageCache, render_course
from scormbuild.render.theme import make_environment
from scormbuild.source.load import load_course
from scormbuild.source.markdown import labels_for
from scormbuild.source.memo import ModuleMemo
from scormbuild.source.parallel import Job, read_all
from scormbuild.source.paths import CourseFiles
from scormbuild.workers import fork_map, forked_map, shares
from tests.coursekit import MODULE, QUIZ, write_course


def big_course(root: Path, broken: int | None = None) -> Path:
    files: dict[str, str | bytes] = {}
    for i in range(1, 31):
        body = MODULE.format(title=f"Part {i}") + "\n" + QUIZ.format(qid=f"q{i}")
        if i == broken:
            body = body.replace("title: Part", "titel: Part")
        files[f"modules/{i:02d}-part.md"] = body
    return write_course(root, files)


def jobs(root: Path) -> list[Job]:
    """The course's modules as one job, the way the loader hands them to read_all."""
    modules = sorted((root / "modules").glob("*.md"))
    labels = tuple(sorted(labels_for("en").items()))
    items = tuple((Path("modules", p.name), p.stem) for p in modules)
    return [Job("en", "", labels, items)]


@pytest.mark.parametrize("workers", [2, 3])
def test_parallel_read_equals_sequential(tmp_path: Path, workers: int) -> None:
    root = big_course(tmp_path).resolve()
    expected = read_all(jobs(root), CourseFiles(root), workers=1)
    memo = ModuleMemo()
    assert read_all(jobs(root), CourseFiles(root), memo, workers=workers) == expected
    # The workers' memo entries came back: the next read reuses every module.
    assert len(memo.entries) == 32
    assert read_all(jobs(root), CourseFiles(root), memo) == expected


def test_parallel_read_reports_the_same_problems(tmp_path: Path) -> None:
    root = big_course(tmp_path, broken=17).resolve()
    ((sources, problems),) = read_all(jobs(root), CourseFiles(root), workers=2)
    assert [(sources, problems)] == read_all(jobs(root), CourseFiles(root), workers=1)
    # The broken module is read all the same (its links are checked), marked incomplete.
    assert [s.slug for s in sources if s is not None and not s.complete] == ["17-part"]
    assert "modules/17-part.md:2: error: unknown front matter key 'titel'" in problems[0].format()


@pytest.mark.parametrize("workers", [1, 2, 3, 4])
@pytest.mark.parametrize("count", [0, 1, 2, 7, 24, 200, 1001])
def test_shares_cover_the_items_in_order_and_shrink_to_single_items(
    workers: int, count: int
) -> None:
    items = list(range(count))
    runs = shares(items, workers)
    assert [i for run in runs for i in run] == items
    sizes = [len(run) for run in runs]
    assert all(size >= 1 for size in sizes)
    assert sizes == sorted(sizes, reverse=True)
    if count:
        assert sizes[-1] == 1
        assert sizes[0] == -(-count // (2 * workers))  # half a worker's share first
    assert len(runs) <= 2 * workers * (1 + count.bit_length())  # a few dozen results at most


def test_a_failing_job_fails_the_map() -> None:
    def work(n: int) -> int:
        if n == 5:
            raise ValueError("five")
        return n * 2

    assert fork_map(lambda n: n * 2, list(range(40)), 3) == [n * 2 for n in range(40)]
    with pytest.raises(ValueError, match="five"):
        fork_map(work, list(range(40)), 3)


def test_workers_go_on_while_the_block_has_not_read_their_results(tmp_path: Path) -> None:
    # Each result is larger than a pipe holds: a worker that waited for the block to read
    # it would not start its next job before the block reads (the block streams media then).
    def work(n: int) -> bytes:
        (tmp_path / f"started-{n}").touch()
        return bytes([n]) * (1 << 20)

    with forked_map(work, list(range(6)), 2) as results:
        deadline = time.monotonic() + 20
        while len(list(tmp_path.iterdir())) < 6 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert len(list(tmp_path.iterdir())) == 6
        assert list(results) == [bytes([n]) * (1 << 20) for n in range(6)]


def test_parallel_render_equals_sequential(tmp_path: Path) -> None:
    (course,) = load_course(big_course(tmp_path)).courses
    env = make_environment(course.templates)
    expected = render_course(course, env, workers=1)
    cache = PageCache()
    first = render_course(course, env, cache, workers=3)
    assert first == expected
    # A second render reuses every page: the very bytes of the first.
    second = render_course(course, env, cache, workers=3)
    modules = {m.href for m in course.modules}  # not the cover and finish pages: made anew
    pages = [(a.data, b.data) for a, b in zip(first, second, strict=True) if a.path in modules]
    assert len(pages) == 32 and all(a is b for a, b in pages)


class PidPacker:
    """Packs a page as the process that rendered it and the page's size."""

    def __init__(self) -> None:
        self.packed: dict[str, object] = {}

    def pack(self, page: bytes) -> object:
        return os.getpid(), len(page)


def test_the_pages_are_packed_where_they_are_rendered(tmp_path: Path) -> None:
    (course,) = load_course(big_course(tmp_path)).courses
    env = make_environment(course.templates)
    packer = PidPacker()
    files = {f.path: f.data for f in render_course(course, env, workers=2, packer=packer)}
    assert files == {f.path: f.data for f in render_course(course, env, workers=1)}
    assert set(packer.packed) == {m.href for m in course.modules}
    packed = [cast(tuple[int, int], packer.packed[m.href]) for m in course.modules]
    assert [size for _pid, size in packed] == [len(files[m.href] or b"") for m in course.modules]
    # The first page is rendered here (it compiles the templates), the others on the workers.
    pids = [pid for pid, _size in packed]
    assert pids[0] == os.getpid() and os.getpid() not in pids[1:]


def test_a_page_packed_on_a_worker_arrives_as_the_very_object_it_packed(tmp_path: Path) -> None:
    """So the writer knows the page is the one packed without reading it again."""
    (course,) = load_course(big_course(tmp_path)).courses
    writer = PackageWriter(io.BytesIO())
    files = render_course(course, make_environment(course.templates), workers=2, packer=writer)
    data = {f.path: f.data for f in files}
    for m in course.modules:
        _crc, packed, _body = cast(tuple[int, bytes, bytes], writer.packed[m.href])
        assert packed is data[m.href]
