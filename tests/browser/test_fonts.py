"""A shipped typeface in the browser: Inter loads from the package itself (no request leaves
it, nothing the Content-Security-Policy refuses) and has the letters of Finnish and Swedish."""

from __future__ import annotations

from pathlib import Path

from scorm_lms import LmsSession

from scormbuild.commands.build import build
from tests.coursekit import COURSE_YML, write_course

LETTERS = "åäöÅÄÖšžŠŽ€"
# The width of each letter in Inter (falling back to monospace) and in monospace alone: a
# letter Inter lacks is drawn by the fallback, and both widths are the same.
WIDTHS = """(letters) => {
  const c = document.createElement("canvas").getContext("2d");
  return [...letters].map((ch) => {
    c.font = "40px Inter, monospace"; const inter = c.measureText(ch).width;
    c.font = "40px monospace"; return [ch, inter, c.measureText(ch).width];
  });
}"""


def test_inter_loads_from_the_package_with_the_letters_of_the_course(
    lms: LmsSession, tmp_path: Path
) -> None:
    course = write_course(tmp_path / "c", {"course.yml": COURSE_YML + "theme:\n  font: inter\n"})
    package = build(course, tmp_path / "dist").packages[0]
    page = lms.open_direct(package)
    frame = page.frame(name="sb-content")
    assert frame is not None
    frame.wait_for_selector(".sb-cover")
    loaded = frame.evaluate(
        "async () => { await document.fonts.ready;"
        " const faces = await document.fonts.load('16px Inter', 'åäö');"
        " return faces.map((f) => [f.family, f.style, f.status]); }"
    )
    assert ["Inter", "normal", "loaded"] in loaded
    family = frame.evaluate("() => getComputedStyle(document.body).fontFamily")
    assert family.startswith("Inter,")
    missing = [ch for ch, inter, mono in frame.evaluate(WIDTHS, LETTERS) if inter == mono]
    assert missing == []
    italic = frame.evaluate(
        "async () => (await document.fonts.load('italic 16px Inter', 'ä')).map((f) => f.style)"
    )
    assert italic == ["italic"]
    lms.assert_no_external_requests()
    lms.assert_no_page_errors()
