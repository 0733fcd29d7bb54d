// @ts-check
/* resume.js: progress saved by one version of the course, read by the next (the package
 * replaced in the LMS). tests/test_resume.py does the same with courses built for real. */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const S = require("../../src/scormbuild/runtime/state.js");
const Q = require("../../src/scormbuild/runtime/quiz.js");
const R = require("../../src/scormbuild/runtime/resume.js");
const C = require("../../src/scormbuild/runtime/constants.json");
const { QUESTIONS, course } = require("./fixtures.js");

/** @typedef {import("../../src/scormbuild/runtime/types").CourseData} CourseData */

/* Version 1: both modules seen, quiz "kaikki" finished with every answer but the first right
 * (7 of 8 points), the pool's
 * attempt drew questions 0, 1 and 3 (single, truefalse, ordering) and is half answered. */
function saved() {
  const c = course(), st = S.fresh(c);
  st.visited = [true, true];
  st.interactions = 9;
  st.quizzes[0] = Object.assign(Q.newAttempt(c.quizzes[0], null, 5), {
    best: Q.scaled(7, 8), answers: [0, [0, 5], 1, "tuloskortti", "2030,5", [0, 1, 2], [0, 1, 2, 3]]
  });
  st.quizzes[1] = Object.assign(Q.newAttempt(c.quizzes[1], null, 1), { order: [0, 1, 3], answers: [1, 0, null] });
  return { text: S.encode(c, st), st };
}

/** Version 2 of the course: `change` applied to a fresh copy. @param {(c: CourseData) => void} change */
function version2(change) {
  const c = course();
  c.strings = { updated_redo: "Päivitetty: {parts}." };
  change(c);
  return c;
}

test("a course changed only in ways saved progress does not refer to keeps all of it", () => {
  const { text, st } = saved();
  const c = version2((c) => { c.title = "Uusi nimi"; c.mastery = 50; c.quizzes[0].attempts = 5; });
  const got = R.restore(c, text);
  assert.ok(got);
  assert.deepEqual(got, { state: st, redo: [] });
  assert.equal(R.notice(c, got.redo), "");
  assert.equal(S.encode(c, got.state), text);
});

test("a changed question loses its answer, and its quiz is named once", () => {
  const { text, st } = saved();
  const c = version2((c) => { c.quizzes[0].questions[1] = Object.assign({}, QUESTIONS.multiple, { h: "hx02" }); });
  const got = R.restore(c, text);
  assert.ok(got);
  const exam = got.state.quizzes[0];
  assert.deepEqual(exam.answers, [0, null, 1, "tuloskortti", "2030,5", [0, 1, 2], [0, 1, 2, 3]]);
  assert.equal(exam.best, null); // no score until the attempt is finished again
  assert.equal(exam.attempts, 1); // the update uses up no attempt
  assert.deepEqual(got.state.quizzes[1], st.quizzes[1]);
  assert.deepEqual(got.redo, [0]);
  assert.equal(R.notice(c, got.redo), "Päivitetty: Kaikki.");
  // Saved again by version 2, it reads back without anything to tell.
  const again = R.restore(c, S.encode(c, got.state));
  assert.deepEqual(again && again.redo, []);
});

test("a quiz without a title is named by its id", () => {
  const c = version2(() => {});
  assert.equal(R.notice(c, [1, 0]), "Päivitetty: pooli, Kaikki.");
});

test("new scoring computes the best score again from the answers kept", () => {
  const { text } = saved();
  const c = version2((c) => {
    c.quizzes[0].sk = "skx1"; // q1 is worth 3 points now: its wrong answer weighs more
    c.quizzes[0].questions = c.quizzes[0].questions.map((q) => q.id === "q1" ? Object.assign({}, q, { points: 3 }) : q);
  });
  const got = R.restore(c, text);
  assert.ok(got);
  assert.equal(got.state.quizzes[0].best, Q.scaled(7, 10));
  assert.deepEqual(got.redo, []); // every question still answered: nothing to redo
});

test("an added question reopens a finished attempt; a removed one is left out", () => {
  const { text } = saved();
  const extra = Object.assign({}, QUESTIONS.single, { id: "q8", h: "h008" });
  const added = version2((c) => { c.quizzes[0].questions = c.quizzes[0].questions.concat([extra]); c.quizzes[0].drawn = 8; });
  const got = R.restore(added, text);
  assert.ok(got);
  assert.deepEqual(got.state.quizzes[0].answers.slice(7), [null]);
  assert.equal(got.state.quizzes[0].best, null);
  assert.deepEqual(got.redo, [0]);

  const removed = version2((c) => { c.quizzes[0].questions = c.quizzes[0].questions.slice(1); c.quizzes[0].drawn = 6; });
  const left = R.restore(removed, text);
  assert.ok(left);
  assert.deepEqual(left.state.quizzes[0].answers, [[0, 5], 1, "tuloskortti", "2030,5", [0, 1, 2], [0, 1, 2, 3]]);
  assert.equal(left.state.quizzes[0].best, C.BEST_SCALE); // computed again: all right
  assert.deepEqual(left.redo, []);
});

test("a pool question gone is replaced by another of the pool, unanswered", () => {
  const { text } = saved();
  const c = version2((c) => { c.quizzes[1].questions = c.quizzes[1].questions.filter((q) => q.id !== "q3"); });
  const got = R.restore(c, text);
  assert.ok(got);
  const ids = c.quizzes[1].questions.map((q) => q.id); // q1, q6, q7, q4
  const pool = got.state.quizzes[1];
  assert.ok(pool.order);
  assert.deepEqual(pool.order.map((i) => ids[i]), ["q1", "q7", "q6"]);
  assert.deepEqual(pool.answers, [1, null, null]);
  assert.deepEqual(got.redo, [1]); // an answered question is gone: another to answer
});

test("visits follow the modules' keys, the bookmark follows the module's name", () => {
  const { text } = saved();
  const c = version2((c) => {
    c.modules = [
      { id: "m01-uusi", title: "Uusi", href: "modules/01-uusi.html", k: "m003" },
      { id: "m02-kaksi", title: "Kaksi", href: "modules/02-kaksi.html", k: "m002" },
      { id: "m03-yksi", title: "Yksi", href: "modules/03-yksi.html", k: "m001" }
    ];
  });
  const got = R.restore(c, text);
  assert.ok(got);
  assert.deepEqual(got.state.visited, [false, true, true]);
  assert.equal(R.where(c, "m01-yksi", got.state), "m03-yksi"); // renumbered
  assert.equal(R.where(c, "m02-kaksi", got.state), "m02-kaksi");
  assert.equal(R.where(c, "m04-poistettu", got.state), "m01-uusi"); // gone: the first not seen
  assert.equal(R.where(c, "", got.state), ""); // nothing saved: the start
  got.state.visited = [true, true, true];
  assert.equal(R.where(c, "m04-poistettu", got.state), ""); // gone, all seen: the start
});

test("whatever the saved text holds, reading it never throws", (t) => {
  t.mock.method(console, "warn", () => {});
  const c = course(), rand = Q.rng(2024), alphabet = "2|ck01hqzsm0123456789abxyz,.;:";
  const { text } = saved();
  for (let n = 0; n < 3000; n++) {
    let s = n % 2 ? text.slice(0, Math.floor(rand() * text.length)) : "2|ck01|";
    const extra = Math.floor(rand() * 40);
    for (let i = 0; i < extra; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
    const got = R.restore(c, s);
    assert.ok(got === null || (Array.isArray(got.redo) && got.state.quizzes.length === 3), s);
    if (got) assert.equal(typeof S.encode(c, got.state), "string");
  }
});
