// @ts-check
/* The test LMS (preview/static: lms-site.js, lms-api.js): the rules tests/test_lms_model.py
 * does not walk through, each Moodle's (mod/scorm). */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const Site = require("../../src/scormbuild/preview/static/lms-site.js");
const Api = require("../../src/scormbuild/preview/static/lms-api.js");

/** @type {import("../../src/scormbuild/preview/lms").ScoEntry[]} */
const SCOS = [
  { identifier: "a", title: "A", href: "a.html", mastery: 80 },
  { identifier: "b", title: "B", href: "b.html", mastery: null }
];

/** Tracks of SCO "a" per attempt: status and score. @param {[string, string][]} attempts */
function stored(attempts) {
  /** @type {import("../../src/scormbuild/preview/lms").SiteData} */
  const data = { attempts: {} };
  attempts.forEach(([status, raw], i) => {
    data.attempts[String(i + 1)] = { a: { "cmi.core.lesson_status": status, "cmi.core.score.raw": raw } };
  });
  return data;
}

test("Moodle adds session times up to the hundredth, carrying seconds and minutes", () => {
  assert.equal(Api.addTime("00:00:00", "00:00:00"), "00:00:00.00");
  assert.equal(Api.addTime("01:59:59.50", "00:00:00.75"), "02:00:00.25");
  assert.equal(Api.addTime("0000:10:30", "00:50:45"), "01:01:15.00");
});

test("which attempt's grade counts: first, last completed, average, highest", () => {
  const data = stored([["failed", "40"], ["passed", "90"], ["incomplete", "60"]]);
  /** @param {number} whatgrade */
  const grade = (whatgrade) => Site.site({ scos: SCOS, data, settings: { whatgrade } }).grade();
  assert.equal(grade(2), 40); // first attempt
  assert.equal(grade(3), 90); // last attempt that passed or completed
  assert.equal(grade(1), 63); // average of the attempts with a score, rounded
  assert.equal(grade(0), 90); // highest
});

test("a minimum score for completion counts any attempt's score", () => {
  const data = stored([["failed", "40"], ["incomplete", "75"]]);
  /** @param {number | null} completionscorerequired */
  const done = (completionscorerequired) =>
    Site.site({ scos: SCOS, data, settings: { completionscorerequired } }).completion();
  assert.equal(done(75), "complete");
  assert.equal(done(76), "incomplete");
  assert.equal(done(0), "complete");
  assert.equal(done(null), null); // no rule: completion is not tracked
});

test("forcecompleted turns a scored incomplete into completed as Moodle stores it", () => {
  const site = Site.site({ scos: SCOS, settings: { forcecompleted: 1 } });
  site.store(1, "a", "cmi.core.lesson_status", "incomplete");
  assert.equal(site.status(1, "a"), "incomplete");
  site.store(1, "a", "cmi.core.score.raw", "50");
  assert.equal(site.status(1, "a"), "completed");
});

test("a player refuses what Moodle's data model refuses, and says why", () => {
  const site = Site.site({ scos: SCOS });
  const api = Api.player(site, site.checkMode("normal", false)).api("a");
  assert.equal(api.LMSGetValue("cmi.core.lesson_status"), "");
  assert.equal(api.LMSGetLastError(), "301"); // not initialized
  assert.equal(api.LMSInitialize(""), "true");
  assert.equal(api.LMSSetValue("cmi.core.student_id", "x"), "false");
  assert.equal(api.LMSGetErrorString(api.LMSGetLastError()), "Element is read only");
  assert.equal(api.LMSSetValue("cmi.interactions.1.id", "q"), "false"); // index 0 first
  assert.equal(api.LMSGetLastError(), "201");
  assert.equal(api.LMSSetValue("cmi.core.score.raw", "101"), "false");
  assert.equal(api.LMSGetLastError(), "405");
  assert.equal(api.LMSGetValue("cmi.core.exit"), ""); // write-only
  assert.equal(api.LMSGetLastError(), "404");
  assert.equal(api.LMSGetValue("cmi.core._children").split(",").length, 11);
});
