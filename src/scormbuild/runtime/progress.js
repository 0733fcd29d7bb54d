// @ts-check
/* scormbuild learner's path: each module's state, from the session's state. Pure, so node
 * tests can check the rules; nav.js shows them, and the finish page's results.
 *   "not-started"  the module has not been opened;
 *   "in-progress"  opened, and a graded quiz of it has no finished attempt, or scores below the
 *                  mastery score while it can still change (an attempt is left and the course's
 *                  result is not final);
 *   "passed"       its graded quizzes score at least the mastery score;
 *   "failed"       they score below it, and that can no longer change;
 *   "done"         opened, and nothing in it is judged (no graded quiz, or no mastery score). */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("./constants.json"));
  else root.SBProgress = factory(root.SBConstants);
})(/** @type {any} */ (this), /** @param {import("./types").Constants} C */ function (C) {
  "use strict";
  /** @typedef {import("./types").QuizData} QuizData */
  /** @typedef {import("./types").QuizState} QuizState */

  /** The percentage (0-100, two decimals) of a graded quiz's best attempt, or null.
   * @param {QuizState} qs */
  function percent(qs) {
    return qs.best === null || qs.best === undefined ? null : Math.round(qs.best / C.BEST_SCALE * 1e4) / 100;
  }

  /** Whether a graded quiz may still be tried again: not perfect and an attempt is left.
   * @param {QuizData} quiz @param {QuizState} qs */
  function retakable(quiz, qs) { return qs.best !== C.BEST_SCALE && (!quiz.attempts || qs.attempts < quiz.attempts); }

  /** @param {import("./types").CourseData} course @param {import("./types").LearnerState} st
   * @param {number | null} mastery @param {{final: boolean}} [ev] @returns {string[]} */
  function states(course, st, mastery, ev) {
    return course.modules.map(function (m, i) {
      var earned = 0, total = 0, unfinished = false, open = false;
      if (!st.visited[i]) return "not-started";
      course.quizzes.forEach(function (quiz, k) {
        var qs = st.quizzes[k];
        if (quiz.module !== m.id || !quiz.graded) return;
        total += quiz.max;
        if (qs.best === null || qs.best === undefined) unfinished = true;
        else earned += quiz.max * qs.best / C.BEST_SCALE;
        open = open || retakable(quiz, qs);
      });
      if (ev && ev.final) unfinished = open = false;
      if (unfinished) return "in-progress";
      if (!total || mastery === null || mastery === undefined) return "done";
      if (Math.round(earned / total * 1e4) / 100 >= mastery) return "passed";
      return open ? "in-progress" : "failed";
    });
  }

  return { states: states, percent: percent };
});
