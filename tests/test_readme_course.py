"""The README's "Your own course" path, followed as written from a fresh virtual environment:
install, new, preview, check --strict, build."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import sysconfig
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
INSTALL = "~/scormbuild-env/bin/pip install ."


def readme_commands() -> list[str]:
    """The shell lines of the section, comments dropped."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## Your own course", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "README's 'Your own course' has no sh block"
    lines = [line.split("  #")[0].strip() for line in block[1].splitlines()]
    return [line for line in lines if line]


def run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{shlex.join(args)}\n{done.stdout}\n{done.stderr}"
    return done


def test_the_readme_path_from_a_fresh_virtual_environment(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHON"))}
    env.update(HOME=str(home), CI="1", PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    cwd = tmp_path
    venv = home / "scormbuild-env"
    seen: list[str] = []
    for line in readme_commands():
        words = shlex.split(line.replace("~", str(home)))
        if line == "python3 -m venv ~/scormbuild-env":
            # The test's own interpreter stands for python3: the version the project supports.
            run([sys.executable, "-m", "venv", str(venv)], cwd, env)
            # No network here: the dependencies (and the build backend) are the ones this
            # test environment has, made visible to the new one by a path line. The project
            # itself is built from the checkout and installed into the new environment.
            site = Path(
                run([str(venv / "bin/python"), "-c", "import sysconfig; "
                     "print(sysconfig.get_paths()['purelib'])"], cwd, env).stdout.strip()
            )  # fmt: skip
            (site / "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
        elif line == INSTALL:
            run([*words, "--no-deps", "--no-build-isolation"], REPO, env)
        elif line.startswith(". ") and line.endswith("/bin/activate"):
            env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env['PATH']}"
            env["VIRTUAL_ENV"] = str(venv)
        elif line.startswith("mkdir -p ") and " && cd " in line:
            cwd = Path(line.split(" && cd ", 1)[1].replace("~", str(home)))
            cwd.mkdir(parents=True)
        elif words[:2] == ["scormbuild", "preview"]:
            preview(words, cwd, env)
        else:
            assert words[0] == "scormbuild", f"README line the test does not know: {line}"
            run(words, cwd, env)
        seen.append(" ".join(words[:2]))
    assert seen[-4:] == [
        "scormbuild new",
        "scormbuild preview",
        "scormbuild check",
        "scormbuild build",
    ]
    # What ran was the installed copy, not this checkout.
    where = run([str(venv / "bin/python"), "-c", "import scormbuild; print(scormbuild.__file__)"],
                cwd, env).stdout  # fmt: skip
    assert where.startswith(str(venv)), where
    built = sorted(p.name for p in (cwd / "dist").iterdir())
    assert "tietosuoja-0.1.0.zip" in built, built
    assert "tietosuoja-0.1.0-moodle.md" in built
    assert not (cwd / "tietosuoja" / "dist").exists()  # dist/ is in the current folder


def preview(words: list[str], cwd: Path, env: dict[str, str]) -> None:
    """Start the preview on a free port, load its page and the course's, stop it."""
    server = subprocess.Popen(
        [*words, "--port", "0"], cwd=cwd, env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        assert server.stdout is not None
        url = server.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:"), url
        with urllib.request.urlopen(url, timeout=60) as page:
            assert page.status == 200
        with urllib.request.urlopen(f"{url}course/fi/index.html", timeout=60) as page:
            assert "Tietosuoja arjessa" in page.read().decode("utf-8")
    finally:
        server.terminate()
        server.wait(timeout=60)
