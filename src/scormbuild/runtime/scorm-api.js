/* scormbuild SCORM 1.2 API wrapper: finds the LMS API, initializes once, finishes once.
 * Every call is guarded: a missing API, an exception or a "false" from the LMS is logged to
 * the console and reported as a failure, never thrown, so the course keeps working. */
(function (root) {
  "use strict";
  var api = null, state = "new", refused = false; // new -> open -> closed

  function log() {
    var a = ["scormbuild:"].concat([].slice.call(arguments));
    if (root.console) root.console.warn.apply(root.console, a);
  }

  /* The standard search: this window and its parents (a bounded walk, as the 1.2 RTE
   * suggests), then the opener and its parents. Cross-origin frames throw; skip them. */
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
  function find() {
    var found = search(root);
    try { if (!found && root.opener) found = search(root.opener); } catch (e) { /* closed */ }
    return found;
  }

  function describe(fn) {
    try {
      var code = api.LMSGetLastError();
      return fn + " failed, error " + code + ": " + api.LMSGetErrorString(code);
    } catch (e) { return fn + " failed"; }
  }
  function call(fn, args) {
    if (!api || state !== "open") return null;
    try {
      var r = api[fn].apply(api, args);
      if (fn !== "LMSGetValue" && String(r) !== "true") { log(describe(fn), args); return null; }
      if (fn === "LMSGetValue") {
        var code = String(api.LMSGetLastError());
        if (code !== "0" && code !== "") { log(describe(fn), args); return null; }
      }
      return r;
    } catch (e) { log(fn + " threw", args, e); return null; }
  }

  root.SBApi = {
    /* True when an LMS was found and accepted LMSInitialize. Called once; later calls return the first answer. */
    init: function () {
      if (state !== "new") return state === "open";
      state = "closed";
      api = find();
      if (!api) { log("no SCORM API found; progress is not recorded"); return false; }
      // An LMS that is there but will not open this session: nothing can be saved.
      try {
        if (String(api.LMSInitialize("")) !== "true") { log(describe("LMSInitialize")); api = null; refused = true; return false; }
      } catch (e) { log("LMSInitialize threw", e); api = null; refused = true; return false; }
      state = "open";
      return true;
    },
    active: function () { return state === "open"; },
    /* True when an LMS was found but LMSInitialize failed or threw. */
    refused: function () { return refused; },
    get: function (name) { var v = call("LMSGetValue", [name]); return v === null || v === undefined ? "" : String(v); },
    set: function (name, value) { return call("LMSSetValue", [name, String(value)]) !== null; },
    commit: function () { return call("LMSCommit", [""]) !== null; },
    /* LMSFinish exactly once; afterwards every call is a no-op. */
    finish: function () {
      if (state !== "open") return false;
      var ok = call("LMSFinish", [""]) !== null;
      state = "closed";
      return ok;
    }
  };
})(this);
