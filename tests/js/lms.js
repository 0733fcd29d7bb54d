// @ts-check
/* A stand-in for what the runtime talks to: a SCORM 1.2 API that records every call, in a
 * window with just enough of a browser for session.js. */
"use strict";

/** @param {Record<string, string>} [values] the data model the LMS starts from */
function fakeApi(values) {
  const model = Object.assign({ "cmi.core.lesson_mode": "normal", "cmi.core.credit": "credit",
    "cmi.core.lesson_status": "not attempted", "cmi.interactions._count": "0" }, values || {});
  /** @type {string[][]} */
  const calls = [];
  let error = "0";
  const api = {
    calls, model,
    initialize: "true",
    /** @param {string} _ */
    LMSInitialize(_) { calls.push(["LMSInitialize"]); return api.initialize; },
    /** @param {string} _ */
    LMSFinish(_) { calls.push(["LMSFinish"]); return "true"; },
    /** @param {string} name */
    LMSGetValue(name) {
      calls.push(["LMSGetValue", name]);
      error = name in model ? "0" : "401";
      return model[name] || "";
    },
    /** @param {string} name @param {string} value */
    LMSSetValue(name, value) { calls.push(["LMSSetValue", name, value]); model[name] = value; return "true"; },
    /** @param {string} _ */
    LMSCommit(_) { calls.push(["LMSCommit"]); return "true"; },
    LMSGetLastError() { return error; },
    /** @param {unknown} code */
    LMSGetErrorString(code) { return "error " + code; },
    /** The values set, in order. */
    sets() { return calls.filter((c) => c[0] === "LMSSetValue").map((c) => c.slice(1)); }
  };
  return api;
}

/** A window with `api` as its SCORM API (none when null); `fire(type)` runs its listeners.
 * @param {ReturnType<typeof fakeApi> | null} api */
function fakeWindow(api) {
  /** @type {Record<string, Function[]>} */
  const listeners = {};
  /** @param {string} type @param {Function} fn */
  const listen = (type, fn) => { (listeners[type] = listeners[type] || []).push(fn); };
  const win = {
    API: api,
    parent: /** @type {any} */ (null),
    document: { visibilityState: "visible", addEventListener: listen },
    addEventListener: listen,
    setTimeout: () => 1,
    clearTimeout: () => {},
    setInterval: () => 1,
    /** @param {string} type @param {object} [event] */
    fire(type, event) { (listeners[type] || []).forEach((fn) => fn(event || {})); }
  };
  win.parent = win;
  return win;
}

module.exports = { fakeApi, fakeWindow };
