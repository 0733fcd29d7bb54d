// @ts-check
/* Process steps (WAI-ARIA APG carousel pattern, without rotation): one step at a time, with
 * Previous and Next buttons and a live status that says which step shows. A timeline, and the
 * steps without this script or in print, stay a numbered list. Runs on a module page, after
 * the runtime's format.js (window.SBFormat). */
(function (doc, F) {
  "use strict";
  /** @param {Element} box */
  function mount(box) {
    var list = box.querySelector(".sb-step-list");
    if (!list) return;
    /** @type {HTMLElement[]} */
    var steps = [].slice.call(list.children);
    var at = 0;
    // A group, not a region: a callout in a step is a landmark of its own.
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", box.getAttribute("data-label") || "");
    var bar = doc.createElement("div");
    bar.className = "sb-step-nav";
    /** @param {string} label @param {string} cls */
    function button(label, cls) {
      var b = doc.createElement("button");
      b.type = "button";
      b.className = "sb-button " + cls;
      b.textContent = label;
      b.setAttribute("aria-controls", /** @type {Element} */ (list).id = box.id + "-list");
      bar.appendChild(b);
      return b;
    }
    var prev = button(box.getAttribute("data-previous") || "", "sb-step-prev");
    var status = doc.createElement("p");
    status.className = "sb-step-status";
    status.setAttribute("aria-live", "polite");
    bar.appendChild(status);
    var next = button(box.getAttribute("data-next") || "", "sb-step-next");
    /** @param {number} i */
    function show(i) {
      at = Math.max(0, Math.min(steps.length - 1, i));
      steps.forEach(function (s, j) { s.hidden = j !== at; });
      // aria-disabled, not disabled: the button keeps the focus at either end.
      prev.setAttribute("aria-disabled", String(at === 0));
      next.setAttribute("aria-disabled", String(at === steps.length - 1));
      var title = steps[at].querySelector(".sb-step-title");
      var name = title ? (title.textContent || "").replace(/^\s*\d+\s*/, "") : "";
      status.textContent = F.fill(box.getAttribute("data-of") || "", { n: at + 1, total: steps.length }) + ": " + name;
    }
    prev.addEventListener("click", function () { show(at - 1); });
    next.addEventListener("click", function () { show(at + 1); });
    box.appendChild(bar);
    show(0);
    box.classList.add("sb-on");
  }
  doc.querySelectorAll(".sb-steps:not(.sb-timeline)").forEach(mount);
})(document, /** @type {import("../format.js")} */ (/** @type {any} */ (window).SBFormat));
