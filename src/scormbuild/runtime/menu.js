// @ts-check
/* scormbuild launch page: at narrow widths the module list collapses behind a menu button
 * (WAI-ARIA APG disclosure pattern: aria-expanded says whether it is open). Escape in the list
 * closes it and returns to the button; choosing a page closes it and moves to the content.
 * Without this script the list is always shown. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.SBMenu = factory();
})(/** @type {any} */ (this), function () {
  "use strict";

  /** Folds the launch page's module list behind its menu button at narrow widths.
   * @param {Window & typeof globalThis} win */
  function fold(win) {
    var doc = win.document, button = doc.querySelector(".sb-menu-button"), nav = doc.getElementById("sb-nav");
    var narrow = win.matchMedia("(max-width: 40rem)");
    if (!(button instanceof win.HTMLElement) || !nav) return;
    var menu = button, list = nav;
    /** @param {boolean} open */
    function show(open) {
      menu.setAttribute("aria-expanded", String(open));
      list.hidden = !open;
    }
    function fit() { menu.hidden = !narrow.matches; show(!narrow.matches); }
    menu.addEventListener("click", function () { show(list.hidden); });
    list.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && narrow.matches) { show(false); menu.focus(); }
    });
    list.addEventListener("click", function (e) {
      var target = /** @type {Element | null} */ (e.target), main = doc.getElementById("main");
      if (narrow.matches && target && target.closest("a") && main) { show(false); main.focus(); }
    });
    narrow.addEventListener("change", fit);
    fit();
  }

  return { fold: fold };
});
