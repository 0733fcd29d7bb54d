"""The interactive content of the pages: blocks and glossary terms, part of the model.

Read by the source side (``source/markdown/interactive``, ``source/glossary.py``), rendered
through the theme's ``blocks/<kind>.html`` and ``glossary.html``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from scormbuild.errors import SourceLocation


@dataclass(frozen=True)
class BlockChoice:
    """A choice in a scenario's scene: its words and the scene or ending it leads to."""

    target: str
    html: str


@dataclass(frozen=True)
class BlockItem:
    """One part of an interactive block: a panel, tab, card, step, marker, scene or ending."""

    kind: str  # the item's name in the source: panel, tab, card, step, marker, scene, ending
    title_html: str
    html: str
    key: str = ""  # a scene's or ending's name (scenario)
    x: float = 0.0  # a marker's place on its image, in per cent of its width and height
    y: float = 0.0
    choices: tuple[BlockChoice, ...] = ()  # a scene's
    good: bool = False  # an ending the scored scenario counts as correct


BlockKind = Literal[
    "accordion", "tabs", "cards", "steps", "graphic", "scenario", "reflection"
]  # fmt: skip


@dataclass(frozen=True)
class Block:
    """An interactive block written as a ``:::`` container (``source/markdown/interactive``).

    Its markup comes from the theme's ``blocks/<kind>.html``; the page holds a placeholder.
    """

    kind: BlockKind
    items: tuple[BlockItem, ...]
    at: SourceLocation
    level: int = 2  # the heading level of its items' titles (one below the section's)
    variant: str = ""  # steps: "timeline"
    key: str = ""  # scenario: its id (the quiz id a scored scenario reports under)
    html: str = ""  # graphic: the image; scenario: its introduction; reflection: the prompt
    title_html: str = ""  # graphic: the image's caption
    quiz: str = ""  # a scored scenario: the id of the quiz that keeps its result


@dataclass(frozen=True)
class Term:
    """A glossary entry (``glossary.yml``): the term, the forms it is marked in, its meaning."""

    id: str
    term: str
    definition_html: str
    forms: tuple[str, ...] = ()
    at: SourceLocation | None = None
    files: tuple[str, ...] = ()  # the course files its definition uses (links, images)
