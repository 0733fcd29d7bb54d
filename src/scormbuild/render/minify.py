"""Learner JavaScript and CSS made small for the package.

The runtime stays readable in the repository (comments, JSDoc types, long names, one
statement a line, ES5-style so that the type checker and node read it as written) and ships
minified by terser, a well-kept JavaScript minifier (``scripts/minify-scripts.mjs`` has its
options and why they are safe): comments and whitespace go, the names local to a function
become short ones, and the code is printed in the shorter forms of ES2020 (arrow functions,
method shorthand). Moodle 4.5, which runs the package, needs such a browser itself. Property
names and the globals a script defines or reads (``window.SBState``) keep their names. CSS
loses comments and whitespace (rcssmin). The learner JS+CSS budget (40 KB for a course with no
blocks, 60 KB with every block) counts what ships.

terser runs on node, which a builder need not have: the scripts are the package's own, fixed
per release, so they are minified ahead, into ``scormbuild/runtime/minified.json`` (``make
minified`` writes it with the terser pinned in package-lock.json; a test fails when it is
stale), and a build reads them from there (:class:`ShippedScripts`). A script whose source no
longer matches its entry is minified at build time instead, by :mod:`.jsmin` (calmjs.parse,
pure Python, ES5 output), so that a package is always made of the current code. That minifier
is imported only then: a build that reads the table does not load it.

A runtime script starts with a header that node (the unit tests) and browsers both read
(``scormbuild.runtime``): ``if (node) module.exports = factory(require(...)); else root.X =
factory(root.Y)``. A package runs in browsers only, so :func:`browser_only` keeps the
browser's half; the rest of the script is untouched.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import json
import re
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import rcssmin  # type: ignore[import-untyped]

from scormbuild import runtime

TABLE = "minified.json"  # in scormbuild/runtime/, beside the scripts
# The terser run that writes the table: in a checkout only (make minified, tests), never a build.
TERSER = Path(__file__).resolve().parents[3] / "scripts" / "minify-scripts.mjs"


def minify_js(text: str) -> str:
    """JavaScript without comments and needless whitespace, the names local to its functions
    shortened, ending with a newline, in ES5 (:func:`scormbuild.render.jsmin.minify_js`): what
    a build does with a script changed since ``minified.json`` was written."""
    # The parser loads only when a script must be minified now: a build reads minified.json.
    from scormbuild.render import jsmin

    return jsmin.minify_js(text)


def script_names() -> tuple[str, ...]:
    """Every script a package may ship from ``scormbuild/runtime/``, by its path there: the
    runtime's (``page.js``; ``core.js`` and ``launch.js`` for the scripts that ship together,
    see :func:`bundle_source`) and the blocks' (``blocks/tabs.js``)."""
    folder = importlib.resources.files("scormbuild") / "runtime"
    bundles = runtime.bundles()
    inside = {member for members in bundles.values() for member in members}
    names = [p.name for p in folder.iterdir() if p.name.endswith(".js") and p.name not in inside]
    names += [f"blocks/{p.name}" for p in (folder / "blocks").iterdir() if p.name.endswith(".js")]
    return tuple(sorted([*names, *bundles]))


def script_source(name: str, bundles: Mapping[str, Sequence[str]] | None = None) -> str:
    """The text of script ``name`` that the package ships minified: a runtime script as the
    call its header makes in a browser (:func:`browser_call`), a bundle as
    :func:`bundle_source` makes it, a block's script whole. ``bundles``: what
    ``runtime.bundles()`` gives, if the caller has it already."""
    bundles = runtime.bundles() if bundles is None else bundles
    if name in bundles:
        return bundle_source(bundles[name])
    text = (importlib.resources.files("scormbuild") / "runtime" / name).read_text("utf-8")
    if name.startswith("blocks/"):
        return text
    made, handed, factory = browser_call(text)
    args = ", ".join(a.replace("root.", "this.", 1) for a in handed)
    return f"{f'this.{made} = ' if made else ''}({factory})({args});\n"


def bundle_source(members: Sequence[str]) -> str:
    """The runtime scripts ``members`` (in load order; constants.js may be one) as one
    script: each factory called in one function's scope, its result both a local name that
    the later ones take and the global it defines for the rest of the page (``var SBState =
    root.SBState = (factory)(SBConstants);``), in strict mode as each of them is."""
    lines = ["(function (root) {", '"use strict";']
    made: set[str] = set()
    for name in members:
        if name == runtime.CONSTANTS_SCRIPT:
            value = runtime.constants_script().decode().removeprefix("window.SBConstants = ")
            lines.append(f"var SBConstants = root.SBConstants = {value.strip()}")
            made.add("SBConstants")
            continue
        defines, handed, factory = browser_call(runtime.read(name))
        args = [a.removeprefix("root.") if a.removeprefix("root.") in made else a for a in handed]
        call = f"({factory})({', '.join(args)});"
        lines.append(f"var {defines} = root.{defines} = {call}" if defines else call)
        made.update([defines] if defines else [])
    lines.append("})(this);\n")
    return "\n".join(lines)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def terser(sources: Mapping[str, str]) -> dict[str, Any]:
    """``sources`` (scripts by name) as terser minifies them: ``{"minifier": its version and
    options, "scripts": {name: code}}``. Needs node and ``make js-deps`` (a checkout's)."""
    done = subprocess.run(
        ["node", str(TERSER)], input=json.dumps(dict(sources)), capture_output=True,
        text=True, encoding="utf-8", check=False, cwd=TERSER.parent,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"terser failed (make js-deps?): {done.stderr.strip()}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def minified_table() -> dict[str, Any]:
    """What ``minified.json`` holds: the minifier (terser's version and options) and each
    script's digest (SHA-256 of the source it was minified from) and minified text, by name."""
    sources = {name: script_source(name) for name in script_names()}
    done = terser(sources)
    scripts = {
        name: {"source": _digest(source), "code": done["scripts"][name]}
        for name, source in sources.items()
    }
    return {"minifier": done["minifier"], "scripts": scripts}


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
        # Working the bundles out reads every runtime script: once per render, not per script
        # (that was 20 ms of a large course's build).
        self.bundles: dict[str, tuple[str, ...]] | None = None

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
        if self.bundles is None:
            self.bundles = runtime.bundles()
        source = script_source(name, self.bundles)
        entry = self.scripts.get(name)
        if entry is not None and entry.get("source") == _digest(source):
            return entry["code"]
        return minify_js(source)


def minify_css(text: str) -> str:
    """CSS without comments and needless whitespace, ending with a newline."""
    return str(rcssmin.cssmin(text)).strip() + "\n"


# The first rule of a stylesheet when it is ``:root``, and a custom property declared in it.
_ROOT_RE = re.compile(r":root\{([^{}]*)\}")
_DECLARED_RE = re.compile(r"(--[\w-]+)\s*:")
_READ_RE = re.compile(r"var\(\s*(--[\w-]+)")


def _declarations(body: str) -> list[str]:
    """The declarations of a minified rule's body, split on the semicolons outside strings
    and parentheses."""
    out, start, depth, quote = [], 0, 0, ""
    for i, c in enumerate(body):
        if quote:
            quote = "" if c == quote else quote
        elif c in "\"'":
            quote = c
        elif c in "()":
            depth += 1 if c == "(" else -1
        elif c == ";" and depth == 0:
            out.append(body[start:i])
            start = i + 1
    return [*out, body[start:]] if body[start:] else out


def fold_custom_properties(css: str, others: Sequence[str]) -> str:
    """Minified ``css`` with each custom property that only its first rule, ``:root``, gives a
    value read in place: ``var(--sb-s4)`` becomes ``1rem``, as the browser would read it on
    every element. Only a property that no other rule of ``css`` or of ``others`` (the
    package's other stylesheets) declares, whose value holds no ``var()``: neither dark mode,
    nor print, nor a block's stylesheet changes it. Its declaration stays while a stylesheet
    of the package still reads it (a block's; ``var(--x, 1rem)``); the stylesheets are all
    that can: the CSP keeps style attributes out of the pages, and no script reads one."""
    root = _ROOT_RE.match(css)
    if root is None:
        return css
    rest = css[root.end() :]
    declared_again = {name for text in (rest, *others) for name in _DECLARED_RE.findall(text)}
    declarations = _declarations(root.group(1))
    values = {}
    for declaration in declarations:
        name, _, value = declaration.partition(":")
        if name.startswith("--") and name not in declared_again and "var(" not in value:
            values[name] = value.strip()
    used = re.sub(r"var\((--[\w-]+)\)", lambda m: values.get(m.group(1), m.group(0)), rest)
    read = {n for text in (used, *others, *declarations) for n in _READ_RE.findall(text)}
    kept = [d for d in declarations if d.partition(":")[0] not in set(values) - read]
    return ":root{" + ";".join(kept) + "}" + used


# A runtime header once browser_only has taken its node half out, up to the factory it calls.
_CALL_RE = re.compile(
    r"\(function \(root, factory\) \{\s*(?:root\.(\w+) = )?factory\(([^)]*)\);\s*\}\)"
    r"\(/\*\* @type \{any\} \*/ \(this\),\s*"
)
_END_RE = re.compile(r"\);\s*\Z")  # the end of the header's call, after the factory


def browser_call(js: str) -> tuple[str | None, tuple[str, ...], str]:
    """What a runtime script (its source) does in a browser: the global it defines (None for a
    page's own script), the expressions it hands its factory (``root.SBState``, ``window``)
    and the factory's text. Raises ValueError for a script whose header is not the runtime's.
    """
    body = browser_only(js)
    call, end = _CALL_RE.search(body), _END_RE.search(body)
    if call is None or end is None:
        raise ValueError("no node/browser header in the runtime script")
    handed = tuple(a.strip() for a in call.group(2).split(",") if a.strip())
    return call.group(1), handed, body[call.end() : end.start()]


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
