// @ts-check
/* scorm-api.js: finding the LMS, and every call guarded. */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const Api = require("../../src/scormbuild/runtime/scorm-api.js");
const { fakeApi, fakeWindow } = require("./lms.js");

test("no LMS: nothing is recorded and nothing throws", (t) => {
  t.mock.method(console, "warn", () => {});
  const lms = Api.connect(fakeWindow(null));
  assert.equal(lms.init(), false);
  assert.equal(lms.refused(), false);
  assert.equal(lms.get("cmi.core.lesson_status"), "");
  assert.equal(lms.set("cmi.core.lesson_location", "x"), false);
  assert.equal(lms.finish(), false);
});

test("the API is found in a parent window and initialized once", () => {
  const api = fakeApi(), top = fakeWindow(api), frame = fakeWindow(null);
  frame.parent = top;
  const lms = Api.connect(frame);
  assert.equal(lms.init(), true);
  assert.equal(lms.init(), true);
  assert.equal(api.calls.filter((c) => c[0] === "LMSInitialize").length, 1);
  assert.equal(lms.get("cmi.core.lesson_mode"), "normal");
});

test("an element the LMS does not have reads as empty", (t) => {
  const warn = t.mock.method(console, "warn", () => {});
  const lms = Api.connect(fakeWindow(fakeApi()));
  lms.init();
  assert.equal(lms.get("cmi.nothing"), "");
  assert.match(String(warn.mock.calls[0].arguments[1]), /LMSGetValue failed, error 401/);
});

test("LMSFinish is called once; afterwards every call is a no-op", () => {
  const api = fakeApi(), lms = Api.connect(fakeWindow(api));
  lms.init();
  assert.equal(lms.finish(), true);
  assert.equal(lms.finish(), false);
  assert.equal(lms.set("cmi.core.exit", ""), false);
  assert.equal(lms.active(), false);
  assert.deepEqual(api.calls.map((c) => c[0]), ["LMSInitialize", "LMSFinish"]);
});

test("an LMS that throws in LMSInitialize is refused, not fatal", (t) => {
  t.mock.method(console, "warn", () => {});
  const api = fakeApi();
  api.LMSInitialize = () => { throw new Error("Moodle says no"); };
  const lms = Api.connect(fakeWindow(api));
  assert.equal(lms.init(), false);
  assert.equal(lms.refused(), true);
});
