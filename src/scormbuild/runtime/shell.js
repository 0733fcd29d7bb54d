// @ts-check
/* scormbuild launch page runtime (single-SCO mode): opens the SCORM session for the whole
 * visit and hosts the module pages, which reach it as window.parent.SCORMBUILD_SHELL. A visit
 * starts on the cover page, a learner who comes back too: its Continue leads to the bookmark. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(window, require("./session.js"), require("./nav.js"), require("./menu.js"));
  else factory(window, root.SBSession, root.SBNav, root.SBMenu);
})(/** @type {any} */ (this), /**
 * @param {Window & typeof globalThis} win
 * @param {import("./session.js")} Session
 * @param {import("./nav.js")} Nav
 * @param {import("./menu.js")} Menu
 */ function (win, Session, Nav, Menu) {
  "use strict";
  var doc = win.document, course = win.SCORMBUILD_COURSE;
  Menu.fold(win);
  var frame = doc.getElementById("sb-frame"), notice = doc.getElementById("sb-notice");
  /** @type {import("./types").Shell} */
  var shell = Session.open(win, course, function (text) {
    if (notice) { notice.textContent = text; notice.hidden = !text; }
  }, Nav.update);
  shell.resize = function (h) { if (frame) frame.style.height = Math.ceil(h) + "px"; };
  // The frame opens on the cover page, also when the learner comes back: nav.js makes its
  // Start button "Continue: <module>" at the bookmark (shell.location; written in normal mode).
  win.SCORMBUILD_SHELL = shell;
  Nav.page();
  return shell;
});
