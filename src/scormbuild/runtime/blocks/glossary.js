// @ts-check
/* Glossary terms (WAI-ARIA APG disclosure pattern): a marked term becomes a button that opens
 * its definition in a popover right after it (so a screen reader reads it next), with a link
 * to the glossary page; Escape, a second press or a click elsewhere closes it. Without this
 * script a term links to its entry on the glossary page. */
(function (win, doc) {
  "use strict";
  var course = /** @type {any} */ (win).SCORMBUILD_COURSE || {};
  var defs = doc.querySelector(".sb-defs");
  /** @type {HTMLButtonElement | null} */
  var open = null;
  /** @param {HTMLButtonElement} b */
  function close(b) {
    b.setAttribute("aria-expanded", "false");
    var pop = doc.getElementById(b.getAttribute("aria-controls") || "");
    if (pop) pop.hidden = true;
    if (open === b) open = null;
  }
  doc.querySelectorAll("a.sb-term").forEach(function (a, i) {
    // The term's id is in its link: the sanitizer leaves no data- attribute on author text.
    var id = (a.getAttribute("href") || "").split("#sb-term-")[1] || "";
    var def = doc.getElementById("sb-def-" + id);
    if (!def) return;
    var wrap = doc.createElement("span");
    wrap.className = "sb-term-wrap";
    var b = doc.createElement("button");
    b.type = "button";
    b.className = "sb-term";
    b.setAttribute("aria-expanded", "false");
    b.setAttribute("aria-controls", "sb-pop-" + i);
    a.childNodes.forEach(function (n) { b.appendChild(n.cloneNode(true)); });
    var pop = doc.createElement("span");
    pop.className = "sb-popover";
    pop.id = "sb-pop-" + i;
    pop.hidden = true;
    var name = doc.createElement("strong");
    name.textContent = ((def.previousElementSibling || def).textContent || "") + ": ";
    pop.appendChild(name);
    def.childNodes.forEach(function (n) { pop.appendChild(n.cloneNode(true)); });
    // Other modules' pages are other SCOs in multi-SCO mode: no link away from this one.
    if (!course.multi && defs) {
      var link = doc.createElement("a");
      link.href = a.getAttribute("href") || "";
      link.className = "sb-popover-link";
      link.textContent = defs.getAttribute("data-open") || "";
      pop.appendChild(link);
    }
    wrap.appendChild(b);
    wrap.appendChild(pop);
    /** @type {Element} */ (a.parentNode).replaceChild(wrap, a);
    b.addEventListener("click", function () {
      if (b.getAttribute("aria-expanded") === "true") return close(b);
      if (open) close(open);
      b.setAttribute("aria-expanded", "true");
      pop.hidden = false;
      open = b;
      // Keep the popover inside the page's width (a term near the right edge).
      pop.style.left = "0";
      var over = pop.getBoundingClientRect().right - doc.documentElement.clientWidth + 8;
      if (over > 0) pop.style.left = -over + "px";
    });
  });
  doc.addEventListener("keydown", function (e) {
    if (/** @type {KeyboardEvent} */ (e).key !== "Escape" || !open) return;
    var b = open;
    close(b);
    b.focus();
  });
  doc.addEventListener("click", function (e) {
    if (open && open.parentNode && !open.parentNode.contains(/** @type {Node} */ (e.target))) close(open);
  });
  if (defs) defs.classList.add("sb-on");
})(window, document);
