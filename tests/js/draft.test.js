// @ts-check
/* An exam's answers given but not yet submitted (drafts): saved with the attempt in
 * suspend_data (state.js), read back by a later session or version (resume.js), and never
 * scored or reported before the submission (session.js). */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const S = require("../../src/scormbuild/runtime/state.js");
const Q = require("../../src/scormbuild/runtime/quiz.js");
const R = require("../../src/scormbuild/runtime/resume.js");
const Session = require("../../src/scormbuild/runtime/session.js");
const { QUESTIONS, course } = require("./fixtures.js");
const { fakeApi, fakeWindow } = require("./lms.js");

/** The fixture course with its first quiz (every question type) in exam mode. */
function examCourse() {
  const c = course();
  c.quizzes[0].exam = true;
  return c;
}

/** The exam's attempt under way: five answers given, one matching row of three, nothing
 * submitted. */
function underWay() {
  const c = examCourse(), st = S.fresh(c);
  st.quizzes[0] = Object.assign(Q.newAttempt(c.quizzes[0], null, 1234), {
    draft: [1, [0, 5], null, "a.b;c|d:e,f~", null, [-1, 2, -1], [3, 0, 1, 2]]
  });
  return { c, st };
}

test("an exam's answers not yet submitted are saved as drafts, marked ~, and read back", () => {
  const { c, st } = underWay();
  const text = S.encode(c, st);
  assert.equal(text, "2|ck01||0|qz01sk01,1,ya,,h001~1.h002~11.h003.h004~c:a.b;c|d:e,f~"
    + ".h005.h006~030.h007~3012");
  const back = R.restore(c, text);
  assert.ok(back);
  assert.deepEqual(back, { state: Object.assign({}, st, { quizzes: [
    Object.assign({}, st.quizzes[0], { answers: [null, null, null, null, null, null, null] }),
    st.quizzes[1], st.quizzes[2]] }), redo: [] });
  // Saved again, the same text: nothing changes by leaving and coming back.
  assert.equal(S.encode(c, back.state), text);
});

test("a submitted answer is saved as the answer, never as a draft", () => {
  const { c, st } = underWay();
  st.quizzes[0].answers = [1, [0, 5], 0, "x", "2030", [0, 1, 2], [0, 1, 2, 3]];
  const text = S.encode(c, st);
  assert.doesNotMatch(text, /~/);
  const back = R.restore(c, text);
  assert.ok(back);
  assert.deepEqual(back.state.quizzes[0].answers, st.quizzes[0].answers);
  assert.deepEqual(back.state.quizzes[0].draft, [null, null, null, null, null, null, null]);
});

test("only a quiz in exam mode saves drafts, and only a quiz in exam mode reads them", () => {
  const { c, st } = underWay();
  const instant = course(); // the same course, its first quiz answered one by one
  assert.doesNotMatch(S.encode(instant, st), /~/);
  // A package updated from exam to instant mode: the drafts go, the attempt stays.
  const back = R.restore(instant, S.encode(c, st));
  assert.ok(back);
  assert.equal(back.state.quizzes[0].draft, undefined);
  assert.deepEqual([back.state.quizzes[0].seed, back.redo], [1234, []]);
});

test("a draft whose question changed is dropped, and its quiz named once", () => {
  const { c, st } = underWay();
  const text = S.encode(c, st);
  const v2 = examCourse();
  v2.strings = { updated_redo: "Päivitetty: {parts}." };
  v2.quizzes[0].questions[1] = Object.assign({}, QUESTIONS.multiple, { h: "hx02" });
  const got = R.restore(v2, text);
  assert.ok(got);
  assert.deepEqual(got.state.quizzes[0].draft, [1, null, null, "a.b;c|d:e,f~", null, [-1, 2, -1], [3, 0, 1, 2]]);
  assert.deepEqual(got.state.quizzes[0].answers, [null, null, null, null, null, null, null]);
  assert.deepEqual(got.redo, [0]);
  assert.equal(R.notice(v2, got.redo), "Päivitetty: Kaikki.");
});

test("a draft that does not fit its question is dropped alone", (t) => {
  t.mock.method(console, "warn", () => {});
  const got = R.restore(examCourse(), "2|ck01||0|qz01sk01,1,1,,h001~9.h002~11.h003.h004.h005.h006.h007");
  assert.ok(got);
  assert.deepEqual(got.state.quizzes[0].draft, [null, [0, 5], null, null, null, null, null]);
});

test("saved state of an older package (format 2 without drafts) still loads in an exam", () => {
  const c = examCourse();
  const got = R.restore(c, "2|ck01|m001|0|qz01sk01,1,ya,,h001.h002.h003.h004.h005.h006.h007");
  assert.ok(got);
  const none = [null, null, null, null, null, null, null];
  assert.deepEqual(got.state.quizzes[0], { attempts: 1, seed: 1234, best: null, order: null,
    answers: none, draft: none });
  assert.deepEqual(got.redo, []);
});

test("drafts are neither scored nor reported, even when they are all right", () => {
  const api = fakeApi(), win = fakeWindow(api), c = examCourse();
  c.quizzes = c.quizzes.slice(0, 1);
  const session = Session.open(/** @type {any} */ (win), c, () => {});
  session.visit(0);
  session.visit(1);
  const qs = Q.newAttempt(c.quizzes[0], null, 3);
  qs.draft = [1, [0, 5], 1, "tuloskortti", "2030", [0, 1, 2], [0, 1, 2, 3]];
  session.saveQuiz(0, qs, null);
  assert.equal(session.locked(), "");
  win.fire("pagehide", { persisted: false });
  const set = Object.fromEntries(api.sets());
  assert.equal(set["cmi.core.lesson_status"], "incomplete");
  assert.equal(set["cmi.core.score.raw"], undefined);
  assert.equal(Object.keys(set).filter((k) => k.startsWith("cmi.interactions")).length, 0);
  const back = R.restore(c, set["cmi.suspend_data"]);
  assert.deepEqual(back && back.state.quizzes[0].draft, qs.draft);
});
