"""The real Moodle for the export and analyze tests: where it is, and running PHP scripts in it.

Moodle's location comes from the environment, with setup.sh's defaults: ``MC`` (its work
folder), ``MOODLE_SRC`` (the code), ``PORT`` / ``PGPORT`` or ``MOODLE_URL``. When the web server
is not answering, ``setup.sh`` (``../shared/moodle``) is run with the same environment, so that
a fresh machine (CI) gets its Moodle; it is idempotent.
"""

from __future__ import annotations

import json
import os
import subprocess
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.moodle.harness import HOW_TO_ENABLE
from tests.needs import need

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("SCORMBUILD_SHARED", REPO.parent / "shared")) / "moodle"
HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Moodle:
    """One Moodle instance: its folders and URL."""

    mc: Path
    src: Path
    url: str

    def php(self, script: Path, *args: str, check: bool = True) -> Any:
        """Run a PHP CLI script with ``MOODLE_SRC`` as its first argument; its JSON output."""
        env = {**os.environ, "PHP_INI_SCAN_DIR": f":{self.mc}"}
        out = subprocess.run(
            ["php", str(script), str(self.src), *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )
        if check and out.returncode not in (0, 1):
            raise RuntimeError(f"{script.name} failed ({out.returncode}): {out.stderr[-2000:]}")
        start = out.stdout.find("{")
        if start < 0:
            raise RuntimeError(
                f"{script.name} printed no JSON: {out.stdout[-2000:]} {out.stderr[-2000:]}"
            )
        return json.loads(out.stdout[start:])


def locate() -> Moodle:
    """Moodle's location from the environment (setup.sh's defaults)."""
    mc = Path(os.environ.get("MC", "/tmp/scormbuild-moodle"))
    src = Path(os.environ.get("MOODLE_SRC", mc / "moodle"))
    url = os.environ.get("MOODLE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8765')}")
    return Moodle(mc, src, url.rstrip("/"))


def answering(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/login/index.php", timeout=10) as resp:
            return bool(resp.status == 200)
    except OSError:
        return False


def ensure(moodle: Moodle) -> Moodle:
    """Start (or install) Moodle when it is not answering, then set up course SCORMCHECK.

    Without the Moodle helpers the test skips under the real-Moodle tests' one line (fails
    under CI), as every other real-Moodle test does."""
    need((SHARED / "setup.sh").is_file(), HOW_TO_ENABLE)
    if not answering(moodle.url) or not (moodle.src / "config.php").is_file():
        env = {**os.environ, "MC": str(moodle.mc), "MOODLE_SRC": str(moodle.src)}
        subprocess.run(["bash", str(SHARED / "setup.sh")], env=env, check=True, timeout=1800)
    moodle.php(SHARED / "mc_site.php")
    return moodle


RUNTIME = REPO / "src" / "scormbuild" / "runtime"


def package_points(questions: list[dict[str, Any]], answers: list[Any], lang: str) -> list[float]:
    """The points the package's own scoring (``quiz.js`` under node) gives each answer.

    ``questions`` are the runtime's question data (``render.coursedata.question_data``).
    """
    script = (
        f"const Q = require({json.dumps(str(RUNTIME / 'quiz.js'))});"
        "const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "console.log(JSON.stringify(input.qs.map(function (q, i) {"
        "  return Q.isCorrect(q, input.answers[i], input.lang) ? q.points : 0; })));"
    )
    out = subprocess.run(
        ["node", "-e", script],
        input=json.dumps({"qs": questions, "answers": answers, "lang": lang}),
        capture_output=True,
        text=True,
        check=True,
    )
    return [float(x) for x in json.loads(out.stdout)]
