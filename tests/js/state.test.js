// @ts-check
/* state.js: the suspend_data codec, round trips and the data it refuses. */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const S = require("../../src/scormbuild/runtime/state.js");
const Q = require("../../src/scormbuild/runtime/quiz.js");
const C = require("../../src/scormbuild/runtime/constants.json");
const { course } = require("./fixtures.js");

test("a fresh state is short and reads back as it was", () => {
  const c = course(), st = S.fresh(c);
  assert.equal(S.encode(c, st), `${C.SUSPEND_DATA_VERSION}|ab12|0|0|;;`);
  assert.deepEqual(S.decode(c, S.encode(c, st)), st);
});

test("every answer type survives a round trip, unanswered questions too", () => {
  const c = course(), st = S.fresh(c);
  st.visited = [true, false];
  st.interactions = 41;
  st.quizzes[0] = Object.assign(Q.newAttempt(c.quizzes[0], null, 1234), {
    best: 6250, answers: [2, [0, 5, 6], 0, "a.b;c|d:e,f", " 2 030,5 ", [2, 0, 1], null]
  });
  st.quizzes[1] = Object.assign(Q.newAttempt(c.quizzes[1], null, C.SEED_LIMIT - 1), { answers: [null, 1] });
  const text = S.encode(c, st);
  // visited 1 (flags), 41 interactions; attempt 1, seed 1234, best 6250, no stored order,
  // then the answers; the pool stores the order of the three questions it drew.
  assert.equal(text, "1|ab12|1|15|1,ya,4tm,,2.13.0.b:a.b;c|d:e,f.9: 2 030,5 .312;1,zzzz,,013,.1;");
  const back = S.decode(c, text);
  assert.ok(back);
  // Trailing unanswered questions are not written, and read back as unanswered.
  assert.deepEqual(back.quizzes[1].answers, [null, 1, null]);
  st.quizzes[1].answers.push(null);
  assert.deepEqual(back, st);
});

test("attempts past the cap are saved as the cap", () => {
  const c = course(), st = S.fresh(c);
  st.quizzes[1] = Object.assign(Q.newAttempt(c.quizzes[1], null, 7), { attempts: C.ATTEMPT_CAP + 5 });
  const back = S.decode(c, S.encode(c, st));
  assert.equal(back && back.quizzes[1].attempts, C.ATTEMPT_CAP);
});

for (const [why, text] of [
  ["empty", ""],
  ["not ours", "garbage"],
  ["another version", "2|ab12|0|0|;;"],
  ["another course", "1|zzzz|0|0|;;"],
  ["a bad flag set", "1|ab12|v|0|;;"],
  ["a quiz too many", "1|ab12|0|0|;;;"],
  ["an interaction index past the cap", `1|ab12|0|${(C.INTERACTION_CAP + 1).toString(36)}|;;`],
  ["a choice out of range", "1|ab12|0|0|1,1,,,3;;"],
  ["an order that repeats a question", "1|ab12|0|0|;1,1,,000,;"],
  ["a text longer than its field", `1|ab12|0|0|1,1,,,...15:${"a".repeat(41)};;`]
]) {
  test(`saved data is ignored when it is ${why}`, (t) => {
    t.mock.method(console, "warn", () => {});
    assert.equal(S.decode(course(), text), null);
  });
}

test("a text as long as its field is read", () => {
  const back = S.decode(course(), `1|ab12|0|0|1,1,,,...14:${"a".repeat(40)};;`);
  assert.equal(back && back.quizzes[0].answers[3], "a".repeat(40));
});

test("a module's part keeps its own quizzes and fingerprint", () => {
  const c = course(), part = S.part(c, 1);
  assert.equal(part.offset, 1);
  assert.equal(part.course.fp, "m2fp");
  assert.deepEqual(part.course.quizzes.map((q) => q.id), ["pooli", "harjoitus"]);
  assert.equal(S.decode(c, S.encode(part.course, S.fresh(part.course))), null);
});

test("flags are five to a base-32 digit", () => {
  assert.equal(S.bits([true, false, false, false, false, true], 6), "11");
  assert.equal(S.bits([], 0), "");
});
