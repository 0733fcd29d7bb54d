"""The preview's HTTP server: the test LMS page, the course files and a change stream.

Routes:

- ``/`` the test LMS page; ``/_preview/<file>`` its script and styles;
- ``/_preview/status`` the latest build as JSON; ``/_preview/events`` Server-Sent Events,
  one ``version`` event per rebuild;
- ``/course/<lang>/<path>`` a file of that language's package, from memory.

Files are looked up by exact package path in a dictionary, so no request can reach a
file outside the package.
"""

from __future__ import annotations

import importlib.resources
import json
import mimetypes
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

from scormbuild.preview.site import PreviewSite

STATIC_FILES = {"lms.html", "lms.js", "lms-site.js", "lms-api.js", "lms.css"}
TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".vtt": "text/vtt; charset=utf-8",
    ".xml": "application/xml",
    ".xsd": "application/xml",
    ".md": "text/plain; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}
KEEPALIVE_SECONDS = 10.0


def content_type(path: str) -> str:
    """The Content-Type for a package path."""
    suffix = path[path.rfind(".") :].lower() if "." in path else ""
    return TYPES.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"


def static_file(name: str) -> bytes:
    """A file of the LMS page from ``preview/static``."""
    return (importlib.resources.files("scormbuild.preview") / "static" / name).read_bytes()


class PreviewServer(ThreadingHTTPServer):
    """A threading HTTP server that knows the site it serves."""

    daemon_threads = True  # SSE connections must not keep the process alive on exit

    def __init__(self, address: tuple[str, int], site: PreviewSite) -> None:
        super().__init__(address, PreviewHandler)
        self.site = site
        self.closing = False


class PreviewHandler(BaseHTTPRequestHandler):
    """Answers GET and HEAD; nothing else is needed by a static package."""

    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Requests are not logged: the terminal is for build results."""

    def do_HEAD(self) -> None:
        self._route(head=True)

    def do_GET(self) -> None:
        self._route(head=False)

    def _route(self, head: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        site = self.server.site
        if path in ("/", "/index.html"):
            self._send(HTTPStatus.OK, static_file("lms.html"), "text/html; charset=utf-8", head)
        elif path == "/_preview/status":
            body = json.dumps(site.status(), ensure_ascii=False).encode()
            self._send(HTTPStatus.OK, body, "application/json", head)
        elif path == "/_preview/events":
            self._events()
        elif path.startswith("/_preview/") and path[len("/_preview/") :] in STATIC_FILES:
            name = path[len("/_preview/") :]
            self._send(HTTPStatus.OK, static_file(name), content_type(name), head)
        elif path.startswith("/course/"):
            self._course_file(path[len("/course/") :], head)
        else:
            self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain", head)

    def _course_file(self, rest: str, head: bool) -> None:
        language, _, file_path = rest.partition("/")
        site = self.server.site
        found = site.lookup(language, file_path or "index.html")
        if found is None:
            status = HTTPStatus.NOT_FOUND if site.state.ok else HTTPStatus.SERVICE_UNAVAILABLE
            text = "not in the package\n" if site.state.ok else site.state.message + "\n"
            self._send(status, text.encode(), "text/plain; charset=utf-8", head)
            return
        if found.data is not None:
            data = found.data
        else:
            assert found.source is not None
            try:
                data = found.source.read_bytes()
            except OSError:  # deleted since the last build; the watcher is rebuilding
                self._send(HTTPStatus.NOT_FOUND, b"gone\n", "text/plain", head)
                return
        self._send(HTTPStatus.OK, data, content_type(found.path), head)

    def _send(self, status: HTTPStatus, body: bytes, ctype: str, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        # Every response is fresh: the point of a preview is to see the latest build.
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _events(self) -> None:
        site = self.server.site
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        version = site.state.version
        try:
            self._event(version)
            while not self.server.closing:
                current = site.wait_for_change(version, KEEPALIVE_SECONDS)
                if current != version:
                    version = current
                    self._event(version)
                else:
                    self.wfile.write(b": keepalive\n\n")
                    self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page was closed or reloaded

    def _event(self, version: int) -> None:
        self.wfile.write(f"event: version\ndata: {version}\n\n".encode())
        self.wfile.flush()
