/* scormbuild quiz user interface: puts a quiz attempt on the page and reads answers back.
 * The markup is rendered at build time; this only orders, fills, locks and annotates it. */
(function (root) {
  "use strict";
  function all(el, sel) { return [].slice.call(el.querySelectorAll(sel)); }
  function kids(el, cls) { return [].slice.call(el.children).filter(function (c) { return c.classList.contains(cls); }); }
  function fmt(text, v) { return text.replace(/\{(\w+)\}/g, function (m, k) { return k in v ? v[k] : m; }); }

  /* `store` keeps the quiz's state: get(i), save(i, state, interaction), and locked(), the
   * key of the reason a graded quiz takes no answers ("" when it does). */
  function mount(Q, el, quiz, index, store, s, lang) {
    var qs = store.get(index), list = el.querySelector(".sb-questions"), shown = Date.now();
    var lis = kids(list, "sb-question"), result = el.querySelector(".sb-result");
    var retry = el.querySelector(".sb-retry"), attempt = el.querySelector(".sb-attempt");
    function num(x) { var t = String(Math.round(x * 100) / 100); return /^(fi|sv)/.test(lang) ? t.replace(".", ",") : t; }
    function order() { return qs.d || lis.slice(0, Math.min(quiz.drawn, lis.length)).map(function (_, i) { return i; }); }
    function seeded(qi, salt) { return Q.rng(qs.s + salt + qi * 7919); }

    function locked() { return quiz.graded && store.locked ? store.locked() : ""; }
    if (!qs.a && !locked()) { qs = Q.newAttempt(quiz, null); store.save(index, qs, null); }

    function setup(li, q, qi, k) {
      li.className = "sb-question";
      all(li, "input, select, button").forEach(function (c) { c.disabled = false; });
      all(li, "input[type=radio], input[type=checkbox]").forEach(function (c) { c.checked = false; });
      all(li, "input[type=text], select").forEach(function (c) { c.value = ""; });
      all(li, ".sb-fb, .sb-cfb, .sb-answer").forEach(function (c) { c.hidden = true; });
      li.querySelector(".sb-feedback").textContent = "";
      var box = li.querySelector(".sb-choices");
      if (box) {
        var ch = kids(box, "sb-choice");
        if (quiz.sc) Q.shuffle(ch, seeded(qi, 1));
        ch.forEach(function (c) { box.appendChild(c); });
      }
      var rows = all(li, ".sb-match");
      if (rows.length) {
        if (quiz.sc) Q.shuffle(rows.slice(), seeded(qi, 1)).forEach(function (r) { r.parentNode.appendChild(r); });
        var rand = seeded(qi, 2);
        rows.forEach(function (r) {
          var sel = r.querySelector("select"), opts = [].slice.call(sel.options, 1);
          Q.shuffle(opts, rand).forEach(function (o) { sel.appendChild(o); });
        });
      }
      var ol = li.querySelector(".sb-order");
      if (ol) {
        var items = kids(ol, "sb-item").sort(function (a, b) { return a.getAttribute("data-item") - b.getAttribute("data-item"); });
        var start = Q.shuffle(items.slice(), seeded(qi, 3));
        // Never start from the answer itself.
        if (start.every(function (it, i) { return it === items[i]; }) && start.length > 1) start.push(start.shift());
        start.forEach(function (it) { ol.appendChild(it); });
        all(ol, "button").forEach(function (b) { b.onclick = function () { move(li, b); }; });
      }
      li.querySelector(".sb-check").onclick = function () { check(li, q, k); };
      if (qs.ans[k] !== null && qs.ans[k] !== undefined) { put(li, q, qs.ans[k]); lock(li, q, qs.ans[k]); }
      else if (locked()) all(li, "input, select, button").forEach(function (c) { c.disabled = true; });
    }

    function move(li, b) {
      var it = b.closest(".sb-item"), ol = it.parentNode, dir = +b.getAttribute("data-dir");
      var other = dir < 0 ? it.previousElementSibling : it.nextElementSibling;
      if (other) ol.insertBefore(it, dir < 0 ? other : other.nextElementSibling);
      b.focus();
      var pos = kids(ol, "sb-item").indexOf(it) + 1;
      li.querySelector(".sb-feedback").textContent = fmt(s.moved, {
        item: it.querySelector(".sb-item-text").textContent.trim(), pos: pos, total: ol.children.length });
    }

    function read(li, q) {
      switch (q.type) {
        case "single": case "truefalse": case "multiple":
          var on = all(li, ".sb-choices input").filter(function (c) { return c.checked; })
            .map(function (c) { return +c.value; }).sort(function (a, b) { return a - b; });
          if (!on.length) return null;
          return q.type === "multiple" ? on : on[0];
        case "fill": case "numeric":
          var t = li.querySelector("input[type=text]").value.trim();
          return t ? t.slice(0, q.ml) : null;
        case "matching":
          var v = all(li, ".sb-match").sort(function (a, b) { return a.getAttribute("data-row") - b.getAttribute("data-row"); })
            .map(function (r) { var x = r.querySelector("select").value; return x === "" ? -1 : +x; });
          return v.indexOf(-1) >= 0 ? null : v;
        case "ordering":
          return kids(li.querySelector(".sb-order"), "sb-item").map(function (it) { return +it.getAttribute("data-item"); });
      }
      return null;
    }

    function put(li, q, v) {
      if (q.type === "fill" || q.type === "numeric") li.querySelector("input[type=text]").value = v;
      else if (q.type === "matching") v.forEach(function (x, i) {
        li.querySelector('.sb-match[data-row="' + i + '"] select').value = x < 0 ? "" : String(x);
      });
      else if (q.type === "ordering") { var ol = li.querySelector(".sb-order"); v.forEach(function (x) { ol.appendChild(ol.querySelector('[data-item="' + x + '"]')); }); }
      else [].concat(v).forEach(function (x) { li.querySelector('.sb-choices input[value="' + x + '"]').checked = true; });
    }

    function lock(li, q, v) {
      var ok = Q.isCorrect(q, v, lang), fb = li.querySelector(".sb-feedback");
      all(li, "input, select, .sb-order button, .sb-check").forEach(function (c) { c.disabled = true; });
      li.classList.add(ok ? "sb-ok" : "sb-bad");
      fb.textContent = "";
      var head = root.document.createElement("strong");
      head.textContent = ok ? s.correct : s.incorrect; // said in words, not by colour alone
      fb.appendChild(head);
      var extra = li.querySelector(ok ? ".sb-fb-correct" : ".sb-fb-incorrect");
      if (extra) fb.appendChild(extra.cloneNode(true)).hidden = false;
      if (/single|multiple|truefalse/.test(q.type)) [].concat(v).forEach(function (x) {
        var c = li.querySelector('.sb-choices input[value="' + x + '"]').closest(".sb-choice").querySelector(".sb-cfb");
        if (c) c.hidden = false;
      });
    }

    function check(li, q, k) {
      var v = read(li, q), fb = li.querySelector(".sb-feedback");
      if (locked()) return;
      if (v === null) { fb.textContent = s.answer_needed; return; }
      if (q.type === "numeric" && isNaN(Q.parseNumber(v, lang))) { fb.textContent = s.number_needed; return; }
      qs.ans[k] = v;
      lock(li, q, v);
      var sc = tally();
      if (sc.complete) {
        var pct = sc.max > 0 ? Math.round(Q.BEST * sc.earned / sc.max) : Q.BEST;
        qs.b = qs.b === null ? pct : Math.max(qs.b, pct);
      }
      var it = quiz.graded ? Q.interaction(quiz, q, v, Q.isCorrect(q, v, lang), Date.now() - shown, lang) : null;
      store.save(index, qs, it);
      summary();
    }

    function tally() {
      var t = { earned: 0, max: 0, complete: true };
      order().forEach(function (qi, k) {
        var q = quiz.questions[qi], v = qs.ans[k];
        t.max += q.points;
        if (v === null || v === undefined) t.complete = false;
        else if (Q.isCorrect(q, v, lang)) t.earned += q.points;
      });
      return t;
    }

    function summary() {
      var t = tally(), left = !quiz.attempts || qs.a < quiz.attempts, why = locked();
      attempt.textContent = [quiz.attempts && qs.a ? fmt(s.attempt, { n: qs.a, max: quiz.attempts }) : "",
        why ? s[why] : ""].join(" ").trim();
      result.textContent = t.complete ? fmt(s.score, { score: num(t.earned), max: num(t.max),
        pct: num(t.max ? 100 * t.earned / t.max : 100) }) + (left || t.earned === t.max ? "" : " " + s.no_attempts) : "";
      retry.hidden = !!why || !(t.complete && left && t.earned < t.max);
      if (why) all(el, ".sb-question:not([hidden]) .sb-check").forEach(function (c) { c.disabled = true; });
      if (t.complete && (!left || why) && quiz.show) order().forEach(function (qi, k) {
        if (!Q.isCorrect(quiz.questions[qi], qs.ans[k], lang)) lis[qi].querySelector(".sb-answer").hidden = false;
      });
    }

    function render() {
      lis.forEach(function (li) { li.hidden = true; });
      order().forEach(function (qi, k) {
        var li = lis[qi]; li.hidden = false; list.appendChild(li); setup(li, quiz.questions[qi], qi, k);
      });
      shown = Date.now();
      summary();
    }

    retry.onclick = function () {
      if (locked()) { summary(); return; }
      qs = Q.newAttempt(quiz, qs);
      store.save(index, qs, null);
      render();
      var h = el.querySelector("h2"); h.setAttribute("tabindex", "-1"); h.focus();
    };
    render();
    return { refresh: summary };
  }

  root.SBQuizUI = { mount: mount };
})(this);
