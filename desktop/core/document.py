"""The printable document: what a report or a plan looks like once every figure is resolved.

Plain frozen dataclasses, no Qt, no reportlab. `desktop.core.reports` and `desktop.core.plans`
build a `PrintDocument`; `desktop.printing` lays it out on A4 pages by the rules of Nghị định
30/2020 (see shared/reference/nd30-layout.md) and writes the PDF; the Qt preview paints the same
laid-out pages. Everything a user reads is already final text here (numbers formatted, headings
upper-cased where the style says so), so the printer decides only *where* things go.

Sizes are in points (1 pt = 1/72 inch); 1 cm = 28.35 pt.
"""

from __future__ import annotations

from dataclasses import dataclass, field

CM = 72 / 2.54
MM = CM / 10

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

JUSTIFY = "justify"
LEFT = "left"
CENTER = "center"
RIGHT = "right"
ALIGNMENTS = (JUSTIFY, LEFT, CENTER, RIGHT)


@dataclass(frozen=True)
class Run:
    """A piece of text in one style. Text is NFC."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Para:
    """One paragraph. `first_indent=None` means the body's first-line indent (1 cm by default);
    bullets (`- `, `+ `) are ordinary paragraphs whose first run starts with the bullet.
    `size=None` is the body size (14 pt by default)."""

    runs: tuple[Run, ...]
    align: str = JUSTIFY
    first_indent: float | None = None
    left_indent: float = 0.0
    size: float | None = None
    space_before: float | None = None  # None: the settings' paragraph spacing
    space_after: float | None = None
    keep_with_next: bool = False  # headings: never the last line of a page
    page_break_before: bool = False

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def para(text: str, bold: bool = False, italic: bool = False, **kwargs) -> Para:
    """A paragraph with one run (shorthand for builders and tests)."""
    return Para((Run(text, bold, italic),), **kwargs)


@dataclass(frozen=True)
class Column:
    header: str
    width: float = 1.0  # relative weight; the printer shares the text width in proportion
    align: str = LEFT  # alignment of the body cells (headers are centred)


@dataclass(frozen=True)
class TableRow:
    cells: tuple[str, ...]
    bold: bool = False
    group: bool = False  # a group heading row: the first cell spans every column


@dataclass(frozen=True)
class Table:
    """A ruled table. The header row repeats at the top of every page it runs onto; a row is
    never split across pages unless it alone is taller than a page."""

    columns: tuple[Column, ...]
    rows: tuple[TableRow, ...]
    size: float | None = None  # None: the settings' table size (12 pt)
    header_numbers: bool = False  # a second header row "(1) (2) (3) …", common in appendices


Block = Para | Table


@dataclass(frozen=True)
class Header:
    """The two-column top of page 1 (ND30 boxes 1–4)."""

    body_lines: tuple[str, ...]  # box 2, upper case, bold: ("ỦY BAN NHÂN DÂN", "PHƯỜNG AN HẢI")
    number_line: str  # box 3: "Số: 05/BC-UBND", or "Số:      /BC-UBND" before registration
    date_line: str  # box 4: "An Hải, ngày 05 tháng 11 năm 2025" (italic)
    parent_body: str = ""  # box 2 line above the issuing body, regular (cơ quan chủ quản)


@dataclass(frozen=True)
class Signature:
    """ND30 boxes 7a–7c: "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", space, name."""

    authority_lines: tuple[str, ...]
    name: str


@dataclass(frozen=True)
class Appendix:
    """Starts on a new page; its pages are numbered from 1 again (no number on its first page)."""

    label: str  # "Phụ lục I" ("Phụ lục" when it is the only one)
    title: str  # printed upper case, bold
    attached_line: str  # "(Kèm theo Báo cáo số      /BC-UBND ngày     tháng 11 năm 2025 của …)"
    blocks: tuple[Block, ...] = ()
    landscape: bool = False


@dataclass(frozen=True)
class Metadata:
    title: str  # "Báo cáo số 05/BC-UBND: Kết quả thực hiện …"
    subject: str  # the summary (trích yếu)
    author: str  # the issuing body: "Ủy ban nhân dân phường An Hải"
    keywords: str = ""  # number-symbol, document type


@dataclass(frozen=True)
class PrintDocument:
    header: Header
    doc_type: str  # box 5a: "BÁO CÁO", "KẾ HOẠCH" (printed as given, upper case)
    summary: str  # box 5a: the trích yếu, bold, centred, may wrap
    body: tuple[Block, ...]  # box 6, including the opening paragraph (căn cứ …)
    recipients: tuple[str, ...]  # box 9b lines: "- UBKT Đảng ủy phường;" … "- Lưu: VT, VHXH."
    signature: Signature
    metadata: Metadata
    addressees: tuple[str, ...] = ()  # box 9a "Kính gửi": one → same line; several → "- …;" lines
    closing: tuple[Block, ...] = ()  # "Trên đây là báo cáo …./." kept on the page of the signature
    drafter_line: str = ""  # box 12, optional: "NTĐ.05b"
    appendices: tuple[Appendix, ...] = ()


@dataclass(frozen=True)
class LayoutSettings:
    """Every size the layout uses, with the ND30 defaults (bold in nd30-layout.md).

    Kept as one value so a settings screen can change margins or sizes without touching code."""

    page_width: float = 210 * MM
    page_height: float = 297 * MM
    margin_top: float = 20 * MM
    margin_bottom: float = 20 * MM
    margin_left: float = 30 * MM
    margin_right: float = 15 * MM
    body_size: float = 14.0
    national_title_size: float = 12.0  # box 1, bold upper
    motto_size: float = 13.0  # box 1, bold
    body_name_size: float = 12.0  # box 2
    number_size: float = 13.0  # box 3
    date_size: float = 14.0  # box 4, italic
    title_size: float = 14.0  # box 5a
    page_number_size: float = 13.0
    recipients_title_size: float = 12.0  # "Nơi nhận:" bold italic
    recipients_size: float = 11.0
    signature_size: float = 14.0
    table_size: float = 12.0
    first_indent: float = 1 * CM
    paragraph_spacing: float = 6.0  # space after each body paragraph (≥ 6 pt)
    line_spacing: float = 1.15  # multiple of the font size, between 1 and 1.5 lines
    signature_space: float = 28 * MM  # box 7c, room for the hand signature and the seal
    left_column_share: float = 0.40  # the header's left column, share of the text width
    body_rule_share: float = 0.40  # rule under the issuing body: 1/3–1/2 of its text

    @property
    def text_width(self) -> float:
        return self.page_width - self.margin_left - self.margin_right


DEFAULT_SETTINGS = LayoutSettings()


@dataclass(frozen=True)
class DocumentFile:
    """Where a rendered PDF went and what it holds (for messages and tests)."""

    path: str
    pages: int
    font_source: str  # "windows" (installed Times New Roman) or "bundled" (resources/fonts)
    seconds: float = 0.0
    notes: tuple[str, ...] = field(default_factory=tuple)
