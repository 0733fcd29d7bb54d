"""``python -m tests.hostile.small_disk SANDBOX``, inside a private mount namespace (``unshare``).

Mounts a small tmpfs at ``SANDBOX/disk`` and builds ``SANDBOX/course`` onto it four times:
``first`` into the empty disk; ``full`` after the course changed, with the disk filled so that
the fi package fits and the sv one does not; ``read_only`` with the disk remounted read-only;
``freed`` with room again. Prints, as JSON, each step's exit status, stderr and what changed
on the disk. The mount disappears with the namespace.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.hostile.runner import differences, run_cli, snapshot

SIZE = 1024 * 1024  # the tmpfs: room for a few of the test course's packages
SLACK = 16 * 1024  # more than tmpfs's block rounding of one file, less than a package


def step(sandbox: Path) -> dict[str, Any]:
    disk = sandbox / "disk"
    before = snapshot(disk)
    outcome = run_cli(["build", "course", "-o", "disk/dist"], sandbox)
    after = snapshot(disk)
    files = sorted(p.name for p in (disk / "dist").iterdir()) if (disk / "dist").is_dir() else []
    return {
        "status": outcome.returncode,
        "stderr": outcome.stderr,
        "changes": differences(before, after),
        "snapshot": after,
        "files": files,
    }


def fill(disk: Path, leave: int) -> None:
    """Take all of the disk's free space but ``leave`` bytes."""
    stats = os.statvfs(disk)
    free = stats.f_bavail * stats.f_frsize
    (disk / "filler").write_bytes(b"\0" * max(0, free - leave))


def main(sandbox: Path) -> dict[str, Any]:
    disk = sandbox / "disk"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={SIZE}", "tmpfs", str(disk)], check=True)
    first = step(sandbox)
    (sandbox / "course/modules/02-more.md").write_text(
        "---\ntitle: More\n---\n\n# More\n\nChanged.\n"
    )
    fi_package = (disk / "dist" / "demo-1.0.0-fi.zip").stat().st_size
    fill(disk, fi_package + SLACK)
    full = step(sandbox)
    (disk / "filler").unlink()
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    read_only = step(sandbox)
    subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
    freed = step(sandbox)
    return {"first": first, "full": full, "read_only": read_only, "freed": freed}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))
