/*
 * The browser tests' host for the test LMS: a page that plays Moodle's SCORM player around one
 * SCO. The LMS itself is the preview's (src/scormbuild/preview/static/lms-site.js and
 * lms-api.js, served here under /static/): one model of Moodle for both.
 *
 * Configuration: `window.__lmsConfig` (set by an init script) or `lms.html?config=<JSON>`:
 *   {sco: URL to open in the frame (default: base + the href of the SCO Moodle picks),
 *    base: the package's URL, identifier: the SCO's item identifier (default: Moodle's pick),
 *    scos: [{identifier, title, href, mastery}], settings: {mod_scorm fields},
 *    data: what the site stored before (see lms-site.js), mode: "normal" | "browse" | "review",
 *    newattempt: bool, options: {noApi, commitFails, setFails, reorder, credit, standards}}
 *
 * window.lms: snapshot(), counts(), unloadSco() -> Promise, switchSco(identifier, url) -> Promise
 * (a pick in Moodle's table of contents: from then on saves are beacons), flush() (the beacons
 * arrive), setOptions(obj), config.
 */
(function () {
  "use strict";

  const raw = new URLSearchParams(window.location.search).get("config");
  const config = raw ? JSON.parse(raw) : window.__lmsConfig || {};
  const options = Object.assign({}, config.options || {});
  const site = window.SBLmsSite.site({
    scos: config.scos || [],
    settings: config.settings || {},
    data: config.data,
    user: config.user,
  });
  const launch = site.checkMode(config.mode || "normal", Boolean(config.newattempt));
  const chosen = config.identifier || (site.firstSco(launch.attempt, launch.mode) || {}).identifier;
  const player = window.SBLmsApi.player(site, launch, options);
  let current = null;
  let scoUnloaded = false;
  let scoLoads = 0;

  function setStatus(text) {
    const el = document.getElementById("lms-status");
    if (el) {
      el.textContent = text;
    }
  }

  /* The SCO in the frame: Moodle initialises its data model anew at each LMSInitialize. */
  function select(identifier) {
    current = { identifier, api: player.api(identifier) };
    return current;
  }

  /* Nested as a CMI tree: "cmi.core.score.raw" -> {core: {score: {raw}}}. */
  function nest(flat) {
    const out = {};
    Object.keys(flat).forEach((key) => {
      const parts = key.replace(/_(\d+)\./g, ".$1.").split(".").slice(1);
      let node = out;
      parts.slice(0, -1).forEach((p) => {
        node[p] = node[p] || {};
        node = node[p];
      });
      node[parts[parts.length - 1]] = flat[key];
    });
    return out;
  }

  function stored(identifier) {
    const base = {
      "cmi.core.lesson_status": "", "cmi.core.lesson_location": "", "cmi.core.exit": "",
      "cmi.core.score.raw": "", "cmi.core.score.min": "", "cmi.core.score.max": "",
      "cmi.core.total_time": "00:00:00", "cmi.suspend_data": "",
    };
    return nest(Object.assign(base, site.tracks(launch.attempt, identifier) || {}));
  }

  function counts() {
    const c = current ? current.api.counts : { initialize: 0, finish: 0, commit: 0 };
    return {
      initializeCount: c.initialize,
      finishCount: c.finish,
      commitCount: c.commit,
      callCount: player.log.length,
      scoLoads,
    };
  }

  function snapshot() {
    const c = counts();
    return {
      cmi: current ? nest(current.api.cmi()) : null,
      persisted: current ? stored(current.identifier) : null,
      data: site.data(),
      calls: JSON.parse(JSON.stringify(player.log)),
      violations: JSON.parse(JSON.stringify(player.violations)),
      initializeCount: c.initializeCount,
      finishCount: c.finishCount,
      commitCount: c.commitCount,
      finishedOnce: c.finishCount === 1,
      scoUnloaded,
      mode: launch.mode,
      attempt: launch.attempt,
      identifier: current && current.identifier,
      grade: site.grade(),
      completion: site.completion(),
      options: JSON.parse(JSON.stringify(options)),
    };
  }

  /* Moodle's one API object: it serves the SCO in the frame. */
  function forward(name) {
    return (...args) => current.api[name](...args);
  }

  function load(url) {
    const frame = document.createElement("iframe");
    frame.id = "scorm_object";
    frame.name = "scorm_object";
    frame.title = "Course";
    frame.addEventListener("load", () => {
      scoLoads += 1;
    });
    frame.src = url;
    document.getElementById("lms-player").appendChild(frame);
  }

  function unloadSco() {
    const frame = document.getElementById("scorm_object");
    if (!frame) {
      scoUnloaded = true;
      return Promise.resolve();
    }
    // Leaving the page: Moodle's saves go out as beacons and arrive in any order.
    player.beacons();
    return new Promise((resolve) => {
      frame.addEventListener(
        "load",
        () => {
          frame.remove();
          scoUnloaded = true;
          player.flush();
          setStatus("unloaded");
          resolve();
        },
        { once: true },
      );
      frame.src = "about:blank";
    });
  }

  function switchSco(identifier, url) {
    return unloadSco().then(() => {
      player.beacons();
      scoUnloaded = false;
      select(identifier);
      load(url);
    });
  }

  if (chosen) {
    select(chosen);
  }
  if (!options.noApi) {
    window.API = {};
    ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSGetLastError",
      "LMSGetErrorString", "LMSGetDiagnostic"].forEach((name) => {
      window.API[name] = forward(name);
    });
  }
  window.lms = {
    config,
    snapshot,
    counts,
    unloadSco,
    switchSco,
    flush: () => player.flush(),
    setOptions: (changes) => Object.assign(options, changes || {}),
  };
  const sco = (config.scos || []).filter((s) => s.identifier === chosen)[0];
  const url = config.sco || (sco && config.base ? config.base + sco.href : null);
  if (url) {
    load(url);
    setStatus(`launched ${chosen} (${launch.mode}, attempt ${launch.attempt})`);
  }
})();
