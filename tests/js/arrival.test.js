// @ts-check
/* arrival.js: a module page opened in the launch page's frame starts at its top, its title
 * focused; a page opened at a place in it arrives there. Windows are stand-ins that record
 * what the script does to them. */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const A = require("../../src/scormbuild/runtime/arrival.js");

/** A window stand-in: scrolled by `scrollTo`, with a title and elements by id, in a frame
 * that has `shown` a page before.
 * @param {string} hash @param {Record<string, number>} places ids -> top in the frame */
function page(hash, places, shown = true) {
  /** @type {string[]} */
  const log = [];
  const title = {
    /** @type {Record<string, string>} */ attrs: {},
    /** @param {string} k @param {string} v */ setAttribute(k, v) { this.attrs[k] = v; },
    /** @param {{preventScroll?: boolean}} how */ focus(how) { log.push("focus " + JSON.stringify(how)); }
  };
  const frameTop = 120;
  const win = {
    scrollY: 900,
    location: { hash },
    /** @param {number} x @param {number} y */ scrollTo(x, y) { log.push(`page ${x},${y}`); },
    frameElement: {
      /** @type {Record<string, string>} */ attrs: shown ? { "data-shown": "" } : {},
      /** @param {string} k */ hasAttribute(k) { return k in this.attrs; },
      /** @param {string} k @param {string} v */ setAttribute(k, v) { this.attrs[k] = v; },
      getBoundingClientRect: () => ({ top: frameTop - 900 })
    },
    document: {
      /** @param {string} s */ querySelector: (s) => (s === "main h1" ? title : null),
      /** @param {string} id */ getElementById: (id) =>
        id in places ? { getBoundingClientRect: () => ({ top: places[id] }) } : null
    }
  };
  const outer = {
    scrollY: 900,
    /** @param {number} x @param {number} y */ scrollTo(x, y) { log.push(`launch ${x},${y}`); outer.scrollY = y; }
  };
  return { win: /** @type {any} */ (win), outer: /** @type {any} */ (outer), title, log };
}

test("a page starts at the top of the launch page, its title focused without a jump", () => {
  const p = page("", {});
  A.arrive(p.win, p.outer);
  assert.deepEqual(p.log, ["launch 0,0", 'focus {"preventScroll":true}']);
  assert.equal(p.title.attrs.tabindex, "-1");
});

test("a page opened at a place in it is scrolled there once the frame has grown", () => {
  const p = page("#osa-2", { "osa-2": 1500 });
  A.arrive(p.win, p.outer);
  assert.deepEqual(p.log, []); // no jump to the top, no focus taken from the place
  A.place(p.win, p.outer);
  // The frame's top is 120 px down the launch page; the place 1500 px down the frame.
  assert.deepEqual(p.log, ["launch 0,1620"]);
});

test("an address naming no place in the page starts at the top", () => {
  const p = page("#nowhere", {});
  A.arrive(p.win, p.outer);
  A.place(p.win, p.outer);
  assert.deepEqual(p.log, ["launch 0,0", 'focus {"preventScroll":true}']);
});

test("an encoded place is found by its id", () => {
  const p = page("#s%C3%A4%C3%A4nn%C3%B6t", { "säännöt": 40 });
  A.arrive(p.win, p.outer);
  A.place(p.win, p.outer);
  assert.deepEqual(p.log, ["launch 0,160"]);
});

test("the launch page's first page leaves the focus where the launch page starts it", () => {
  const p = page("", {}, false);
  A.arrive(p.win, p.outer);
  assert.deepEqual(p.log, []);
  assert.equal(p.win.frameElement.attrs["data-shown"], "");
  const next = page("", {}, true);
  A.arrive(next.win, next.outer);
  assert.deepEqual(next.log, ["launch 0,0", 'focus {"preventScroll":true}']);
});
