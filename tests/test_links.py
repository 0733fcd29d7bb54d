"""Links out of the course open in a new window and are listed by ``check``; links to files
download them and say their type and size, in the course's language."""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scormbuild.cli import main
from scormbuild.commands.build import build
from scormbuild.commands.check import check
from scormbuild.courseconfig import CourseConfig
from scormbuild.render.files import file_size, file_type
from scormbuild.source.checks import reviewed
from scormbuild.strings import Catalog
from tests.coursekit import BILINGUAL, COURSE_YML, MODULE, write_course

LINKS = (
    "See [Kela](https://www.kela.fi/etuudet) and\n"
    "[the guide](../assets/guide.pdf), or [write](mailto:neuvonta@example.fi).\n"
)
GUIDE = b"%PDF-1.4\n" + b" " * 1_234_558  # 1,234,567 bytes


def page(package: Path, name: str = "modules/02-more.html") -> str:
    with zipfile.ZipFile(package) as z:
        return z.read(name).decode("utf-8")


class Anchors(HTMLParser):
    """Every <a> of a page: its attributes and the text inside it, hidden text included."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[dict[str, str], str]] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append(({k: v or "" for k, v in attrs}, ""))
            self.depth = 1
        elif self.depth:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and self.links:
            attrs, text = self.links[-1]
            self.links[-1] = (attrs, text + data)


def anchors(html: str) -> dict[str, tuple[dict[str, str], str]]:
    parser = Anchors()
    parser.feed(html)
    return {attrs.get("href", ""): (attrs, text) for attrs, text in parser.links}


@pytest.mark.parametrize(
    ("lang", "new_window", "size"),
    [
        ("fi", "avautuu uuteen ikkunaan", "PDF, 1,2\u00a0Mt"),
        ("sv", "öppnas i ett nytt fönster", "PDF, 1,2\u00a0MB"),
        ("en", "opens in a new window", "PDF, 1.2\u00a0MB"),
    ],
)
def test_pages_say_where_links_open_in_the_course_language(
    tmp_path: Path, lang: str, new_window: str, size: str
) -> None:
    course = write_course(
        tmp_path / "c",
        {
            "course.yml": COURSE_YML.replace("language: en", f"language: {lang}"),
            "modules/02-more.md": MODULE.format(title="More") + "\n" + LINKS,
            "assets/guide.pdf": GUIDE,
        },
    )
    result = build(course, tmp_path / "dist")
    links = anchors(page(result.packages[0]))
    for href in ("https://www.kela.fi/etuudet", "mailto:neuvonta@example.fi"):
        attrs, text = links[href]
        assert (attrs["target"], attrs["rel"]) == ("_blank", "noopener noreferrer")
        assert text.endswith(f" ({new_window})")
    attrs, text = links["../assets/guide.pdf"]
    assert attrs["download"] == "" and "target" not in attrs
    assert text == f"the guide ({size})"


def test_a_glossary_definition_says_what_file_it_links_to_on_every_page(tmp_path: Path) -> None:
    glossary = "form:\n  term: Form\n  definition: The [form](assets/guide.pdf) to fill in.\n"
    course = write_course(
        tmp_path / "c",
        {
            "modules/02-more.md": MODULE.format(title="More") + "\nA [form]{.term}.\n",
            "glossary.yml": glossary,
            "assets/guide.pdf": GUIDE,
        },
    )
    result = build(course, tmp_path / "dist")
    for name in ("modules/02-more.html", "modules/glossary.html"):
        attrs, text = anchors(page(result.packages[0], name))["../assets/guide.pdf"]
        assert attrs["download"] == "" and text == "form (PDF, 1.2\u00a0MB)", name
        assert "scormbuild:file" not in page(result.packages[0], name)


def test_each_language_package_says_it_in_its_own_words(tmp_path: Path) -> None:
    course = write_course(
        tmp_path / "c",
        {
            **BILINGUAL,
            "modules/02-more.md": MODULE.format(title="Lisää") + "\n" + LINKS,
            "modules/02-more.sv.md": MODULE.format(title="Mer") + "\n" + LINKS,
            "assets/guide.pdf": GUIDE,
        },
    )
    fi, sv = build(course, tmp_path / "dist").packages
    assert "(avautuu uuteen ikkunaan)" in page(fi) and "(PDF, 1,2\u00a0Mt)" in page(fi)
    assert "(öppnas i ett nytt fönster)" in page(sv) and "(PDF, 1,2\u00a0MB)" in page(sv)


def test_a_course_may_reword_the_marker(tmp_path: Path) -> None:
    yml = COURSE_YML + "strings:\n  new_window: new tab\n  size_mb: '{n} megabytes'\n"
    course = write_course(
        tmp_path / "c",
        {
            "course.yml": yml,
            "modules/02-more.md": MODULE.format(title="More") + "\n" + LINKS,
            "assets/guide.pdf": GUIDE,
        },
    )
    html = page(build(course, tmp_path / "dist").packages[0])
    assert 'Kela<span class="sb-new-window"><span class="sb-vh"> (new tab)</span>' in html
    assert "(PDF, 1.2 megabytes)" in html


@pytest.mark.parametrize(
    ("size", "en", "fi"),
    [
        (0, "0\u00a0bytes", "0\u00a0tavua"),
        (999, "999\u00a0bytes", "999\u00a0tavua"),
        (1000, "1\u00a0kB", "1\u00a0kt"),
        (1550, "1.6\u00a0kB", "1,6\u00a0kt"),
        (812_400, "812\u00a0kB", "812\u00a0kt"),
        (999_960, "1\u00a0MB", "1\u00a0Mt"),
        (1_234_567, "1.2\u00a0MB", "1,2\u00a0Mt"),
        (15_400_000, "15\u00a0MB", "15\u00a0Mt"),
        (2_500_000_000, "2500\u00a0MB", "2500\u00a0Mt"),
    ],
)
def test_file_sizes_in_each_language(size: int, en: str, fi: str) -> None:
    assert file_size(size, Catalog("en")) == en
    assert file_size(size, Catalog("fi")) == fi
    assert file_size(size, Catalog("sv")) == en.replace("bytes", "byte").replace(".", ",")


def test_file_type_is_the_name_s_suffix() -> None:
    assert [file_type(p) for p in ("a/guide.pdf", "b.Docx", "c.tar.gz", "README")] == [
        "PDF",
        "DOCX",
        "GZ",
        "",
    ]


def test_check_lists_every_link_out_of_the_course(tmp_path: Path) -> None:
    course = write_course(
        tmp_path,
        {
            "modules/02-more.md": MODULE.format(title="More") + "\n" + LINKS,
            "assets/guide.pdf": GUIDE,
        },
    )
    result = CliRunner().invoke(main, ["check", str(course)])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "link out of the course" in line]
    assert lines == [
        "modules/02-more.md:9: warning: a link out of the course, to "
        "'https://www.kela.fi/etuudet': it opens in a new window",
        "modules/02-more.md:10: warning: a link out of the course, to "
        "'mailto:neuvonta@example.fi': it opens in a new window",
    ]
    assert "reviewed_links: [www.kela.fi]" in result.output
    strict = CliRunner().invoke(main, ["check", str(course), "--strict"])
    assert strict.exit_code == 1
    assert "modules/02-more.md:9: error: a link out of the course" in strict.output


def test_reviewed_links_are_not_listed_again(tmp_path: Path) -> None:
    yml = COURSE_YML + "reviewed_links: [kela.fi, 'mailto:neuvonta@example.fi']\n"
    course = write_course(
        tmp_path,
        {
            "course.yml": yml,
            "modules/02-more.md": MODULE.format(title="More") + "\n" + LINKS,
            "assets/guide.pdf": GUIDE,
        },
    )
    result = CliRunner().invoke(main, ["check", str(course), "--strict"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("url", "listed", "expected"),
    [
        ("https://www.kela.fi/a", ("kela.fi",), True),
        ("https://WWW.Kela.FI./a", ("www.kela.fi",), True),
        ("https://notkela.fi/", ("kela.fi",), False),
        ("https://kela.fi.example.com/", ("kela.fi",), False),
        ("https://www.kela.fi/a", ("https://www.kela.fi/b",), False),
        ("https://www.kela.fi/b", ("https://www.kela.fi/b",), True),
        ("mailto:a@kela.fi", ("kela.fi",), False),
        ("tel:+358101234", ("tel:+358101234",), True),
        ("https://[::1/", ("::1",), False),
    ],
)
def test_which_links_count_as_reviewed(url: str, listed: tuple[str, ...], expected: bool) -> None:
    config = CourseConfig(id="c", title="C", version="1.0.0", language="en", reviewed_links=listed)
    assert reviewed(url, config) is expected


def test_reviewed_links_must_be_a_list(tmp_path: Path) -> None:
    course = write_course(tmp_path, {"course.yml": COURSE_YML + "reviewed_links: 5\n"})
    (problem,) = check(course).errors
    assert problem.format().startswith(
        "course.yml:7: error: 'reviewed_links' must be a list of hosts"
    )


def test_a_quiz_text_links_out_in_a_new_window_too(tmp_path: Path) -> None:
    quiz = (
        "```quiz\nid: q\ntitle: Check\nquestions:\n  - id: q1\n    type: truefalse\n"
        "    prompt: Is [Kela](https://www.kela.fi/) a public agency?\n    answer: true\n```\n"
    )
    course = write_course(tmp_path / "c", {"modules/02-more.md": MODULE.format(title="M") + quiz})
    report = check(course)
    assert [p.location.line for p in report.warnings if p.code == "external-link"] == [14]
    html = page(build(course, tmp_path / "dist").packages[0])
    (attrs, text) = anchors(html)["https://www.kela.fi/"]
    assert attrs["target"] == "_blank" and text == "Kela (opens in a new window)"


URLS = st.one_of(
    st.text(max_size=40),
    st.builds(
        lambda scheme, rest: f"{scheme}{rest}",
        st.sampled_from(["https://", "http://", "mailto:", "tel:", "//", "HTTPS://", "ftp://"]),
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
    ),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(url=URLS, listed=st.lists(st.text(min_size=1, max_size=20), max_size=3))
def test_any_link_target_is_reported_or_opens_safely(
    tmp_path: Path, url: str, listed: list[str]
) -> None:
    """Whatever an author writes as a link's target: no crash, and every link the page keeps
    that leads out of the course opens in a new window without its opener."""
    target = url.replace("\n", " ").replace(")", "%29").replace(" ", "%20")
    body = MODULE.format(title="More") + f"\n[x](<{target}>)\n"
    course = write_course(tmp_path / "c", {"modules/02-more.md": body})
    report = check(course)  # never raises for a course's content
    if report.errors:
        return
    config = CourseConfig(
        id="c", title="C", version="1.0.0", language="en", reviewed_links=tuple(listed)
    )
    assert isinstance(reviewed(url, config), bool)
    html = page(build(course, tmp_path / "dist").packages[0])
    for href, (attrs, _text) in anchors(html).items():
        if re.match(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)", href.strip()):
            assert attrs.get("target") == "_blank", href
            assert attrs.get("rel") == "noopener noreferrer", href
