"""The learner runtime: its scripts, the order they load in, and the numbers Python shares
with them.

The scripts in this folder declare what they need themselves, in the header node and
browsers both read::

    (function (root, factory) {
      if (typeof module === "object" && module.exports)
        module.exports = factory(require("./constants.json"), require("./state.js"));
      else root.SBSession = factory(root.SBConstants, root.SBState);
    })(...)

:func:`load_order` reads the ``require`` calls and puts every script a page needs after the
scripts it needs. ``constants.json`` is the one home of the numbers both sides use (the
suspend_data codec's bounds, its version); the package gets them as ``constants.js``
(:func:`constants_script`), node and the type checker read the JSON itself.
"""

from __future__ import annotations

import importlib.resources
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

CONSTANTS_FILE = "constants.json"
CONSTANTS_SCRIPT = "constants.js"
# The scripts that every page running the runtime loads (the launch page, module pages, the
# cover, finish and print pages) ship as one file, and those only the launch page loads as
# another: fewer requests, and one scope in which the minifier shortens the names they share
# (scormbuild.render.minify.bundle_source).
CORE_SCRIPT = "core.js"
LAUNCH_SCRIPT = "launch.js"
# The scripts a page runs, with what they need: the launch page shell.js, a module page page.js
# (dragdrop.js starts itself: a second way to answer matching and ordering questions).
LAUNCH_ENTRIES = ("shell.js",)
PAGE_ENTRIES = ("dragdrop.js", "page.js")
# A constant a script reads, \bC.NAME, and a script it needs, \brequire("./name.js"): written
# to start with their literal words (the \b before them checked behind), which the pattern
# engine looks for at memory speed; a leading \b is tried at every character of every script
# (some 10 ms a build).
USED_RE = re.compile(r"C\.(?<=\bC\.)([A-Z][A-Z0-9_]*)\b")
REQUIRE_RE = re.compile(r"""require\((?<=\brequire\()\s*["']\./([\w.-]+)["']\s*\)""")
# The browser's half of the header: ``else root.SBName = factory(window, root.SBOther, ...)``.
BROWSER_RE = re.compile(r"\belse\s+(?:root\.(\w+)\s*=\s*)?factory\(([^)]*)\)")


def read(name: str) -> str:
    """A file of this folder, as text."""
    return (importlib.resources.files(__name__) / name).read_text(encoding="utf-8")


def _load_constants() -> Mapping[str, Any]:
    return MappingProxyType(json.loads(read(CONSTANTS_FILE)))


CONSTANTS: Mapping[str, Any] = _load_constants()


def scripts() -> tuple[str, ...]:
    """The runtime's scripts (not the blocks'), by name."""
    folder = importlib.resources.files(__name__)
    return tuple(sorted(p.name for p in folder.iterdir() if p.name.endswith(".js")))


def constants_script() -> bytes:
    """``constants.js``: the shared numbers the scripts read (``C.NAME``), as the browser's
    ``window.SBConstants``; those only Python uses stay out of the package."""
    used = {name for script in scripts() for name in USED_RE.findall(read(script))}
    shipped = {k: v for k, v in CONSTANTS.items() if k in used}
    text = json.dumps(shipped, sort_keys=True, separators=(",", ":"))
    return f"window.SBConstants = {text};\n".encode()


def package_name(required: str) -> str:
    """The package file a ``require`` names: the constants come as a script."""
    return CONSTANTS_SCRIPT if required == CONSTANTS_FILE else required


def requires(script: str) -> tuple[str, ...]:
    """The scripts ``script`` needs, in the order its header names them."""
    return tuple(package_name(n) for n in REQUIRE_RE.findall(read(script)))


def browser_globals(script: str) -> tuple[str | None, tuple[str, ...]]:
    """The global ``script`` defines in a browser (None for a page's own script) and the
    globals it hands its factory, in order (``window`` itself left out)."""
    match = BROWSER_RE.search(read(script))
    if match is None:
        raise ValueError(f"{script} has no browser header (else root.SBName = factory(...))")
    args = (a.strip() for a in match.group(2).split(","))
    return match.group(1), tuple(a.removeprefix("root.") for a in args if a and a != "window")


def load_order(entries: Iterable[str]) -> tuple[str, ...]:
    """``entries`` and every script they need, each after the scripts it needs."""
    order: list[str] = []
    visiting: list[str] = []

    def visit(name: str) -> None:
        if name in order:
            return
        if name in visiting:
            cycle = " -> ".join([*visiting[visiting.index(name) :], name])
            raise ValueError(f"the runtime's scripts need each other: {cycle}")
        visiting.append(name)
        for needed in () if name == CONSTANTS_SCRIPT else requires(name):
            visit(needed)
        visiting.pop()
        order.append(name)

    for entry in entries:
        visit(entry)
    return tuple(order)


def bundles() -> dict[str, tuple[str, ...]]:
    """The runtime's scripts that ship together as one file, by that file's name: CORE_SCRIPT
    holds those that the launch page (LAUNCH_ENTRIES and what they need) and a module page
    (PAGE_ENTRIES and what they need) both load, LAUNCH_SCRIPT those only the launch page
    loads; each in load order."""
    launch, page = load_order(LAUNCH_ENTRIES), set(load_order(PAGE_ENTRIES))
    core = tuple(name for name in launch if name in page)
    return {CORE_SCRIPT: core, LAUNCH_SCRIPT: tuple(n for n in launch if n not in core)}


def packaged(order: Iterable[str], bundles: Mapping[str, Sequence[str]]) -> tuple[str, ...]:
    """``order`` (scripts in load order) as a package ships them: the members of each bundle
    (by its name) as that one file, where the first of them was. A bundle's members need only
    scripts before them or in the bundle, so the order holds."""
    file_of = {member: name for name, members in bundles.items() for member in members}
    return tuple(dict.fromkeys(file_of.get(name, name) for name in order))
