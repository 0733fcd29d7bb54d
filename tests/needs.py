"""What some tests need from outside the repository, and what happens when it is missing.

A test that needs something the repository does not hold (the ADL schemas in
``../shared/scorm12/xsd``, a running Moodle, PHP) asks for it through :func:`need`. Where it is
missing, the test is skipped, and pytest's summary folds every such skip into one line, e.g.
``SKIPPED [47] tests/needs.py:41: the ADL SCORM 1.2 schemas are not in ...; set ...``.
With the environment variable ``CI`` set (to anything but ``0``, ``false`` or ``no``), the test
fails instead: CI runs every test, and a missing resource there is a broken CI set-up.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
XSD_MARKER = "imscp_rootv1p1p2.xsd"


def in_ci() -> bool:
    """True when the environment variable ``CI`` says this run is CI."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


class Missing(pytest.skip.Exception):  # type: ignore[name-defined,misc]
    """A skip for want of an outside resource; tests/conftest.py files them all under one line."""


def need(available: bool, missing: str) -> None:
    """Skip the calling test (fail it under CI) unless ``available``.

    ``missing`` says what is missing and how to provide it; keep it free of per-test details so
    that every skip for the same reason folds into one summary line, whether the test or one of
    its fixtures asked.
    """
    if available:
        return
    if in_ci():
        pytest.fail(f"{missing} (CI runs every test)", pytrace=False)
    raise Missing(missing)


def xsd_dir() -> Path:
    """The ADL SCORM 1.2 schemas: ``$SCORMBUILD_XSD_DIR``, else ``../shared/scorm12/xsd``."""
    env = os.environ.get("SCORMBUILD_XSD_DIR")
    path = Path(env) if env else SHARED / "scorm12" / "xsd"
    need(
        (path / XSD_MARKER).is_file(),
        f"the ADL SCORM 1.2 schemas are not in {path}; "
        "set SCORMBUILD_XSD_DIR to the folder with the .xsd files",
    )
    return path
