// @ts-check
/* scormbuild SCORM 1.2 API wrapper: finds the LMS API, initializes once, finishes once.
 * Every call is guarded: a missing API, an exception or a "false" from the LMS is logged to
 * the console and reported as a failure, never thrown, so the course keeps working.
 * Runs in the browser (window.SBApi) and in node (module.exports) for tests. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.SBApi = factory();
})(/** @type {any} */ (this), function () {
  "use strict";

  /** @typedef {import("./types").ScormApi} ScormApi */

  /** @param {...unknown} args */
  function log() {
    var a = ["scormbuild:"].concat([].slice.call(arguments));
    if (typeof console !== "undefined") console.warn.apply(console, a);
  }

  /** The standard search: `win` and its parents (a bounded walk, as the 1.2 RTE suggests).
   * Cross-origin frames throw; skip them. @param {any} win @returns {ScormApi | null} */
  function search(win) {
    for (var hops = 0; win && hops < 10; hops++) {
      try { if (win.API && typeof win.API.LMSInitialize !== "undefined") return win.API; } catch (e) { /* cross-origin */ }
      var parent = null;
      try { parent = win.parent; } catch (e) { /* cross-origin */ }
      if (!parent || parent === win) break;
      win = parent;
    }
    return null;
  }
  /** `win`'s frames up, then its opener's. @param {any} win */
  function find(win) {
    var found = search(win);
    try { if (!found && win.opener) found = search(win.opener); } catch (e) { /* closed */ }
    return found;
  }

  /** The LMS as `win` finds it: one session, opened by init() and closed by finish().
   * @param {any} win */
  function connect(win) {
    /** @type {ScormApi | null} */
    var api = null;
    var state = "new", refused = false; // new -> open -> closed

    /** @param {string} fn */
    function describe(fn) {
      try {
        var code = /** @type {ScormApi} */ (api).LMSGetLastError();
        return fn + " failed, error " + code + ": " + /** @type {ScormApi} */ (api).LMSGetErrorString(code);
      } catch (e) { return fn + " failed"; }
    }
    /** The LMS's answer, or null when it failed. @param {keyof ScormApi} fn @param {string[]} args */
    function call(fn, args) {
      if (!api || state !== "open") return null;
      try {
        var r = /** @type {(...a: string[]) => unknown} */ (api[fn]).apply(api, args);
        // LMSGetValue answers with the value, so its error code tells a failure; the others
        // answer "true" when they succeed.
        var code = fn === "LMSGetValue" ? String(api.LMSGetLastError()) : "0";
        if ((code !== "0" && code !== "") || (fn !== "LMSGetValue" && String(r) !== "true")) {
          log(describe(fn), args);
          return null;
        }
        return r;
      } catch (e) { log(fn + " threw", args, e); return null; }
    }

    return {
      /** True when an LMS was found and accepted LMSInitialize. Later calls return the first answer. */
      init: function () {
        if (state !== "new") return state === "open";
        state = "closed";
        api = find(win);
        if (!api) { log("no SCORM API found; progress is not recorded"); return false; }
        // An LMS that is there but will not open this session: nothing can be saved.
        try {
          if (String(api.LMSInitialize("")) === "true") { state = "open"; return true; }
          log(describe("LMSInitialize"));
        } catch (e) { log("LMSInitialize threw", e); }
        api = null;
        refused = true;
        return false;
      },
      active: function () { return state === "open"; },
      /** True when an LMS was found but LMSInitialize failed or threw. */
      refused: function () { return refused; },
      /** @param {string} name */
      get: function (name) { var v = call("LMSGetValue", [name]); return v === null || v === undefined ? "" : String(v); },
      /** @param {string} name @param {string | number} value */
      set: function (name, value) { return call("LMSSetValue", [name, String(value)]) !== null; },
      commit: function () { return call("LMSCommit", [""]) !== null; },
      /** LMSFinish exactly once; afterwards every call is a no-op. */
      finish: function () {
        if (state !== "open") return false;
        var ok = call("LMSFinish", [""]) !== null;
        state = "closed";
        return ok;
      }
    };
  }

  return { connect: connect };
});
