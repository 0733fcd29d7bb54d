"""Write small courses into a temporary folder for tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

COURSE_YML = """\
id: demo
title: Demo course
version: 1.0.0
language: en
mastery_score: 80
completion: [viewed, passed]
"""

MODULE = """\
---
title: {title}
---

# {title}

Some text.
"""

QUIZ = """\
```quiz
id: {qid}
title: Check
questions:
  - id: {qid}-q1
    type: single
    prompt: Pick one
    choices:
      - text: Right
        correct: true
      - text: Wrong
```
"""


# On top of the minimal course: Finnish and Swedish, one package each.
BILINGUAL: dict[str, str | bytes] = {
    "course.yml": "id: demo\ntitle: Demo\nversion: 1.0.0\nlanguage: fi\nlanguages: [fi, sv]\n",
    "modules/01-intro.sv.md": MODULE.format(title="Intro sv") + "\n" + QUIZ.format(qid="intro"),
    "modules/02-more.sv.md": MODULE.format(title="More sv"),
}


def write_course(root: Path, files: dict[str, str | bytes] | None = None) -> Path:
    """A minimal valid course, with ``files`` added or replacing the defaults."""
    defaults: dict[str, str | bytes] = {
        "course.yml": COURSE_YML,
        "modules/01-intro.md": MODULE.format(title="Intro") + "\n" + QUIZ.format(qid="intro"),
        "modules/02-more.md": MODULE.format(title="More"),
    }
    defaults.update(files or {})
    for name, content in defaults.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root
