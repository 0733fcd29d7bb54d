"""course.yml theme.font: the system font ships nothing; a shipped typeface travels in the
package with its licence and the @font-face rules that name it. In the browser:
tests/browser/test_fonts.py."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from scormbuild import fonts
from scormbuild.render.pages import render_course
from scormbuild.render.theme import make_environment
from scormbuild.source.load import read_course
from tests.coursekit import COURSE_YML, write_course


def package(tmp_path: Path, theme: str) -> dict[str, bytes]:
    root = write_course(tmp_path / "c", {"course.yml": COURSE_YML + theme})
    loaded, problems = read_course(root)
    assert loaded is not None, [p.format() for p in problems]
    out = render_course(loaded.courses[0], make_environment(None))
    return {f.path: f.data or b"" for f in out}


def test_the_system_font_ships_no_font(tmp_path: Path) -> None:
    files = package(tmp_path, "")
    assert not [p for p in files if p.startswith(fonts.FOLDER)]
    assert b"@font-face" not in files["scormbuild/brand.css"]


def test_inter_ships_its_files_licence_and_rules(tmp_path: Path) -> None:
    files = package(tmp_path, "theme:\n  font: inter\n")
    shipped = sorted(p for p in files if p.startswith(fonts.FOLDER + "/"))
    assert shipped == [
        "scormbuild/fonts/Inter-OFL.txt",
        "scormbuild/fonts/Inter-italic.woff2",
        "scormbuild/fonts/Inter-roman.woff2",
    ]
    for name in shipped[1:]:
        assert files[name][:4] == b"wOF2", name  # the woff2 signature
    licence = files["scormbuild/fonts/Inter-OFL.txt"].decode()
    assert "SIL Open Font License" in licence and "The Inter Project Authors" in licence
    css = files["scormbuild/brand.css"].decode()
    assert css.count("@font-face") == 2 and css.count("font-display:swap") == 2
    # Every url() names a file of the package, relative to the stylesheet; none leaves it.
    urls = re.findall(r'url\("([^"]+)"\)', css)
    assert urls and all(":" not in u and not u.startswith("/") for u in urls)
    for url in urls:
        assert str(PurePosixPath("scormbuild") / url) in files
    assert "--sb-font:Inter,var(--sb-system-font)" in css
    theme = files["scormbuild/theme.css"].decode()
    assert "--sb-system-font:" in theme and "--sb-font:var(--sb-system-font)" in theme


def test_an_unknown_font_is_an_error_naming_the_key(tmp_path: Path) -> None:
    root = write_course(tmp_path / "c", {"course.yml": COURSE_YML + "theme:\n  font: comic\n"})
    loaded, problems = read_course(root)
    errors = [p.format() for p in problems if p.level == "error"]
    assert loaded is None or errors
    line = len(COURSE_YML.splitlines()) + 2
    assert any(
        e.startswith(f"course.yml:{line}: error: 'theme.font' must be") and "'inter'" in e
        for e in errors
    ), errors
