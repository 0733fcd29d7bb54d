"""Code objects of the built-in templates kept between builds: the same code, or compiled."""

from __future__ import annotations

import builtins
import marshal
import sys
from pathlib import Path
from typing import Any

import pytest

from scormbuild.render.codecache import MAGIC, CodeCache
from scormbuild.render.theme import CompiledTemplates, ThemeLoader, make_environment

CODE = "def root(x):\n    return [x, 'marked']\n"


def run(code: Any) -> Any:
    namespace: dict[str, Any] = {}
    exec(code, namespace)
    return namespace["root"](1)


def no_compile(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(builtins, "compile", refuse)


def test_a_code_object_is_kept_and_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    made = CodeCache(tmp_path).compile(CODE, "t.html")
    (kept,) = tmp_path.iterdir()
    assert kept.read_bytes() == MAGIC + marshal.dumps(made)
    no_compile(monkeypatch)
    again = CodeCache(tmp_path).compile(CODE, "t.html")
    assert again.co_filename == "t.html"
    assert run(again) == run(made) == [1, "marked"]


def test_other_code_or_another_file_name_is_compiled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    cache = CodeCache(tmp_path)
    cache.compile(CODE, "t.html")
    assert run(cache.compile(CODE.replace("marked", "other"), "t.html")) == [1, "other"]
    assert cache.compile(CODE, "u.html").co_filename == "u.html"
    assert len(list(tmp_path.iterdir())) == 3


@pytest.mark.parametrize(
    "damage", [b"", b"garbage", MAGIC, MAGIC + b"\xff", MAGIC + marshal.dumps(42), b"\0" * 4]
)
def test_a_damaged_or_foreign_file_is_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: bytes
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    CodeCache(tmp_path).compile(CODE, "t.html")
    (kept,) = tmp_path.iterdir()
    kept.write_bytes(damage)
    assert run(CodeCache(tmp_path).compile(CODE, "t.html")) == [1, "marked"]
    assert kept.read_bytes().startswith(MAGIC) and len(kept.read_bytes()) > len(MAGIC) + 8


def test_nothing_is_written_when_python_writes_no_bytecode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    assert run(CodeCache(tmp_path / "cache").compile(CODE, "t.html")) == [1, "marked"]
    assert not (tmp_path / "cache").exists()


def test_a_folder_that_cannot_be_written_keeps_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    (tmp_path / "file").write_text("not a folder")
    assert run(CodeCache(tmp_path / "file" / "cache").compile(CODE, "t.html")) == [1, "marked"]
    assert run(CodeCache(None).compile(CODE, "t.html")) == [1, "marked"]


def test_the_built_in_templates_render_the_same_from_kept_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)

    def rendered() -> str:
        env = make_environment(None)
        loader = env.loader
        assert isinstance(loader, ThemeLoader)
        loader.compiled = CompiledTemplates(CodeCache(tmp_path))
        template = env.get_template("file-info.html")
        return template.render(type="PDF", size="1 MB", path="a/b.pdf")

    first = rendered()
    assert list(tmp_path.iterdir())
    no_compile(monkeypatch)
    assert rendered() == first
