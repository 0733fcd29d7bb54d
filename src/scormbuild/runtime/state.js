/* scormbuild state codec: the learner's progress <-> cmi.suspend_data.
 * Layout (mirrored by scormbuild/package/suspend_data.py, which proves the worst case fits in 4096):
 *   1|fingerprint|visited|interactions|quiz;quiz;...
 *   quiz = attempts,seed,best,drawn,answer.answer...   ("" when never started)
 * Numbers are base 36; flag sets are base 32, five flags a digit; fill-in and numeric
 * answers are "<length>:<text>" so their text needs no escaping.
 * Runs in the browser (window.SBState) and in node (module.exports) for tests. */
(function (root, factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.SBState = api;
})(this, function () {
  "use strict";
  var VERSION = "1", SEED_LIMIT = 1679616, BEST_SCALE = 10000;
  var ATTEMPT_CAP = 1295, INTERACTION_CAP = 1679615;

  function w36(n) { return Math.max(n, 0).toString(36).length; }
  function pad(n, w) { var s = n.toString(36); while (s.length < w) s = "0" + s; return s; }
  function num(tok, max) {
    if (!/^[0-9a-z]+$/.test(tok)) throw new Error("bad number " + tok);
    var n = parseInt(tok, 36);
    if (n > max) throw new Error("out of range " + tok);
    return n;
  }
  function bits(flags, n) {
    var out = "";
    for (var c = 0; c < Math.ceil(n / 5); c++) {
      var v = 0;
      for (var k = 0; k < 5; k++) if (flags[c * 5 + k]) v |= 1 << k;
      out += v.toString(32);
    }
    return out;
  }
  function unbits(tok, n) {
    if (tok.length !== Math.ceil(n / 5) || !/^[0-9a-v]*$/.test(tok)) throw new Error("bad flags");
    var flags = [];
    for (var i = 0; i < n; i++) flags.push(!!(parseInt(tok[(i / 5) | 0], 32) & (1 << (i % 5))));
    if (bits(flags, n) !== tok) throw new Error("stray flags");
    return flags;
  }
  function chunks(tok, w, count, min, max) {
    if (tok.length !== w * count) throw new Error("bad length");
    var out = [];
    for (var i = 0; i < count; i++) {
      var v = num(tok.substr(i * w, w), max + 1) + min;
      if (v > max) throw new Error("out of range");
      out.push(v);
    }
    return out;
  }

  /* The order questions of an attempt are shown in; d holds it when stored. */
  function order(quiz, qs) {
    if (qs.d) return qs.d;
    var o = [];
    for (var i = 0; i < Math.min(quiz.drawn, quiz.questions.length); i++) o.push(i);
    return o;
  }

  function encodeAnswer(q, v) {
    if (v === null || v === undefined) return "";
    switch (q.type) {
      case "single": case "truefalse": return v.toString(36);
      case "multiple":
        var f = []; for (var i = 0; i < v.length; i++) f[v[i]] = true;
        return bits(f, q.n);
      case "fill": case "numeric":
        var s = String(v).slice(0, q.ml);
        return s.length.toString(36) + ":" + s;
      case "matching":
        return v.map(function (x) { return pad(x + 1, w36(q.n)); }).join("");
      case "ordering":
        return v.map(function (x) { return pad(x, w36(q.n - 1)); }).join("");
    }
    throw new Error("unknown type " + q.type);
  }

  function encodeQuiz(quiz, qs) {
    if (!qs || !qs.a) return "";
    var ord = order(quiz, qs), w = w36(quiz.questions.length - 1);
    var ans = ord.map(function (qi, k) { return encodeAnswer(quiz.questions[qi], qs.ans[k]); });
    while (ans.length && ans[ans.length - 1] === "") ans.pop();
    return [
      Math.min(qs.a, quiz.attempts || ATTEMPT_CAP).toString(36),
      qs.s.toString(36),
      qs.b === null || qs.b === undefined ? "" : qs.b.toString(36),
      quiz.so && qs.d ? qs.d.map(function (x) { return pad(x, w); }).join("") : "",
      ans.join(".")
    ].join(",");
  }

  function encode(course, st) {
    var visited = bits(st.visited, course.modules.length);
    return [VERSION, course.fp, visited, Math.min(st.ic, INTERACTION_CAP).toString(36),
      course.quizzes.map(function (quiz, i) { return encodeQuiz(quiz, st.quizzes[i]); }).join(";")
    ].join("|");
  }

  function Reader(s) { this.s = s; this.i = 0; }
  Reader.prototype.until = function (stops) {
    var j = this.i;
    while (j < this.s.length && stops.indexOf(this.s[j]) < 0) j++;
    var tok = this.s.slice(this.i, j); this.i = j; return tok;
  };
  Reader.prototype.peek = function () { return this.s.charAt(this.i); };
  Reader.prototype.expect = function (c) {
    if (this.s[this.i] !== c) throw new Error("expected " + c + " at " + this.i);
    this.i++;
  };
  Reader.prototype.take = function (n) {
    if (this.i + n > this.s.length) throw new Error("truncated");
    var tok = this.s.substr(this.i, n); this.i += n; return tok;
  };

  function decodeAnswer(q, r) {
    if (q.type === "fill" || q.type === "numeric") {
      var len = r.until(":.;");
      if (r.peek() !== ":") { if (len) throw new Error("bad text"); return null; }
      r.expect(":");
      return r.take(num(len, q.ml));
    }
    var tok = r.until(".;");
    if (!tok) return null;
    switch (q.type) {
      case "single": case "truefalse": return num(tok, q.n - 1);
      case "multiple":
        var out = [];
        unbits(tok, q.n).forEach(function (on, i) { if (on) out.push(i); });
        return out;
      case "matching": return chunks(tok, w36(q.n), q.n, -1, q.n - 1);
      case "ordering":
        var o = chunks(tok, w36(q.n - 1), q.n, 0, q.n - 1);
        if (o.slice().sort().join() !== o.map(function (_, i) { return i; }).sort().join())
          throw new Error("not a permutation");
        return o;
    }
    throw new Error("unknown type " + q.type);
  }

  function emptyQuiz(quiz) { return { a: 0, s: 0, b: null, d: null, ans: [] }; }

  function decodeQuiz(quiz, r) {
    if (r.peek() === ";" || r.peek() === "") return emptyQuiz(quiz);
    var n = quiz.questions.length, drawn = Math.min(quiz.drawn, n);
    var qs = { a: num(r.until(","), quiz.attempts || ATTEMPT_CAP), s: 0, b: null, d: null, ans: [] };
    r.expect(","); qs.s = num(r.until(","), SEED_LIMIT - 1);
    r.expect(","); var b = r.until(","); qs.b = b ? num(b, BEST_SCALE) : null;
    r.expect(","); var d = r.until(",");
    if (quiz.so) {
      qs.d = chunks(d, w36(n - 1), drawn, 0, n - 1);
      if (qs.d.some(function (x, i) { return qs.d.indexOf(x) !== i; })) throw new Error("repeat");
    } else if (d) throw new Error("unexpected order");
    r.expect(",");
    var ord = order(quiz, qs);
    for (var k = 0; k < ord.length; k++) {
      if (k > 0) { if (r.peek() !== ".") break; r.expect("."); }
      qs.ans.push(decodeAnswer(quiz.questions[ord[k]], r));
    }
    while (qs.ans.length < ord.length) qs.ans.push(null);
    return qs;
  }

  function fresh(course) {
    return {
      visited: course.modules.map(function () { return false; }), ic: 0,
      quizzes: course.quizzes.map(emptyQuiz)
    };
  }

  /* One module's part of the course: what that module's SCO stores in multi-SCO mode. */
  function part(course, i) {
    var m = course.modules[i], c = {};
    for (var k in course) c[k] = course[k];
    c.fp = m.fp; c.modules = [m];
    c.quizzes = course.quizzes.filter(function (q) { return q.module === m.id; });
    return { course: c, off: course.quizzes.indexOf(c.quizzes[0]) };
  }

  /* Returns the state, or null (with why on console) for empty, corrupt or foreign data. */
  function decode(course, text) {
    if (!text) return null;
    try {
      var r = new Reader(String(text));
      if (r.until("|") !== VERSION) throw new Error("unknown version");
      r.expect("|");
      if (r.until("|") !== course.fp) throw new Error("saved by another course or version");
      r.expect("|");
      var st = fresh(course);
      st.visited = unbits(r.until("|"), course.modules.length);
      r.expect("|"); st.ic = num(r.until("|"), INTERACTION_CAP);
      r.expect("|");
      for (var i = 0; i < course.quizzes.length; i++) {
        if (i > 0) r.expect(";");
        st.quizzes[i] = decodeQuiz(course.quizzes[i], r);
      }
      if (r.i !== r.s.length) throw new Error("trailing data");
      return st;
    } catch (e) {
      if (typeof console !== "undefined") console.warn("scormbuild: ignoring saved progress:", e.message);
      return null;
    }
  }

  return {
    encode: encode, decode: decode, fresh: fresh, part: part, order: order, bits: bits,
    SEED_LIMIT: SEED_LIMIT, BEST_SCALE: BEST_SCALE, ATTEMPT_CAP: ATTEMPT_CAP
  };
});
