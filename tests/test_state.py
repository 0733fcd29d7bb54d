"""The suspend_data codec: the Python worst-case bound against the JS encoder under node."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scormbuild.model import Course, Question, Quiz
from scormbuild.package import suspend_data as state
from scormbuild.render.coursedata import course_data
from scormbuild.source.load import load_course
from scormbuild.strings import Catalog
from tests.course_samples import module, no_blocks_course, questions, sample_course

RUNTIME = Path(state.__file__).parents[1] / "runtime"
EXAMPLE = Path(__file__).resolve().parents[1] / "course"

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")


def node(script: str, payload: Any) -> Any:
    """Run ``script`` under node with ``S`` (state.js), ``Q`` (quiz.js), ``R`` (resume.js) and
    ``input`` bound."""
    prelude = (
        f"const S = require({json.dumps(str(RUNTIME / 'state.js'))});"
        f"const Q = require({json.dumps(str(RUNTIME / 'quiz.js'))});"
        f"const R = require({json.dumps(str(RUNTIME / 'resume.js'))});"
        "const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
    )
    out = subprocess.run(
        ["node", "-e", prelude + script],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def worst_answer(q: Question) -> Any:
    """The answer whose encoding is longest (and distinct from every default)."""
    if q.type in ("single", "truefalse"):
        return len(q.choices) - 1
    if q.type == "multiple":
        return list(range(len(q.choices)))
    if q.type == "fill":
        return "ö" * state.fill_max_length(q)
    if q.type == "numeric":
        return "9" * state.NUMERIC_MAX_LENGTH
    if q.type == "matching":
        return [len(q.pairs) - 1] * len(q.pairs)
    return list(reversed(range(len(q.items))))


def worst_quiz(quiz: Quiz) -> dict[str, Any]:
    by_size = sorted(
        range(len(quiz.questions)),
        key=lambda i: (-state.answer_max_length(quiz.questions[i]), -i),
    )
    drawn = by_size[: min(quiz.drawn, len(quiz.questions))]
    shown = drawn if state.stores_order(quiz) else list(range(len(drawn)))
    answers = [worst_answer(quiz.questions[i]) for i in shown]
    out: dict[str, Any] = {
        "attempts": quiz.attempts or state.ATTEMPT_CAP,
        "seed": state.SEED_LIMIT - 1,
        "best": state.BEST_SCALE,
        "order": drawn if state.stores_order(quiz) else None,
        "answers": answers,
    }
    if quiz.mode == "exam":  # the longest: every answer given, none submitted (drafts)
        out.update(answers=[None] * len(answers), draft=answers)
    return out


def worst_state(course: Course) -> dict[str, Any]:
    return {
        "visited": [True] * len(course.modules),
        "interactions": state.INTERACTION_CAP,
        "quizzes": [worst_quiz(q) for q in course.quizzes],
    }


ENCODE = """
const text = S.encode(input.course, input.state);
process.stdout.write(JSON.stringify({text, back: R.restore(input.course, text)}));
"""


def check_worst_case(course: Course) -> None:
    data = course_data(course, Catalog(course.language))
    st = worst_state(course)
    out = node(ENCODE, {"course": data, "state": st})
    assert len(out["text"]) == state.worst_case_length(course)
    assert out["back"] == {"state": st, "redo": []}


def test_bound_is_exact_for_the_sample_course() -> None:
    check_worst_case(sample_course())


def test_bound_is_exact_for_the_example_course() -> None:
    for course in load_course(EXAMPLE).courses:
        check_worst_case(course)
        assert state.worst_case_length(course) <= state.LIMIT
        assert state.suspend_data_problems(course) == []


def test_bound_is_exact_for_an_exam_with_every_answer_a_draft() -> None:
    """An exam keeps the answers given before the submission: the bound counts their mark."""
    course = no_blocks_course()
    assert [q.mode for q in course.quizzes].count("exam") == 1
    check_worst_case(course)
    exam = replace(course.quizzes[-1], mode="instant")
    assert state.quiz_max_length(course.quizzes[-1]) == state.quiz_max_length(exam) + 7


def test_an_exam_that_no_longer_fits_with_its_drafts_is_refused() -> None:
    """A course whose worst case fits only while nothing is kept before submission: as an
    exam it is refused, with the located error of any course that does not fit."""
    fills = tuple(replace(questions()[3], id=f"f{i}", answers=("x" * 88,)) for i in range(22))
    quiz = Quiz(id="koe", title="Koe", questions=fills, source="quizzes/koe.yml", line=4)
    course = replace(sample_course(), modules=(module(1, quiz),))
    assert state.suspend_data_problems(course) == []
    assert state.LIMIT - state.worst_case_length(course) < len(fills)
    exam = replace(course, modules=(module(1, replace(quiz, mode="exam")),))
    (problem,) = state.suspend_data_problems(exam)
    assert problem.message.startswith(
        f"the saved progress of this course can take {state.worst_case_length(exam)} characters"
    )
    assert (problem.location.path, problem.location.line) == ("quizzes/koe.yml", 4)


def test_bound_is_exact_with_wide_indexes() -> None:
    """Over 36 questions or choices the codec needs two base-36 digits per index."""
    base = questions()
    many = tuple(replace(base[i % 7], id=f"q{i}") for i in range(40))
    quiz = Quiz(id="iso", title="Iso", questions=many, pool=38, shuffle_questions=True)
    course = replace(sample_course(), modules=(module(1, quiz),))
    check_worst_case(course)


def test_too_much_state_is_an_error_naming_the_quiz() -> None:
    fills = tuple(replace(questions()[3], id=f"f{i}", answers=("x" * 120,)) for i in range(20))
    quiz = Quiz(id="kirjoitus", title="Kirjoita", questions=fills, source="quizzes/k.yml:3")
    course = replace(sample_course(), modules=(module(1, quiz),))
    assert state.worst_case_length(course) > state.LIMIT
    (problem,) = state.suspend_data_problems(course)
    assert "4096" in problem.message and "kirjoitus" in problem.message
    assert problem.location.path == "quizzes/k.yml"


def test_fresh_and_partial_states_round_trip() -> None:
    course = sample_course()
    data = course_data(course, Catalog("fi"))
    out = node(
        "const st = S.fresh(input);"
        "st.visited[1] = true; st.interactions = 5;"
        "st.quizzes[2] = Q.newAttempt(input.quizzes[2], null, 1234);"
        "st.quizzes[2].order = [3, 0, 6];"
        "st.quizzes[2].answers = ['a.b;c|d:e', null, [2, 0, 1]];"
        "const text = S.encode(input, st);"
        "process.stdout.write(JSON.stringify({text, st, back: R.restore(input, text),"
        " empty: S.encode(input, S.fresh(input))}));",
        data,
    )
    assert out["empty"] == f"2|{data['key']}||0|"  # only started quizzes are written
    quiz = data["quizzes"][2]
    h = [q["h"] for q in quiz["questions"]]
    entries = f"{h[3]}9:a.b;c|d:e.{h[0]}.{h[6]}201"  # in the order shown, hash then answer
    head = f"2|{data['key']}|{data['modules'][1]['k']}|5|"
    assert out["text"] == f"{head}{quiz['k']}{quiz['sk']},1,ya,,{entries}"
    assert out["back"] == {"state": out["st"], "redo": []}


@pytest.mark.parametrize(
    "text",
    [
        "", "garbage", "2|x|0|0|;;", '{"v":1}', "1|zzzz|0|0|;;", "1|FP|v|0|;;", "1|FP|0|0|;;;",
        "3|KEY||0|", "2|zzzz||0|", "2|KEY|ab|0|", "2|KEY||0|QQQQQQQQ,1,0,,", "2|KEY||0|;",
        "2|KEY||zzzzzzzzzz|", "2|KEY||0|QQQQQQQQ,1,0,,HHHH9:abc", "2|KEY||0|QQQQQQQQ,-1,0,,HHHH",
    ],
)  # fmt: skip
def test_corrupt_or_foreign_data_is_ignored(text: str) -> None:
    data = course_data(sample_course(), Catalog("fi"))
    quiz = data["quizzes"][0]
    text = text.replace("FP", data["fp"]).replace("KEY", data["key"])
    text = text.replace("QQQQQQQQ", quiz["k"] + quiz["sk"])
    text = text.replace("HHHH", quiz["questions"][0]["h"])
    out = node(
        "console.warn = () => {};"
        "process.stdout.write(JSON.stringify(R.restore(input.c, input.t)));",
        {"c": data, "t": text},
    )
    assert out is None


def test_format_1_is_read_when_the_layout_is_the_same() -> None:
    """Progress saved before saved state recorded what it refers to still resumes."""
    data = course_data(sample_course(), Catalog("fi"))
    out = node(
        "process.stdout.write(JSON.stringify([R.restore(input, '1|' + input.fp + '|2|5|;;1,ya,,306,"
        "9:a.b;c|d:e..201'), R.restore(input, '1|zzzz|2|5|;;')]));",
        data,
    )
    back, other = out
    assert back["redo"] == [] and back["state"]["visited"] == [False, True, False]
    assert back["state"]["quizzes"][2] == {
        "attempts": 1, "seed": 1234, "best": None, "order": [3, 0, 6],
        "answers": ["a.b;c|d:e", None, [2, 0, 1]],
    }  # fmt: skip
    assert other is None


def test_scoring_and_responses() -> None:
    data = course_data(sample_course(), Catalog("fi"))
    qs = {q["id"]: q for q in data["quizzes"][0]["questions"]}
    out = node(
        "const q = input.q, r = {};"
        "r.fill = Q.isCorrect(q.fill, '  TULOS-kortti ', 'fi');"
        "r.fillNo = Q.isCorrect(q.fill, 'tulos kortti', 'fi');"
        "r.numComma = Q.isCorrect(q.numeric, '2030,25', 'fi');"
        "r.numOut = Q.isCorrect(q.numeric, '2031', 'fi');"
        "r.numEn = Q.parseNumber('1,234.5', 'en');"
        "r.numFi = Q.parseNumber('1 234,5', 'fi');"
        "r.multi = Q.isCorrect(q.multiple, [1, 0], 'fi');"
        "r.multiNo = Q.isCorrect(q.multiple, [0], 'fi');"
        "r.match = Q.response(q.matching, [2, 0, 1], 'fi');"
        "r.matchKey = Q.pattern(q.matching);"
        "r.order = Q.response(q.ordering, [2, 0, 1], 'fi');"
        "r.tf = Q.response(q.tf, 1, 'fi') + Q.pattern(q.tf);"
        "r.num = Q.response(q.numeric, '2030,5', 'fi');"
        "process.stdout.write(JSON.stringify(r));",
        {"q": qs},
    )
    assert out == {
        "fill": True,
        "fillNo": False,
        "numComma": True,
        "numOut": False,
        "numEn": 1234.5,
        "numFi": 1234.5,
        "multi": True,
        "multiNo": False,
        "match": "1.c,2.a,3.b",
        "matchKey": "1.a,2.b,3.c",
        "order": "3,1,2",
        "tf": "ff",
        "num": "2030.5",
    }


def test_status_rules() -> None:
    """The result is final (passed, failed or completed) only when nothing can change it."""
    data = course_data(sample_course(), Catalog("fi"))
    shell = json.dumps(str(RUNTIME / "session.js"))
    fmt = json.dumps(str(RUNTIME / "format.js"))
    out = node(
        f"const Sh = require({shell});"
        "const st = S.fresh(input), r = [];"
        "const ev = (m, c) => { const e = Sh.evaluate("
        " c ? Object.assign({}, input, {completion: c}) : input, st, m);"
        " return [e.status, e.score, e.final]; };"
        "r.push(ev(80));"
        "st.visited = [true, true, false];"
        "st.quizzes[0] = {attempts: 2, seed: 1, best: 10000, order: null, answers: []};"
        "st.quizzes[2] = {attempts: 1, seed: 1, best: 5000, order: [0, 1, 2], answers: [0, 0, 0]};"
        "r.push(ev(80)); r.push(ev(90));"
        "st.visited = [true, true, true];"
        "r.push(ev(80)); r.push(ev(90)); r.push(ev(null));"
        "st.quizzes[2].attempts = 3; st.quizzes[2].answers = [];"
        "r.push(ev(90));"
        "st.quizzes[2].answers = [0, 0, 0];"
        "r.push(ev(90)); r.push(ev(90, ['viewed']));"
        "st.visited = [true, false, true];"
        "r.push(ev(90)); r.push(ev(90, ['viewed']));"
        f"r.push(require({fmt}).timespan(3723400));"
        "process.stdout.write(JSON.stringify(r));",
        data,
    )
    assert out == [
        ["incomplete", None, False],
        ["incomplete", 83.33, False],  # passing score, but a page is not viewed yet
        ["incomplete", 83.33, False],  # failing score, but the pool has attempts left
        ["passed", 83.33, True],
        ["incomplete", 83.33, False],  # the learner can still come back and retry
        ["completed", 83.33, True],  # no mastery score: done is completed
        ["incomplete", 83.33, False],  # the last attempt is under way
        ["failed", 83.33, True],  # no attempts left: final
        ["completed", 83.33, True],  # the rule asks only for viewing; the gradebook says fail
        ["failed", 83.33, True],  # a final fail does not wait for the pages
        ["incomplete", 83.33, False],
        "01:02:03",
    ]


def test_bound_is_exact_per_module_in_multi_sco_mode() -> None:
    """Each module's SCO stores only its part (SBState.part), bounded by state.scopes()."""
    course = sample_course(sco_mode="multi")
    data = course_data(course, Catalog("fi"))
    for i, part in enumerate(state.scopes(course)):
        st = worst_state(part)
        out = node(
            "const p = S.part(input.course, input.i), text = S.encode(p.course, input.state);"
            "console.warn = () => {};"
            "process.stdout.write(JSON.stringify({text, off: p.offset,"
            " back: R.restore(p.course, text), other: R.restore(input.course, text)}));",
            {"course": data, "i": i, "state": st},
        )
        assert len(out["text"]) == state.worst_case_length(part)
        key = state.course_key(course, part.modules[0])
        assert out["text"].split("|")[1] == key == data["modules"][i]["key"] != data["key"]
        assert out["back"] == {"state": st, "redo": []}
        assert out["other"] is None  # another SCO's (or the whole course's) data is refused
        assert out["off"] == i  # the sample course has one quiz per module


def test_too_much_state_in_multi_sco_mode_names_the_module() -> None:
    fills = tuple(replace(questions()[3], id=f"f{i}", answers=("x" * 120,)) for i in range(20))
    quiz = Quiz(id="kirjoitus", title="Kirjoita", questions=fills, source="quizzes/k.yml:3")
    small = Quiz(id="pieni", title="Pieni", questions=questions()[:1])
    course = replace(sample_course(sco_mode="multi"), modules=(module(1, small), module(2, quiz)))
    (problem,) = state.suspend_data_problems(course)
    assert "02-osio-2" in problem.message and "kirjoitus" in problem.message


# Whitespace of every kind (what regular expressions call \s), tags, entities and words.
FRAGMENT = st.lists(
    st.sampled_from(
        [
            *" \t\n\r\x0b\x0c\x1c\x85\xa0\u2028\u3000",
            *("<p>", "</em>", "<a href='x'>", "<", ">"),
            *("&amp;", "&nbsp;", "&#32;", "&#x85;", "&"),
            *("é", "word", "1"),
        ]
    )
).map("".join)


@given(FRAGMENT)
def test_plain_text_is_the_words_of_the_fragment(fragment: str) -> None:
    # Content hashes in published packages were made of exactly these words.
    words = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]*>", " ", fragment))).strip()
    assert state.plain_text(fragment) == words


def test_plain_text_drops_tags_and_reads_entities() -> None:
    assert state.plain_text("<p>Tom &amp;\n <em>Jerry</em>\u00a0 </p>") == "Tom & Jerry"
