"""``python -m tests.hostile.slow ARGS``: scormbuild whose output files take seconds each to write.

Each file is written in full to its temporary name, then the writer waits ``SLOW_SECONDS``
(default 3) before the next one: long enough for a test to see the temporary files and to kill
or terminate the build in the middle of its output set.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from scormbuild.cli import main
from scormbuild.package.output import OutputFolder

_add = OutputFolder.add


def _slow_add(self: OutputFolder, name: str, fill: Callable[[BinaryIO], None]) -> Path:
    def slow_fill(fp: BinaryIO) -> None:
        fill(fp)
        fp.flush()
        time.sleep(float(os.environ.get("SLOW_SECONDS", "3")))

    return _add(self, name, slow_fill)


if __name__ == "__main__":
    OutputFolder.add = _slow_add  # type: ignore[method-assign]
    main(prog_name="scormbuild")
