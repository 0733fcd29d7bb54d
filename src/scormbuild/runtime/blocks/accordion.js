// @ts-check
/* Accordion (WAI-ARIA APG accordion pattern): each title becomes a button inside its heading
 * that shows or hides its panel; Up and Down arrows, Home and End move between the buttons.
 * Without this script every panel shows under its heading. */
(function (doc) {
  "use strict";
  /** @param {Element} box */
  function mount(box) {
    /** @type {HTMLButtonElement[]} */
    var buttons = [];
    var titles = box.querySelectorAll(":scope > .sb-acc-title");
    titles.forEach(function (h) {
      var panel = /** @type {HTMLElement} */ (h.nextElementSibling);
      var label = h.querySelector(".sb-acc-label");
      var b = doc.createElement("button");
      b.type = "button";
      b.id = h.id + "-b";
      b.className = "sb-acc-button";
      b.setAttribute("aria-expanded", "false");
      b.setAttribute("aria-controls", panel.id);
      if (label) b.appendChild(label);
      h.appendChild(b);
      panel.hidden = true;
      b.addEventListener("click", function () {
        var open = b.getAttribute("aria-expanded") !== "true";
        b.setAttribute("aria-expanded", String(open));
        panel.hidden = !open;
      });
      buttons.push(b);
    });
    box.addEventListener("keydown", function (e) {
      var ev = /** @type {KeyboardEvent} */ (e);
      var i = buttons.indexOf(/** @type {HTMLButtonElement} */ (ev.target));
      var n = buttons.length;
      if (i < 0) return;
      var to = { ArrowDown: (i + 1) % n, ArrowUp: (i + n - 1) % n, Home: 0, End: n - 1 }[ev.key];
      if (to === undefined) return;
      ev.preventDefault();
      buttons[to].focus();
    });
    box.classList.add("sb-on");
  }
  doc.querySelectorAll(".sb-accordion").forEach(mount);
  // A link to a place inside a folded panel opens the panel.
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && doc.getElementById(id);
    var panel = el && el.closest(".sb-acc-panel[hidden]");
    var button = panel && doc.querySelector('[aria-controls="' + panel.id + '"]');
    if (button) /** @type {HTMLElement} */ (button).click();
  }
  window.addEventListener("hashchange", reveal);
  reveal();
})(document);
