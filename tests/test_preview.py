"""``scormbuild preview`` over real HTTP: pages, course files, rebuilds and build errors."""

from __future__ import annotations

import re
import time
from pathlib import Path

from scormbuild.commands.new import create_course
from tests.previewkit import get, running_preview, status, wait_for

MODULE = "modules/01-welcome.md"


def test_preview_serves_rebuilds_and_survives_errors(tmp_path: Path) -> None:
    course = tmp_path / "course"
    create_course(course)
    with running_preview(course) as base:
        code, page = get(base)
        assert code == 200 and b'id="sco-frame"' in page
        for name in ("lms.js", "lms-site.js", "lms-api.js", "lms.css"):  # nothing remote
            assert re.search(rb"https?:|//[a-z]", get(base + "_preview/" + name)[1]) is None
        first = status(base)
        assert first["ok"] and first["languages"] == ["en"]
        assert get(base + "course/en/imsmanifest.xml")[0] == 200
        assert get(base + "course/en/assets/steps.svg")[0] == 200
        assert get(base + "course/en/../../course.yml")[0] == 404
        assert get(base + "course/fi/index.html")[0] == 404

        # A saved change is rebuilt and served within a second or so.
        source = course / MODULE
        text = source.read_text("utf-8")
        saved = time.monotonic()
        source.write_text(text + "\nA sentence added while previewing.\n", "utf-8")
        second = wait_for(lambda: (s := status(base))["version"] > first["version"] and s)
        assert time.monotonic() - saved < 3.0
        assert second["ok"] and second["millis"] < 1000
        html = get(base + "course/en/modules/01-welcome.html")[1].decode()
        assert "A sentence added while previewing." in html

        # A broken file: the error is reported with its location, the last build stays up.
        source.write_text(text.replace("title: Welcome", "titel: Welcome"), "utf-8")
        broken = wait_for(lambda: not (s := status(base))["ok"] and s)
        assert (
            "modules/01-welcome.md:2: error: unknown front matter key 'titel'"
            in (broken["message"])
        )
        assert broken["problems"][0]["line"] == 2
        assert get(base + "course/en/modules/01-welcome.html")[0] == 200

        # Fixed again: the preview recovers.
        source.write_text(text, "utf-8")
        fixed = wait_for(lambda: (s := status(base))["ok"] and s)
        assert fixed["version"] > broken["version"]


def test_preview_events_announce_versions(tmp_path: Path) -> None:
    import urllib.request

    course = tmp_path / "course"
    create_course(course)
    with (
        running_preview(course) as base,
        urllib.request.urlopen(base + "_preview/events", timeout=10) as events,
    ):
        assert events.headers["Content-Type"] == "text/event-stream"
        assert events.readline() == b"event: version\n"
        assert events.readline() == b"data: 1\n"
        events.readline()
        (course / MODULE).write_text((course / MODULE).read_text() + "\nMore.\n")
        assert events.readline() == b"event: version\n"
        assert events.readline() == b"data: 2\n"


def test_preview_of_a_missing_course_fails_cleanly(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from scormbuild.cli import main

    result = CliRunner().invoke(main, ["preview", str(tmp_path / "nowhere"), "--port", "0"])
    assert result.exit_code == 1
    assert "is not a folder" in result.output
