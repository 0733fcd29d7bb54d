"""The test LMS's model of Moodle, rule by rule, under node: each rule was seen in the real
Moodle 4.5.6 (tests/moodle), and the preview and the browser tests both run this model
(src/scormbuild/preview/static/lms-site.js and lms-api.js)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.needs import need

STATIC = Path(__file__).resolve().parents[1] / "src" / "scormbuild" / "preview" / "static"
SCOS = [
    {"identifier": "m1", "title": "Basics", "href": "m1.html", "mastery": 80},
    {"identifier": "m2", "title": "Reading", "href": "m2.html", "mastery": 80},
]


def run(script: str, **given: Any) -> Any:
    """Run ``script`` under node with ``Site`` (lms-site.js), ``Api`` (lms-api.js) and the
    keyword arguments bound; it prints its result as JSON."""
    need(shutil.which("node") is not None, "node is not installed; the browser tests need it too")
    prelude = (
        f"const Site = require({json.dumps(str(STATIC / 'lms-site.js'))});"
        f"const Api = require({json.dumps(str(STATIC / 'lms-api.js'))});"
        "const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "const out = (x) => process.stdout.write(JSON.stringify(x));"
        + "".join(f"const {k} = input.{k};" for k in given)
    )
    done = subprocess.run(
        ["node", "-e", prelude + script],
        input=json.dumps(given),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


# A session on a fresh site: launch (Moodle's choice of SCO), then `steps` on its API.
SESSION = """
const site = Site.site({scos, settings, data});
const launch = site.checkMode(mode || "normal", false);
const player = Api.player(site, launch, options || {});
const sco = pick || site.firstSco(launch.attempt, launch.mode).identifier;
const api = player.api(sco);
const results = steps.map(([fn, ...args]) => api[fn](...args));
player.flush();
out({launch, sco, results, tracks: site.tracks(launch.attempt, sco), data: site.data(),
  grade: site.grade(), completion: site.completion(), log: player.log});
"""


def session(
    steps: list[list[str]],
    data: dict[str, Any] | None = None,
    settings: dict[str, Any] | None = None,
    mode: str = "normal",
    options: dict[str, Any] | None = None,
    pick: str | None = None,
) -> Any:
    """One session; ``pick`` names the SCO (default: the one Moodle opens)."""
    return run(
        SESSION,
        scos=SCOS,
        settings=settings or {},
        data=data,
        mode=mode,
        options=options,
        steps=steps,
        pick=pick,
    )


def test_a_save_sends_only_what_changed_and_never_session_time() -> None:
    got = session(
        [
            ["LMSInitialize", ""],
            ["LMSSetValue", "cmi.core.lesson_location", "p1"],
            ["LMSCommit", ""],
            ["LMSSetValue", "cmi.core.session_time", "00:00:07"],
            ["LMSFinish", ""],
        ]
    )
    tracks = got["tracks"]
    # The first save after a launch with no status stores "not attempted"; LMSFinish turns
    # "not attempted" into "completed" (scorm_12.js StoreData).
    assert tracks["cmi.core.lesson_status"] == "completed"
    assert tracks["cmi.core.lesson_location"] == "p1"
    assert "cmi.core.session_time" not in tracks
    assert tracks["cmi.core.total_time"] == "00:00:07.00"


def test_total_time_adds_up_and_entry_follows_exit() -> None:
    first = session(
        [
            ["LMSInitialize", ""],
            ["LMSSetValue", "cmi.core.lesson_status", "incomplete"],
            ["LMSSetValue", "cmi.core.exit", "suspend"],
            ["LMSSetValue", "cmi.core.session_time", "00:59:59.50"],
            ["LMSFinish", ""],
        ]
    )
    second = session(
        [
            ["LMSInitialize", ""],
            ["LMSGetValue", "cmi.core.entry"],
            ["LMSSetValue", "cmi.core.session_time", "00:00:00.75"],
            ["LMSFinish", ""],
        ],
        data=first["data"],
    )
    assert second["results"][1] == "resume"
    assert second["tracks"]["cmi.core.total_time"] == "01:00:00.25"


def test_an_attempt_with_every_sco_final_reopens_in_review() -> None:
    data = {"attempts": {"1": {"m1": {"cmi.core.lesson_status": "failed"}}}}
    still_open = session([["LMSInitialize", ""]], data=data)
    assert still_open["launch"] == {"attempt": 1, "mode": "normal"}
    assert still_open["sco"] == "m2"  # the first SCO without a final status
    data["attempts"]["1"]["m2"] = {"cmi.core.lesson_status": "completed"}
    over = session(
        [["LMSInitialize", ""], ["LMSGetValue", "cmi.core.credit"]],
        data=data,
        settings={"maxattempt": 1},
    )
    assert over["launch"] == {"attempt": 1, "mode": "review"}
    assert (over["sco"], over["results"][1]) == ("m1", "no-credit")


def test_a_review_visit_stores_whatever_the_sco_sends() -> None:
    """datamodel.php stores in any mode: only the SCO can keep a review visit read-only."""
    data = {
        "attempts": {"1": {s["identifier"]: {"cmi.core.lesson_status": "passed"} for s in SCOS}}
    }
    got = session(
        [
            ["LMSInitialize", ""],
            ["LMSSetValue", "cmi.core.session_time", "00:00:30"],
            ["LMSSetValue", "cmi.suspend_data", "changed"],
            ["LMSFinish", ""],
        ],
        data=data,
    )
    assert got["launch"]["mode"] == "review"
    assert got["tracks"]["cmi.suspend_data"] == "changed"
    assert got["tracks"]["cmi.core.total_time"] == "00:00:30.00"


def test_mastery_score_overrides_status_at_finish_only_in_normal_mode_for_credit() -> None:
    steps = [
        ["LMSInitialize", ""],
        ["LMSSetValue", "cmi.core.lesson_status", "incomplete"],
        ["LMSSetValue", "cmi.core.score.raw", "85"],
        ["LMSCommit", ""],
    ]
    committed = session(steps)
    assert committed["tracks"]["cmi.core.lesson_status"] == "incomplete"
    finished = session([*steps, ["LMSFinish", ""]])
    assert finished["tracks"]["cmi.core.lesson_status"] == "passed"
    kept = session([*steps, ["LMSFinish", ""]], settings={"masteryoverride": 0})
    assert kept["tracks"]["cmi.core.lesson_status"] == "incomplete"


def test_beacons_can_arrive_in_any_order_and_the_older_value_then_wins() -> None:
    """Why the package writes its result once per session: two saves of one element that
    travel as beacons may be stored the wrong way round."""
    steps = [
        ["LMSInitialize", ""],
        ["LMSSetValue", "cmi.core.lesson_status", "incomplete"],
        ["LMSCommit", ""],
        ["LMSSetValue", "cmi.core.lesson_status", "completed"],
        ["LMSCommit", ""],
    ]
    script = SESSION.replace("const results", "player.beacons(); const results")
    got = run(
        script,
        scos=SCOS,
        settings={},
        data=None,
        mode="normal",
        options={"reorder": "reverse"},
        steps=steps,
        pick=None,
    )
    assert got["results"] == ["true", "true", "true", "true", "true"]
    assert got["tracks"]["cmi.core.lesson_status"] == "incomplete"


def test_refusals_follow_moodles_data_model() -> None:
    got = session(
        [
            ["LMSInitialize", ""],
            ["LMSSetValue", "cmi.core.lesson_status", "done"],
            ["LMSGetLastError"],
            ["LMSSetValue", "cmi.core.score.raw", "100.5"],
            ["LMSSetValue", "cmi.interactions.1.id", "q"],
            ["LMSGetLastError"],
            ["LMSSetValue", "cmi.interactions.0.id", "has space"],
            ["LMSSetValue", "cmi.suspend_data", "x" * 4097],
            ["LMSSetValue", "cmi.core.student_id", "x"],
            ["LMSGetLastError"],
            ["LMSGetValue", "cmi.core.exit"],
            ["LMSGetLastError"],
            ["LMSGetValue", "cmi.core._children"],
            ["LMSGetValue", "cmi.interactions._count"],
        ]
    )
    assert got["results"] == [
        "true", "false", "405", "false", "false", "201", "false", "false", "false", "403",
        "", "404",
        "student_id,student_name,lesson_location,credit,lesson_status,entry,score,total_time,"
        "lesson_mode,exit,session_time",
        "0",
    ]  # fmt: skip


def test_stored_interactions_come_back_as_their_count() -> None:
    first = session(
        [
            ["LMSInitialize", ""],
            ["LMSSetValue", "cmi.interactions.0.id", "q1"],
            ["LMSSetValue", "cmi.interactions.0.correct_responses.0.pattern", "a"],
            ["LMSFinish", ""],
        ]
    )
    assert first["tracks"]["cmi.interactions_0.id"] == "q1"
    assert first["tracks"]["cmi.interactions_0.correct_responses_0.pattern"] == "a"
    again = session(
        [["LMSInitialize", ""], ["LMSGetValue", "cmi.interactions._count"]],
        data=first["data"],
        pick="m1",
    )
    assert again["results"][1] == "1"


GRADES = """
const site = Site.site({scos, settings, data});
out({grade: site.grade(), completion: site.completion()});
"""


@pytest.mark.parametrize(
    ("settings", "grade"),
    [
        ({"grademethod": 0}, 1),  # Learning objects: the SCOs passed or completed
        ({"grademethod": 1}, 75),  # Highest grade
        ({"grademethod": 2}, 75),  # Average grade leaves out the score "0"
        ({"grademethod": 3}, 75),  # Sum grade
    ],
)
def test_grading_methods(settings: dict[str, Any], grade: float) -> None:
    data = {
        "attempts": {
            "1": {
                "m1": {"cmi.core.lesson_status": "failed", "cmi.core.score.raw": "0"},
                "m2": {"cmi.core.lesson_status": "passed", "cmi.core.score.raw": "75"},
            }
        }
    }
    assert run(GRADES, scos=SCOS, settings=settings, data=data)["grade"] == grade


def test_completion_needs_a_status_and_all_scos() -> None:
    data = {"attempts": {"1": {"m1": {"cmi.core.lesson_status": "passed"}}}}
    rules = {"completionstatusrequired": 6, "completionstatusallscos": 1}
    assert run(GRADES, scos=SCOS, settings=rules, data=data)["completion"] == "incomplete"
    data["attempts"]["1"]["m2"] = {"cmi.core.lesson_status": "failed"}
    assert run(GRADES, scos=SCOS, settings=rules, data=data)["completion"] == "incomplete"
    data["attempts"]["1"]["m2"] = {"cmi.core.lesson_status": "completed"}
    assert run(GRADES, scos=SCOS, settings=rules, data=data)["completion"] == "complete"
    only_passed = {"completionstatusrequired": 2}
    data["attempts"]["1"] = {"m2": {"cmi.core.lesson_status": "completed"}}
    assert run(GRADES, scos=SCOS, settings=only_passed, data=data)["completion"] == "incomplete"
    assert run(GRADES, scos=SCOS, settings={}, data=None) == {"grade": None, "completion": None}
