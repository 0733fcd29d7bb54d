// @ts-check
/* Branching scenario: one scene at a time; a choice shows the scene it leads to and moves the
 * focus to that scene's heading; an ending offers to start again. A scored scenario keeps the
 * ending reached as the answer of its quiz (one question, the endings its choices) through the
 * page's store, so the session grades and reports it like any quiz; once its attempts
 * (attempts=N) are used, a run still plays but no longer counts, and its ending says so.
 * Without this script the
 * scenes follow one another and the choices are links within the page. */
(function (win, doc) {
  "use strict";
  var course = /** @type {any} */ (win).SCORMBUILD_COURSE || { quizzes: [], strings: {} };
  /** Keep the ending reached as the answer of the scenario's quiz (a new attempt each time,
   * while it has attempts left); false when it has none: the run does not count.
   * @param {number} i @param {number} ending @param {number} latency */
  function record(i, ending, latency) {
    var w = /** @type {any} */ (win), quiz = course.quizzes[i], Q = w.SBQuiz;
    if (!w.SBPage || !Q || !quiz) return true;
    var store = w.SBPage.store, qs = store.get(i), q = quiz.questions[0];
    if (quiz.attempts && qs.attempts >= quiz.attempts) return false;
    qs = Q.newAttempt(quiz, qs.attempts ? qs : null);
    qs.answers = [ending];
    var ok = Q.isCorrect(q, ending, course.lang), pct = Q.scaled(ok ? 1 : 0, 1);
    qs.best = qs.best === null ? pct : Math.max(qs.best, pct);
    store.save(i, qs, quiz.graded ? Q.interaction(quiz, q, ending, ok, latency, course.lang) : null);
    return true;
  }
  /** @param {HTMLElement} box */
  function mount(box) {
    /** @type {HTMLElement[]} */
    var scenes = [].slice.call(box.querySelectorAll(":scope > .sb-scene"));
    var endings = scenes.filter(function (s) { return s.classList.contains("sb-ending"); });
    var result = doc.createElement("p");
    result.className = "sb-scenario-result";
    var again = doc.createElement("button");
    again.type = "button";
    again.className = "sb-button sb-scenario-restart";
    again.textContent = box.getAttribute("data-restart") || "";
    var quiz = box.getAttribute("data-quiz"), started = Date.now();
    /** @param {string} key @param {boolean} focus */
    function show(key, focus) {
      var scene = scenes[0];
      scenes.forEach(function (s) {
        var on = s.getAttribute("data-key") === key;
        s.hidden = !on;
        if (on) scene = s;
      });
      var end = endings.indexOf(scene);
      if (end >= 0) {
        if (quiz !== null) {
          result.textContent = box.getAttribute(scene.hasAttribute("data-good") ? "data-good" : "data-bad") || "";
          scene.appendChild(result);
          if (!record(+quiz, end, Date.now() - started)) result.textContent += " " + course.strings.no_attempts;
        }
        scene.appendChild(again);
      }
      var title = /** @type {HTMLElement} */ (scene.querySelector(".sb-scene-title"));
      if (focus && title) {
        title.tabIndex = -1;
        title.focus();
      }
    }
    box.querySelectorAll("a.sb-scene-choice").forEach(function (a) {
      var b = doc.createElement("button");
      b.type = "button";
      b.className = "sb-scene-choice";
      a.childNodes.forEach(function (n) { b.appendChild(n.cloneNode(true)); });
      var target = a.getAttribute("data-target") || "";
      b.addEventListener("click", function () { show(target, true); });
      /** @type {Element} */ (a.parentNode).replaceChild(b, a);
    });
    again.addEventListener("click", function () {
      started = Date.now();
      show(scenes[0].getAttribute("data-key") || "", true);
    });
    show(scenes[0].getAttribute("data-key") || "", false);
    box.classList.add("sb-on");
  }
  doc.querySelectorAll(".sb-scenario").forEach(function (box) { mount(/** @type {HTMLElement} */ (box)); });
})(window, document);
