"""Learner JavaScript and CSS made small for the package.

The runtime stays readable in the repository (comments, JSDoc types, long names, one
statement a line) and ships minified. Scripts go through a real ES5 parser (calmjs.parse):
comments and whitespace go, and the names local to a function (its variables, parameters
and inner functions) become short ones. Nothing else changes: property names, the globals a
script defines or reads (``window.SBState``), strings and the order of statements stay as
written, so the code that runs is the code that was type-checked, renamed the way a scope
allows. The parse also refuses syntax newer than ES5, which the learner's browsers may not
all read. CSS loses comments and whitespace (rcssmin). The learner JS+CSS budget (40 KB for
a course with no blocks, 60 KB with every block) counts what ships.

Parsing costs some 0.4 s of CPU for the runtime's scripts, more than rendering a large
course's pages, and the scripts are the package's own, fixed per release: they are minified
ahead, into ``scormbuild/runtime/minified.json`` (``make minified`` writes it; a test fails
when it is stale), and a build reads them from there (:class:`ShippedScripts`). A script whose
source no longer matches its entry is minified at build time instead, so that a package is
always made of the current code.

A runtime script starts with a header that node (the unit tests) and browsers both read
(``scormbuild.runtime``): ``if (node) module.exports = factory(require(...)); else root.X =
factory(root.Y)``. A package runs in browsers only, so :func:`browser_only` keeps the
browser's half; the rest of the script is untouched.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.resources
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import rcssmin  # type: ignore[import-untyped]
from calmjs.parse import asttypes, es5  # type: ignore[import-untyped]
from calmjs.parse.unparsers.es5 import minify_print  # type: ignore[import-untyped]
from calmjs.parse.walkers import Walker  # type: ignore[import-untyped]

# The minifier the table was written with (for the reader: the build takes the table's text
# whatever version is installed, so that every machine ships the same bytes).
MINIFIER = f"calmjs.parse {importlib.metadata.version('calmjs.parse')} obfuscate drop_semi"
TABLE = "minified.json"  # in scormbuild/runtime/, beside the scripts


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
    printed = minify_print(tree, obfuscate=True, obfuscate_globals=False, drop_semi=True)
    return str(printed).strip() + "\n"


def _unwrap_header(tree: Any) -> None:
    """A runtime script's browser header, ``(function (root, factory) { root.X =
    factory(window, root.Y); })(this, function (win, Y) {...})``, as the call it makes:
    ``this.X = function (win, Y) {...}(window, this.Y)`` (at a script's top level ``this`` is
    the window, and the factory is called the same way). Any other script is left as it is."""
    statements = tree.children()
    call = statements[0].expr if len(statements) == 1 else None
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
# ``this``, a string, and member accesses and calls made on one of those. The type checker's
# casts (``/** @type {X} */ (expr)``) leave such parentheses in the source.
_PRIMARY = (asttypes.Identifier, asttypes.This, asttypes.String, asttypes.Null, asttypes.Boolean)
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
    loose = _loose_null_test(node)
    if loose is not None:
        return loose
    if _guarded_call(node):
        return asttypes.ExprStatement(asttypes.BinOp("&&", node.predicate, node.consequent.expr))
    return node


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


def _tighten(node: Any) -> None:
    """Rewrite the tree under ``node`` into a shorter one that means the same: parentheses
    around what needs none go, ``true``/``false`` become ``!0``/``!1``, ``if (a) f();``
    becomes ``a && f();``, and a ``var``
    statement right after another joins it (``var a=1,b=2``: declarations are hoisted, the
    initialisers still run in order)."""
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


def script_names() -> tuple[str, ...]:
    """Every script a package may ship from ``scormbuild/runtime/``, by its path there: the
    runtime's (``page.js``) and the blocks' (``blocks/tabs.js``)."""
    folder = importlib.resources.files("scormbuild") / "runtime"
    names = [p.name for p in folder.iterdir() if p.name.endswith(".js")]
    names += [f"blocks/{p.name}" for p in (folder / "blocks").iterdir() if p.name.endswith(".js")]
    return tuple(sorted(names))


def script_source(name: str) -> str:
    """The text of script ``name`` that the package ships minified: a runtime script's browser
    half (:func:`browser_only`), a block's script whole."""
    text = (importlib.resources.files("scormbuild") / "runtime" / name).read_text("utf-8")
    return text if name.startswith("blocks/") else browser_only(text)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def minified_table() -> dict[str, Any]:
    """What ``minified.json`` holds: each script's digest (SHA-256 of the source it was
    minified from) and its minified text, by name."""
    scripts = {}
    for name in script_names():
        source = script_source(name)
        scripts[name] = {"source": _digest(source), "code": minify_js(source)}
    return {"minifier": MINIFIER, "scripts": scripts}


def write_table() -> Path:
    """Write ``minified.json`` beside the scripts (in a checkout: into the source tree)."""
    path = Path(str(importlib.resources.files("scormbuild") / "runtime" / TABLE))
    text = json.dumps(minified_table(), ensure_ascii=False, indent=1, sort_keys=True)
    path.write_text(text + "\n", encoding="utf-8")
    return path


class ShippedScripts:
    """The package's scripts as they ship, read from ``minified.json`` by one render."""

    def __init__(self, table: Mapping[str, Any]) -> None:
        self.scripts: Mapping[str, Mapping[str, str]] = table.get("scripts", {})

    @classmethod
    def load(cls) -> ShippedScripts:
        """The table as the package holds it (an empty one if it has none)."""
        path = importlib.resources.files("scormbuild") / "runtime" / TABLE
        try:
            return cls(json.loads(path.read_text("utf-8")))
        except FileNotFoundError:
            return cls({})

    def get(self, name: str) -> str:
        """Script ``name`` (see :func:`script_names`) minified: from the table, or minified now
        when its source has changed since the table was written."""
        source = script_source(name)
        entry = self.scripts.get(name)
        if entry is not None and entry.get("source") == _digest(source):
            return entry["code"]
        return minify_js(source)


def minify_css(text: str) -> str:
    """CSS without comments and needless whitespace, ending with a newline."""
    return str(rcssmin.cssmin(text)).strip() + "\n"


# The node half of a runtime header in the source, up to the browser's ``else``: only
# ``require`` calls and ``window`` are handed to the factory there.
_NODE_HALF_RE = re.compile(
    r'if \(typeof module === "object" && module\.exports\)\s*(\{\s*)?'
    r'module\.exports = factory\((?:\s*(?:window|require\("\./[\w.-]+"\)),?)*\);'
    r"(?(1)\s*\})\s*else "
)


def browser_only(js: str) -> str:
    """A runtime script (its source) without the node half of its header: what browsers run.

    Raises ValueError for a script whose header is not the runtime's, rather than ship it
    half-changed.
    """
    out, found = _NODE_HALF_RE.subn("", js, count=1)
    if found != 1:
        raise ValueError("no node/browser header in the runtime script")
    return out


if __name__ == "__main__":  # make minified
    print(f"wrote {write_table()}")
