"""The learner's progress as a package saved it in ``cmi.suspend_data``, read back with that
package's own codec (``scormbuild/core.js``: resume.js and the scripts it needs, from the zip,
under node) and the course data the package carries, so that the real-Moodle tests can hold what
Moodle stored against what the learner did and saw: which modules they opened, each graded
quiz's attempts, best score and answers, and how many interactions the package had sent.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scormbuild.runtime import CONSTANTS
from tests.needs import need

BEST = CONSTANTS["BEST_SCALE"]  # state.js keeps a quiz's best score as a fraction of this
# The package's scripts that read saved progress back (core.js holds resume.js and what it
# needs), in the order its pages load them. They are browser scripts (render/minify.py): node
# runs them in a context of their own whose global object is their window.
CODEC = ("course-data.js", "core.js")

DECODE_JS = """
const fs = require("fs"), vm = require("vm");
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const window = {console};
window.window = window;
vm.createContext(window);
for (const code of input.scripts) vm.runInContext(code, window);
const State = window.SBState, Resume = window.SBResume;
let course = window.SCORMBUILD_COURSE;
if (input.module !== null) course = State.part(course, input.module).course;
const got = Resume.restore(course, input.text), st = got && got.state;
process.stdout.write(JSON.stringify(st && {
  visited: st.visited, interactions: st.interactions,
  quizzes: st.quizzes.map((q, i) => ({id: course.quizzes[i].id, graded: course.quizzes[i].graded,
    attempts: q.attempts, best: q.best, answers: q.answers, draft: q.draft || null})),
}));
"""


@dataclass(frozen=True)
class Quiz:
    """One quiz's saved progress: attempts started, best score (0-100, None before a finished
    attempt) and the answers of the attempt on screen (None for a question not answered); an
    exam's draft: the answers given but not yet submitted (None when it is no exam)."""

    id: str
    graded: bool
    attempts: int
    best: float | None
    answers: list[Any]
    draft: list[Any] | None = None


@dataclass(frozen=True)
class Saved:
    """A package's saved progress: the modules opened, the interactions it had sent, its quizzes."""

    visited: list[bool]
    interactions: int
    quizzes: list[Quiz]

    def graded(self) -> list[Quiz]:
        """The graded quizzes, in course order."""
        return [q for q in self.quizzes if q.graded]


def saved(package: Path, suspend_data: str, module: int | None = None) -> Saved:
    """Decode ``suspend_data`` as ``package`` does (``module``: that module's SCO in a multi-SCO
    package). Fails when the package itself would ignore it (corrupt, or another course's)."""
    need(shutil.which("node") is not None, "node is not installed; the browser tests need it too")
    with zipfile.ZipFile(package) as archive:
        scripts = [archive.read(f"scormbuild/{name}").decode("utf-8") for name in CODEC]
    given = {"scripts": scripts, "module": module, "text": suspend_data}
    done = subprocess.run(
        ["node", "-e", DECODE_JS],
        input=json.dumps(given),
        capture_output=True,
        text=True,
        check=True,
    )
    found: dict[str, Any] | None = json.loads(done.stdout)
    assert found is not None, f"the package would ignore its own suspend_data: {done.stderr}"
    return Saved(
        visited=list(found["visited"]),
        interactions=int(found["interactions"]),
        quizzes=[
            Quiz(
                id=q["id"],
                graded=bool(q["graded"]),
                attempts=int(q["attempts"]),
                best=None if q["best"] is None else q["best"] * 100 / BEST,
                answers=list(q["answers"]),
                draft=q["draft"],
            )
            for q in found["quizzes"]
        ],
    )
