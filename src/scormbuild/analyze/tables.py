"""A downloaded report file -> rows of text cells: Moodle's text (CSV), Excel and ODS downloads.

Report files come from outside: each reader bounds what it reads (file size, zip members and
their unpacked size, rows and columns), parses XML without entities or network, and turns
any unreadable file into a :class:`ReportError`, never a traceback.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from scormbuild.errors import CourseError, error

MAX_FILE = 64 * 1024 * 1024  # bytes of a downloaded report
MAX_UNPACKED = 256 * 1024 * 1024  # bytes inside an .xlsx or .ods
MAX_ROWS = 200_000
MAX_COLUMNS = 20_000

Rows = list[list[str]]
Numbered = list[tuple[int, list[str]]]  # (line or sheet row, counted from 1; the cells)

OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


class ReportError(CourseError):
    """A report that cannot be read or understood: ``path[:line[:column]]: error: message``
    and a hint; the line is the text line or the spreadsheet row, the column the cell."""

    def __init__(
        self,
        path: Path | str,
        message: str,
        hint: str | None = None,
        *,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__([error(str(path), line, message, column=column, hint=hint)])


@dataclass(frozen=True)
class Table:
    """The non-empty rows of a report's first sheet, and where each stands in the file."""

    rows: Rows
    lines: tuple[int, ...]  # the line (text) or row (spreadsheet) of each row, from 1


def read_rows(path: Path) -> Rows:
    """The first sheet of ``path`` (text, .xlsx or .ods, told apart by content) as text rows."""
    return read_table(path).rows


def read_table(path: Path) -> Table:
    """The first sheet of ``path`` (text, .xlsx or .ods, told apart by content), rows numbered."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE:
            raise ReportError(path, f"{size} bytes is larger than a report can be")
        data = path.read_bytes()
    except OSError as exc:
        raise ReportError(path, f"cannot read: {exc.strerror or exc}") from None
    if not data.strip():
        raise ReportError(
            path, "the file is empty", "download the report again from the activity's Reports page"
        )
    if data[:4] == b"PK\x03\x04":
        return _zipped(path, data)
    return _text(path, data)


def _text(path: Path, data: bytes) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReportError(path, "not UTF-8 text, nor an .xlsx or .ods file") from None
    if "\0" in text:
        raise ReportError(path, "a binary file, not a report")
    first = text.split("\n", 1)[0]
    # Moodle's report downloads are tab-separated; its table downloads (Track details) use commas.
    delimiter = max("\t,;", key=first.count)
    csv.field_size_limit(1_000_000)
    try:
        rows: Numbered = []
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        start = 1
        for row in reader:
            rows.append((start, [cell.strip() for cell in row]))
            start = reader.line_num + 1
            if len(rows) > MAX_ROWS:
                break
    except csv.Error as exc:
        raise ReportError(path, f"not a readable table: {exc}") from None
    return _bounded(path, rows)


def _bounded(path: Path, rows: Numbered) -> Table:
    kept = [(n, r) for n, r in rows if any(c for c in r)]
    if len(kept) > MAX_ROWS or any(len(r) > MAX_COLUMNS for _, r in kept):
        raise ReportError(path, "more rows or columns than a report can have")
    return Table([r for _, r in kept], tuple(n for n, _ in kept))


def _zipped(path: Path, data: bytes) -> Table:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ReportError(path, "a damaged zip file, not an .xlsx or .ods report") from None
    if len(infos) > 10_000 or sum(i.file_size for i in infos) > MAX_UNPACKED:
        raise ReportError(path, "unpacks to more than a report can be")
    names = {i.filename for i in infos}
    if "content.xml" in names:
        return _ods(path, zf)
    if "xl/workbook.xml" in names:
        return _xlsx(path, data)
    raise ReportError(path, "a zip file that is neither an .xlsx nor an .ods spreadsheet")


def _xlsx(path: Path, data: bytes) -> Table:
    try:
        import openpyxl
    except ImportError:
        raise ReportError(
            path, "reading Excel reports needs openpyxl", "pip install 'scormbuild[analyze]'"
        ) from None
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        rows: Numbered = []
        for n, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            if len(row) > MAX_COLUMNS or len(rows) >= MAX_ROWS:
                raise ReportError(path, "more rows or columns than a report can have")
            rows.append((n, _trim(["" if v is None else _cell(v) for v in row])))
        book.close()
    except ReportError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise ReportError(path, f"not a readable .xlsx file ({type(exc).__name__})") from None
    return _bounded(path, rows)


def _cell(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _ods(path: Path, zf: zipfile.ZipFile) -> Table:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(zf.read("content.xml"), parser)
    except (etree.XMLSyntaxError, KeyError, zipfile.BadZipFile, OSError, ValueError,
            EOFError, NotImplementedError, zlib.error):  # fmt: skip
        raise ReportError(path, "not a readable .ods file") from None
    table = root.find(f".//{{{TABLE}}}table")
    if table is None:
        raise ReportError(path, "an .ods file without a sheet")
    rows: Numbered = []
    number = 1
    for row in table.iter(f"{{{TABLE}}}table-row"):
        cells: list[str] = []
        for cell in row:
            if cell.tag not in (f"{{{TABLE}}}table-cell", f"{{{TABLE}}}covered-table-cell"):
                continue
            repeat = _count(cell.get(f"{{{TABLE}}}number-columns-repeated"), MAX_COLUMNS)
            cells.extend([_ods_text(cell)] * repeat)
            if len(cells) > MAX_COLUMNS:
                raise ReportError(path, "more columns than a report can have")
        repeat = _count(row.get(f"{{{TABLE}}}number-rows-repeated"), MAX_ROWS)
        if any(cells):
            cells = _trim(cells)
            rows.extend((number + i, cells) for i in range(repeat))
        number += repeat
        if len(rows) > MAX_ROWS:
            break
    return _bounded(path, rows)


def _count(value: str | None, limit: int) -> int:
    try:
        return max(1, min(int(value or 1), limit + 1))
    except ValueError:
        return 1


def _ods_text(cell: etree._Element) -> str:
    paragraphs = ["".join(_spans(p)) for p in cell.iter(f"{{{TEXT}}}p")]
    if paragraphs:
        return "\n".join(paragraphs).strip()
    return (cell.get(f"{{{OFFICE}}}value") or "").strip()


def _spans(node: etree._Element) -> list[str]:
    """The text of an ODS paragraph: spans, spaces (``text:s``), tabs and line breaks."""
    out = [node.text or ""]
    for child in node:
        if child.tag == f"{{{TEXT}}}s":
            out.append(" " * _count(child.get(f"{{{TEXT}}}c"), 1000))
        elif child.tag == f"{{{TEXT}}}tab":
            out.append("\t")
        elif child.tag == f"{{{TEXT}}}line-break":
            out.append("\n")
        else:
            out.extend(_spans(child))
        out.append(child.tail or "")
    return out


def _trim(row: list[str]) -> list[str]:
    while row and not row[-1]:
        row = row[:-1]
    return row
