// @ts-check
/* A small course as render/pages.py writes it into course-data.js: one quiz of every
 * question type, a pooled quiz and a practice quiz, for the runtime's unit tests. */
"use strict";

/** @typedef {import("../../src/scormbuild/runtime/types").CourseData} CourseData */
/** @typedef {import("../../src/scormbuild/runtime/types").QuestionData} QuestionData */

/** @type {Record<string, QuestionData>} */
const QUESTIONS = {
  single: { id: "q1", h: "h001", type: "single", points: 1, n: 3, ids: ["a", "b", "c"], ml: 0, key: [1] },
  multiple: { id: "q2", h: "h002", type: "multiple", points: 2, n: 7, ids: ["a", "b", "c", "d", "e", "f", "g"], ml: 0, key: [0, 5] },
  truefalse: { id: "q3", h: "h003", type: "truefalse", points: 1, n: 2, ids: ["true", "false"], ml: 0, key: [1] },
  fill: { id: "q4", h: "h004", type: "fill", points: 1, n: 0, ids: [], ml: 40, key: { a: ["Tulos-kortti", "tuloskortti"], cs: false } },
  numeric: { id: "q5", h: "h005", type: "numeric", points: 1, n: 0, ids: [], ml: 24, key: [2030, 2031, 2030.5] },
  matching: { id: "q6", h: "h006", type: "matching", points: 1, n: 3, ids: ["1", "2", "3"], ml: 0, key: [] },
  ordering: { id: "q7", h: "h007", type: "ordering", points: 1, n: 4, ids: ["w", "x", "y", "z"], ml: 0, key: [] }
};

/** @returns {CourseData} */
function course() {
  const questions = Object.values(QUESTIONS);
  return {
    id: "kurssi", title: "Kurssi", lang: "fi", key: "ck01", fp: "ab12", mastery: 80,
    completion: ["viewed", "passed"],
    modules: [
      { id: "m01-yksi", title: "Yksi", href: "modules/01-yksi.html", k: "m001", key: "m1ky", fp: "m1fp" },
      { id: "m02-kaksi", title: "Kaksi", href: "modules/02-kaksi.html", k: "m002", key: "m2ky", fp: "m2fp" }
    ],
    quizzes: [
      { id: "kaikki", title: "Kaikki", k: "qz01", sk: "sk01", module: "m01-yksi", graded: true, attempts: 2, drawn: 7, so: false,
        sq: false, sc: true, show: true, max: 8, questions },
      { id: "pooli", k: "qz02", sk: "sk02", module: "m02-kaksi", graded: true, attempts: 0, drawn: 3, so: true,
        sq: true, sc: false, show: false, max: 3,
        questions: [QUESTIONS.single, QUESTIONS.truefalse, QUESTIONS.matching, QUESTIONS.ordering, QUESTIONS.fill] },
      { id: "harjoitus", k: "qz03", sk: "sk03", module: "m02-kaksi", graded: false, attempts: 0, drawn: 1, so: false,
        sq: false, sc: false, show: true, max: 1,
        questions: [QUESTIONS.single] }
    ],
    strings: {}
  };
}

module.exports = { QUESTIONS, course };
