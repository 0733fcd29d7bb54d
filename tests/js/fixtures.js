// @ts-check
/* A small course as render/pages.py writes it into course-data.js: one quiz of every
 * question type, a pooled quiz and a practice quiz, for the runtime's unit tests. */
"use strict";

/** @typedef {import("../../src/scormbuild/runtime/types").CourseData} CourseData */
/** @typedef {import("../../src/scormbuild/runtime/types").QuestionData} QuestionData */

/** @type {Record<string, QuestionData>} */
const QUESTIONS = {
  single: { id: "q1", type: "single", points: 1, n: 3, ids: ["a", "b", "c"], ml: 0, key: [1] },
  multiple: { id: "q2", type: "multiple", points: 2, n: 7, ids: ["a", "b", "c", "d", "e", "f", "g"], ml: 0, key: [0, 5] },
  truefalse: { id: "q3", type: "truefalse", points: 1, n: 2, ids: ["true", "false"], ml: 0, key: [1] },
  fill: { id: "q4", type: "fill", points: 1, n: 0, ids: [], ml: 40, key: { a: ["Tulos-kortti", "tuloskortti"], cs: false } },
  numeric: { id: "q5", type: "numeric", points: 1, n: 0, ids: [], ml: 24, key: [2030, 2031, 2030.5] },
  matching: { id: "q6", type: "matching", points: 1, n: 3, ids: ["1", "2", "3"], ml: 0, key: [] },
  ordering: { id: "q7", type: "ordering", points: 1, n: 4, ids: ["w", "x", "y", "z"], ml: 0, key: [] }
};

/** @returns {CourseData} */
function course() {
  const questions = Object.values(QUESTIONS);
  return {
    id: "kurssi", title: "Kurssi", lang: "fi", fp: "ab12", mastery: 80,
    completion: ["viewed", "passed"],
    modules: [
      { id: "m1", title: "Yksi", href: "modules/01.html", fp: "m1fp" },
      { id: "m2", title: "Kaksi", href: "modules/02.html", fp: "m2fp" }
    ],
    quizzes: [
      { id: "kaikki", module: "m1", graded: true, attempts: 2, drawn: 7, so: false,
        sq: false, sc: true, show: true, max: 8, questions },
      { id: "pooli", module: "m2", graded: true, attempts: 0, drawn: 3, so: true,
        sq: true, sc: false, show: false, max: 3,
        questions: [QUESTIONS.single, QUESTIONS.truefalse, QUESTIONS.matching, QUESTIONS.ordering, QUESTIONS.fill] },
      { id: "harjoitus", module: "m2", graded: false, attempts: 0, drawn: 1, so: false,
        sq: false, sc: false, show: true, max: 1,
        questions: [QUESTIONS.single] }
    ],
    strings: {}
  };
}

module.exports = { QUESTIONS, course };
