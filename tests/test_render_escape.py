"""The escaping of the built-in theme's template output: the text markupsafe gives."""

from __future__ import annotations

from typing import Any

import jinja2
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup, escape

from scormbuild.render.fastpath import ThemeContext, escape_output, mark_safe, markup
from scormbuild.render.theme import CompiledTemplates, ThemeLoader, make_environment
from scormbuild.strings import Catalog


class Html:
    def __init__(self, text: str) -> None:
        self.text = text

    def __html__(self) -> str:
        return self.text


values = st.one_of(
    st.text(),
    st.text().map(Markup),
    st.text().map(escape),
    st.integers(),
    st.booleans(),
    st.floats(),
    st.none(),
    st.text().map(Html),
    st.lists(st.text(), max_size=3),
)


@given(values)
def test_escape_output_is_the_text_of_markupsafe_escape(value: Any) -> None:
    assert escape_output(value) == str(escape(value))


@given(st.lists(values, max_size=6))
def test_a_template_the_theme_loads_renders_as_with_markupsafe_escape(parts: list[Any]) -> None:
    env = make_environment(None)
    source = (
        "{% macro m(x) %}[{{ x }}]{% endmacro %}{% set s %}{{ parts | length }}{% endset %}"
        "{% for p in parts %}<{{ p }}|{{ m(p) }}|{{ p ~ s }}>{% endfor %}{{ s }}"
    )
    loader = ThemeLoader([], CompiledTemplates())
    loader.get_source = lambda _env, _name: (source, "t.html", lambda: True)  # type: ignore[method-assign]
    fast = loader.load(env, "t.html")
    assert fast.root_render_func.__globals__["escape"] is escape_output
    assert fast.render(parts=parts) == env.from_string(source).render(parts=parts)


def test_the_built_in_context_calls_the_catalog_as_jinja2_does() -> None:
    source = (
        "{% for i in [1, 2.5] %}{{ t('points', n=i) }}|{% endfor %}{{ t('answer') }}"
        "{% macro m() %}{{ t('hint') }}{% endmacro %}{{ m() }}{{ t('no such key') }}"
    )
    fast, plain = make_environment(None), make_environment(None)
    assert fast.context_class is ThemeContext
    plain.context_class = jinja2.runtime.Context
    assert fast.from_string(source).render() == plain.from_string(source).render()
    assert make_environment(None).from_string("{{ f(1) }}").render(f=lambda n: n + 1) == "2"


def test_a_catalog_that_raises_stop_iteration_is_undefined_as_with_jinja2() -> None:
    class Stopping(Catalog):
        def __call__(self, key: str, **values: object) -> str:
            raise StopIteration

    env = make_environment(None)
    env.globals["t"] = Catalog("en")
    context = env.from_string("").new_context({})
    assert isinstance(ThemeContext.call(context, Stopping("en"), "x"), jinja2.Undefined)
    env.globals["t"] = Stopping("en")
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ t('x') }}").render()


@given(values)
def test_the_safe_filter_is_jinja2s(value: Any) -> None:
    made, expected = mark_safe(value), jinja2.filters.do_mark_safe(value)
    assert made == expected and type(made) is type(expected) is Markup
    assert make_environment(None).filters["safe"] is mark_safe
    if isinstance(value, str):
        assert markup(value) == Markup(value) and type(markup(value)) is Markup
