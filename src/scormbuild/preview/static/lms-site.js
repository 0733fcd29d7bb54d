// @ts-check
/* scormbuild test LMS, the server side: what Moodle 4.5 keeps of a SCORM 1.2 activity and what
 * it makes of it. With lms-api.js (the player) it is the one test LMS that `scormbuild preview`
 * serves and the browser tests use, so that their Moodle rules cannot disagree.
 *
 * Each rule is Moodle's own (mod/scorm, named per function below) and was seen in a real Moodle
 * 4.5.6 by tests/moodle:
 *   - tracks are kept per attempt and SCO; a value is stored as sent, in any mode
 *     (datamodel.php, scorm_insert_track); interactions as "cmi.interactions_N.*";
 *   - a launch gets the attempt's stored values back, entry "resume" only after exit "suspend",
 *     credit "no-credit" in any mode but normal (get_scorm_default);
 *   - an attempt is over once every SCO has passed, completed or failed: the next launch is in
 *     review mode unless a new attempt may start (scorm_check_mode);
 *   - the SCO launched is the first without a final status, in review and browse the first
 *     (scorm_get_toc_object);
 *   - grades: Learning objects counts passed and completed SCOs, Average leaves out empty
 *     scores, "0" included (scorm_grade_user_attempt); attempts grading (scorm_grade_user);
 *   - completion: a required status in any track, all SCOs passed or completed, a minimum
 *     score (classes/completion/custom_completion.php).
 * Runs in the browser (window.SBLmsSite) and in node (module.exports). */
(function (root, factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.SBLmsSite = api;
})(/** @type {any} */ (this), function () {
  "use strict";

  /** @typedef {import("../lms").Values} Values */
  /** @typedef {import("../lms").ScoEntry} ScoEntry */
  /** @typedef {import("../lms").Settings} Settings */
  /** @typedef {import("../lms").SiteConfig} SiteConfig */
  /** @typedef {import("../lms").SiteData} SiteData */
  /** @typedef {import("../lms").Launch} Launch */
  /** @typedef {import("../lms").Defaults} Defaults */

  var FINAL = ["completed", "passed", "failed"];
  var GRADESCOES = 0, GRADEHIGHEST = 1, GRADEAVERAGE = 2, GRADESUM = 3;
  var HIGHESTATTEMPT = 0, AVERAGEATTEMPT = 1, FIRSTATTEMPT = 2, LASTATTEMPT = 3;
  /** @type {Record<string, number>} */
  var STATUS_BITS = { passed: 2, completed: 4 };
  /** Moodle's defaults for a new activity (mod/scorm/settings.php). @type {Settings} */
  var DEFAULTS = {
    grademethod: GRADEHIGHEST, maxgrade: 100, gradepass: 0, maxattempt: 0,
    whatgrade: HIGHESTATTEMPT, forcenewattempt: 0, lastattemptlock: 0, forcecompleted: 0,
    masteryoverride: 1, hidebrowse: 0, completionstatusrequired: 0,
    completionstatusallscos: 0, completionscorerequired: null
  };

  /** PHP's empty() on a stored string: "" and "0" are empty. @param {string | undefined | null} v */
  function empty(v) { return v === undefined || v === null || v === "" || v === "0"; }

  /** A site with one SCORM activity.
   *   scos: [{identifier, title, href, mastery}] in the order of the table of contents
   *   settings: mod_scorm fields (DEFAULTS above for the rest)
   *   data: what an earlier site stored ({attempts: {"1": {identifier: {element: value}}}})
   *   user: {id, name}
   * @param {SiteConfig} config */
  function site(config) {
    var scos = config.scos || [];
    /** @type {Settings} */
    var settings = Object.assign({}, DEFAULTS, config.settings || {});
    /** @type {SiteData} */
    var data = JSON.parse(JSON.stringify(config.data || { attempts: {} }));
    var user = config.user || { id: "s-1001", name: "Learner, Test" };

    /** The tracks of a SCO in an attempt, null when it has none.
     * @param {number | string} attempt @param {string} identifier @returns {Values | null} */
    function tracks(attempt, identifier) {
      var att = data.attempts[attempt] || {};
      return att[identifier] || null;
    }
    /** @param {number | string} attempt @param {string} identifier */
    function status(attempt, identifier) {
      var t = tracks(attempt, identifier);
      return t && t["cmi.core.lesson_status"] || "";
    }
    function lastAttempt() {
      var n = Object.keys(data.attempts).map(Number);
      return n.length ? Math.max.apply(null, n) : 1;
    }

    /** scorm_insert_track, for one element sent by the player.
     * @param {number} attempt @param {string} identifier @param {string} element @param {string} value */
    function store(attempt, identifier, element, value) {
      var att = data.attempts[attempt] = data.attempts[attempt] || {};
      var t = att[identifier] = att[identifier] || {};
      if (settings.forcecompleted) {
        if (element === "cmi.core.lesson_status" && value === "incomplete" && !empty(t["cmi.core.score.raw"]) ) value = "completed";
        if (element === "cmi.core.score.raw" && t["cmi.core.lesson_status"] === "incomplete") t["cmi.core.lesson_status"] = "completed";
      }
      if (element === "x.start.time" && t[element] !== undefined) return;
      t[element] = String(value);
    }

    /** scorm_check_mode: the attempt and mode of a launch.
     * @param {string} mode @param {boolean} newattempt @returns {Launch} */
    function checkMode(mode, newattempt) {
      var attempt = lastAttempt();
      if (mode === "browse") {
        if (settings.hidebrowse) mode = "normal";
        else return { attempt: attempt, mode: mode };
      }
      if (settings.forcenewattempt === 2) {
        if (Object.keys(data.attempts).length) attempt++;
        return { attempt: attempt, mode: "normal" };
      }
      var incomplete = scos.some(function (s) { return FINAL.indexOf(status(attempt, s.identifier)) < 0; });
      if (incomplete) newattempt = false;
      else if (settings.forcenewattempt) newattempt = true;
      if (newattempt && (attempt < settings.maxattempt || !settings.maxattempt)) return { attempt: attempt + 1, mode: "normal" };
      return { attempt: attempt, mode: incomplete ? "normal" : "review" };
    }

    /** scorm_get_toc_object: the SCO Moodle opens when none is chosen.
     * @param {number} attempt @param {string} mode */
    function firstSco(attempt, mode) {
      if (mode !== "normal") return scos[0];
      for (var i = 0; i < scos.length; i++) {
        if (FINAL.indexOf(status(attempt, scos[i].identifier)) < 0) return scos[i];
      }
      return scos[0];
    }

    /** get_scorm_default: what the player hands the SCO at LMSInitialize.
     * @param {number} attempt @param {ScoEntry} sco @param {string} mode @returns {Defaults} */
    function defaults(attempt, sco, mode) {
      var t = tracks(attempt, sco.identifier) || {};
      var st = t["cmi.core.lesson_status"] || "";
      /** @type {Values} */
      var def = {
        "cmi.core.student_id": user.id, "cmi.core.student_name": user.name,
        "cmi.core.credit": mode === "normal" ? "credit" : "no-credit",
        "cmi.core.entry": !st ? "ab-initio" : t["cmi.core.exit"] === "suspend" ? "resume" : "",
        "cmi.core.lesson_mode": mode,
        "cmi.launch_data": "",
        "cmi.student_data.mastery_score": sco.mastery === null || sco.mastery === undefined ? "" : String(sco.mastery),
        "cmi.student_data.max_time_allowed": "", "cmi.student_data.time_limit_action": "",
        "cmi.core.total_time": t["cmi.core.total_time"] || "00:00:00"
      };
      ["cmi.core.lesson_location", "cmi.core.lesson_status", "cmi.core.score.raw", "cmi.core.score.max",
        "cmi.core.score.min", "cmi.core.exit", "cmi.suspend_data", "cmi.comments",
        "cmi.student_preference.language"].forEach(function (e) { def[e] = t[e] || ""; });
      ["audio", "speed", "text"].forEach(function (e) {
        def["cmi.student_preference." + e] = t["cmi.student_preference." + e] || "0";
      });
      // scorm_reconstitute_array_element: the stored interactions come back (write-only, but
      // their count is readable).
      /** @type {Values} */
      var interactions = {};
      Object.keys(t).forEach(function (e) {
        var m = /^cmi\.interactions_(\d+)\.(.+)$/.exec(e);
        if (m) interactions["cmi.interactions." + m[1] + "." + m[2].replace(/_(\d+)\./g, ".$1.")] = t[e];
      });
      return { values: def, interactions: interactions };
    }

    /** scorm_grade_user_attempt @param {number} attempt */
    function gradeAttempt(attempt) {
      var done = 0, values = 0, sum = 0, max = 0;
      scos.forEach(function (s) {
        var t = tracks(attempt, s.identifier);
        if (!t) return;
        var st = t["cmi.core.lesson_status"] || "";
        if (st === "completed" || st === "passed") done++;
        var raw = t["cmi.core.score.raw"];
        if (!empty(raw)) { values++; sum += +raw; max = Math.max(max, +raw); }
      });
      switch (+settings.grademethod) {
        case GRADESCOES: return done;
        case GRADEAVERAGE: return values ? sum / values : 0;
        case GRADESUM: return sum;
        default: return max;
      }
    }

    /** scorm_grade_user: null while there is no attempt (no grade in the gradebook).
     * @returns {number | null} */
    function grade() {
      var numbers = Object.keys(data.attempts).map(Number).sort(function (a, b) { return a - b; });
      if (!numbers.length) return null;
      var last = lastAttempt();
      if (settings.maxattempt && last > settings.maxattempt) last = settings.maxattempt;
      switch (+settings.whatgrade) {
        case FIRSTATTEMPT: return gradeAttempt(numbers[0]);
        case LASTATTEMPT:
          var completed = numbers.filter(function (n) {
            return scos.some(function (s) { var st = status(n, s.identifier); return st === "completed" || st === "passed"; });
          });
          return gradeAttempt(completed.length ? completed[completed.length - 1] : 1);
        case AVERAGEATTEMPT:
          var scored = numbers.filter(function (n) {
            return scos.some(function (s) { var t = tracks(n, s.identifier); return t && t["cmi.core.score.raw"] !== undefined; });
          });
          if (!scored.length) return 0;
          var total = 0;
          numbers.forEach(function (n) { total += gradeAttempt(n); });
          return Math.round(total / scored.length);
        default:
          var best = 0;
          for (var n = 1; n <= last; n++) best = Math.max(best, gradeAttempt(n));
          return best;
      }
    }

    /** classes/completion/custom_completion.php: "complete" or "incomplete" (null: not tracked).
     * @returns {"complete" | "incomplete" | null} */
    function completion() {
      /** @type {boolean[]} */
      var rules = [];
      /** @type {{sco: string, t: Values}[]} */
      var all = [];
      Object.keys(data.attempts).forEach(function (n) {
        scos.forEach(function (s) { var t = tracks(n, s.identifier); if (t) all.push({ sco: s.identifier, t: t }); });
      });
      var required = +settings.completionstatusrequired || 0;
      if (required) {
        var any = required === 6;
        rules.push(all.some(function (x) {
          var bit = STATUS_BITS[x.t["cmi.core.lesson_status"]];
          return bit !== undefined && (any || bit === required);
        }));
      }
      var minimum = settings.completionscorerequired;
      if (minimum !== null && minimum !== undefined) {
        var least = +minimum;
        rules.push(all.some(function (x) {
          var raw = x.t["cmi.core.score.raw"];
          return raw !== undefined && raw !== "" && +raw >= least;
        }));
      }
      if (+settings.completionstatusallscos) {
        rules.push(scos.every(function (s) {
          return all.some(function (x) { return x.sco === s.identifier && STATUS_BITS[x.t["cmi.core.lesson_status"]] !== undefined; });
        }));
      }
      if (!rules.length) return null;
      return rules.every(Boolean) ? "complete" : "incomplete";
    }

    return {
      settings: settings,
      scos: scos,
      checkMode: checkMode,
      firstSco: firstSco,
      defaults: defaults,
      store: store,
      status: status,
      tracks: tracks,
      grade: grade,
      completion: completion,
      data: function () { return JSON.parse(JSON.stringify(data)); }
    };
  }

  return { site: site, FINAL: FINAL, DEFAULTS: DEFAULTS };
});
