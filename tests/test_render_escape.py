"""The escaping of the built-in theme's template output: the text markupsafe gives."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup, escape

from scormbuild.render.theme import CompiledTemplates, ThemeLoader, escape_output, make_environment


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
