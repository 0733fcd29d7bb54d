// @ts-check
/* scormbuild state codec: the learner's progress <-> cmi.suspend_data.
 * Format 2 (mirrored by scormbuild/package/suspend_data.py, which proves the worst case fits in
 * SUSPEND_DATA_LIMIT characters; the numbers both sides use are in constants.json, the keys and
 * content hashes come from the course data, made there):
 *   2|course key|visited module keys|interactions|quiz;quiz;...
 *   quiz  = <quiz key><scoring key>,attempts,seed,best,entry.entry...   (started quizzes only)
 *   entry = <question content hash><answer>, in the order the attempt shows its questions;
 *           an exam's answer given but not yet submitted (a draft) is "~<answer>"
 * So saved progress says what it refers to, and a newer version of the package keeps what is
 * unchanged (resume.js). Format 1 (1|fingerprint|visited flags|interactions|quiz;..., by
 * position) is still read when the course's layout is the same.
 * Numbers are base 36; flag sets are base 32, five flags a digit; fill-in and numeric
 * answers are "<length>:<text>" so their text needs no escaping, and any answer can be
 * skipped without knowing its question. Only this saved text is compact: in memory the
 * state has readable names (types.d.ts, LearnerState).
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
  /** @typedef {import("./types").SavedProgress} SavedProgress */
  /** @typedef {import("./types").SavedQuiz} SavedQuiz */

  /** Refuses saved progress that cannot be read; `why` says what was wrong.
   * @param {string} why @returns {never} */
  function fail(why) { throw new Error(why); }
  /** How many base-36 digits `n` takes (at least one). @param {number} n */
  function width36(n) { return Math.max(n, 0).toString(36).length; }
  /** @param {number} n @param {number} width */
  function pad(n, width) { var s = n.toString(36); while (s.length < width) s = "0" + s; return s; }
  /** @param {string} token @param {number} max */
  function number(token, max) {
    if (!/^[0-9a-z]+$/.test(token)) fail("bad number");
    var n = parseInt(token, 36);
    if (n > max) fail("out of range");
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
    if (token.length !== Math.ceil(n / 5) || !/^[0-9a-v]*$/.test(token)) fail("bad flags");
    var flags = [];
    for (var i = 0; i < n; i++) flags.push(!!(parseInt(token[(i / 5) | 0], 32) & (1 << (i % 5))));
    if (bits(flags, n) !== token) fail("stray flags");
    return flags;
  }
  /** `count` numbers of `width` digits each, every one in [min, max].
   * @param {string} token @param {number} width @param {number} count @param {number} min @param {number} max */
  function fixedWidth(token, width, count, min, max) {
    if (token.length !== width * count) fail("bad length");
    var out = [];
    for (var i = 0; i < count; i++) {
      var v = number(token.substr(i * width, width), max + 1) + min;
      if (v > max) fail("out of range");
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
    } // every question type is a case: tsc (noImplicitReturns) holds that
  }

  /** A started quiz: its keys, the attempt and an entry per question shown; "" for a quiz
   * never started. @param {QuizData} quiz @param {QuizState} qs */
  function encodeQuiz(quiz, qs) {
    if (!qs || !qs.attempts) return "";
    var entries = order(quiz, qs).map(function (qi, k) {
      var q = quiz.questions[qi], v = qs.answers[k], d = quiz.exam && qs.draft ? encodeAnswer(q, qs.draft[k]) : "";
      return q.h + (v == null && d ? "~" + d : encodeAnswer(q, v));
    });
    return quiz.k + quiz.sk + "," + [
      Math.min(qs.attempts, quiz.attempts || C.ATTEMPT_CAP).toString(36),
      qs.seed.toString(36),
      qs.best === null || qs.best === undefined ? "" : qs.best.toString(36),
      entries.join(".")
    ].join(",");
  }

  /** The saved text of `st`. @param {CourseData} course @param {LearnerState} st */
  function encode(course, st) {
    var visited = course.modules.filter(function (_m, i) { return st.visited[i]; })
      .map(function (m) { return m.k; }).join("");
    var quizzes = course.quizzes.map(function (quiz, i) { return encodeQuiz(quiz, st.quizzes[i]); })
      .filter(Boolean);
    return [C.SUSPEND_DATA_VERSION, course.key, visited,
      Math.min(st.interactions, C.INTERACTION_CAP).toString(36), quizzes.join(";")].join("|");
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
    if (this.text[this.at] !== c) fail("expected " + c);
    this.at++;
  };
  /** @param {number} n */
  Reader.prototype.take = function (n) {
    if (this.at + n > this.text.length) fail("truncated");
    var token = this.text.substr(this.at, n); this.at += n; return token;
  };
  /** One answer, still encoded: read without its question ("<length>:" tells a text). */
  Reader.prototype.answer = function () {
    var token = this.until(":.;");
    if (this.peek() === ":") { this.expect(":"); token += ":" + this.take(number(token, C.FILL_MAX_LENGTH)); }
    return token;
  };

  /** @param {QuestionData} q @param {Reader} r @returns {Answer} */
  function decodeAnswer(q, r) {
    if (q.type === "fill" || q.type === "numeric") {
      var length = r.until(":.;");
      if (r.peek() !== ":") { if (length) fail("bad text"); return null; }
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
        return distinct(fixedWidth(token, width36(q.n - 1), q.n, 0, q.n - 1)); // a permutation
    } // every question type is a case: tsc (noImplicitReturns) holds that
  }

  /** `list`, which must not hold a number twice. @param {number[]} list */
  function distinct(list) {
    if (list.some(function (x, i) { return list.indexOf(x) !== i; })) fail("repeat");
    return list;
  }

  /** "attempts,seed,best," as both formats save a started quiz.
   * @param {Reader} r @param {number} cap
   * @returns {{attempts: number, seed: number, best: number | null}} */
  function attempt(r, cap) {
    var attempts = number(r.until(","), cap);
    r.expect(","); var seed = number(r.until(","), C.SEED_LIMIT - 1);
    r.expect(","); var best = r.until(",");
    r.expect(",");
    return { attempts: attempts, seed: seed, best: best ? number(best, C.BEST_SCALE) : null };
  }

  /** A quiz never started. @returns {QuizState} */
  function emptyQuiz() { return { attempts: 0, seed: 0, best: null, order: null, answers: [] }; }

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
      fp: m.fp, key: m.key, modules: [m], quizzes: quizzes
    }));
    return { course: own, offset: course.quizzes.indexOf(quizzes[0]) };
  }

  /** A key or content hash (KEY_WIDTH base-36 digits). @param {Reader} r */
  function key(r) {
    var k = r.take(C.KEY_WIDTH);
    number(k, Infinity); // base-36 digits
    return k;
  }

  /** Saved progress as it says itself, before resume.js matches it to the course: format 2,
   * or format 1 saved by a package of the same layout (the course's fingerprint), read by
   * position as format 2 would have said it. Throws on corrupt or foreign data.
   * @param {CourseData} course @param {string} text @returns {SavedProgress} */
  function read(course, text) {
    var r = new Reader(String(text)), version = r.until("|"), one = version === "1";
    if (!one && version !== C.SUSPEND_DATA_VERSION) fail("unknown version");
    r.expect("|");
    if (one && r.until("|") !== course.fp) fail("saved by another layout");
    /** @type {SavedProgress} */
    var out = { key: one ? course.key : key(r), visited: [], interactions: 0, quizzes: [] };
    r.expect("|");
    if (one) {
      var seen = unbits(r.until("|"), course.modules.length);
      out.visited = course.modules.filter(function (_m, i) { return seen[i]; }).map(function (m) { return m.k; });
    } else while (r.peek() !== "|") out.visited.push(key(r));
    r.expect("|"); out.interactions = number(r.until("|"), C.INTERACTION_CAP);
    r.expect("|");
    if (one) course.quizzes.forEach(function (quiz, i) {
      if (i > 0) r.expect(";");
      if (r.peek() === ";" || r.peek() === "") return; // never started
      // The same layout: a quiz that stores its order now stored it then (resume.js drops a
      // question that comes twice).
      var n = quiz.questions.length;
      var started = attempt(r, quiz.attempts || C.ATTEMPT_CAP), stored = r.until(",");
      var shown = quiz.so ? fixedWidth(stored, width36(n - 1), Math.min(quiz.drawn, n), 0, n - 1)
        : order(quiz, emptyQuiz());
      r.expect(",");
      var entries = shown.map(function (qi, k) {
        var token = ""; // answers after the last one given were not written: unanswered
        if (k === 0 || r.peek() === ".") {
          if (k > 0) r.expect(".");
          token = r.answer();
        }
        return { hash: quiz.questions[qi].h, token: token };
      });
      out.quizzes.push(Object.assign({ key: quiz.k, scoring: quiz.sk, entries: entries }, started));
    });
    else while (r.at < r.text.length) {
      if (out.quizzes.length) r.expect(";");
      var k = key(r), scoring = key(r);
      r.expect(",");
      /** @type {SavedQuiz} */
      var quiz = Object.assign({ key: k, scoring: scoring, entries: [] }, attempt(r, C.ATTEMPT_CAP));
      do {
        if (quiz.entries.length) r.expect(".");
        var h = key(r), draft = r.peek() === "~";
        if (draft) r.expect("~");
        quiz.entries.push({ hash: h, token: r.answer(), draft: draft });
      } while (r.peek() === ".");
      out.quizzes.push(quiz);
    }
    if (r.at !== r.text.length) fail("trailing data");
    return out;
  }

  /** One saved answer token read as an answer to `q` (null: unanswered); throws when it does
   * not fit the question. @param {QuestionData} q @param {string} token @returns {Answer} */
  function answer(q, token) {
    var r = new Reader(token), v = decodeAnswer(q, r);
    if (r.at !== token.length) fail("answer does not fit");
    return v;
  }

  return {
    encode: encode, read: read, answer: answer, fresh: fresh, part: part,
    order: order, bits: bits
  };
});
