(function (root, factory) {
var api = factory();
if (typeof module === "object" && module.exports) module.exports = api;
else root.SBSession = api;
})(this, function () {
"use strict";
function hhmmss(ms) {
var s = Math.max(0, Math.round(ms / 1000)), h = Math.min(9999, Math.floor(s / 3600));
function two(n) { return (n < 10 ? "0" : "") + n; }
return two(h) + ":" + two(Math.floor(s / 60) % 60) + ":" + two(s % 60);
}
function evaluate(course, st, mastery) {
var graded = [], done = true, earned = 0, total = 0, retry = false;
course.quizzes.forEach(function (quiz, i) {
if (!quiz.graded) return;
var qs = st.quizzes[i];
graded.push(i);
total += quiz.max;
if (qs.b === null) done = false;
else earned += quiz.max * qs.b / 10000;
if (qs.b !== 10000 && (!quiz.attempts || qs.a < quiz.attempts)) retry = true;
});
var viewed = st.visited.every(Boolean);
var score = graded.length && done && total > 0 ? Math.round(earned / total * 10000) / 100 : null;
var judged = score !== null && mastery !== null;
var passed = judged && score >= mastery;
var needView = course.completion.indexOf("viewed") >= 0;
var needPass = course.completion.indexOf("passed") >= 0;
var met = (!needView || viewed) && (!needPass || (judged ? passed : done));
var status = judged && !passed ? "failed" : met ? (judged ? "passed" : "completed") : "incomplete";
return { status: status, score: score, viewed: viewed,
finished: status === "passed" || status === "completed" || (status === "failed" && !retry) };
}
function open(win, course, say, update) {
var doc = win.document, S = win.SBState, A = win.SBApi;
var t0 = Date.now(), lms = A.init(), mode = "normal", credit = "credit";
var lmsStatus = "", mastery = course.mastery, st = null, dirty = false, written = {};
if (lms) {
mode = A.get("cmi.core.lesson_mode") || "normal";
credit = A.get("cmi.core.credit") || "credit";
lmsStatus = A.get("cmi.core.lesson_status");
var m = A.get("cmi.student_data.mastery_score");
if (m !== "" && isFinite(m) && +m >= 0 && +m <= 100) mastery = +m; // the LMS wins
st = S.decode(course, A.get("cmi.suspend_data"));
}
st = st || S.fresh(course);
var record = lms && mode === "normal";        // suspend_data, location, interactions
var grade = record && credit !== "no-credit"; // lesson_status and score
if (record) {
var count = parseInt(A.get("cmi.interactions._count"), 10);
if (count >= 0) st.ic = count; // the LMS's count keeps the indexes contiguous
}
var current = -1;
say(lms ? "" : course.strings.not_tracked);
function set(name, value) {
if (written[name] === String(value)) return true;
var ok = A.set(name, value);
if (ok) written[name] = String(value);
return ok;
}
function sync() {
var ev = evaluate(course, st, mastery);
if (grade) {
var was = lmsStatus === "passed" || lmsStatus === "completed" || lmsStatus === "failed";
if (ev.status !== "incomplete" || !was) set("cmi.core.lesson_status", ev.status);
if (ev.score !== null) {
set("cmi.core.score.min", "0"); set("cmi.core.score.max", "100");
set("cmi.core.score.raw", String(ev.score));
}
}
if (record) {
set("cmi.suspend_data", S.encode(course, st));
set("cmi.core.exit", ev.finished ? "" : "suspend");
}
if (lms) set("cmi.core.session_time", hhmmss(Date.now() - t0));
if (update) update(st, ev, current);
}
function commit() {
if (!lms) { if (update) update(st, evaluate(course, st, mastery), current); return; }
if (!A.active()) return;
sync();
var ok = A.commit();
say(ok ? "" : course.strings.commit_failed);
dirty = !ok;
}
function interaction(it) {
if (!record || st.ic >= 1679615) return;
var n = "cmi.interactions." + st.ic + ".", c = it.correct;
if (!A.set(n + "id", it.id.replace(/[^\x21-\x7e]/g, "_").slice(0, 255))) return;
st.ic++;
A.set(n + "type", it.type);
A.set(n + "time", it.time);
A.set(n + "weighting", String(it.weighting));
A.set(n + "student_response", it.response.slice(0, 255));
A.set(n + "result", it.result);
A.set(n + "latency", hhmmss(it.latency));
if (c !== null) A.set(n + "correct_responses.0.pattern", c.slice(0, 255));
}
doc.addEventListener("visibilitychange", function () { if (doc.visibilityState === "hidden") commit(); });
win.addEventListener("pagehide", function (e) {
commit();
if (!e.persisted) A.finish(); // exactly once; the page is going away for good
});
if (lms) setInterval(function () { if (dirty) commit(); }, 30000);
commit();
return {
course: course,
tracked: lms,
location: lms ? A.get("cmi.core.lesson_location") : "",
quizState: function (i) { return JSON.parse(JSON.stringify(st.quizzes[i])); },
saveQuiz: function (i, qs, it) {
st.quizzes[i] = JSON.parse(JSON.stringify(qs));
if (it) interaction(it);
commit();
},
visit: function (i) {
if (i < 0 || i >= course.modules.length) return;
current = i;
st.visited[i] = true;
if (record) set("cmi.core.lesson_location", course.modules[i].id);
commit();
}
};
}
return { evaluate: evaluate, hhmmss: hhmmss, open: open };
});
