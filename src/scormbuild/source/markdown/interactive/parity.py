"""The language versions of a module have the same blocks: kinds, items, markers, branches."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from scormbuild.content import Block
from scormbuild.errors import Problem, error
from scormbuild.model import Course
from scormbuild.source.parity import counterparts


def _shape(block: Block) -> tuple[Any, ...]:
    """What must not differ between languages: all but the words."""
    items = tuple(
        (i.kind, i.key, i.x, i.y, i.good, tuple(c.target for c in i.choices)) for i in block.items
    )
    return (block.kind, block.variant, block.key, block.quiz, items)


def _describe(block: Block) -> str:
    return f"'::: {block.kind}' with {len(block.items)} items"


def check_block_parity(courses: Sequence[Course]) -> list[Problem]:
    """Problems where a language version's blocks differ from the primary's but in words."""
    problems: list[Problem] = []
    for module, ref in counterparts(courses):
        for index, block in enumerate(module.blocks):
            other = ref.blocks[index] if index < len(ref.blocks) else None
            if other is not None and _shape(other) == _shape(block):
                continue
            line = block.at.line
            if other is None:
                message = f"{_describe(block)} that {ref.source} does not have"
            else:
                message = (
                    f"{_describe(block)} differs from block {index + 1} of {ref.source} "
                    f"({_describe(other)} at line {other.at.line})"
                )
            hint = "the language versions differ only in words: the same blocks, items, "
            hint += "marker places and scene names"
            problems.append(error(module.source, line, message, hint=hint, code="parity"))
            break
        else:
            if len(ref.blocks) > len(module.blocks):
                missing = ref.blocks[len(module.blocks)]
                where = f"line {missing.at.line} of {ref.source}"
                message = f"a {_describe(missing)} is missing ({where})"
                hint = "translate the block here too: each language has the same blocks"
                problems.append(error(module.source, None, message, hint=hint, code="parity"))
    return problems
