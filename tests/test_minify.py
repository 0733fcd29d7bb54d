"""Minifying the learner code: what changes, what stays, and the scripts minified ahead.

The scripts ship as terser minified them ahead (runtime/minified.json); a script changed since
is minified at build time by the pure-Python minifier (render/jsmin.py, ES5), which most of
these tests hold to its source's meaning."""

from __future__ import annotations

import hashlib
import importlib.resources
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from calmjs.parse import asttypes, es5  # type: ignore[import-untyped]
from calmjs.parse.exceptions import ECMASyntaxError  # type: ignore[import-untyped]
from calmjs.parse.walkers import Walker  # type: ignore[import-untyped]

from scormbuild.render import minify
from scormbuild.render.minify import (
    ShippedScripts,
    fold_custom_properties,
    minify_css,
    minify_js,
)
from scormbuild.render.pages import render_course
from scormbuild.render.theme import make_environment
from tests.course_samples import no_blocks_course

COURSE = Path(__file__).parent.parent / "course"


def test_minify_keeps_code_and_shortens_local_names_only() -> None:
    src = (
        "/* a\n * b */\nvar total = 1; // drop\nwindow.SBX = (function (root) {\n"
        '  "use strict";\n  // drop\n'
        '  function count(items) { var seen = items.length; return seen + " items"; }\n'
        "  return { count: count, root: root.total };\n})(/** @type {any} */ (this));\n"
    )
    # Globals, properties and strings keep their names; a function's own names are short.
    assert minify_js(src) == (
        'var total=1;window.SBX=(function(b){"use strict";function a(c){var b=c.length;'
        'return b+" items"}return{count:a,root:b.total}})(this)\n'
    )


def test_minify_tests_for_null_or_undefined_with_loose_equality() -> None:
    src = (
        "var a = x.y[0] === null || x.y[0] === undefined, b = z !== null && z !== undefined;\n"
        "var c = f() === null || f() === undefined, d = x === null || y === undefined;\n"
    )
    assert minify_js(src) == (
        "var a=x.y[0]==null,b=z!=null,c=f()===null||f()===undefined,d=x===null||y===undefined\n"
    )


def test_minify_writes_an_if_that_only_calls_as_and() -> None:
    src = (
        "if (a || b) f();\nif (!a) g();\nif (a && b) h.k();\nif (c) f(); else g();\nif (a) b = 1;\n"
    )
    assert minify_js(src) == "if(a||b)f();!a&&g();a&&b&&h.k();c?f():g();if(a)b=1\n"


def test_minify_writes_an_if_else_of_two_expressions_as_a_conditional() -> None:
    src = (
        "if (a) f(); else g();\nif (a || b) { x = 1; } else { y = 2; }\n"
        "if (a) f(); else if (b) g(); else h();\n"
        "if (x = a) f(); else g();\nif (a) f(), g(); else h();\n"
    )
    assert minify_js(src) == (
        "a?f():g();a||b?x=1:y=2;a?f():b?g():h();if(x=a)f();else g();if(a)f(),g();else h()\n"
    )


def test_minify_drops_braces_only_where_they_change_nothing() -> None:
    src = (
        "if (a) { x = 1; }\nwhile (a) { a--; }\nfor (var i = 0; i < 3; i++) { f(i); }\n"
        "if (a) { if (b) x = 1; } else y = 2;\nif (a) { for (;;) if (b) x = 1; } else y = 2;\n"
        "if (a) { function f() {} }\nwhile (a) {}\n"
    )
    assert minify_js(src) == (
        "if(a)x=1;while(a)a--;for(var i=0;i<3;i++)f(i);if(a){if(b)x=1}else y=2;"
        "if(a){for(;;)if(b)x=1}else y=2;if(a){function f(){}}while(a){}\n"
    )


def test_minify_writes_numbers_and_typeof_tests_short() -> None:
    src = 'var a = 1000 + 30000 + 1500 + 0x1000 + 2.5, b = typeof x === "string", c = y === "s";\n'
    assert minify_js(src) == 'var a=1e3+3e4+1500+0x1000+2.5,b=typeof x=="string",c=y==="s"\n'


def test_minify_drops_only_parentheses_that_change_nothing() -> None:
    src = (
        "var a = (this);\nvar b = (x.y)(z), c = new (f())(), d = (1).toString(), e = -(a + b) * c;"
        "\nvar f = (true).valueOf(), g = !(x.y), h = (function () { return (a); })(), i = ({}).k;\n"
        "var j = [(true), (false)], k = typeof (x), m = ([]).concat(a);\nx();\nvar l;\n"
    )
    assert minify_js(src) == (
        "var a=this,b=x.y(z),c=new (f())(),d=(1).toString(),e=-(a+b)*c,f=true.valueOf(),"
        "g=!x.y,h=(function(){return a})(),i=({}).k,j=[!0,!1],k=typeof x,m=[].concat(a);x();var l\n"
    )


def _null_test(node: Any) -> list[str] | None:
    """``x == null`` and ``x === null || x === undefined`` alike (and their negations), as
    ["NullTest", "==" or "!=", x's shape]; None for anything else."""
    if not isinstance(node, asttypes.BinOp):
        return None
    if node.op in ("==", "!=") and isinstance(node.right, asttypes.Null):
        return ["NullTest", node.op, *_shape(node.left)]
    strict = {"||": "===", "&&": "!=="}.get(node.op)
    left, right = node.left, node.right
    if (
        strict
        and isinstance(left, asttypes.BinOp)
        and isinstance(right, asttypes.BinOp)
        and left.op == right.op == strict
        and isinstance(left.right, asttypes.Null)
        and isinstance(right.right, asttypes.Identifier)
        and right.right.value == "undefined"
        and _shape(left.left) == _shape(right.left)
    ):
        return ["NullTest", strict[:-1], *_shape(left.left)]
    return None


def _shape(node: Any) -> list[str]:
    """The tree under ``node`` as a list of node kinds and literal values, without its
    parentheses, with ``!0``/``!1`` read as the booleans they are, numbers by their value
    (``1e3`` is ``1000``), ``a && f();`` and ``a ? f() : g();`` as the ``if`` statements they
    stand for, the body of an ``if`` or a loop alike with or without braces, and each
    declaration without the ``var`` statement it is in (two in a row may have become one)."""
    if isinstance(node, asttypes.GroupingOp):
        return _shape(node.expr)
    if isinstance(node, asttypes.UnaryExpr) and node.op == "!":
        digit = node.value.value if isinstance(node.value, asttypes.Number) else None
        if digit in ("0", "1"):
            return ["Boolean", "true" if digit == "0" else "false"]
    null_test = _null_test(node)
    if null_test is not None:
        return null_test
    if isinstance(node, asttypes.ExprStatement) and isinstance(node.expr, asttypes.BinOp):
        test, call = node.expr.left, node.expr.right
        if node.expr.op == "&&" and isinstance(call, asttypes.FunctionCall):
            return ["If", *_shape(test), *_body(asttypes.ExprStatement(call))]
    if isinstance(node, asttypes.ExprStatement) and isinstance(node.expr, asttypes.Conditional):
        either = node.expr
        return [
            "If",
            *_shape(either.predicate),
            *_body(asttypes.ExprStatement(either.consequent)),
            "else",
            *_body(asttypes.ExprStatement(either.alternative)),
        ]
    if isinstance(node, asttypes.If):
        otherwise = ["else", *_body(node.alternative)] if node.alternative is not None else []
        return ["If", *_shape(node.predicate), *_body(node.consequent), *otherwise]
    if isinstance(node, (asttypes.For, asttypes.ForIn, asttypes.While)):
        parts = [c for c in node.children()[:-1] if c]
        return [type(node).__name__, *[p for c in parts for p in _shape(c)], *_body(node.statement)]
    if isinstance(node, asttypes.Number):
        text = node.value
        return ["Number", repr(int(text, 16) if text.lower().startswith("0x") else float(text))]
    kind = [] if isinstance(node, asttypes.VarStatement) else [type(node).__name__]
    if isinstance(node, (asttypes.Boolean, asttypes.String, asttypes.PropIdentifier)):
        kind.append(node.value)  # property names are never shortened
    return kind + [part for child in node.children() if child for part in _shape(child)]


def _body(node: Any) -> list[str]:
    """The statement an ``if`` or a loop runs, braced or not."""
    statements = node.children() if isinstance(node, asttypes.Block) else [node]
    return ["{", *[part for s in statements for part in _shape(s)], "}"]


def _factory(tree: Any) -> Any:
    """The outermost function of a script that says "use strict": its factory."""
    return next(
        node
        for node in Walker().filter(tree, lambda n: isinstance(n, asttypes.FuncExpr))
        if node.elements and getattr(node.elements[0].children()[0], "value", "") == '"use strict"'
    )


@pytest.mark.parametrize("name", minify.script_names())
def test_a_script_minified_at_build_time_means_what_its_source_says(name: str) -> None:
    """Every runtime script, minified by the build's own minifier (for a script changed since
    the table), parses into its source's tree: the same statements and expressions in the same
    nesting, only without the parentheses and braces that changed
    nothing and with the declarations of ``var`` statements in a row in one, ``if (a) f();``
    written ``a && f();``, ``if (a) f(); else g();`` written ``a ? f() : g();``."""
    source = es5(minify.script_source(name))
    shipped = es5(minify_js(minify.script_source(name)))
    assert _shape(_factory(shipped)) == _shape(_factory(source))


def test_a_runtime_header_becomes_the_call_it_makes() -> None:
    header = "(function (root, factory) {{ {} }})(/** @type {{any}} */ (this), {});\n"
    factory = 'function (win, Y) { "use strict"; return { y: Y, w: win }; }'
    exported = header.format("root.X = factory(window, root.Y);", factory)
    assert minify_js(exported) == (
        'this.X=function(a,b){"use strict";return{y:b,w:a}}(window,this.Y)\n'
    )
    run = header.format("factory(window, root.Y);", factory)
    assert minify_js(run) == '(function(a,b){"use strict";return{y:b,w:a}})(window,this.Y)\n'
    other = header.format("root.X = factory(root);", factory)  # not the runtime's header
    assert minify_js(other).startswith("(function(a,b){a.X=b(a)})(this,")


def test_minify_refuses_syntax_newer_than_es5() -> None:
    with pytest.raises(ECMASyntaxError):
        minify_js("let x = () => 1;\n")


@pytest.mark.parametrize(
    "script",
    [
        'function f(longName) { return eval("longName"); }\n',
        "function g(box, longName) { with (box) { return longName; } }\n",
    ],
)
def test_minify_refuses_a_script_whose_names_are_looked_up_at_run_time(script: str) -> None:
    with pytest.raises(ValueError, match="eval or with"):
        minify_js(script)


def test_minify_css_keeps_rules() -> None:
    css = "/* a */\n.a :focus, .b > .c {\n  margin: 0 calc(1rem + 2px);\n}\n"
    assert minify_css(css) == ".a :focus,.b>.c{margin:0 calc(1rem + 2px)}\n"


def test_custom_properties_that_nothing_changes_are_read_in_place() -> None:
    css = minify_css(
        ":root { color-scheme: light dark; --s4: 1rem; --ink: #111; --wide: var(--s4);"
        " --pad: .5rem; --gap: 2px; --r: 3px; --url: url('a;b'); }\n"
        "@media (prefers-color-scheme: dark) { :root { --ink: #eee; } }\n"
        "p { margin: var(--s4) 0; color: var(--ink); width: var(--wide); padding: var(--pad); }\n"
        "a { gap: var(--gap, 3px); border-radius: var(--r); background: var(--url); }\n"
    )
    block = ".tabs { --pad: 1rem; border-radius: var(--r); }\n"  # another stylesheet's
    assert fold_custom_properties(css, [block]) == (
        # --url goes: read in place, nothing reads it any more; --s4 stays: --wide reads it
        ":root{color-scheme:light dark;--s4:1rem;--ink:#111;--wide:var(--s4);--pad:.5rem;"
        "--gap:2px;--r:3px}"
        "@media (prefers-color-scheme:dark){:root{--ink:#eee}}"
        "p{margin:1rem 0;color:var(--ink);width:var(--wide);padding:var(--pad)}"
        "a{gap:var(--gap,3px);border-radius:3px;background:url('a;b')}\n"
    )
    alone = fold_custom_properties(css.replace("--wide:var(--s4)", "--wide:2rem"), [])
    # without the block, --pad and --r are constant too, and nothing else reads them
    assert alone.startswith(":root{color-scheme:light dark;--ink:#111;--gap:2px}@media")
    assert "width:2rem;padding:.5rem" in alone
    assert fold_custom_properties("p{margin:var(--s4)}", []) == "p{margin:var(--s4)}"


def test_the_theme_ships_its_scales_in_place_and_its_colours_as_properties() -> None:
    """The theme's scales (spacing, type, radius) are read in place in the shipped theme.css
    and, where no other stylesheet reads them, not declared; the colours, which dark mode and
    print change, and the brand's and the font's, which brand.css sets, stay properties."""
    out = render_course(no_blocks_course(), make_environment(None))
    theme = next(f.data or b"" for f in out if f.path == "scormbuild/theme.css").decode()
    for kept in ("var(--sb-text)", "var(--sb-bg)", "var(--sb-brand)", "var(--sb-font)"):
        assert kept in theme
    assert "--sb-text:#1b1b1b" in theme and "--sb-system-font:" in theme  # brand.css reads it
    assert "var(--sb-s4)" not in theme and "--sb-s4:" not in theme and "margin:0 0 1rem" in theme
    # dragdrop.css, which the course ships, reads the radius: it stays declared
    assert "--sb-radius:.375rem" in theme and "var(--sb-radius)" not in theme


def _committed_table() -> dict[str, Any]:
    table = importlib.resources.files("scormbuild") / "runtime" / minify.TABLE
    committed: dict[str, Any] = json.loads(table.read_text(encoding="utf-8"))
    return committed


def test_the_table_of_minified_scripts_is_current() -> None:
    """runtime/minified.json holds every script as the pinned terser minifies its source now,
    and names that terser and its options."""
    committed, now = _committed_table(), minify.minified_table()
    assert committed["scripts"] == now["scripts"], (
        "a script changed since src/scormbuild/runtime/minified.json was written: make minified"
    )
    assert committed["minifier"] == now["minifier"]
    assert now["minifier"].startswith("terser 5.")


def test_a_changed_script_makes_the_table_stale() -> None:
    name = "core.js"
    entry = _committed_table()["scripts"][name]
    assert entry["source"] == hashlib.sha256(minify.script_source(name).encode()).hexdigest()
    changed = minify.script_source(name).replace('"0"', '"00"')
    assert hashlib.sha256(changed.encode()).hexdigest() != entry["source"]


_NODE_CHECK = """
const vm = require("node:vm");
const scripts = JSON.parse(require("node:fs").readFileSync(0, "utf-8"));
for (const [name, code] of Object.entries(scripts)) {
  try { new vm.Script(code, { filename: name }); }
  catch (e) { console.log(name + ": " + e.message); process.exitCode = 1; }
}
"""


def test_every_shipped_script_parses_as_javascript() -> None:
    """node (a browser's engine) compiles every script of the table as a classic script; a
    script broken on purpose is refused, so the check can fail."""
    scripts = {name: e["code"] for name, e in _committed_table()["scripts"].items()}
    broken = {"broken.js": scripts["core.js"][:-10]}
    for table, fails in ((scripts, False), (broken, True)):
        done = subprocess.run(
            ["node", "-e", _NODE_CHECK], input=json.dumps(table), capture_output=True,
            text=True, check=False,
        )  # fmt: skip
        assert (done.returncode != 0) is fails, done.stdout + done.stderr


_GLOBAL_RE = re.compile(r"\bSB[A-Z]\w*")


@pytest.mark.parametrize("name", minify.script_names())
def test_a_shipped_script_keeps_the_names_other_code_sees(name: str) -> None:
    """terser renames local names only: each shipped script names the same runtime globals
    (SBState, SBQuiz, ...) as its source, and holds every string of it that names a property,
    a class, an attribute or an event (terser may join or requote other strings)."""
    source = minify.script_source(name)
    shipped = _committed_table()["scripts"][name]["code"]
    assert set(_GLOBAL_RE.findall(source)) == set(_GLOBAL_RE.findall(shipped))
    strings = Walker().filter(es5(source), lambda n: isinstance(n, asttypes.String))
    words = {s.value[1:-1] for s in strings if re.fullmatch(r"[\"'][\w-]+[\"']", s.value)}
    assert all(w in shipped for w in words), sorted(w for w in words if w not in shipped)


def test_the_package_holds_the_table_of_every_script() -> None:
    assert sorted(ShippedScripts.load().scripts) == sorted(minify.script_names())


def test_a_build_takes_the_table_and_minifies_a_script_changed_since() -> None:
    source = minify.script_source("arrival.js")
    digest = hashlib.sha256(source.encode()).hexdigest()
    current = ShippedScripts({"scripts": {"arrival.js": {"source": digest, "code": "kept\n"}}})
    assert current.get("arrival.js") == "kept\n"  # read, not parsed
    stale = ShippedScripts({"scripts": {"arrival.js": {"source": "0" * 64, "code": "kept\n"}}})
    assert stale.get("arrival.js") == minify_js(source)
    assert ShippedScripts({}).get("arrival.js") == minify_js(source)


def test_a_script_read_with_the_bundles_worked_out_once_is_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    table = ShippedScripts.load()
    expected = {name: minify.script_source(name) for name in minify.script_names()}
    calls = []
    bundles = minify.runtime.bundles
    monkeypatch.setattr(minify.runtime, "bundles", lambda: calls.append(1) or bundles())
    assert {name: minify.script_source(name, bundles()) for name in expected} == expected
    for name, source in expected.items():
        entry = table.scripts[name]
        assert entry["source"] == hashlib.sha256(source.encode()).hexdigest()
        assert table.get(name) == entry["code"]
    assert len(calls) == 1  # by the table, for every script


def test_a_build_from_the_table_does_not_load_the_parser(tmp_path: Path) -> None:
    """The scripts' parser costs a build some 60 ms to import: a build whose scripts are all in
    the table (every build of a released scormbuild) does without it."""
    code = (
        "import sys\nfrom pathlib import Path\n"
        "from scormbuild.commands.build import build\n"
        f"build(Path({str(COURSE)!r}), Path({str(tmp_path)!r}))\n"
        "print(sorted(m for m in sys.modules if m.startswith(('calmjs', 'ply'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    assert list(tmp_path.glob("*.zip"))
