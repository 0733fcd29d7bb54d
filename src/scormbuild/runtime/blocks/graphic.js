// @ts-check
/* Labelled graphic (WAI-ARIA APG disclosure pattern): each numbered marker on the image
 * becomes a button that opens its text below the image (one at a time); Escape closes it.
 * Without this script every text shows in a numbered list under the image. */
(function (doc) {
  "use strict";
  /** @param {Element} box */
  function mount(box) {
    /** @type {HTMLButtonElement[]} */
    var markers = [];
    /** @type {HTMLElement[]} */
    var texts = [].slice.call(box.querySelectorAll(".sb-marker-text"));
    box.querySelectorAll(".sb-marker").forEach(function (span, i) {
      var text = texts[i], title = text && text.querySelector(".sb-marker-title");
      if (!text) return;
      var b = doc.createElement("button");
      b.type = "button";
      b.id = span.id;
      b.className = "sb-marker";
      b.setAttribute("aria-expanded", "false");
      b.setAttribute("aria-controls", text.id);
      var n = doc.createElement("span");
      n.setAttribute("aria-hidden", "true");
      n.textContent = String(i + 1);
      var name = doc.createElement("span");
      name.className = "sb-vh";
      name.textContent = (title && title.textContent) || "";
      b.appendChild(n);
      b.appendChild(name);
      /** @type {Element} */ (span.parentNode).replaceChild(b, span);
      text.hidden = true;
      b.addEventListener("click", function () { open(i, b.getAttribute("aria-expanded") !== "true"); });
      markers.push(b);
    });
    /** @param {number} i @param {boolean} on */
    function open(i, on) {
      markers.forEach(function (m, j) {
        var show = on && i === j;
        m.setAttribute("aria-expanded", String(show));
        texts[j].hidden = !show;
      });
    }
    box.addEventListener("keydown", function (e) {
      var ev = /** @type {KeyboardEvent} */ (e);
      if (ev.key !== "Escape") return;
      var i = markers.findIndex(function (m) { return m.getAttribute("aria-expanded") === "true"; });
      if (i < 0) return;
      open(i, false);
      markers[i].focus();
    });
    box.classList.add("sb-on");
  }
  doc.querySelectorAll(".sb-graphic").forEach(mount);
})(document);
