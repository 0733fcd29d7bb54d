"""The built-in templates' code objects, kept between builds as Python keeps a module's.

Compiling the Python code that Jinja2 generated ahead for the built-in templates
(:mod:`scormbuild.render.compiled`) cost a build of the large benchmark course 125 million
instructions, 1.2 % of it, for the 17 templates a package uses; reading the code object back
with :mod:`marshal` costs a hundredth of that. So the code objects are written beside the
package's own bytecode (``scormbuild/render/__pycache__/``), a file per code text and file
name, and read only by an interpreter with the same bytecode magic number. As for modules,
nothing is written when Python writes no bytecode (``PYTHONDONTWRITEBYTECODE``, ``-B``) or
where it cannot (a read-only install): those builds compile, as before.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import os
import sys
import tempfile
from contextlib import suppress
from pathlib import Path
from types import CodeType

MAGIC = importlib.util.MAGIC_NUMBER  # which interpreters can read a file's code object


class CodeCache:
    """Compiles code for ``exec``, keeping each code object in ``folder`` (None: keeps none)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    @classmethod
    def beside_package(cls) -> CodeCache:
        """The cache in this package's ``__pycache__`` folder, where the interpreter keeps one."""
        tag = sys.implementation.cache_tag
        return cls(Path(__file__).parent / "__pycache__" if tag is not None else None)

    def compile(self, code: str, filename: str) -> CodeType:
        """``compile(code, filename, "exec")``, or the same code object from an earlier build."""
        if self.folder is None:
            return compile(code, filename, "exec")
        key = hashlib.sha256(f"{filename}\0{code}".encode("utf-8", "surrogatepass")).hexdigest()
        path = self.folder / f"template-{key[:32]}.{sys.implementation.cache_tag}.code"
        with suppress(OSError):
            kept = _read(path.read_bytes())
            if kept is not None:
                return kept
        made = compile(code, filename, "exec")
        if not sys.dont_write_bytecode:
            _write(path, MAGIC + marshal.dumps(made))
        return made


def _read(data: bytes) -> CodeType | None:
    """The code object of a cache file, or None when it is another interpreter's or damaged."""
    if not data.startswith(MAGIC):
        return None
    try:
        loaded = marshal.loads(memoryview(data)[len(MAGIC) :])
    except (EOFError, ValueError, TypeError):
        return None
    return loaded if isinstance(loaded, CodeType) else None


def _write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (a build reading it meanwhile sees the
    old file or the new one); a folder that cannot be written keeps nothing."""
    with suppress(OSError):
        path.parent.mkdir(exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fp:
                fp.write(data)
            os.chmod(temp, 0o644)  # mkstemp makes it 0600; readable as the interpreter's own
            os.replace(temp, path)
        except BaseException:
            with suppress(OSError):
                os.unlink(temp)
            raise
