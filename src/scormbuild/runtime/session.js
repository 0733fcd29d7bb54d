// @ts-check
/* scormbuild SCORM session: one SCO's session, from LMSInitialize to LMSFinish.
 * The launch page opens it for the whole course (single-SCO mode); a module page that the
 * LMS launches as its own SCO opens it for that module alone (multi-SCO mode).
 *
 * Moodle stores saves it sends as beacons (after a switch between SCOs, and while a page
 * unloads) in any order when they are sent close together. So the package never sends two
 * values of its status in one session that could cross: lesson_status travels in at most one
 * save, "incomplete" with the first save or the final result (with its score) with the save
 * that has it; a first session saves nothing before its result is final, the page is hidden
 * or it is left; and saves are at least SAVE_GAP_MS apart, LMSFinish included. See
 * docs/runtime.md. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("./constants.json"), require("./format.js"), require("./state.js"),
      require("./resume.js"), require("./scorm-api.js"));
  } else root.SBSession = factory(root.SBConstants, root.SBFormat, root.SBState, root.SBResume, root.SBApi);
})(/** @type {any} */ (this), /**
 * @param {import("./types").Constants} C
 * @param {import("./format.js")} F
 * @param {import("./state.js")} S
 * @param {import("./resume.js")} R
 * @param {import("./scorm-api.js")} Api
 */ function (C, F, S, R, Api) {
  "use strict";

  /** @typedef {import("./types").CourseData} CourseData */
  /** @typedef {import("./types").QuizData} QuizData */
  /** @typedef {import("./types").QuizState} QuizState */
  /** @typedef {import("./types").LearnerState} LearnerState */
  /** @typedef {import("./types").Interaction} Interaction */
  /** @typedef {{status: string, score: number | null, viewed: boolean, final: boolean}} Result */
  // Saves within one session are at least this far apart; later changes wait and go together.
  var SAVE_GAP_MS = 1000;
  var FINAL = ["passed", "completed", "failed"];

  /** Whether a graded quiz can still change its best score: not perfect, and an attempt is
   * under way or another may be started. @param {QuizData} quiz @param {QuizState} qs */
  function open(quiz, qs) {
    if (qs.best === C.BEST_SCALE) return false;
    var shown = S.order(quiz, qs).length;
    for (var k = 0; qs.attempts && k < shown; k++) if (qs.answers[k] === null || qs.answers[k] === undefined) return true;
    return !quiz.attempts || qs.attempts < quiz.attempts;
  }

  /** The result of the course (or of one module's part of it) from the learner's state; pure,
   * so node tests can check the rules.
   *   score  0-100 of the graded points (best attempts) once every graded quiz has a finished
   *          attempt, else null.
   *   status "passed": the completion rule is met and the score reaches the mastery score;
   *          "failed": the score is below it and no graded quiz can change it any more;
   *          "completed": the completion rule is met where nothing is judged against a
   *          mastery score (the graded work, if any, finished), or, when the rule does not
   *          ask for "passed", every page is viewed and the failing score is final;
   *          "incomplete": anything else.
   *   final  status is not "incomplete": the result is settled and graded quizzes lock.
   * @param {CourseData} course @param {LearnerState} st @param {number | null} mastery
   * @returns {Result} */
  function evaluate(course, st, mastery) {
    var graded = 0, done = true, canChange = false, earned = 0, total = 0;
    course.quizzes.forEach(function (quiz, i) {
      if (!quiz.graded) return;
      var qs = st.quizzes[i];
      graded++;
      total += quiz.max;
      if (qs.best === null || qs.best === undefined) done = false;
      else earned += quiz.max * qs.best / C.BEST_SCALE;
      if (open(quiz, qs)) canChange = true;
    });
    var viewed = st.visited.every(Boolean);
    var seen = course.completion.indexOf("viewed") < 0 || viewed;
    var needPass = course.completion.indexOf("passed") >= 0;
    // A percentage with two decimals (not BEST_SCALE: that is how a quiz stores its best).
    var score = graded && done && total > 0 ? Math.round(earned / total * 1e4) / 100 : null;
    var wait = "incomplete", complete = seen ? "completed" : wait, status = wait;
    if (!graded || total === 0) status = complete;
    else if (score === null) status = wait;
    else if (mastery === null) status = complete;
    else if (score >= mastery) status = seen ? "passed" : wait;
    else if (!canChange) status = needPass ? "failed" : complete;
    return { status: status, score: score, viewed: viewed, final: status !== wait };
  }

  /** Opens the session of `course` (the whole course, or one module's part of it) in `win`.
   * `say(text)` shows a notice; `update(st, ev, current)`, if given, redraws progress.
   * Nothing is saved until the first visit(), so that a launch saves once.
   * @param {Window & typeof globalThis} win @param {CourseData} course @param {(text: string) => void} say
   * @param {(st: LearnerState, ev: Result, current: number) => void} [update] */
  function openSession(win, course, say, update) {
    var doc = win.document, A = Api.connect(win), s = course.strings;
    var t0 = Date.now(), lms = A.init(), mode = "normal", credit = "credit";
    var lmsStatus = "", mastery = course.mastery;
    /** @type {import("./types").Restored | null} */
    var saved = null; // what an earlier session (maybe of an earlier version) saved
    /** @type {Record<string, string>} */
    var written = {};
    /** @type {number | null} */
    var timer = null;
    var last = -Infinity, failed = false, current = -1, statusSaved = false;
    if (lms) {
      mode = A.get("cmi.core.lesson_mode") || "normal";
      credit = A.get("cmi.core.credit") || "credit";
      lmsStatus = A.get("cmi.core.lesson_status");
      var m = A.get("cmi.student_data.mastery_score");
      if (m !== "" && isFinite(+m) && +m >= 0 && +m <= 100) mastery = +m; // the LMS wins
      saved = R.restore(course, A.get("cmi.suspend_data"));
    }
    var st = saved ? saved.state : S.fresh(course);
    // Only a normal session for credit records anything; review, browse and no-credit
    // sessions write nothing at all, not even their time.
    var record = lms && mode === "normal" && credit !== "no-credit";
    if (record) {
      var count = parseInt(A.get("cmi.interactions._count"), 10);
      if (count >= 0) st.interactions = count; // the LMS's count keeps the indexes contiguous
    }
    var refused = !lms && A.refused(); // an LMS that would not open this session
    var notice = refused ? s.lms_refused : !lms ? s.not_tracked :
      record ? R.notice(course, saved ? saved.redo : []) :
      mode === "review" ? s.mode_review : mode === "browse" ? s.mode_browse : s.mode_no_credit;
    say(notice);

    /** Sets a data model element unless it already holds `value`.
     * @param {string} name @param {string} value */
    function set(name, value) {
      if (written[name] === String(value)) return true;
      var ok = A.set(name, value);
      if (ok) written[name] = String(value);
      return ok;
    }

    /** Puts the state into the data model; `finishing`: the last time, before LMSFinish.
     * @param {boolean} finishing */
    function sync(finishing) {
      var ev = evaluate(course, st, mastery);
      if (ev.final) {
        set("cmi.core.lesson_status", ev.status);
        if (ev.score !== null) {
          set("cmi.core.score.min", "0"); set("cmi.core.score.max", "100");
          set("cmi.core.score.raw", String(ev.score));
        }
      } else if (FINAL.indexOf(lmsStatus) < 0) {
        // Never turn a finished record back (e.g. after lost suspend_data). "incomplete" goes
        // with the first save: else Moodle sends "not attempted" there, and turns it into
        // "completed" at LMSFinish.
        set("cmi.core.lesson_status", "incomplete");
      }
      set("cmi.suspend_data", S.encode(course, st));
      if (finishing) {
        set("cmi.core.exit", ev.final ? "" : "suspend");
        set("cmi.core.session_time", F.timespan(Date.now() - t0));
      }
      return ev;
    }

    function redraw() { if (update) update(st, evaluate(course, st, mastery), current); }

    function save() {
      if (timer) { win.clearTimeout(timer); timer = null; }
      if (!record || !A.active()) return;
      sync(false);
      last = Date.now();
      var ok = A.commit();
      statusSaved = statusSaved || ok;
      say(ok ? notice : s.commit_failed);
      failed = !ok;
    }

    /* Until the LMS holds a status for this SCO, every save carries one (Moodle sends
     * "not attempted" if the package does not set "incomplete"). So the first session saves
     * nothing before its result is final, the page is hidden or it is left: then the status
     * travels once, and no save stored late can bring back an older one. */
    function holdBack() {
      return !statusSaved && (lmsStatus === "" || lmsStatus === "not attempted") &&
        !evaluate(course, st, mastery).final;
    }

    /* A save soon: now, or once SAVE_GAP_MS have passed since the last one. Before the first
     * visit nothing is saved: the launch saves once, with the page's quizzes in place. */
    function saveSoon() {
      redraw();
      if (!record || timer || current < 0 || holdBack()) return;
      var wait = last + SAVE_GAP_MS - Date.now();
      if (wait <= 0) save();
      else timer = win.setTimeout(save, wait);
    }

    doc.addEventListener("visibilitychange", function () {
      if (doc.visibilityState !== "hidden") return;
      while (timer && Date.now() < last + SAVE_GAP_MS) { /* keep saves apart, as at pagehide */ }
      save();
    });
    win.addEventListener("pagehide", function (e) {
      if (e.persisted) { save(); return; } // kept in the back-forward cache: it may come back
      if (timer) {
        win.clearTimeout(timer);
        timer = null;
        // Changes wait for their save: keep it SAVE_GAP_MS after the last one even now, so
        // that the two cannot arrive the wrong way round (at most this long, rarely).
        while (Date.now() < last + SAVE_GAP_MS) { /* wait */ }
      }
      if (record && A.active()) sync(true); // LMSFinish stores it, in one request
      A.finish(); // exactly once; the page is going away for good
    });
    if (record) win.setInterval(function () { if (failed) save(); }, 30000);
    redraw();

    return {
      course: course,
      tracked: lms,
      recording: record,
      // The bookmarked module; one gone or renumbered is looked up (resume.js).
      location: lms ? R.where(course, A.get("cmi.core.lesson_location"), st) : "",
      /** @param {number} i @returns {QuizState} */
      quizState: function (i) { return JSON.parse(JSON.stringify(st.quizzes[i])); },
      notice: notice,
      /* Why graded quizzes take no more answers, as a string key; "" when they do. */
      locked: function () {
        if (!lms) return refused ? "quiz_locked_view" : "";
        if (!record) return "quiz_locked_view"; // nothing would be saved
        return evaluate(course, st, mastery).final ? "quiz_locked_final" : "";
      },
      /** @param {number} i @param {QuizState} qs @param {Interaction | Interaction[] | null} it
       * the interactions of the answers this save takes (an exam's come all at once) */
      saveQuiz: function (i, qs, it) {
        if ((!record && lms) || refused) return;
        // A recorded result stays final, whatever on the page still offers an answer.
        if (course.quizzes[i].graded && this.locked()) return;
        st.quizzes[i] = JSON.parse(JSON.stringify(qs));
        if (it) /** @type {Interaction[]} */ ([]).concat(it).forEach(interaction);
        saveSoon();
      },
      /** @param {number} i */
      visit: function (i) {
        if (i < 0 || i >= course.modules.length) return;
        current = i;
        if (record || !lms) st.visited[i] = true;
        if (record) set("cmi.core.lesson_location", course.modules[i].id);
        saveSoon();
      }
    };

    /** @param {Interaction} it */
    function interaction(it) {
      if (!record || st.interactions >= C.INTERACTION_CAP) return;
      var n = "cmi.interactions." + st.interactions + ".", c = it.correct;
      if (!A.set(n + "id", it.id.replace(/[^\x21-\x7e]/g, "_").slice(0, 255))) return;
      st.interactions++;
      A.set(n + "type", it.type);
      A.set(n + "time", it.time);
      A.set(n + "weighting", String(it.weighting));
      A.set(n + "student_response", it.response.slice(0, 255));
      A.set(n + "result", it.result);
      A.set(n + "latency", F.timespan(it.latency));
      if (c !== null) A.set(n + "correct_responses.0.pattern", c.slice(0, 255));
    }
  }

  return { evaluate: evaluate, open: openSession, SAVE_GAP_MS: SAVE_GAP_MS };
});
