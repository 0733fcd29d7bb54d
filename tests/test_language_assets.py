"""Files named for a language (``guide.sv.pdf``) ship in that language's package only, unless
another language's text names them too; the manifest lists exactly what each package holds."""

from __future__ import annotations

import zipfile
from pathlib import Path

import jinja2
from hypothesis import example, given
from hypothesis import strategies as st
from lxml import etree

from scormbuild.commands.build import build
from scormbuild.commands.check import check
from scormbuild.commands.validate import validate_package
from scormbuild.source.assets import ANY, matching, names_in, names_written, template_names
from tests.coursekit import BILINGUAL, MODULE, write_course
from tests.needs import xsd_dir

FILES: dict[str, str | bytes] = {
    "assets/guide.fi.pdf": b"%PDF-1.4 fi\n",
    "assets/guide.sv.pdf": b"%PDF-1.4 sv\n",
    "assets/notes.txt": b"Shared, and linked by no page: shipped in every language.\n",
}


def linking(title: str, *targets: str) -> str:
    links = "".join(f"\n[{t}](../assets/{t})\n" for t in targets)
    return MODULE.format(title=title) + links


def contents(package: Path) -> tuple[set[str], set[str]]:
    """The package's files (the manifest aside), and the files its manifest lists."""
    with zipfile.ZipFile(package) as zf:
        names = set(zf.namelist()) - {"imsmanifest.xml"}
        manifest = etree.fromstring(zf.read("imsmanifest.xml"))
    return names, {str(f.get("href")) for f in manifest.iter("{*}file")}


def built(tmp_path: Path, files: dict[str, str | bytes]) -> dict[str, set[str]]:
    """Build the bilingual course with ``files``; each package's assets, by language, once
    the manifest was found to list exactly the package's files and validate passed."""
    course = write_course(tmp_path / "course", {**BILINGUAL, **FILES, **files})
    result = build(course, tmp_path / "dist")
    shipped = {}
    for package in result.packages:
        names, listed = contents(package)
        assert listed == names, package.name
        report = validate_package(package, xsd_dir())
        assert report.findings == (), [p.format() for p in report.findings]
        language = package.stem.rsplit("-", 1)[1]
        shipped[language] = {n for n in names if n.startswith("assets/")}
    return shipped


def test_each_package_ships_its_own_language_s_file(tmp_path: Path) -> None:
    shipped = built(
        tmp_path,
        {
            "modules/02-more.md": linking("More", "guide.fi.pdf"),
            "modules/02-more.sv.md": linking("More sv", "guide.sv.pdf"),
        },
    )
    assert shipped == {
        "fi": {"assets/guide.fi.pdf", "assets/notes.txt"},
        "sv": {"assets/guide.sv.pdf", "assets/notes.txt"},
    }


def test_a_file_of_another_language_that_a_page_links_is_shipped(tmp_path: Path) -> None:
    """'The guide in Swedish' on the Finnish page: the Finnish package needs guide.sv.pdf."""
    both = ("guide.fi.pdf", "guide.sv.pdf")
    shipped = built(
        tmp_path,
        {
            "modules/02-more.md": linking("More", *both),
            "modules/02-more.sv.md": linking("Mer", *both),
        },
    )
    assert shipped["fi"] == shipped["sv"] == {f"assets/{n}" for n in (*both, "notes.txt")}


def test_the_glossary_and_the_theme_count_as_uses(tmp_path: Path) -> None:
    glossary = "retro:\n  term: Retro\n  definition: See [the guide](assets/guide.sv.pdf).\n"
    config = str(BILINGUAL["course.yml"]) + "theme:\n  logo: assets/logo.sv.svg\n  logo_alt: Logo\n"
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'
    shipped = built(
        tmp_path,
        {
            "course.yml": config,
            "assets/logo.sv.svg": svg,
            "glossary.yml": glossary,
            "glossary.sv.yml": glossary,
            "modules/02-more.md": linking("More", "guide.fi.pdf"),
            "modules/02-more.sv.md": linking("More sv", "guide.sv.pdf"),
        },
    )
    assert shipped["fi"] == {f"assets/{n}" for n in ("guide.fi.pdf", "guide.sv.pdf",
                                                        "logo.sv.svg", "notes.txt")}  # fmt: skip
    assert shipped["sv"] == {"assets/guide.sv.pdf", "assets/logo.sv.svg", "assets/notes.txt"}


def test_a_language_s_file_nobody_uses_is_still_reported(tmp_path: Path) -> None:
    course = write_course(
        tmp_path / "course",
        {
            **BILINGUAL,
            **FILES,
            "modules/02-more.md": linking("More", "guide.fi.pdf"),
            "modules/02-more.sv.md": linking("More sv", "guide.fi.pdf"),
        },
    )
    unused = {p.location.path for p in check(course).problems if p.code == "unused"}
    assert unused == {"assets/guide.sv.pdf", "assets/notes.txt"}


def test_an_html_file_of_assets_counts_as_a_use(tmp_path: Path) -> None:
    """A handout in assets/ that links the Swedish guide takes it into both packages."""
    handout = (
        b"<html><head><title>Ohje</title></head>"
        b"<body><p>Lue <a href='guide.sv.pdf'>opas</a></p></body></html>"
    )
    shipped = built(
        tmp_path,
        {
            "assets/ohje.html": handout,
            "modules/02-more.md": linking("More", "ohje.html"),
            "modules/02-more.sv.md": linking("More sv", "ohje.html"),
        },
    )
    assert shipped["fi"] == {f"assets/{n}" for n in ("guide.fi.pdf", "guide.sv.pdf",
                                                        "notes.txt", "ohje.html")}  # fmt: skip
    assert shipped["sv"] == {"assets/guide.sv.pdf", "assets/notes.txt", "assets/ohje.html"}


# A course's own module page that links the Swedish guide on every language's pages.
TEMPLATE = (
    '{% extends "base.html" %}{% block body %}<main id="main"><h1>{{ module.title }}</h1>'
    '{{ body }}<p><a href="{{ root }}assets/guide.sv.pdf">Guide</a></p></main>{% endblock %}'
)
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def svg(*hrefs: str) -> bytes:
    images = "".join(f'<image href="{h}" width="1" height="1"/>' for h in hrefs)
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2">{images}</svg>'.encode()


def unused(tmp_path: Path, files: dict[str, str | bytes]) -> set[str]:
    course = write_course(tmp_path / "checked", {**BILINGUAL, **FILES, **files})
    return {p.location.path for p in check(course).problems if p.code == "unused"}


def test_a_file_a_course_template_names_ships_in_every_language(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "templates/module.html": TEMPLATE,
        "modules/02-more.md": linking("More", "guide.fi.pdf"),
        "modules/02-more.sv.md": linking("More sv", "guide.fi.pdf"),
    }
    shipped = built(tmp_path, files)
    both = {"assets/guide.fi.pdf", "assets/guide.sv.pdf", "assets/notes.txt"}
    assert shipped == {"fi": both, "sv": both}
    with zipfile.ZipFile(tmp_path / "dist" / "demo-1.0.0-fi.zip") as zf:
        page = zf.read("modules/02-more.html").decode()
    assert 'href="../assets/guide.sv.pdf"' in page
    assert unused(tmp_path, files) == {"assets/notes.txt"}


# A module page whose template puts file names together: each language's guide, the slides of a
# loop, and a name that matches no file (which must leave the real warnings as they are).
TOGETHER = (
    '{% extends "base.html" %}{% block body %}<main id="main"><h1>{{ module.title }}</h1>'
    '{{ body }}<p><a href="{{ root }}assets/guide.{{ course.language }}.pdf">Guide</a></p>'
    '{% for n in range(1, 3) %}<img src="{{ root }}assets/img/slide{{ n }}.png" alt="{{ n }}">'
    '{% endfor %}<a href="{{ root }}assets/gone-{{ module.slug }}.doc">-</a></main>{% endblock %}'
)


def test_a_name_a_template_puts_together_uses_every_file_it_can_be(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "templates/module.html": TOGETHER,
        "assets/img/slide1.png": PNG,
        "assets/img/slide2.png": PNG,
        "assets/img/old/slide1.png": PNG,  # a folder deeper: no value of one segment reaches it
        "assets/img/photo.png": PNG,
    }
    # Each language ships its own guide, as it would for a name written out in its pages.
    shipped = built(tmp_path, files)
    slides = {"assets/img/slide1.png", "assets/img/slide2.png"}
    rest = {"assets/img/old/slide1.png", "assets/img/photo.png", "assets/notes.txt"}
    assert shipped == {
        "fi": {"assets/guide.fi.pdf", *slides, *rest},
        "sv": {"assets/guide.sv.pdf", *slides, *rest},
    }
    with zipfile.ZipFile(tmp_path / "dist" / "demo-1.0.0-sv.zip") as zf:
        page = zf.read("modules/02-more.html").decode()
    assert 'href="../assets/guide.sv.pdf"' in page and 'src="../assets/img/slide2.png"' in page
    assert unused(tmp_path, files) == rest


@given(
    folders=st.lists(st.from_regex(r"[a-z0-9_-]{1,6}", fullmatch=True), max_size=2),
    stem=st.from_regex(r"[a-z0-9][a-z0-9_.-]{0,10}", fullmatch=True),
    ext=st.sampled_from(["pdf", "png", "tar.gz", "mp4"]),
    data=st.data(),
)
def test_the_file_a_template_makes_is_among_what_its_name_may_be(
    folders: list[str], stem: str, ext: str, data: st.DataObject
) -> None:
    # A part of one segment of a real file's path is left to a value (not the extension, which
    # a name must write out): Jinja2 renders the template with that value, and the file it
    # names is among those its name may be; no file a folder away is.
    path = "/".join(["assets", *folders, f"{stem}.{ext}"])
    segments = path.split("/")
    which = data.draw(st.integers(1, len(segments) - 1))
    segment = segments[which]
    last = len(segment) - (len(ext) + 1 if which == len(segments) - 1 else 0)
    start = data.draw(st.integers(0, last))
    end = data.draw(st.integers(start, last))
    value = segment[start:end]
    written = [
        *segments[:which],
        segment[:start] + "{{ value }}" + segment[end:],
        *segments[which + 1 :],
    ]
    template = f'<a href="{{{{ root }}}}{"/".join(written)}">x</a>'
    rendered = (
        jinja2.Environment(autoescape=True).from_string(template).render(root="../", value=value)
    )
    assert f'"../{path}"' in rendered
    deeper = "/".join([*segments[:which], "x", *segments[which:]])
    paths = {path, deeper, "assets/other.txt"}
    names, patterns = template_names(template)
    assert path in names_written(names, paths) | matching(patterns, paths)
    assert deeper not in matching(patterns, paths) | names_written(names, paths)


@given(
    text=st.text(
        st.sampled_from(list("{}%#/.-_ ~'\"\0\nassetsgpdf0123")) | st.characters(), max_size=300
    ),
    paths=st.sets(st.from_regex(r"assets/([a-z0-9{}._-]{1,8}/)?[a-z0-9._-]{1,8}", fullmatch=True)),
)
@example(text="assets/../{{ x }}.png assets/a/../../{{ y }}.pdf", paths={"assets/p.png"})
def test_any_template_text_gives_names_of_assets_and_only_files_that_are_there(
    text: str, paths: set[str]
) -> None:
    # Braces never closed, stray NULs, '{{' inside names: never an exception, every name
    # from 'assets/' on, and what they match is among the files there.
    names, patterns = template_names(text)
    assert all(n.startswith("assets/") for n in names | patterns)
    assert all(ANY in p for p in patterns)
    assert matching(patterns, paths) <= paths and names_written(names, paths) <= paths


def test_what_a_shipped_svg_shows_ships_with_it_and_so_on(tmp_path: Path) -> None:
    """A handout for every language shows a Swedish drawing, which shows a Swedish photo; a
    drawing in img/ shows both photos of the folder above: each package needs them all."""
    handout = b"<html><body><p><img src='kaavio.sv.svg' alt='Kaavio'></p></body></html>"
    files: dict[str, str | bytes] = {
        "assets/ohje.html": handout,
        "assets/kaavio.sv.svg": svg("kuva.sv.png"),
        "assets/kuva.sv.png": PNG,
        "assets/img/malli.svg": svg("../malli.sv.png", "../malli.fi.png#x"),
        "assets/malli.sv.png": PNG,
        "assets/malli.fi.png": PNG,
        "assets/muu.sv.png": PNG,  # named by nothing: Swedish only, and reported unused
        "modules/02-more.md": linking("More", "guide.fi.pdf", "ohje.html", "img/malli.svg"),
        "modules/02-more.sv.md": linking("Mer", "guide.sv.pdf", "ohje.html", "img/malli.svg"),
    }
    shipped = built(tmp_path, files)
    common = {"ohje.html", "kaavio.sv.svg", "kuva.sv.png", "img/malli.svg", "malli.sv.png"}
    common |= {"malli.fi.png", "notes.txt"}
    assert shipped["fi"] == {f"assets/{n}" for n in (*common, "guide.fi.pdf")}
    assert shipped["sv"] == {f"assets/{n}" for n in (*common, "guide.sv.pdf", "muu.sv.png")}
    assert unused(tmp_path, files) == {"assets/notes.txt", "assets/muu.sv.png"}


FILE_NAMES = st.tuples(
    st.from_regex(r"[a-z][a-z0-9_-]{0,8}", fullmatch=True),
    st.sampled_from(["", ".fi", ".sv"]),
    st.sampled_from([".png", ".pdf", ".mp4", ".7z", ".tar.gz"]),
).map("".join)


@given(
    names=st.sets(FILE_NAMES, min_size=1, max_size=8),
    numbers=st.lists(st.floats(0, 1000, allow_nan=False), max_size=40),
    data=st.data(),
)
def test_a_drawing_names_exactly_the_files_it_shows(
    names: set[str], numbers: list[float], data: st.DataObject
) -> None:
    # A drawing in assets/img/: path data (numbers with full stops) around the files it
    # shows, by their path from there; every file of assets/ it does not show is not named.
    paths = {f"assets/{n}" for n in names} | {f"assets/img/{n}" for n in names}
    shown = data.draw(st.sets(st.sampled_from(sorted(paths))))
    parts = [f"L{x:.2f},{x / 3:.3f}" for x in numbers]
    parts += [f'<image href="{p.replace("assets/img/", "").replace("assets/", "../")}"/>'
              for p in sorted(shown)]  # fmt: skip
    text = " ".join(data.draw(st.permutations(parts)))
    assert names_in(f'<svg><path d="{text}"/></svg>', "assets/img", paths) == shown
