// @ts-check
/* scormbuild launch page navigation: the progress bar and counter, each module's state in the
 * module list (an icon and a word, never colour alone), the course status, and the pages
 * around the modules, filled in whenever the frame shows one: the cover's Start becomes
 * Continue at the module the learner was on; the finish page gets the status, the score, each
 * graded quiz's best result, its paragraph for what to do next and the modules still to do (a
 * module whose quiz can still be tried again is one); the print view gets its print button.
 * The module list marks the page shown. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory(window, require("./format.js"), require("./progress.js"));
  } else root.SBNav = factory(window, root.SBFormat, root.SBProgress);
})(/** @type {any} */ (this), /**
 * @param {Window & typeof globalThis} win
 * @param {import("./format.js")} F
 * @param {import("./progress.js")} P
 */ function (win, F, P) {
  "use strict";
  /** @typedef {{status: string, score: number | null, final: boolean}} Result */
  var doc = win.document, course = win.SCORMBUILD_COURSE, s = course.strings, mods = course.modules;
  /** @type {Record<string, string>} */
  var ICON = { "not-started": "○", "in-progress": "◐", done: "✓", passed: "✓", failed: "✗" };
  /** The launch page's frame, found with the first update (nothing runs before one).
   * @type {HTMLIFrameElement | null} */
  var frame = null;
  /** The last state drawn. @type {{st: import("./types").LearnerState, ev: Result, at: number, states: string[]} | null} */
  var last = null;

  /** @param {ParentNode} where @param {string} selector @param {(el: HTMLElement) => void} fn */
  function each(where, selector, fn) { [].forEach.call(where.querySelectorAll(selector), fn); }
  /** Sets the text of element `id` of `d` (and shows it), if it is there.
   * @param {Document} d @param {string} id @param {string} text */
  function put(d, id, text) {
    var el = d.getElementById(id);
    if (el) { el.textContent = text; el.hidden = !text; }
  }
  /** Marks link `a` as the page shown, or not. @param {Element} a @param {boolean} on */
  function mark(a, on) {
    if (on) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  /** Module `i`'s page, as a page of its folder links to it. @param {number} i */
  function file(i) { return mods[i].href.split("/").pop() || ""; }
  /** A link to module `i`, made in `d`. @param {Document} d @param {number} i */
  function link(d, i) {
    var a = d.createElement("a");
    a.textContent = mods[i].title;
    a.href = file(i);
    return a;
  }

  /* The cover or finish page in the frame, from the last state drawn. */
  function page() {
    var found = frame && frame.contentDocument;
    if (!found || !found.body || !last) return;
    var d = found, drawn = last, ev = drawn.ev, at = drawn.at, shell = win.SCORMBUILD_SHELL, todo = d.getElementById("sb-todo");
    var shown = d.body.dataset.page || "", button = /** @type {HTMLElement | null} */ (d.querySelector(".sb-print-button"));
    var start = d.querySelector(".sb-start"), list = todo && todo.lastElementChild;
    each(doc, "[data-page],[data-module]", function (a) {
      var here = a.getAttribute("data-page") === shown;
      if (here || shown || a.hasAttribute("data-page")) mark(a, here);
    });
    // The print view's button prints the frame alone: the whole course, not the launch page.
    if (button) {
      button.hidden = false;
      button.onclick = function () { /** @type {Window} */ (d.defaultView).print(); };
    }
    mods.forEach(function (m, i) { if (at < 0 && shell && m.id === shell.location) at = i; });
    if (start && at >= 0) {
      start.textContent = F.fill(s.cover_continue, { title: mods[at].title });
      start.setAttribute("href", file(at));
    }
    if (!todo || !todo.hidden || !list) return;
    put(d, "sb-result-status", s["status_" + ev.status]);
    put(d, "sb-result-score", ev.score === null ? "" : F.fill(s.quiz_result, { pct: ev.score }));
    each(d, "[data-when=" + (ev.final ? ev.status : "incomplete") + "]", function (p) { p.hidden = false; });
    drawn.states.forEach(function (state, i) {
      if (ev.final || !/^(not-started|in-progress)$/.test(state)) return;
      /** @type {Element} */ (list).appendChild(d.createElement("li")).appendChild(link(d, i));
      /** @type {HTMLElement} */ (todo).hidden = false;
    });
    each(d, "tr[data-quiz] td", function (cell) {
      var n = P.percent(drawn.st.quizzes[+(cell.parentElement && cell.parentElement.getAttribute("data-quiz") || 0)]);
      cell.textContent = n === null ? s.quiz_not_attempted : F.fill(s.quiz_result, { pct: n });
    });
  }

  return {
    /** Shows what the learner has done: progress, each module's state, the result.
     * @param {import("./types").LearnerState} st @param {Result} ev @param {number} current */
    update: function (st, ev, current) {
      if (!frame) {
        frame = /** @type {HTMLIFrameElement | null} */ (doc.getElementById("sb-frame"));
        if (frame) frame.addEventListener("load", page);
      }
      var states = P.states(course, st, course.mastery, ev), done = st.visited.filter(Boolean).length;
      var bar = /** @type {HTMLProgressElement | null} */ (doc.getElementById("sb-progress-bar"));
      last = { st: st, ev: ev, at: current, states: states };
      put(doc, "sb-progress", F.fill(s.progress, { done: done, total: st.visited.length }));
      if (bar) bar.value = done;
      each(doc, "[data-module]", function (a) {
        var n = +(a.getAttribute("data-module") || 0), state = states[n];
        // The icon is hidden from screen readers: the word says the same.
        each(/** @type {ParentNode} */ (a.parentNode), ".sb-state", function (mark) {
          mark.hidden = false;
          mark.setAttribute("data-state", state);
          if (mark.firstChild) mark.firstChild.textContent = ICON[state] + " ";
          if (mark.lastChild) mark.lastChild.textContent = s["state_" + state.replace("-", "_")];
        });
        mark(a, n === current);
      });
      put(doc, "sb-status", ev.final ? s["status_" + ev.status] : "");
      page();
    },
    /* Fills in the page in the frame again: the session's first update comes before the shell
     * (and its bookmark) is there, and the cover may have loaded by then. */
    page: page
  };
});
