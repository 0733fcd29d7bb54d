// @ts-check
/* state.js: the suspend_data codec (format 2, and format 1 still read), round trips and the
 * data it refuses. Round trips go through resume.js, as a session reads its own data back. */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const S = require("../../src/scormbuild/runtime/state.js");
const Q = require("../../src/scormbuild/runtime/quiz.js");
const R = require("../../src/scormbuild/runtime/resume.js");
const C = require("../../src/scormbuild/runtime/constants.json");
const { course } = require("./fixtures.js");

/** @param {import("../../src/scormbuild/runtime/types").CourseData} c @param {string} text */
function back(c, text) {
  const got = R.restore(c, text);
  assert.ok(got, "the package reads its own data");
  assert.deepEqual(got.redo, []);
  return got.state;
}

test("a fresh state is short and reads back as it was", () => {
  const c = course(), st = S.fresh(c);
  assert.equal(S.encode(c, st), `${C.SUSPEND_DATA_VERSION}|ck01||0|`); // only started quizzes
  assert.deepEqual(back(c, S.encode(c, st)), st);
});

test("every answer type survives a round trip, each with its question's hash", () => {
  const c = course(), st = S.fresh(c);
  st.visited = [true, false];
  st.interactions = 41;
  st.quizzes[0] = Object.assign(Q.newAttempt(c.quizzes[0], null, 1234), {
    best: 6250, answers: [2, [0, 5, 6], 0, "a.b;c|d:e,f", " 2 030,5 ", [2, 0, 1], null]
  });
  st.quizzes[1] = Object.assign(Q.newAttempt(c.quizzes[1], null, C.SEED_LIMIT - 1), { answers: [null, 1] });
  const text = S.encode(c, st);
  // The key of the module seen, 41 interactions; quiz kaikki's key and scoring key, attempt 1,
  // seed 1234, best 6250, then hash + answer per question; the pool's three drawn questions
  // in the order shown (its order is the order of its entries).
  assert.equal(text, "2|ck01|m001|15|qz01sk01,1,ya,4tm,h0012.h00213.h0030.h004b:a.b;c|d:e,f."
    + "h0059: 2 030,5 .h006312.h007;qz02sk02,1,zzzz,,h001.h0031.h007");
  st.quizzes[1].answers.push(null); // unanswered questions read back as unanswered
  assert.deepEqual(back(c, text), st);
});

test("format 2 says what it refers to: keys, hashes and answer tokens", () => {
  const raw = S.read(course(), "2|ck01|m002m001|a|qz02sk02,3,1,2s0,h0031.h0015:a.b;c.h007");
  assert.deepEqual(raw, {
    key: "ck01", visited: ["m002", "m001"], interactions: 10,
    quizzes: [{ key: "qz02", scoring: "sk02", attempts: 3, seed: 1, best: 3600, entries: [
      { hash: "h003", token: "1", draft: false }, { hash: "h001", token: "5:a.b;c", draft: false },
      { hash: "h007", token: "", draft: false }
    ] }]
  });
});

test("attempts past the cap are saved as the cap", () => {
  const c = course(), st = S.fresh(c);
  st.quizzes[1] = Object.assign(Q.newAttempt(c.quizzes[1], null, 7), { attempts: C.ATTEMPT_CAP + 5 });
  assert.equal(back(c, S.encode(c, st)).quizzes[1].attempts, C.ATTEMPT_CAP);
});

for (const [why, text] of [
  ["empty", ""],
  ["not ours", "garbage"],
  ["of an unknown version", "3|ck01||0|"],
  ["another course's or language's", "2|zzzz||0|"],
  ["a module key cut short", "2|ck01|ab|0|"],
  ["an empty quiz", "2|ck01||0|;"],
  ["a quiz without entries", "2|ck01||0|qz01sk01,1,0,,"],
  ["a text cut short", "2|ck01||0|qz01sk01,1,0,,h0049:abc"],
  ["a negative attempt count", "2|ck01||0|qz01sk01,-1,0,,h001"],
  ["an interaction index past the cap", `2|ck01||${(C.INTERACTION_CAP + 1).toString(36)}|`],
  ["format 1 of another layout", "1|zzzz|0|0|;;"],
  ["format 1 with a bad flag set", "1|ab12|v|0|;;"],
  ["format 1 with a quiz too many", "1|ab12|0|0|;;;"],
  ["format 1 with a text cut short", "1|ab12|0|0|1,1,,,...15:abc;;"]
]) {
  test(`saved data is ignored when it is ${why}`, (t) => {
    t.mock.method(console, "warn", () => {});
    assert.equal(R.restore(course(), text), null);
  });
}

test("a text as long as its field is read; a longer one is dropped with its answer only", (t) => {
  t.mock.method(console, "warn", () => {});
  const c = course(), fits = back(c, `2|ck01||0|qz01sk01,1,1,,h001.h002.h003.h00414:${"a".repeat(40)}.h005.h006.h007`);
  assert.equal(fits.quizzes[0].answers[3], "a".repeat(40));
  const long = R.restore(c, `2|ck01||0|qz01sk01,1,1,,h0010.h00415:${"a".repeat(41)}`);
  assert.ok(long);
  assert.deepEqual(long.state.quizzes[0].answers, [0, null, null, null, null, null, null]);
  assert.deepEqual(long.redo, [0]); // an answer lost: the quiz is named to the learner
});

test("an answer that does not fit its question is dropped, in either format", (t) => {
  t.mock.method(console, "warn", () => {});
  const c = course();
  for (const text of ["1|ab12|0|0|1,1,,,3.10;;", "2|ck01||0|qz01sk01,1,1,,h0013.h00210.h003.h004.h005.h006.h007"]) {
    const got = R.restore(c, text); // the first question has three choices: 3 is none of them
    assert.ok(got, text);
    assert.deepEqual(got.state.quizzes[0].answers.slice(0, 2), [null, [0]]);
    assert.deepEqual(got.redo, [0], text);
  }
});

test("a question saved twice keeps its first answer only, in either format", (t) => {
  t.mock.method(console, "warn", () => {});
  const c = course();
  for (const text of ["1|ab12|0|0|;1,1,,000,1.0.1;", "2|ck01||0|qz02sk02,1,1,,h0011.h0010.h0011"]) {
    const got = R.restore(c, text);
    assert.ok(got, text);
    const pool = got.state.quizzes[1];
    assert.deepEqual([pool.order && pool.order[0], pool.answers[0]], [0, 1], text);
    assert.deepEqual(pool.answers.slice(1), [null, null], text);
    assert.deepEqual(got.redo, [1], text);
  }
});

test("format 1, saved by a package of the same layout, is still read", () => {
  const c = course();
  const st = back(c, "1|ab12|2|5|1,ya,4tm,,2.13..b:a.b;c|d:e,f;1,1,,013,.1;");
  assert.deepEqual(st.visited, [false, true]);
  assert.equal(st.interactions, 5);
  assert.deepEqual(st.quizzes[0], { attempts: 1, seed: 1234, best: 6250, order: null,
    answers: [2, [0, 5, 6], null, "a.b;c|d:e,f", null, null, null] });
  assert.deepEqual(st.quizzes[1], { attempts: 1, seed: 1, best: null, order: [0, 1, 3], answers: [null, 1, null] });
});

test("a module's part keeps its own quizzes and key", (t) => {
  t.mock.method(console, "warn", () => {});
  const c = course(), part = S.part(c, 1);
  assert.equal(part.offset, 1);
  assert.equal(part.course.key, "m2ky");
  assert.equal(part.course.fp, "m2fp");
  assert.deepEqual(part.course.quizzes.map((q) => q.id), ["pooli", "harjoitus"]);
  const text = S.encode(part.course, S.fresh(part.course));
  assert.equal(text, "2|m2ky||0|");
  assert.equal(R.restore(c, text), null); // the whole course does not read a module's data
});

test("flags are five to a base-32 digit", () => {
  assert.equal(S.bits([true, false, false, false, false, true], 6), "11");
  assert.equal(S.bits([], 0), "");
});
