"""Rebuild the preview whenever a file of the course is saved."""

from __future__ import annotations

import threading
from collections.abc import Callable

import watchfiles

from scormbuild.preview.site import BuildState, PreviewSite


def watch_course(
    site: PreviewSite, stop: threading.Event, report: Callable[[BuildState], None]
) -> None:
    """Rebuild ``site`` after each batch of changes until ``stop`` is set."""
    # A short debounce groups an editor's write-rename-chmod into one rebuild while keeping
    # the save-to-reload time well under a second.
    for _changes in watchfiles.watch(
        site.course_dir,
        stop_event=stop,
        debounce=80,
        step=20,
        yield_on_timeout=False,
        raise_interrupt=False,
    ):
        report(site.rebuild())
