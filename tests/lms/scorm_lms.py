"""Python side of the test LMS: a local HTTP server and a Playwright session helper.

The LMS is the preview's model of Moodle (``src/scormbuild/preview/static/lms-site.js`` and
``lms-api.js``, served under ``/static/``); ``lms.html`` + ``lms.js`` here host it around one
SCO. This module serves them with extracted packages and drives them from the tests. What the
site stored is kept here between launches (``LmsSession.data``), as Moodle's database would.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import tempfile
import threading
import time
import urllib.parse
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Frame, Page, Route

LMS_DIR = Path(__file__).resolve().parent
FAKE_SCO_DIR = LMS_DIR / "fake-sco"
STATIC_DIR = LMS_DIR.parents[1] / "src" / "scormbuild" / "preview" / "static"
MODEL_JS = (STATIC_DIR / "lms-site.js", STATIC_DIR / "lms-api.js")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
SCO_FRAME_NAME = "scorm_object"

MIME_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".xml": "application/xml",
    ".xsd": "application/xml",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".vtt": "text/vtt; charset=utf-8",
    ".mp4": "video/mp4",
    ".m4v": "video/mp4",
    ".webm": "video/webm",
    ".ogv": "video/ogg",
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".ogg": "audio/ogg",
    ".oga": "audio/ogg",
    ".wav": "audio/wav",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".pdf": "application/pdf",
}


def find_chromium() -> str:
    """Return the system Chromium (env CHROMIUM first); raise if there is none."""
    env = os.environ.get("CHROMIUM")
    candidates = [env] if env else []
    candidates += list(CHROMIUM_CANDIDATES)
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            candidates.append(found)
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    raise RuntimeError(
        "No Chromium found for the browser tests: looked at $CHROMIUM, "
        + ", ".join(CHROMIUM_CANDIDATES)
        + " and PATH. Install it with `sh scripts/install-chromium.sh` "
        "(or `apt-get install -y chromium`), or set CHROMIUM=/path/to/chromium."
    )


# ---------------------------------------------------------------- HTTP server


class _Handler(SimpleHTTPRequestHandler):
    """Serves /lms/ from LMS_DIR, /static/ from the preview's static folder (the LMS model) and
    /pkg/<name>/ from mounted directories, with Range support."""

    server: LmsServer
    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        **MIME_TYPES,
    }

    def translate_path(self, path: str) -> str:
        parsed = urllib.parse.urlsplit(path).path
        parts = [p for p in urllib.parse.unquote(parsed).split("/") if p]
        root: Path | None = None
        rest: list[str] = []
        if parts[:1] == ["lms"]:
            root, rest = LMS_DIR, parts[1:]
        elif parts[:1] == ["static"]:
            root, rest = STATIC_DIR, parts[1:]
        elif parts[:1] == ["pkg"] and len(parts) >= 2:
            root, rest = self.server.mounts.get(parts[1]), parts[2:]
        if root is None or any(p in ("..", ".") or "\\" in p for p in rest):
            return str(Path(tempfile.gettempdir()) / "scormbuild-lms-nonexistent" / "x")
        target = root.joinpath(*rest)
        return str(target)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        range_header = self.headers.get("Range")
        if not range_header or not path.is_file():
            return super().send_head()
        match = re.fullmatch(r"bytes=(\d*)-(\d*)", range_header.strip())
        size = path.stat().st_size
        if not match or (not match.group(1) and not match.group(2)):
            return super().send_head()
        if match.group(1):
            start = int(match.group(1))
            end = int(match.group(2)) if match.group(2) else size - 1
        else:
            start, end = max(0, size - int(match.group(2))), size - 1
        end = min(end, size - 1)
        if start > end or start >= size:
            self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
            self.send_header("Content-Range", f"bytes */{size}")
            self.end_headers()
            return None
        handle = path.open("rb")
        handle.seek(start)
        self.send_response(HTTPStatus.PARTIAL_CONTENT)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.end_headers()
        self._range_remaining = end - start + 1
        return handle

    def copyfile(self, source: Any, outputfile: Any) -> None:
        remaining = getattr(self, "_range_remaining", None)
        if remaining is None:
            super().copyfile(source, outputfile)
            return
        self._range_remaining = None
        while remaining > 0:
            chunk = source.read(min(65536, remaining))
            if not chunk:
                break
            outputfile.write(chunk)
            remaining -= len(chunk)

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output quiet."""


class LmsServer(ThreadingHTTPServer):
    """Local server on 127.0.0.1: the LMS under /lms/, extracted packages under /pkg/<name>/."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), partial(_Handler))
        self.mounts: dict[str, Path] = {}
        self._names = itertools.count(1)
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self.serve_forever, name="lms-http", daemon=True)

    @property
    def origin(self) -> str:
        """`http://127.0.0.1:PORT` (no trailing slash)."""
        return f"http://127.0.0.1:{self.server_address[1]}"

    @property
    def lms_url(self) -> str:
        """URL of the LMS page."""
        return f"{self.origin}/lms/lms.html"

    def start(self) -> LmsServer:
        """Serve in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self.shutdown()
        self.server_close()
        self._thread.join(timeout=5)

    def mount(self, directory: Path, name: str | None = None) -> str:
        """Serve `directory` under /pkg/<name>/ and return that base URL."""
        directory = directory.resolve()
        with self._lock:
            for existing, path in self.mounts.items():
                if path == directory and name in (None, existing):
                    return f"{self.origin}/pkg/{existing}/"
            name = name or f"p{next(self._names)}"
            self.mounts[name] = directory
        return f"{self.origin}/pkg/{name}/"


# ---------------------------------------------------------------- packages


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].split(":")[-1]


def manifest_scos(package_dir: Path) -> list[dict[str, Any]]:
    """The SCOs of the default organization, in order: what Moodle's importer makes of them.

    ``[{identifier, title, href, mastery}]``; a folder without a manifest is one SCO at
    ``index.html``.
    """
    manifest = package_dir / "imsmanifest.xml"
    if not manifest.is_file():
        return [{"identifier": "sco", "title": "SCO", "href": "index.html", "mastery": None}]
    root = ET.parse(manifest).getroot()
    elements = list(root.iter())
    resources = {
        el.get("identifier"): el.get("href") for el in elements if _local(el.tag) == "resource"
    }
    orgs = [el for el in elements if _local(el.tag) == "organization"]
    org_sets = [el for el in elements if _local(el.tag) == "organizations"]
    default = org_sets[0].get("default") if org_sets else None
    ordered = sorted(orgs, key=lambda o: o.get("identifier") != default)
    found = []
    for item in ordered[0].iter() if ordered else ():
        ref = item.get("identifierref")
        if _local(item.tag) != "item" or not ref or not resources.get(ref):
            continue
        title = next((c.text or "" for c in item if _local(c.tag) == "title"), "")
        mastery = next((c.text for c in item if _local(c.tag) == "masteryscore"), None)
        found.append(
            {
                "identifier": item.get("identifier"),
                "title": title,
                "href": resources[ref],
                "mastery": None if mastery is None else float(mastery),
            }
        )
    return found


def launch_href(package_dir: Path) -> str:
    """The launch href of the default organization's first SCO (or `index.html`)."""
    scos = manifest_scos(package_dir)
    return str(scos[0]["href"]) if scos else "index.html"


def extract_package(package: Path, into: Path) -> Path:
    """Extract a package zip into a fresh folder under `into` and return it."""
    target = Path(tempfile.mkdtemp(prefix=package.stem + "-", dir=into))
    with zipfile.ZipFile(package) as archive:
        for info in archive.infolist():
            name = info.filename
            if name.startswith("/") or ".." in Path(name).parts:
                raise ValueError(f"unsafe path in {package}: {name}")
        archive.extractall(target)
    return target


def stored(package_dir: Path, values: dict[str, str], *, sco: int = 0) -> dict[str, Any]:
    """Site data in which the ``sco``-th SCO of a package has stored ``values`` (attempt 1)."""
    identifier = manifest_scos(package_dir)[sco]["identifier"]
    return {"attempts": {"1": {identifier: dict(values)}}}


def cmi_value(cmi: dict[str, Any] | None, element: str) -> Any:
    """Read `cmi.core.lesson_status`-style paths from a rendered CMI dict (None if absent)."""
    node: Any = cmi
    parts = element.split(".")
    if parts and parts[0] == "cmi":
        parts = parts[1:]
    for part in parts:
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


# ---------------------------------------------------------------- Playwright session


@dataclass
class ConsoleRecord:
    """One console message from any frame."""

    type: str
    text: str
    url: str


@dataclass
class LmsSession:
    """Drives the test LMS in Chromium: launch a package, snapshot, relaunch, assert rules.

    One session is one Moodle site with one activity: what the SCOs stored (``data``) carries
    over from launch to launch, and Moodle's rules decide each launch's mode, attempt and entry.
    """

    browser: Browser = field(repr=False)
    server: LmsServer = field(repr=False)
    workdir: Path
    timeout_ms: float = 10_000
    page: Page | None = field(default=None, repr=False)
    context: BrowserContext | None = field(default=None, repr=False)
    package_dir: Path | None = None
    sco: str | None = None
    settings: dict[str, Any] = field(default_factory=dict)
    data: dict[str, Any] | None = None
    options: dict[str, Any] = field(default_factory=dict)
    snapshots: list[dict[str, Any]] = field(default_factory=list, repr=False)
    console: list[ConsoleRecord] = field(default_factory=list, repr=False)
    page_errors: list[str] = field(default_factory=list, repr=False)
    external_requests: list[str] = field(default_factory=list, repr=False)
    _extracted: dict[Path, Path] = field(default_factory=dict, repr=False)
    _unloaded: bool = field(default=True, repr=False)

    # -- lifecycle

    def _ensure_context(self) -> BrowserContext:
        if self.context is None:
            self.context = self.browser.new_context()
            self.context.set_default_timeout(self.timeout_ms)
            self.context.route("**/*", self._route)
        return self.context

    def _route(self, route: Route) -> None:
        url = route.request.url
        if url.startswith(self.server.origin + "/"):
            route.continue_()
        else:
            self.external_requests.append(url)
            route.abort("blockedbyclient")

    def _new_page(self) -> Page:
        if self.page is not None and not self.page.is_closed():
            self.page.close()
        page = self._ensure_context().new_page()
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        self.page = page
        return page

    def _on_console(self, message: ConsoleMessage) -> None:
        location = message.location or {}
        self.console.append(ConsoleRecord(message.type, message.text, str(location.get("url", ""))))

    def close(self) -> None:
        """Close the page and the browser context."""
        if self.context is not None:
            self.context.close()
        self.context = None
        self.page = None

    def _package_dir(self, package: Path | str) -> Path:
        path = Path(package).resolve()
        if path.is_dir():
            return path
        if path.is_file() and path.suffix == ".zip":
            if path not in self._extracted:
                self._extracted[path] = extract_package(path, self.workdir)
            return self._extracted[path]
        raise FileNotFoundError(f"no package directory or zip at {path}")

    def sco_url(self, package: Path | str, sco: str | None = None) -> str:
        """Absolute URL of the SCO (`sco` relative to the package root, query allowed)."""
        directory = self._package_dir(package)
        base = self.server.mount(directory)
        return base + (sco or launch_href(directory))

    # -- launching

    def launch(
        self,
        package: Path | str,
        *,
        sco: str | None = None,
        mode: str = "normal",
        new_attempt: bool = False,
        settings: dict[str, Any] | None = None,
        data: dict[str, Any] | None = None,
        options: dict[str, Any] | None = None,
        mastery: float | None = None,
    ) -> Page:
        """Open the LMS page on ``package``; the SCO runs in its iframe.

        ``package`` is an extracted package directory or a zip. ``sco`` is the href to launch
        (relative to the package root, query allowed); by default Moodle's choice (the first
        SCO without a final status). ``mode`` ("normal" or "browse"; "review" as Moodle
        decides it) and ``new_attempt`` go through Moodle's attempt rules. ``settings`` are
        mod_scorm fields (Moodle's defaults for the rest), kept for later launches; ``data`` is
        what the site stored before (default: what this session's launches stored).
        ``options``: failure modes and ``credit`` (see tests/lms/lms.js). ``mastery`` replaces
        the manifest's mastery score of every SCO.
        """
        if self.page is not None and not self.page.is_closed() and not self._unloaded:
            self.unload_sco()
        self.package_dir = self._package_dir(package)
        self.sco = sco
        if settings is not None:
            self.settings = dict(settings)
        self.options = dict(options or {})
        scos = manifest_scos(self.package_dir)
        if mastery is not None:
            scos = [{**s, "mastery": mastery} for s in scos]
        base = self.server.mount(self.package_dir)
        identifier = None
        if sco is not None:
            path = sco.split("?")[0]
            matches = [s["identifier"] for s in scos if s["href"].split("?")[0] == path]
            identifier = matches[0] if matches else scos[0]["identifier"]
        config = {
            "sco": base + sco if sco is not None else None,
            "base": base,
            "identifier": identifier,
            "scos": scos,
            "settings": self.settings,
            "data": data if data is not None else self.data,
            "mode": mode,
            "newattempt": new_attempt,
            "options": self.options,
        }
        page = self._new_page()
        page.add_init_script(
            "if (window === window.top) { window.__lmsConfig = " + json.dumps(config) + "; }"
        )
        page.goto(self.server.lms_url, wait_until="load")
        self._unloaded = False
        return page

    def open_direct(self, package: Path | str, *, sco: str | None = None) -> Page:
        """Open the SCO as a top-level page without any LMS (no API anywhere)."""
        self.package_dir = self._package_dir(package)
        page = self._new_page()
        page.goto(self.sco_url(self.package_dir, sco), wait_until="load")
        return page

    @property
    def sco_frame(self) -> Frame:
        """The SCO's frame inside the LMS page."""
        frame = self._page.frame(name=SCO_FRAME_NAME)
        if frame is None:
            raise AssertionError("the LMS page has no SCO frame (not launched, or unloaded)")
        return frame

    @property
    def _page(self) -> Page:
        if self.page is None or self.page.is_closed():
            raise AssertionError("no LMS page: call launch() first")
        return self.page

    # -- reading the LMS

    def snapshot(self) -> dict[str, Any]:
        """`{cmi, persisted, data, grade, completion, mode, attempt, violations, calls, ...}`."""
        snap: dict[str, Any] = self._page.evaluate("() => window.lms.snapshot()")
        self.data = snap["data"]
        return snap

    def counts(self) -> dict[str, int]:
        """Cheap counters: initializeCount, finishCount, commitCount, callCount, scoLoads."""
        counts: dict[str, int] = self._page.evaluate("() => window.lms.counts()")
        return counts

    @property
    def cmi(self) -> dict[str, Any]:
        """The live CMI data (what the SCO set, stored or not)."""
        cmi: dict[str, Any] = self.snapshot()["cmi"] or {}
        return cmi

    @property
    def persisted(self) -> dict[str, Any]:
        """The CMI as of the last successful LMSCommit/LMSFinish."""
        persisted: dict[str, Any] = self.snapshot()["persisted"] or {}
        return persisted

    def value(self, element: str, *, persisted: bool = False) -> Any:
        """One element of the live (or persisted) CMI, e.g. `value("cmi.core.lesson_status")`."""
        snap = self.snapshot()
        return cmi_value(snap["persisted"] if persisted else snap["cmi"], element)

    @property
    def violations(self) -> list[dict[str, Any]]:
        """LMSSetValue calls Moodle's rules refused (error 201, 402-405)."""
        violations: list[dict[str, Any]] = self.snapshot()["violations"]
        return violations

    @property
    def calls(self) -> list[dict[str, Any]]:
        """Every API call: `{fn, args, result, error, t}`."""
        calls: list[dict[str, Any]] = self.snapshot()["calls"]
        return calls

    def set_options(self, **changes: Any) -> dict[str, Any]:
        """Change failure modes while the page runs, e.g. `set_options(commitFails=False)`."""
        self.options.update(changes)
        options: dict[str, Any] = self._page.evaluate("(c) => window.lms.setOptions(c)", changes)
        return options

    def wait_for(self, counter: str, at_least: int = 1, timeout_ms: float | None = None) -> None:
        """Wait until a counter from `counts()` (e.g. "finishCount") reaches `at_least`."""
        self._page.wait_for_function(
            "([k, n]) => window.lms.counts()[k] >= n",
            arg=[counter, at_least],
            timeout=timeout_ms or self.timeout_ms,
        )

    def wait_until(self, predicate: Callable[[], bool], timeout_ms: float | None = None) -> None:
        """Poll a Python-side condition (e.g. on `page_errors`) while the page keeps running."""
        deadline = time.monotonic() + (timeout_ms or self.timeout_ms) / 1000
        while not predicate():
            if time.monotonic() > deadline:
                raise AssertionError("condition not reached in time")
            self._page.wait_for_timeout(25)

    def wait_for_initialize(self, timeout_ms: float | None = None) -> None:
        """Wait for the SCO's LMSInitialize."""
        self.wait_for("initializeCount", 1, timeout_ms)

    def wait_for_finish(self, timeout_ms: float | None = None) -> None:
        """Wait for the SCO's LMSFinish."""
        self.wait_for("finishCount", 1, timeout_ms)

    # -- ending sessions

    def unload_sco(self) -> dict[str, Any]:
        """End the session as Moodle's player does (iframe to about:blank, then removed).

        The SCO gets pagehide; its saves arrive as beacons (in the order ``options["reorder"]``
        says). Returns the snapshot taken afterwards.
        """
        self._page.evaluate("() => window.lms.unloadSco()")
        self._unloaded = True
        snap = self.snapshot()
        self.snapshots.append(snap)
        return snap

    def switch_sco(self, sco: str) -> Frame:
        """Pick another SCO in Moodle's table of contents (same player page): the one at
        ``sco`` (its href). From now on Moodle's saves are beacons. Returns the new frame."""
        assert self.package_dir is not None
        scos = manifest_scos(self.package_dir)
        (identifier,) = [s["identifier"] for s in scos if s["href"] == sco]
        url = self.server.mount(self.package_dir) + sco
        self._page.evaluate("([i, u]) => window.lms.switchSco(i, u)", [identifier, url])
        self.sco = sco
        self._page.wait_for_function(
            "() => window.lms.counts().initializeCount >= 1"
            " && document.querySelector('#scorm_object')"
            " && document.querySelector('#scorm_object').contentDocument.readyState === 'complete'"
        )
        return self.sco_frame

    def finish_and_relaunch(
        self,
        *,
        new_attempt: bool = False,
        mode: str = "normal",
        options: dict[str, Any] | None = None,
        sco: str | None = None,
    ) -> Page:
        """Unload the SCO, snapshot, and launch again on what the site stored.

        ``sco`` defaults to the one launched before (None there: Moodle's choice again);
        ``options`` to the failure modes before.
        """
        if self.package_dir is None:
            raise AssertionError("nothing launched yet")
        self.unload_sco()
        return self.launch(
            self.package_dir,
            sco=self.sco if sco is None else sco,
            mode=mode,
            new_attempt=new_attempt,
            options=self.options if options is None else options,
        )

    # -- assertions

    def assert_no_violations(self) -> None:
        """Fail if the SCO set any value Moodle refuses."""
        violations = self.violations
        assert not violations, "LMS refused values:\n" + "\n".join(
            f"  {v['element']} = {v['value'][:80]!r}: {v['message']} (error {v['code']})"
            for v in violations
        )

    def assert_finished_once(self) -> None:
        """Fail unless LMSInitialize and LMSFinish were each called exactly once."""
        counts = self.counts()
        assert counts["initializeCount"] == 1, f"LMSInitialize called {counts['initializeCount']}x"
        assert counts["finishCount"] == 1, f"LMSFinish called {counts['finishCount']}x"

    def assert_no_page_errors(self) -> None:
        """Fail on uncaught exceptions or console errors in any frame."""
        errors = self.page_errors + [
            f"console.error: {c.text} ({c.url})" for c in self.console if c.type == "error"
        ]
        assert not errors, "page errors:\n  " + "\n  ".join(errors)

    def assert_no_external_requests(self) -> None:
        """Fail if anything tried to leave the local server."""
        assert not self.external_requests, "external requests: " + ", ".join(self.external_requests)

    def iter_calls(self, fn: str) -> Iterator[dict[str, Any]]:
        """The logged calls of one API function, e.g. `iter_calls("LMSCommit")`."""
        return (c for c in self.calls if c["fn"] == fn)
