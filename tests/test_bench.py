"""The benchmark runs end to end at its small size, so it cannot rot.

Timing targets are not asserted here: CI machines are too noisy for that. The benchmark
proper runs on demand (docs/performance.md).
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

HAVE_MKDOCS = importlib.util.find_spec("mkdocs") is not None
ROOT = Path(__file__).resolve().parents[1]
RUN = ROOT / "bench" / "run.py"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("bench")
    proc = subprocess.run(
        [sys.executable, str(RUN), "--size", "small", "--repeat", "1", "--out", str(out),
         "--json", str(out / "results.json"), "--markdown", str(out / "results.md")],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "| Target |" in proc.stdout
    return json.loads((out / "results.json").read_text())


def test_every_measurement_has_its_figures(report: dict) -> None:
    results = report["results"]
    kinds = ["build", "markdown-plain", "markdown-ours", "markdown-all", "incremental"]
    for kind in kinds + (["mkdocs"] if HAVE_MKDOCS else []):
        assert "error" not in results[kind], results[kind]
        assert results[kind]["seconds"] > 0
        assert results[kind]["peak_kb"] > 0
    build = results["build"]
    assert set(build["phases"]) == {"load", "check", "render", "manifest", "package"}
    assert build["package_bytes"] > 1024 * 1024  # the video is in it
    assert 0 < build["runtime_code_bytes"] < build["js_css_bytes"]
    assert build["runtime_code_bytes"] < build["every_block_code_bytes"] <= 60 * 1024


def test_every_target_is_evaluated(report: dict) -> None:
    targets = report["targets"]
    assert sum(t["gate"] for t in targets) == 6
    for t in targets:
        if "MkDocs" in t["name"] and not HAVE_MKDOCS:
            continue
        assert t["value"] is not None and t["holds"] in (True, False), t
        if t["unit"] == "x":  # a paired ratio: the median lies within the rounds' ratios
            low, high = t["spread"]
            assert low <= t["value"] <= high, t


def test_generated_course_is_deterministic(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from generate import SIZES, digest, generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    tiny = SIZES["small"]
    a = digest(generate(tmp_path / "a", tiny, seed=7))
    b = digest(generate(tmp_path / "b", tiny, seed=7))
    assert a == b
    assert digest(generate(tmp_path / "c", tiny, seed=8)) != a
