(function (root) {
"use strict";
var doc = root.document, course = root.SCORMBUILD_COURSE, s = course.strings;
function fill(text, values) {
return text.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
}
root.SBNav = {
update: function (st, ev, current) {
var done = st.visited.filter(Boolean).length;
var progress = doc.getElementById("sb-progress");
if (progress) progress.textContent = fill(s.progress, { done: done, total: st.visited.length });
var links = doc.querySelectorAll("[data-module]");
for (var i = 0; i < links.length; i++) {
var a = links[i], n = +a.getAttribute("data-module");
var mark = a.parentNode.querySelector(".sb-visited");
if (mark) mark.hidden = !st.visited[n];
if (n === current) a.setAttribute("aria-current", "page");
else a.removeAttribute("aria-current");
}
var status = doc.getElementById("sb-status");
if (status) {
var key = { passed: "status_passed", failed: "status_failed", completed: "status_completed" }[ev.status];
status.textContent = key ? s[key] : "";
}
}
};
})(this);
