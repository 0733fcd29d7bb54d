// @ts-check
/* scormbuild test LMS, the player: Moodle 4.5's SCORM 1.2 API (mod/scorm/datamodels/
 * scorm_12.js and request.js) over a site from lms-site.js. The same file serves the preview
 * and the browser tests.
 *
 * What it does as Moodle does, each seen in a real Moodle 4.5.6 (tests/moodle):
 *   - the data model, its formats (standards mode: 255 and 4096 characters), ranges, read-only
 *     and write-only elements and error codes; an index that skips ahead is refused (201);
 *   - LMSCommit and LMSFinish send only the elements that changed since the last save, never
 *     session_time; the first save after a launch with no status sends "not attempted";
 *   - LMSFinish turns "not attempted" into "completed", applies "mastery score overrides status"
 *     (normal mode, credit, a mastery score and score.raw) and adds session_time to total_time;
 *   - every SCO's values are read once when the player opens: a SCO opened again in the same
 *     player starts from what that player saved, with the interactions and total_time it had
 *     when the player opened;
 *   - a SCO that saved interactions cannot be opened again in the same player: Moodle's
 *     LMSInitialize throws (its initdatamodel evaluates "cmi.interactions_0.id = ...");
 *   - after a switch between SCOs (and while a page unloads) Moodle sends saves as beacons:
 *     they succeed at once and may be stored in any order (`reorder`).
 * Runs in the browser (window.SBLmsApi) and in node (module.exports). */
(function (root, factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.SBLmsApi = api;
})(/** @type {any} */ (this), function () {
  "use strict";

  /** @typedef {import("../lms").Values} Values */
  /** @typedef {import("../lms").ElementRule} ElementRule */
  /** @typedef {import("../lms").Site} Site */
  /** @typedef {import("../lms").Launch} Launch */
  /** @typedef {import("../lms").PlayerOptions} PlayerOptions */
  /** @typedef {import("../lms").Save} Save */
  /** @typedef {import("../lms").Call} Call */
  /** @typedef {import("../lms").Violation} Violation */

  /** @type {Record<string, string>} */
  var ERRORS = {
    "0": "No error", "101": "General exception", "201": "Invalid argument error",
    "202": "Element cannot have children", "203": "Element not an array - cannot have count",
    "301": "Not initialized", "401": "Not implemented error",
    "402": "Invalid set value, element is a keyword", "403": "Element is read only",
    "404": "Element is write only", "405": "Incorrect data type"
  };
  var T = {
    time: "^([0-2]{1}[0-9]{1}):([0-5]{1}[0-9]{1}):([0-5]{1}[0-9]{1})(\\.[0-9]{1,2})?$",
    timespan: "^([0-9]{2,4}):([0-9]{2}):([0-9]{2})(\\.[0-9]{1,2})?$",
    sinteger: "^-?([0-9]+)$",
    decimal: "^-?([0-9]{0,3})(\\.[0-9]*)?$",
    identifier: "^[\\u0021-\\u007E]{0,255}$",
    status: "^passed$|^completed$|^failed$|^incomplete$|^browsed$",
    status2: "^passed$|^completed$|^failed$|^incomplete$|^browsed$|^not attempted$",
    exit: "^time-out$|^suspend$|^logout$|^$",
    type: "^true-false$|^choice$|^fill-in$|^matching$|^performance$|^sequencing$|^likert$|^numeric$",
    result: "^correct$|^wrong$|^unanticipated$|^neutral$|^([0-9]{0,3})?(\\.[0-9]*)?$"
  };
  /** @type {Record<string, string>} */
  var CHILDREN = {
    "cmi._children": "core,suspend_data,launch_data,comments,objectives,student_data,student_preference,interactions",
    "cmi.core._children": "student_id,student_name,lesson_location,credit,lesson_status,entry,score,total_time,lesson_mode,exit,session_time",
    "cmi.core.score._children": "raw,min,max",
    "cmi.objectives._children": "id,score,status",
    "cmi.student_data._children": "mastery_score,max_time_allowed,time_limit_action",
    "cmi.student_preference._children": "audio,language,speed,text",
    "cmi.interactions._children": "id,objectives,time,type,correct_responses,weighting,student_response,result,latency",
    "cmi.objectives.n.score._children": "raw,min,max"
  };

  /** The data model: element (indexes as n) -> {mod, format, range}.
   * @param {boolean} standards @returns {Record<string, ElementRule>} */
  function model(standards) {
    var s256 = standards ? "^[\\u0000-\\uFFFF]{0,255}$" : "^[\\u0000-\\uFFFF]{0,64000}$";
    var s4096 = standards ? "^[\\u0000-\\uFFFF]{0,4096}$" : s256;
    /** @returns {ElementRule} */
    function r() { return { mod: "r" }; }
    /** @param {string} format @param {[number, number]} [range] @returns {ElementRule} */
    function rw(format, range) { return { mod: "rw", format: format, range: range }; }
    /** @param {string} format @param {[number, number]} [range] @returns {ElementRule} */
    function w(format, range) { return { mod: "w", format: format, range: range }; }
    /** @type {Record<string, ElementRule>} */
    var m = {
      "cmi._version": r(), "cmi.core.student_id": r(), "cmi.core.student_name": r(),
      "cmi.core.lesson_location": rw(s256), "cmi.core.credit": r(),
      "cmi.core.lesson_status": rw(T.status), "cmi.core.entry": r(),
      "cmi.core.score.raw": rw(T.decimal, [0, 100]), "cmi.core.score.max": rw(T.decimal, [0, 100]),
      "cmi.core.score.min": rw(T.decimal, [0, 100]), "cmi.core.total_time": r(),
      "cmi.core.lesson_mode": r(), "cmi.core.exit": w(T.exit), "cmi.core.session_time": w(T.timespan),
      "cmi.suspend_data": rw(s4096), "cmi.launch_data": r(), "cmi.comments": rw(s4096),
      "cmi.comments_from_lms": r(), "cmi.objectives._count": r(),
      "cmi.objectives.n.id": rw(T.identifier), "cmi.objectives.n.score.raw": rw(T.decimal, [0, 100]),
      "cmi.objectives.n.score.min": rw(T.decimal, [0, 100]), "cmi.objectives.n.score.max": rw(T.decimal, [0, 100]),
      "cmi.objectives.n.status": rw(T.status2), "cmi.student_data.mastery_score": r(),
      "cmi.student_data.max_time_allowed": r(), "cmi.student_data.time_limit_action": r(),
      "cmi.student_preference.audio": rw(T.sinteger, [-1, 100]), "cmi.student_preference.language": rw(s256),
      "cmi.student_preference.speed": rw(T.sinteger, [-100, 100]), "cmi.student_preference.text": rw(T.sinteger, [-1, 1]),
      "cmi.interactions._count": r(), "cmi.interactions.n.id": w(T.identifier),
      "cmi.interactions.n.objectives._count": r(), "cmi.interactions.n.objectives.n.id": w(T.identifier),
      "cmi.interactions.n.time": w(T.time), "cmi.interactions.n.type": w(T.type),
      "cmi.interactions.n.correct_responses._count": r(),
      "cmi.interactions.n.correct_responses.n.pattern": w(s256),
      "cmi.interactions.n.weighting": w(T.decimal, [-100, 100]),
      "cmi.interactions.n.student_response": w(s256), "cmi.interactions.n.result": w(T.result),
      "cmi.interactions.n.latency": w(T.timespan)
    };
    for (var k in CHILDREN) m[k] = r();
    return m;
  }
  // Beacons sent closer together than this may be stored in either order (request.js sends
  // them without waiting; PHP's workers answer them side by side).
  var REORDER_MS = 500;

  /** The element with its indexes as n. @param {string} element */
  function generic(element) { return String(element).replace(/\.(\d+)\./g, ".n."); }

  /** Moodle's AddTime: HH:MM:SS(.cc) + HH:MM:SS(.cc). @param {string} first @param {string} second */
  function addTime(first, second) {
    /** @param {string} t */
    function parts(t) { var p = t.split(":"), s = p[2].split("."); return [+p[0], +p[1], +s[0], s.length > 1 ? parseInt(s[1], 10) : 0]; }
    var a = parts(first), b = parts(second);
    var cents = a[3] + b[3], secs = a[2] + b[2] + Math.floor(cents / 100);
    cents %= 100;
    var mins = a[1] + b[1] + Math.floor(secs / 60), hours = a[0] + b[0] + Math.floor(mins / 60);
    secs %= 60; mins %= 60;
    /** @param {number} n */
    function two(n) { return n < 10 ? "0" + n : String(n); }
    var text = two(hours) + ":" + two(mins) + ":" + two(secs);
    return cents ? text + "." + two(cents) : text + ".00";
  }

  /** A player page (mod/scorm/player.php) opened on `site` in `launch.mode` for `launch.attempt`.
   * options: {standards, reorder: "reverse" | false (beacons sent close together: worst order),
   *           commitFails: true | N, setFails: true | [elements or prefixes ending in "."],
   *           credit: overrides the credit Moodle gives (not something Moodle does)}
   * @param {Site} site @param {Launch} launch @param {PlayerOptions} [options] */
  function player(site, launch, options) {
    /** @type {PlayerOptions} */
    var opts = options || {};
    var dm = model(opts.standards !== false);
    var attempt = launch.attempt, mode = launch.mode;
    // Every SCO's values, read once when the page opens (scorm_12.php), then kept up to date
    // by this page's own saves (CollectData's defaultvalue).
    /** @type {Record<string, import("../lms").Defaults>} */
    var loaded = {};
    site.scos.forEach(function (s) { loaded[s.identifier] = site.defaults(attempt, s, mode); });
    var beacon = false;
    /** @type {Save[]} */
    var queue = [];
    /** @type {Call[]} */
    var log = [];
    /** @type {Violation[]} */
    var violations = [];

    /** One SCO's API, as Moodle creates it on LMSInitialize for the SCO in the frame. The
     * player notes when the SCO was first opened in this attempt (player.php).
     * @param {string} identifier */
    function api(identifier) {
      site.store(attempt, identifier, "x.start.time", String(Math.floor(Date.now() / 1000)));
      /** @type {Values} */
      var cmi = {};
      var sent = loaded[identifier].sent = loaded[identifier].sent || {};
      var state = "new", error = "0", counts = { initialize: 0, commit: 0, finish: 0 };

      function init() {
        var d = loaded[identifier], k;
        cmi = { "cmi._version": "3.4" };
        for (k in d.values) cmi[k] = d.values[k];
        if (opts.credit) cmi["cmi.core.credit"] = opts.credit;
        for (k in d.interactions) cmi[k] = d.interactions[k];
        if (cmi["cmi.core.lesson_status"] === "") cmi["cmi.core.lesson_status"] = "not attempted";
        for (k in d.values) if (!(k in sent)) sent[k] = d.values[k];
      }
      /** How many entries of an array element (`prefix`: "cmi.interactions.") there are.
       * @param {string} prefix */
      function count(prefix) {
        var n = 0;
        while (Object.keys(cmi).some(function (k) { return k.indexOf(prefix + n + ".") === 0; })) n++;
        return n;
      }
      /** @param {string} element */
      function fails(element) {
        var rule = opts.setFails;
        if (rule === true) return true;
        return Array.isArray(rule) && rule.some(function (p) { return p.slice(-1) === "." ? element.indexOf(p) === 0 : element === p; });
      }

      /** @param {unknown} element */
      function getValue(element) {
        if (state !== "open") { error = "301"; return ""; }
        var name = String(element);
        if (!name) { error = "201"; return ""; }
        if (CHILDREN[generic(name)]) return CHILDREN[generic(name)];
        var m = /^(.*)\._count$/.exec(name);
        if (m && dm[generic(name)]) return String(count(m[1] + "."));
        var d = dm[generic(name)];
        if (!d) {
          if (/\._children$/.test(name)) error = dm[generic(name).replace(/\._children$/, "")] ? "202" : "201";
          else if (/\._count$/.test(name)) error = dm[generic(name).replace(/\._count$/, "")] ? "203" : "201";
          else error = "201";
          return "";
        }
        if (d.mod === "w") { error = "404"; return ""; }
        return name in cmi ? String(cmi[name]) : "";
      }

      /** @param {unknown} element @param {unknown} value */
      function setValue(element, value) {
        if (state !== "open") { error = "301"; return "false"; }
        var name = String(element), text = String(value);
        if (!name) { error = "201"; return "false"; }
        var d = dm[generic(name)];
        if (!d) { error = "201"; return "false"; }
        if (d.mod === "r") { error = CHILDREN[generic(name)] || /_count$/.test(name) ? "402" : "403"; return "false"; }
        if (fails(name)) { error = "101"; return "false"; }
        if (!new RegExp(d.format || "").test(text)) { error = "405"; return "false"; }
        // An index may only be the next one (Moodle answers 201 and stores nothing).
        var parts = name.split("."), prefix = "";
        for (var i = 0; i < parts.length - 1; i++) {
          prefix += (i ? "." : "") + parts[i];
          if (/^\d+$/.test(parts[i + 1]) && +parts[i + 1] > count(prefix + ".")) { error = "201"; return "false"; }
        }
        if (d.range && !(+text >= d.range[0] && +text <= d.range[1])) { error = "405"; return "false"; }
        cmi[name] = name === "cmi.comments" ? (cmi[name] || "") + text : text;
        return "true";
      }

      /* CollectData: the elements that changed since this page last saved them. */
      function collect() {
        /** @type {Values} */
        var out = {};
        Object.keys(cmi).forEach(function (k) {
          var d = dm[generic(k)];
          if (k === "cmi.core.session_time" || !d || d.mod === "r" || CHILDREN[generic(k)]) return;
          if (sent[k] !== cmi[k]) { out[k] = cmi[k]; sent[k] = cmi[k]; }
        });
        return out;
      }

      /** StoreData: false when the save fails. @param {boolean} finishing */
      function storeData(finishing) {
        if (finishing) {
          if (cmi["cmi.core.lesson_status"] === "not attempted") cmi["cmi.core.lesson_status"] = "completed";
          var mastery = cmi["cmi.student_data.mastery_score"], raw = cmi["cmi.core.score.raw"];
          if (cmi["cmi.core.lesson_mode"] === "normal" && cmi["cmi.core.credit"] === "credit" &&
              site.settings.masteryoverride && mastery !== "" && raw !== undefined && raw !== "") {
            cmi["cmi.core.lesson_status"] = +raw >= +mastery ? "passed" : "failed";
          }
        }
        var values = collect();
        if (finishing) {
          values["cmi.core.total_time"] = addTime(cmi["cmi.core.total_time"], cmi["cmi.core.session_time"] || "00:00:00");
          loaded[identifier].values["cmi.core.total_time"] = cmi["cmi.core.total_time"]; // read-only: not updated
        }
        for (var k in values) if (k in loaded[identifier].values) loaded[identifier].values[k] = values[k];
        for (k in values) {
          if (/^cmi\.(interactions|objectives)\./.test(k)) loaded[identifier].broken = true;
        }
        var failing = opts.commitFails === true || (typeof opts.commitFails === "number" && opts.commitFails-- > 0);
        if (failing) return false;
        var save = { sco: identifier, values: values, t: Date.now() };
        if (beacon) queue.push(save); else put(save);
        return true;
      }

      /** One API call, logged with its result and error code, and checked against Moodle's
       * rules. @param {string} fn @param {unknown[]} args @param {() => string} body */
      function call(fn, args, body) {
        error = "0";
        var result = body();
        log.push({ fn: fn, args: args.map(String), result: String(result), error: error, sco: identifier, t: Date.now() });
        // A refusal by Moodle's rules; failures a test asked for (101) are not refusals.
        if (fn === "LMSSetValue" && result === "false" && error !== "101" && error !== "301") {
          violations.push({ element: String(args[0]), value: String(args[1]).slice(0, 300), length: String(args[1]).length, code: error, message: ERRORS[error] });
        }
        return result;
      }

      return {
        counts: counts,
        /** A copy of the SCO's data model as it stands. @returns {Values} */
        cmi: function () { return JSON.parse(JSON.stringify(cmi)); },
        /** @param {unknown} [p] */
        LMSInitialize: function (p) {
          if (loaded[identifier].broken) {
            counts.initialize++;
            throw new TypeError("Cannot read properties of undefined (reading 'objectives')");
          }
          return call("LMSInitialize", [p === undefined ? "" : p], function () {
            counts.initialize++;
            if (p !== "" && p !== undefined) { error = "201"; return "false"; }
            if (state !== "new") { error = "101"; return "false"; }
            init();
            state = "open";
            return "true";
          });
        },
        /** @param {unknown} [p] */
        LMSFinish: function (p) {
          return call("LMSFinish", [p === undefined ? "" : p], function () {
            counts.finish++;
            if (p !== "" && p !== undefined) { error = "201"; return "false"; }
            if (state !== "open") { error = "301"; return "false"; }
            state = "closed";
            var ok = storeData(true);
            error = ok ? "0" : "101";
            return ok ? "true" : "false";
          });
        },
        /** @param {unknown} [p] */
        LMSCommit: function (p) {
          return call("LMSCommit", [p === undefined ? "" : p], function () {
            counts.commit++;
            if (p !== "" && p !== undefined) { error = "201"; return "false"; }
            if (state !== "open") { error = "301"; return "false"; }
            var ok = storeData(false);
            error = ok ? "0" : "101";
            return ok ? "true" : "false";
          });
        },
        /** @param {unknown} e */
        LMSGetValue: function (e) { return call("LMSGetValue", [e], function () { return getValue(e); }); },
        /** @param {unknown} e @param {unknown} v */
        LMSSetValue: function (e, v) { return call("LMSSetValue", [e, v], function () { return setValue(e, v); }); },
        LMSGetLastError: function () { return error; },
        /** @param {unknown} [c] */
        LMSGetErrorString: function (c) { return c === "" || c === undefined ? "" : ERRORS[String(c)] || ""; },
        /** @param {unknown} [c] */
        LMSGetDiagnostic: function (c) { return c === "" || c === undefined ? error : String(c); }
      };
    }

    /** @param {Save[]} run */
    function arrange(run) { return opts.reorder === "reverse" ? run.slice().reverse() : run; }

    /** @param {Save} save */
    function put(save) {
      for (var k in save.values) {
        site.store(attempt, save.sco, k.replace(/\.(\d+)\./g, "_$1."), save.values[k]);
      }
    }

    return {
      attempt: attempt,
      mode: mode,
      api: api,
      log: log,
      violations: violations,
      /* From a switch between SCOs on, saves go out as beacons (see module.js and request.js). */
      beacons: function () { beacon = true; },
      /* The beacons arrive. Beacons sent less than REORDER_MS apart may be stored in either
       * order; options.reorder "reverse" stores each such run in the worst one, reversed. */
      flush: function () {
        var sent = queue.splice(0, queue.length);
        /** @type {Save[]} */
        var order = [];
        /** @type {Save[]} */
        var run = [];
        sent.forEach(function (b, i) {
          if (i && b.t - sent[i - 1].t >= REORDER_MS) { order = order.concat(arrange(run)); run = []; }
          run.push(b);
        });
        order = order.concat(arrange(run));
        order.forEach(put);
        return order.length;
      }
    };
  }

  return { player: player, addTime: addTime, ERRORS: ERRORS, REORDER_MS: REORDER_MS };
});
