"""Resuming under a newer package (runtime/resume.js under node): progress saved by 1.0.0 of
the course in tests/updatekit.py, read by each 1.1.0 variant."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scormbuild.package import suspend_data as state
from scormbuild.render.coursedata import course_data
from scormbuild.source.load import load_course
from scormbuild.strings import Catalog
from tests.course_samples import sample_course
from tests.updatekit import CHANGES, write_version

RUNTIME = Path(state.__file__).parents[1] / "runtime"
_SAMPLE = course_data(sample_course(), Catalog("fi"))

# 1.0.0, mid-course: the introduction and the exam seen, the warm-up answered (one right, one
# wrong), the exam finished with every answer right; the last module not seen yet.
SAVE = """
const c = input.old, st = S.fresh(c);
st.visited = [true, true, false]; st.interactions = 5;
st.quizzes[0] = Q.newAttempt(c.quizzes[0], null, 11); st.quizzes[0].answers = [0, 1];
st.quizzes[0].best = 5000;
st.quizzes[1] = Q.newAttempt(c.quizzes[1], null, 22); st.quizzes[1].answers = [0, 0, "kissa"];
st.quizzes[1].best = 10000;
const text = S.encode(c, st);
const out = {text: text, old: st, back: {}};
for (const name in input.versions) {
  const v = input.versions[name], r = R.restore(v, text);
  out.back[name] = {st: r && r.state, redo: r && r.redo, notice: r ? R.notice(v, r.redo) : null,
    at: r ? ["m02-exam", "m03-end"].map((id) =>
      v.modules.map((m) => m.id).indexOf(R.where(v, id, r.state))) : null,
    again: r ? S.encode(v, r.state) : null};
  out.back[name].reread = r ? R.restore(v, out.back[name].again).redo : null;
}
process.stdout.write(JSON.stringify(out));
"""


def node(script: str, payload: Any) -> Any:
    prelude = "".join(
        f"const {name} = require({json.dumps(str(RUNTIME / file))});"
        for name, file in (("S", "state.js"), ("Q", "quiz.js"), ("R", "resume.js"))
    )
    done = subprocess.run(
        ["node", "-e", prelude + "const input = JSON.parse(require('fs').readFileSync(0));"
         + script],
        input=json.dumps(payload), capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(done.stdout)


def data_of(root: Path, change: str | None, language: str = "fi") -> dict[str, Any]:
    course = next(
        c for c in load_course(write_version(root / (change or "old"), change)).courses
        if c.language == language
    )  # fmt: skip
    return course_data(course, Catalog(course.language, course.config.strings))


@pytest.fixture(scope="module")
def resumed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("resume")
    versions = {c: data_of(root, c) for c in CHANGES}
    versions["same"] = data_of(root, None)
    versions["sv"] = data_of(root, "language-added", "sv")
    out: dict[str, Any] = node(SAVE, {"old": versions["same"], "versions": versions})
    return out


def test_the_same_version_reads_its_own_progress(resumed: dict[str, Any]) -> None:
    back = resumed["back"]["same"]
    assert back["st"] == resumed["old"] and back["redo"] == [] and back["notice"] == ""
    assert back["again"] == resumed["text"]
    assert resumed["text"].startswith(f"{state.VERSION}|")


@pytest.mark.parametrize("change", ["text", "attempts", "mastery", "language-added", "mode"])
def test_changes_that_keep_everything(resumed: dict[str, Any], change: str) -> None:
    back = resumed["back"][change]
    if change == "mode":  # the exam now: its draft (answers not yet submitted) is empty
        assert exam(back).pop("draft") == [None, None, None]
    assert back["st"] == resumed["old"] and back["redo"] == [] and back["notice"] == ""
    assert back["at"] == [1, 2]


def exam(back: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = back["st"]["quizzes"][1]
    return result


def test_a_changed_question_is_dropped_and_named_once(resumed: dict[str, Any]) -> None:
    back = resumed["back"]["question-changed"]
    assert exam(back)["answers"] == [0, None, "kissa"]  # k2 changed: its answer is gone
    assert exam(back)["best"] is None  # no score until the attempt is finished again
    assert exam(back)["attempts"] == 1  # the same attempt: no attempt is used up by the update
    assert back["st"]["quizzes"][0] == resumed["old"]["quizzes"][0]
    assert back["redo"] == [1]
    assert (
        back["notice"] == "Kurssia on päivitetty. Vastaa uudelleen näiden osien "
        "muuttuneisiin tai uusiin kysymyksiin: Loppukoe."
    )
    # Saved again by 1.1.0 and read again: nothing more to tell.
    assert back["reread"] == []
    assert back["again"].split("|")[1] == resumed["text"].split("|")[1]  # the same course key


def test_an_added_question_reopens_a_finished_attempt(resumed: dict[str, Any]) -> None:
    back = resumed["back"]["question-added"]
    assert exam(back)["answers"] == [0, 0, "kissa", None]
    assert exam(back)["best"] is None and back["redo"] == [1]


def test_a_removed_question_recomputes_the_score(resumed: dict[str, Any]) -> None:
    back = resumed["back"]["question-removed"]
    assert exam(back)["answers"] == [0, 0] and exam(back)["best"] == state.BEST_SCALE
    assert back["redo"] == []


def test_a_pool_cuts_the_attempt_and_recomputes(resumed: dict[str, Any]) -> None:
    back = resumed["back"]["pool"]
    assert exam(back)["order"] == [0, 1] and exam(back)["answers"] == [0, 0]
    assert exam(back)["best"] == state.BEST_SCALE and back["redo"] == []


def test_modules_added_removed_or_moved_keep_what_was_seen(resumed: dict[str, Any]) -> None:
    assert resumed["back"]["module-added"]["st"]["visited"] == [True, True, False, False]
    assert resumed["back"]["module-added"]["at"] == [1, 2]
    removed = resumed["back"]["module-removed"]
    assert removed["st"]["visited"] == [True, True]
    assert removed["at"] == [1, -1]  # its module gone, every other seen: from the start
    moved = resumed["back"]["module-reordered"]  # 01-end, 02-intro, 03-exam
    assert moved["st"]["visited"] == [False, True, True]
    assert moved["at"] == [2, 0]  # m02-exam is m03-exam now; m03-end is m01-end
    for change in ("module-added", "module-removed", "module-reordered"):
        assert resumed["back"][change]["st"]["quizzes"] == resumed["old"]["quizzes"]


def test_another_language_reads_nothing(resumed: dict[str, Any]) -> None:
    """Each language is an activity of its own: the key says which saved the progress."""
    assert resumed["back"]["sv"]["st"] is None


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet="2|abc0123456789xyz,.;:", max_size=60), min_size=1, max_size=30))
def test_nothing_saved_makes_it_throw(texts: list[str]) -> None:
    out = node(
        "console.warn = () => {};"
        "process.stdout.write(JSON.stringify(input.t.map((t) => {"
        " const r = R.restore(input.c, t); return r === null || typeof r.state === 'object'; })));",
        {"c": _SAMPLE, "t": [f"2|{_SAMPLE['key']}|" + t for t in texts] + texts},
    )
    assert all(out)
