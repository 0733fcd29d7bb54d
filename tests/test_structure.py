"""The shape of the code: stages import only earlier stages, no import cycles, small modules."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "scormbuild"
MAX_LINES = 400
# What each part of the package may import from scormbuild, besides itself. The model and
# its helpers are the bottom; the source side reads into the model; rendering and packaging
# write it out; commands (and the preview, the pipeline) put the stages together.
BASE = {
    "content", "courseconfig", "errors", "fonts", "limits", "model", "options", "runtime",
    "strings", "workers",
}  # fmt: skip
ALLOWED: dict[str, set[str]] = {
    "errors": set(),
    "fonts": set(),
    "limits": set(),
    "options": {"limits"},
    "runtime": set(),
    "strings": set(),
    "workers": set(),
    "content": {"errors"},
    "courseconfig": {"fonts", "limits", "options"},
    "model": {"content", "courseconfig", "errors"},
    "source": BASE,
    "render": BASE | {"package.suspend_data"},
    "package": BASE,
    "documents": BASE | {"render.theme", "package.suspend_data"},
    "validate": BASE | {"package.manifest"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """The scormbuild modules ``path`` imports, as dotted names below scormbuild."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("scormbuild."):
                base = node.module.removeprefix("scormbuild.")
                subs = {f"{base}.{a.name}" for a in node.names} if (SRC / base).is_dir() else set()
                subs = {s for s in subs if _exists(s)}
                found.update(subs or {base})
        elif isinstance(node, ast.Import):
            found.update(
                a.name.removeprefix("scormbuild.")
                for a in node.names
                if a.name.startswith("scormbuild.")
            )
    return {name for name in found if _exists(name)}


def _exists(name: str) -> bool:
    path = SRC.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


MODULES = {module_name(p): p for p in sorted(SRC.rglob("*.py"))}
GRAPH = {name: imports(path) - {name} for name, path in MODULES.items()}


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n.split(".")[0] in ALLOWED))
def test_stages_import_only_earlier_stages(name: str) -> None:
    own = name.split(".")[0]
    allowed = ALLOWED[own]
    for target in GRAPH[name]:
        top = target.split(".")[0]
        ok = top == own or top in allowed or any(target.startswith(a) for a in allowed)
        assert ok, f"{name} imports {target}"


def test_no_import_cycles() -> None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for target in sorted(GRAPH.get(name, ())):
            if state.get(target) == 1:
                cycle = [*path[path.index(target) :], target] if target in path else [target]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target, [*path, target])
        state[name] = 2

    for name in sorted(GRAPH):
        if name not in state:
            visit(name, [name])


def test_only_commands_and_the_cli_import_commands() -> None:
    for name, targets in GRAPH.items():
        if not name.startswith(("commands", "cli")):
            assert not any(t.startswith("commands") for t in targets), name


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_stay_small(name: str) -> None:
    lines = len(MODULES[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{name} has {lines} lines"


def test_readme_names_every_module() -> None:
    layout = (SRC.parents[1] / "README.md").read_text(encoding="utf-8")
    layout = layout.split("## Project layout", 1)[1].split("## ", 1)[0]
    for path in MODULES.values():
        if path.name != "__init__.py":
            assert path.name in layout, f"README's project layout does not name {path.name}"


def test_every_refusal_of_a_guide_to_import_has_a_hint() -> None:
    # import's refuse(path, message, hint): the hint is the third argument or named.
    missing = []
    for name, path in MODULES.items():
        if not name.startswith(("importer", "commands.import_guide")):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            called = getattr(node, "func", None)
            if isinstance(node, ast.Call) and getattr(called, "id", None) in ("refuse", "error"):
                keywords = {k.arg for k in node.keywords}
                if getattr(called, "id", None) == "refuse" and len(node.args) >= 3:
                    continue
                if "hint" not in keywords and None not in keywords:
                    missing.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert missing == []


def test_every_author_error_of_the_source_side_has_a_hint() -> None:
    # An author sees path:line: level: message, and how to mend it (the guide's rule).
    missing = []
    for name, path in MODULES.items():
        if not name.startswith("source"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            keywords = {k.arg for k in node.keywords}
            if "hint" in keywords or None in keywords:  # None: **kwargs
                continue
            # error() and warning(); and the readers' own reporting methods (a block's, a
            # quiz's, a module's env), whose hint is their third argument or named.
            function = getattr(node.func, "id", None) in ("error", "warning")
            method = getattr(node.func, "attr", None) in ("error", "warning", "fail")
            if function or (method and len(node.args) < 3):
                missing.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert missing == []


MUTATORS = frozenset(
    {"append", "extend", "insert", "remove", "add", "discard", "update", "setdefault", "pop",
     "popitem", "clear", "sort", "reverse", "difference_update", "intersection_update"}
)  # fmt: skip


def _stateful() -> tuple[type, ...]:
    """Types whose objects keep what one call did for the next: lxml's parsers (their error
    log, the document last read) and compiled schemas or transforms, Markdown and Jinja2
    environments, the standard library's HTML parser, generators of numbers, thread locals."""
    import html.parser
    import random
    import threading

    import jinja2
    import markdown_it
    from lxml import etree

    return (
        etree._FeedParser, etree.XMLSchema, etree.XSLT, etree.RelaxNG, etree.DTD,
        markdown_it.MarkdownIt, jinja2.Environment, html.parser.HTMLParser, random.Random,
        threading.local,
    )  # fmt: skip


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_keeps_state_between_calls(name: str) -> None:
    # The guide: no module-level mutable state; a cache or a parser is an object its owner
    # makes and passes in. What a module holds once imported is no such object...
    if name != "__main__":  # which runs the command line when imported
        module = importlib.import_module(f"scormbuild.{name}" if name else "scormbuild")
        kinds = _stateful()
        held = [
            key for key, value in vars(module).items()
            if isinstance(value, kinds)
            or (hasattr(value, "cache_clear") and value.__module__ == module.__name__)
        ]  # fmt: skip
        assert held == [], f"{name} keeps {held} between calls"
    # ... and no function changes a name of the module: no 'global', no item set or deleted,
    # no method that changes a list, a set or a mapping in place.
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    names = {
        target.id for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign))
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name)
    }  # fmt: skip
    changed = []
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        local = {a.arg for a in ast.walk(function.args) if isinstance(a, ast.arg)}
        local |= {
            n.id
            for n in ast.walk(function)
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
        }
        for node in ast.walk(function):
            if isinstance(node, ast.Global):
                changed += node.names
            elif isinstance(node, ast.Subscript) and isinstance(node.ctx, (ast.Store, ast.Del)):
                base = node.value
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in MUTATORS
            ):
                base = node.func.value
            else:
                continue
            if isinstance(node, ast.Global):
                continue
            if isinstance(base, ast.Name) and base.id in names - local:
                changed.append(f"{base.id} (line {node.lineno})")
    assert changed == [], f"{name}: functions change module-level {changed}"
