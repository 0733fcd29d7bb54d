"""Large courses are read and rendered on several processes; the results are the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from scormbuild.source import memo, parallel
from scormbuild.source.load import load_course
from tests.coursekit import MODULE, QUIZ, write_course


def big_course(root: Path, broken: int | None = None) -> Path:
    files: dict[str, str | bytes] = {}
    for i in range(1, 31):
        body = MODULE.format(title=f"Part {i}") + "\n" + QUIZ.format(qid=f"q{i}")
        if i == broken:
            body = body.replace("title: Part", "titel: Part")
        files[f"modules/{i:02d}-part.md"] = body
    return write_course(root, files)


def forget(root: Path) -> None:
    memo._MEMOS.pop(root.resolve(), None)


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_parallel_load_equals_sequential(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    root = big_course(tmp_path)
    forget(root)
    expected = load_course(root)
    forget(root)
    monkeypatch.setattr(parallel, "_workers", lambda jobs: workers)
    actual = load_course(root, reuse=True)
    assert actual.courses == expected.courses
    assert [s.module for s in actual.sources["en"]] == [s.module for s in expected.sources["en"]]
    # The workers' memo entries came back: a reload reuses every module.
    assert len(memo.memo_for(root.resolve()).entries) == 32


def test_parallel_load_reports_the_same_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = big_course(tmp_path, broken=17)
    forget(root)
    monkeypatch.setattr(parallel, "_workers", lambda jobs: 2)
    with pytest.raises(Exception) as info:
        load_course(root)
    assert "modules/17-part.md:2: error: unknown front matter key 'titel'" in str(info.value)


def test_parallel_render_equals_sequential(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from scormbuild.render import pages as render
    from scormbuild.render.theme import make_environment

    (course,) = load_course(big_course(tmp_path)).courses
    env = make_environment(course.root)
    monkeypatch.setattr(render, "_pages", {})
    monkeypatch.setattr(render, "worker_count", lambda n: 1)
    expected = render.render_course(course, env)
    monkeypatch.setattr(render, "_pages", {})
    monkeypatch.setattr(render, "worker_count", lambda n: 3)
    assert render.render_course(course, env, reuse=True) == expected
    # A second render reuses every page: nothing is rendered again.
    monkeypatch.setattr(render, "render_module", None)
    assert render.render_course(course, env, reuse=True) == expected
