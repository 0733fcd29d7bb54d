"""Start ``scormbuild preview`` in a subprocess for tests, and talk to it over HTTP."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


@contextmanager
def running_preview(course: Path) -> Iterator[str]:
    """The base URL of a preview of ``course`` on a free port; stopped afterwards."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "scormbuild", "preview", str(course), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "CI": "1"},
    )
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()  # the URL is the first line on stdout
        assert url.startswith("http://127.0.0.1:"), proc.stderr.read() if proc.stderr else ""
        yield url
        assert proc.poll() is None, "the preview server stopped"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def get(url: str) -> tuple[int, bytes]:
    """Status and body of a GET (errors included)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def status(base: str) -> dict[str, Any]:
    code, body = get(base + "_preview/status")
    assert code == 200
    result: dict[str, Any] = json.loads(body)
    return result


def wait_for(condition: Callable[[], Any], timeout: float = 10.0) -> Any:
    """Poll ``condition`` until it returns something truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s")
        time.sleep(0.05)
