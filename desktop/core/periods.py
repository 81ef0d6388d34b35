"""Reporting periods: canonical codes, data cut-off windows (Nghị định 09/2019, Điều 12) and
how reports name them in words.

Codes: `2025-M11` month, `2025-Q3` quarter, `2025-H1`/`2025-H2` six months, `2025-9M` nine
months, `2025` year, `2025-07-01..2025-11-17` an explicit range. The cut-off rule lives in one
place (`CUTOFF_DAY` and `_window`) so a correction is a one-line change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from desktop.core.errors import UserError
from desktop.core.vn import format_date, format_date_short

CUTOFF_DAY = 14  # windows close on the 14th and open on the 15th of the month before

MONTH, QUARTER, HALF, NINE_MONTHS, YEAR, RANGE = "month", "quarter", "half", "nine_months", "year", "range"
KINDS = (MONTH, QUARTER, HALF, NINE_MONTHS, YEAR, RANGE)
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}

_PATTERNS = (
    (re.compile(r"(\d{4})-M(\d{1,2})"), MONTH),
    (re.compile(r"(\d{4})-Q([1-4])"), QUARTER),
    (re.compile(r"(\d{4})-H([12])"), HALF),
    (re.compile(r"(\d{4})-9M"), NINE_MONTHS),
    (re.compile(r"(\d{4})"), YEAR),
)
_RANGE = re.compile(r"(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})")


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period. `number` is the month, quarter or half (0 for nine months/year/range)."""

    kind: str
    year: int
    number: int = 0
    start: date | None = None  # only for explicit ranges
    end: date | None = None

    # ------------------------------------------------------------------ identity
    @property
    def code(self) -> str:
        if self.kind == MONTH:
            return f"{self.year}-M{self.number:02d}"
        if self.kind == QUARTER:
            return f"{self.year}-Q{self.number}"
        if self.kind == HALF:
            return f"{self.year}-H{self.number}"
        if self.kind == NINE_MONTHS:
            return f"{self.year}-9M"
        if self.kind == YEAR:
            return str(self.year)
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    def __str__(self) -> str:
        return self.code

    # ------------------------------------------------------------------ window
    @property
    def window(self) -> tuple[date, date]:
        """The data window, both ends inclusive."""
        return _window(self)

    @property
    def first_day(self) -> date:
        return self.window[0]

    @property
    def last_day(self) -> date:
        return self.window[1]

    def contains(self, day: date) -> bool:
        first, last = self.window
        return first <= day <= last

    # ------------------------------------------------------------------ words
    @property
    def name(self) -> str:
        """How a report names the period in its text."""
        if self.kind == MONTH:
            return f"tháng {self.number} năm {self.year}"
        if self.kind == QUARTER:
            return f"quý {ROMAN[self.number]}/{self.year}"
        if self.kind == HALF:
            return f"6 tháng đầu năm {self.year}" if self.number == 1 else f"6 tháng cuối năm {self.year}"
        if self.kind == NINE_MONTHS:
            return f"9 tháng năm {self.year}"
        if self.kind == YEAR:
            return f"năm {self.year}"
        return f"từ ngày {format_date_short(self.start)} đến ngày {format_date_short(self.end)}"

    @property
    def window_text(self) -> str:
        """The cut-off range in words, for the period picker: "Số liệu từ 15/06/2025 đến 14/09/2025"."""
        first, last = self.window
        return f"Số liệu từ ngày {format_date(first)} đến ngày {format_date(last)}"

    @property
    def year_for_targets(self) -> int:
        """The year whose targets apply (a range uses the year it ends in)."""
        return self.end.year if self.kind == RANGE else self.year

    # ------------------------------------------------------------------ navigation
    def previous(self) -> "Period":
        """The period of the same kind just before (for "previous value" columns)."""
        if self.kind == MONTH:
            return month(self.year - 1, 12) if self.number == 1 else month(self.year, self.number - 1)
        if self.kind == QUARTER:
            return quarter(self.year - 1, 4) if self.number == 1 else quarter(self.year, self.number - 1)
        if self.kind == HALF:
            return half(self.year - 1, 2) if self.number == 1 else half(self.year, 1)
        if self.kind in (NINE_MONTHS, YEAR):
            return Period(self.kind, self.year - 1)
        length = self.end - self.start
        end = self.start - timedelta(days=1)
        return date_range(end - length, end)


def month(year: int, number: int) -> Period:
    if not 1 <= number <= 12:
        raise UserError(f"Tháng {number} không hợp lệ.")
    return Period(MONTH, year, number)


def quarter(year: int, number: int) -> Period:
    if not 1 <= number <= 4:
        raise UserError(f"Quý {number} không hợp lệ.")
    return Period(QUARTER, year, number)


def half(year: int, number: int) -> Period:
    return Period(HALF, year, number)


def nine_months(year: int) -> Period:
    return Period(NINE_MONTHS, year)


def year(value: int) -> Period:
    return Period(YEAR, value)


def date_range(start: date, end: date) -> Period:
    if end < start:
        raise UserError(
            f"Khoảng thời gian không hợp lệ: ngày kết thúc {format_date(end)} trước ngày bắt đầu {format_date(start)}."
        )
    return Period(RANGE, end.year, 0, start, end)


def _cutoff(year_: int, month_: int) -> date:
    return date(year_, month_, CUTOFF_DAY)


def _opening(year_: int, month_: int) -> date:
    """The 15th of the month before (month_, year_)."""
    if month_ == 1:
        return date(year_ - 1, 12, CUTOFF_DAY + 1)
    return date(year_, month_ - 1, CUTOFF_DAY + 1)


def _window(period: Period) -> tuple[date, date]:
    y, n = period.year, period.number
    if period.kind == MONTH:
        return _opening(y, n), _cutoff(y, n)
    if period.kind == QUARTER:
        first_month = 3 * (n - 1) + 1
        return _opening(y, first_month), _cutoff(y, first_month + 2)
    if period.kind == HALF:
        return (_opening(y, 1), _cutoff(y, 6)) if n == 1 else (_opening(y, 7), _cutoff(y, 12))
    if period.kind == NINE_MONTHS:
        return _opening(y, 1), _cutoff(y, 9)
    if period.kind == YEAR:
        return _opening(y, 1), _cutoff(y, 12)
    return period.start, period.end


def parse(code: str) -> Period:
    """Read a canonical code; raises UserError with a Vietnamese message otherwise."""
    text = (code or "").strip().upper().replace(" ", "")
    match = _RANGE.fullmatch(text)
    if match:
        try:
            start, end = date.fromisoformat(match.group(1)), date.fromisoformat(match.group(2))
        except ValueError as exc:
            raise UserError(f"Kỳ «{code}»: ngày không có trong lịch.") from exc
        return date_range(start, end)
    for pattern, kind in _PATTERNS:
        match = pattern.fullmatch(text)
        if not match:
            continue
        year_ = int(match.group(1))
        if not 2000 <= year_ <= 2100:
            break
        if kind == MONTH:
            return month(year_, int(match.group(2)))
        if kind == QUARTER:
            return quarter(year_, int(match.group(2)))
        if kind == HALF:
            return half(year_, int(match.group(2)))
        return Period(kind, year_)
    raise UserError(
        f"Kỳ báo cáo «{code}» không hợp lệ. Dùng dạng 2025-M11 (tháng), 2025-Q3 (quý), 2025-H1 (6 tháng), "
        "2025-9M (9 tháng), 2025 (năm) hoặc 2025-07-01..2025-11-17 (khoảng ngày)."
    )


def current(kind: str, today: date | None = None) -> Period:
    """The period of `kind` whose window contains today (the one being reported on)."""
    today = today or date.today()
    # A window opens on the 15th of the month before: from the 15th on, we are in the next one.
    shifted = today.replace(day=1) + timedelta(days=32) if today.day > CUTOFF_DAY else today
    y, m = shifted.year, shifted.month
    if kind == MONTH:
        return month(y, m)
    if kind == QUARTER:
        return quarter(y, (m - 1) // 3 + 1)
    if kind == HALF:
        return half(y, 1 if m <= 6 else 2)
    if kind == NINE_MONTHS:
        return nine_months(y)
    if kind == YEAR:
        return year(y)
    raise UserError(f"Loại kỳ «{kind}» không hợp lệ.")
