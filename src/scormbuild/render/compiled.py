"""The built-in theme's templates compiled ahead, as the Python code Jinja2 makes of them.

The first use of a template costs Jinja2 its parse and the generation of its Python code,
four fifths of the work, then Python's ``compile`` of that code: 50 ms per build for the
templates a package uses (``quiz.html``, ``module.html``, the Moodle sheet, the statement),
most of it while the other core waits for the first page. The built-in templates are fixed
per release, so their code is generated ahead into ``scormbuild/render/compiled.json``
(``make compiled`` writes it; a test fails when it is stale), each entry with the digest of
the source it was made from and the Jinja2 release that made it, and a build only compiles it
(:class:`scormbuild.render.theme.CompiledTemplates`).

An entry is used only by the environment it was made for, the built-in theme's alone
(:func:`scormbuild.render.theme.make_environment` without a course folder of templates: a
course with templates of its own is rendered sandboxed, which Jinja2 compiles otherwise),
and only while the template's source is the one it was made from and the installed Jinja2 is
the release that made it: a changed template, or another Jinja2, is compiled at build time,
so a package is always made of the current templates by the installed Jinja2.
"""

from __future__ import annotations

import importlib.resources
import json
from pathlib import Path
from typing import Any

import jinja2

from scormbuild.render.theme import TABLE, digest, make_environment

KINDS = (".html", ".md")  # the templates; static/ holds the CSS the theme reads as text


def compiled_table() -> dict[str, Any]:
    """What ``compiled.json`` holds: every built-in template's digest, code and the Jinja2
    release that generated the code, by name."""
    env = make_environment(None)
    assert env.loader is not None
    table = {}
    for name in env.list_templates(filter_func=lambda n: n.endswith(KINDS)):
        source, filename, _uptodate = env.loader.get_source(env, name)
        code = env.compile(source, name, filename, raw=True)
        table[name] = {"source": digest(source), "code": code, "jinja2": jinja2.__version__}
    return table


def write_table() -> Path:
    """Write ``compiled.json`` beside this module (in a checkout: into the source tree)."""
    path = Path(str(importlib.resources.files("scormbuild") / "render" / TABLE))
    text = json.dumps(compiled_table(), ensure_ascii=False, indent=1, sort_keys=True)
    path.write_text(text + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":  # make compiled
    print(f"wrote {write_table()}")
