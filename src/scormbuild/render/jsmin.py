"""The learner scripts minified: parsed as ES5 (calmjs.parse), rewritten shorter, printed.

Comments and whitespace go, the names local to a function become short ones, and a few
rewrites print the same meaning in fewer characters (:func:`_tighten`); property names, the
globals a script defines or reads, strings and the order of statements stay as written.
:mod:`.minify` calls it only for a script that ``minified.json`` does not hold as it is now.
"""

from __future__ import annotations

import re
from typing import Any

from calmjs.parse import asttypes, es5, rules  # type: ignore[import-untyped]
from calmjs.parse.handlers.core import layout_handler_semicolon  # type: ignore[import-untyped]
from calmjs.parse.lexers.es5 import Lexer  # type: ignore[import-untyped]
from calmjs.parse.ruletypes import EndStatement, OptionalSpace  # type: ignore[import-untyped]
from calmjs.parse.unparsers.es5 import Unparser, minify_print  # type: ignore[import-untyped]
from calmjs.parse.walkers import Walker  # type: ignore[import-untyped]


def minify_js(text: str) -> str:
    """JavaScript without comments and needless whitespace, the names local to its functions
    shortened, ending with a newline. Raises ``calmjs.parse.exceptions.ECMASyntaxError`` for
    a script that is not ES5, and ValueError for one that uses ``eval`` or ``with``, whose
    names are looked up at run time and so cannot be renamed."""
    tree = es5(text)
    if any(Walker().filter(tree, _dynamic_scope)):
        raise ValueError("a script that uses eval or with cannot have its names shortened")
    _unwrap_header(tree)
    _tighten(tree)
    return _printed(tree)


def _printed(tree: Any) -> str:
    """``tree`` printed short, the names local to its functions shortened (calmjs.parse's
    minifying printer, and ``for(a;b;c)`` without the spaces it leaves after each ``;``)."""
    printer = Unparser(
        rules=[
            rules.minify(drop_semi=True),
            rules.obfuscate(
                obfuscate_globals=False,
                shadow_funcname=False,
                reserved_keywords=Lexer.keywords_dict.keys(),
            ),
            lambda: {"layout_handlers": {(EndStatement, OptionalSpace): layout_handler_semicolon}},
        ]
    )
    return "".join(chunk.text for chunk in printer(tree)).strip() + "\n"


def _unwrap_header(tree: Any) -> None:
    """A runtime script's browser header, ``(function (root, factory) { root.X =
    factory(window, root.Y); })(this, function (win, Y) {...})``, as the call it makes:
    ``this.X = function (win, Y) {...}(window, this.Y)`` (at a script's top level ``this`` is
    the window, and the factory is called the same way). Any other script is left as it is."""
    statements = tree.children()
    call = getattr(statements[0], "expr", None) if len(statements) == 1 else None
    if not isinstance(call, asttypes.FunctionCall) or not isinstance(call.args, asttypes.Arguments):
        return
    header = _ungrouped(call.identifier)
    args = [_ungrouped(a) for a in call.args.items]
    if not (
        isinstance(header, asttypes.FuncExpr)
        and len(header.parameters) == 2
        and len(header.elements) == 1
        and isinstance(header.elements[0], asttypes.ExprStatement)
        and len(args) == 2
        and isinstance(args[0], asttypes.This)
        and isinstance(args[1], asttypes.FuncExpr)
    ):
        return
    root, factory = (p.value for p in header.parameters)
    made = header.elements[0].expr
    export = None
    if isinstance(made, asttypes.Assign) and made.op == "=":
        export, made = made.left, made.right
        if not (isinstance(export, asttypes.DotAccessor) and _named(export.node, root)):
            return
    if not (isinstance(made, asttypes.FunctionCall) and _named(made.identifier, factory)):
        return
    given = []
    for arg in made.args.items:
        if isinstance(arg, asttypes.DotAccessor) and _named(arg.node, root):
            arg = asttypes.DotAccessor(asttypes.This(), arg.identifier)
        elif not isinstance(arg, asttypes.Identifier) or arg.value in (root, factory):
            return  # anything but the root's globals and other names: as written
        given.append(arg)
    body = asttypes.FunctionCall(asttypes.GroupingOp(args[1]), asttypes.Arguments(given))
    if export is None:
        statements[0] = asttypes.ExprStatement(body)
    else:
        body.identifier = args[1]  # no statement starts with it: needs no parentheses
        target = asttypes.DotAccessor(asttypes.This(), export.identifier)
        statements[0] = asttypes.ExprStatement(asttypes.Assign("=", target, body))


def _ungrouped(node: Any) -> Any:
    while isinstance(node, asttypes.GroupingOp):
        node = node.expr
    return node


def _named(node: Any, name: str) -> bool:
    return isinstance(node, asttypes.Identifier) and node.value == name


# Expressions that need no parentheses wherever they stand (but as what ``new`` calls): a name,
# ``this``, a string, an array literal, and member accesses and calls made on one of those.
# The type checker's casts (``/** @type {X} */ (expr)``) leave such parentheses in the source.
_PRIMARY = (
    asttypes.Identifier,
    asttypes.This,
    asttypes.String,
    asttypes.Null,
    asttypes.Boolean,
    asttypes.Array,
)
_CHAIN = (asttypes.DotAccessor, asttypes.BracketAccessor, asttypes.FunctionCall)
# What binds tighter than ``!``: a ``!0`` standing for ``true`` must not be the base of these.
_TIGHTER = (*_CHAIN, asttypes.NewExpr, asttypes.PostfixExpr)


def _bare(expr: Any) -> bool:
    """Whether ``expr`` reads the same without parentheses around it (outside ``new``)."""
    while isinstance(expr, _CHAIN):
        expr = expr.identifier if isinstance(expr, asttypes.FunctionCall) else expr.node
    return isinstance(expr, _PRIMARY)


def _tightened(node: Any, parent: Any) -> Any:
    """``node`` as :func:`_tighten` prints it under ``parent``."""
    while (
        isinstance(node, asttypes.GroupingOp)
        and _bare(node.expr)
        and not isinstance(parent, asttypes.NewExpr)
    ):
        node = node.expr
    if isinstance(node, asttypes.Boolean) and not isinstance(parent, _TIGHTER):
        return asttypes.UnaryExpr("!", asttypes.Number("0" if node.value == "true" else "1"))
    _tighten(node)
    if isinstance(node, asttypes.Number):
        return asttypes.Number(_short_number(node.value))
    if isinstance(node, asttypes.BinOp) and node.op in ("===", "!==") and _typeof_test(node):
        return asttypes.BinOp(node.op[:2], node.left, node.right)
    if isinstance(node, (*_LOOPS, asttypes.If)):
        _unbrace(node)
    loose = _loose_null_test(node)
    if loose is not None:
        return loose
    if _guarded_call(node):
        return asttypes.ExprStatement(asttypes.BinOp("&&", node.predicate, node.consequent.expr))
    if _either_expression(node):
        return asttypes.ExprStatement(
            asttypes.Conditional(node.predicate, node.consequent.expr, node.alternative.expr)
        )
    return node


def _short_number(text: str) -> str:
    """A whole number with three zeros or more at its end in exponent form (``1000`` ->
    ``1e3``); any other number as written."""
    match = re.fullmatch(r"([1-9][0-9]*?)(000+)", text)
    return f"{match[1]}e{len(match[2])}" if match else text


def _typeof_test(node: Any) -> bool:
    """Whether ``node`` compares ``typeof x`` with a string: both sides are strings, so
    ``==`` means what ``===`` does."""
    sides = (node.left, node.right)
    return any(isinstance(n, asttypes.UnaryExpr) and n.op == "typeof" for n in sides) and any(
        isinstance(n, asttypes.String) for n in sides
    )


_LOOPS = (asttypes.For, asttypes.ForIn, asttypes.While)
# Statements that may end in an ``if`` without ``else``: as the only statement of the braces
# before an ``else`` they would take that ``else`` as their own.
_OPEN_ENDED = (*_LOOPS, asttypes.If, asttypes.Label, asttypes.With)


def _unbrace(node: Any) -> None:
    """The body of a loop or ``if`` without the braces it does not need: ``if(a){b()}`` as
    ``if(a)b();``. Braces stay around a function
    declaration, and before an ``else`` around a statement that could take it."""
    keys = ["consequent", "alternative"] if isinstance(node, asttypes.If) else ["statement"]
    for key in keys:
        body = getattr(node, key)
        if not isinstance(body, asttypes.Block):
            continue
        inner = body.children()
        if len(inner) == 1 and not isinstance(inner[0], asttypes.FuncDecl):
            before_else = key == "consequent" and node.alternative is not None
            if not (before_else and isinstance(inner[0], _OPEN_ENDED)):
                setattr(node, key, inner[0])


def _loose_null_test(node: Any) -> Any:
    """``x === null || x === undefined`` as ``x == null`` (and ``x !== null && x !==
    undefined`` as ``x != null``), which means just that, for an ``x`` read twice without
    effects (a name or a member of one); None for anything else."""
    strict, loose = {"||": ("===", "=="), "&&": ("!==", "!=")}.get(
        getattr(node, "op", ""), ("", "")
    )
    if not (strict and isinstance(node, asttypes.BinOp)):
        return None
    left, right = node.left, node.right
    if not (
        isinstance(left, asttypes.BinOp)
        and isinstance(right, asttypes.BinOp)
        and left.op == right.op == strict
        and isinstance(left.right, asttypes.Null)
        and _named(right.right, "undefined")
        and _plain(left.left)
        and str(minify_print(left.left)) == str(minify_print(right.left))
    ):
        return None
    return asttypes.BinOp(loose, left.left, left.right)


def _plain(expr: Any) -> bool:
    """Whether reading ``expr`` has no effect: a name, or a member of one by name, number or
    another such expression."""
    if isinstance(expr, asttypes.DotAccessor):
        return _plain(expr.node)
    if isinstance(expr, asttypes.BracketAccessor):
        key = expr.expr
        return _plain(expr.node) and (
            isinstance(key, (asttypes.Number, asttypes.String)) or _plain(key)
        )
    return isinstance(expr, (asttypes.Identifier, asttypes.This))


def _guarded_call(node: Any) -> bool:
    """Whether ``node`` is ``if (test) call();`` whose test binds at least as tightly as
    ``&&`` (so that ``test && call();`` needs no parentheses and means the same)."""
    return (
        isinstance(node, asttypes.If)
        and node.alternative is None
        and isinstance(node.consequent, asttypes.ExprStatement)
        and isinstance(node.consequent.expr, asttypes.FunctionCall)
        and not isinstance(node.predicate, (asttypes.Conditional, asttypes.Assign, asttypes.Comma))
        and not (isinstance(node.predicate, asttypes.BinOp) and node.predicate.op == "||")
    )


def _either_expression(node: Any) -> bool:
    """Whether ``node`` is ``if (test) a; else b;`` of two expressions, neither a comma list,
    whose test binds more tightly than ``?:`` (so that ``test ? a : b;`` means the same)."""
    return (
        isinstance(node, asttypes.If)
        and all(
            isinstance(branch, asttypes.ExprStatement)
            and not isinstance(branch.expr, asttypes.Comma)
            for branch in (node.consequent, node.alternative)
        )
        and not isinstance(node.predicate, (asttypes.Conditional, asttypes.Assign, asttypes.Comma))
        and _statement_may_start_with(node.predicate)
    )


def _statement_may_start_with(expr: Any) -> bool:
    """Whether a statement may start with ``expr``: not with a function or an object literal
    (a declaration or a block would be read there)."""
    while True:
        if isinstance(expr, asttypes.FunctionCall):
            expr = expr.identifier
        elif isinstance(expr, (asttypes.DotAccessor, asttypes.BracketAccessor)):
            expr = expr.node
        elif isinstance(expr, asttypes.BinOp):
            expr = expr.left
        elif isinstance(expr, asttypes.PostfixExpr):
            expr = expr.value
        else:
            return not isinstance(expr, (asttypes.FuncExpr, asttypes.Object))


def _tighten(node: Any) -> None:
    """Rewrite the tree under ``node`` into a shorter one that means the same: parentheses
    around what needs none go, and braces around the one statement of an ``if`` or a loop
    (where no ``else`` could change owner); ``true``/``false`` become ``!0``/``!1``, ``1000``
    ``1e3``, ``typeof x === "s"`` ``typeof x == "s"``; ``if (a) f();`` becomes ``a && f();``
    and ``if (a) f(); else g();`` ``a ? f() : g();``; and a ``var`` statement right after
    another joins it (``var a=1,b=2``: declarations are hoisted, the initialisers still run
    in order)."""
    for key, value in vars(node).items():
        if isinstance(value, asttypes.Node):
            setattr(node, key, _tightened(value, node))
        elif isinstance(value, list) and key != "_token_map":
            value[:] = _joined(
                [_tightened(v, node) if isinstance(v, asttypes.Node) else v for v in value]
            )


def _joined(statements: list[Any]) -> list[Any]:
    out: list[Any] = []
    for statement in statements:
        if (
            isinstance(statement, asttypes.VarStatement)
            and out
            and isinstance(out[-1], asttypes.VarStatement)
        ):
            out[-1].children().extend(statement.children())
        else:
            out.append(statement)
    return out


def _dynamic_scope(node: Any) -> bool:
    return isinstance(node, asttypes.With) or (
        isinstance(node, asttypes.Identifier) and node.value == "eval"
    )
