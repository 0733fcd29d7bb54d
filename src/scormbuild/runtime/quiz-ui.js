// @ts-check
/* scormbuild quiz user interface: puts a quiz attempt on the page and reads answers back.
 * The markup is rendered at build time; this only orders, fills, locks and annotates it. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory(window, require("./quiz.js"), require("./format.js"), require("./exam.js"));
  } else root.SBQuizUI = factory(window, root.SBQuiz, root.SBFormat, root.SBExam);
})(/** @type {any} */ (this), /**
 * @param {Window & typeof globalThis} win
 * @param {import("./quiz.js")} Q
 * @param {import("./format.js")} F
 * @param {import("./exam.js") | undefined} X exam mode: shipped only with a quiz that uses it
 */ function (win, Q, F, X) {
  "use strict";

  /** @typedef {import("./types").QuizData} QuizData */
  /** @typedef {import("./types").QuestionData} QuestionData */
  /** @typedef {import("./types").QuizState} QuizState */
  /** @typedef {import("./types").Answer} Answer */
  /** @typedef {import("./types").Interaction} Interaction */
  /** @typedef {import("./types").Entry} Entry */
  /** Where a quiz's state is kept: get(i), save(i, state, interactions), and locked(), the
   * string key of the reason a graded quiz takes no answers ("" when it does).
   * @typedef {{get: (i: number) => QuizState,
   *   save: (i: number, qs: QuizState, it: Interaction | Interaction[] | null) => void,
   *   locked?: () => string}} Store */

  /** @param {ParentNode} el @param {string} selector @returns {HTMLElement[]} */
  function all(el, selector) { return [].slice.call(el.querySelectorAll(selector)); }
  /** The element `selector` finds in `el`; the page's markup always has it.
   * @param {ParentNode} el @param {string} selector */
  function one(el, selector) { return /** @type {HTMLElement} */ (el.querySelector(selector)); }
  // The same two functions, typed for what the selectors they are given find.
  var input = /** @type {(el: ParentNode, selector: string) => HTMLInputElement} */ (one);
  /** The controls of `el` that can be disabled. */
  var controls = /** @type {(el: ParentNode, selector: string) => HTMLButtonElement[]} */ (all);
  /** The children of `el` with the class `cls`. @param {Element} el @param {string} cls
   * @returns {HTMLElement[]} */
  function children(el, cls) {
    return [].slice.call(el.children).filter(function (/** @type {Element} */ c) { return c.classList.contains(cls); });
  }
  /** @param {Element} el @param {string} name */
  function numberAttribute(el, name) { return +(el.getAttribute(name) || 0); }
  /** Compares two elements by the number in their attribute `name`, for sort().
   * @param {string} name @returns {(a: Element, b: Element) => number} */
  function byNumber(name) { return function (a, b) { return numberAttribute(a, name) - numberAttribute(b, name); }; }
  /** The input of choice `x` of question `li`. @param {ParentNode} li @param {number} x */
  function choice(li, x) { return input(li, '.sb-choices input[value="' + x + '"]'); }
  /** Whether a question of `type` is answered by choosing. @param {string} type */
  function choosing(type) { return /single|multiple|truefalse/.test(type); }
  /** Question `li` takes no more answers: its fields are disabled, and its buttons go, so
   * that nothing washed out stays behind. @param {HTMLElement} li */
  function close(li) {
    controls(li, "input, select, button").forEach(function (c) { c.disabled = true; c.hidden = c.type === "button"; });
  }
  /** Whether `text` starts with the word `word` says (its end stop left out), in any case.
   * @param {string | null} text @param {string} word */
  function begins(text, word) {
    var w = word.replace(/[.!]+$/, "").toLowerCase(), t = (text || "").trim().toLowerCase(), next = t.charAt(w.length);
    return t.indexOf(w) === 0 && next.toUpperCase() === next.toLowerCase(); // not a longer word
  }

  /** Puts quiz `index` on the page in `el` and keeps its state in `store`.
   * @param {HTMLElement} el @param {QuizData} quiz @param {number} index @param {Store} store
   * @param {Record<string, string>} s the course's strings @param {string} lang */
  function mount(el, quiz, index, store, s, lang) {
    var qs = store.get(index), list = one(el, ".sb-questions"), shown = Date.now(), doc = win.document;
    var items = children(list, "sb-question"), result = one(el, ".sb-result");
    var retry = one(el, ".sb-retry"), attempt = one(el, ".sb-attempt");
    var pass = (win.SCORMBUILD_COURSE || {}).mastery; // the pass mark, 0-100 (null: none)
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
      controls(li, "input, select, button").forEach(function (c) {
        var field = /** @type {HTMLInputElement} */ (/** @type {unknown} */ (c));
        c.disabled = c.hidden = false;
        if (/^(radio|checkbox)$/.test(c.type)) field.checked = false;
        else if (/^(text|select)/.test(c.type)) c.value = ""; // text fields and menus
      });
      all(li, ".sb-mark").forEach(function (m) { m.remove(); });
      all(li, ".sb-fb, .sb-cfb, .sb-answer").forEach(function (c) { c.hidden = true; });
      one(li, ".sb-feedback").textContent = "";
      // Shuffles start from the written order, not from the one an earlier attempt left:
      // an attempt looks the same however often its page is opened.
      var box = li.querySelector(".sb-choices");
      if (box) {
        var choices = children(box, "sb-choice").sort(function (a, b) { return byNumber("value")(one(a, "input"), one(b, "input")); });
        // True comes before false, always: a swapped pair only trips learners up.
        if (quiz.sc && q.type !== "truefalse") Q.shuffle(choices, seeded(qi, 1));
        choices.forEach(function (c) { /** @type {Element} */ (box).appendChild(c); });
      }
      var rows = all(li, ".sb-match").sort(byNumber("data-row"));
      if (rows.length) {
        if (quiz.sc) Q.shuffle(rows.slice(), seeded(qi, 1)).forEach(function (r) { /** @type {Node} */ (r.parentNode).appendChild(r); });
        var rand = seeded(qi, 2);
        rows.forEach(function (r) {
          var menu = /** @type {HTMLSelectElement} */ (one(r, "select")), options = /** @type {HTMLOptionElement[]} */ ([].slice.call(menu.options, 1)).sort(byNumber("value"));
          Q.shuffle(options, rand).forEach(function (o) { menu.appendChild(o); });
        });
      }
      var ol = li.querySelector(".sb-order");
      if (ol) {
        var list = /** @type {Element} */ (ol);
        var inOrder = children(list, "sb-item").sort(byNumber("data-item"));
        var start = Q.shuffle(inOrder.slice(), seeded(qi, 3));
        // Never start from the answer itself.
        if (start.every(function (it, i) { return it === inOrder[i]; }) && start.length > 1) start.push(/** @type {HTMLElement} */ (start.shift()));
        start.forEach(function (it) { list.appendChild(it); });
        controls(list, "button").forEach(function (b) { b.onclick = function () { move(li, b); }; });
      }
      var button = /** @type {HTMLButtonElement | null} */ (li.querySelector(".sb-check")); // none in exam mode
      if (button) button.onclick = function () { check(li, q, k); };
      var given = qs.answers[k], draft = (qs.draft || [])[k];
      if (given != null) { put(li, q, given); lock(li, q, given); }
      else if (locked()) close(li);
      else if (draft != null) put(li, q, draft); // an exam's answer not yet submitted
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

    /** The learner's answer on the page, or null when there is none yet; `part`: a matching
     * question's rows as they are, -1 where none is chosen.
     * @param {HTMLElement} li @param {QuestionData} q @param {boolean} [part] @returns {Answer} */
    function read(li, q, part) {
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
          var v = all(li, ".sb-match").sort(byNumber("data-row"))
            .map(function (r) { var x = /** @type {HTMLSelectElement} */ (one(r, "select")).value; return x === "" ? -1 : +x; });
          return part || v.indexOf(-1) < 0 ? v : null;
        case "ordering":
          return children(one(li, ".sb-order"), "sb-item").map(function (it) { return numberAttribute(it, "data-item"); });
      }
      return null;
    }

    /** Shows answer `v` on the page. @param {HTMLElement} li @param {QuestionData} q @param {Answer} v */
    function put(li, q, v) {
      if (q.type === "fill" || q.type === "numeric") input(li, "input[type=text]").value = String(v);
      else if (q.type === "matching") /** @type {number[]} */ (v).forEach(function (x, i) {
        /** @type {HTMLSelectElement} */ (one(li, '.sb-match[data-row="' + i + '"] select')).value = x < 0 ? "" : String(x);
      });
      else if (q.type === "ordering") {
        var ol = one(li, ".sb-order");
        /** @type {number[]} */ (v).forEach(function (x) { ol.appendChild(one(ol, '[data-item="' + x + '"]')); });
      }
      else /** @type {number[]} */ ([]).concat(/** @type {number | number[]} */ (v)).forEach(function (x) {
        choice(li, x).checked = true;
      });
    }

    /** Marks choice `x` of `li` with ✓ or ✗ (by the theme) and `text`, inside its label so
     * that a screen reader reads it with the choice. @param {HTMLElement} li @param {number} x
     * @param {boolean} good @param {string} text */
    function mark(li, x, good, text) {
      var m = /** @type {Element} */ (choice(li, x).nextElementSibling).appendChild(doc.createElement("span")); // its label
      m.className = "sb-mark sb-mark-" + (good ? "ok" : "bad");
      m.textContent = text;
    }

    /** Locks a question answered with `v` and gives its feedback: one line, the verdict in
     * words (not by colour alone), unless the author's feedback starts with it; the chosen
     * choices marked right or wrong; for a wrong multiple choice, how many are missing.
     * @param {HTMLElement} li @param {QuestionData} q @param {Answer} v */
    function lock(li, q, v) {
      var ok = Q.isCorrect(q, v, lang), fb = one(li, ".sb-feedback"), word = ok ? s.correct : s.incorrect;
      close(li);
      li.classList.add(ok ? "sb-ok" : "sb-bad");
      var extra = li.querySelector(ok ? ".sb-fb-correct" : ".sb-fb-incorrect");
      fb.textContent = "";
      fb.appendChild(doc.createElement("strong")).textContent = extra && begins(extra.textContent, word) ? "" : word;
      if (choosing(q.type)) {
        var key = /** @type {number[]} */ (q.key), chosen = /** @type {number[]} */ ([]).concat(/** @type {number | number[]} */ (v));
        chosen.forEach(function (x) {
          var good = key.indexOf(x) >= 0, c = /** @type {HTMLElement} */ (choice(li, x).closest(".sb-choice"));
          mark(li, x, good, good ? s.chosen_right : s.chosen_wrong);
          var cfb = /** @type {HTMLElement | null} */ (c.querySelector(".sb-cfb"));
          if (cfb) cfb.hidden = false;
        });
        var missing = key.filter(function (x) { return chosen.indexOf(x) < 0; }).length;
        if (!ok && q.type === "multiple" && missing) fb.append(" " + F.fill(s.choices_missing, { n: missing }));
      }
      if (extra) {
        var own = /** @type {HTMLElement} */ (extra.cloneNode(true));
        own.hidden = false;
        fb.append(" ", own);
      }
    }

    /** Why `v` cannot be taken as an answer to `q`: a string key, "" when it can.
     * @param {QuestionData} q @param {Answer} v */
    function problem(q, v) {
      return v === null ? "answer_needed" : q.type === "numeric" && isNaN(Q.parseNumber(String(v), lang)) ? "number_needed" : "";
    }

    /** @param {HTMLElement} li @param {QuestionData} q @param {number} k */
    function check(li, q, k) {
      var v = read(li, q), why = problem(q, v), fb = one(li, ".sb-feedback");
      if (why) { fb.textContent = s[why]; return; }
      record([[li, q, k, v]]);
      fb.tabIndex = -1; // the check button is gone: the focus goes on to what it said
      fb.focus();
    }

    /** Takes the answers of `entries` at once: locks them, keeps the best finished attempt,
     * and saves them with their interactions in one go. @param {Entry[]} entries */
    function record(entries) {
      if (locked()) { summary(); return; }
      /** @type {Interaction[]} */
      var its = [];
      entries.forEach(function (e) {
        var q = e[1], v = e[3];
        qs.answers[e[2]] = v;
        lock(e[0], q, v);
        if (quiz.graded) its.push(Q.interaction(quiz, q, v, Q.isCorrect(q, v, lang), Date.now() - shown, lang));
      });
      var sc = tally();
      if (sc.complete) {
        var pct = Q.scaled(sc.earned, sc.max);
        qs.best = qs.best === null ? pct : Math.max(qs.best, pct);
      }
      store.save(index, qs, its);
      summary();
    }

    /** The points of this attempt so far. */
    function tally() { return Q.tally(quiz, order(), qs.answers, lang); }

    /** The result box: this attempt's score, the best one if it counts instead, and whether
     * the best passes the pass mark; the correct answers once no attempt is left. */
    function summary() {
      var t = tally(), left = !quiz.attempts || qs.attempts < quiz.attempts, why = locked();
      attempt.textContent = [quiz.attempts && qs.attempts ? F.fill(s.attempt, { n: qs.attempts, max: quiz.attempts }) : "",
        why ? s[why] : ""].join(" ").trim();
      var pct = t.max ? 100 * t.earned / t.max : 100, best = qs.best === null ? pct : Q.percent(qs.best), text = [];
      if (t.complete) {
        text.push(F.fill(s.score, { score: decimal(t.earned), max: decimal(t.max), pct: decimal(pct) }));
        if (best > pct) text.push(F.fill(s.best_counts, { pct: decimal(best) }));
        if (quiz.graded && pass != null) {
          text.push(F.fill(s[best >= pass ? "quiz_passed" : left && !why ? "quiz_not_yet" : "quiz_not_passed"], { mark: decimal(pass) }));
        }
        if (!left && t.earned < t.max) text.push(s.no_attempts);
      }
      result.textContent = text.join(" ");
      retry.hidden = !!why || !(t.complete && left && t.earned < t.max);
      if (why) items.forEach(close);
      if (t.complete && (!left || why) && quiz.show) order().forEach(function (qi, k) {
        var q = quiz.questions[qi], li = items[qi], answer = one(li, ".sb-answer");
        if (Q.isCorrect(q, qs.answers[k], lang) || !answer.hidden) return;
        answer.hidden = false;
        // The correct choices the learner left out are marked too, where they are.
        if (choosing(q.type)) /** @type {number[]} */ (q.key).forEach(function (x) {
          if (!choice(li, x).checked) mark(li, x, true, s.right_choice);
        });
      });
      if (exam) exam.refresh();
    }

    function render() {
      items.forEach(function (li) { li.hidden = true; });
      order().forEach(function (qi, k) {
        var li = items[qi]; li.hidden = false; list.appendChild(li); setup(li, quiz.questions[qi], qi, k);
      });
      shown = Date.now();
      summary();
    }

    var exam = quiz.exam && X ? X.mount(el, {
      entries: function () {
        return order().map(function (qi, k) { var li = items[qi], q = quiz.questions[qi]; return /** @type {Entry} */ ([li, q, k, read(li, q)]); });
      },
      problem: problem,
      record: record,
      open: function () { return !locked() && !tally().complete; },
      keep: function () {
        var d = order().map(function (qi) { return read(items[qi], quiz.questions[qi], true); });
        if (JSON.stringify(d) !== JSON.stringify(qs.draft)) { qs.draft = d; store.save(index, qs, null); }
      }
    }, s) : null;

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
