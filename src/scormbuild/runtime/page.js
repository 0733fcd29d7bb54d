// @ts-check
/* scormbuild module page runtime: mounts the quizzes and keeps their state where it belongs.
 * Single-SCO mode: in the launch page's frame, the launch page's session keeps it.
 * Multi-SCO mode: the LMS launches the page as a SCO of its own; it opens its own session.
 * Opened on its own (no launch page, no LMS) the page still works; answers stay in memory. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory(window, require("./state.js"), require("./session.js"), require("./quiz-ui.js"), require("./arrival.js"));
  } else factory(window, root.SBState, root.SBSession, root.SBQuizUI, root.SBArrival);
})(/** @type {any} */ (this), /**
 * @param {Window & typeof globalThis} win
 * @param {import("./state.js")} S
 * @param {import("./session.js")} Session
 * @param {import("./quiz-ui.js")} QuizUI
 * @param {import("./arrival.js")} Arrival
 */ function (win, S, Session, QuizUI, Arrival) {
  "use strict";
  var doc = win.document, course = win.SCORMBUILD_COURSE, offset = 0;
  /** @type {import("./types").Shell | null} */
  var shell = null;
  /** @type {Document | null} */
  var host = null;
  // In the launch page's frame, start once its scripts have run: the session is theirs.
  try { if (win.parent !== win) host = win.parent.document; } catch (e) { /* another origin */ }
  if (host && host.readyState === "loading") host.addEventListener("DOMContentLoaded", boot);
  else boot();

  function boot() {
    var mod = +(doc.body.getAttribute("data-module") || 0), note = doc.getElementById("sb-page-notice");
    /** @param {string} text */
    function say(text) { if (note) { note.textContent = text; note.hidden = !text; } }
    if (course.multi) {
      var part = S.part(course, mod), own = course.modules[mod].href.split("/").pop();
      offset = part.offset;
      shell = Session.open(win, part.course, say);
      // Other modules are other SCOs: only the LMS may open them, or this session breaks.
      doc.addEventListener("click", function (e) {
        var target = /** @type {Element | null} */ (e.target);
        var a = target && target.closest && target.closest("a[href]");
        var h = a && (a.getAttribute("href") || "").split("#")[0];
        if (h && h !== own && /^[^:/?]+\.html$/.test(h)) { e.preventDefault(); say(course.strings.other_sco); }
      });
    } else {
      try { if (win.parent !== win && win.parent.SCORMBUILD_SHELL) shell = win.parent.SCORMBUILD_SHELL; } catch (e) { /* another origin */ }
      // In the launch page's frame its notice area is the only one: it says what the session says.
      say(shell ? "" : course.strings.not_tracked);
    }
    /** @type {{refresh: () => void}[]} */
    var mounted = [];
    var local = S.fresh(course), session = shell;
    var store = session ? {
      /** @param {number} i */
      get: function (i) { return /** @type {import("./types").Shell} */ (session).quizState(i - offset); },
      /** @param {number} i @param {import("./types").QuizState} qs
       * @param {import("./types").Interaction | import("./types").Interaction[] | null} it */
      save: function (i, qs, it) {
        /** @type {import("./types").Shell} */ (session).saveQuiz(i - offset, qs, it);
        // The result may have become final: every quiz of the page then locks.
        mounted.forEach(function (m) { m.refresh(); });
      },
      locked: function () { return /** @type {import("./types").Shell} */ (session).locked(); }
    } : {
      /** @param {number} i */
      get: function (i) { return JSON.parse(JSON.stringify(local.quizzes[i])); },
      /** @param {number} i @param {import("./types").QuizState} qs */
      save: function (i, qs) { local.quizzes[i] = JSON.parse(JSON.stringify(qs)); }
    };
    win.SBPage = { store: store }; // for blocks that keep a result (a scored scenario)
    // A package without quizzes leaves quiz-ui.js out (QuizUI is then undefined): no .sb-quiz.
    [].forEach.call(doc.querySelectorAll(".sb-quiz"), function (/** @type {HTMLElement} */ el) {
      var i = +(el.getAttribute("data-quiz") || 0);
      try { mounted.push(QuizUI.mount(el, course.quizzes[i], i, store, course.strings, course.lang)); }
      catch (e) { if (win.console) win.console.error("scormbuild: quiz", i, e); }
    });
    // After the quizzes have their attempts: the visit saves all of it at once.
    if (session) session.visit(course.multi ? 0 : mod);
    if (session && session.resize) {
      var resize = session.resize;
      doc.documentElement.classList.add("sb-framed");
      // The frame grows with its page, so the learner scrolls one page, not a box in a page.
      var report = function () { resize(doc.documentElement.getBoundingClientRect().height); };
      if (win.ResizeObserver) new win.ResizeObserver(report).observe(doc.body);
      win.addEventListener("load", report);
      report();
      // A module opened from another starts at its top, its title focused (arrival.js).
      Arrival.arrive(win, win.parent);
      win.addEventListener("load", function () { Arrival.place(win, win.parent); });
    }
  }
});
