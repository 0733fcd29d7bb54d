"""Learner JavaScript and CSS made small for the package.

The runtime stays readable in the repository (comments, JSDoc types, one statement a line)
and ships minified: rjsmin and rcssmin take out comments and whitespace only, never renaming
anything, so the code that runs is the code that was written and type-checked. The learner
JS+CSS budget (40 KB for a course with no blocks, 60 KB with every block) counts what ships.
"""

from __future__ import annotations

import rcssmin  # type: ignore[import-untyped]
import rjsmin  # type: ignore[import-untyped]


def minify_js(text: str) -> str:
    """JavaScript without comments and needless whitespace, ending with a newline."""
    return str(rjsmin.jsmin(text)).strip() + "\n"


def minify_css(text: str) -> str:
    """CSS without comments and needless whitespace, ending with a newline."""
    return str(rcssmin.cssmin(text)).strip() + "\n"
