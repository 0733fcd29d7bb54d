// @ts-check
/* scormbuild drag and drop for matching and ordering questions, a second way beside their
 * controls, which stay the way of the keyboard and of screen readers (an ordering item's Move
 * up and Move down buttons, a matching row's menu). With a mouse, a pen or a finger (one path:
 * pointer events), an ordering item is dragged by its handle to its place and the move is
 * announced as the buttons announce it; a matching answer is dragged from the answers above
 * the rows onto a row, whose menu then shows it (as if chosen there; the answer is read when
 * it is checked). Handles and answers are hidden from assistive
 * technology, take no focus, and go (dragdrop.css) once the question is answered. A page
 * without this script keeps the controls alone. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(window, require("./format.js"));
  else root.SBDrag = factory(window, root.SBFormat);
})(/** @type {any} */ (this), /**
 * @param {Window & typeof globalThis} win
 * @param {import("./format.js")} F
 */ function (win, F) {
  "use strict";
  var doc = win.document;
  /** What is dragged: an ordering item (moved in its list) or a matching answer (carried).
   * @type {{el: HTMLElement, x: number, y: number} | null} */
  var drag = null;

  /** A new element that assistive technology does not see. @param {string} tag @param {string} cls */
  function make(tag, cls) {
    var el = doc.createElement(tag);
    el.className = cls;
    el.setAttribute("aria-hidden", "true");
    return el;
  }
  /** The element of class `cls` under the pointer, if any. @param {PointerEvent} e @param {string} cls */
  function under(e, cls) {
    var el = doc.elementFromPoint(e.clientX, e.clientY);
    return el && el.closest("." + cls);
  }

  /** Gives an ordering question's items their handles, a matching question its answers.
   * @param {Element} q */
  function enhance(q) {
    [].forEach.call(q.querySelectorAll(".sb-order .sb-item"), function (/** @type {Element} */ it) {
      it.insertBefore(make("span", "sb-grip"), it.firstChild).textContent = "⠿";
    });
    var menu = /** @type {HTMLSelectElement | null} */ (q.querySelector(".sb-match select"));
    if (!menu) return;
    var bank = make("ul", "sb-bank"), row = /** @type {Element} */ (menu.parentNode);
    // In the alphabet's order: the menus' order is shuffled, the rows' could give answers away.
    [].slice.call(menu.options, 1).sort(function (/** @type {HTMLOptionElement} */ a, /** @type {HTMLOptionElement} */ b) {
      return a.text.localeCompare(b.text);
    }).forEach(function (/** @type {HTMLOptionElement} */ o) {
      var chip = bank.appendChild(make("li", "sb-chip"));
      chip.textContent = o.text;
      chip.setAttribute("data-value", o.value);
    });
    /** @type {Node} */ (row.parentNode).insertBefore(bank, row);
  }

  doc.addEventListener("pointerdown", function (e) {
    var el = /** @type {HTMLElement | null} */ (/** @type {Element} */ (e.target).closest(".sb-grip, .sb-chip"));
    if (!el || e.button) return;
    drag = { el: /** @type {HTMLElement} */ (el.closest(".sb-item") || el), x: e.clientX, y: e.clientY };
    drag.el.classList.add("sb-dragging");
    e.preventDefault();
  });
  doc.addEventListener("pointermove", function (e) {
    if (!drag) return;
    var el = drag.el, other = under(e, "sb-item"), list = el.parentNode;
    if (!el.classList.contains("sb-item")) {
      el.style.transform = "translate(" + (e.clientX - drag.x) + "px," + (e.clientY - drag.y) + "px)";
    } else if (other && other !== el && list && other.parentNode === list) {
      var box = other.getBoundingClientRect();
      list.insertBefore(el, e.clientY < box.top + box.height / 2 ? other : other.nextSibling);
    }
  });
  /** Drops what is dragged: an item stays where it is, and says so; an answer goes to the
   * row under the pointer. @param {PointerEvent} e */
  function drop(e) {
    if (!drag) return;
    var el = drag.el, q = /** @type {Element} */ (el.closest(".sb-question")), out = q.querySelector(".sb-feedback");
    drag = null;
    el.classList.remove("sb-dragging");
    el.style.transform = "";
    if (el.classList.contains("sb-item")) {
      /** @type {Element[]} */
      var items = [].slice.call(/** @type {Element} */ (el.parentNode).children);
      if (out) out.textContent = F.fill(win.SCORMBUILD_COURSE.strings.moved, {
        item: ((el.querySelector(".sb-item-text") || el).textContent || "").trim(), pos: items.indexOf(el) + 1, total: items.length });
      return;
    }
    var row = under(e, "sb-match"), menu = row && q.contains(row) && row.querySelector("select");
    if (menu) menu.value = el.getAttribute("data-value") || "";
  }
  doc.addEventListener("pointerup", drop);
  doc.addEventListener("pointercancel", drop);
  [].forEach.call(doc.querySelectorAll(".sb-question"), enhance);
  return { enhance: enhance };
});
