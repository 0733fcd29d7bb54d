/*
 * Test LMS: plays the part of Moodle's SCORM 1.2 player for the browser tests.
 *
 * Configuration (first found wins):
 *   1. query parameter `config` holding JSON, e.g. lms.html?config={"sco":"/pkg/x/index.html"}
 *   2. `window.__lmsConfig`, set before this script runs (Playwright `page.add_init_script`).
 * Shape: {sco: URL of the SCO, init: {...CMI the LMS provides...}, options: {...}}
 *   init: {core: {student_id, student_name, credit, entry, lesson_mode, lesson_location,
 *          lesson_status, total_time, score: {raw, min, max}}, suspend_data, launch_data,
 *          student_data: {mastery_score, max_time_allowed, time_limit_action}}
 *   options:
 *     masteryOverride (default true, Moodle's default): at LMSFinish, for credit sessions in
 *       normal mode with both a mastery score and score.raw, set passed/failed.
 *     commitFails: true = every store (LMSCommit, LMSFinish) fails; a number N = the next N fail.
 *     setFails: true = every LMSSetValue fails; an array = elements (or prefixes ending in ".")
 *       whose LMSSetValue fails.
 *     noApi: do not create window.API at all.
 *     corruptSuspendData: true (or a string) = the initial suspend_data is garbage.
 *
 * window.lms: snapshot(), counts(), unloadSco() -> Promise, setOptions(obj), config.
 * Data only counts as stored after a successful LMSCommit or LMSFinish: snapshot().persisted.
 */
(function () {
  "use strict";

  const DEFAULT_OPTIONS = {
    masteryOverride: true,
    commitFails: false,
    setFails: false,
    noApi: false,
    corruptSuspendData: false,
  };
  const CORRUPT_SUSPEND_DATA = '\u00ff{"v":9,"broken":[1,2,%%%not json';
  const STATUS_VOCAB = ["passed", "completed", "failed", "incomplete", "browsed"];
  const DECIMAL = /^\d{1,3}(\.\d+)?$/;
  const TIMESPAN = /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/;
  const TIME = /^\d{2}:\d{2}:\d{2}(\.\d{1,2})?$/;
  const IDENTIFIER = /^[\x21-\x7e]{1,255}$/;
  const ERR_GENERAL = "101";
  const ERR_INVALID_ARGUMENT = "201";
  const ERR_TYPE_MISMATCH = "405";

  function readConfig() {
    const raw = new URLSearchParams(window.location.search).get("config");
    if (raw) {
      return JSON.parse(raw);
    }
    return window.__lmsConfig || {};
  }

  const config = readConfig();
  const options = Object.assign({}, DEFAULT_OPTIONS, config.options || {});
  const state = {
    calls: [],
    violations: [],
    initializeCount: 0,
    finishCount: 0,
    commitCount: 0,
    persisted: null,
    scoUnloaded: false,
    scoLoads: 0,
  };
  const started = performance.now();

  function clone(value) {
    return value === undefined ? null : JSON.parse(JSON.stringify(value));
  }

  /** Long values (suspend data) are cut in the violation list; `length` keeps the size. */
  function shorten(value) {
    const text = String(value);
    return text.length > 300 ? `${text.slice(0, 300)}…` : text;
  }

  function setStatus(text) {
    const el = document.getElementById("lms-status");
    if (el) {
      el.textContent = text;
    }
  }

  /* ---- Moodle's stricter checks (mod/scorm/datamodels/scorm_12.js) ---- */

  function checkDecimal0to100(value) {
    if (value === "") {
      return null;
    }
    if (!DECIMAL.test(value)) {
      return "decimal number expected";
    }
    const n = parseFloat(value);
    return n >= 0 && n <= 100 ? null : "out of range 0-100";
  }

  function maxLength(limit) {
    return (value) => (value.length <= limit ? null : `longer than ${limit} characters`);
  }

  const RULES = [
    [/^cmi\.core\.lesson_status$/, (v) =>
      STATUS_VOCAB.includes(v) ? null : `not one of ${STATUS_VOCAB.join(", ")}`],
    [/^cmi\.core\.score\.(raw|min|max)$/, checkDecimal0to100],
    [/^cmi\.objectives\.\d+\.score\.(raw|min|max)$/, checkDecimal0to100],
    [/^cmi\.core\.session_time$/, (v) => (TIMESPAN.test(v) ? null : "not HHHH:MM:SS.SS")],
    [/^cmi\.core\.lesson_location$/, maxLength(255)],
    [/^cmi\.suspend_data$/, maxLength(4096)],
    [/^cmi\.comments$/, maxLength(4096)],
    [/^cmi\.(interactions\.\d+\.|interactions\.\d+\.objectives\.\d+\.|objectives\.\d+\.)id$/,
      (v) => (IDENTIFIER.test(v) ? null : "not 1-255 printable ASCII characters without spaces")],
    [/^cmi\.interactions\.\d+\.student_response$/, maxLength(255)],
    [/^cmi\.interactions\.\d+\.correct_responses\.\d+\.pattern$/, maxLength(255)],
    [/^cmi\.interactions\.\d+\.weighting$/, (v) =>
      /^-?\d{1,3}(\.\d+)?$/.test(v) ? null : "decimal number expected"],
    [/^cmi\.interactions\.\d+\.latency$/, (v) => (TIMESPAN.test(v) ? null : "not HHHH:MM:SS.SS")],
    [/^cmi\.interactions\.\d+\.time$/, (v) => (TIME.test(v) ? null : "not HH:MM:SS.SS")],
  ];

  /** Index of the first non-contiguous collection index in `element`, or null. */
  function indexGap(api, element) {
    const parts = element.split(".");
    let last = -1;
    parts.forEach((part, i) => {
      if (/^\d+$/.test(part)) {
        last = i;
      }
    });
    let node = api.cmi;
    // Walk only to the last index: leaf getters of write-only elements throw.
    for (let i = 1; i <= last; i += 1) {
      if (node === undefined || node === null) {
        return null;
      }
      const part = parts[i];
      if (/^\d+$/.test(part)) {
        const children = node.childArray;
        if (!Array.isArray(children)) {
          return null;
        }
        const index = Number(part);
        if (index > children.length) {
          return `index ${index} skips ahead of count ${children.length}`;
        }
        node = children[index];
      } else {
        node = node[part];
      }
    }
    return null;
  }

  function moodleCheck(api, element, value) {
    const text = String(value);
    if (/^cmi\.(interactions|objectives)\./.test(element)) {
      const gap = indexGap(api, element);
      if (gap) {
        return { rule: "contiguous-index", message: gap, code: ERR_INVALID_ARGUMENT };
      }
    }
    for (const [pattern, check] of RULES) {
      if (pattern.test(element)) {
        const message = check(text);
        if (message) {
          return { rule: pattern.source, message, code: ERR_TYPE_MISMATCH };
        }
      }
    }
    return null;
  }

  function setFailsFor(element) {
    const rule = options.setFails;
    if (rule === true) {
      return true;
    }
    if (Array.isArray(rule)) {
      return rule.some((p) => (p.endsWith(".") ? element.startsWith(p) : element === p));
    }
    return false;
  }

  function storeFails() {
    const rule = options.commitFails;
    if (rule === true) {
      return true;
    }
    if (typeof rule === "number" && rule > 0) {
      options.commitFails = rule - 1;
      return true;
    }
    return false;
  }

  function renderCmi(api) {
    return clone(api.renderCMIToJSONObject().cmi);
  }

  /* ---- the API ---- */

  function createApi() {
    const api = new window.Scorm12API({
      autocommit: false,
      logLevel: 5,
      onLogMessage: () => {},
      mastery_override: Boolean(options.masteryOverride),
      lmsCommitUrl: false,
    });
    const init = clone(config.init || {});
    if (options.corruptSuspendData) {
      init.suspend_data =
        typeof options.corruptSuspendData === "string"
          ? options.corruptSuspendData
          : CORRUPT_SUSPEND_DATA;
    }
    api.loadFromJSON(init);
    state.persisted = renderCmi(api);

    const original = {};
    for (const name of [
      "LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit",
      "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic",
    ]) {
      original[name] = api[name].bind(api);
    }

    function log(fn, args, result) {
      const entry = {
        fn,
        args: Array.from(args, (a) => (a === undefined ? null : String(a))),
        result: result === undefined ? null : String(result),
        error: String(api.lastErrorCode),
        t: Math.round(performance.now() - started),
      };
      state.calls.push(entry);
      return result;
    }

    function refuse(element, value, violation) {
      state.violations.push({
        fn: "LMSSetValue",
        element,
        value: shorten(value),
        length: String(value).length,
        rule: violation.rule,
        message: violation.message,
        code: violation.code,
      });
      api.throwSCORMError(element, Number(violation.code), violation.message);
      return "false";
    }

    api.LMSInitialize = function (...args) {
      state.initializeCount += 1;
      setStatus("initialized");
      return log("LMSInitialize", args, original.LMSInitialize(...args));
    };
    api.LMSFinish = function (...args) {
      state.finishCount += 1;
      const wasInitialized = api.isInitialized();
      const fail = wasInitialized && storeFails();
      let result = original.LMSFinish(...args);
      if (result === "true") {
        if (fail) {
          api.throwSCORMError("", Number(ERR_GENERAL), "store failed (commitFails)");
          result = "false";
        } else {
          state.persisted = renderCmi(api);
        }
      }
      setStatus("finished");
      return log("LMSFinish", args, result);
    };
    api.LMSCommit = function (...args) {
      state.commitCount += 1;
      let result = original.LMSCommit(...args);
      if (result === "true") {
        if (storeFails()) {
          api.throwSCORMError("", Number(ERR_GENERAL), "store failed (commitFails)");
          result = "false";
        } else {
          state.persisted = renderCmi(api);
        }
      }
      return log("LMSCommit", args, result);
    };
    api.LMSSetValue = function (...args) {
      const [element, value] = args;
      const name = String(element);
      if (!api.isInitialized()) {
        return log("LMSSetValue", args, original.LMSSetValue(...args));
      }
      if (setFailsFor(name)) {
        api.throwSCORMError(name, Number(ERR_GENERAL), "set failed (setFails)");
        return log("LMSSetValue", args, "false");
      }
      const violation = moodleCheck(api, name, value === undefined ? "" : value);
      if (violation) {
        return log("LMSSetValue", args, refuse(name, value, violation));
      }
      const result = original.LMSSetValue(...args);
      if (result !== "true") {
        state.violations.push({
          fn: "LMSSetValue",
          element: name,
          value: shorten(value),
          length: String(value).length,
          rule: "scorm-again",
          message: api.lmsGetDiagnostic(api.lastErrorCode),
          code: String(api.lastErrorCode),
        });
      }
      return log("LMSSetValue", args, result);
    };
    for (const name of ["LMSGetValue", "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"]) {
      api[name] = function (...args) {
        return log(name, args, original[name](...args));
      };
    }
    return api;
  }

  /* ---- the player ---- */

  function launchSco() {
    if (!config.sco) {
      setStatus(window.API ? "API ready, nothing to launch" : "no API, nothing to launch");
      return;
    }
    const frame = document.createElement("iframe");
    frame.id = "scorm_object";
    frame.name = "scorm_object";
    frame.title = "Course";
    frame.addEventListener("load", () => {
      state.scoLoads += 1;
    });
    frame.src = config.sco;
    document.getElementById("lms-player").appendChild(frame);
    setStatus("launched");
  }

  function unloadSco() {
    const frame = document.getElementById("scorm_object");
    if (!frame || state.scoUnloaded) {
      state.scoUnloaded = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      frame.addEventListener(
        "load",
        () => {
          frame.remove();
          state.scoUnloaded = true;
          setStatus("unloaded");
          resolve();
        },
        { once: true },
      );
      frame.src = "about:blank";
    });
  }

  function snapshot() {
    const api = window.API;
    return {
      cmi: api ? renderCmi(api) : null,
      persisted: clone(state.persisted),
      violations: clone(state.violations),
      calls: clone(state.calls),
      initializeCount: state.initializeCount,
      finishCount: state.finishCount,
      commitCount: state.commitCount,
      finishedOnce: state.finishCount === 1,
      scoUnloaded: state.scoUnloaded,
      options: clone(options),
      init: clone(config.init || {}),
    };
  }

  function counts() {
    return {
      initializeCount: state.initializeCount,
      finishCount: state.finishCount,
      commitCount: state.commitCount,
      callCount: state.calls.length,
      scoLoads: state.scoLoads,
    };
  }

  function setOptions(changes) {
    Object.assign(options, changes || {});
    return clone(options);
  }

  if (!options.noApi) {
    window.API = createApi();
  }
  window.lms = { config, snapshot, counts, unloadSco, setOptions };
  launchSco();
})();
