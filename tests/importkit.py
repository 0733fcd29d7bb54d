"""Guides for the import tests, made by other tools than the converter: python-docx for
Word, odfpy for OpenDocument; HTML and Markdown are written by hand in fixtures/import/."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures" / "import"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
M = 'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'


def _png(side_w: int, side_h: int, raw: bytes, level: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", side_w, side_h, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, level))
        + chunk(b"IEND", b"")
    )


def png(width: int, height: int, rgb: tuple[int, int, int] = (0, 87, 138)) -> bytes:
    """A real PNG of one colour."""
    return _png(width, height, b"".join(b"\x00" + bytes(rgb) * width for _ in range(height)), 1)


def noisy_png(size: int) -> bytes:
    """A PNG of about ``size`` bytes that does not compress (a huge photo, in effect)."""
    import random

    rng = random.Random(7)
    side = int((size / 3) ** 0.5) + 1
    return _png(side, side, b"".join(b"\x00" + rng.randbytes(side * 3) for _ in range(side)), 0)


def _xml(text: str) -> Any:
    from docx.oxml import parse_xml

    return parse_xml(text)


def _bookmark(paragraph: Any, name: str, text: str, ident: int) -> None:
    paragraph._p.append(_xml(f'<w:bookmarkStart {W} w:id="{ident}" w:name="{name}"/>'))
    paragraph.add_run(text)
    paragraph._p.append(_xml(f'<w:bookmarkEnd {W} w:id="{ident}"/>'))


def _link(paragraph: Any, anchor: str, text: str) -> None:
    paragraph._p.append(
        _xml(f'<w:hyperlink {W} w:anchor="{anchor}"><w:r><w:t>{text}</w:t></w:r></w:hyperlink>')
    )


def _web_link(document: Any, paragraph: Any, url: str, text: str) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    rid = document.part.relate_to(url, RT.HYPERLINK, is_external=True)
    rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    paragraph._p.append(
        _xml(f'<w:hyperlink {W} {rel} r:id="{rid}"><w:r><w:t>{text}</w:t></w:r></w:hyperlink>')
    )


def _picture(document: Any, data: bytes, alt: str | None, caption: str | None) -> None:
    from docx.shared import Inches

    document.add_picture(io.BytesIO(data), width=Inches(2))
    doc_pr = document.paragraphs[-1]._p.xpath(".//wp:docPr")[0]
    doc_pr.set("descr", alt or "")
    if caption:
        document.add_paragraph(caption, style="Caption")


def finnish_guide(path: Path, *, swedish: bool = False, big_image: bytes | None = None) -> Path:
    """The Finnish guide (or its Swedish version): every element the import keeps or reports.

    Headings with a skipped level and an empty section, emphasis, lists, a wide table, images
    with and without alt text, captions, a callout styled 'Huomautus', links between sections
    and to the web, a comment, tracked changes, an equation and a chart.
    """
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    sv = swedish
    d = docx.Document()
    d.core_properties.title = "Tietosuoja arjessa" if not sv else "Dataskydd i vardagen"
    d.core_properties.author = "Tietosuojatiimi" if not sv else "Dataskyddsteamet"
    d.core_properties.language = "fi-FI" if not sv else "sv-FI"
    d.core_properties.comments = ""
    d.styles.add_style("Huomautus" if not sv else "Obs", WD_STYLE_TYPE.PARAGRAPH)
    d.styles.add_style("Vinkki" if not sv else "Tips", WD_STYLE_TYPE.PARAGRAPH)

    _bookmark(d.add_heading("", 1), "_Toc1", "Johdanto" if not sv else "Inledning", 1)
    p = d.add_paragraph("Tämä opas kertoo, miten " if not sv else "Den här guiden berättar hur ")
    p.add_run("henkilötietoja" if not sv else "personuppgifter").bold = True
    p.add_run(" käsitellään " if not sv else " behandlas ")
    p.add_run("turvallisesti" if not sv else "säkert").italic = True
    p.add_run(". Lue ensin " if not sv else ". Läs först ")
    _link(p, "_Toc2", "periaatteet" if not sv else "principerna")
    p.add_run(".")
    d.add_paragraph("Tunnista tiedot" if not sv else "Känn igen uppgifterna", style="List Bullet")
    d.add_paragraph("Suojaa tiedot" if not sv else "Skydda uppgifterna", style="List Bullet")
    d.add_paragraph("Ilmoita" if not sv else "Anmäl", style="List Number")
    d.add_paragraph(
        "Kysy aina neuvoa, jos olet epävarma." if not sv else "Fråga alltid om du är osäker.",
        style="Huomautus" if not sv else "Obs",
    )
    _picture(
        d,
        png(40, 20),
        "Tietosuojan kolme vaihetta" if not sv else "Dataskyddets tre steg",
        "Kuva 1. Kolme vaihetta" if not sv else "Bild 1. Tre steg",
    )

    _bookmark(d.add_heading("", 1), "_Toc2", "Periaatteet" if not sv else "Principer", 2)
    p = d.add_paragraph("Periaatteet on kirjattu " if not sv else "Principerna finns i ")
    _web_link(d, p, "https://eur-lex.europa.eu/eli/reg/2016/679/oj", "tietosuoja-asetukseen")
    p.add_run(".")
    d.add_heading("Minimointi" if not sv else "Minimering", 2)
    p = d.add_paragraph("Kerää vain tarpeellinen. " if not sv else "Samla bara det nödvändiga. ")
    p._p.append(
        _xml(f'<w:ins {W} w:id="90" w:author="Liisa" w:date="2024-01-01T00:00:00Z">'
             f"<w:r><w:t>{'Poista turhat tiedot.' if not sv else 'Radera onödiga.'}</w:t></w:r>"
             "</w:ins>")
    )  # fmt: skip
    d.add_comment(p.runs[0], text="Tarkista lähde" if not sv else "Kolla källan", author="Liisa")
    d.add_heading("Säilytysaika" if not sv else "Lagringstid", 4)  # skips level 3
    p = d.add_paragraph("Säilytysaika lasketaan kaavalla " if not sv else "Tiden räknas ")
    p._p.append(_xml(f"<m:oMath {M}><m:r><m:t>t+5</m:t></m:r></m:oMath>"))
    d.add_paragraph(
        "Vinkki: kirjaa päätökset." if not sv else "Tips: dokumentera besluten.",
        style="Vinkki" if not sv else "Tips",
    )
    table = d.add_table(rows=2, cols=6)
    heads = ["Tieto", "Peruste", "Säilytys", "Vastuu", "Luovutus", "Huomautukset"]
    if sv:
        heads = ["Uppgift", "Grund", "Lagring", "Ansvar", "Utlämning", "Anmärkningar"]
    for i, text in enumerate(heads):
        table.cell(0, i).text = text
        table.cell(1, i).text = str(i + 1)

    d.add_heading("Käytännössä" if not sv else "I praktiken", 1)
    p = d.add_paragraph("Katso kaavio." if not sv else "Se diagrammet.")
    chart = "http://schemas.openxmlformats.org/drawingml/2006/chart"
    p.add_run()._r.append(
        _xml(f'<w:drawing {W} xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
             'wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/'
             '2006/main"><wp:inline><wp:extent cx="5486400" cy="3200400"/>'
             '<wp:docPr id="99" name="Kaavio 1"/><a:graphic>'
             f'<a:graphicData uri="{chart}"><c:chart xmlns:c="{chart}" '
             'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
             'r:id="rId99"/></a:graphicData></a:graphic></wp:inline></w:drawing>')
    )  # fmt: skip
    _picture(d, big_image or png(30, 30, (200, 40, 40)), None, None)  # no alt text
    d.add_heading("Lähteet" if not sv else "Källor", 2)  # an empty section
    d.save(path)
    return path


def odt_guide(path: Path) -> Path:
    """An OpenDocument guide made with odfpy: a footnote, a comment, tracked changes, a
    callout style, an image with alt text, a list, a table, links and a chart."""
    from odf import dc, draw, office, svg, table, text
    from odf.opendocument import OpenDocumentText
    from odf.style import Style, TextProperties

    d = OpenDocumentText()
    d.meta.addElement(dc.Title(text="Etätyön opas"))
    d.meta.addElement(dc.Creator(text="Henkilöstöpalvelut"))
    d.meta.addElement(dc.Language(text="fi-FI"))
    warning = Style(name="Varoitus", family="paragraph")
    d.styles.addElement(warning)
    auto = Style(name="P1", family="paragraph", parentstylename="Varoitus")
    bold = Style(name="T1", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    d.automaticstyles.addElement(auto)
    d.automaticstyles.addElement(bold)
    body = d.text

    changes = text.TrackedChanges()
    region = text.ChangedRegion(check_grammar=False)
    region.setAttrNS(text.TEXTNS, "id", "ct1")
    deletion = text.Deletion()
    deletion.addElement(office.ChangeInfo())
    deletion.addElement(text.P(text="poistettu lause"))
    region.addElement(deletion)
    changes.addElement(region)
    body.addElement(changes)

    body.addElement(text.H(outlinelevel=1, text="Aloitus"))
    p = text.P(text="Etätyö on ")
    p.addElement(text.Span(stylename=bold, text="sovittava"))
    p.addText(" esihenkilön kanssa.")
    note = text.Note(id="ftn1", noteclass="footnote")
    note.addElement(text.NoteCitation(text="1"))
    note_body = text.NoteBody()
    note_body.addElement(text.P(text="Etätyösopimus tehdään kirjallisesti."))
    note.addElement(note_body)
    p.addElement(note)
    comment = office.Annotation()
    comment.addElement(dc.Creator(text="Pekka"))
    comment.addElement(text.P(text="Onko tämä ajantasainen?"))
    p.addElement(comment)
    p.addElement(text.Change(changeid="ct1"))
    body.addElement(p)
    body.addElement(text.P(stylename=auto, text="Älä käsittele salaisia tietoja kahvilassa."))
    items = text.List()
    for word in ("Kannettava", "Puhelin"):
        item = text.ListItem()
        item.addElement(text.P(text=word))
        items.addElement(item)
    body.addElement(items)
    href = d.addPicture("Pictures/tyopiste.png", "image/png", png(32, 16, (90, 90, 200)))
    frame = draw.Frame(width="4cm", height="2cm", anchortype="as-char")
    frame.addElement(draw.Image(href=href))
    frame.addElement(svg.Title(text="Ergonominen työpiste"))
    pic = text.P()
    pic.addElement(frame)
    body.addElement(pic)
    link = text.P(text="Lue myös ")
    link.addElement(text.A(href="https://www.tyosuojelu.fi/", text="työsuojelun ohjeet"))
    link.addText(".")
    body.addElement(link)

    body.addElement(text.H(outlinelevel=1, text="Välineet"))
    grid = table.Table(name="Välineet")
    grid.addElement(table.TableColumn(numbercolumnsrepeated=2))
    for row_texts in (("Väline", "Kuka hankkii"), ("Näyttö", "Työnantaja")):
        row = table.TableRow()
        for cell_text in row_texts:
            cell = table.TableCell()
            cell.addElement(text.P(text=cell_text))
            row.addElement(cell)
        grid.addElement(row)
    body.addElement(grid)
    from odf import chart
    from odf.opendocument import OpenDocumentChart

    diagram = OpenDocumentChart()
    diagram.chart.addElement(chart.Chart(attributes={"class": "chart:bar"}))
    for sub in (diagram,):
        obj_frame = draw.Frame(width="8cm", height="4cm", anchortype="as-char")
        obj_frame.addElement(draw.Object(href=d.addObject(sub)))
        holder = text.P()
        holder.addElement(obj_frame)
        body.addElement(holder)
    back = text.P(text="Palaa ")
    back.addElement(text.A(href="#Aloitus|outline", text="alkuun"))
    back.addText(".")
    body.addElement(back)
    d.save(str(path))
    return path
