(function (win) {
"use strict";
var doc = win.document, course = win.SCORMBUILD_COURSE;
var frame = doc.getElementById("sb-frame"), notice = doc.getElementById("sb-notice");
var shell = win.SBSession.open(win, course, function (text) {
if (notice) { notice.textContent = text; notice.hidden = !text; }
}, win.SBNav && win.SBNav.update);
shell.resize = function (h) { if (frame) frame.style.height = Math.ceil(h) + "px"; };
win.SCORMBUILD_SHELL = shell;
course.modules.forEach(function (mod) {
if (mod.id === shell.location && frame && frame.getAttribute("src") !== mod.href) frame.setAttribute("src", mod.href);
});
})(this);
