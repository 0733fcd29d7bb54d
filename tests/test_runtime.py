"""The learner runtime's scripts: what each needs is declared once, in its own header, and
the numbers Python shares with them have one home (runtime/constants.json)."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from scormbuild import runtime
from scormbuild.package import suspend_data
from scormbuild.render import minify, pagefiles, pages
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


def unbundled(files: tuple[str, ...]) -> list[str]:
    """The runtime's scripts that ``files`` (as a page loads them) run, in order."""
    return [s for f in files for s in pagefiles.BUNDLES.get(f, (f,))]


def test_pages_load_each_script_after_what_it_needs() -> None:
    for files in (pagefiles.LAUNCH_SCRIPTS, pagefiles.PAGE_SCRIPTS):
        scripts = unbundled(files)
        assert scripts[0] == "course-data.js" and len(set(scripts)) == len(scripts)
        for i, script in enumerate(scripts[1:], start=1):
            needed = () if script == runtime.CONSTANTS_SCRIPT else runtime.requires(script)
            assert set(needed) <= set(scripts[:i]), script
    assert unbundled(pagefiles.LAUNCH_SCRIPTS)[-1] == "shell.js"
    assert unbundled(pagefiles.PAGE_SCRIPTS)[-1] == "page.js"


def test_every_script_is_used() -> None:
    used = set(runtime.load_order([*runtime.LAUNCH_ENTRIES, *runtime.PAGE_ENTRIES]))
    assert used == {*SCRIPTS, runtime.CONSTANTS_SCRIPT}
    loaded = unbundled(pagefiles.LAUNCH_SCRIPTS[1:]) + unbundled(pagefiles.PAGE_SCRIPTS[1:])
    assert used == set(loaded)


def test_scripts_ship_together_only_where_they_always_load_together() -> None:
    """core.js holds what both the launch page and a module page load, launch.js what only the
    launch page loads; no member is one that only some courses ship (quiz-ui.js, exam.js,
    dragdrop.js), so a bundle never brings code a course would otherwise go without."""
    core, launch = (pagefiles.BUNDLES[n] for n in (runtime.CORE_SCRIPT, runtime.LAUNCH_SCRIPT))
    assert set(core) == set(unbundled(pagefiles.LAUNCH_SCRIPTS[1:])) & set(
        unbundled(pagefiles.PAGE_SCRIPTS)
    )
    assert runtime.CONSTANTS_SCRIPT in core and "session.js" in core and "shell.js" in launch
    assert not set(launch) & set(unbundled(pagefiles.PAGE_SCRIPTS))
    from tests.course_samples import module, sample_course

    bare = dataclasses.replace(sample_course(), modules=(module(1),))
    for member in (*core, *launch):
        assert pagefiles.ships(bare, member), member
    assert not pagefiles.ships(bare, "quiz-ui.js")  # the check can fail


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
    shipped = json.loads(script.removeprefix("window.SBConstants = ").rstrip().rstrip(";"))
    read = {n for name in SCRIPTS for n in runtime.USED_RE.findall(runtime.read(name))}
    assert read and set(shipped) == read <= set(shared)  # every number a script reads, no more
    assert all(shipped[k] == shared[k] for k in shipped)
    assert "SUSPEND_DATA_LIMIT" not in shipped  # Python's alone: it proves the bound
    numbers = {str(v) for v in shared.values() if isinstance(v, int) and v > 100}
    for name in SCRIPTS:
        found = set(re.findall(r"\b\d{3,}\b", runtime.read(name))) & numbers
        assert not found, f"{name} repeats {found}: use the constant"


@pytest.mark.parametrize("script", SCRIPTS)
def test_scripts_name_the_constants_c(script: str) -> None:
    """constants.js ships what scripts read as C.NAME: a script given the constants calls
    them C, so that none of its reads is missed."""
    if "SBConstants" in runtime.browser_globals(script)[1]:
        assert '@param {import("./types").Constants} C' in runtime.read(script)


def test_packages_carry_the_scripts_their_pages_load() -> None:
    from tests.course_samples import sample_course
    from tests.test_render import files

    built, course = files(), sample_course()
    for script in {*pagefiles.LAUNCH_SCRIPTS, *pagefiles.PAGE_SCRIPTS}:
        # exam.js only with a quiz in exam mode, which the sample course has not
        assert (f"scormbuild/{script}" in built) == pagefiles.ships(course, script), script
    assert "exam.js" in pagefiles.PAGE_SCRIPTS and not pagefiles.ships(course, "exam.js")
    assert built["scormbuild/core.js"] == pages.runtime_file(runtime.CORE_SCRIPT)
    assert not [
        s
        for s in SCRIPTS
        if f"scormbuild/{s}" in built and s in pagefiles.BUNDLES[runtime.CORE_SCRIPT]
    ]


@pytest.mark.parametrize("script", [s for s in minify.script_names() if "/" not in s])
def test_packaged_scripts_lose_their_annotations_and_still_parse(
    script: str, tmp_path: Path
) -> None:
    """The packages get each script minified: no comment left, and still JavaScript."""
    packed = pages.runtime_file(script).decode()
    assert "/*" not in packed and "*/" not in packed and "@type" not in packed
    need(shutil.which("node") is not None, "node is not installed (make browser-deps)")
    (tmp_path / script).write_text(packed, encoding="utf-8")
    subprocess.run(["node", "--check", str(tmp_path / script)], check=True)


def test_packages_ship_the_browser_half_of_each_header(tmp_path: Path) -> None:
    """A package runs in browsers only: no script keeps the node half of its header, and run
    as the pages load it, core.js defines the global of every script it holds."""
    need(shutil.which("node") is not None, "node is not installed (make browser-deps)")
    for name in minify.script_names():
        packed = pages.runtime_file(name).decode()
        assert "module.exports" not in packed and "require(" not in packed, name
    names = [runtime.CORE_SCRIPT]
    expected = {global_of(n) for n in pagefiles.BUNDLES[runtime.CORE_SCRIPT]}
    runner = (
        "const vm = require('vm'), fs = require('fs'), files = JSON.parse(process.argv[1]);"
        "const window = {console, document: {}, SCORMBUILD_COURSE: {strings: {}}};"
        "window.window = window; vm.createContext(window);"
        "for (const f of files) vm.runInContext(fs.readFileSync(f, 'utf8'), window);"
        "const defined = Object.keys(window).filter((k) => k.startsWith('SB'));"
        "process.stdout.write(JSON.stringify(defined));"
    )
    paths = []
    for name in names:
        (tmp_path / name).write_bytes(pages.runtime_file(name))
        paths.append(str(tmp_path / name))
    done = subprocess.run(
        ["node", "-e", runner, json.dumps(paths)], capture_output=True, text=True, check=True
    )
    assert set(json.loads(done.stdout)) == expected


def test_a_script_without_the_runtime_header_is_not_shipped_half_changed() -> None:
    with pytest.raises(ValueError, match="header"):
        minify.browser_only("(function () { window.X = 1; })();\n")
