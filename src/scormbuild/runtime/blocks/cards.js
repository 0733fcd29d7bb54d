// @ts-check
/* Flip cards (WAI-ARIA APG disclosure pattern): a card's front becomes a button that turns
 * the card to show its back, and back again. Without this script both sides show. */
(function (doc) {
  "use strict";
  /** @param {Element} box */
  function mount(box) {
    var turn = box.getAttribute("data-turn") || "";
    box.querySelectorAll(":scope > .sb-card").forEach(function (card) {
      var front = card.querySelector(".sb-card-front");
      var back = /** @type {HTMLElement} */ (card.querySelector(".sb-card-back"));
      var label = card.querySelector(".sb-card-label");
      if (!front || !back || !label) return;
      var b = doc.createElement("button");
      b.type = "button";
      b.className = "sb-card-button";
      b.setAttribute("aria-expanded", "false");
      b.setAttribute("aria-controls", back.id);
      b.appendChild(label);
      var hint = doc.createElement("span");
      hint.className = "sb-card-hint";
      hint.textContent = turn;
      b.appendChild(hint);
      front.appendChild(b);
      back.hidden = true;
      b.addEventListener("click", function () {
        var open = b.getAttribute("aria-expanded") !== "true";
        b.setAttribute("aria-expanded", String(open));
        back.hidden = !open;
        card.classList.toggle("sb-turned", open);
      });
    });
    box.classList.add("sb-on");
  }
  doc.querySelectorAll(".sb-cards").forEach(mount);
})(document);
