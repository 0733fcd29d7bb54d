/*
 * A tiny hand-written SCO that exercises the test LMS.
 * Query parameters:
 *   scenario=mixed     initialize, set valid and Moodle-violating values, commit, finish
 *   scenario=suspend   initialize, set location/suspend data, exit=suspend, commit, finish
 *   scenario=manual    initialize only; the test drives window.sco
 *   scenario=none      do not initialize
 *   external=1         try to load an image from http://example.invalid/
 *   throw=1            throw an uncaught error after loading
 *   pagehide=1         on pagehide: exit=suspend, commit, finish (if not finished yet)
 */
(function () {
  "use strict";

  const params = new URLSearchParams(window.location.search);
  const log = [];

  function findApi(win) {
    let current = win;
    for (let depth = 0; current && depth < 10; depth += 1) {
      if (current.API) {
        return current.API;
      }
      if (current.parent === current) {
        break;
      }
      current = current.parent;
    }
    return null;
  }

  const api = findApi(window.parent);
  let finished = false;

  function call(fn, ...args) {
    if (!api) {
      log.push([fn, args, null]);
      return null;
    }
    const result = api[fn](...args);
    log.push([fn, args, result]);
    return result;
  }

  const sco = {
    hasApi: Boolean(api),
    log,
    init: () => call("LMSInitialize", ""),
    get: (element) => call("LMSGetValue", element),
    set: (element, value) => call("LMSSetValue", element, value),
    commit: () => call("LMSCommit", ""),
    finish: () => {
      finished = true;
      return call("LMSFinish", "");
    },
    lastError: () => call("LMSGetLastError"),
  };
  window.sco = sco;

  function mixed() {
    sco.init();
    // Valid values.
    sco.set("cmi.core.lesson_location", "page-2");
    sco.set("cmi.core.score.raw", "80");
    sco.set("cmi.core.score.min", "0");
    sco.set("cmi.core.score.max", "100");
    sco.set("cmi.core.session_time", "00:01:30");
    sco.set("cmi.core.lesson_status", "completed");
    sco.set("cmi.interactions.0.id", "q1");
    sco.set("cmi.interactions.0.type", "choice");
    sco.set("cmi.interactions.0.student_response", "a");
    sco.set("cmi.interactions.0.result", "correct");
    sco.set("cmi.suspend_data", "ok");
    // Values Moodle refuses.
    sco.set("cmi.core.session_time", "1:2:3");
    sco.set("cmi.core.lesson_status", "done");
    sco.set("cmi.interactions.1.id", "has space");
    sco.set("cmi.suspend_data", "x".repeat(5000));
    sco.set("cmi.interactions.3.id", "gap");
    sco.set("cmi.core.score.raw", "150");
    sco.commit();
    sco.finish();
  }

  function suspend() {
    sco.init();
    sco.set("cmi.core.lesson_location", "module-3");
    sco.set("cmi.suspend_data", '{"v":1,"page":3}');
    sco.set("cmi.core.lesson_status", "incomplete");
    sco.set("cmi.core.session_time", "00:00:42");
    sco.set("cmi.core.exit", "suspend");
    sco.commit();
    sco.finish();
  }

  if (params.get("pagehide") === "1") {
    window.addEventListener("pagehide", () => {
      if (!finished) {
        sco.set("cmi.core.exit", "suspend");
        sco.commit();
        sco.finish();
      }
    });
  }

  const scenario = params.get("scenario") || "manual";
  if (scenario === "mixed") {
    mixed();
  } else if (scenario === "suspend") {
    suspend();
  } else if (scenario === "manual") {
    sco.init();
  }

  if (params.get("external") === "1") {
    const img = document.createElement("img");
    img.alt = "";
    img.src = "http://example.invalid/pixel.png";
    document.body.appendChild(img);
  }
  if (params.get("throw") === "1") {
    setTimeout(() => {
      throw new Error("fake SCO failure");
    }, 0);
  }

  document.getElementById("sco-status").textContent = api ? "ready" : "no API";
})();
