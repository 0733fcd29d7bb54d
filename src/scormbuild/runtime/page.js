/* scormbuild module page runtime: reports the visit to the launch page, mounts the quizzes.
 * Opened on its own (no launch page) the page still works; it keeps answers in memory only. */
(function (root) {
  "use strict";
  var doc = root.document, course = root.SCORMBUILD_COURSE, shell = null;
  try { if (root.parent !== root && root.parent.SCORMBUILD_SHELL) shell = root.parent.SCORMBUILD_SHELL; } catch (e) { /* another origin */ }
  var local = root.SBState.fresh(course);
  var store = shell ? { get: shell.quizState, save: shell.saveQuiz } : {
    get: function (i) { return JSON.parse(JSON.stringify(local.quizzes[i])); },
    save: function (i, qs) { local.quizzes[i] = JSON.parse(JSON.stringify(qs)); }
  };
  if (!shell || !shell.tracked) {
    var note = doc.getElementById("sb-page-notice");
    if (note) { note.textContent = course.strings.not_tracked; note.hidden = false; }
  }
  var mod = +doc.body.getAttribute("data-module");
  if (shell) {
    shell.visit(mod);
    doc.documentElement.classList.add("sb-framed");
    // The frame grows with its page, so the learner scrolls one page, not a box in a page.
    var report = function () { shell.resize(doc.documentElement.getBoundingClientRect().height); };
    if (root.ResizeObserver) new root.ResizeObserver(report).observe(doc.body);
    root.addEventListener("load", report);
    report();
  }
  [].forEach.call(doc.querySelectorAll(".sb-quiz"), function (el) {
    var i = +el.getAttribute("data-quiz");
    try { root.SBQuiz.mount(el, course.quizzes[i], i, store, course.strings, course.lang); }
    catch (e) { if (root.console) root.console.error("scormbuild: quiz", i, e); }
  });
})(this);
