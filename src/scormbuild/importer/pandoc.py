"""The converter: pandoc, from the ``pypandoc-binary`` wheel, run sandboxed with limits."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from scormbuild.errors import ScormBuildError
from scormbuild.source.text import REFUSED_RE

# pandoc's reader per input kind. ``styles`` keeps Word paragraph styles (note, tip, warning);
# ``raw_html`` keeps embedded objects long enough for us to report them as dropped.
READERS = {
    "docx": "docx+styles",
    "odt": "odt",
    "html": "html+raw_html",
    "md": "markdown+alerts-implicit_figures",  # a titled image is our figure
}
TIMEOUT_SECONDS = 300
HEAP_LIMIT = "-M2g"  # a hostile document makes pandoc fail, not the machine swap
MAX_DEPTH = 150  # levels of pandoc's JSON tree, about three per nested part of the document

Node = dict[str, Any]


def pandoc_binary() -> str:
    """The pandoc executable of the ``import`` extra; a clear error when it is not installed."""
    try:
        import pypandoc  # type: ignore[import-untyped]
    except ImportError:
        raise ScormBuildError(
            "scormbuild import needs pandoc: pip install 'scormbuild[import]'"
        ) from None
    try:
        return str(pypandoc.get_pandoc_path())
    except OSError as exc:
        raise ScormBuildError(f"pandoc is not usable: {exc}") from None


def to_tree(kind: str, path: Path | None = None, data: bytes | None = None) -> Node:
    """The pandoc document tree (JSON AST) of the file at ``path``, or of ``data`` (text kinds).

    ``--sandbox`` keeps pandoc from reading or writing any other file (an HTML page's images
    are read by :mod:`.media`, inside the page's folder only) and from the network.
    """
    args = [pandoc_binary(), "--sandbox", "-f", READERS[kind], "-t", "json"]
    if kind == "docx":
        args.append("--track-changes=all")  # marked, so that the to-dos can name them
    args += [str(path)] if path is not None else []
    args += ["+RTS", HEAP_LIMIT, "-RTS"]
    try:
        proc = subprocess.run(
            args, input=data, capture_output=True, timeout=TIMEOUT_SECONDS, check=False
        )
    except subprocess.TimeoutExpired:
        raise ConversionError(
            f"pandoc did not finish converting the document in {TIMEOUT_SECONDS} s"
        ) from None
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = detail[-1] if detail else f"exit status {proc.returncode}"
        raise ConversionError(f"the document could not be converted: {reason}")
    try:
        tree: Node = json.loads(proc.stdout)
    except RecursionError:
        tree = {}
    if not tree or not _tame(tree):
        raise ConversionError(
            f"the document nests its parts (lists, tables, boxes, quotes) more than "
            f"{MAX_DEPTH // 3} levels deep"
        )
    return tree


class ConversionError(ScormBuildError):
    """A document pandoc could not convert, or whose tree is deeper than the importer reads."""


def _tame(tree: Node) -> bool:
    """Whether ``tree`` is no deeper than :data:`MAX_DEPTH`; its texts lose, in place, the
    characters no course text may hold (controls, noncharacters: invisible, or the marks of
    a document decoded with the wrong encoding), which pandoc passes on as they are.

    Iterative: the importer's walks over the tree recurse, so its depth is checked first.
    """
    todo: list[tuple[Any, int]] = [(tree, 0)]
    while todo:
        node, depth = todo.pop()
        if depth > MAX_DEPTH:
            return False
        keys = node.keys() if isinstance(node, dict) else range(len(node))
        for key in keys:
            value = node[key]
            if isinstance(value, str):
                if REFUSED_RE.search(value):
                    node[key] = REFUSED_RE.sub("", value)
            elif isinstance(value, dict | list):
                todo.append((value, depth + 1))
    return True
