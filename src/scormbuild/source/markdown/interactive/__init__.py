"""Interactive blocks written as ``:::`` containers: accordion, tabs, flip cards, process
steps (or a timeline), a labelled graphic, a branching scenario and a reflection prompt.

:mod:`.container` parses the containers (nested the way authors write them), :mod:`.reader`
reads each block into the model and checks it (:mod:`.scenario` for scenarios). The syntax
is documented in docs/format.md.
"""

from __future__ import annotations

from markdown_it import MarkdownIt

from scormbuild.source.markdown.interactive.container import container_rule
from scormbuild.source.markdown.interactive.reader import BLOCKS, reader_rule


def interactive_plugin(md: MarkdownIt) -> None:
    """The interactive blocks: their containers, and the rule that reads them (run last)."""
    container_rule(md)
    reader_rule(md)


__all__ = ["BLOCKS", "interactive_plugin"]
