// @ts-check
/* scormbuild state codec: the learner's progress <-> cmi.suspend_data.
 * Layout (mirrored by scormbuild/package/suspend_data.py, which proves the worst case fits in
 * SUSPEND_DATA_LIMIT characters; the numbers both sides use are in constants.json):
 *   version|fingerprint|visited|interactions|quiz;quiz;...
 *   quiz = attempts,seed,best,order,answer.answer...   ("" when never started)
 * Numbers are base 36; flag sets are base 32, five flags a digit; fill-in and numeric
 * answers are "<length>:<text>" so their text needs no escaping. Only this saved text is
 * compact: in memory the state has readable names (types.d.ts, LearnerState).
 * Runs in the browser (window.SBState) and in node (module.exports) for tests. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("./constants.json"));
  else root.SBState = factory(root.SBConstants);
})(/** @type {any} */ (this), /** @param {import("./types").Constants} C */ function (C) {
  "use strict";

  /** @typedef {import("./types").CourseData} CourseData */
  /** @typedef {import("./types").QuizData} QuizData */
  /** @typedef {import("./types").QuestionData} QuestionData */
  /** @typedef {import("./types").QuizState} QuizState */
  /** @typedef {import("./types").LearnerState} LearnerState */
  /** @typedef {import("./types").Answer} Answer */

  /** How many base-36 digits `n` takes (at least one). @param {number} n */
  function width36(n) { return Math.max(n, 0).toString(36).length; }
  /** @param {number} n @param {number} width */
  function pad(n, width) { var s = n.toString(36); while (s.length < width) s = "0" + s; return s; }
  /** @param {string} token @param {number} max */
  function number(token, max) {
    if (!/^[0-9a-z]+$/.test(token)) throw new Error("bad number " + token);
    var n = parseInt(token, 36);
    if (n > max) throw new Error("out of range " + token);
    return n;
  }
  /** `n` flags, five to a base-32 digit. @param {boolean[]} flags @param {number} n */
  function bits(flags, n) {
    var out = "";
    for (var c = 0; c < Math.ceil(n / 5); c++) {
      var v = 0;
      for (var k = 0; k < 5; k++) if (flags[c * 5 + k]) v |= 1 << k;
      out += v.toString(32);
    }
    return out;
  }
  /** @param {string} token @param {number} n @returns {boolean[]} */
  function unbits(token, n) {
    if (token.length !== Math.ceil(n / 5) || !/^[0-9a-v]*$/.test(token)) throw new Error("bad flags");
    var flags = [];
    for (var i = 0; i < n; i++) flags.push(!!(parseInt(token[(i / 5) | 0], 32) & (1 << (i % 5))));
    if (bits(flags, n) !== token) throw new Error("stray flags");
    return flags;
  }
  /** `count` numbers of `width` digits each, every one in [min, max].
   * @param {string} token @param {number} width @param {number} count @param {number} min @param {number} max */
  function fixedWidth(token, width, count, min, max) {
    if (token.length !== width * count) throw new Error("bad length");
    var out = [];
    for (var i = 0; i < count; i++) {
      var v = number(token.substr(i * width, width), max + 1) + min;
      if (v > max) throw new Error("out of range");
      out.push(v);
    }
    return out;
  }

  /** The questions of an attempt, in the order they are shown; `order` holds it when stored.
   * @param {QuizData} quiz @param {QuizState} qs @returns {number[]} */
  function order(quiz, qs) {
    if (qs.order) return qs.order;
    var o = [];
    for (var i = 0; i < Math.min(quiz.drawn, quiz.questions.length); i++) o.push(i);
    return o;
  }

  /** @param {QuestionData} q @param {Answer} v @returns {string} */
  function encodeAnswer(q, v) {
    if (v === null || v === undefined) return "";
    switch (q.type) {
      case "single": case "truefalse": return v.toString(36);
      case "multiple":
        /** @type {boolean[]} */
        var f = [], chosen = /** @type {number[]} */ (v);
        for (var i = 0; i < chosen.length; i++) f[chosen[i]] = true;
        return bits(f, q.n);
      case "fill": case "numeric":
        var s = String(v).slice(0, q.ml);
        return s.length.toString(36) + ":" + s;
      case "matching":
        return /** @type {number[]} */ (v).map(function (x) { return pad(x + 1, width36(q.n)); }).join("");
      case "ordering":
        return /** @type {number[]} */ (v).map(function (x) { return pad(x, width36(q.n - 1)); }).join("");
    }
    throw new Error("unknown type " + q.type);
  }

  /** @param {QuizData} quiz @param {QuizState} qs */
  function encodeQuiz(quiz, qs) {
    if (!qs || !qs.attempts) return "";
    var shown = order(quiz, qs), width = width36(quiz.questions.length - 1);
    var answers = shown.map(function (qi, k) { return encodeAnswer(quiz.questions[qi], qs.answers[k]); });
    while (answers.length && answers[answers.length - 1] === "") answers.pop();
    return [
      Math.min(qs.attempts, quiz.attempts || C.ATTEMPT_CAP).toString(36),
      qs.seed.toString(36),
      qs.best === null || qs.best === undefined ? "" : qs.best.toString(36),
      quiz.so && qs.order ? qs.order.map(function (x) { return pad(x, width); }).join("") : "",
      answers.join(".")
    ].join(",");
  }

  /** The saved text of `st`. @param {CourseData} course @param {LearnerState} st */
  function encode(course, st) {
    var visited = bits(st.visited, course.modules.length);
    return [C.SUSPEND_DATA_VERSION, course.fp, visited,
      Math.min(st.interactions, C.INTERACTION_CAP).toString(36),
      course.quizzes.map(function (quiz, i) { return encodeQuiz(quiz, st.quizzes[i]); }).join(";")
    ].join("|");
  }

  /** Reads a saved text from left to right. @param {string} text */
  function Reader(text) { this.text = text; this.at = 0; }
  /** The text up to (not including) any of `stops`. @param {string} stops */
  Reader.prototype.until = function (stops) {
    var j = this.at;
    while (j < this.text.length && stops.indexOf(this.text[j]) < 0) j++;
    var token = this.text.slice(this.at, j); this.at = j; return token;
  };
  Reader.prototype.peek = function () { return this.text.charAt(this.at); };
  /** @param {string} c */
  Reader.prototype.expect = function (c) {
    if (this.text[this.at] !== c) throw new Error("expected " + c + " at " + this.at);
    this.at++;
  };
  /** @param {number} n */
  Reader.prototype.take = function (n) {
    if (this.at + n > this.text.length) throw new Error("truncated");
    var token = this.text.substr(this.at, n); this.at += n; return token;
  };

  /** @param {QuestionData} q @param {Reader} r @returns {Answer} */
  function decodeAnswer(q, r) {
    if (q.type === "fill" || q.type === "numeric") {
      var length = r.until(":.;");
      if (r.peek() !== ":") { if (length) throw new Error("bad text"); return null; }
      r.expect(":");
      return r.take(number(length, q.ml));
    }
    var token = r.until(".;");
    if (!token) return null;
    switch (q.type) {
      case "single": case "truefalse": return number(token, q.n - 1);
      case "multiple":
        /** @type {number[]} */
        var out = [];
        unbits(token, q.n).forEach(function (on, i) { if (on) out.push(i); });
        return out;
      case "matching": return fixedWidth(token, width36(q.n), q.n, -1, q.n - 1);
      case "ordering":
        var o = fixedWidth(token, width36(q.n - 1), q.n, 0, q.n - 1);
        if (o.slice().sort().join() !== o.map(function (_, i) { return i; }).sort().join())
          throw new Error("not a permutation");
        return o;
    }
    throw new Error("unknown type " + q.type);
  }

  /** A quiz never started. @returns {QuizState} */
  function emptyQuiz() { return { attempts: 0, seed: 0, best: null, order: null, answers: [] }; }

  /** @param {QuizData} quiz @param {Reader} r @returns {QuizState} */
  function decodeQuiz(quiz, r) {
    if (r.peek() === ";" || r.peek() === "") return emptyQuiz();
    var n = quiz.questions.length, drawn = Math.min(quiz.drawn, n), qs = emptyQuiz();
    qs.attempts = number(r.until(","), quiz.attempts || C.ATTEMPT_CAP);
    r.expect(","); qs.seed = number(r.until(","), C.SEED_LIMIT - 1);
    r.expect(","); var best = r.until(","); qs.best = best ? number(best, C.BEST_SCALE) : null;
    r.expect(","); var shown = r.until(",");
    if (quiz.so) {
      var drawnOrder = fixedWidth(shown, width36(n - 1), drawn, 0, n - 1);
      if (drawnOrder.some(function (x, i) { return drawnOrder.indexOf(x) !== i; })) throw new Error("repeat");
      qs.order = drawnOrder;
    } else if (shown) throw new Error("unexpected order");
    r.expect(",");
    var questions = order(quiz, qs);
    for (var k = 0; k < questions.length; k++) {
      if (k > 0) { if (r.peek() !== ".") break; r.expect("."); }
      qs.answers.push(decodeAnswer(quiz.questions[questions[k]], r));
    }
    while (qs.answers.length < questions.length) qs.answers.push(null);
    return qs;
  }

  /** Nothing visited, no quiz started. @param {CourseData} course @returns {LearnerState} */
  function fresh(course) {
    return {
      visited: course.modules.map(function () { return false; }), interactions: 0,
      quizzes: course.quizzes.map(emptyQuiz)
    };
  }

  /** One module's part of the course: what that module's SCO stores in multi-SCO mode, and
   * the index of its first quiz in the whole course.
   * @param {CourseData} course @param {number} i @returns {{course: CourseData, offset: number}} */
  function part(course, i) {
    var m = course.modules[i];
    var quizzes = course.quizzes.filter(function (q) { return q.module === m.id; });
    var own = /** @type {CourseData} */ (Object.assign({}, course, {
      fp: m.fp, modules: [m], quizzes: quizzes
    }));
    return { course: own, offset: course.quizzes.indexOf(quizzes[0]) };
  }

  /** The state saved in `text`, or null (with why on the console) for empty, corrupt or
   * foreign data. @param {CourseData} course @param {string} text @returns {LearnerState | null} */
  function decode(course, text) {
    if (!text) return null;
    try {
      var r = new Reader(String(text));
      if (r.until("|") !== C.SUSPEND_DATA_VERSION) throw new Error("unknown version");
      r.expect("|");
      if (r.until("|") !== course.fp) throw new Error("saved by another course or version");
      r.expect("|");
      var st = fresh(course);
      st.visited = unbits(r.until("|"), course.modules.length);
      r.expect("|"); st.interactions = number(r.until("|"), C.INTERACTION_CAP);
      r.expect("|");
      for (var i = 0; i < course.quizzes.length; i++) {
        if (i > 0) r.expect(";");
        st.quizzes[i] = decodeQuiz(course.quizzes[i], r);
      }
      if (r.at !== r.text.length) throw new Error("trailing data");
      return st;
    } catch (e) {
      if (typeof console !== "undefined") console.warn("scormbuild: ignoring saved progress:", /** @type {Error} */ (e).message);
      return null;
    }
  }

  return { encode: encode, decode: decode, fresh: fresh, part: part, order: order, bits: bits };
});
