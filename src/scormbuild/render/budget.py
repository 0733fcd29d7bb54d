"""Course templates under a budget: a bounded number of steps, and texts of bounded size.

A course's own templates come from whoever wrote the course. The sandbox keeps them away from
Python's internals; the budget keeps them from running long or growing without bound: nested
loops over ``range()``, a macro that calls itself twice, a string doubled in a loop, a filter
asked for a width of a billion. Every turn of a loop and every call is a step, and one render
(a page, with everything it includes) may take :data:`~scormbuild.limits.TEMPLATE_STEPS` of
them. Every text a template makes (an operator, a filter, a call, a ``~`` join, a block's
output) may hold :data:`~scormbuild.limits.TEMPLATE_CHARS` at most, every list
:data:`~scormbuild.limits.TEMPLATE_ITEMS`, and numbers stay below a size where arithmetic on
them takes long. Going over raises
:class:`TemplateBudgetError`, which :mod:`scormbuild.render.theme` reports at the line of the
course template. The count of steps does not depend on the machine: a course that builds on
one builds on every other.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable
from types import FrameType
from typing import Any

import jinja2
from jinja2.compiler import CodeGenerator, Frame
from jinja2.nodes import Concat, Node
from jinja2.sandbox import SandboxedEnvironment

from scormbuild.limits import MB, TEMPLATE_CHARS, TEMPLATE_ITEMS, TEMPLATE_STEPS

INT_BITS = 64 * 1024  # a number in a template: some 20,000 digits at most
# Filters and string methods whose numbers are widths or counts: the text is made that large.
WIDTHS = frozenset({"center", "indent", "batch", "ljust", "rjust", "zfill", "expandtabs"})
FORMATS = frozenset({"format", "%"})  # a width inside the format string itself
TOO_LARGE = f"the template makes a text of more than {TEMPLATE_CHARS // MB} million characters"
TOO_MANY = f"the template makes a list of more than {TEMPLATE_ITEMS:,} items"
TOO_BIG = "the template makes a number too large to compute with"
TEXTS = (str, bytes)
COLLECTIONS = (list, tuple, dict, set)


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class TemplateBudgetError(jinja2.TemplateRuntimeError):
    """A course template went over its budget of steps or of text size.

    ``where`` is the template file and line of the last step, for an error raised where no
    template code is on the stack (a page's output put together after its template ran).
    """

    def __init__(self, message: str, where: tuple[str, int] | None = None) -> None:
        super().__init__(message)
        self.where = where


class _BudgetedCode(CodeGenerator):
    """Jinja2's code generator, with a step at the top of every loop body and every ``~``
    join's size checked."""

    def writeline(self, x: str, node: Node | None = None, extra: int = 0) -> None:
        if x == "if ":  # an {% if %}, and the test of a loop's "if" that skips items
            super().writeline("environment.step()", node, extra)
        super().writeline(x, node, extra)
        if x == "_loop_vars = {}":  # the first line of every loop body
            super().writeline("environment.step()")

    def visit_Concat(self, node: Concat, frame: Frame) -> None:
        self.write("environment.sized(")
        super().visit_Concat(node, frame)
        self.write(")")


class BudgetedTemplate(jinja2.Template):
    """A template whose every render starts with a full budget of steps."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        environment = self.environment
        assert isinstance(environment, CourseSandbox)
        environment.steps = 0
        try:
            return super().render(*args, **kwargs)
        finally:
            environment.last = None  # a frame: its locals are let go


class CourseSandbox(SandboxedEnvironment):
    """The sandbox for a course's own templates, with the budget of this module."""

    code_generator_class = _BudgetedCode
    template_class = BudgetedTemplate
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.steps = 0
        self.last: FrameType | None = None  # the template code that took the last step
        self.concat = self._concat  # type: ignore[method-assign]
        self.filters = {name: self._budgeted(name, f) for name, f in self.filters.items()}
        self.globals.pop("lipsum", None)  # paragraphs by the thousand, for no course's use

    def step(self) -> None:
        """One turn of a loop, or one call: refused past the budget."""
        self.steps += 1
        self.last = sys._getframe(1)
        if self.steps > TEMPLATE_STEPS:
            raise TemplateBudgetError(
                f"the template takes more than {TEMPLATE_STEPS:,} steps (turns of its loops "
                "and calls): it would run too long"
            )

    def sized(self, value: Any) -> Any:
        """``value``, refused when it is a text or a collection larger than the budget, or a
        number too large to compute with."""
        if isinstance(value, TEXTS):
            if len(value) > TEMPLATE_CHARS:
                raise TemplateBudgetError(TOO_LARGE)
        elif isinstance(value, COLLECTIONS):
            if len(value) > TEMPLATE_ITEMS:
                raise TemplateBudgetError(TOO_MANY)
        elif isinstance(value, int) and value.bit_length() > INT_BITS:
            raise TemplateBudgetError(TOO_BIG)
        return value

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        """``*``, ``**``, ``+`` and ``%``: refused before they make something too large.

        ``+`` at most doubles what is already within the budget: its result is checked.
        """
        if operator == "*":
            self._repeat(left, right)
        elif operator == "**":
            if _whole(left) and _whole(right) and abs(left) > 1 and right > 0:
                self._bits(left.bit_length() * right)
        elif operator == "%" and isinstance(left, str):
            self._format(left, right)
        return self.sized(super().call_binop(context, operator, left, right))

    def _repeat(self, left: Any, right: Any) -> None:
        if _whole(left) and _whole(right):
            self._bits(left.bit_length() + right.bit_length())
            return
        if _whole(left):
            left, right = right, left
        if not _whole(right) or right <= 0:
            return
        if isinstance(left, TEXTS):
            self._size(len(left) * right)
        elif isinstance(left, COLLECTIONS):
            self._items(len(left) * right)

    def _size(self, n: int) -> None:
        if n > TEMPLATE_CHARS:
            raise TemplateBudgetError(TOO_LARGE)

    def _items(self, n: int) -> None:
        if n > TEMPLATE_ITEMS:
            raise TemplateBudgetError(TOO_MANY)

    def _bits(self, n: int) -> None:
        if n > INT_BITS:
            raise TemplateBudgetError(TOO_BIG)

    def _format(self, text: str, args: Any) -> None:
        """A format string with a width or precision of eight digits or more, or ``*``
        given a large number, would make a text that large."""
        digits = 0
        for char in text:
            digits = digits + 1 if char.isdigit() else 0
            if digits >= 8:
                self._size(TEMPLATE_CHARS + 1)
        values = args if isinstance(args, tuple) else (args,)
        if "*" in text and any(isinstance(v, int) and v > TEMPLATE_CHARS for v in values):
            self._size(TEMPLATE_CHARS + 1)

    def _widths(self, name: str, args: Iterable[Any]) -> None:
        if name in WIDTHS:
            check = self._items if name == "batch" else self._size
            for value in args:
                if isinstance(value, int) and not isinstance(value, bool):
                    check(value)
        elif name in FORMATS:
            values = list(args)
            if values and isinstance(values[0], str):
                self._format(values[0], tuple(values[1:]))
        elif name == "replace":
            values = list(args)
            if len(values) >= 3 and all(isinstance(v, str) for v in values[:3]):
                text, old, new = values[:3]
                count = text.count(old) if old else len(text) + 1
                self._size(len(text) + count * max(len(new) - len(old), 0))

    def _budgeted(self, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)  # keeps Jinja2's pass_context & co.
        def budgeted(*args: Any, **kwargs: Any) -> Any:
            self.step()
            self._widths(name, [*args, *kwargs.values()])
            return self.sized(func(*args, **kwargs))

        return budgeted

    # Jinja2's own signature: the double underscores keep the names free for keyword arguments.
    def call(
        __self,
        __context: jinja2.runtime.Context,
        __obj: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        """A call from the template: a step, its widths checked, its result's size too; a
        method that grows its own list or dict is checked afterwards."""
        __self.step()
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str):
            __self._widths(getattr(__obj, "__name__", ""), [owner, *args, *kwargs.values()])
        elif isinstance(owner, list | dict | set):  # l.extend(l) in a loop doubles it
            __self._items(len(owner) + sum(len(a) for a in args if hasattr(a, "__len__")))
        result = __self.sized(super().call(__context, __obj, *args, **kwargs))
        if isinstance(owner, list | dict | set):
            __self.sized(owner)
        return result

    def _concat(self, parts: Iterable[str]) -> str:
        """A page's or a block's output, refused as soon as it grows past the budget."""
        out, total = [], 0
        for part in parts:
            total += len(part)
            if total > TEMPLATE_CHARS:
                raise TemplateBudgetError(
                    f"the template writes more than {TEMPLATE_CHARS // MB} million characters",
                    self._last_line(),
                )
            out.append(part)
        return "".join(out)

    def _last_line(self) -> tuple[str, int] | None:
        if self.last is None:
            return None
        template = self.last.f_globals.get("__jinja_template__")
        if template is None or not template.filename:
            return None
        return template.filename, template.get_corresponding_lineno(self.last.f_lineno)


__all__ = ["BudgetedTemplate", "CourseSandbox", "TemplateBudgetError"]
