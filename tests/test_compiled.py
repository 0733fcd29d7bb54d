"""The built-in templates compiled ahead: current, used only for their own source, and only
by the built-in theme's environment."""

from __future__ import annotations

import json
from pathlib import Path

import jinja2
import pytest

from scormbuild.model import CourseTemplates
from scormbuild.render import compiled
from scormbuild.render.compiled import compiled_table
from scormbuild.render.theme import CompiledTemplates, ThemeLoader, digest, make_environment

TABLE = Path(compiled.__file__).with_name(compiled.TABLE)


def test_the_table_of_compiled_templates_is_current() -> None:
    """render/compiled.json holds every built-in template as its Jinja2 release compiles it."""
    committed, now = json.loads(TABLE.read_text("utf-8")), compiled_table()
    assert {name: e["source"] for name, e in committed.items()} == {
        name: e["source"] for name, e in now.items()
    }, "a template changed since src/scormbuild/render/compiled.json was written: make compiled"
    assert {"module.html", "quiz.html", "moodle-sheet/en.md"} <= set(committed)
    if {e["jinja2"] for e in committed.values()} == {jinja2.__version__}:
        assert committed == now, "make compiled"


def test_code_generated_by_another_jinja2_release_is_not_used() -> None:
    env = make_environment(None)
    table = loader_of(env).compiled
    assert isinstance(table, CompiledTemplates)
    source, _filename, _uptodate = loader_of(env).get_source(env, "figure.html")
    code = make_environment(None).compile("marked {{ 1 + 1 }}", "figure.html", None, raw=True)
    entry = {"source": digest(source), "code": code, "jinja2": "0.0.1"}
    table.table = {"figure.html": entry}
    with pytest.raises(jinja2.UndefinedError):  # compiled from its source: needs its variables
        env.get_template("figure.html").render()
    # The same entry from the installed release is used.
    fresh = make_environment(None)
    ahead = loader_of(fresh).compiled
    assert isinstance(ahead, CompiledTemplates)
    ahead.table = {"figure.html": {**entry, "jinja2": jinja2.__version__}}
    assert fresh.get_template("figure.html").render() == "marked 2"


def loader_of(env: object) -> ThemeLoader:
    loader = getattr(env, "loader", None)
    assert isinstance(loader, ThemeLoader)
    return loader


def test_a_template_is_taken_from_the_table_only_for_the_source_it_was_made_from(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    env = make_environment(None)
    table = loader_of(env).compiled
    assert isinstance(table, CompiledTemplates)
    source, _filename, _uptodate = loader_of(env).get_source(env, "figure.html")
    # Code of another template under figure.html's digest: what renders says which was used.
    other = make_environment(None)
    code = other.compile("marked {{ 1 + 1 }}", "figure.html", None, raw=True)
    table.table = {
        "figure.html": {"source": digest(source), "code": code, "jinja2": jinja2.__version__}
    }
    assert env.get_template("figure.html").render() == "marked 2"
    # A changed template (another digest) is compiled from its source.
    fresh = make_environment(None)
    loader_of(fresh).compiled = CompiledTemplates()
    loader_of(fresh).compiled.table = {  # type: ignore[union-attr]
        "figure.html": {"source": digest(source + " "), "code": code, "jinja2": jinja2.__version__}
    }
    with pytest.raises(jinja2.UndefinedError):  # the real template asks for its variables
        fresh.get_template("figure.html").render()


def test_a_course_with_templates_of_its_own_compiles_every_template(tmp_path: Path) -> None:
    env = make_environment(CourseTemplates(tmp_path / "templates", {"figure.html": "own\n"}))
    assert loader_of(env).compiled is None  # sandboxed: Jinja2 generates other code
    assert loader_of(make_environment(None)).compiled is not None


def test_templates_compiled_ahead_render_as_templates_compiled_now() -> None:
    ahead, now = make_environment(None), make_environment(None)
    loader_of(now).compiled = None
    for name in ("media.html", "base.html", "statement/en.md"):
        a, b = ahead.get_template(name), now.get_template(name)
        assert a.root_render_func.__code__.co_code == b.root_render_func.__code__.co_code
