// @ts-check
/* scormbuild launch page navigation: module list, progress counter, course status. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(window, require("./format.js"));
  else root.SBNav = factory(window, root.SBFormat);
})(/** @type {any} */ (this), /**
 * @param {Window & typeof globalThis} win
 * @param {import("./format.js")} F
 */ function (win, F) {
  "use strict";
  var doc = win.document, s = win.SCORMBUILD_COURSE.strings;
  /** @type {Record<string, string>} */
  var STATUS_KEYS = { passed: "status_passed", failed: "status_failed", completed: "status_completed" };

  return {
    /** Shows what the learner has done: pages visited, the current page, the result.
     * @param {import("./types").LearnerState} st
     * @param {{status: string}} ev
     * @param {number} current */
    update: function (st, ev, current) {
      var done = st.visited.filter(Boolean).length;
      var progress = doc.getElementById("sb-progress");
      if (progress) progress.textContent = F.fill(s.progress, { done: done, total: st.visited.length });
      var links = doc.querySelectorAll("[data-module]");
      for (var i = 0; i < links.length; i++) {
        var a = links[i], n = +(a.getAttribute("data-module") || -1);
        // Visited is said in words as well as shown, not by colour alone.
        var mark = a.parentNode && /** @type {ParentNode} */ (a.parentNode).querySelector(".sb-visited");
        if (mark) /** @type {HTMLElement} */ (mark).hidden = !st.visited[n];
        if (n === current) a.setAttribute("aria-current", "page");
        else a.removeAttribute("aria-current");
      }
      var status = doc.getElementById("sb-status");
      if (status) {
        var key = STATUS_KEYS[ev.status];
        status.textContent = key ? s[key] : "";
      }
    }
  };
});
