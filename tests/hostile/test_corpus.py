"""The hostile corpus through the real command line: exit status, location, no traceback, bounded
time and memory, nothing written outside, the previous output untouched.

Each case of ``tests/hostile/corpus.py`` runs in a sandbox of its own (see
``tests/hostile/runner.py`` for the limits and every check). The corpus has three parts:

- ``ZIP_CASES``: hostile and broken packages for ``validate`` (exit 1 invalid, 2 unusable);
- ``OUTPUT_CASES``: output folders ``build`` cannot use, and names that would leave them;
- ``COURSE_CASES``: hostile courses for ``check`` and ``build``; ``SOURCE_CASES`` in
  ``tests/hostile/courses.py``, what the source side refuses (limits, the path gate, names,
  text fields), ``LIMIT_CASES`` there, Markdown whose parse must stay small (each under a
  peak resident size far below what it took without bounds), ``IMPORT_CASES``, documents
  ``import`` must refuse at the document or turn into a course that passes ``check``, and
  ``PAGE_CASES``, what a learner page must not get.

Adding a hostile course: append to ``COURSE_CASES`` in ``corpus.py``::

    *hostile_course(
        "alias bomb in course.yml",
        {"course.yml": "id: &a [*a]\\n..."},  # files on top of tests/coursekit.py's course
        r"^course\\.yml:1:\\d+: error: ",  # where the message must point (a regex, multi-line)
    ),

``hostile_course`` makes two cases: ``check COURSE``, and ``build COURSE -o dist`` into a folder
that holds the previous output of the valid course. Both must exit 1 with that location, leave
the sandbox (previous output included) byte for byte as it was, and stay within the limits.
Pass ``commands=("build",)`` for what only ``build`` finds (``check`` renders a course's own
templates too, so template errors are found by both).
A case that needs more (a FIFO, a symlink out of the course, a huge file) takes a ``make``
function of its own: ``Case(name, make, status, says)``, where ``make(sandbox)`` writes the input
and returns the command's arguments. Hostile zips for ``validate`` go to ``ZIP_CASES`` the same way
(``package(bytes_or_function)``), built from a valid package by a named change in ``tests/zips.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.corpus import ALL_CASES, COURSE_CASES, OUTPUT_CASES, ZIP_CASES
from tests.hostile.courses import IMPORT_CASES, LIMIT_CASES, PAGE_CASES, SOURCE_CASES
from tests.hostile.runner import Case, run_case, run_cli


@pytest.mark.parametrize("case", ZIP_CASES, ids=str)
def test_hostile_zip(tmp_path: Path, case: Case) -> None:
    run_case(case, tmp_path)


@pytest.mark.parametrize("case", OUTPUT_CASES, ids=str)
def test_output_situation(tmp_path: Path, case: Case) -> None:
    run_case(case, tmp_path)


@pytest.mark.parametrize("case", COURSE_CASES, ids=str)
def test_hostile_course(tmp_path: Path, case: Case) -> None:
    run_case(case, tmp_path)


@pytest.mark.parametrize("case", SOURCE_CASES, ids=str)
def test_hostile_source(tmp_path: Path, case: Case) -> None:
    run_case(case, tmp_path)


@pytest.mark.parametrize("case", LIMIT_CASES, ids=str)
def test_hostile_markdown_size(tmp_path: Path, case: Case) -> None:
    run_case(case, tmp_path)


@pytest.mark.parametrize("case", IMPORT_CASES, ids=str)
def test_hostile_document_import(tmp_path: Path, case: Case) -> None:
    run_case(case, tmp_path)


@pytest.mark.parametrize("case", PAGE_CASES, ids=str)
def test_hostile_page_content(tmp_path: Path, case: Case) -> None:
    run_case(case, tmp_path)


def test_case_names_are_unique() -> None:
    names = [
        case.name for case in [*ALL_CASES, *SOURCE_CASES, *PAGE_CASES, *LIMIT_CASES, *IMPORT_CASES]
    ]
    assert len(names) == len(set(names))


def test_peak_memory_is_the_commands_own_not_the_test_processes(tmp_path: Path) -> None:
    # A command forked from a large test process (pytest late in a run) must not read as large:
    # the kernel's ru_maxrss of such a child starts at the forking process's resident size.
    ballast = bytearray(600 * 2**20)
    for at in range(0, len(ballast), 4096):
        ballast[at] = 1  # resident, not just reserved
    outcome = run_cli(["--version"], tmp_path)
    del ballast
    assert outcome.returncode == 0, outcome.output
    assert 10 * 2**20 < outcome.peak_rss < 300 * 2**20, outcome.peak_rss
