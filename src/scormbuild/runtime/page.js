/* scormbuild module page runtime: mounts the quizzes and keeps their state where it belongs.
 * Single-SCO mode: in the launch page's frame, the launch page's session keeps it.
 * Multi-SCO mode: the LMS launches the page as a SCO of its own; it opens its own session.
 * Opened on its own (no launch page, no LMS) the page still works; answers stay in memory. */
(function (root) {
  "use strict";
  var doc = root.document, course = root.SCORMBUILD_COURSE, shell = null, off = 0, host = null;
  // In the launch page's frame, start once its scripts have run: the session is theirs.
  try { if (root.parent !== root) host = root.parent.document; } catch (e) { /* another origin */ }
  if (host && host.readyState === "loading") host.addEventListener("DOMContentLoaded", boot);
  else boot();

  function boot() {
    var mod = +doc.body.getAttribute("data-module"), note = doc.getElementById("sb-page-notice");
    function say(text) { if (note) { note.textContent = text; note.hidden = !text; } }
    if (course.multi) {
      var part = root.SBState.part(course, mod), own = course.modules[mod].href.split("/").pop();
      off = part.off;
      shell = root.SBSession.open(root, part.course, say);
      // Other modules are other SCOs: only the LMS may open them, or this session breaks.
      doc.addEventListener("click", function (e) {
        var a = e.target.closest && e.target.closest("a[href]"), h = a && a.getAttribute("href").split("#")[0];
        if (h && h !== own && /^[^:/?]+\.html$/.test(h)) { e.preventDefault(); say(course.strings.other_sco); }
      });
    } else {
      try { if (root.parent !== root && root.parent.SCORMBUILD_SHELL) shell = root.parent.SCORMBUILD_SHELL; } catch (e) { /* another origin */ }
      say(shell ? shell.notice : course.strings.not_tracked);
    }
    var mounted = [];
    var local = root.SBState.fresh(course);
    var store = shell ? {
      get: function (i) { return shell.quizState(i - off); },
      save: function (i, qs, it) {
        shell.saveQuiz(i - off, qs, it);
        // The result may have become final: every quiz of the page then locks.
        mounted.forEach(function (m) { if (m && m.refresh) m.refresh(); });
      },
      locked: function () { return shell.locked(); }
    } : {
      get: function (i) { return JSON.parse(JSON.stringify(local.quizzes[i])); },
      save: function (i, qs) { local.quizzes[i] = JSON.parse(JSON.stringify(qs)); }
    };
    root.SBPage = { store: store }; // for blocks that keep a result (a scored scenario)
    [].forEach.call(doc.querySelectorAll(".sb-quiz"), function (el) {
      var i = +el.getAttribute("data-quiz");
      try { mounted.push(root.SBQuiz.mount(el, course.quizzes[i], i, store, course.strings, course.lang)); }
      catch (e) { if (root.console) root.console.error("scormbuild: quiz", i, e); }
    });
    // After the quizzes have their attempts: the visit saves all of it at once.
    if (shell) shell.visit(course.multi ? 0 : mod);
    if (shell && shell.resize) {
      doc.documentElement.classList.add("sb-framed");
      // The frame grows with its page, so the learner scrolls one page, not a box in a page.
      var report = function () { shell.resize(doc.documentElement.getBoundingClientRect().height); };
      if (root.ResizeObserver) new root.ResizeObserver(report).observe(doc.body);
      root.addEventListener("load", report);
      report();
    }
  }
})(this);
