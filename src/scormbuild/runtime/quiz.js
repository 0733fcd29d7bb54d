/* scormbuild quiz engine: attempts, pools, shuffling, scoring, feedback, interactions.
 * Scoring and SCORM response formatting are pure (exported for node tests); mount() wires
 * one server-rendered quiz (.sb-quiz) to a store that keeps its state. */
(function (root, factory) {
  var api = factory(root);
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.SBQuiz = api;
})(this, function (root) {
  "use strict";
  var BEST = 10000, SEEDS = 1679616;

  function rng(seed) { // mulberry32: small, seedable, good enough for shuffling
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6d2b79f5) | 0;
      var t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  function shuffle(list, rand) {
    for (var i = list.length - 1; i > 0; i--) {
      var j = Math.floor(rand() * (i + 1)), x = list[i]; list[i] = list[j]; list[j] = x;
    }
    return list;
  }
  function range(n) { var o = []; for (var i = 0; i < n; i++) o.push(i); return o; }

  /* A new attempt: fresh seed; a pool draws its questions, shuffling orders them. */
  function newAttempt(quiz, qs, seed) {
    var n = quiz.questions.length, idx = range(n);
    var s = seed === undefined ? Math.floor(Math.random() * SEEDS) : seed;
    if (quiz.so) {
      shuffle(idx, rng(s));
      idx = idx.slice(0, Math.min(quiz.drawn, n));
      if (!quiz.sq) idx.sort(function (a, b) { return a - b; });
    }
    return { a: (qs ? qs.a : 0) + 1, s: s, b: qs ? qs.b : null, d: quiz.so ? idx : null, ans: [] };
  }

  /* Numbers as learners type them: spaces as thousands separators; a decimal comma in
   * Finnish and Swedish; "1,000.5" style grouping in English. NaN when it is no number. */
  function parseNumber(text, lang) {
    var s = String(text).replace(/[\s\u00a0\u202f]/g, "").replace(/\u2212/g, "-");
    if (/^(fi|sv)/.test(lang)) s = s.replace(",", ".");
    else if (/^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(s)) s = s.replace(/,/g, "");
    return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s) ? parseFloat(s) : NaN;
  }
  function norm(text, cs) {
    var s = String(text).trim().replace(/\s+/g, " ");
    if (s.normalize) s = s.normalize("NFC");
    return cs ? s : s.toLowerCase();
  }

  function isCorrect(q, v, lang) {
    if (v === null || v === undefined) return false;
    var k = q.key;
    switch (q.type) {
      case "single": case "truefalse": return k.indexOf(v) >= 0;
      case "multiple": return v.slice().sort().join() === k.slice().sort().join();
      case "fill": return k.a.some(function (a) { return norm(a, k.cs) === norm(v, k.cs); });
      case "numeric":
        var x = parseNumber(v, lang), eps = 1e-9 * Math.max(1, Math.abs(x));
        return x >= k[0] - eps && x <= k[1] + eps;
      case "matching": case "ordering":
        return v.every(function (x, i) { return x === i; });
    }
    return false;
  }

  var TYPES = { single: "choice", multiple: "choice", truefalse: "true-false", fill: "fill-in",
    numeric: "numeric", matching: "matching", ordering: "sequencing" };
  function letter(j) { return j < 26 ? String.fromCharCode(97 + j) : j.toString(36) + "_"; }

  /* student_response and correct_responses pattern in SCORM 1.2 formats. */
  function response(q, v, lang) {
    switch (q.type) {
      case "single": case "multiple":
        return [].concat(v).map(function (i) { return q.ids[i]; }).join(",");
      case "truefalse": return q.ids[v].charAt(0) === "t" ? "t" : "f";
      case "fill": return String(v).trim();
      case "numeric": return String(parseNumber(v, lang));
      case "matching":
        return v.map(function (j, i) { return q.ids[i] + "." + (j < 0 ? "" : letter(j)); }).join(",");
      case "ordering": return v.map(function (i) { return q.ids[i]; }).join(",");
    }
    return "";
  }
  function pattern(q) {
    switch (q.type) {
      case "single": case "multiple": case "truefalse": return response(q, q.key, "en");
      case "fill": return q.key.a[0];
      case "numeric": return String(q.key[2] !== null ? q.key[2] : q.key[0]);
      default: return response(q, range(q.n), "en");
    }
  }

  function interaction(quiz, q, v, ok, latency, lang) {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return { id: quiz.id + "." + q.id, type: TYPES[q.type], response: response(q, v, lang),
      correct: pattern(q), result: ok ? "correct" : "wrong", weighting: q.points, latency: latency,
      time: two(d.getHours()) + ":" + two(d.getMinutes()) + ":" + two(d.getSeconds()) };
  }

  var api = { rng: rng, shuffle: shuffle, newAttempt: newAttempt, parseNumber: parseNumber,
    isCorrect: isCorrect, response: response, pattern: pattern, interaction: interaction, BEST: BEST };
  if (root && root.document) api.mount = function (el, quiz, index, store, strings, lang) {
    return root.SBQuizUI.mount(api, el, quiz, index, store, strings, lang);
  };
  return api;
});
