"""Reading a task list someone sent as an .xlsx table (the city's appendix, a ward's own list).

`read_grids(path)` returns every worksheet as a grid: a list of rows, each a list of cell texts
("" for an empty cell), trimmed of empty trailing rows and columns. Parsing the grid — header,
columns, sections, dates — is desktop.core.task_sheet's work; this module only turns the file
into text, so the core never sees openpyxl.

Cells become text the way a person reads them: dates "30/12/2025" (a real Excel date or a
date-formatted number), whole numbers "1" (not "1.0"), other numbers as Python writes them,
text as typed (line breaks kept; NFC). Merged cells: the top-left value is copied down the first
column of the range, the other columns of the range stay empty — so a lead unit merged over three
task rows reaches each task, and a section heading merged across the table stays one cell.

Checked before openpyxl opens anything: the file exists and is not huge, it is a zip (an old .xls
or a password-protected workbook is an OLE2 container and gets its own message), its members are
not a zip bomb. Any failure is a UserError with a Vietnamese message; nothing is written.
"""

from __future__ import annotations

import os
import zipfile
from datetime import date, datetime, time
from pathlib import Path

from desktop.core.errors import UserError
from desktop.core.vn import format_date, nfc
from desktop.strings import downward as S

MAX_FILE_BYTES = 30 * 1024 * 1024
MAX_UNPACKED_BYTES = 300 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed size of one member
MAX_ROWS = 20000
MAX_COLUMNS = 100
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_MARKERS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))

Grid = list[list[str]]


def read_grids(path: str | os.PathLike[str]) -> dict[str, Grid]:
    """Every worksheet of the workbook, in tab order, as {sheet name: grid}."""
    source = Path(path)
    name = source.name
    _check_container(source)
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # Not read_only: the read-only reader does not expose merged cells, and a task list is small.
        workbook = load_workbook(source, data_only=True, read_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError) as exc:
        raise UserError(S.XLSX_NOT_WORKBOOK.format(name=name)) from exc
    except (OSError, ValueError, TypeError, AttributeError, IndexError, EOFError) as exc:
        raise UserError(S.XLSX_DAMAGED.format(name=name, reason=_reason(exc))) from exc
    except Exception as exc:  # noqa: BLE001 - lxml/et parse errors and friends: a damaged file
        raise UserError(S.XLSX_DAMAGED.format(name=name, reason=_reason(exc))) from exc
    try:
        grids: dict[str, Grid] = {}
        for sheet in workbook.worksheets:
            grids[nfc(sheet.title)] = _grid(sheet, name)
    finally:
        workbook.close()
    if not any(grids.values()):
        raise UserError(S.XLSX_EMPTY.format(name=name))
    return grids


def _reason(exc: Exception) -> str:
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__


def _check_container(source: Path) -> None:
    name = source.name
    try:
        size = source.stat().st_size
    except FileNotFoundError:
        raise UserError(S.XLSX_MISSING.format(name=name)) from None
    except OSError as exc:
        raise UserError(S.XLSX_UNREADABLE.format(name=name, reason=exc.strerror or exc)) from exc
    if size == 0:
        raise UserError(S.XLSX_EMPTY_FILE.format(name=name))
    if size > MAX_FILE_BYTES:
        raise UserError(S.XLSX_TOO_BIG.format(name=name, limit=MAX_FILE_BYTES // (1024 * 1024)))
    try:
        with source.open("rb") as handle:
            head = handle.read(1 << 16)
    except OSError as exc:
        raise UserError(S.XLSX_UNREADABLE.format(name=name, reason=exc.strerror or exc)) from exc
    if head.startswith(OLE2_SIGNATURE):
        if _encrypted_ole2(source, head):
            raise UserError(S.XLSX_ENCRYPTED.format(name=name))
        raise UserError(S.XLSX_OLD_FORMAT.format(name=name))
    if not zipfile.is_zipfile(source):
        raise UserError(S.XLSX_NOT_ZIP.format(name=name))
    try:
        with zipfile.ZipFile(source) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
            total = 0
            for member in members:
                total += member.file_size
                if member.compress_size and member.file_size / member.compress_size > MAX_RATIO \
                        and member.file_size > 1024 * 1024:
                    raise UserError(S.XLSX_BOMB.format(name=name))
            if total > MAX_UNPACKED_BYTES:
                raise UserError(S.XLSX_BOMB.format(name=name))
    except zipfile.BadZipFile as exc:
        raise UserError(S.XLSX_NOT_ZIP.format(name=name)) from exc
    except OSError as exc:
        raise UserError(S.XLSX_UNREADABLE.format(name=name, reason=exc.strerror or exc)) from exc
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise UserError(S.XLSX_NOT_WORKBOOK.format(name=name))


def _encrypted_ole2(source: Path, head: bytes) -> bool:
    """An OLE2 (compound file) container holding an "EncryptedPackage" stream: a workbook saved
    with a password (an old .xls has a "Workbook" stream instead). The stream names are in the
    directory, whose first sector the header gives (offset 0x30; sector size 2**[0x1E])."""
    if any(marker in head for marker in ENCRYPTED_MARKERS):
        return True
    if len(head) < 512:
        return False
    shift = int.from_bytes(head[0x1E:0x20], "little")
    first = int.from_bytes(head[0x30:0x34], "little")
    if not 7 <= shift <= 16 or first >= 0xFFFFFFFA:
        return False
    size = 1 << shift
    try:
        with source.open("rb") as handle:
            handle.seek((first + 1) * size)
            directory = handle.read(size * 4)
    except OSError:
        return False
    return any(marker in directory for marker in ENCRYPTED_MARKERS)


def cell_text(value: object) -> str:
    """One cell as a person reads it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return S.YES if value else S.NO
    if isinstance(value, datetime):
        return format_date(value.date())
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    return nfc(str(value))


def _grid(sheet, file_name: str) -> Grid:
    max_row, max_col = sheet.max_row or 0, sheet.max_column or 0
    if max_row > MAX_ROWS or max_col > MAX_COLUMNS:
        # max_row counts formatted-but-empty rows too: look at real content before refusing.
        last_row, last_col = _content_extent(sheet)
        if last_row > MAX_ROWS or last_col > MAX_COLUMNS:
            raise UserError(S.XLSX_SHEET_TOO_BIG.format(
                name=file_name, sheet=sheet.title, rows=MAX_ROWS, columns=MAX_COLUMNS))
        max_row, max_col = last_row, last_col
    rows: Grid = []
    for values in sheet.iter_rows(min_row=1, max_row=max_row, max_col=max_col, values_only=True):
        rows.append([cell_text(v) for v in values])
    for merged in list(sheet.merged_cells.ranges):
        top, left, bottom, right = merged.min_row, merged.min_col, merged.max_row, merged.max_col
        if top > len(rows) or left > max_col:
            continue
        value = rows[top - 1][left - 1]
        for row_index in range(top, min(bottom, len(rows)) + 1):
            row = rows[row_index - 1]
            row[left - 1] = value
            for col_index in range(left + 1, min(right, max_col) + 1):
                row[col_index - 1] = ""
    return _trim(rows)


def _content_extent(sheet) -> tuple[int, int]:
    last_row = last_col = 0
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value not in (None, ""):
                last_row = max(last_row, cell.row)
                last_col = max(last_col, cell.column)
    return last_row, last_col


def _trim(rows: Grid) -> Grid:
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    width = max((i + 1 for row in rows for i, cell in enumerate(row) if cell.strip()), default=0)
    return [row[:width] + [""] * (width - len(row[:width])) for row in rows]
