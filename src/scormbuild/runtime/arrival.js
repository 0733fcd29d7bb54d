// @ts-check
/* scormbuild module arrival (single-SCO mode): a module page opened in the launch page's frame
 * (Next, Previous, the module list, the cover's Start) starts at its top with focus on its
 * title, so that a screen reader reads on from there; the launch page, which scrolls (its
 * frame grows with the page), would otherwise keep the last page's offset and open the new
 * one at its quiz or footnotes. A link to a place in a page arrives at that place. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.SBArrival = factory();
})(/** @type {any} */ (this), function () {
  "use strict";

  /** The element the page's address names after its '#', if it is there.
   * @param {Window} win */
  function named(win) {
    var id = win.location.hash.slice(1);
    try { id = decodeURIComponent(id); } catch (e) { /* kept as written */ }
    return id ? win.document.getElementById(id) : null;
  }

  return {
    /** The page in `win` has just started in the frame of `outer`, the launch page: show
     * its top (or the place its address names) and focus its title. The launch page's first
     * page opens with the launch page: focus stays where that starts it.
     * @param {Window} win @param {Window} outer */
    arrive: function (win, outer) {
      var frame = win.frameElement, first = !frame || !frame.hasAttribute("data-shown");
      var title = /** @type {HTMLElement | null} */ (win.document.querySelector("main h1"));
      if (frame) frame.setAttribute("data-shown", "");
      if (named(win) || first) return; // a place is shown once the frame has its height: place()
      outer.scrollTo(0, 0);
      if (title) { title.setAttribute("tabindex", "-1"); title.focus({ preventScroll: true }); }
    },
    /** Once the frame has grown to the page: a page opened at a place in it is scrolled there
     * in the launch page (the page itself does not scroll in its frame).
     * @param {Window} win @param {Window} outer */
    place: function (win, outer) {
      var target = named(win), frame = win.frameElement;
      if (target && frame) outer.scrollTo(0, outer.scrollY + frame.getBoundingClientRect().top + target.getBoundingClientRect().top);
    }
  };
});
