"""``python -m tests.hostile.peak MODULE ARGS``: run ``python -m MODULE ARGS`` and record the
largest resident size of it and of the workers it forked, in the file named by
``HOSTILE_PEAK_FILE`` (bytes, as text).

The runner cannot take this from ``wait4``: the kernel's ``ru_maxrss`` of a child started by
fork and exec keeps the resident size of the process that forked it, so a command started from
a test process of 500 MB reads as 500 MB however little it used. After exec, ``VmHWM`` in
``/proc/self/status`` is this program's own peak; its workers, forked from it and waited for,
are in ``RUSAGE_CHILDREN``.
"""

from __future__ import annotations

import atexit
import os
import resource
import runpy
import sys

PEAK_FILE = "HOSTILE_PEAK_FILE"


def own_peak() -> int:
    """The largest resident size of this process since exec, and of its waited-for children."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return max(int(line.split()[1]) * 1024, children)
    except OSError:
        pass
    return max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, children)


def _record(path: str) -> None:
    with open(path, "w", encoding="ascii") as out:
        out.write(str(own_peak()))


if __name__ == "__main__":
    target = os.environ.pop(PEAK_FILE, "")
    if target:
        atexit.register(_record, target)
    module, sys.argv = sys.argv[1], sys.argv[1:]
    runpy.run_module(module, run_name="__main__", alter_sys=True)
