// @ts-check
/* scormbuild resume: the progress an earlier version of the course saved, read by this one.
 * An LMS that gets a new version of a package (Moodle: the activity's package file replaced)
 * hands it the suspend_data and lesson_location the old version wrote. Saved progress in
 * format 2 says what it refers to (state.js), so:
 *   - a visit counts for the module with the same key (its file name without the number);
 *   - an answer is kept when its question has the same content hash, dropped otherwise; so
 *     is an exam's answer given but not submitted (a draft), which scores nothing;
 *   - an attempt whose questions are no longer all there is completed with other questions
 *     of the quiz (or cut to the pool's size);
 *   - a quiz whose attempt or scoring changed has its best score computed again from the
 *     answers that remain (none until the attempt is finished);
 *   - the quizzes with questions to answer again (changed, or new in a finished attempt) are
 *     named once, in the course language;
 *   - a location in a module that is gone becomes the first module not yet seen.
 * Nothing here throws: data that cannot be read is ignored, as a first visit.
 * Runs in the browser (window.SBResume) and in node (module.exports) for tests. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("./constants.json"), require("./format.js"), require("./state.js"),
      require("./quiz.js"));
  } else root.SBResume = factory(root.SBConstants, root.SBFormat, root.SBState, root.SBQuiz);
})(/** @type {any} */ (this), /**
 * @param {import("./types").Constants} C
 * @param {import("./format.js")} F
 * @param {import("./state.js")} S
 * @param {import("./quiz.js")} Q
 */ function (C, F, S, Q) {
  "use strict";

  /** @typedef {import("./types").CourseData} CourseData */
  /** @typedef {import("./types").QuizData} QuizData */
  /** @typedef {import("./types").QuizState} QuizState */
  /** @typedef {import("./types").LearnerState} LearnerState */
  /** @typedef {import("./types").Answer} Answer */
  /** @typedef {import("./types").SavedProgress} SavedProgress */
  /** @typedef {import("./types").SavedQuiz} SavedQuiz */
  /** @typedef {import("./types").Restored} Restored */

  /** One quiz's saved attempt onto `quiz` as it is now: its state, and whether the learner
   * has something to redo: the attempt has an unanswered question where it had none, or
   * answers were dropped (a question changed, or another was drawn for one gone).
   * @param {QuizData} quiz @param {SavedQuiz} saved @param {string} lang
   * @returns {{state: QuizState, redo: boolean}} */
  function quizState(quiz, saved, lang) {
    var qs = quiz.questions, n = qs.length, drawn = Math.min(quiz.drawn, n);
    /** @type {number[]} */
    var shown = [];
    /** @type {Answer[]} */
    var answers = [];
    /** @type {Answer[]} an exam's answers not yet submitted */
    var draft = [];
    var dropped = 0, finished = true;
    saved.entries.forEach(function (e) {
      var j = 0;
      /** @type {Answer} */
      var v = null;
      while (j < n && (qs[j].h !== e.hash || shown.indexOf(j) >= 0)) j++;
      if (j < n) {
        try { v = S.answer(qs[j], e.token); } catch (err) { j = n; }
      }
      if (!e.token || e.draft) finished = false;
      if (j < n && shown.length < drawn) (e.draft ? draft : answers)[shown.push(j) - 1] = v;
      else if (e.token) dropped++;
    });
    var same = !dropped && saved.entries.length === drawn && shown.length === drawn &&
      saved.scoring === quiz.sk;
    for (var j = 0; shown.length < drawn; j++) if (shown.indexOf(j) < 0) shown.push(j);
    /** One per question shown; with no stored order, every question in the natural one.
     * @param {Answer[]} list */
    function each(list) {
      return shown.map(function (_q, k) { var v = list[quiz.so ? k : shown.indexOf(k)]; return v == null ? null : v; });
    }
    /** @type {QuizState} */
    var st = {
      attempts: Math.max(1, Math.min(saved.attempts, quiz.attempts || C.ATTEMPT_CAP)),
      seed: saved.seed, best: saved.best, order: quiz.so ? shown : null, answers: each(answers)
    };
    if (quiz.exam) st.draft = each(draft); // a quiz no longer an exam drops them
    if (!same) { // scored again: no score until the attempt is finished
      var t = Q.tally(quiz, S.order(quiz, st), st.answers, lang);
      st.best = t.complete ? Q.scaled(t.earned, t.max) : null;
    }
    return { state: st, redo: !same && st.best === null && (finished || dropped > 0) };
  }

  /** The course's state from saved progress (state.js read()), and the quizzes to redo.
   * @param {CourseData} course @param {SavedProgress} saved @returns {Restored} */
  function migrate(course, saved) {
    var st = S.fresh(course);
    /** @type {number[]} */
    var redo = [];
    st.visited = course.modules.map(function (m) { return saved.visited.indexOf(m.k) >= 0; });
    st.interactions = saved.interactions;
    course.quizzes.forEach(function (quiz, i) {
      saved.quizzes.forEach(function (sq) {
        if (sq.key !== quiz.k) return;
        var got = quizState(quiz, sq, course.lang);
        st.quizzes[i] = got.state;
        if (got.redo) redo.push(i);
      });
    });
    return { state: st, redo: redo };
  }

  /** The progress any version of this course saved in `text`, read under this package; null
   * when there is none, or it is another course's or language's, or it cannot be read.
   * @param {CourseData} course @param {string} text @returns {Restored | null} */
  function restore(course, text) {
    if (!text) return null;
    var why = "saved by another course or language";
    try {
      var saved = S.read(course, text);
      if (saved.key === course.key) return migrate(course, saved);
    } catch (e) { why = /** @type {Error} */ (e).message; }
    if (typeof console !== "undefined") console.warn("scormbuild: ignoring saved progress:", why);
    return null;
  }

  /** What to tell the learner about `redo` (quiz indexes), in the course language; "" when
   * there is nothing to redo. @param {CourseData} course @param {number[]} redo */
  function notice(course, redo) {
    var names = redo.map(function (i) { return course.quizzes[i].title || course.quizzes[i].id; });
    return names.length ? F.fill(course.strings.updated_redo, { parts: names.join(", ") }) : "";
  }

  /** The module to resume at (its id): lesson_location's module, the same module under its
   * new number, or (it is gone) the first module not yet seen; "": start at the beginning.
   * @param {CourseData} course @param {string} location @param {LearnerState} st */
  function where(course, location, st) {
    /** @param {string} id */
    function name(id) { return id.replace(/^m[0-9]+-/, ""); }
    var ids = course.modules.map(function (m) { return m.id; }), i = ids.indexOf(location);
    if (location && i < 0) i = ids.map(name).indexOf(name(location));
    if (location && i < 0) i = st.visited.indexOf(false);
    return i < 0 ? "" : ids[i];
  }

  return { restore: restore, notice: notice, where: where };
});
