"""A course in version 1.0.0 and its 1.1.0 variants, one per kind of change an update makes.

``write_version(root, change)`` writes the course as 1.0.0 (``change=None``) or as 1.1.0
with one change; ``build_version(root, change)`` builds it and returns the packages by
language. The diff tests, the browser resume tests and the real-Moodle update test use them.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from scormbuild.commands.build import build

COURSE_YML = """\
id: paivitys
title: Päivityskurssi
version: {version}
language: fi
{languages}mastery_score: {mastery}
completion: [viewed, passed]
"""

INTRO = """\
---
title: Johdanto
---

# Johdanto

{text}

```quiz
id: lammittely
title: Lämmittely
graded: false
questions:
  - id: l1
    type: truefalse
    prompt: Taivas on sininen.
    answer: true
  - id: l2
    type: single
    prompt: Mikä on kaksi plus kaksi?
    choices:
      - text: Neljä
        correct: true
      - text: Viisi
```
"""

EXAM = """\
---
title: Koe
---

# Koe

Vastaa kysymyksiin.

```quiz
id: koe
title: Loppukoe
graded: true
attempts: {attempts}
{pool}{mode}questions:
{questions}
```
"""

QUESTIONS = {
    "k1": """\
  - id: k1
    type: single
    prompt: Mikä on Suomen pääkaupunki?
    choices:
      - text: Helsinki
        correct: true
      - text: Turku
""",
    "k2": """\
  - id: k2
    type: single
    prompt: {k2_prompt}
    choices:
      - text: Kolme
        correct: {k2_three}
      - text: Neljä
        correct: {k2_four}
""",
    "k3": """\
  - id: k3
    type: fill
    prompt: Kirjoita sana "kissa".
    answers: [kissa]
""",
    "k4": """\
  - id: k4
    type: truefalse
    prompt: Vesi on märkää.
    answer: true
""",
}

END = """\
---
title: Lopuksi
---

# Lopuksi

Kiitos osallistumisesta.
"""

EXTRA = """\
---
title: Lisäosa
---

# Lisäosa

Uusi osa kurssiin.
"""

SV = {
    "modules/01-intro.sv.md": INTRO.replace("Johdanto", "Inledning"),
    "modules/02-exam.sv.md": EXAM.replace("Koe", "Prov"),
    "modules/03-end.sv.md": END.replace("Lopuksi", "Till sist"),
}

# Every kind of change an update can make, as in issue 16.
CHANGES = (
    "text",
    "question-changed",
    "question-added",
    "question-removed",
    "module-added",
    "module-removed",
    "module-reordered",
    "pool",
    "attempts",
    "mastery",
    "language-added",
    "mode",
)


def files_of(change: str | None) -> dict[str, str]:
    """The course's files in 1.0.0 (``None``) or in 1.1.0 with ``change``."""
    q = dict(QUESTIONS)
    k2 = {"k2_prompt": "Montako kulmaa kolmiolla on?", "k2_three": "true", "k2_four": "false"}
    if change == "question-changed":
        k2 = {"k2_prompt": "Montako kulmaa neliöllä on?", "k2_three": "false", "k2_four": "true"}
    q["k2"] = q["k2"].format(**k2)
    order = ["k1", "k2", "k3"] + (["k4"] if change == "question-added" else [])
    if change == "question-removed":
        order.remove("k3")
    exam = EXAM.format(
        attempts=3 if change == "attempts" else 2,
        pool="pool: 2\n" if change == "pool" else "",
        mode="mode: exam\n" if change == "mode" else "",
        questions="".join(q[k] for k in order).rstrip("\n"),
    )
    text = "Tervetuloa kurssille." + (" Teksti on nyt selkeämpi." if change == "text" else "")
    names = ["01-intro.md", "02-exam.md", "03-end.md"]
    if change == "module-reordered":  # the last module first, its files renamed
        names = ["02-intro.md", "03-exam.md", "01-end.md"]
    files = {
        "course.yml": COURSE_YML.format(
            version="1.0.0" if change is None else "1.1.0",
            mastery=80 if change == "mastery" else 60,
            languages="languages: [fi, sv]\n" if change == "language-added" else "",
        ),
        f"modules/{names[0]}": INTRO.format(text=text),
        f"modules/{names[1]}": exam,
        f"modules/{names[2]}": END,
    }
    if change == "module-removed":
        del files[f"modules/{names[2]}"]
    if change == "module-added":
        files["modules/04-extra.md"] = EXTRA
    if change == "language-added":
        files.update(
            {k: v.format(text="Välkommen.") if "{text}" in v else v for k, v in SV.items()}
        )
        files["modules/02-exam.sv.md"] = exam.replace("Koe", "Prov")
    return files


def write_version(root: Path, change: str | None = None) -> Path:
    """The course folder of 1.0.0, or of 1.1.0 with ``change``, written into ``root``."""
    for name, text in files_of(change).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def build_version(root: Path, change: str | None = None) -> dict[str, Path]:
    """Build 1.0.0 (or 1.1.0 with ``change``) under ``root``: the packages by language."""
    course = write_version(root / "course", change)
    packages = build(course, root / "dist").packages
    if len(packages) == 1:
        return {"fi": packages[0]}
    return {p.stem.rsplit("-", 1)[-1]: p for p in packages}
