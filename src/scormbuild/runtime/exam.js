// @ts-check
/* scormbuild exam mode: a quiz answered whole, then submitted once. Before the answers go,
 * the learner sees which questions are still without one, each a link to its question; no
 * feedback shows until the submission. Until then each change of an answer is saved as the
 * attempt's draft (state.js), so that a learner who leaves finds the answers again; nothing
 * of it is scored or reported. quiz-ui.js scores and saves; this is shipped only with a quiz
 * in exam mode. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(window, require("./format.js"));
  else root.SBExam = factory(window, root.SBFormat);
})(/** @type {any} */ (this), /**
 * @param {Window & typeof globalThis} win
 * @param {import("./format.js")} F
 */ function (win, F) {
  "use strict";

  /** Exam mode for the quiz in `el`; `refresh()` shows the submit button while the attempt
   * takes answers. @param {HTMLElement} el @param {import("./types").ExamHost} host
   * @param {Record<string, string>} s the course's strings */
  function mount(el, host, s) {
    var doc = win.document, submit = /** @type {HTMLButtonElement} */ (el.querySelector(".sb-submit"));
    var box = /** @type {HTMLElement} */ (el.querySelector(".sb-unanswered"));
    submit.onclick = function () {
      if (!host.open()) return;
      var entries = host.entries(), missing = entries.filter(function (e) { return host.problem(e[1], e[3]); });
      box.textContent = "";
      box.hidden = !missing.length;
      if (!missing.length) { host.record(entries); focus(/** @type {HTMLElement} */ (el.querySelector(".sb-result"))); return; }
      var head = doc.createElement("p"), links = doc.createElement("ul");
      head.textContent = F.fill(s.unanswered, { n: missing.length });
      missing.forEach(function (e) {
        var a = doc.createElement("a"), li = e[0];
        a.href = "#" + li.id;
        a.textContent = F.fill(s.question_n, { n: e[2] + 1 }) + ": " + s[host.problem(e[1], e[3])];
        a.onclick = function (ev) {
          ev.preventDefault();
          var first = /** @type {HTMLElement | null} */ (li.querySelector("input, select, .sb-order button"));
          if (first) first.focus();
        };
        links.appendChild(doc.createElement("li")).appendChild(a);
      });
      box.appendChild(head);
      box.appendChild(links);
      focus(head);
    };
    /** @param {HTMLElement} x */
    function focus(x) { x.tabIndex = -1; x.focus(); }
    // Once the change is made: after a move button's click, a drop (dragdrop.js).
    ["input", "click", "pointerup"].forEach(function (t) {
      doc.addEventListener(t, function () { win.setTimeout(function () { if (host.open()) host.keep(); }); });
    });
    return {
      refresh: function () {
        submit.hidden = !host.open();
        if (submit.hidden) box.hidden = true;
      }
    };
  }

  return { mount: mount };
});
