// @ts-check
/* Reflection prompt: the learner's text is kept in this browser's storage on this device,
 * never sent to the LMS. It is keyed by the course, its language, the learner (when the LMS
 * names one: two people sharing a computer do not see each other's text), the module and the
 * prompt. A button clears it; in print the text shows in place of the field. */
(function (win, doc) {
  "use strict";
  var course = /** @type {{id: string, lang: string}} */ (/** @type {any} */ (win).SCORMBUILD_COURSE || { id: "", lang: "" });
  /** The learner's id from the LMS's API, found the way the runtime finds it; "" without. */
  function learner() {
    for (var w = /** @type {any} */ (win), i = 0; w && i < 10; i++) {
      try {
        if (w.API && w.API.LMSGetValue) return String(w.API.LMSGetValue("cmi.core.student_id") || "");
      } catch (e) { return ""; }
      if (w.parent === w) break;
      w = w.parent;
    }
    return "";
  }
  /** @returns {Storage | null} */
  function storage() {
    try {
      var s = win.localStorage, probe = "scormbuild:probe";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (e) { return null; }
  }
  var store = storage(), who = learner();
  /** @param {Element} box */
  function mount(box) {
    var field = /** @type {HTMLTextAreaElement} */ (box.querySelector("textarea"));
    var status = /** @type {HTMLElement} */ (box.querySelector(".sb-reflection-status"));
    if (!field || !store) return;
    var key = ["scormbuild", course.id, course.lang, who, box.getAttribute("data-key")].join(":");
    var copy = doc.createElement("div");
    copy.className = "sb-reflection-print";
    var clear = doc.createElement("button");
    clear.type = "button";
    clear.className = "sb-reflection-clear";
    clear.textContent = box.getAttribute("data-clear") || "";
    field.value = store.getItem(key) || "";
    copy.textContent = field.value;
    /** @type {number | undefined} */
    var timer;
    field.addEventListener("input", function () {
      copy.textContent = field.value;
      win.clearTimeout(timer);
      timer = win.setTimeout(function () {
        if (!store) return;
        if (field.value) store.setItem(key, field.value);
        else store.removeItem(key);
        status.textContent = box.getAttribute("data-saved") || "";
      }, 400);
    });
    clear.addEventListener("click", function () {
      clearTimeout(timer);
      if (store) store.removeItem(key);
      field.value = copy.textContent = "";
      status.textContent = box.getAttribute("data-cleared") || "";
      field.focus();
    });
    field.insertAdjacentElement("afterend", copy);
    status.insertAdjacentElement("beforebegin", clear);
    box.classList.add("sb-on");
  }
  doc.querySelectorAll(".sb-reflection").forEach(mount);
})(window, document);
