"""The Party's document layout for Word drafts (Hướng dẫn 36-HD/VPTW as practised).

Formatting only: page, fonts, the two-column heading, the title, the body and the
closing "Nơi nhận" and signature blocks. The drafts module decides what to say.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from io import BytesIO

from docx import Document as new_document
from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

# What the committee fills in by hand where the case holds no value yet.
PLACEHOLDER = "……"
FONT = "Times New Roman"
BODY_SIZE = Pt(14)
SMALL_SIZE = Pt(12)
_TEXT_WIDTH = Mm(210 - 30 - 15)
_LEFT_COLUMN = Mm(72)

_LEVELS = re.compile(r"^Đảng bộ (xã|phường|thị trấn|đặc khu|huyện|quận|thị xã|thành phố|tỉnh) (.+)$", re.IGNORECASE)
# Standing name of a level's committee: "Đảng bộ huyện Mường Lát" → "Huyện ủy Mường Lát".
_COMMITTEE_OF_LEVEL = {
    "huyện": "Huyện ủy",
    "quận": "Quận ủy",
    "thị xã": "Thị ủy",
    "thành phố": "Thành ủy",
    "tỉnh": "Tỉnh ủy",
}
_SYMBOL_OF_COMMITTEE = {"Huyện ủy": "HU", "Quận ủy": "QU", "Thị ủy": "TU", "Thành ủy": "TU", "Tỉnh ủy": "TU"}


def text(value: object) -> str:
    """A value as it appears in a draft: the placeholder when there is none."""
    if value is None or value == "":
        return PLACEHOLDER
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def date_words(day: dt.date | None) -> str:
    """'ngày 15 tháng 3 năm 2023', or the blank form with placeholders."""
    if day is None:
        return f"ngày {PLACEHOLDER} tháng {PLACEHOLDER} năm {PLACEHOLDER}"
    # HD 36: a leading zero for days below 10 and for January and February.
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place_of(names: Iterable[str]) -> str:
    """The place on the date line: the locality of the first commune, district or
    province body among ``names`` (the issuer first, then its ancestors)."""
    for name in names:
        match = _LEVELS.match(name)
        if match:
            return match.group(2)
    return PLACEHOLDER


def committee_place(body_name: str) -> str:
    """The administrative unit a party body is named after: "Đảng bộ xã Tam Chung" →
    "xã Tam Chung"; any other name as it is."""
    match = _LEVELS.match(body_name)
    return f"{match.group(1).lower()} {match.group(2)}" if match else body_name


def committee_name(body_name: str) -> str:
    """The committee of a party body: "Đảng bộ xã Tam Chung" → "Đảng ủy xã Tam Chung",
    "Đảng bộ huyện Mường Lát" → "Huyện ủy Mường Lát"; a cell keeps its own name."""
    match = _LEVELS.match(body_name)
    if match and match.group(1).lower() in _COMMITTEE_OF_LEVEL:
        return f"{_COMMITTEE_OF_LEVEL[match.group(1).lower()]} {match.group(2)}"
    if body_name.startswith("Đảng bộ "):
        return "Đảng ủy " + body_name.removeprefix("Đảng bộ ")
    return body_name


def committee_symbol(committee: str) -> str:
    """The issuer's symbol in a document number: "Huyện ủy …" → "HU", "Đảng ủy …" → "ĐU"."""
    for prefix, symbol in _SYMBOL_OF_COMMITTEE.items():
        if committee.startswith(prefix):
            return symbol
    return "CB" if committee.startswith("Chi bộ") else "ĐU"


def document_number(recorded: str, kind: str, symbol: str) -> str:
    """'Số 05-NQ/CB' from a recorded number, or the blank 'Số ……-NQ/CB'."""
    if recorded and "/" in recorded:
        return f"Số {recorded}"
    return f"Số {recorded or PLACEHOLDER}-{kind}/{symbol}"


@dataclass(frozen=True)
class Heading:
    """The two-column heading: issuing body on the left, the Party and date on the right."""

    superior: str  # the superior party body, printed in capitals
    issuer: str  # the issuing body, capitals and bold
    number: str  # "Số 05-NQ/CB"
    place: str
    day: dt.date | None


@dataclass(frozen=True)
class Closing:
    """The 'Nơi nhận' list and the signature block."""

    recipients: Sequence[str]
    on_behalf: str  # "T/M CHI BỘ"
    position: str  # "BÍ THƯ"
    signer: str  # full name, or empty for the placeholder


def document() -> Document:
    """An empty A4 document: margins 20/20/30/15 mm, Times New Roman 14 pt."""
    doc = new_document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name = FONT  # type: ignore[attr-defined]
    normal.font.size = BODY_SIZE  # type: ignore[attr-defined]
    # Word picks the East Asian and complex-script slots for some Vietnamese letters.
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    spacing = normal.paragraph_format  # type: ignore[attr-defined]
    spacing.space_before, spacing.space_after, spacing.line_spacing = Pt(0), Pt(0), 1.1
    return doc


def to_bytes(doc: Document) -> bytes:
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _line(
    container: Document | _Cell,
    value: str,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: Pt | None = None,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
    first: bool = False,
) -> Paragraph:
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    paragraph.alignment = align
    run = paragraph.add_run(value)
    # Only set what is on, so the runs inherit everything else from the style.
    run.bold, run.italic, run.underline = bold or None, italic or None, underline or None
    if size is not None:
        run.font.size = size
    return paragraph


def _borderless_table(doc: Document, widths: Sequence[int]) -> list[_Cell]:
    table = doc.add_table(rows=1, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    cells = list(table.rows[0].cells)
    # Word reads the cell widths, LibreOffice the grid: set both.
    for cell, column, width in zip(cells, table.columns, widths, strict=True):
        cell.width = width
        column.width = width
    return cells


def heading(doc: Document, head: Heading) -> None:
    """Left: superior body, issuing body (bold), '*', number. Right: the Party, bold and
    underlined, then the place and date in italics."""
    left, right = _borderless_table(doc, [_LEFT_COLUMN, _TEXT_WIDTH - _LEFT_COLUMN])
    _line(left, head.superior.upper(), first=True)
    _line(left, head.issuer.upper(), bold=True)
    _line(left, "*")
    _line(left, head.number)
    _line(right, "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, underline=True, first=True)
    _line(right, "")
    _line(right, f"{head.place}, {date_words(head.day)}", italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT)


def title(doc: Document, name: str, subject: str) -> None:
    """'NGHỊ QUYẾT' over its subject, bold and centred, with a short rule below."""
    _line(doc, "")
    _line(doc, name.upper(), bold=True, size=Pt(15)).paragraph_format.space_before = Pt(12)
    _line(doc, subject, bold=True)
    _line(doc, "-----").paragraph_format.space_after = Pt(6)


def centred(doc: Document, value: str, *, bold: bool = True) -> Paragraph:
    paragraph = _line(doc, value, bold=bold)
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.paragraph_format.space_after = Pt(6)
    return paragraph


def body(doc: Document, value: str, *, label: str = "", indent: bool = True) -> Paragraph:
    """A justified body paragraph, optionally opened by a bold label ('Điều 1.')."""
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.space_after = Pt(6)
    if indent:
        paragraph.paragraph_format.first_line_indent = Mm(10)
    if label:
        paragraph.add_run(label + " ").bold = True
    paragraph.add_run(value)
    return paragraph


def closing(doc: Document, end: Closing) -> None:
    """'Nơi nhận:' bottom left in 12 pt; the signature block bottom right."""
    _line(doc, "")
    left, right = _borderless_table(doc, [_LEFT_COLUMN, _TEXT_WIDTH - _LEFT_COLUMN])
    _line(
        left,
        "Nơi nhận:",
        bold=True,
        italic=True,
        underline=True,
        size=SMALL_SIZE,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        first=True,
    )
    for recipient in end.recipients:
        _line(left, recipient, size=Pt(11), align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(right, end.on_behalf, bold=True, first=True)
    _line(right, end.position, bold=True)
    _line(right, "(Ký, ghi rõ họ tên)", italic=True, size=SMALL_SIZE)
    for _ in range(3):
        _line(right, "")
    _line(right, end.signer or PLACEHOLDER, bold=True)
