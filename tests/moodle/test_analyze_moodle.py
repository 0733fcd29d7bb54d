"""``scormbuild analyze`` end to end on the real Moodle: made-up learners play the fixture
course in Moodle's player, the admin downloads the reports, and the analysis of the fresh
download must be the analysis of the committed fixtures (tests/fixtures/moodle-reports), but
for the times to answer. This proves the fixtures are what Moodle gives, and that
regenerate.py still makes them.
"""

from __future__ import annotations

import importlib.util
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest
from playwright.sync_api import Browser

from scormbuild.analyze.analysis import analyze
from scormbuild.analyze.tables import ReportError
from scormbuild.source.load import load_course
from tests.moodle.export_kit import HERE, ensure, locate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REPORTS = FIXTURES / "moodle-reports"


def regenerate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("regenerate", REPORTS / "regenerate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_fresh_reports_analyse_as_the_fixtures(browser: Browser, tmp_path: Path) -> None:
    gen = regenerate()
    quick = tuple(replace(learner, think=0.2) for learner in gen.LEARNERS)
    # The learners of the other package are left out: only the fixture course's reports are
    # compared (the other package's report is an input of tests/test_analyze.py).
    made = gen.produce(tmp_path, quick, (), browser)
    ensure(locate()).php(HERE / "mc_delete.php", *map(str, made["cmids"]))
    course = load_course(FIXTURES / "analyze-course").courses[0]
    for name in ("interactions.txt", "interactions.xlsx", "interactions.ods", "basic-detailed.txt"):
        fresh = analyze([tmp_path / name], course)
        kept = analyze([REPORTS / name], course)
        # Everyone enrolled in the course is a row; other tests may have enrolled more.
        assert replace(fresh.summary, learners=0) == replace(kept.summary, learners=0), name
        assert fresh.items == kept.items, name
        assert [p.format() for p in fresh.flags] == [p.format() for p in kept.flags], name
    for ext in ("txt", "xlsx", "ods"):
        fresh = analyze([tmp_path / f"basic.{ext}"], course)
        kept = analyze([REPORTS / f"basic.{ext}"], course)
        assert replace(fresh.summary, learners=0) == replace(kept.summary, learners=0), ext
    # The report as Moodle gives it by default (no question ids) is refused, as the fixture is.
    with pytest.raises(ReportError, match="no question ids"):
        analyze([tmp_path / "responses-only.txt"], course)
    tracks = sorted((tmp_path / "tracks").glob("*.csv"))
    assert len(tracks) == len(gen.LEARNERS)
    with_tracks = analyze([tmp_path / "interactions.txt", *tracks], course)
    assert all(i.latency is not None for i in with_tracks.items)
    kept_tracks = analyze(
        [REPORTS / "interactions.txt", *sorted((REPORTS / "tracks").glob("*.csv"))], course
    )
    assert with_tracks.summary.stops == kept_tracks.summary.stops
