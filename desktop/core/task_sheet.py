"""A task list from a table (the city's appendix in .xlsx): columns, rows, sections and dates.

The file is read by desktop.export.task_sheet into a grid (rows of cell texts); everything else
happens here, without openpyxl, so it is tested on plain lists:

* `find_header(grid)` — the header row: the one among the first rows whose cells name the most
  known columns (Stt, Tên nhiệm vụ, Văn bản, Đơn vị chủ trì, Đơn vị phối hợp, Thời gian hoàn
  thành, Sản phẩm, Giai đoạn, Ghi chú …), accent- and case-insensitively.
* `guess_mapping(headers)` — one field per column (FIELDS), each field used once, "ignore" else.
* `preview_sheet(grid, …)` — every row below the header read as a task, a section heading, a row
  to skip (a repeated header, the "(1) (2) (3)" column-number row, a duplicate) or an error with
  its reason. Rows are never dropped silently: only rows with no text at all are left out.
  A section heading that names a directive ("A. Các nhiệm vụ tại Kế hoạch số 12-KH/TU, ngày
  26/8/2025 của Ban Thường vụ Thành ủy") makes it the source of the tasks below it; a "Văn bản"
  cell adds its own. Dates in every common form: a real Excel date, "30/12/2025", "Trước ngày
  30/12/2025", "Tháng 12/2025", "Quý IV/2025", "6 tháng đầu năm 2025", "Năm 2025" (the last day of
  that span, the words kept as the deadline note), "Thường xuyên", "Hằng năm", "Hằng quý",
  "Theo văn bản".
* `import_sheet(session, preview, …)` — one transaction (the caller's unit of work): directives
  matched by number-symbol or created, tasks matched by title (so importing the same list again
  updates instead of duplicating) or created; the ward's own statuses, history, evidence, lead
  department and notes are kept.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core import status as st
from desktop.core.changes import DIRECTIVES, TASKS, Changes
from desktop.core.downward import DirectiveIndex, DirectiveRef, normal_number
from desktop.core.errors import UserError
from desktop.core.vn import ParseError, clean_line, clean_text, fold, format_date, parse_date, shorten
from desktop.models import Department, Directive, Plan, Task
from desktop.strings import downward as S

Grid = Sequence[Sequence[str]]

STT, TITLE, DETAILS, SOURCE, LEAD, COORDINATORS, DEADLINE, OUTPUT, PHASE, NOTE, IGNORE = (
    "stt", "title", "details", "source", "lead", "coordinators", "deadline", "output", "phase", "note", "ignore")
FIELDS = (STT, TITLE, DETAILS, SOURCE, LEAD, COORDINATORS, DEADLINE, OUTPUT, PHASE, NOTE, IGNORE)

# Header words per field, folded (no accents, lower case), in the order they are tried: the more
# specific first ("nội dung chi tiết" before "nội dung", "đơn vị phối hợp" before "đơn vị").
HEADER_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (COORDINATORS, ("phoi hop",)),
    (LEAD, ("chu tri", "don vi thuc hien", "co quan thuc hien", "phu trach", "don vi chiu trach nhiem",
            "trach nhiem thuc hien")),
    (DEADLINE, ("thoi gian", "thoi han", "tien do", "han hoan thanh", "moc hoan thanh", "hoan thanh")),
    (OUTPUT, ("san pham", "ket qua dau ra", "dau ra")),
    (SOURCE, ("van ban", "nguon", "can cu", "ket luan", "xuat xu")),
    (PHASE, ("giai doan",)),
    (DETAILS, ("noi dung chi tiet", "chi tiet", "mo ta", "giai phap")),
    (NOTE, ("ghi chu", "tinh hinh", "ket qua thuc hien")),
    (TITLE, ("ten nhiem vu", "nhiem vu", "noi dung cong viec", "ten cong viec", "noi dung", "cong viec",
             "danh muc")),
)
STT_WORDS = ("stt", "tt", "so tt", "so thu tu", "thu tu", "s tt")
HEADER_SCAN_ROWS = 30
HEADER_CELL_LIMIT = 60

_SECTION = re.compile(r"^\s*(?P<mark>[A-ZĐ]|[IVXLC]{1,6})\s*[.)/:-]\s*(?P<text>\S.*)$", re.DOTALL)
_MARK_ONLY = re.compile(r"^\s*(?P<mark>[A-ZĐ]|[IVXLC]{1,6})\s*[.)]?\s*$")
_ROMAN = re.compile(r"^[IVXLC]+$")
_COLUMN_NUMBER = re.compile(r"^\(?\s*\d{1,2}\s*\)?$")
_STT = re.compile(r"^\s*(\d{1,4}(?:\s*[.,]\s*\d{1,3})*)\s*[.):]?\s*$")

# A number-symbol: "12-KH/TU", "02-KH/BCĐTW", "71/NQ-CP", "06/QĐ-TTg", "13/2023/NĐ-CP".
_NUMBER = r"\d{1,5}(?:/\d{4})?[-/][A-ZĐ][A-Za-zĐđ]*(?:[-/][A-ZĐ][A-Za-zĐđ0-9]*)+"
_NUMBER_RE = re.compile(rf"(?<![\w/-])({_NUMBER})")
_TYPE_WORDS = (
    ("kế hoạch", "plan"), ("nghị quyết", "resolution"), ("thông báo kết luận", "notice"), ("thông báo", "notice"),
    ("quyết định", "decision"), ("chỉ thị", "directive"), ("kết luận", "conclusion"), ("công văn", "official_letter"),
    ("quy định", "regulation"), ("nghị định", "decree"), ("thông tư", "circular"), ("chương trình", "other"),
    ("hướng dẫn", "other"), ("quy chế", "other"), ("văn bản", "other"),
)
_TYPE_BEFORE = re.compile(
    r"(" + "|".join(word for word, _ in _TYPE_WORDS) + r")(?:\s+[^\d\s]{1,12}){0,2}\s*(?:số\s*)?$", re.IGNORECASE)
_SYMBOL_TYPES = {"NQ": "resolution", "KH": "plan", "TB": "notice", "QĐ": "decision", "CT": "directive",
                 "KL": "conclusion", "CV": "official_letter", "QY": "regulation", "NĐ": "decree", "TT": "circular"}
_DATE_AFTER = re.compile(
    r"^\s*,?\s*(?:ngày\s*)?(\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\d{1,2}\s*tháng\s*\d{1,2}\s*năm\s*\d{4})",
    re.IGNORECASE)
_ISSUER_AFTER = re.compile(r"^\s*,?\s*của\s+(?P<issuer>.+?)(?:\s+(?P<summary>về\s+.+))?\s*$",
                           re.IGNORECASE | re.DOTALL)

_DATE_ANY = re.compile(r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}|ngày\s*\d{1,2}\s*tháng\s*\d{1,2}\s*năm\s*\d{4}",
                       re.IGNORECASE)
_MONTH = re.compile(r"thang\s*(\d{1,2})\s*(?:[/.-]|nam)\s*(\d{4})")
_QUARTER = re.compile(r"quy\s*([ivx]+|\d)\s*(?:[/.-]|nam)\s*(\d{4})")
_HALF = re.compile(r"6\s*thang\s*(dau|cuoi)\s*nam\s*(\d{4})")
_NINE = re.compile(r"9\s*thang\s*(?:dau\s*)?nam\s*(\d{4})")
_YEAR = re.compile(r"(?:^|nam\s*)(\d{4})\b")
_EXCEL_SERIAL = re.compile(r"^\d{5}(?:\.0+)?$")
_PHASE = re.compile(r"^(?:giai\s*doan|gd)?\s*(\d{1,2})$")
_ROMAN_VALUES = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

ROW_TASK, ROW_SECTION, ROW_SKIPPED, ROW_ERROR = "task", "section", "skipped", "error"


# ----------------------------------------------------------------------------- result types


@dataclass(frozen=True)
class ParsedTask:
    title: str
    stt: str = ""
    details: str = ""
    lead_note: str = ""
    lead_department_id: int | None = None
    coordinator_ids: tuple[int, ...] = ()
    coordination_note: str = ""
    expected_output: str = ""
    deadline: date | None = None
    recurrence: str = st.RECURRENCE_NONE
    deadline_note: str = ""
    phase: str = ""
    sources: tuple[DirectiveRef, ...] = ()
    existing_id: int | None = None  # a task of this office with the same title

    @property
    def deadline_text(self) -> str:
        if self.deadline is not None:
            return format_date(self.deadline) + (f" ({self.deadline_note})" if self.deadline_note else "")
        if self.recurrence != st.RECURRENCE_NONE:
            from desktop.strings.common import RECURRENCE

            return RECURRENCE[self.recurrence] + (f" ({self.deadline_note})" if self.deadline_note else "")
        return self.deadline_note

    @property
    def source_text(self) -> str:
        return "; ".join(ref.number_symbol for ref in self.sources)


@dataclass(frozen=True)
class SheetRow:
    number: int  # the row number in the sheet, as Excel shows it (1-based)
    kind: str  # task | section | skipped | error
    cells: tuple[str, ...]
    task: ParsedTask | None = None
    section: str = ""  # the heading (section rows) or the heading the task falls under
    reason: str = ""  # why the row is skipped or cannot be read; a remark otherwise


@dataclass(frozen=True)
class SheetPreview:
    header_row: int | None  # 0-based index in the grid; None when no header was found
    headers: tuple[str, ...]
    mapping: tuple[str, ...]
    rows: tuple[SheetRow, ...]
    new_directives: tuple[DirectiveRef, ...] = ()

    @property
    def tasks(self) -> list[SheetRow]:
        return [row for row in self.rows if row.kind == ROW_TASK]

    @property
    def errors(self) -> list[SheetRow]:
        return [row for row in self.rows if row.kind == ROW_ERROR]

    @property
    def problems(self) -> list[str]:
        """"Dòng 14: thiếu tên nhiệm vụ." — one line per unreadable row."""
        return [S.ROW_PROBLEM.format(row=row.number, reason=row.reason) for row in self.errors]

    @property
    def readable(self) -> int:
        return len(self.tasks)

    @property
    def existing(self) -> int:
        return sum(1 for row in self.tasks if row.task.existing_id is not None)

    def summary(self) -> str:
        """"32 dòng đọc được, 2 dòng lỗi" (+ sections and skipped rows when there are some)."""
        text = S.PREVIEW_COUNTS.format(readable=self.readable, errors=len(self.errors))
        skipped = sum(1 for row in self.rows if row.kind == ROW_SKIPPED)
        if skipped:
            text += S.PREVIEW_SKIPPED.format(count=skipped)
        if self.existing:
            text += S.PREVIEW_EXISTING.format(count=self.existing)
        return text


@dataclass(frozen=True)
class SheetContext:
    """What the preview matches against: this office's departments, directives and task titles."""

    departments: tuple[tuple[int, str, str], ...] = ()  # (id, name, abbreviation)
    directives: tuple[tuple[int, str, date | None], ...] = ()  # (id, number-symbol, issued_on)
    tasks: Mapping[str, int] = field(default_factory=dict)  # folded title -> task id

    def department(self, text: str) -> int | None:
        wanted = fold(text)
        if not wanted:
            return None
        for department_id, name, abbreviation in self.departments:
            if wanted == fold(name) or (abbreviation and wanted == fold(abbreviation)):
                return department_id
        return None

    def knows(self, ref: DirectiveRef) -> bool:
        candidates = [(i, day) for i, number, day in self.directives if normal_number(number) == ref.key]
        if not candidates:
            return False
        return ref.issued_on is None or any(day in (None, ref.issued_on) for _i, day in candidates)


@dataclass(frozen=True)
class SheetImportResult:
    created: int
    updated: int
    unchanged: int
    directives_created: int
    skipped: tuple[str, ...]  # the problems of unreadable rows, left out
    task_ids: tuple[int, ...] = ()

    def message(self) -> str:
        text = S.IMPORT_DONE.format(created=self.created, updated=self.updated, unchanged=self.unchanged)
        if self.directives_created:
            text += S.IMPORT_DIRECTIVES.format(count=self.directives_created)
        if self.skipped:
            text += S.IMPORT_SKIPPED.format(count=len(self.skipped))
        return text


def load_context(session: Session) -> SheetContext:
    departments = tuple((d.id, d.name, d.abbreviation) for d in session.scalars(
        select(Department).where(Department.active.is_(True)).order_by(Department.position, Department.id)))
    directives = tuple(tuple(row) for row in session.execute(select(Directive.id, Directive.number_symbol, Directive.issued_on)))
    tasks: dict[str, int] = {}
    for task_id, title in session.execute(select(Task.id, Task.title).order_by(Task.id)):
        tasks.setdefault(title_key(title), task_id)
    return SheetContext(departments, directives, tasks)


def title_key(title: str) -> str:
    """Titles that differ only by accents typed another way, case, spaces or end punctuation match."""
    return fold(clean_line(title)).rstrip(" .;:")


# ----------------------------------------------------------------------------- header and columns


def _header_field(text: str) -> str | None:
    folded = fold(clean_line(text)).strip(" .:*")
    if not folded:
        return None
    if folded in STT_WORDS or re.fullmatch(r"s\.?\s?t\.?\s?t\.?|t\.?\s?t\.?", folded):
        return STT
    for name, words in HEADER_WORDS:
        if any(word in folded for word in words):
            return name
    return None


def guess_mapping(headers: Sequence[str]) -> tuple[str, ...]:
    """One field per column: the first column naming a field gets it; the rest are ignored."""
    used: set[str] = set()
    mapping = []
    for text in headers:
        name = _header_field(text)
        if name is None or name in used:
            mapping.append(IGNORE)
            continue
        used.add(name)
        mapping.append(name)
    return tuple(mapping)


def _header_score(row: Sequence[str]) -> int:
    """How many known columns a row names; long cells are data, never headers."""
    mapping = guess_mapping([text if len(text) <= HEADER_CELL_LIMIT else "" for text in row])
    if TITLE not in mapping:
        return 0
    return sum(1 for name in mapping if name != IGNORE)


def find_header(grid: Grid) -> int | None:
    """The index of the header row, or None. Of equal rows, the lower of two adjacent ones wins
    (a two-row header whose merged cells were copied down)."""
    best, best_score = None, 1
    for index, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        score = _header_score(row)
        if score > best_score or (best is not None and score == best_score and index == best + 1):
            best, best_score = index, score
    return best


def column_letter(index: int) -> str:
    """0 -> "A", 26 -> "AA"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# ----------------------------------------------------------------------------- cells


def _join_broken(text: str) -> str:
    """"14-\\nTB/TGV" (a number broken over two lines) -> "14-TB/TGV"."""
    text = re.sub(r"([-/])[ \t]*\n\s*", r"\1", text)
    return re.sub(r"\s*([-/])\s*(?=[A-ZĐ0-9])", r"\1", text)


def find_directives(text: str) -> list[DirectiveRef]:
    """Every directive named in a text, with its type, date, issuer and subject when given."""
    text = _join_broken(clean_text(text))
    matches = list(_NUMBER_RE.finditer(text))
    refs = []
    for position, match in enumerate(matches):
        number = match.group(1)
        before = text[max(0, match.start() - 40):match.start()]
        end = matches[position + 1].start() if position + 1 < len(matches) else len(text)
        after = text[match.end():end]
        doc_type = _doc_type(before, number)
        issued_on = None
        date_match = _DATE_AFTER.match(after)
        if date_match:
            try:
                issued_on = parse_date(date_match.group(1))
            except ParseError:
                issued_on = None
            after = after[date_match.end():]
        issuer = summary = ""
        if position + 1 == len(matches):
            issuer_match = _ISSUER_AFTER.match(after.replace("\n", " "))
            if issuer_match:
                issuer = clean_line(issuer_match.group("issuer")).rstrip(" .;,")
                summary = clean_line(issuer_match.group("summary") or "").rstrip(" .;,")
                summary = summary[:1].upper() + summary[1:]
        refs.append(DirectiveRef(number_symbol=number, doc_type=doc_type, issued_on=issued_on,
                                 issuer=issuer[:200], summary=summary))
    return refs


def _doc_type(before: str, number: str) -> str:
    match = _TYPE_BEFORE.search(clean_line(before))
    if match:
        word = match.group(1).casefold()
        return next(kind for text, kind in _TYPE_WORDS if text == word)
    parts = re.split(r"[-/]", number)
    for part in parts[1:]:
        kind = _SYMBOL_TYPES.get(part.upper())
        if kind:
            return kind
    return "other"


def _last_day(year: int, month: int) -> date:
    following = date(year + (month == 12), month % 12 + 1, 1)
    return following - timedelta(days=1)


def _check_year(day: date, raw: str) -> date:
    if not 2000 <= day.year <= 2100:
        raise ParseError(S.DEADLINE_YEAR.format(value=raw))
    return day


def parse_deadline(text: str) -> tuple[date | None, str, str]:
    """(deadline, recurrence, deadline note) from a cell; ParseError (Vietnamese) when unreadable."""
    raw = clean_line(text)
    if not raw:
        return None, st.RECURRENCE_NONE, ""
    folded = fold(raw)
    note = raw[:300]
    if re.search(r"\b(?:thuong xuyen|lien tuc)\b", folded):
        return None, st.RECURRENCE_CONTINUOUS, "" if folded.strip(" .") == "thuong xuyen" else note
    if re.search(r"\bhang nam\b", folded):
        return None, st.RECURRENCE_YEARLY, "" if folded.strip(" .") == "hang nam" else note
    if re.search(r"\bhang quy\b", folded):
        return None, st.RECURRENCE_QUARTERLY, "" if folded.strip(" .") == "hang quy" else note
    if folded.startswith("theo "):
        return None, st.RECURRENCE_PER_SOURCE, note
    if _EXCEL_SERIAL.match(raw):
        serial = int(float(raw))
        day = date(1899, 12, 30) + timedelta(days=serial)
        return _check_year(day, raw), st.RECURRENCE_NONE, ""
    found = _DATE_ANY.findall(raw)
    if found:
        day = parse_date(found[-1])  # a span "01/7/2025 - 30/12/2025" ends on its last date
        plain = len(found) == 1 and clean_line(found[0]) == raw
        return _check_year(day, raw), st.RECURRENCE_NONE, "" if plain else note
    match = _MONTH.search(folded)
    if match:
        month, year = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12:
            raise ParseError(S.DEADLINE_MONTH.format(value=raw))
        return _check_year(_last_day(year, month), raw), st.RECURRENCE_NONE, note
    match = _QUARTER.search(folded)
    if match:
        number = _ROMAN_VALUES.get(match.group(1)) or (int(match.group(1)) if match.group(1).isdigit() else 0)
        if not 1 <= number <= 4:
            raise ParseError(S.DEADLINE_QUARTER.format(value=raw))
        return _check_year(_last_day(int(match.group(2)), number * 3), raw), st.RECURRENCE_NONE, note
    match = _HALF.search(folded)
    if match:
        month = 6 if match.group(1) == "dau" else 12
        return _check_year(_last_day(int(match.group(2)), month), raw), st.RECURRENCE_NONE, note
    match = _NINE.search(folded)
    if match:
        return _check_year(_last_day(int(match.group(1)), 9), raw), st.RECURRENCE_NONE, note
    match = _YEAR.search(folded)
    if match:
        return _check_year(date(int(match.group(1)), 12, 31), raw), st.RECURRENCE_NONE, note
    raise ParseError(S.DEADLINE_UNREADABLE.format(value=raw))


def parse_phase(text: str) -> str:
    raw = clean_line(text)
    match = _PHASE.match(fold(raw))
    return match.group(1).lstrip("0") or "0" if match else raw[:40]


def _split_names(text: str) -> list[str]:
    return [clean_line(part) for part in re.split(r"[;,\n]+", text) if clean_line(part)]


# ----------------------------------------------------------------------------- rows


def _section_mark(mark: str, previous: str) -> str:
    """"letter" or "roman" for a section mark ("A", "II"); a single I/V/X after a letter section
    that is its predecessor (H → I) stays a letter."""
    if len(mark) > 1 and _ROMAN.match(mark):
        return "roman"
    if mark in ("I", "V", "X") and not (previous and ord(previous) == ord(mark) - 1):
        return "roman"
    return "letter"


def _is_column_numbers(cells: Sequence[str]) -> bool:
    filled = [c for c in cells if c.strip()]
    return len(filled) >= 2 and all(_COLUMN_NUMBER.match(c.strip()) for c in filled) and \
        [int(re.sub(r"\D", "", c)) for c in filled] == list(range(int(re.sub(r"\D", "", filled[0])),
                                                                   int(re.sub(r"\D", "", filled[0])) + len(filled)))


class _RowReader:
    def __init__(self, mapping: Sequence[str], headers: Sequence[str], context: SheetContext) -> None:
        self.mapping = list(mapping)
        self.headers = [clean_line(h) for h in headers]
        self.context = context
        self.columns = {name: index for index, name in enumerate(self.mapping) if name != IGNORE}
        self.section = ""
        self.section_refs: tuple[DirectiveRef, ...] = ()
        self.section_style = ""
        self.section_letter = ""

    def cell(self, cells: Sequence[str], name: str) -> str:
        index = self.columns.get(name)
        if index is None or index >= len(cells):
            return ""
        return cells[index]

    def label(self, name: str) -> str:
        index = self.columns.get(name)
        header = self.headers[index] if index is not None and index < len(self.headers) else ""
        letter = column_letter(index) if index is not None else ""
        return S.COLUMN_LABEL.format(letter=letter, header=shorten(header or S.FIELD_LABELS[name], 30))

    def read(self, number: int, cells: Sequence[str]) -> SheetRow | None:
        cells = tuple(cells)
        filled = [(index, text) for index, text in enumerate(cells) if text.strip()]
        if not filled:
            return None
        if self._is_header(cells):
            return SheetRow(number, ROW_SKIPPED, cells, reason=S.ROW_REPEATED_HEADER)
        if _is_column_numbers(cells):
            return SheetRow(number, ROW_SKIPPED, cells, reason=S.ROW_COLUMN_NUMBERS)
        section = self._section(filled, cells)
        if section is not None:
            return self._enter_section(number, cells, section)
        return self._task(number, cells)

    def _is_header(self, cells: Sequence[str]) -> bool:
        same = sum(1 for index, text in enumerate(cells)
                   if text.strip() and index < len(self.headers) and fold(text) == fold(self.headers[index]))
        return same >= 2 or _header_score(cells) >= 3

    def _section(self, filled: Sequence[tuple[int, str]], cells: Sequence[str]) -> tuple[str, str] | None:
        """(mark, heading) when the row is a section heading."""
        title_index = self.columns.get(TITLE)
        if len(filled) == 1:
            index, text = filled[0]
            match = _SECTION.match(clean_text(text))
            if match and not match.group("text")[:1].isdigit():
                return match.group("mark"), clean_line(text)
            if title_index is None or index < title_index:
                # Text merged across the table from the left: a heading without a mark.
                return "", clean_line(text)
            return None
        stt = self.cell(cells, STT)
        mark = _MARK_ONLY.match(stt) if stt else None
        if mark and self.cell(cells, TITLE).strip():
            return mark.group("mark"), f"{mark.group('mark')}. {clean_line(self.cell(cells, TITLE))}"
        return None

    def _enter_section(self, number: int, cells: tuple[str, ...], section: tuple[str, str]) -> SheetRow:
        mark, heading = section
        style = _section_mark(mark, self.section_letter) if mark else "none"
        refs = tuple(find_directives(heading))
        if refs:
            self.section_refs, self.section_style = refs, style
        elif style == self.section_style or not self.section_refs:
            # A new section of the same rank without a directive ends the previous one's source;
            # a subsection (another numbering style) keeps it.
            self.section_refs, self.section_style = (), style
        if style == "letter":
            self.section_letter = mark
        self.section = heading
        reason = S.SECTION_SOURCE.format(refs="; ".join(r.label for r in self.section_refs)) if self.section_refs \
            else S.SECTION_NO_SOURCE
        return SheetRow(number, ROW_SECTION, cells, section=heading, reason=reason)

    def _task(self, number: int, cells: tuple[str, ...]) -> SheetRow:
        problems: list[str] = []
        title = clean_text(self.cell(cells, TITLE))
        if TITLE not in self.columns:
            problems.append(S.NO_TITLE_COLUMN)
        elif not title:
            problems.append(S.ROW_NO_TITLE.format(column=self.label(TITLE)))
        elif len(title) > 2000:
            problems.append(S.ROW_TITLE_TOO_LONG.format(length=len(title)))
        stt = clean_line(self.cell(cells, STT))
        details = clean_text(self.cell(cells, DETAILS))
        note = clean_text(self.cell(cells, NOTE))
        if note:
            details = "\n".join(x for x in (details, S.NOTE_PREFIX + note) if x)
        deadline, recurrence, deadline_note = None, st.RECURRENCE_NONE, ""
        deadline_cell = self.cell(cells, DEADLINE)
        try:
            deadline, recurrence, deadline_note = parse_deadline(deadline_cell)
        except ParseError as exc:
            problems.append(f"{self.label(DEADLINE)}: {exc}")
        sources = list(self.section_refs)
        source_cell = clean_text(self.cell(cells, SOURCE))
        if source_cell:
            found = find_directives(source_cell)
            if not found:
                problems.append(S.ROW_SOURCE_UNREADABLE.format(column=self.label(SOURCE), value=shorten(
                    clean_line(source_cell), 60)))
            for ref in found:
                if all(ref.key != other.key for other in sources):
                    sources.append(ref)
        lead_text = clean_line(self.cell(cells, LEAD))
        lead_id = self.context.department(lead_text)
        lead_note = "" if lead_id is not None else lead_text
        if len(lead_note) > 300:
            problems.append(S.ROW_TOO_LONG.format(column=self.label(LEAD), length=len(lead_note), limit=300))
        coordinator_ids: list[int] = []
        unmatched: list[str] = []
        for name in _split_names(self.cell(cells, COORDINATORS)):
            found_id = self.context.department(name)
            if found_id is not None and found_id not in coordinator_ids and found_id != lead_id:
                coordinator_ids.append(found_id)
            elif found_id is None:
                unmatched.append(name)
        coordination_note = ", ".join(unmatched)
        if len(coordination_note) > 300:
            problems.append(S.ROW_TOO_LONG.format(column=self.label(COORDINATORS), length=len(coordination_note),
                                                  limit=300))
        output = clean_text(self.cell(cells, OUTPUT))
        phase = parse_phase(self.cell(cells, PHASE))
        if problems:
            return SheetRow(number, ROW_ERROR, cells, section=self.section, reason=" ".join(problems))
        task = ParsedTask(
            title=title, stt=stt, details=details, lead_note=lead_note, lead_department_id=lead_id,
            coordinator_ids=tuple(coordinator_ids), coordination_note=coordination_note, expected_output=output,
            deadline=deadline, recurrence=recurrence, deadline_note=deadline_note, phase=phase,
            sources=tuple(sources), existing_id=self.context.tasks.get(title_key(title)),
        )
        remark = S.ROW_EXISTS if task.existing_id is not None else ""
        return SheetRow(number, ROW_TASK, cells, task=task, section=self.section, reason=remark)


def preview_sheet(grid: Grid, *, header_row: int | None = None, mapping: Sequence[str] | None = None,
                  context: SheetContext | None = None) -> SheetPreview:
    """Read every row below the header. `header_row` (0-based) and `mapping` default to the guesses."""
    context = context or SheetContext()
    rows = [list(row) for row in grid]
    if header_row is None:
        header_row = find_header(rows)
    width = max((len(row) for row in rows), default=0)
    headers = tuple(rows[header_row] + [""] * (width - len(rows[header_row]))) if header_row is not None \
        and header_row < len(rows) else tuple("" for _ in range(width))
    if mapping is None:
        mapping = guess_mapping(headers)
    mapping = tuple(mapping) + (IGNORE,) * (width - len(mapping))
    mapping = mapping[:width]
    unknown = [name for name in mapping if name not in FIELDS]
    if unknown:
        raise ValueError(unknown)
    duplicated = {name for name in mapping if name != IGNORE and mapping.count(name) > 1}
    if duplicated:
        raise UserError(S.MAPPING_TWICE.format(fields=", ".join(S.FIELD_LABELS[n] for n in sorted(duplicated))))
    reader = _RowReader(mapping, headers, context)
    first = (header_row + 1) if header_row is not None else 0
    read: list[SheetRow] = []
    seen: dict[str, int] = {}
    for index in range(first, len(rows)):
        row = reader.read(index + 1, rows[index] + [""] * (width - len(rows[index])))
        if row is None:
            continue
        if row.kind == ROW_TASK:
            key = title_key(row.task.title)
            if key in seen:
                # The same task twice (listed under two directives): one task, both sources.
                first_index = seen[key]
                original = read[first_index]
                merged = original.task.sources + tuple(
                    ref for ref in row.task.sources if all(ref.key != other.key for other in original.task.sources))
                read[first_index] = replace(original, task=replace(original.task, sources=merged))
                row = replace(row, kind=ROW_SKIPPED, task=None, reason=S.ROW_DUPLICATE.format(row=original.number))
            else:
                seen[key] = len(read)
        read.append(row)
    new: dict[str, DirectiveRef] = {}
    for row in read:
        if row.kind == ROW_TASK:
            for ref in row.task.sources:
                if not context.knows(ref) and ref.key not in new:
                    new[ref.key] = ref
    return SheetPreview(header_row, headers, mapping, tuple(read), tuple(new.values()))


# ----------------------------------------------------------------------------- import


def import_sheet(session: Session, preview: SheetPreview, *, plan_id: int | None = None,
                 default_phase: str = "") -> tuple[SheetImportResult, Changes]:
    """Create or update the readable tasks of the preview (the caller's unit of work).

    Tasks are matched by title (accents typed another way, case and spaces aside): a match gets
    the sheet's deadline, details, output, phase and any new source; its status history,
    evidence, lead department, coordinators and notes are the office's and stay. Unreadable rows
    are left out and listed in the result."""
    from desktop.core import tasks as tasks_core

    rows = preview.tasks
    if not rows:
        raise UserError(S.NOTHING_READABLE)
    if plan_id is not None and session.get(Plan, plan_id) is None:
        raise UserError(S.PLAN_NOT_FOUND.format(id=plan_id))
    default_phase = parse_phase(default_phase)
    index = DirectiveIndex(session)
    directives_created = 0
    by_title: dict[str, int] = {}
    for task_id, title in session.execute(select(Task.id, Task.title).order_by(Task.id)):
        by_title.setdefault(title_key(title), task_id)
    created = updated = unchanged = 0
    ids: list[int] = []
    for row in rows:
        parsed = row.task
        source_ids: list[int] = []
        for ref in parsed.sources:
            directive_id, new = index.resolve(ref, apply=True)
            directives_created += new
            if directive_id not in source_ids:
                source_ids.append(directive_id)
        phase = parsed.phase or default_phase
        existing_id = by_title.get(title_key(parsed.title))
        if existing_id is None:
            task_id, _ = tasks_core.create_task(session, tasks_core.TaskInput(
                title=parsed.title, details=parsed.details, plan_id=plan_id,
                lead_department_id=parsed.lead_department_id, lead_note=parsed.lead_note,
                coordinator_ids=parsed.coordinator_ids, coordination_note=parsed.coordination_note,
                expected_output=parsed.expected_output, deadline=parsed.deadline, recurrence=parsed.recurrence,
                deadline_note=parsed.deadline_note, phase=phase,
                sources=tuple(tasks_core.SourceRef(d) for d in source_ids),
            ))
            by_title[title_key(parsed.title)] = task_id
            created += 1
            ids.append(task_id)
            continue
        if _update(session, existing_id, parsed, source_ids, phase, plan_id, preview.mapping):
            updated += 1
        else:
            unchanged += 1
        ids.append(existing_id)
    session.flush()
    kinds = [TASKS] if created or updated else []
    if directives_created:
        kinds.append(DIRECTIVES)
    result = SheetImportResult(created, updated, unchanged, directives_created, tuple(preview.problems), tuple(ids))
    return result, Changes.of(*kinds)


def _update(session: Session, task_id: int, parsed: ParsedTask, source_ids: Sequence[int], phase: str,
            plan_id: int | None, mapping: Sequence[str]) -> bool:
    """Bring an existing task in line with the sheet; True when something changed."""
    from desktop.core import tasks as tasks_core

    current = tasks_core.get_task(session, task_id).data
    values: dict = {}
    if DETAILS in mapping or NOTE in mapping:
        values["details"] = parsed.details
    if OUTPUT in mapping:
        values["expected_output"] = parsed.expected_output
    if DEADLINE in mapping:
        values.update(deadline=parsed.deadline, recurrence=parsed.recurrence, deadline_note=parsed.deadline_note)
    if phase:
        values["phase"] = phase
    if plan_id is not None and current.plan_id is None:
        values["plan_id"] = plan_id
    if not current.lead_note and current.lead_department_id is None:
        if parsed.lead_department_id is not None:
            values["lead_department_id"] = parsed.lead_department_id
        elif parsed.lead_note:
            values["lead_note"] = parsed.lead_note
    if not current.coordinator_ids and not current.coordination_note:
        if parsed.coordinator_ids:
            values["coordinator_ids"] = parsed.coordinator_ids
        if parsed.coordination_note:
            values["coordination_note"] = parsed.coordination_note
    have = {s.directive_id for s in current.sources}
    added = [tasks_core.SourceRef(d) for d in source_ids if d not in have]
    if added:
        values["sources"] = tuple(tasks_core.SourceRef(s.directive_id, s.item_ref) for s in current.sources) + tuple(added)
    changed = {name: value for name, value in values.items() if getattr(current, name) != value}
    if not changed:
        return False
    tasks_core.update_task(session, task_id, replace(current, **changed))
    return True


def plan_choices(session: Session) -> list[tuple[int, str]]:
    from desktop.core.tasks import plan_choices as choices

    return choices(session)


def phase_choices(session: Session) -> list[str]:
    from desktop.core.tasks import phases

    return phases(session)
