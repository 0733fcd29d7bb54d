// @ts-check
/* scormbuild preview: the page around the course. The LMS is the model of Moodle in
 * lms-site.js and lms-api.js (the browser tests run the same one), with Moodle's default
 * activity settings; what the site stores is kept in localStorage per course and language,
 * so "Close" and "Resume" behave like leaving and entering the activity in Moodle. Every API
 * call is logged with its result and error code. Rebuilds arrive as Server-Sent Events; the
 * course is then closed and launched again, as a learner who reopens it would see it, and
 * brought back to the page and the scroll position the author was at. */
(function () {
  "use strict";

  /** @typedef {import("../lms").ScoEntry} ScoEntry */
  /** @typedef {import("../lms").SiteData} SiteData */
  /** @typedef {import("../lms").BuildStatus} BuildStatus */
  /** @typedef {import("../lms").CourseInfo} CourseInfo */

  /** An element of lms.html, which has them all. @param {string} id @returns {HTMLElement} */
  var $ = function (id) {
    var el = document.getElementById(id);
    if (!el) throw new Error("lms.html has no #" + id);
    return el;
  };
  /** One of the page's choices (language, mode, credit, SCO). @param {string} id */
  var choice = function (id) { return /** @type {HTMLSelectElement} */ ($(id)); };
  /** Shows a choice (with its label) only when there is something to choose.
   * @param {HTMLSelectElement} select @param {boolean} hidden */
  var hide = function (select, hidden) { if (select.parentElement) select.parentElement.hidden = hidden; };
  /** @type {CourseInfo} */
  var course = { id: "course", title: "", languages: [], mastery_score: null };
  /** @type {ScoEntry[]} */
  var scos = [];
  /** @type {import("../lms").PreviewSession | null} */
  var session = null;
  var version = 0;

  function storeKey() { return "scormbuild-preview:" + course.id + ":" + choice("language").value; }

  /** What the site stored for this course and language, or null. @returns {SiteData | null} */
  function loadData() {
    try {
      var saved = JSON.parse(localStorage.getItem(storeKey()) || "null");
      if (saved && typeof saved === "object" && saved.attempts) return saved;
    } catch (e) { /* a corrupt entry starts afresh */ }
    return null;
  }

  function saveData() {
    if (!session) return;
    try { localStorage.setItem(storeKey(), JSON.stringify(session.site.data())); } catch (e) { /* full */ }
  }

  /* ---- the log and the values panel ---- */

  /** @param {string} text @param {string} [cls] */
  function log(text, cls) {
    var li = document.createElement("li");
    li.textContent = text;
    if (cls) li.className = cls;
    $("call-log").appendChild(li);
    li.scrollIntoView({ block: "nearest" });
  }

  function showValues() {
    var body = /** @type {HTMLTableElement} */ ($("cmi-values")).tBodies[0];
    body.textContent = "";
    /** @type {string[][]} */
    var rows = [];
    if (session) {
      var cmi = session.api.cmi();
      Object.keys(cmi).sort().forEach(function (k) { rows.push([k, cmi[k]]); });
      var grade = session.site.grade(), done = session.site.completion();
      rows.push(["(Moodle) mode, attempt", session.player.mode + ", " + session.player.attempt]);
      rows.push(["(Moodle) grade", grade === null ? "none" : String(grade)]);
      rows.push(["(Moodle) completion", done === null ? "not tracked" : done]);
    }
    rows.forEach(function (row) {
      var tr = document.createElement("tr");
      var th = document.createElement("th");
      var td = document.createElement("td");
      th.textContent = row[0];
      td.textContent = row[1];
      td.setAttribute("data-key", row[0]);
      tr.appendChild(th);
      tr.appendChild(td);
      body.appendChild(tr);
    });
  }

  /* The one API object the course finds: it serves the SCO in the frame, and logs. */
  var QUIET = ["LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"];
  var relay = /** @type {import("../lms").ScormCalls} */ ({});
  window.API = relay;
  /** @type {import("../lms").ApiName[]} */
  var names = ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSGetLastError",
    "LMSGetErrorString", "LMSGetDiagnostic"];
  names.forEach(function (name) {
    relay[name] = function () {
      /** @type {unknown[]} */
      var args = [].slice.call(arguments);
      if (!session) return name === "LMSGetValue" ? "" : "false";
      /** @type {import("../lms").ScormCalls} */
      var calls = session.api;
      var result = calls[name].apply(null, args);
      if (QUIET.indexOf(name) < 0) {
        var error = session.api.LMSGetLastError();
        var text = name + "(" + args.map(function (a) { return JSON.stringify(String(a)); }).join(", ") +
          ") → " + JSON.stringify(result);
        log(error !== "0" ? text + "  [" + error + " " + session.api.LMSGetErrorString(error) + "]" : text,
          error !== "0" ? "err" : "");
      }
      if (name === "LMSFinish") session.finished = true;
      if (name === "LMSCommit" || name === "LMSFinish") saveData();
      if (name !== "LMSGetValue") showValues();
      return result;
    };
  });

  /* ---- launching and closing ---- */

  /** @param {string} path */
  function courseUrl(path) {
    return "/course/" + encodeURIComponent(choice("language").value) + "/" + path;
  }

  /** Closes the course as leaving the activity does. @param {string} reason
   * @returns {Promise<void>} */
  function close(reason) {
    // Resolves once the course page has unloaded, so that its own LMSFinish still reaches
    // this session; its saves then arrive as Moodle's beacons do.
    var frame = $("sco-frame");
    var done = function () {
      if (session) {
        if (!session.finished) log("LMS: the course did not call LMSFinish; its unsaved data is lost", "err");
        session.player.flush();
        saveData();
      }
      session = null;
      $("closed-note").hidden = false;
      showValues();
    };
    if (frame.getAttribute("src") === "about:blank") { done(); return Promise.resolve(); }
    log("LMS: closing the course (" + reason + ")", "lms");
    if (session) session.player.beacons();
    return new Promise(/** @param {(value?: void) => void} resolve */ function (resolve) {
      var finished = false;
      var finish = function () {
        if (finished) return;
        finished = true;
        frame.removeEventListener("load", finish);
        done();
        resolve();
      };
      frame.addEventListener("load", finish);
      setTimeout(finish, 1500);
      frame.setAttribute("src", "about:blank");
    });
  }

  function launch() {
    if (!scos.length) return;
    var site = window.SBLmsSite.site({ scos: scos, data: loadData(), user: { id: "preview", name: "Learner, Preview" } });
    var wanted = choice("lesson-mode").value;
    var decided = site.checkMode(wanted === "browse" ? "browse" : "normal", false);
    // Moodle opens review by itself once the attempt is over; here it can also be asked for.
    if (wanted === "review") decided = { attempt: decided.attempt, mode: "review" };
    var credit = choice("credit").value;
    var player = window.SBLmsApi.player(site, decided, credit === "no-credit" ? { credit: credit } : {});
    var chosen = choice("sco").value ? scos.filter(function (s) { return s.identifier === choice("sco").value; })[0] : null;
    var sco = chosen || site.firstSco(decided.attempt, decided.mode);
    session = { site: site, player: player, api: player.api(sco.identifier), identifier: sco.identifier, finished: false };
    $("closed-note").hidden = true;
    log("LMS: launch " + sco.href + " (" + decided.mode + " mode, attempt " + decided.attempt + ")", "lms");
    $("sco-frame").setAttribute("src", courseUrl(sco.href) + (sco.href.indexOf("?") < 0 ? "?" : "&") + "build=" + version);
    showValues();
  }

  /* ---- the author's place across rebuilds ---- */

  /** @typedef {{path: string, y: number, inner: number}} Spot */

  /** The window of the SCO the preview shows. @returns {Window | null} */
  function scoWindow() { return /** @type {HTMLIFrameElement} */ ($("sco-frame")).contentWindow; }

  /** The launch page's frame for its module pages, when `win` is a launch page.
   * @param {Window | null} win @returns {HTMLIFrameElement | null} */
  function frameIn(win) {
    return win ? /** @type {HTMLIFrameElement | null} */ (win.document.getElementById("sb-frame")) : null;
  }

  /* The page the author is reading and how far down: the SCO's window scrolls (the launch
   * page, whose frame grows with its module page, or a module page that is the SCO) and so may
   * the module page in the launch page's frame. The preview serves the course from this page's
   * origin, so their windows can be read. @returns {Spot | null} */
  function place() {
    try {
      var sco = scoWindow();
      var host = frameIn(sco);
      var shown = host ? host.contentWindow : sco;
      if (!sco || !shown || shown.location.protocol === "about:") return null;
      return { path: shown.location.pathname, y: sco.scrollY, inner: host ? shown.scrollY : 0 };
    } catch (e) { return null; }
  }

  /* Brings the relaunched course back to `spot`: once the launch page has settled on its
   * first page (it may open the cover page, or the page saved before, a moment after it
   * loads), opens the page of `spot` if that is another, then scrolls to where the author was,
   * again if that page is loaded anew within a second; then leaves the page to the author. A
   * page that the edit made shorter is scrolled as far as it goes. Gives up after 10 s. */
  var restoring = 0;
  /** @param {Spot | null} spot */
  function restore(spot) {
    window.clearInterval(restoring);
    if (!spot) return;
    var ticks = 0, settling = 0, waited = 0, stable = 0, opened = false;
    /** @type {Document | null} */
    var placed = null;
    var timer = restoring = window.setInterval(function () {
      if (++ticks > 100 || stable >= 10) { window.clearInterval(timer); return; }
      try {
        var sco = scoWindow();
        var host = frameIn(sco);
        var shown = host ? host.contentWindow : sco;
        if (!sco || !shown || !spot) return;
        if (sco.document.readyState !== "complete" || shown.document.readyState !== "complete") return;
        if (placed === shown.document) { stable++; return; }
        if (shown.location.pathname !== spot.path) {
          // Once placed, the author may have moved on; before, the launch page may still.
          if (placed) { window.clearInterval(timer); return; }
          if (host && !opened && ++settling >= 10) {
            opened = true;
            shown.location.replace(spot.path);
          }
          return;
        }
        // The launch page's frame grows to its page's height just after the page loads.
        var room = sco.document.documentElement.scrollHeight - sco.innerHeight;
        if (room < spot.y && ++waited < 10) return;
        sco.scrollTo(0, spot.y);
        if (host) shown.scrollTo(0, spot.inner);
        placed = shown.document;
        opened = true;
        stable = 0;
      } catch (e) { /* a page between two documents: the next tick looks again */ }
    }, 100);
  }

  var busy = Promise.resolve();

  /** @param {string} reason */
  function relaunch(reason) {
    // Serialised: a rebuild during a reset must not launch the course twice.
    busy = busy.then(function () {
      var spot = reason === "rebuilt" ? place() : null;
      return close(reason).then(launch).then(function () { restore(spot); });
    });
    return busy;
  }

  function loadScos() {
    return fetch(courseUrl("imsmanifest.xml"), { cache: "no-store" })
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (xml) {
        var doc = new DOMParser().parseFromString(xml, "application/xml");
        /** @type {Record<string, string>} */
        var resources = {};
        Array.prototype.forEach.call(doc.getElementsByTagName("resource"), function (r) {
          resources[r.getAttribute("identifier") || ""] = r.getAttribute("href") || "";
        });
        /** @type {ScoEntry[]} */
        var found = [];
        Array.prototype.forEach.call(doc.getElementsByTagName("item"), function (item) {
          var ref = item.getAttribute("identifierref");
          var title = item.getElementsByTagName("title")[0];
          var mastery = item.getElementsByTagName("adlcp:masteryscore")[0];
          if (ref && resources[ref]) {
            found.push({ identifier: item.getAttribute("identifier") || "", href: resources[ref],
              title: title ? title.textContent : ref, mastery: mastery ? +mastery.textContent : null });
          }
        });
        var select = choice("sco");
        var previous = select.value;
        select.textContent = "";
        var first = document.createElement("option");
        first.value = "";
        first.textContent = "As Moodle picks";
        select.appendChild(first);
        found.forEach(function (s) {
          var opt = document.createElement("option");
          opt.value = s.identifier;
          opt.textContent = s.title;
          select.appendChild(opt);
        });
        if (found.some(function (s) { return s.identifier === previous; })) select.value = previous;
        hide(select, found.length < 2);
        scos = found;
      });
  }

  /** @param {BuildStatus} status */
  function showStatus(status) {
    var badge = $("build-status");
    badge.className = "badge " + (status.ok ? "ok" : "failed");
    badge.textContent = status.ok ? "build " + status.version + " ok (" + status.millis + " ms)"
      : "build " + status.version + " failed";
    $("build-error").hidden = status.ok;
    $("build-error-text").textContent = status.ok ? "" : status.message;
    if (status.course && status.course.id) {
      course = status.course;
      $("course-title").textContent = course.title;
      document.title = course.title + " – scormbuild preview";
    }
    var select = choice("language");
    var langs = status.languages || [];
    if (select.options.length !== langs.length) {
      select.textContent = "";
      langs.forEach(function (l) {
        var opt = document.createElement("option");
        opt.value = opt.textContent = l;
        select.appendChild(opt);
      });
      if (course.languages && course.languages.length) select.value = course.languages[0];
    }
    hide(select, langs.length < 2);
  }

  /* One look at the build at a time, the launch it decides on included: the event stream's
   * first message and its opening both ask at the start, and a second look taken before the
   * first had launched the course would find no session and launch it again. A look asked for
   * meanwhile is taken once the current one is done. */
  /** @type {Promise<void> | null} */
  var looking = null;
  var askedAgain = false;

  /** @returns {Promise<void>} */
  function refresh() {
    if (looking) { askedAgain = true; return looking; }
    var done = function () {
      looking = null;
      if (askedAgain) { askedAgain = false; refresh(); }
    };
    looking = fetch("/_preview/status", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(/** @param {BuildStatus} status */ function (status) {
        var changed = status.version !== version;
        version = status.version;
        showStatus(status);
        var stale = status.ok && status.languages.length > 0 && (changed || !session);
        return stale ? loadScos().then(function () { return relaunch("rebuilt"); }) : undefined;
      })
      .then(done, done);
    return looking;
  }

  function listen() {
    if (!window.EventSource) { setInterval(refresh, 1000); return; }
    var events = new EventSource("/_preview/events");
    events.addEventListener("version", function (e) { if (+e.data !== version) refresh(); });
    events.onerror = function () {
      $("build-status").className = "badge failed";
      $("build-status").textContent = "server stopped? retrying…";
    };
    events.onopen = function () { refresh(); };
  }

  $("close").addEventListener("click", function () { busy = busy.then(function () { return close("Close"); }); });
  $("resume").addEventListener("click", function () { busy = busy.then(function () { if (!session) launch(); }); });
  $("reset").addEventListener("click", function () {
    busy = busy.then(function () { return close("reset"); }).then(function () {
      try { localStorage.removeItem(storeKey()); } catch (e) { /* nothing stored */ }
      log("LMS: attempt reset", "lms");
      launch();
    });
  });
  ["lesson-mode", "credit", "sco", "language"].forEach(function (id) {
    $(id).addEventListener("change", function () {
      var next = id === "language" ? loadScos() : Promise.resolve();
      next.then(function () { relaunch(id + " changed"); });
    });
  });
  $("clear-log").addEventListener("click", function () { $("call-log").textContent = ""; });

  showValues();
  listen();
})();
