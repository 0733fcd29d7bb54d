/*
 * SCORM 1.2 as the standard has it, independently of Moodle and of this project: scorm-again's
 * Scorm12API (pinned in package.json) as window.API around one SCO. The Moodle model
 * (src/scormbuild/preview/static/lms-*.js) and the package's runtime must not share one
 * misreading of the standard: tests/browser/test_standard.py plays a package here too.
 *
 * Configuration: window.__standardConfig = {sco: URL, cmi: {...}} (an init script), where cmi
 * is loaded with Scorm12API.loadFromJSON before the SCO starts (e.g. {core: {entry: "resume",
 * lesson_location, ...}, suspend_data}).
 * window.standard: calls (every API call: fn, args, result, error code), stored() (the CMI as of
 * the last successful LMSCommit/LMSFinish), cmi() (the live CMI), unload() -> Promise.
 */
(function () {
  "use strict";
  var config = window.__standardConfig || {};
  var api = new window.Scorm12API({
    autocommit: false,
    lmsCommitUrl: false,
    logLevel: 5,
    onLogMessage: function () {},
  });
  if (config.cmi) api.loadFromJSON(config.cmi);
  var calls = [];
  var stored = null;

  function render() {
    return JSON.parse(JSON.stringify(api.renderCMIToJSONObject().cmi));
  }

  ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit"].forEach(function (fn) {
    var original = api[fn].bind(api);
    api[fn] = function () {
      var args = Array.prototype.map.call(arguments, String);
      var result = String(original.apply(null, arguments));
      calls.push({ fn: fn, args: args, result: result, error: String(api.lastErrorCode) });
      if ((fn === "LMSCommit" || fn === "LMSFinish") && result === "true") stored = render();
      return result;
    };
  });
  window.API = api;

  var frame = document.createElement("iframe");
  frame.name = "scorm_object";
  frame.title = "Course";
  frame.src = config.sco || "about:blank";
  document.getElementById("lms-player").appendChild(frame);

  window.standard = {
    calls: calls,
    stored: function () { return stored; },
    cmi: render,
    /* Unload the SCO as a player does when the learner leaves: its pagehide handlers run. */
    unload: function () {
      return new Promise(function (resolve) {
        frame.addEventListener("load", function () { resolve(); }, { once: true });
        frame.src = "about:blank";
      });
    },
  };
})();
