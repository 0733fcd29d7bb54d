"""A real Moodle for tests: import a package with its own sheet's settings, play it, read it back.

The Moodle is the one ``../shared/moodle`` sets up (Moodle 4.5.6, its ``setup.sh`` and PHP helpers,
see its README). Where it lives comes from the environment, with ``setup.sh``'s defaults, so that
several instances can run side by side:

- ``SCORMBUILD_SHARED``: the folder whose ``moodle/`` holds ``setup.sh`` and ``mc_*.php``
  (default ``../shared`` beside the repository);
- ``MC``: Moodle's work folder (default ``/tmp/scormbuild-moodle``); ``MOODLE_SRC``: its code
  (default ``$MC/moodle``);
- ``PORT``, ``PGPORT``: its web and database ports (default 8765 and 55432);
- ``MOODLE_URL``: its address (default ``http://127.0.0.1:$PORT``).

The pieces, each usable on its own:

- :class:`MoodleEnv` -- the environment: is Moodle there, start it (``setup.sh``), run a helper.
- :class:`Moodle` -- the site (course ``SCORMCHECK``, learner ``student1``):
  :meth:`Moodle.import_package` runs Moodle's own importer (``mc_addscorm.php``) and
  :meth:`Moodle.tracks` reads back what Moodle stored and graded (``mc_tracks.php``).
- :func:`sheet_settings` -- the activity settings a package's ``-moodle.md`` sheet recommends, as
  ``mod_scorm`` fields. Every row must name a setting and a value exactly as Moodle's English
  interface does, so importing with them tests the sheet too.
- :class:`~tests.moodle.learner.Learner` (in ``learner.py``) -- ``student1`` in headless Chromium,
  playing through Moodle's own entry page and player (``mod/scorm/view.php``, ``player.php``).

The fixtures in ``conftest.py`` put them together (``moodle``, ``learner``); see the tests beside
this file for whole paths.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
HELPERS = ("setup.sh", "mc_site.php", "mc_addscorm.php", "mc_tracks.php")
HOW_TO_ENABLE = (
    "the real-Moodle tests need ../shared/moodle (Moodle 4.5.6, setup.sh and the mc_*.php "
    "helpers) beside the repository, or SCORMBUILD_SHARED=<the folder holding moodle/>; they "
    "start that Moodle with its setup.sh (root, apt)"
)


class MoodleError(RuntimeError):
    """Moodle, a helper or the setup did something the tests did not expect."""


# ---------------------------------------------------------------- the environment


@dataclass(frozen=True)
class MoodleEnv:
    """Where one Moodle instance lives, and how to run its helpers."""

    shared: Path
    mc: Path
    src: Path
    url: str
    port: str
    pgport: str

    @classmethod
    def from_environ(cls, environ: dict[str, str] | None = None) -> MoodleEnv:
        """The instance the environment names, with setup.sh's defaults."""
        env = dict(os.environ if environ is None else environ)
        mc = Path(env.get("MC") or "/tmp/scormbuild-moodle")
        port = env.get("PORT") or "8765"
        return cls(
            shared=Path(env.get("SCORMBUILD_SHARED") or REPO.parent / "shared") / "moodle",
            mc=mc,
            src=Path(env.get("MOODLE_SRC") or mc / "moodle"),
            url=(env.get("MOODLE_URL") or f"http://127.0.0.1:{port}").rstrip("/"),
            port=port,
            pgport=env.get("PGPORT") or "55432",
        )

    def missing(self) -> list[str]:
        """The helper files that are not there (empty: the tests can run)."""
        return [name for name in HELPERS if not (self.shared / name).is_file()]

    def is_up(self) -> bool:
        """Whether the site answers on its login page."""
        try:
            with urllib.request.urlopen(f"{self.url}/login/index.php", timeout=10) as response:
                return bool(response.status == 200)
        except (urllib.error.URLError, OSError):
            return False

    def setup(self, log: Path) -> None:
        """Run setup.sh (idempotent: starts what is stopped, installs what is missing)."""
        env = {
            **os.environ,
            "MC": str(self.mc),
            "MOODLE_SRC": str(self.src),
            "PORT": self.port,
            "PGPORT": self.pgport,
        }
        with log.open("w", encoding="utf-8") as out:
            done = subprocess.run(
                ["bash", str(self.shared / "setup.sh")],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=1800,
                check=False,
            )
        if done.returncode != 0 or not self.is_up():
            tail = "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-20:])
            raise MoodleError(f"setup.sh did not bring Moodle up at {self.url}:\n{tail}")

    @property
    def log(self) -> ServerLog:
        """The web server's request log."""
        return ServerLog(self.mc / "phpserver.log")

    def php(self, script: str, *args: str | Path) -> Any:
        """Run a PHP helper (from ../shared/moodle, else from this folder); its JSON output."""
        env = {**os.environ, "PHP_INI_SCAN_DIR": f":{self.mc}"}
        path = self.shared / script
        if not path.is_file():
            path = Path(__file__).with_name(script)
        command = ["php", str(path), str(self.src), *map(str, args)]
        done = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=300, check=False
        )
        try:
            return json.loads(done.stdout)
        except json.JSONDecodeError:
            raise MoodleError(
                f"{script} exited {done.returncode} without JSON:\n"
                f"{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
            ) from None


class ServerLog:
    """The web server's request log (setup.sh's ``$MC/phpserver.log``).

    Saves a player sends while the page unloads are ``sendBeacon`` requests, which the browser
    sends on its own, out of sight of the test's browser automation. The server's log still
    shows every connection, from ``Accepted`` to ``Closing``.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def size(self) -> int:
        """The log's length now (a mark to read from)."""
        return self.path.stat().st_size if self.path.is_file() else 0

    def since(self, mark: int) -> list[str]:
        """The lines written after ``mark``."""
        if not self.path.is_file():
            return []
        with self.path.open("rb") as log:
            log.seek(mark)
            return log.read().decode("utf-8", "replace").splitlines()

    def open_connections(self, mark: int) -> int:
        """Connections accepted after ``mark`` that are not closed yet."""
        open_ = set()
        for line in self.since(mark):
            m = re.search(r" (\S+:\d+) (Accepted|Closing)$", line)
            if m and m[2] == "Accepted":
                open_.add(m[1])
            elif m:
                open_.discard(m[1])
        return len(open_)

    def saves(self, mark: int) -> list[str]:
        """The answered ``datamodel.php`` requests after ``mark`` (``beacon`` or ``xhr``)."""
        return [
            "beacon" if "api=beacon" in line else "xhr"
            for line in self.since(mark)
            if "POST /mod/scorm/datamodel.php" in line
        ]


# ---------------------------------------------------------------- the sheet's settings

# Moodle 4.5's English labels (mod/scorm/lang/en/scorm.php, lang/en/*.php) and the mod_scorm
# field and value each stands for. A label the sheet uses must be here, and a value must be one
# of the options Moodle's form offers for it.
_NO_YES = {"No": 0, "Yes": 1}
SETTINGS: dict[str, tuple[str, dict[str, int] | None]] = {
    "Grading method": (
        "grademethod",
        {"Learning objects": 0, "Highest grade": 1, "Average grade": 2, "Sum grade": 3},
    ),
    "Maximum grade": ("maxgrade", None),
    "Grade to pass": ("gradepass", None),
    "Number of attempts": (
        "maxattempt",
        {"Unlimited attempts": 0, "1 attempt": 1, **{f"{n} attempts": n for n in range(2, 7)}},
    ),
    "Attempts grading": (
        "whatgrade",
        {
            "Highest attempt": 0,
            "Average attempts": 1,
            "First attempt": 2,
            "Last completed attempt": 3,
        },
    ),
    "Force new attempt": (
        "forcenewattempt",
        {"No": 0, "When previous attempt completed, passed or failed": 1, "Always": 2},
    ),
    "Lock after final attempt": ("lastattemptlock", _NO_YES),
    "Force completed": ("forcecompleted", _NO_YES),
    "Auto-continue": ("auto", _NO_YES),
    "Auto-commit": ("autocommit", _NO_YES),
    "Mastery score overrides status": ("masteryoverride", _NO_YES),
    "Display package": ("popup", {"Current window": 0, "New window": 1}),
    "Student skip content structure page": (
        "skipview",
        {"Never": 0, "First access": 1, "Always": 2},
    ),
    "Disable preview mode": ("hidebrowse", _NO_YES),
    "Display content structure on entry page": ("displaycoursestructure", _NO_YES),
    "Display content structure in player": (
        "hidetoc",
        {"To the side": 0, "Hidden": 1, "In a drop-down menu": 2, "Disabled": 3},
    ),
    "Show Navigation": ("nav", {"No": 0, "Under content": 1, "Floating": 2}),
    "Display attempt status": (
        "displayattemptstatus",
        {"No": 0, "Dashboard and entry page": 1, "Dashboard only": 2, "Entry page only": 3},
    ),
    "Completion conditions": (
        "completion",
        {"None": 0, "Students must manually mark the activity as done": 1, "Add requirements": 2},
    ),
    "View the activity": ("completionview", _NO_YES),
    "Receive a grade": ("completionusegrade", {"No": 0, "Any grade": 1, "Passing grade": 2}),
    "Require minimum score": ("completionscorerequired", None),
    "Passed": ("completionstatusrequired:2", _NO_YES),
    "Completed": ("completionstatusrequired:4", _NO_YES),
    "All SCOs must return completion status": ("completionstatusallscos", _NO_YES),
}
# Site-wide settings (mc_site.php sets them): the sheet must ask for what the site has.
SITE_SETTINGS = {"SCORM standards mode": "Yes"}

_ROW = re.compile(r"^\|\s*(?P<setting>[^|]+?)\s*\|\s*\*\*(?P<value>[^*|]+)\*\*\s*\|")


def sheet_rows(text: str) -> list[tuple[str, str]]:
    """``(setting, value)`` of every settings-table row of a sheet, in order."""
    return [(m["setting"], m["value"]) for m in map(_ROW.match, text.splitlines()) if m]


def sheet_settings(sheet: Path | str) -> dict[str, Any]:
    """The ``mod_scorm`` fields a ``-moodle.md`` sheet recommends, for ``mc_addscorm.php``.

    Raises :class:`MoodleError` for a row Moodle's form has no such setting or value for.
    """
    text = Path(sheet).read_text(encoding="utf-8")
    fields: dict[str, Any] = {}
    status = 0
    unknown = []
    for setting, value in sheet_rows(text):
        if setting in SITE_SETTINGS:
            if value != SITE_SETTINGS[setting]:
                unknown.append(
                    f"{setting}: the test site has {SITE_SETTINGS[setting]}, not {value}"
                )
            continue
        if setting not in SETTINGS:
            unknown.append(f"no such setting in Moodle's form: {setting!r}")
            continue
        name, options = SETTINGS[setting]
        if options is None:
            if value == "No":
                continue
            try:
                number = float(value)
            except ValueError:
                unknown.append(f"{setting}: not a number: {value!r}")
                continue
            fields[name] = int(number) if number.is_integer() else number
            if name == "completionscorerequired":
                fields["completionscoreenabled"] = 1
        elif value not in options:
            unknown.append(f"{setting}: Moodle offers no {value!r} ({', '.join(options)})")
        elif name.startswith("completionstatusrequired:"):
            status |= int(name.split(":")[1]) * options[value]
        elif name == "completionusegrade":
            fields[name] = int(options[value] > 0)
            fields["completionpassgrade"] = int(options[value] == 2)
        else:
            fields[name] = options[value]
    if unknown:
        raise MoodleError(f"{sheet}: " + "; ".join(unknown))
    if status:
        fields["completionstatusrequired"] = status
    return fields


# ---------------------------------------------------------------- the site


@dataclass(frozen=True)
class Sco:
    """One item of an imported package (``scorm_scoes``)."""

    id: int
    identifier: str
    title: str
    launch: str
    scormtype: str


@dataclass(frozen=True)
class Activity:
    """A SCORM activity Moodle created from a package."""

    cmid: int
    scormid: int
    name: str
    record: dict[str, Any]
    scoes: tuple[Sco, ...]
    grade_item: dict[str, Any] | None

    @property
    def launchable(self) -> tuple[Sco, ...]:
        """The SCOs, in the order of Moodle's table of contents."""
        return tuple(s for s in self.scoes if s.launch)

    def sco(self, title: str) -> Sco:
        """The launchable SCO with this title."""
        for sco in self.launchable:
            if sco.title == title:
                return sco
        raise KeyError(title)


def seconds(timespan: str) -> float:
    """A SCORM 1.2 timespan (``HHHH:MM:SS.SS``) in seconds."""
    hours, minutes, secs = timespan.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(secs)


@dataclass
class Tracks:
    """What Moodle stored for a learner in one activity (``mc_tracks.php``)."""

    raw: dict[str, Any]

    @property
    def attempts(self) -> list[int]:
        """The attempt numbers Moodle has."""
        return [int(a["attempt"]) for a in self.raw["attempts"]]

    def values(self, sco: str | None = None, attempt: int = 1) -> dict[str, str]:
        """Every element stored for one SCO (by identifier; the only one if None) in an attempt."""
        for att in self.raw["attempts"]:
            if att["attempt"] != attempt:
                continue
            found = [s for s in att["scoes"] if sco is None or s["identifier"] == sco]
            if sco is None and len(found) > 1:
                raise MoodleError("several SCOs have data: name one")
            if found:
                return dict(found[0]["values"])
        return {}

    def interactions(self, sco: str | None = None, attempt: int = 1) -> list[dict[str, str]]:
        """``cmi.interactions.N.*`` of one SCO as a list of ``{field: value}``, by N."""
        items: dict[int, dict[str, str]] = {}
        for key, value in self.values(sco, attempt).items():
            # Moodle stores cmi.interactions.0.id as cmi.interactions_0.id.
            m = re.fullmatch(r"cmi\.interactions[._](\d+)\.(.+)", key)
            if m:
                items.setdefault(int(m[1]), {})[re.sub(r"_(\d+)\.", r".\1.", m[2])] = value
        return [items[n] for n in sorted(items)]

    @property
    def grade(self) -> float | None:
        """The gradebook's final grade (None: no grade)."""
        book = self.raw.get("gradebook") or {}
        value = book.get("finalgrade")
        return None if value is None else float(value)

    @property
    def gradepass(self) -> float:
        """The gradebook's grade to pass."""
        return float((self.raw.get("gradebook") or {}).get("gradepass") or 0)

    @property
    def completion(self) -> str:
        """Activity completion: incomplete, complete, complete_pass or complete_fail."""
        return str(self.raw["completion_state"])


def summary(activity: Activity, tracks: Tracks) -> dict[str, Any]:
    """What Moodle stored, in short: per attempt and SCO the elements that matter, with the
    interactions counted by result; the grade and completion (for the report in the docs)."""
    attempts = []
    for number in tracks.attempts:
        scos = []
        for sco in activity.launchable:
            values = tracks.values(sco.identifier, number)
            if not values:
                continue
            results = [i.get("result", "") for i in tracks.interactions(sco.identifier, number)]
            scos.append(
                {
                    "sco": sco.title,
                    "lesson_status": values.get("cmi.core.lesson_status", ""),
                    "score": values.get("cmi.core.score.raw", ""),
                    "exit": values.get("cmi.core.exit", ""),
                    "location": values.get("cmi.core.lesson_location", ""),
                    "suspend_data": len(values.get("cmi.suspend_data", "")),
                    "interactions": {r: results.count(r) for r in sorted(set(results))},
                    "total_time": values.get("cmi.core.total_time", ""),
                }
            )
        attempts.append({"attempt": number, "scos": scos})
    return {
        "attempts": attempts,
        "grade": tracks.grade,
        "gradepass": tracks.gradepass,
        "completion": tracks.completion,
    }


@dataclass(frozen=True)
class Site:
    """The test course and learner (``mc_site.php``)."""

    courseid: int
    userid: int
    username: str
    password: str
    wwwroot: str
    release: str


class Moodle:
    """One running Moodle with the test course: import packages, read back what it stored."""

    def __init__(self, env: MoodleEnv, site: Site) -> None:
        self.env = env
        self.site = site
        self.created: list[int] = []  # course modules this run made, for cleanup()

    @classmethod
    def start(cls, env: MoodleEnv, log: Path) -> Moodle:
        """Make sure the instance runs (setup.sh if not) and has the test course and learner.

        Other test runs may share the site at the same time: nothing of theirs is touched.
        """
        if not env.is_up():
            env.setup(log)
        out = env.php("mc_site.php")
        site = Site(
            courseid=int(out["courseid"]),
            userid=int(out["userid"]),
            username=str(out["username"]),
            password=str(out["password"]),
            wwwroot=str(out["wwwroot"]).rstrip("/"),
            release=str(out["moodle_release"]),
        )
        if site.wwwroot != env.url:
            raise MoodleError(f"the site at {env.src} says it is {site.wwwroot}, not {env.url}")
        return cls(env, site)

    def import_package(
        self, package: Path, settings: dict[str, Any], name: str | None = None
    ) -> Activity:
        """Create a SCORM activity from ``package`` with Moodle's importer and these settings."""
        settings_file = package.with_name(package.stem + "-settings.json")
        settings_file.write_text(json.dumps(settings), encoding="utf-8")
        out = self.env.php(
            "mc_addscorm.php",
            str(self.site.courseid),
            package.resolve(),
            settings_file.resolve(),
            name or package.stem,
        )
        if not out.get("accepted"):
            raise MoodleError(
                f"Moodle refused {package.name}: {out.get('form_errors') or out.get('exception')}"
            )
        self.created.append(int(out["cmid"]))
        return Activity(
            cmid=int(out["cmid"]),
            scormid=int(out["scormid"]),
            name=str(out["scorm"]["name"]),
            record=dict(out["scorm"]),
            scoes=tuple(
                Sco(
                    id=int(s["id"]),
                    identifier=str(s["identifier"]),
                    title=str(s["title"]),
                    launch=str(s["launch"]),
                    scormtype=str(s["scormtype"]),
                )
                for s in out["scoes"]
            ),
            grade_item=out.get("grade_item"),
        )

    def cleanup(self) -> None:
        """Delete the activities this run created."""
        if self.created:
            self.env.php("mc_delete.php", *map(str, self.created))
            self.created.clear()

    def tracks(self, activity: Activity) -> Tracks:
        """Everything Moodle stored and graded for the learner in ``activity``."""
        return Tracks(self.env.php("mc_tracks.php", str(activity.scormid), str(self.site.userid)))
