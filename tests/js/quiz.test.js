// @ts-check
/* quiz.js: attempts, scoring and the SCORM 1.2 interaction formats. */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const Q = require("../../src/scormbuild/runtime/quiz.js");
const C = require("../../src/scormbuild/runtime/constants.json");
const { QUESTIONS: q, course } = require("./fixtures.js");

test("the generator is seeded: the same seed, the same numbers", () => {
  const a = Q.rng(42), b = Q.rng(42), c = Q.rng(43);
  const first = [a(), a(), a()];
  assert.deepEqual([b(), b(), b()], first);
  assert.notDeepEqual([c(), c(), c()], first);
  assert.ok(first.every((x) => x >= 0 && x < 1));
});

test("a shuffle keeps every item", () => {
  const items = Array.from({ length: 20 }, (_, i) => i);
  const mixed = Q.shuffle(items.slice(), Q.rng(7));
  assert.notDeepEqual(mixed, items);
  assert.deepEqual(mixed.slice().sort((x, y) => x - y), items);
});

test("a pool draws its questions; without shuffling they keep their order", () => {
  const pool = course().quizzes[1];
  const first = Q.newAttempt(pool, null, 99);
  assert.equal(first.attempts, 1);
  assert.equal(first.order && first.order.length, 3);
  assert.equal(new Set(first.order).size, 3);
  const second = Q.newAttempt(pool, Object.assign(first, { best: 5000 }), 100);
  assert.deepEqual([second.attempts, second.best, second.answers], [2, 5000, []]);
  const sorted = Q.newAttempt(Object.assign({}, pool, { sq: false }), null, 99);
  assert.deepEqual(sorted.order, (first.order || []).slice().sort((x, y) => x - y));
  const plain = Q.newAttempt(course().quizzes[0], null);
  assert.equal(plain.order, null);
  assert.ok(plain.seed >= 0 && plain.seed < C.SEED_LIMIT);
});

test("numbers are read as learners type them", () => {
  assert.equal(Q.parseNumber("1 234,5", "fi"), 1234.5);
  assert.equal(Q.parseNumber("\u22122,5", "sv"), -2.5);
  assert.equal(Q.parseNumber("1,234.5", "en"), 1234.5);
  assert.equal(Q.parseNumber("1,5", "en"), NaN);
  assert.ok(Number.isNaN(Q.parseNumber("kaksi", "fi")));
});

test("answers are scored by their type", () => {
  assert.ok(Q.isCorrect(q.single, 1, "fi"));
  assert.ok(!Q.isCorrect(q.single, 0, "fi"));
  assert.ok(Q.isCorrect(q.multiple, [5, 0], "fi"));
  assert.ok(!Q.isCorrect(q.multiple, [0], "fi"));
  assert.ok(Q.isCorrect(q.fill, "  TULOS-kortti ", "fi"));
  assert.ok(!Q.isCorrect(q.fill, "tulos kortti", "fi"));
  assert.ok(Q.isCorrect(q.numeric, "2030,25", "fi"));
  assert.ok(!Q.isCorrect(q.numeric, "2031,5", "fi"));
  assert.ok(Q.isCorrect(q.matching, [0, 1, 2], "fi"));
  assert.ok(!Q.isCorrect(q.ordering, [1, 0, 2, 3], "fi"));
  assert.ok(!Q.isCorrect(q.single, null, "fi"));
});

test("a case-sensitive fill-in answer must match its case", () => {
  const exact = Object.assign({}, q.fill, { key: { a: ["Helsinki"], cs: true } });
  assert.ok(Q.isCorrect(exact, " Helsinki", "fi"));
  assert.ok(!Q.isCorrect(exact, "helsinki", "fi"));
});

test("responses and patterns take the SCORM 1.2 formats", () => {
  assert.equal(Q.response(q.multiple, [0, 5], "fi"), "a,f");
  assert.equal(Q.pattern(q.multiple), "a,f");
  assert.equal(Q.response(q.truefalse, 1, "fi") + Q.pattern(q.truefalse), "ff");
  assert.equal(Q.response(q.matching, [2, 0, -1], "fi"), "1.c,2.a,3.");
  assert.equal(Q.pattern(q.matching), "1.a,2.b,3.c");
  assert.equal(Q.response(q.ordering, [3, 0, 1, 2], "fi"), "z,w,x,y");
  assert.equal(Q.response(q.numeric, "2 030,5", "fi"), "2030.5");
  assert.equal(Q.pattern(q.numeric), "2030.5");
  assert.equal(Q.pattern(q.fill), "Tulos-kortti");
});

test("an interaction carries the answer, its result and its weight", () => {
  const quiz = course().quizzes[0];
  const it = Q.interaction(quiz, q.single, 2, false, 1500, "fi");
  assert.deepEqual(
    [it.id, it.type, it.response, it.correct, it.result, it.weighting, it.latency],
    ["kaikki.q1", "choice", "c", "b", "wrong", 1, 1500]
  );
  assert.match(it.time, /^\d\d:\d\d:\d\d$/);
});

test("an attempt's points are scaled to its best", () => {
  assert.equal(Q.scaled(1, 3), Math.round(C.BEST_SCALE / 3));
  assert.equal(Q.scaled(0, 0), C.BEST_SCALE);
});

test("an attempt is tallied over the questions it shows, complete once all are answered", () => {
  const pool = course().quizzes[1]; // single (1 point), truefalse, matching, ordering, fill
  assert.deepEqual(Q.tally(pool, [0, 2, 3], [1, [0, 1, 2], [3, 2, 1, 0]], "fi"), { earned: 2, max: 3, complete: true });
  assert.deepEqual(Q.tally(pool, [4, 1], ["tuloskortti", null], "fi"), { earned: 1, max: 2, complete: false });
  assert.deepEqual(Q.tally(pool, [], [], "fi"), { earned: 0, max: 0, complete: true });
});
