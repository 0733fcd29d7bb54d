// @ts-check
/* scormbuild quiz engine: attempts, pools, shuffling, scoring and SCORM interaction formats.
 * Pure (no page): quiz-ui.js puts a quiz on the page with it. Runs in the browser
 * (window.SBQuiz) and in node (module.exports) for tests. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("./constants.json"), require("./format.js"));
  else root.SBQuiz = factory(root.SBConstants, root.SBFormat);
})(/** @type {any} */ (this), /**
 * @param {import("./types").Constants} C
 * @param {import("./format.js")} F
 */ function (C, F) {
  "use strict";

  /** @typedef {import("./types").QuizData} QuizData */
  /** @typedef {import("./types").QuestionData} QuestionData */
  /** @typedef {import("./types").QuizState} QuizState */
  /** @typedef {import("./types").Answer} Answer */
  /** @typedef {import("./types").FillKey} FillKey */
  /** @typedef {import("./types").NumericKey} NumericKey */

  /** A seeded random number generator in [0, 1): mulberry32, small and good enough for
   * shuffling. @param {number} seed @returns {() => number} */
  function rng(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6d2b79f5) | 0;
      var t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  /** `list` shuffled in place. @template T @param {T[]} list @param {() => number} rand */
  function shuffle(list, rand) {
    for (var i = list.length - 1; i > 0; i--) {
      var j = Math.floor(rand() * (i + 1)), x = list[i]; list[i] = list[j]; list[j] = x;
    }
    return list;
  }
  /** @param {number} n */
  function range(n) { var o = []; for (var i = 0; i < n; i++) o.push(i); return o; }

  /** A new attempt after `previous` (null for the first): a fresh seed (or `seed`); a pool
   * draws its questions, shuffling orders them.
   * @param {QuizData} quiz @param {QuizState | null} previous @param {number} [seed]
   * @returns {QuizState} */
  function newAttempt(quiz, previous, seed) {
    var n = quiz.questions.length, questions = range(n);
    var s = seed === undefined ? Math.floor(Math.random() * C.SEED_LIMIT) : seed;
    if (quiz.so) {
      shuffle(questions, rng(s));
      questions = questions.slice(0, Math.min(quiz.drawn, n));
      if (!quiz.sq) questions.sort(function (a, b) { return a - b; });
    }
    return { attempts: (previous ? previous.attempts : 0) + 1, seed: s,
      best: previous ? previous.best : null, order: quiz.so ? questions : null, answers: [] };
  }

  /** Numbers as learners type them: spaces as thousands separators; a decimal comma in
   * Finnish and Swedish; "1,000.5" style grouping in English. NaN when it is no number.
   * @param {string} text @param {string} lang */
  function parseNumber(text, lang) {
    var s = String(text).replace(/[\s\u00a0\u202f]/g, "").replace(/\u2212/g, "-");
    if (/^(fi|sv)/.test(lang)) s = s.replace(",", ".");
    else if (/^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(s)) s = s.replace(/,/g, "");
    return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s) ? parseFloat(s) : NaN;
  }
  /** @param {string} text @param {boolean} caseSensitive */
  function normalized(text, caseSensitive) {
    var s = String(text).trim().replace(/\s+/g, " ");
    if (s.normalize) s = s.normalize("NFC");
    return caseSensitive ? s : s.toLowerCase();
  }

  /** Whether `v` answers `q` correctly. @param {QuestionData} q @param {Answer} v @param {string} lang */
  function isCorrect(q, v, lang) {
    if (v === null || v === undefined) return false;
    switch (q.type) {
      case "single": case "truefalse": return /** @type {number[]} */ (q.key).indexOf(/** @type {number} */ (v)) >= 0;
      case "multiple":
        return /** @type {number[]} */ (v).slice().sort().join() === /** @type {number[]} */ (q.key).slice().sort().join();
      case "fill":
        var fill = /** @type {FillKey} */ (q.key);
        return fill.a.some(function (a) {
          return normalized(a, fill.cs) === normalized(String(v), fill.cs);
        });
      case "numeric":
        var bounds = /** @type {NumericKey} */ (q.key);
        var x = parseNumber(String(v), lang), eps = 1e-9 * Math.max(1, Math.abs(x));
        return x >= bounds[0] - eps && x <= bounds[1] + eps;
      case "matching": case "ordering":
        return /** @type {number[]} */ (v).every(function (x, i) { return x === i; });
    }
    return false;
  }

  var INTERACTION_TYPES = { single: "choice", multiple: "choice", truefalse: "true-false", fill: "fill-in",
    numeric: "numeric", matching: "matching", ordering: "sequencing" };
  /** The SCORM 1.2 short identifier of a matching answer: a, b, ... z, then 10_, 11_, ...
   * @param {number} j */
  function letter(j) { return j < 26 ? String.fromCharCode(97 + j) : j.toString(36) + "_"; }

  /** `v` as a student_response in the SCORM 1.2 format of the question's type.
   * @param {QuestionData} q @param {Answer} v @param {string} lang */
  function response(q, v, lang) {
    switch (q.type) {
      case "single": case "multiple": case "ordering": // the ids of the choices or items, in order
        return /** @type {number[]} */ ([]).concat(/** @type {number | number[]} */ (v)).map(function (i) { return q.ids[i]; }).join(",");
      case "truefalse": return q.ids[/** @type {number} */ (v)].charAt(0) === "t" ? "t" : "f";
      case "fill": return String(v).trim();
      case "numeric": return String(parseNumber(String(v), lang));
      case "matching":
        return /** @type {number[]} */ (v).map(function (j, i) { return q.ids[i] + "." + (j < 0 ? "" : letter(j)); }).join(",");
    }
    return "";
  }
  /** The correct_responses pattern of `q`. @param {QuestionData} q */
  function pattern(q) {
    switch (q.type) {
      case "single": case "multiple": case "truefalse": return response(q, /** @type {number[]} */ (q.key), "en");
      case "fill": return /** @type {FillKey} */ (q.key).a[0];
      case "numeric":
        var bounds = /** @type {NumericKey} */ (q.key);
        return String(bounds[2] !== null ? bounds[2] : bounds[0]);
      default: return response(q, range(q.n), "en");
    }
  }

  /** An attempt's points as its best is stored: 0..BEST_SCALE (all of it when nothing was
   * to be earned). @param {number} earned @param {number} max */
  function scaled(earned, max) { return max > 0 ? Math.round(C.BEST_SCALE * earned / max) : C.BEST_SCALE; }
  /** A stored best as a percentage. @param {number} best */
  function percent(best) { return 100 * best / C.BEST_SCALE; }

  /** The points of an attempt so far: `shown` its questions, `answers` one per question
   * (null: not answered yet); complete once every question has an answer.
   * @param {QuizData} quiz @param {number[]} shown @param {Answer[]} answers @param {string} lang */
  function tally(quiz, shown, answers, lang) {
    var t = { earned: 0, max: 0, complete: true };
    shown.forEach(function (qi, k) {
      var q = quiz.questions[qi], v = answers[k];
      t.max += q.points;
      if (v === null || v === undefined) t.complete = false;
      else if (isCorrect(q, v, lang)) t.earned += q.points;
    });
    return t;
  }

  /** The interaction an answer is reported as (cmi.interactions.n.*).
   * @param {QuizData} quiz @param {QuestionData} q @param {Answer} v @param {boolean} correct
   * @param {number} latency milliseconds from showing the question to the answer
   * @param {string} lang @returns {import("./types").Interaction} */
  function interaction(quiz, q, v, correct, latency, lang) {
    return { id: quiz.id + "." + q.id, type: INTERACTION_TYPES[q.type], response: response(q, v, lang),
      correct: pattern(q), result: correct ? "correct" : "wrong", weighting: q.points, latency: latency,
      time: F.clockTime(new Date()) };
  }

  return { rng: rng, shuffle: shuffle, newAttempt: newAttempt, parseNumber: parseNumber,
    isCorrect: isCorrect, scaled: scaled, percent: percent, tally: tally, response: response, pattern: pattern,
    interaction: interaction };
});
