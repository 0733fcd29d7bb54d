// @ts-check
/* Tabs (WAI-ARIA APG tabs pattern, automatic activation): the panels' headings become a tab
 * list; Left and Right arrows (wrapping), Home and End choose a tab, Tab moves into the panel.
 * Without this script, and in print, every panel shows under its heading. */
(function (doc) {
  "use strict";
  /** @param {Element} box */
  function mount(box) {
    /** @type {HTMLElement[]} */
    var panels = [].slice.call(box.querySelectorAll(":scope > .sb-tab-panel"));
    var list = doc.createElement("div");
    list.setAttribute("role", "tablist");
    list.className = "sb-tablist";
    var tabs = panels.map(function (panel) {
      var title = panel.querySelector(".sb-tab-title");
      var tab = doc.createElement("button");
      tab.type = "button";
      tab.id = panel.id + "-t";
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-controls", panel.id);
      if (title) title.childNodes.forEach(function (n) { tab.appendChild(n.cloneNode(true)); });
      list.appendChild(tab);
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", tab.id);
      panel.tabIndex = 0;
      return tab;
    });
    /** @param {number} i @param {boolean} focus */
    function select(i, focus) {
      tabs.forEach(function (tab, j) {
        tab.setAttribute("aria-selected", String(i === j));
        tab.tabIndex = i === j ? 0 : -1;
        panels[j].hidden = i !== j;
      });
      if (focus) tabs[i].focus();
    }
    list.addEventListener("click", function (e) {
      var i = tabs.indexOf(/** @type {HTMLButtonElement} */ (/** @type {Element} */ (e.target).closest("[role=tab]")));
      if (i >= 0) select(i, true);
    });
    list.addEventListener("keydown", function (e) {
      var ev = /** @type {KeyboardEvent} */ (e);
      var i = tabs.indexOf(/** @type {HTMLButtonElement} */ (ev.target)), n = tabs.length;
      var to = { ArrowRight: (i + 1) % n, ArrowLeft: (i + n - 1) % n, Home: 0, End: n - 1 }[ev.key];
      if (i < 0 || to === undefined) return;
      ev.preventDefault();
      select(to, true);
    });
    box.insertBefore(list, panels[0]);
    select(0, false);
    box.classList.add("sb-on");
  }
  doc.querySelectorAll(".sb-tabs").forEach(mount);
})(document);
