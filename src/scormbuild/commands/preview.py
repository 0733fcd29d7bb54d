"""``scormbuild preview``: the course in a test LMS, rebuilt and reloaded on every save.

:func:`serve` builds once, starts the HTTP server (:mod:`.server`) and watches the course
folder (:mod:`.watch`); build results go to the terminal and to the page.
"""

from __future__ import annotations

import threading
import webbrowser
from pathlib import Path

import click

from scormbuild.errors import ScormBuildError
from scormbuild.preview.server import PreviewServer
from scormbuild.preview.site import BuildState, PreviewSite
from scormbuild.preview.watch import watch_course


def describe(state: BuildState) -> str:
    """The terminal line(s) for one build."""
    if state.ok:
        warnings = "".join(f"\n{p.format()}" for p in state.problems)
        return f"built in {state.millis} ms{warnings}"
    return f"build failed:\n{state.message}\nthe server keeps running; fix and save to retry"


def serve(
    course_dir: Path, *, host: str = "127.0.0.1", port: int = 8000, open_browser: bool = False
) -> None:
    """Serve ``course_dir`` until interrupted."""
    if not course_dir.is_dir():
        raise ScormBuildError(f"{course_dir} is not a folder; pass the course folder")
    site = PreviewSite(course_dir)
    click.echo(describe(site.rebuild()), err=True)
    try:
        server = PreviewServer((host, port), site)
    except OSError as exc:
        raise ScormBuildError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    stop = threading.Event()
    watcher = threading.Thread(
        target=watch_course,
        args=(site, stop, lambda state: click.echo(describe(state), err=True)),
        name="scormbuild-watch",
        daemon=True,
    )
    watcher.start()
    url = f"http://{host}:{server.server_address[1]}/"
    click.echo(f"previewing {course_dir} at {url} (Ctrl+C to stop)", err=True)
    # The URL also goes to stdout, alone on a line, for scripts that start the preview.
    click.echo(url)
    if open_browser:
        webbrowser.open(url)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        stop.set()
        server.closing = True
        with site.changed:
            site.changed.notify_all()
        server.server_close()


__all__ = ["PreviewServer", "PreviewSite", "serve"]
