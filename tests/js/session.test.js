// @ts-check
/* session.js: the result rules, and what a session writes (and does not write) to the LMS. */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const Session = require("../../src/scormbuild/runtime/session.js");
const S = require("../../src/scormbuild/runtime/state.js");
const R = require("../../src/scormbuild/runtime/resume.js");
const C = require("../../src/scormbuild/runtime/constants.json");
const { course } = require("./fixtures.js");
const { fakeApi, fakeWindow } = require("./lms.js");

/** A quiz after `attempts` attempts, the last one finished (every question answered).
 * @param {number} attempts @param {number | null} best */
function quizState(attempts, best) {
  return { attempts, seed: 1, best, order: null, answers: [0, 0, 0, 0, 0, 0, 0] };
}

test("nothing done is incomplete, with no score", () => {
  const c = course();
  assert.deepEqual(Session.evaluate(c, S.fresh(c), 80), { status: "incomplete", score: null, viewed: false, final: false });
});

test("a passing score passes once every page is viewed", () => {
  const c = course(), st = S.fresh(c);
  st.quizzes[0] = quizState(1, 9000);
  st.quizzes[1] = quizState(1, C.BEST_SCALE);
  const ev = () => Session.evaluate(c, st, 80);
  assert.deepEqual([ev().status, ev().score], ["incomplete", 92.73]);
  st.visited = [true, true];
  assert.deepEqual([ev().status, ev().final], ["passed", true]);
});

test("a failing score fails only when no attempt is left to change it", () => {
  const c = course(), st = S.fresh(c);
  st.visited = [true, true];
  st.quizzes[0] = quizState(1, 1000);
  st.quizzes[1] = quizState(1, 1000);
  c.quizzes[1].attempts = 1;
  assert.equal(Session.evaluate(c, st, 80).status, "incomplete"); // the first quiz has one more
  st.quizzes[0].attempts = 2;
  st.quizzes[0].answers[6] = null;
  assert.equal(Session.evaluate(c, st, 80).status, "incomplete"); // its last attempt is under way
  st.quizzes[0].answers[6] = 0;
  assert.equal(Session.evaluate(c, st, 80).status, "failed");
  assert.equal(Session.evaluate(Object.assign({}, c, { completion: ["viewed"] }), st, 80).status, "completed");
  assert.equal(Session.evaluate(c, st, null).status, "completed"); // no mastery score
});

test("a review session writes nothing, and says so", () => {
  const api = fakeApi({ "cmi.core.lesson_mode": "review" }), win = fakeWindow(api);
  /** @type {string[]} */
  const said = [];
  const c = course();
  c.strings = { mode_review: "review" };
  const session = Session.open(/** @type {any} */ (win), c, (text) => said.push(text));
  session.saveQuiz(0, quizState(1, 5000), null);
  session.visit(0);
  win.fire("pagehide", { persisted: false });
  assert.deepEqual(api.sets(), []);
  assert.deepEqual(said, ["review"]);
  assert.equal(session.locked(), "quiz_locked_view");
  assert.deepEqual(api.calls.at(-1), ["LMSFinish"]);
});

test("a first session saves its state once, when the page is left", () => {
  const api = fakeApi(), win = fakeWindow(api), c = course();
  const session = Session.open(/** @type {any} */ (win), c, () => {});
  session.visit(1);
  assert.deepEqual(api.sets(), [["cmi.core.lesson_location", "m02-kaksi"]]); // held back: not final yet
  win.fire("pagehide", { persisted: false });
  const set = Object.fromEntries(api.sets());
  assert.equal(set["cmi.core.lesson_status"], "incomplete");
  assert.equal(set["cmi.core.exit"], "suspend");
  assert.match(set["cmi.core.session_time"], /^\d\d:\d\d:\d\d$/);
  const back = R.restore(c, set["cmi.suspend_data"]);
  assert.deepEqual(back && back.state, Object.assign(S.fresh(c), { visited: [false, true] }));
  assert.deepEqual(api.calls.filter((call) => call[0] === "LMSFinish").length, 1);
});

test("an LMS that refuses to open the session leaves the quizzes read-only", () => {
  const api = fakeApi(), win = fakeWindow(api);
  api.initialize = "false";
  /** @type {string[]} */
  const said = [];
  const c = course();
  c.strings = { lms_refused: "refused" };
  const session = Session.open(/** @type {any} */ (win), c, (text) => said.push(text));
  assert.deepEqual([session.tracked, session.locked(), said], [false, "quiz_locked_view", ["refused"]]);
});

test("answers submitted together are saved together, each with its interaction", () => {
  const api = fakeApi(), win = fakeWindow(api), c = course();
  const session = Session.open(/** @type {any} */ (win), c, () => {});
  session.visit(0);
  session.visit(1);
  session.saveQuiz(1, { attempts: 1, seed: 1, best: C.BEST_SCALE, order: [0, 1, 4], answers: [1, 1, "tuloskortti"] }, null);
  /** @type {import("../../src/scormbuild/runtime/types").Interaction[]} */
  const its = [0, 1, 2].map((n) => ({ id: "exam.q" + n, type: "choice", response: "a", correct: "a",
    result: "correct", weighting: 1, latency: 1000, time: "10:00:00" }));
  // An exam's submission: the save that makes the result final carries every interaction.
  session.saveQuiz(0, { attempts: 1, seed: 1, best: C.BEST_SCALE, order: null,
    answers: [1, [0, 5], 1, "tuloskortti", "2030", [0, 1, 2], [0, 1, 2, 3]] }, its);
  assert.equal(session.locked(), "quiz_locked_final");
  const set = Object.fromEntries(api.sets());
  assert.deepEqual([0, 1, 2].map((n) => set[`cmi.interactions.${n}.id`]), ["exam.q0", "exam.q1", "exam.q2"]);
  assert.equal(set["cmi.interactions.3.id"], undefined);
});
