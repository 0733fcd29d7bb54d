"""Bad input to scormbuild import: one clear error, exit status 1, nothing written."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from scormbuild.cli import main
from scormbuild.importer.inline import escape
from scormbuild.source.markdown import make_markdown
from tests.importkit import finnish_guide, png


def _run(tmp_path: Path, document: Path, *extra: str) -> tuple[int, str]:
    out = tmp_path / "kurssi"
    res = CliRunner().invoke(main, ["import", str(document), "-o", str(out), *extra])
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    assert "Traceback" not in res.output
    return res.exit_code, res.output


def _docx(tmp_path: Path, build: object) -> Path:
    import docx

    d = docx.Document()
    d.core_properties.language = "fi"
    build(d)  # type: ignore[operator]
    path = tmp_path / "opas.docx"
    d.save(path)
    return path


def _rezip(source: Path, target: Path, change: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, change.get(info.filename, zin.read(info)))
    return target


def _cases(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    guide = finnish_guide(tmp_path / "guide.docx")
    cfb = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500
    encrypted = tmp_path / "salattu.docx"
    encrypted.write_bytes(cfb + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 100)
    old_doc = tmp_path / "vanha.docx"
    old_doc.write_bytes(cfb)
    truncated = tmp_path / "rikki.docx"
    truncated.write_bytes(guide.read_bytes()[:3000])
    pdf = tmp_path / "pdf.docx"
    pdf.write_bytes(b"%PDF-1.7\n" + b"x" * 100)
    as_odt = tmp_path / "guide.odt"
    as_odt.write_bytes(guide.read_bytes())
    broken_xml = _rezip(guide, tmp_path / "xml.docx", {"word/document.xml": b"<w:document"})
    binary_html = tmp_path / "sivu.html"
    binary_html.write_bytes(png(3, 3))
    text_html = tmp_path / "teksti.html"
    text_html.write_text("Pelkkää tekstiä ilman merkintöjä.\n", "utf-8")
    empty = tmp_path / "tyhja.md"
    empty.write_text("\n\n", "utf-8")
    no_text = tmp_path / "eitekstia.md"
    no_text.write_text("---\ntitle: X\n---\n\n<!-- -->\n", "utf-8")
    (tmp_path / "x").mkdir()
    no_headings = _docx(tmp_path / "x", lambda d: d.add_paragraph("Pelkkä kappale."))
    level2 = tmp_path / "taso2.md"
    level2.write_text("## Eka\n\nTeksti.\n\n## Toka\n\nTeksti.\n", "utf-8")
    unknown = tmp_path / "opas.pdf"
    unknown.write_bytes(b"%PDF-1.4")
    bomb = tmp_path / "pommi.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"<" + b"a" * (64 * 1024 * 1024) + b"/>")
    odt_protected = tmp_path / "suojattu.odt"
    with zipfile.ZipFile(odt_protected, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", b"\x93\x11garbage")
        zf.writestr(
            "META-INF/manifest.xml",
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
            'manifest:1.0"><manifest:file-entry manifest:full-path="content.xml">'
            "<manifest:encryption-data/></manifest:file-entry></manifest:manifest>",
        )
    return {
        "password": (encrypted, "the document is protected with a password"),
        "odt-password": (odt_protected, "the document is protected with a password"),
        "old-doc": (old_doc, "this is an old binary Word document (.doc), not .docx"),
        "truncated": (truncated, "the file is corrupted"),
        "broken-xml": (broken_xml, "the file is corrupted: word/document.xml"),
        "pdf": (pdf, "this is a PDF file, not a Word document (.docx)"),
        "docx-as-odt": (as_odt, "this is a Word document (.docx), not an OpenDocument text"),
        "binary-html": (binary_html, "not an HTML page"),
        "text-html": (text_html, "this does not look like an HTML page"),
        "empty": (empty, "the file is empty"),
        "no-text": (no_text, "the document is empty: it has no text to import"),
        "no-headings": (no_headings, "the document has no headings"),
        "level-2": (level2, "its headings start at level 2\n  hint: use --split-level 2"),
        "extension": (unknown, "cannot import '.pdf' files"),
        "zip-bomb": (bomb, "packed suspiciously tightly"),
    }


@pytest.mark.parametrize(
    "case",
    [
        "password", "odt-password", "old-doc", "truncated", "broken-xml", "pdf", "docx-as-odt",
        "binary-html", "text-html", "empty", "no-text", "no-headings", "level-2", "extension",
        "zip-bomb",
    ],
)  # fmt: skip
def test_bad_input_is_one_clear_error_and_writes_nothing(tmp_path: Path, case: str) -> None:
    document, expected = _cases(tmp_path)[case]
    before = sorted(p.name for p in tmp_path.iterdir())
    code, output = _run(tmp_path, document)
    assert code == 1, output
    assert expected in output, output
    assert re.search(r": error: .*\n  hint: \S", output), output  # how to mend it, always
    assert "nothing was written" in output
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # not even a temporary folder


def test_level_2_works_when_asked(tmp_path: Path) -> None:
    level2 = tmp_path / "taso2.md"
    level2.write_text("## Eka\n\nTeksti.\n\n## Toka\n\nTeksti.\n", "utf-8")
    code, output = _run(tmp_path, level2, "--split-level", "2", "--language", "fi")
    assert code == 0, output
    assert sorted(p.name for p in (tmp_path / "kurssi" / "modules").iterdir()) == [
        "01-eka.md",
        "02-toka.md",
    ]


def test_language_is_asked_for_when_the_document_does_not_say(tmp_path: Path) -> None:
    doc = tmp_path / "ohje.md"
    doc.write_text("# Eka\n\nTeksti.\n", "utf-8")
    code, output = _run(tmp_path, doc)
    assert code == 1 and "pass it: --language fi" in output
    assert not (tmp_path / "kurssi").exists()


def test_non_empty_output_folder_is_refused_unless_forced(tmp_path: Path) -> None:
    guide = finnish_guide(tmp_path / "opas.docx")
    out = tmp_path / "kurssi"
    out.mkdir()
    (out / "muistiinpano.txt").write_text("oma", "utf-8")
    code, output = _run(tmp_path, guide)
    assert code == 1 and "exists and is not empty" in output and "--force" in output
    assert [p.name for p in out.iterdir()] == ["muistiinpano.txt"]
    code, output = _run(tmp_path, guide, "--force")
    assert code == 0, output
    assert sorted(p.name for p in out.iterdir()) == ["assets", "course.yml", "modules"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kurssi", "opas.docx"]


def test_an_empty_output_folder_is_used(tmp_path: Path) -> None:
    guide = finnish_guide(tmp_path / "opas.docx")
    (tmp_path / "kurssi").mkdir()
    code, output = _run(tmp_path, guide)
    assert code == 0, output


def test_zip_entries_with_hostile_names_are_never_written(tmp_path: Path) -> None:
    guide = finnish_guide(tmp_path / "opas.docx")
    data = io.BytesIO()
    with zipfile.ZipFile(guide) as zin, zipfile.ZipFile(data, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info))
        zout.writestr("../../../../tmp/evil.txt", "x")
        zout.writestr("/abs/evil.png", png(2, 2))
    hostile = tmp_path / "paha.docx"
    hostile.write_bytes(data.getvalue())
    code, output = _run(tmp_path, hostile)
    assert code == 0, output
    written = {p.name for p in (tmp_path / "kurssi").rglob("*")}
    assert "evil.txt" not in written and "evil.png" not in written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kurssi", "opas.docx", "paha.docx"]


_MD = make_markdown()


def _rendered_text(markdown: str) -> str:
    tokens = _MD.parseInline(markdown, {})
    out = []
    for token in tokens[0].children or []:
        if token.type in ("text", "code_inline"):
            out.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            out.append("\n")
        else:
            out.append(f"<{token.type}>")
    return "".join(out)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1))
def test_escaped_text_reads_back_as_itself(text: str) -> None:
    # Whatever a document's text holds, the Markdown shows it as it is: no emphasis, link,
    # HTML, attribute or entity comes out of it.
    text = " ".join(text.split())
    if not text:
        return
    assert _rendered_text(escape(text)) == text
