"""The learner runtime's scripts: what each needs is declared once, in its own header, and
the numbers Python shares with them have one home (runtime/constants.json)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from scormbuild import runtime
from scormbuild.package import suspend_data
from scormbuild.render import pages
from tests.needs import need

FOLDER = Path(runtime.__file__).parent
SCRIPTS = sorted(p.name for p in FOLDER.glob("*.js"))


def global_of(script: str) -> str | None:
    if script == runtime.CONSTANTS_SCRIPT:
        return "SBConstants"
    return runtime.browser_globals(script)[0]


@pytest.mark.parametrize("script", SCRIPTS)
def test_browser_and_node_halves_of_a_header_agree(script: str) -> None:
    """The browser hands the factory the globals of the very scripts node requires."""
    _name, handed = runtime.browser_globals(script)
    assert handed == tuple(global_of(r) for r in runtime.requires(script))


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_script_is_type_checked(script: str) -> None:
    assert runtime.read(script).startswith("// @ts-check\n")


def test_pages_load_each_script_after_what_it_needs() -> None:
    for scripts in (pages.LAUNCH_SCRIPTS, pages.PAGE_SCRIPTS):
        assert scripts[0] == "course-data.js"
        for i, script in enumerate(scripts[1:], start=1):
            needed = () if script == runtime.CONSTANTS_SCRIPT else runtime.requires(script)
            assert set(needed) <= set(scripts[:i]), script
    assert pages.LAUNCH_SCRIPTS[-1] == "shell.js" and pages.PAGE_SCRIPTS[-1] == "page.js"


def test_every_script_is_used() -> None:
    used = set(runtime.load_order(["shell.js", "page.js"]))
    assert used == {*SCRIPTS, runtime.CONSTANTS_SCRIPT}


def test_scripts_that_need_each_other_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    needs = {"a.js": ("b.js",), "b.js": ("c.js",), "c.js": ("a.js",)}
    monkeypatch.setattr(runtime, "requires", lambda script: needs[script])
    with pytest.raises(ValueError, match=r"a\.js -> b\.js -> c\.js -> a\.js"):
        runtime.load_order(["a.js"])


def test_constants_have_one_home() -> None:
    """Python and the package read constants.json; no script keeps a copy of a number."""
    shared = json.loads((FOLDER / "constants.json").read_text(encoding="utf-8"))
    assert suspend_data.SEED_LIMIT == shared["SEED_LIMIT"] == 36**4
    assert shared["BEST_SCALE"] == suspend_data.BEST_SCALE
    assert suspend_data.INTERACTION_CAP == shared["INTERACTION_CAP"] == 36**4 - 1
    assert suspend_data.ATTEMPT_CAP == shared["ATTEMPT_CAP"] == 36**2 - 1
    script = runtime.constants_script().decode()
    assert json.loads(script.removeprefix("window.SBConstants = ").rstrip().rstrip(";")) == shared
    numbers = {str(v) for v in shared.values() if isinstance(v, int) and v > 100}
    for name in SCRIPTS:
        found = set(re.findall(r"\b\d{3,}\b", runtime.read(name))) & numbers
        assert not found, f"{name} repeats {found}: use the constant"


def test_packages_carry_the_scripts_their_pages_load() -> None:
    from tests.test_render import files

    built = files()
    for script in {*pages.LAUNCH_SCRIPTS, *pages.PAGE_SCRIPTS}:
        assert f"scormbuild/{script}" in built
    assert built["scormbuild/constants.js"] == runtime.constants_script()


@pytest.mark.parametrize("script", SCRIPTS)
def test_packaged_scripts_lose_their_annotations_and_still_parse(
    script: str, tmp_path: Path
) -> None:
    """The packages get each script minified: no comment left, and still JavaScript."""
    packed = pages.runtime_file(script).decode()
    assert "/*" not in packed and "*/" not in packed and "@type" not in packed
    need(shutil.which("node") is not None, "node is not installed (make browser-deps)")
    (tmp_path / script).write_text(packed, encoding="utf-8")
    subprocess.run(["node", "--check", str(tmp_path / script)], check=True)
