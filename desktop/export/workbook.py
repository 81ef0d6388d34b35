"""The shared XLSX engine: a table sheet laid out the way a ward clerk formats it, and an atomic save.

Layout of every sheet (top to bottom): the office name lines (bold, centred over the left part),
a blank row, the title (bold, 13 pt, merged across the table), subtitle lines (the period or the
plan reference, italic), a blank row, the table header (bold, centred, wrapped, repeated on every
printed page and frozen on screen), then group rows ("I | Chỉ tiêu về …", bold, the text merged
across the rest of the row) and data rows. Times New Roman throughout, thin borders on the table.

Print setup: A4 landscape, fit to one page wide, margins close to a printed appendix, "Trang 1/3"
centred in the footer.

Numbers are stored as numbers, never as text:
- whole numbers use WHOLE_FORMAT, an explicit format whose '.' thousands separators are literal
  characters (chosen by magnitude with format conditions), so a count reads "11.962" in Excel and
  LibreOffice whatever the Windows region settings are. Above 999.999.999 the leading group simply
  holds more digits ("1234.567.890"); the value itself is exact.
- numbers with decimals use the ordinary "#,##0.0" codes: a number format cannot force the decimal
  sign, so Excel shows the separators of the user's region (Vietnamese Windows: "1.234,5";
  English: "1,234.5"). The value is exact either way.
Dates are stored as dates with the format dd/mm/yyyy.

Security: a text that begins with '=', '+', '-', '@', a tab or a carriage return is stored as a
string (data type 's', with the quote prefix Excel itself uses), never as a formula.

Writing is atomic: a temporary file in the target folder, flushed and fsync'ed, then os.replace
onto the final name. A target open in Excel (its "~$" owner file exists, or the replace is
refused) raises UserError with a Vietnamese message asking to close it.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from desktop.core.errors import UserError
from desktop.core.vn import nfc
from desktop.files import write_atomic
from desktop.strings import export as X

FONT_NAME = "Times New Roman"
TITLE_SIZE = 13
HEADER_SIZE = 12
BODY_SIZE = 12
OFFICE_SIZE = 12

# '.' thousands as literal characters, whatever the region settings.
WHOLE_FORMAT = r'[>=1000000]#\.###\.##0;[>=1000]#\.##0;0'
WHOLE_NEGATIVE_FORMAT = "#,##0"  # conditions above do not cover negatives; rare in these tables
DATE_FORMAT = "dd/mm/yyyy"
TEXT_FORMAT = "@"

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)

# Approximate characters per width unit for Times New Roman (width units are Calibri digits).
_CHARS_PER_UNIT = {11: 1.45, 12: 1.33, 13: 1.22}
_LINE_HEIGHT = {11: 14.5, 12: 15.75, 13: 17.0}


def decimal_format(decimals: int) -> str:
    """"#,##0.0" for one decimal; the decimal sign follows the user's region (see module notes)."""
    return "#,##0." + "0" * decimals if decimals > 0 else WHOLE_FORMAT


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


@dataclass(frozen=True)
class Column:
    header: str
    width: float  # Excel width units
    align: str = "left"  # horizontal alignment of body cells: left | center | right


def _font(size: int = BODY_SIZE, bold: bool = False, italic: bool = False) -> Font:
    return Font(name=FONT_NAME, size=size, bold=bold, italic=italic)


def _lines_needed(text: str, width: float, size: int) -> int:
    per_line = max(1, int(width * _CHARS_PER_UNIT.get(size, 1.1)))
    return sum(max(1, math.ceil(len(part) / per_line)) for part in str(text).split("\n")) if text else 1


def _height(lines: int, size: int) -> float:
    return round(lines * _LINE_HEIGHT.get(size, 1.3 * size) + 3, 2)


class TableSheet:
    """One sheet: header block, a bordered table with group rows, print setup. Use `group()` and
    `row()` in order, then `finish()` (ExportBook.save calls it for you)."""

    def __init__(self, ws: Worksheet, columns: Sequence[Column], *, office_lines: Sequence[str], title: str,
                 subtitles: Sequence[str] = (), body_size: int = BODY_SIZE, header_rows: int = 1) -> None:
        self.ws = ws
        self.columns = tuple(columns)
        self.body_size = body_size
        self._finished = False
        for index, column in enumerate(self.columns, start=1):
            ws.column_dimensions[get_column_letter(index)].width = column.width
        self.row_number = 0
        self._write_top(office_lines, title, subtitles)
        self.header_row = self.row_number + 1
        self._write_header()
        self.table_top = self.header_row
        ws.freeze_panes = f"A{self.header_row + 1}"

    # ------------------------------------------------------------------ header block
    @property
    def width(self) -> int:
        return len(self.columns)

    def _span_width(self, first: int, last: int) -> float:
        return sum(c.width for c in self.columns[first - 1:last])

    def _merged_line(self, text: str, first: int, last: int, font: Font, horizontal: str = "center") -> None:
        self.row_number += 1
        r = self.row_number
        cell = self.ws.cell(row=r, column=first)
        set_text(cell, text)
        cell.font = font
        cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
        if last > first:
            self.ws.merge_cells(start_row=r, start_column=first, end_row=r, end_column=last)
        lines = _lines_needed(text, self._span_width(first, last), font.size or BODY_SIZE)
        self.ws.row_dimensions[r].height = _height(lines, int(font.size or BODY_SIZE))

    def _write_top(self, office_lines: Sequence[str], title: str, subtitles: Sequence[str]) -> None:
        # The office block sits over the left columns, about a third of the table, as on paper.
        total = self._span_width(1, self.width)
        left_last, running = 1, 0.0
        for index, column in enumerate(self.columns, start=1):
            running += column.width
            left_last = index
            if running >= total * 0.33:
                break
        for line in office_lines:
            if line.strip():
                self._merged_line(line, 1, max(left_last, 1), _font(OFFICE_SIZE, bold=True))
        self.row_number += 1  # blank
        self._merged_line(title, 1, self.width, _font(TITLE_SIZE, bold=True))
        for line in subtitles:
            if line.strip():
                self._merged_line(line, 1, self.width, _font(HEADER_SIZE, italic=True))
        self.row_number += 1  # blank

    def _write_header(self) -> None:
        self.row_number += 1
        r = self.row_number
        lines = 1
        for index, column in enumerate(self.columns, start=1):
            cell = self.ws.cell(row=r, column=index)
            set_text(cell, column.header)
            cell.font = _font(HEADER_SIZE, bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            lines = max(lines, _lines_needed(column.header, column.width, HEADER_SIZE))
        self.ws.row_dimensions[r].height = _height(lines, HEADER_SIZE)

    # ------------------------------------------------------------------ table body
    def group(self, number: str, text: str) -> None:
        """A bold group row: the number in the first column, the text across the others."""
        self.row_number += 1
        r = self.row_number
        first = self.ws.cell(row=r, column=1)
        set_text(first, number)
        first.font = _font(self.body_size, bold=True)
        first.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell = self.ws.cell(row=r, column=2)
        set_text(cell, text)
        cell.font = _font(self.body_size, bold=True)
        cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
        if self.width > 2:
            self.ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=self.width)
        lines = _lines_needed(text, self._span_width(2, self.width), self.body_size)
        self.ws.row_dimensions[r].height = _height(lines, self.body_size)

    def row(self, values: Sequence[object], decimals: Sequence[int | None] | None = None,
            bold: bool = False) -> int:
        """A data row; `decimals[i]` fixes the decimals shown for a number in column i."""
        self.row_number += 1
        r = self.row_number
        lines = 1
        for index, (column, value) in enumerate(zip(self.columns, values), start=1):
            cell = self.ws.cell(row=r, column=index)
            places = decimals[index - 1] if decimals and index - 1 < len(decimals) else None
            set_value(cell, value, places)
            cell.font = _font(self.body_size, bold=bold)
            horizontal = column.align
            if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) and horizontal == "left":
                horizontal = "right"
            cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
            if isinstance(value, str):
                lines = max(lines, _lines_needed(value, column.width, self.body_size))
        self.ws.row_dimensions[r].height = _height(lines, self.body_size)
        return r

    # ------------------------------------------------------------------ finishing
    def finish(self) -> None:
        if self._finished:
            return
        self._finished = True
        ws = self.ws
        for r in range(self.table_top, self.row_number + 1):
            for c in range(1, self.width + 1):
                ws.cell(row=r, column=c).border = BORDER  # merged cells too, so every edge is drawn
        ws.print_title_rows = f"{self.header_row}:{self.header_row}"
        setup = ws.page_setup
        setup.orientation = "landscape"
        setup.paperSize = ws.PAPERSIZE_A4
        setup.fitToWidth = 1
        setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.page_margins.left = 0.6
        ws.page_margins.right = 0.4
        ws.page_margins.top = 0.6
        ws.page_margins.bottom = 0.6
        ws.page_margins.header = 0.3
        ws.page_margins.footer = 0.3
        ws.print_options.horizontalCentered = True
        ws.oddFooter.center.text = X.FOOTER_PAGE
        ws.oddFooter.center.font = FONT_NAME
        ws.oddFooter.center.size = 11
        ws.sheet_view.zoomScale = 100


# ---------------------------------------------------------------------- cells


def set_text(cell, text: str) -> None:
    """A string cell that can never become a formula."""
    text = nfc(str(text))
    cell.value = text
    cell.data_type = "s"  # openpyxl guesses 'f' for "=…"; a text stays a text
    if text and is_formula_like(text):
        cell.quotePrefix = True  # what Excel stores for a typed '=…; keeps an edit in Excel literal


def set_value(cell, value: object, decimals: int | None = None) -> None:
    """Write a typed value: numbers as numbers, dates as dates, booleans as Có/Không, text as text."""
    if value is None:
        cell.value = None
        return
    if isinstance(value, bool):
        set_text(cell, X.YES if value else X.NO)
        return
    if isinstance(value, Decimal):
        if not value.is_finite():
            set_text(cell, str(value))
            return
        if decimals is None:
            decimals = 0 if value == value.to_integral_value() else max(0, -value.normalize().as_tuple().exponent)
        value = int(value) if decimals == 0 and value == value.to_integral_value() else float(value)
    if isinstance(value, int):
        cell.value = value
        cell.number_format = WHOLE_FORMAT if value >= 0 else WHOLE_NEGATIVE_FORMAT
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            set_text(cell, str(value))
            return
        if decimals is None:
            decimals = 0 if value.is_integer() else min(6, len(repr(value).partition(".")[2]))
        cell.value = value
        if decimals:
            cell.number_format = decimal_format(decimals)
        else:
            cell.number_format = WHOLE_FORMAT if value >= 0 else WHOLE_NEGATIVE_FORMAT
        return
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
        return
    set_text(cell, str(value))


# ---------------------------------------------------------------------- workbook


class ExportBook:
    """A workbook of table sheets; `save()` finishes every sheet and writes atomically."""

    def __init__(self) -> None:
        self.wb = Workbook()
        self.wb.remove(self.wb.active)
        self.sheets: list[TableSheet] = []

    def add_sheet(self, name: str, columns: Sequence[Column], **kwargs) -> TableSheet:
        ws = self.wb.create_sheet(safe_sheet_name(name, self.wb.sheetnames))
        sheet = TableSheet(ws, columns, **kwargs)
        self.sheets.append(sheet)
        return sheet

    def save(self, path: str | os.PathLike) -> Path:
        for sheet in self.sheets:
            sheet.finish()
        return save_workbook(self.wb, path)


def safe_sheet_name(name: str, taken: Sequence[str] = ()) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    cleaned = "".join("-" if ch in '[]:*?/\\' else ch for ch in nfc(name)).strip("' ") or "Sheet"
    cleaned = cleaned[:31]
    candidate, counter = cleaned, 2
    lowered = {t.casefold() for t in taken}
    while candidate.casefold() in lowered:
        suffix = f" ({counter})"
        candidate = cleaned[:31 - len(suffix)] + suffix
        counter += 1
    return candidate


def _owner_file(path: Path) -> Path:
    """Excel's lock file for an open workbook: "~$" + the name (the first two characters are dropped
    for long names by some versions, so both spellings are checked)."""
    return path.with_name("~$" + path.name)


def _is_open_in_excel(path: Path) -> bool:
    candidates = [_owner_file(path)]
    if len(path.name) > 2:
        candidates.append(path.with_name("~$" + path.name[2:]))
    return any(c.exists() for c in candidates)


def save_workbook(wb: Workbook, path: str | os.PathLike) -> Path:
    """Write the workbook atomically; returns the absolute path."""
    target = Path(path).expanduser().absolute()
    if target.suffix.lower() != ".xlsx":
        raise UserError(X.NOT_XLSX.format(path=target))
    if not target.parent.is_dir():
        raise UserError(X.FOLDER_MISSING.format(path=target.parent))
    if _is_open_in_excel(target):
        raise UserError(X.FILE_LOCKED.format(path=target))
    try:
        write_atomic(target, wb.save)
    except PermissionError as exc:
        raise UserError(X.FILE_LOCKED.format(path=target)) from exc
    except OSError as exc:
        raise UserError(X.FILE_NOT_WRITABLE.format(path=target, reason=exc.strerror or exc)) from exc
    return target


