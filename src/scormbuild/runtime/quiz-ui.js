// @ts-check
/* scormbuild quiz user interface: puts a quiz attempt on the page and reads answers back.
 * The markup is rendered at build time; this only orders, fills, locks and annotates it. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(window, require("./quiz.js"), require("./format.js"));
  else root.SBQuizUI = factory(window, root.SBQuiz, root.SBFormat);
})(/** @type {any} */ (this), /**
 * @param {Window & typeof globalThis} win
 * @param {import("./quiz.js")} Q
 * @param {import("./format.js")} F
 */ function (win, Q, F) {
  "use strict";

  /** @typedef {import("./types").QuizData} QuizData */
  /** @typedef {import("./types").QuestionData} QuestionData */
  /** @typedef {import("./types").QuizState} QuizState */
  /** @typedef {import("./types").Answer} Answer */
  /** @typedef {import("./types").Interaction} Interaction */
  /** Where a quiz's state is kept: get(i), save(i, state, interaction), and locked(), the
   * string key of the reason a graded quiz takes no answers ("" when it does).
   * @typedef {{get: (i: number) => QuizState, save: (i: number, qs: QuizState, it: Interaction | null) => void,
   *   locked?: () => string}} Store */

  /** @param {ParentNode} el @param {string} selector @returns {HTMLElement[]} */
  function all(el, selector) { return [].slice.call(el.querySelectorAll(selector)); }
  /** The element `selector` finds in `el`; the page's markup always has it.
   * @param {ParentNode} el @param {string} selector */
  function one(el, selector) { return /** @type {HTMLElement} */ (el.querySelector(selector)); }
  /** @param {ParentNode} el @param {string} selector */
  function input(el, selector) { return /** @type {HTMLInputElement} */ (el.querySelector(selector)); }
  /** @param {ParentNode} el @param {string} selector */
  function select(el, selector) { return /** @type {HTMLSelectElement} */ (el.querySelector(selector)); }
  /** The controls of `el` that can be disabled. @param {ParentNode} el @param {string} selector */
  function controls(el, selector) { return /** @type {HTMLButtonElement[]} */ (all(el, selector)); }
  /** The children of `el` with the class `cls`. @param {Element} el @param {string} cls
   * @returns {HTMLElement[]} */
  function children(el, cls) {
    return [].slice.call(el.children).filter(function (/** @type {Element} */ c) { return c.classList.contains(cls); });
  }
  /** @param {Element} el @param {string} name */
  function numberAttribute(el, name) { return +(el.getAttribute(name) || 0); }

  /** Puts quiz `index` on the page in `el` and keeps its state in `store`.
   * @param {HTMLElement} el @param {QuizData} quiz @param {number} index @param {Store} store
   * @param {Record<string, string>} s the course's strings @param {string} lang */
  function mount(el, quiz, index, store, s, lang) {
    var qs = store.get(index), list = one(el, ".sb-questions"), shown = Date.now();
    var items = children(list, "sb-question"), result = one(el, ".sb-result");
    var retry = one(el, ".sb-retry"), attempt = one(el, ".sb-attempt");
    /** @param {number} x */
    function decimal(x) { var t = String(Math.round(x * 100) / 100); return /^(fi|sv)/.test(lang) ? t.replace(".", ",") : t; }
    /** The questions of this attempt, in the order shown. */
    function order() {
      return qs.order || items.slice(0, Math.min(quiz.drawn, items.length)).map(function (_, i) { return i; });
    }
    /** @param {number} qi @param {number} salt */
    function seeded(qi, salt) { return Q.rng(qs.seed + salt + qi * 7919); }

    function locked() { return quiz.graded && store.locked ? store.locked() : ""; }
    if (!qs.attempts && !locked()) { qs = Q.newAttempt(quiz, null); store.save(index, qs, null); }

    /** @param {HTMLElement} li @param {QuestionData} q @param {number} qi @param {number} k */
    function setup(li, q, qi, k) {
      li.className = "sb-question";
      controls(li, "input, select, button").forEach(function (c) { c.disabled = false; });
      /** @type {HTMLInputElement[]} */ (all(li, "input[type=radio], input[type=checkbox]")).forEach(function (c) { c.checked = false; });
      /** @type {HTMLInputElement[]} */ (all(li, "input[type=text], select")).forEach(function (c) { c.value = ""; });
      all(li, ".sb-fb, .sb-cfb, .sb-answer").forEach(function (c) { c.hidden = true; });
      one(li, ".sb-feedback").textContent = "";
      var box = li.querySelector(".sb-choices");
      if (box) {
        var choices = children(box, "sb-choice");
        // True comes before false, always: a swapped pair only trips learners up.
        if (quiz.sc && q.type !== "truefalse") Q.shuffle(choices, seeded(qi, 1));
        choices.forEach(function (c) { /** @type {Element} */ (box).appendChild(c); });
      }
      var rows = all(li, ".sb-match");
      if (rows.length) {
        if (quiz.sc) Q.shuffle(rows.slice(), seeded(qi, 1)).forEach(function (r) { /** @type {Node} */ (r.parentNode).appendChild(r); });
        var rand = seeded(qi, 2);
        rows.forEach(function (r) {
          var menu = select(r, "select"), options = /** @type {HTMLOptionElement[]} */ ([].slice.call(menu.options, 1));
          Q.shuffle(options, rand).forEach(function (o) { menu.appendChild(o); });
        });
      }
      var ol = li.querySelector(".sb-order");
      if (ol) {
        var list = /** @type {Element} */ (ol);
        var inOrder = children(list, "sb-item").sort(function (a, b) {
          return numberAttribute(a, "data-item") - numberAttribute(b, "data-item");
        });
        var start = Q.shuffle(inOrder.slice(), seeded(qi, 3));
        // Never start from the answer itself.
        if (start.every(function (it, i) { return it === inOrder[i]; }) && start.length > 1) start.push(/** @type {HTMLElement} */ (start.shift()));
        start.forEach(function (it) { list.appendChild(it); });
        controls(list, "button").forEach(function (b) { b.onclick = function () { move(li, b); }; });
      }
      one(li, ".sb-check").onclick = function () { check(li, q, k); };
      var given = qs.answers[k];
      if (given !== null && given !== undefined) { put(li, q, given); lock(li, q, given); }
      else if (locked()) controls(li, "input, select, button").forEach(function (c) { c.disabled = true; });
    }

    /** Moves an ordering item up or down by the button `b`, and says where it went.
     * @param {HTMLElement} li @param {HTMLElement} b */
    function move(li, b) {
      var it = /** @type {HTMLElement} */ (b.closest(".sb-item")), ol = /** @type {HTMLElement} */ (it.parentNode);
      var dir = numberAttribute(b, "data-dir");
      var other = dir < 0 ? it.previousElementSibling : it.nextElementSibling;
      if (other) ol.insertBefore(it, dir < 0 ? other : other.nextElementSibling);
      b.focus();
      var pos = children(ol, "sb-item").indexOf(it) + 1;
      one(li, ".sb-feedback").textContent = F.fill(s.moved, {
        item: (one(it, ".sb-item-text").textContent || "").trim(), pos: pos, total: ol.children.length });
    }

    /** The learner's answer on the page, or null when there is none yet.
     * @param {HTMLElement} li @param {QuestionData} q @returns {Answer} */
    function read(li, q) {
      switch (q.type) {
        case "single": case "truefalse": case "multiple":
          var on = /** @type {HTMLInputElement[]} */ (all(li, ".sb-choices input")).filter(function (c) { return c.checked; })
            .map(function (c) { return +c.value; }).sort(function (a, b) { return a - b; });
          if (!on.length) return null;
          return q.type === "multiple" ? on : on[0];
        case "fill": case "numeric":
          var t = input(li, "input[type=text]").value.trim();
          return t ? t.slice(0, q.ml) : null;
        case "matching":
          var v = all(li, ".sb-match").sort(function (a, b) { return numberAttribute(a, "data-row") - numberAttribute(b, "data-row"); })
            .map(function (r) { var x = select(r, "select").value; return x === "" ? -1 : +x; });
          return v.indexOf(-1) >= 0 ? null : v;
        case "ordering":
          return children(one(li, ".sb-order"), "sb-item").map(function (it) { return numberAttribute(it, "data-item"); });
      }
      return null;
    }

    /** Shows answer `v` on the page. @param {HTMLElement} li @param {QuestionData} q @param {Answer} v */
    function put(li, q, v) {
      if (q.type === "fill" || q.type === "numeric") input(li, "input[type=text]").value = String(v);
      else if (q.type === "matching") /** @type {number[]} */ (v).forEach(function (x, i) {
        select(li, '.sb-match[data-row="' + i + '"] select').value = x < 0 ? "" : String(x);
      });
      else if (q.type === "ordering") {
        var ol = one(li, ".sb-order");
        /** @type {number[]} */ (v).forEach(function (x) { ol.appendChild(one(ol, '[data-item="' + x + '"]')); });
      }
      else /** @type {number[]} */ ([]).concat(/** @type {number | number[]} */ (v)).forEach(function (x) {
        input(li, '.sb-choices input[value="' + x + '"]').checked = true;
      });
    }

    /** Locks a question answered with `v` and gives its feedback.
     * @param {HTMLElement} li @param {QuestionData} q @param {Answer} v */
    function lock(li, q, v) {
      var ok = Q.isCorrect(q, v, lang), fb = one(li, ".sb-feedback");
      controls(li, "input, select, .sb-order button, .sb-check").forEach(function (c) { c.disabled = true; });
      li.classList.add(ok ? "sb-ok" : "sb-bad");
      fb.textContent = "";
      var head = win.document.createElement("strong");
      head.textContent = ok ? s.correct : s.incorrect; // said in words, not by colour alone
      fb.appendChild(head);
      var extra = li.querySelector(ok ? ".sb-fb-correct" : ".sb-fb-incorrect");
      if (extra) /** @type {HTMLElement} */ (fb.appendChild(extra.cloneNode(true))).hidden = false;
      if (/single|multiple|truefalse/.test(q.type)) /** @type {number[]} */ ([]).concat(/** @type {number | number[]} */ (v)).forEach(function (x) {
        var choice = /** @type {HTMLElement} */ (input(li, '.sb-choices input[value="' + x + '"]').closest(".sb-choice"));
        var c = /** @type {HTMLElement | null} */ (choice.querySelector(".sb-cfb"));
        if (c) c.hidden = false;
      });
    }

    /** @param {HTMLElement} li @param {QuestionData} q @param {number} k */
    function check(li, q, k) {
      var v = read(li, q), fb = one(li, ".sb-feedback");
      if (locked()) return;
      if (v === null) { fb.textContent = s.answer_needed; return; }
      if (q.type === "numeric" && isNaN(Q.parseNumber(String(v), lang))) { fb.textContent = s.number_needed; return; }
      qs.answers[k] = v;
      lock(li, q, v);
      var sc = tally();
      if (sc.complete) {
        var pct = Q.scaled(sc.earned, sc.max);
        qs.best = qs.best === null ? pct : Math.max(qs.best, pct);
      }
      var it = quiz.graded ? Q.interaction(quiz, q, v, Q.isCorrect(q, v, lang), Date.now() - shown, lang) : null;
      store.save(index, qs, it);
      summary();
    }

    /** The points of this attempt so far. */
    function tally() { return Q.tally(quiz, order(), qs.answers, lang); }

    function summary() {
      var t = tally(), left = !quiz.attempts || qs.attempts < quiz.attempts, why = locked();
      attempt.textContent = [quiz.attempts && qs.attempts ? F.fill(s.attempt, { n: qs.attempts, max: quiz.attempts }) : "",
        why ? s[why] : ""].join(" ").trim();
      result.textContent = t.complete ? F.fill(s.score, { score: decimal(t.earned), max: decimal(t.max),
        pct: decimal(t.max ? 100 * t.earned / t.max : 100) }) + (left || t.earned === t.max ? "" : " " + s.no_attempts) : "";
      retry.hidden = !!why || !(t.complete && left && t.earned < t.max);
      if (why) controls(el, ".sb-question:not([hidden]) .sb-check").forEach(function (c) { c.disabled = true; });
      if (t.complete && (!left || why) && quiz.show) order().forEach(function (qi, k) {
        if (!Q.isCorrect(quiz.questions[qi], qs.answers[k], lang)) one(items[qi], ".sb-answer").hidden = false;
      });
    }

    function render() {
      items.forEach(function (li) { li.hidden = true; });
      order().forEach(function (qi, k) {
        var li = items[qi]; li.hidden = false; list.appendChild(li); setup(li, quiz.questions[qi], qi, k);
      });
      shown = Date.now();
      summary();
    }

    retry.onclick = function () {
      if (locked()) { summary(); return; }
      qs = Q.newAttempt(quiz, qs);
      store.save(index, qs, null);
      render();
      var h = one(el, "h2"); h.setAttribute("tabindex", "-1"); h.focus();
    };
    render();
    return { refresh: summary };
  }

  return { mount: mount };
});
