"""A build stopped in the middle of its output set: killed, terminated, or out of disk.

The kill and terminate cases run the real command line with its writes slowed down
(``tests/hostile/slow.py``) and signal it while its temporary files exist. The disk cases run it
on a real tmpfs that fills up or is read-only, mounted in a private mount namespace
(``tests/hostile/small_disk.py``), so nothing outlives the test.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from scormbuild.commands.build import build
from tests.coursekit import BILINGUAL, write_course
from tests.hostile.runner import REPO, differences, run_cli, snapshot, start_cli
from tests.needs import need

CHANGE = {"modules/02-more.md": "---\ntitle: More\n---\n\n# More\n\nChanged since.\n"}


def previous_output(sandbox: Path) -> dict[str, str]:
    """A bilingual course built into dist/, then changed; the snapshot of dist/ as built."""
    course = write_course(sandbox / "course", BILINGUAL)
    build(course, sandbox / "dist")
    for name, text in CHANGE.items():
        (course / name).write_text(text, encoding="utf-8")
    return snapshot(sandbox / "dist")


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def stop_while_writing(sandbox: Path, sig: signal.Signals) -> tuple[int, str, list[str]]:
    """Start a slow build, wait for its second temporary file, send ``sig``; what it left."""
    proc = start_cli(["build", "course", "-o", "dist"], sandbox, module="tests.hostile.slow")
    deadline = time.monotonic() + 60
    while len(temporaries(sandbox / "dist")) < 2:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the build never started writing"
        time.sleep(0.02)
    seen = temporaries(sandbox / "dist")
    proc.send_signal(sig)
    _out, err = proc.communicate(timeout=60)
    assert any(name.startswith(".demo-1.0.0-fi.zip.") for name in seen), seen
    return proc.returncode, err.decode(), seen


def test_sigkill_mid_set_leaves_the_old_set_and_the_next_build_cleans_up(tmp_path: Path) -> None:
    before = previous_output(tmp_path)
    status, _err, _seen = stop_while_writing(tmp_path, signal.SIGKILL)
    assert status == -signal.SIGKILL
    left = temporaries(tmp_path / "dist")
    assert left, "a killed build cannot clean up; its temporary files are the next build's job"
    assert {k: v for k, v in snapshot(tmp_path / "dist").items() if k not in left} == before
    outcome = run_cli(["build", "course", "-o", "dist"], tmp_path)
    assert outcome.returncode == 0, outcome.output
    assert temporaries(tmp_path / "dist") == []
    after = snapshot(tmp_path / "dist")
    assert sorted(after) == sorted(before)
    assert after["demo-1.0.0-fi.zip"] != before["demo-1.0.0-fi.zip"]  # the changed course


def test_sigterm_mid_set_cleans_up_and_keeps_the_old_set(tmp_path: Path) -> None:
    before = previous_output(tmp_path)
    status, err, _seen = stop_while_writing(tmp_path, signal.SIGTERM)
    assert status == 143, err
    assert err.strip() == "scormbuild: terminated; nothing half-written was left behind"
    assert snapshot(tmp_path / "dist") == before


def test_ctrl_c_mid_set_cleans_up_and_keeps_the_old_set(tmp_path: Path) -> None:
    before = previous_output(tmp_path)
    status, err, _seen = stop_while_writing(tmp_path, signal.SIGINT)
    assert status == 130, err
    assert "Traceback" not in err
    assert snapshot(tmp_path / "dist") == before


def can_mount() -> bool:
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "mount", "-t", "tmpfs", "x", "/mnt"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


def test_a_real_disk_that_fills_up_or_is_read_only(tmp_path: Path) -> None:
    need(can_mount(), "mounting a tmpfs in a private mount namespace needs root (unshare, mount)")
    write_course(tmp_path / "course", BILINGUAL)
    result = subprocess.run(
        [
            *("unshare", "--mount", "--propagation", "private"),
            *(sys.executable, "-m", "tests.hostile.small_disk", str(tmp_path)),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    steps = json.loads(result.stdout)
    first, full, read_only, freed = (steps[k] for k in ("first", "full", "read_only", "freed"))
    assert first["status"] == 0, first
    # The disk fills while the sv package is written, after the fi one is complete.
    assert full["status"] == 1, full
    assert "disk/dist/demo-1.0.0-sv.zip: error: cannot write: disk full\n  hint: " in full["stderr"]
    assert "Traceback" not in full["stderr"]
    assert full["changes"] == [], full  # the old set, and no temporary file left
    assert read_only["status"] == 1, read_only
    assert read_only["stderr"].startswith(
        "disk/dist: error: cannot write in the output folder: read-only file system\n  hint: "
    )
    assert read_only["changes"] == []
    assert freed["status"] == 0, freed
    assert sorted(freed["files"]) == sorted(first["files"])
    assert differences(first["snapshot"], freed["snapshot"]) != []
