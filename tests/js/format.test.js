// @ts-check
/* format.js: the catalog's placeholders and SCORM 1.2 times. */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const F = require("../../src/scormbuild/runtime/format.js");

test("placeholders are filled by name; unknown ones stay", () => {
  assert.equal(F.fill("{done}/{total} osiota {x}", { done: 2, total: 3 }), "2/3 osiota {x}");
});

test("a timespan is HHHH:MM:SS, capped at 9999 hours", () => {
  assert.equal(F.timespan(3723400), "01:02:03");
  assert.equal(F.timespan(-5), "00:00:00");
  assert.equal(F.timespan(1e12), "9999:46:40");
});

test("a time of day is HH:MM:SS", () => {
  assert.equal(F.clockTime(new Date(2026, 0, 2, 3, 4, 5)), "03:04:05");
});
