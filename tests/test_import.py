"""scormbuild import: real documents (python-docx, hand-written HTML and Markdown) into
courses that build, pass check and validate, with the to-dos check reports."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from scormbuild.cli import main
from scormbuild.commands.build import build
from scormbuild.commands.check import check
from scormbuild.commands.import_guide import import_guide
from scormbuild.commands.import_guide import import_variant as import_guide_variant
from scormbuild.commands.validate import validate_package
from tests.importkit import FIXTURES, finnish_guide, noisy_png, odt_guide, png
from tests.needs import xsd_dir


def _text(course: Path) -> dict[str, str]:
    return {
        p.relative_to(course).as_posix(): p.read_text("utf-8")
        for p in sorted(course.rglob("*"))
        if p.is_file() and p.suffix in (".md", ".yml")
    }


def _codes(result_todos: tuple[object, ...]) -> set[str]:
    return {p.code for p in result_todos}  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def docx_course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("docx")
    guide = finnish_guide(tmp / "opas.docx")
    import_guide(guide, tmp / "kurssi")
    return tmp / "kurssi"


def test_docx_guide_keeps_every_element(docx_course: Path) -> None:
    files = _text(docx_course)
    assert sorted(files) == [
        "course.yml",
        "modules/01-johdanto.md",
        "modules/02-periaatteet.md",
        "modules/03-kaytannossa.md",
    ]
    course_yml = files["course.yml"]
    assert 'title: "Tietosuoja arjessa"' in course_yml
    assert "language: fi" in course_yml and 'author: "Tietosuojatiimi"' in course_yml
    intro = files["modules/01-johdanto.md"]
    assert intro.startswith('---\ntitle: "Johdanto"\n---\n\n# Johdanto\n')
    assert "**henkilötietoja**" in intro and "*turvallisesti*" in intro
    assert "[periaatteet](02-periaatteet.md)" in intro  # a link between sections
    assert "- Tunnista tiedot\n" in intro and "1. Ilmoita" in intro
    assert "::: note\nKysy aina neuvoa, jos olet epävarma.\n:::" in intro
    assert "![Tietosuojan kolme vaihetta](../assets/image1-" in intro
    assert '"Kuva 1. Kolme vaihetta")' in intro
    principles = files["modules/02-periaatteet.md"]
    assert "## Minimointi" in principles and "#### Säilytysaika" in principles
    assert "::: tip\nVinkki: kirjaa päätökset.\n:::" in principles
    assert "| Tieto | Peruste | Säilytys | Vastuu | Luovutus | Huomautukset |" in principles
    assert "Poista turhat tiedot." in principles  # the tracked insertion, accepted
    assert "`t + 5`" in principles
    practice = files["modules/03-kaytannossa.md"]
    assert "## Lähteet" in practice and "![](../assets/image2-" in practice


def test_docx_todos_are_exactly_the_warnings_of_check(docx_course: Path) -> None:
    report = check(docx_course)
    assert report.errors == ()
    todos = [(p.location.path, p.location.line, p.message) for p in report.warnings]
    messages = "\n".join(f"{path}:{line}: {msg}" for path, line, msg in todos)
    expected = [
        ("modules/02-periaatteet.md", "a link out of the course, to 'https://eur-lex"),
        ("modules/02-periaatteet.md", "to-do: a comment by Liisa was dropped: “Tarkista lähde”"),
        ("modules/02-periaatteet.md", "to-do: tracked changes were accepted here"),
        ("modules/02-periaatteet.md", "heading 'Säilytysaika' skips from level 2 to 4"),
        ("modules/02-periaatteet.md", "to-do: an equation was kept as TeX code `t + 5`"),
        ("modules/02-periaatteet.md", "a table of 6 columns is too wide for a phone"),
        ("modules/03-kaytannossa.md", "to-do: a chart was dropped"),
        ("modules/03-kaytannossa.md", "image without alt text"),
        ("modules/03-kaytannossa.md", "empty section 'Lähteet'"),
    ]
    for path, start in expected:
        assert any(p == path and m.startswith(start) for p, _l, m in todos), messages
    assert len(todos) == len(expected), messages
    assert all(line for _p, line, _m in todos), messages


def test_import_reports_what_check_reports(tmp_path: Path) -> None:
    guide = finnish_guide(tmp_path / "opas.docx")
    result = import_guide(guide, tmp_path / "kurssi")
    assert [p.format() for p in result.todos] == [
        p.format() for p in check(tmp_path / "kurssi").warnings
    ]


def test_imported_course_builds_and_validates(docx_course: Path, tmp_path: Path) -> None:
    result = build(docx_course, tmp_path / "dist", schemas=xsd_dir())
    (package,) = result.packages
    report = validate_package(package, xsd_dir())
    assert report.exit_status == 0, report.to_text()
    with zipfile.ZipFile(package) as zf:
        names = zf.namelist()
    assert "modules/02-periaatteet.html" in names
    assert any(n.startswith("assets/image1-") for n in names)


@pytest.mark.parametrize("name", ["opas.html", "ohje.md"])
def test_html_and_markdown_build_and_validate(name: str, tmp_path: Path) -> None:
    shutil.copy(FIXTURES / name, tmp_path / name)
    shutil.copy(FIXTURES / "kaavio.png", tmp_path / "kaavio.png")
    out = tmp_path / "kurssi"
    result = import_guide(tmp_path / name, out)
    assert check(out).errors == ()
    assert [p.format() for p in result.todos] == [p.format() for p in check(out).warnings]
    (package,) = build(out, tmp_path / "dist", schemas=xsd_dir()).packages
    assert validate_package(package, xsd_dir()).exit_status == 0


def test_html_page(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "opas.html", tmp_path / "opas.html")
    shutil.copy(FIXTURES / "kaavio.png", tmp_path / "kaavio.png")
    (tmp_path.parent / "secret.png").write_bytes(png(2, 2))
    result = import_guide(tmp_path / "opas.html", tmp_path / "kurssi")
    files = _text(result.out_dir)
    intro = files["modules/01-alkusanat.md"]
    assert 'description: "Miten verkkosisällöstä tehdään saavutettavaa."' in files["course.yml"]
    assert "::: note\nSaavutettavuus on lakisääteistä.\n:::" in intro
    assert "::: warning\nÄlä käytä pelkkää väriä.\n:::" in intro
    assert "[otsikoista](02-otsikot-ja-rakenne.md)" in intro
    assert '"Kuva 1. Neljä periaatetta")' in intro
    second = files["modules/02-otsikot-ja-rakenne.md"]
    assert "[^1]: WCAG 2.1 AA." in second and "rakenteen.[^1]" in second
    assert "3. Kolmas kohta\n4. Neljäs kohta `h2`" in second
    assert "- Ensimmäinen\n  - Sisäkkäinen\n- Toinen" in second
    assert r"| \<h1\> | Sivun otsikko \| pääotsikko |" in second
    messages = "\n".join(p.message for p in result.todos)
    assert "an image from the web was not downloaded: https://example.com/kuva.png" in messages
    assert "an embedded <iframe> was dropped" in messages
    assert "a link to a file outside the course was removed: muu-sivu.html" in messages
    assert "only files in the document's folder are read" in messages
    assert [a for a in result.assets if "secret" in a] == []
    assert "> Saavutettavuus hyödyttää kaikkia." in files["modules/03-lopuksi.md"]


def test_markdown_guide(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "ohje.md", tmp_path / "ohje.md")
    shutil.copy(FIXTURES / "kaavio.png", tmp_path / "kaavio.png")
    result = import_guide(tmp_path / "ohje.md", tmp_path / "kurssi")
    files = _text(result.out_dir)
    assert 'title: "Markdown-ohje"' in files["course.yml"]
    first = files["modules/01-aloitus.md"]
    assert "::: tip\nTallenna usein.\n:::" in first
    assert "[^1]: Alaviitteen teksti." in first
    assert "![Vihreä palkki](../assets/kaavio-" in files["modules/02-jatko.md"]
    assert "[aloitus](01-aloitus.md)" in files["modules/02-jatko.md"]


def test_huge_image_is_kept_with_a_warning_and_its_size(tmp_path: Path) -> None:
    guide = finnish_guide(tmp_path / "opas.docx", big_image=noisy_png(3 * 1024 * 1024))
    result = import_guide(guide, tmp_path / "kurssi")
    big = [p for p in result.todos if p.code == "large-image"]
    assert len(big) == 1 and " is 3.0 MB" in big[0].message, big
    assert any((tmp_path / "kurssi" / a).stat().st_size > 3_000_000 for a in result.assets)


def test_cli_prints_the_todo_report(tmp_path: Path) -> None:
    guide = finnish_guide(tmp_path / "opas.docx")
    out = tmp_path / "kurssi"
    res = CliRunner().invoke(main, ["import", str(guide), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "modules/03-kaytannossa.md:" in res.output
    assert ": warning: empty section 'Lähteet'" in res.output
    assert "9 to-dos (scormbuild check" in res.output
    res = CliRunner().invoke(main, ["check", str(out)])
    assert res.exit_code == 0 and "0 errors, 9 warnings" in res.output


def test_odt_guide(tmp_path: Path) -> None:
    guide = odt_guide(tmp_path / "etatyo.odt")
    result = import_guide(guide, tmp_path / "kurssi")
    files = _text(result.out_dir)
    assert 'title: "Etätyön opas"' in files["course.yml"]
    assert 'author: "Henkilöstöpalvelut"' in files["course.yml"]
    first = files["modules/01-aloitus.md"]
    assert "Etätyö on **sovittava** esihenkilön kanssa.[^1]" in first
    assert "poistettu lause" not in first  # the tracked deletion
    assert "[^1]: Etätyösopimus tehdään kirjallisesti." in first
    assert "::: warning\nÄlä käsittele salaisia tietoja kahvilassa.\n:::" in first
    assert "![Ergonominen työpiste](../assets/tyopiste-" in first
    second = files["modules/02-valineet.md"]
    assert "| Väline | Kuka hankkii |\n|---|---|\n| Näyttö | Työnantaja |" in second
    assert "Palaa [alkuun](01-aloitus.md)." in second  # LibreOffice's link to a heading
    assert sorted(p.message.split(":")[1].strip() for p in result.todos if p.code == "todo") == [
        "a chart was dropped",
        "a comment by Pekka was dropped",
        "tracked changes were accepted here",
    ]
    assert [p.message for p in result.todos if p.code != "todo"] == [
        "a link out of the course, to 'https://www.tyosuojelu.fi/': it opens in a new window"
    ]
    (package,) = build(result.out_dir, tmp_path / "dist", schemas=xsd_dir()).packages
    assert validate_package(package, xsd_dir()).exit_status == 0


def test_swedish_variants_of_a_finnish_guide(tmp_path: Path) -> None:
    fi = finnish_guide(tmp_path / "opas-fi.docx")
    sv = finnish_guide(tmp_path / "guide-sv.docx", swedish=True)
    course = tmp_path / "kurssi"
    import_guide(fi, course)
    result = import_guide_variant(sv, course)
    assert result.modules == (
        "modules/01-johdanto.sv.md",
        "modules/02-periaatteet.sv.md",
        "modules/03-kaytannossa.sv.md",
    )
    files = _text(course)
    assert "languages: [fi, sv]" in files["course.yml"]
    assert 'title: {fi: "Tietosuoja arjessa", sv: "Dataskydd i vardagen"}' in files["course.yml"]
    intro = files["modules/01-johdanto.sv.md"]
    assert intro.startswith('---\ntitle: "Inledning"\n---\n\n# Inledning\n')
    assert "[principerna](02-periaatteet.md)" in intro
    assert "::: note\nFråga alltid om du är osäker.\n:::" in intro
    # The same pictures as the Finnish version: parity holds, the course builds in both.
    assert "![Dataskyddets tre steg](../assets/image1-" in intro
    report = check(course)
    assert report.errors == (), report.to_text()
    assert {p.location.path for p in result.todos} == {
        "modules/02-periaatteet.sv.md",
        "modules/03-kaytannossa.sv.md",
    }
    assert len(result.todos) == 9
    packages = build(course, tmp_path / "dist", schemas=xsd_dir()).packages
    assert [p.name for p in packages] == [
        "tietosuoja-arjessa-0.1.0-fi.zip",
        "tietosuoja-arjessa-0.1.0-sv.zip",
    ]
    for package in packages:
        assert validate_package(package, xsd_dir()).exit_status == 0


def test_variant_with_other_sections_or_existing_variants_is_refused(tmp_path: Path) -> None:
    fi = finnish_guide(tmp_path / "opas-fi.docx")
    course = tmp_path / "kurssi"
    import_guide(fi, course)
    before = _text(course)
    short = tmp_path / "kort.md"
    short.write_text("# Inledning\n\nText.\n", "utf-8")
    runner = CliRunner()
    res = runner.invoke(
        main, ["import", str(short), "--variant-of", str(course), "--language", "sv"]
    )
    assert res.exit_code == 1 and "the document has 1 sections, the course 3 modules" in res.output
    assert _text(course) == before
    sv = finnish_guide(tmp_path / "guide-sv.docx", swedish=True)
    assert runner.invoke(main, ["import", str(sv), "--variant-of", str(course)]).exit_code == 0
    res = runner.invoke(main, ["import", str(sv), "--variant-of", str(course)])
    assert res.exit_code == 1 and "exists; nothing was written" in res.output, res.output
    res = runner.invoke(main, ["import", str(fi), "--variant-of", str(course)])
    assert res.exit_code == 1 and "the course's primary language" in res.output
    res = runner.invoke(main, ["import", str(sv), "--variant-of", str(course), "--force"])
    assert res.exit_code == 0, res.output
