"""Learner JavaScript and CSS made small for the package.

The runtime stays readable in the repository (comments, JSDoc types, one statement a line)
and ships minified: rjsmin and rcssmin take out comments and whitespace only, never renaming
anything, so the code that runs is the code that was written and type-checked. The learner
JS+CSS budget (40 KB for a course with no blocks, 60 KB with every block) counts what ships.

A runtime script starts with a header that node (the unit tests) and browsers both read
(``scormbuild.runtime``): ``if (node) module.exports = factory(require(...)); else root.X =
factory(root.Y)``. A package runs in browsers only, so :func:`browser_only` ships the browser's
half; the rest of the script is untouched.
"""

from __future__ import annotations

import re

import rcssmin  # type: ignore[import-untyped]
import rjsmin  # type: ignore[import-untyped]


def minify_js(text: str) -> str:
    """JavaScript without comments and needless whitespace, ending with a newline."""
    return str(rjsmin.jsmin(text)).strip() + "\n"


def minify_css(text: str) -> str:
    """CSS without comments and needless whitespace, ending with a newline."""
    return str(rcssmin.cssmin(text)).strip() + "\n"


# The node half of a minified runtime header, up to the browser's ``else``: only requires.
_NODE_HALF_RE = re.compile(
    r'if\(typeof module==="object"&&module\.exports\)(\{)?'
    r'module\.exports=factory\((?:(?:window|require\("\./[\w.-]+"\)),?)*\);(?(1)\})else '
)


def browser_only(js: str) -> str:
    """A minified runtime script without the node half of its header: what browsers run.

    Raises ValueError for a script whose header is not the runtime's, rather than ship it
    half-changed.
    """
    out, found = _NODE_HALF_RE.subn("", js, count=1)
    if found != 1:
        raise ValueError("no node/browser header in the runtime script")
    return out
