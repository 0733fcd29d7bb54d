"""What the built-in theme's templates do most, done without Jinja2's general machinery.

Only for the environment of the built-in theme (:func:`scormbuild.render.theme.make_environment`
without a course's own templates, which are rendered sandboxed): escaping each piece of output,
marking text safe, and calling the catalog ``t``. Each gives what Jinja2's own way gives.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import jinja2
import markupsafe
from markupsafe import Markup

from scormbuild.strings import Catalog

# markupsafe 3's C function behind escape(), which gives the escaped text as a plain str;
# markupsafe 2's escape() is C code itself.
_escape_str: Callable[[str], str] = getattr(markupsafe, "_escape_inner", markupsafe.escape)


def markup(html: str) -> Markup:
    """``Markup(html)`` for a str: without the constructor written in Python, which looks for
    ``__html__`` first (a str has none)."""
    return str.__new__(Markup, html)


def mark_safe(value: Any, /) -> Markup:
    """Jinja2's ``safe`` filter (``Markup(value)``), a str marked without the constructor."""
    return str.__new__(Markup, value) if type(value) is str else Markup(value)


def escape_output(value: Any, /) -> str:
    """What ``markupsafe.escape`` gives for a template's ``{{ value }}``, as the same text.

    A template's output pieces are only joined into one string, so the :class:`Markup`
    around each (made by a constructor written in Python) bought nothing: it was a tenth of
    rendering a module page."""
    kind = type(value)
    if kind is str:
        return _escape_str(value)
    if kind is Markup:
        return cast(str, value)
    if kind is int:  # digits and a sign: nothing to escape
        return str(value)
    return markupsafe.escape(value)


class ThemeContext(jinja2.runtime.Context):
    """A template context that calls the catalog directly.

    ``Context.call`` first asks the callable (and its ``__call__``) whether it wants the
    context passed, through attribute lookups that fail: seven times the cost of the call
    itself, and a large course's pages make some 2,600 calls of ``t``. A catalog wants none.
    """

    def call(
        # Jinja2's own names: the callable's keywords may be "self" or "obj".
        __self,
        __obj: Callable[..., Any],
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        if type(__obj) is not Catalog:
            return super().call(__obj, *args, **kwargs)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:  # as Context.call answers it
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )
