/* scormbuild preview: a test LMS with a simulated SCORM 1.2 API (window.API).
 *
 * The attempt is kept in localStorage per course, language and SCO, so "Close" and
 * "Resume" behave like leaving and re-entering a course in an LMS. Every API call is logged
 * in the panel with its result and error code. Rebuilds arrive as Server-Sent Events; the
 * course is then closed and relaunched, as a learner who reopens it would see it. */
(function () {
  "use strict";

  var ERRORS = {
    "0": "No error", "101": "General exception", "201": "Invalid argument error",
    "202": "Element cannot have children", "203": "Element not an array - cannot have count",
    "301": "Not initialized", "401": "Not implemented error",
    "402": "Invalid set value, element is a keyword", "403": "Element is read only",
    "404": "Element is write only", "405": "Incorrect data type"
  };
  var CHILDREN = {
    "cmi.core._children": "student_id,student_name,lesson_location,credit,lesson_status,entry," +
      "score,total_time,lesson_mode,exit,session_time",
    "cmi.core.score._children": "raw,min,max",
    "cmi.objectives._children": "id,score,status",
    "cmi.interactions._children": "id,objectives,time,type,correct_responses,weighting," +
      "student_response,result,latency",
    "cmi.student_data._children": "mastery_score,max_time_allowed,time_limit_action",
    "cmi.student_preference._children": "audio,language,speed,text"
  };
  var READ_ONLY = ["cmi.core.student_id", "cmi.core.student_name", "cmi.core.credit",
    "cmi.core.entry", "cmi.core.total_time", "cmi.core.lesson_mode", "cmi.launch_data",
    "cmi.student_data.mastery_score", "cmi.student_data.max_time_allowed",
    "cmi.student_data.time_limit_action", "cmi._version"];
  var WRITE_ONLY = ["cmi.core.exit", "cmi.core.session_time"];
  var STATUS = ["passed", "completed", "failed", "incomplete", "browsed"];
  var DECIMAL = /^-?\d{1,10}(\.\d{1,10})?$/;
  var TIMESPAN = /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/;
  var INTERACTION_TYPES = ["true-false", "choice", "fill-in", "matching", "performance",
    "sequencing", "likert", "numeric"];
  var RESULTS = ["correct", "wrong", "unanticipated", "neutral"];

  var $ = function (id) { return document.getElementById(id); };
  var course = { id: "course", title: "", languages: [], mastery_score: null };
  var scos = [];  // [{id, title, href}]
  var session = null;  // {initialized, finished, cmi, dirty}
  var version = 0;

  function storeKey() {
    return "scormbuild-preview:" + course.id + ":" + $("language").value + ":" + $("sco").value;
  }

  function freshData() {
    return {
      "cmi.core.student_id": "preview", "cmi.core.student_name": "Learner, Preview",
      "cmi.core.lesson_location": "", "cmi.core.lesson_status": "not attempted",
      "cmi.core.entry": "ab-initio", "cmi.core.score.raw": "", "cmi.core.score.min": "",
      "cmi.core.score.max": "", "cmi.core.total_time": "0000:00:00.00",
      "cmi.suspend_data": "", "cmi.launch_data": "", "cmi.comments": "",
      "cmi.comments_from_lms": "", "cmi._version": "3.4",
      "cmi.student_data.mastery_score":
        course.mastery_score === null || course.mastery_score === undefined
          ? "" : String(course.mastery_score),
      "cmi.student_data.max_time_allowed": "", "cmi.student_data.time_limit_action": "",
      "cmi.student_preference.audio": "0", "cmi.student_preference.language": "",
      "cmi.student_preference.speed": "0", "cmi.student_preference.text": "0"
    };
  }

  function loadData() {
    try {
      var saved = JSON.parse(localStorage.getItem(storeKey()) || "null");
      if (saved && typeof saved === "object") return saved;
    } catch (e) { /* a corrupt entry starts a new attempt */ }
    return freshData();
  }

  function saveData(data) {
    try { localStorage.setItem(storeKey(), JSON.stringify(data)); } catch (e) { /* full */ }
  }

  /* ---- the log and the values panel ---- */

  function log(text, cls) {
    var li = document.createElement("li");
    li.textContent = text;
    if (cls) li.className = cls;
    $("call-log").appendChild(li);
    li.scrollIntoView({ block: "nearest" });
  }

  function showValues() {
    var body = $("cmi-values").tBodies[0];
    body.textContent = "";
    var data = session ? session.cmi : loadData();
    var extra = session ? { "(session) cmi.core.exit": data["cmi.core.exit"] || "",
      "(session) cmi.core.session_time": data["cmi.core.session_time"] || "" } : {};
    var keys = Object.keys(data).filter(function (k) { return WRITE_ONLY.indexOf(k) < 0; });
    keys.sort();
    var rows = keys.map(function (k) { return [k, data[k]]; });
    Object.keys(extra).forEach(function (k) { rows.push([k, extra[k]]); });
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

  /* ---- the SCORM 1.2 API ---- */

  var lastError = "0";

  function fail(code) { lastError = code; return code; }

  function arrayInfo(element) {
    // cmi.interactions.3.id -> {array: "cmi.interactions", index: 3, rest: "id"}
    var m = /^(cmi\.(?:interactions|objectives))\.(\d+)\.(.+)$/.exec(element);
    if (!m) return null;
    var sub = /^(objectives|correct_responses)\.(\d+)\.(.+)$/.exec(m[3]);
    return { array: m[1], index: +m[2], rest: m[3], sub: sub };
  }

  function count(data, prefix) {
    var n = 0;
    while (Object.keys(data).some(function (k) { return k.indexOf(prefix + n + ".") === 0; })) n++;
    return n;
  }

  function getValue(element) {
    var data = session.cmi;
    if (CHILDREN[element]) return CHILDREN[element];
    if (/\._children$/.test(element)) return fail("202");
    if (element === "cmi.interactions._count") return String(count(data, "cmi.interactions."));
    if (element === "cmi.objectives._count") return String(count(data, "cmi.objectives."));
    var sub = /^(cmi\.interactions\.\d+\.(?:objectives|correct_responses))\._count$/.exec(element);
    if (sub) return String(count(data, sub[1] + "."));
    if (/\._count$/.test(element)) return fail("203");
    if (WRITE_ONLY.indexOf(element) >= 0) return fail("404");
    var info = arrayInfo(element);
    if (info && info.array === "cmi.interactions") return fail("404");
    if (Object.prototype.hasOwnProperty.call(data, element)) return data[element];
    if (info) return "";  // an objective field not yet set
    return fail("201");
  }

  function checkValue(element, value) {
    var rest = element.replace(/^cmi\.interactions\.\d+\./, "interaction.")
      .replace(/^cmi\.objectives\.\d+\./, "objective.");
    switch (rest) {
      case "cmi.core.lesson_status":
        return STATUS.indexOf(value) >= 0 ? null : "405";
      case "cmi.core.exit":
        return ["", "time-out", "suspend", "logout"].indexOf(value) >= 0 ? null : "405";
      case "cmi.core.score.raw": case "cmi.core.score.min": case "cmi.core.score.max":
      case "objective.score.raw": case "objective.score.min": case "objective.score.max":
        if (value === "") return null;
        return DECIMAL.test(value) && +value >= 0 && +value <= 100 ? null : "405";
      case "cmi.core.session_time": case "interaction.latency":
        return TIMESPAN.test(value) ? null : "405";
      case "cmi.core.lesson_location":
        return value.length <= 255 ? null : "405";
      case "cmi.suspend_data":
        return value.length <= 4096 ? null : "405";
      case "cmi.comments":
        return value.length <= 4096 ? null : "405";
      case "interaction.type":
        return INTERACTION_TYPES.indexOf(value) >= 0 ? null : "405";
      case "interaction.result":
        return RESULTS.indexOf(value) >= 0 || DECIMAL.test(value) ? null : "405";
      case "interaction.weighting":
        return DECIMAL.test(value) ? null : "405";
      case "interaction.student_response":
        return value.length <= 255 ? null : "405";
      case "interaction.time":
        return /^\d{2}:\d{2}:\d{2}(\.\d{1,2})?$/.test(value) ? null : "405";
      case "interaction.id": case "objective.id":
        return /^[^\s]{1,255}$/.test(value) ? null : "405";
      case "objective.status":
        return STATUS.concat(["not attempted"]).indexOf(value) >= 0 ? null : "405";
      default:
        return null;
    }
  }

  function setValue(element, value) {
    var data = session.cmi;
    value = String(value);
    if (/\._(children|count|version)$/.test(element)) return fail("402");
    if (READ_ONLY.indexOf(element) >= 0) return fail("403");
    var info = arrayInfo(element);
    var known = Object.prototype.hasOwnProperty.call(data, element) ||
      WRITE_ONLY.indexOf(element) >= 0 || element === "cmi.comments";
    if (!known && !info) return fail("201");
    if (info) {
      // Arrays are filled in order: index n may be written only when 0..n-1 exist.
      if (info.index > count(data, info.array + ".")) return fail("201");
      if (info.sub) {
        var parent = info.array + "." + info.index + "." + info.sub[1];
        if (+info.sub[2] > count(data, parent + ".")) return fail("201");
      }
    }
    var bad = checkValue(element, value);
    if (bad) return fail(bad);
    data[element] = value;
    session.dirty = true;
    return null;
  }

  function addTime(total, span) {
    function secs(t) {
      var p = t.split(":");
      return (+p[0]) * 3600 + (+p[1]) * 60 + parseFloat(p[2]);
    }
    var s = secs(total) + (TIMESPAN.test(span) ? secs(span) : 0);
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s - h * 3600 - m * 60;
    function pad(n, w) { n = String(n); while (n.length < w) n = "0" + n; return n; }
    return pad(h, 4) + ":" + pad(m, 2) + ":" + pad(r.toFixed(2), 5);
  }

  function persist(finishing) {
    var data = session.cmi;
    if (data["cmi.core.lesson_mode"] === "review") {
      log("review mode: nothing is recorded", "lms");
      return;
    }
    var saved = {};
    Object.keys(data).forEach(function (k) {
      if (WRITE_ONLY.indexOf(k) < 0 && k !== "cmi.core.lesson_mode" && k !== "cmi.core.credit") {
        saved[k] = data[k];
      }
    });
    if (finishing) {
      saved["cmi.core.total_time"] = addTime(data["cmi.core.total_time"],
        data["cmi.core.session_time"] || "");
      // SCORM 1.2: the next launch resumes only if the SCO asked to be suspended.
      saved["cmi.core.entry"] = data["cmi.core.exit"] === "suspend" ? "resume" : "";
      if (data["cmi.core.lesson_mode"] === "browse" &&
          data["cmi.core.lesson_status"] === "not attempted") {
        saved["cmi.core.lesson_status"] = "browsed";
      }
    }
    saveData(saved);
  }

  function call(name, args, fn) {
    lastError = "0";
    var result;
    if (name !== "LMSInitialize" && name.indexOf("LMSGet") !== 0 &&
        (!session || !session.initialized || session.finished)) {
      result = "false";
      lastError = "301";
    } else if (name === "LMSGetValue" || name === "LMSSetValue") {
      if (!session || !session.initialized || session.finished) {
        lastError = "301";
        result = name === "LMSGetValue" ? "" : "false";
      } else {
        result = fn();
      }
    } else {
      result = fn();
    }
    var shown = args.map(function (a) { return JSON.stringify(String(a)); }).join(", ");
    var text = name + "(" + shown + ") → " + JSON.stringify(result);
    if (lastError !== "0") text += "  [" + lastError + " " + ERRORS[lastError] + "]";
    if (name.indexOf("LMSGetLast") !== 0 && name.indexOf("LMSGetError") !== 0 &&
        name.indexOf("LMSGetDiag") !== 0) {
      log(text, lastError !== "0" ? "err" : "");
    }
    if (name !== "LMSGetValue") showValues();
    return result;
  }

  window.API = {
    LMSInitialize: function (arg) {
      return call("LMSInitialize", [arg], function () {
        if (arg !== "" && arg !== undefined) return fail("201") && "false";
        if (!session || session.initialized) return fail("101") && "false";
        session.initialized = true;
        return "true";
      });
    },
    LMSFinish: function (arg) {
      return call("LMSFinish", [arg], function () {
        if (arg !== "" && arg !== undefined) return fail("201") && "false";
        persist(true);
        session.finished = true;
        return "true";
      });
    },
    LMSGetValue: function (element) {
      return call("LMSGetValue", [element], function () {
        var v = getValue(String(element));
        return lastError === "0" ? v : "";
      });
    },
    LMSSetValue: function (element, value) {
      return call("LMSSetValue", [element, value], function () {
        return setValue(String(element), value) === null ? "true" : "false";
      });
    },
    LMSCommit: function (arg) {
      return call("LMSCommit", [arg], function () {
        if (arg !== "" && arg !== undefined) return fail("201") && "false";
        persist(false);
        return "true";
      });
    },
    LMSGetLastError: function () { return lastError; },
    LMSGetErrorString: function (code) { return ERRORS[String(code)] || ""; },
    LMSGetDiagnostic: function (code) {
      return ERRORS[String(code || lastError)] || "";
    }
  };

  /* ---- launching and closing ---- */

  function courseUrl(path) {
    return "/course/" + encodeURIComponent($("language").value) + "/" + path;
  }

  function close(reason) {
    // Resolves once the course page has unloaded, so that its own LMSFinish (usually in an
    // unload handler) still reaches this session, as in a real LMS.
    var frame = $("sco-frame");
    var done = function () {
      if (session && session.initialized && !session.finished) {
        log("LMS: the course did not call LMSFinish; its unsaved data is lost", "err");
      }
      session = null;
      $("closed-note").hidden = false;
      showValues();
    };
    if (frame.getAttribute("src") === "about:blank") {
      done();
      return Promise.resolve();
    }
    log("LMS: closing the course (" + reason + ")", "lms");
    return new Promise(function (resolve) {
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
    var sco = scos.filter(function (s) { return s.id === $("sco").value; })[0] || scos[0];
    if (!sco) return;
    var data = loadData();
    data["cmi.core.lesson_mode"] = $("lesson-mode").value;
    data["cmi.core.credit"] = $("credit").value;
    session = { initialized: false, finished: false, cmi: data, dirty: false };
    $("closed-note").hidden = true;
    log("LMS: launch " + sco.href + " (entry=" + JSON.stringify(data["cmi.core.entry"]) +
      ", mode=" + data["cmi.core.lesson_mode"] + ", credit=" + data["cmi.core.credit"] + ")",
      "lms");
    $("sco-frame").setAttribute("src", courseUrl(sco.href) + (sco.href.indexOf("?") < 0 ?
      "?" : "&") + "build=" + version);
    showValues();
  }

  var busy = Promise.resolve();

  function relaunch(reason) {
    // Serialised: a rebuild during a reset must not launch the course twice.
    busy = busy.then(function () { return close(reason); }).then(launch);
    return busy;
  }

  function loadScos() {
    return fetch(courseUrl("imsmanifest.xml"), { cache: "no-store" })
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (xml) {
        var doc = new DOMParser().parseFromString(xml, "application/xml");
        var resources = {};
        Array.prototype.forEach.call(doc.getElementsByTagName("resource"), function (r) {
          resources[r.getAttribute("identifier")] = r.getAttribute("href");
        });
        var found = [];
        Array.prototype.forEach.call(doc.getElementsByTagName("item"), function (item) {
          var ref = item.getAttribute("identifierref");
          var title = item.getElementsByTagName("title")[0];
          if (ref && resources[ref]) {
            found.push({ id: item.getAttribute("identifier"), href: resources[ref],
              title: title ? title.textContent : ref });
          }
        });
        var select = $("sco");
        var previous = select.value;
        select.textContent = "";
        found.forEach(function (s) {
          var opt = document.createElement("option");
          opt.value = s.id;
          opt.textContent = s.title;
          select.appendChild(opt);
        });
        if (found.some(function (s) { return s.id === previous; })) select.value = previous;
        select.parentNode.hidden = found.length < 2;
        scos = found;
      });
  }

  function showStatus(status) {
    var badge = $("build-status");
    badge.className = "badge " + (status.ok ? "ok" : "failed");
    badge.textContent = status.ok ? "build " + status.version + " ok (" + status.millis + " ms)"
      : "build " + status.version + " failed";
    var box = $("build-error");
    box.hidden = status.ok;
    $("build-error-text").textContent = status.ok ? "" : status.message;
    if (status.course && status.course.id) {
      course = status.course;
      $("course-title").textContent = course.title;
      document.title = course.title + " – scormbuild preview";
    }
    var select = $("language");
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
    select.parentNode.hidden = langs.length < 2;
  }

  function refresh() {
    return fetch("/_preview/status", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (status) {
        var changed = status.version !== version;
        version = status.version;
        showStatus(status);
        if (!status.ok || !status.languages.length) return;
        if (changed || !session) {
          return loadScos().then(function () { relaunch("rebuilt"); });
        }
      });
  }

  function listen() {
    if (!window.EventSource) { setInterval(refresh, 1000); return; }
    var events = new EventSource("/_preview/events");
    events.addEventListener("version", function (e) {
      if (+e.data !== version) refresh();
    });
    events.onerror = function () {
      $("build-status").className = "badge failed";
      $("build-status").textContent = "server stopped? retrying…";
    };
    events.onopen = function () { refresh(); };
  }

  $("close").addEventListener("click", function () {
    busy = busy.then(function () { return close("Close"); });
  });
  $("resume").addEventListener("click", function () {
    busy = busy.then(function () { if (!session) launch(); });
  });
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
