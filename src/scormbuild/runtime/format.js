// @ts-check
/* scormbuild text helpers the other scripts share: filling a string of the catalog, and
 * times in the formats SCORM 1.2 asks for. Pure; runs in the browser (window.SBFormat) and
 * in node (module.exports) for tests. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.SBFormat = factory();
})(/** @type {any} */ (this), function () {
  "use strict";

  /** `text` with each {name} replaced by `values[name]`; unknown names stay as they are.
   * @param {string} text @param {Record<string, string | number>} values */
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? String(values[k]) : m; });
  }

  /** @param {number} n */
  function twoDigits(n) { return (n < 10 ? "0" : "") + n; }

  /** A CMITimespan "HHHH:MM:SS" (hours as two digits at least, at most 9999) of `ms`.
   * @param {number} ms */
  function timespan(ms) {
    var s = Math.max(0, Math.round(ms / 1000)), h = Math.min(9999, Math.floor(s / 3600));
    return twoDigits(h) + ":" + twoDigits(Math.floor(s / 60) % 60) + ":" + twoDigits(s % 60);
  }

  /** A CMITime "HH:MM:SS" of the local time of `date`. @param {Date} date */
  function clockTime(date) {
    return twoDigits(date.getHours()) + ":" + twoDigits(date.getMinutes()) + ":" + twoDigits(date.getSeconds());
  }

  return { fill: fill, timespan: timespan, clockTime: clockTime };
});
