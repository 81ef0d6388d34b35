"""The consolidated tables of a period as one workbook (desktop.core.consolidate.Consolidation):

- "Đơn vị gửi báo cáo": STT | Mã đơn vị | Tên đơn vị | Tình trạng | Ngày lập gói | Ngày nhận | Báo cáo |
  Có tệp PDF | Ghi chú — expected units first (missing ones included), then units outside the list;
- "Chỉ tiêu tổng hợp": TT | Mã chỉ tiêu | Chỉ tiêu | Đơn vị tính | Tổng hợp | Số đơn vị có số liệu |
  Cách tính | Ghi chú, grouped by indicator group (I, II …);
- "Nhiệm vụ theo đơn vị": counts of each unit's tasks at the period end, completion rate and rank, and a
  bold total row.

Layout, fonts, borders, print setup and the atomic save come from desktop.export.workbook.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from desktop.core.numbering import to_roman
from desktop.core.vn import format_date, format_number
from desktop.export.workbook import Column, ExportBook, TableSheet
from desktop.strings import consolidate as S

SUBMISSION_COLUMNS = (
    Column(S.SUBMISSIONS_HEADERS[0], 6, "center"),
    Column(S.SUBMISSIONS_HEADERS[1], 11, "center"),
    Column(S.SUBMISSIONS_HEADERS[2], 30),
    Column(S.SUBMISSIONS_HEADERS[3], 13, "center"),
    Column(S.SUBMISSIONS_HEADERS[4], 13, "center"),
    Column(S.SUBMISSIONS_HEADERS[5], 13, "center"),
    Column(S.SUBMISSIONS_HEADERS[6], 32),
    Column(S.SUBMISSIONS_HEADERS[7], 9, "center"),
    Column(S.SUBMISSIONS_HEADERS[8], 28),
)
INDICATOR_COLUMNS = (
    Column(S.INDICATORS_HEADERS[0], 6, "center"),
    Column(S.INDICATORS_HEADERS[1], 24),
    Column(S.INDICATORS_HEADERS[2], 44),
    Column(S.INDICATORS_HEADERS[3], 11, "center"),
    Column(S.INDICATORS_HEADERS[4], 16, "right"),
    Column(S.INDICATORS_HEADERS[5], 11, "center"),
    Column(S.INDICATORS_HEADERS[6], 15, "center"),
    Column(S.INDICATORS_HEADERS[7], 44),
)
UNIT_COLUMNS = (
    Column(S.UNITS_HEADERS[0], 6, "center"),
    Column(S.UNITS_HEADERS[1], 11, "center"),
    Column(S.UNITS_HEADERS[2], 30),
    *(Column(header, 12, "center") for header in S.UNITS_HEADERS[3:10]),
    Column(S.UNITS_HEADERS[10], 12, "center"),
    Column(S.UNITS_HEADERS[11], 9, "center"),
)


def _subtitles(result: Any) -> list[str]:
    first, last = result.window
    return [
        S.SUBTITLE_PERIOD.format(name=result.period_name),
        S.SUBTITLE_WINDOW.format(first=format_date(first), last=format_date(last), as_of=format_date(result.as_of)),
        S.SUBTITLE_DEADLINE.format(
            deadline=format_date(result.deadline), sent=format_number(result.expected_sent_count),
            expected=format_number(result.expected_count), on_time=result.count("on_time"),
            late=result.count("late"), missing=result.count("missing")),
    ]


def add_submissions(book: ExportBook, result: Any, office_lines: Sequence[str]) -> TableSheet:
    sheet = book.add_sheet(S.SUBMISSIONS_SHEET, SUBMISSION_COLUMNS, office_lines=office_lines,
                           title=S.SUBMISSIONS_TITLE, subtitles=_subtitles(result))
    for index, item in enumerate(result.submissions, start=1):
        notes = []
        if not item.expected:
            notes.append(S.NOT_EXPECTED)
        if item.versions > 1:
            notes.append(S.VERSIONS.format(count=item.versions))
        note = "; ".join(notes)
        sent = item.status != "missing"
        sheet.row([index, item.code, item.name, item.status_label, item.created, item.received_at,
                   item.report_label if sent else "", item.has_pdf if sent else None,
                   note[:1].upper() + note[1:] if note else ""])
    return sheet


def add_indicators(book: ExportBook, result: Any, office_lines: Sequence[str]) -> TableSheet:
    sheet = book.add_sheet(S.INDICATORS_SHEET, INDICATOR_COLUMNS, office_lines=office_lines,
                           title=S.INDICATORS_TITLE, subtitles=_subtitles(result)[:2])
    group, group_number, index = None, 0, 0
    for total in result.indicators:
        if total.group_code != group:
            group = total.group_code
            group_number += 1
            index = 0
            sheet.group(to_roman(group_number), total.group_name)
        index += 1
        value: Any = total.value if total.value is not None else (total.text or None)
        places = total.decimals if total.formula or total.kind in ("percent", "number") else 0
        sheet.row([index, total.code, total.name, total.unit, value, total.units_reporting, total.method_label,
                   total.note], [None, None, None, None, places, None, None, None])
    return sheet


def add_units(book: ExportBook, result: Any, office_lines: Sequence[str]) -> TableSheet:
    sheet = book.add_sheet(S.UNITS_SHEET, UNIT_COLUMNS, office_lines=office_lines, title=S.UNITS_TITLE,
                           subtitles=_subtitles(result)[:2])
    decimals = [None] * 10 + [1, None]
    if not result.units:
        sheet.row(["", "", S.NO_UNITS])
    for index, unit in enumerate(result.units, start=1):
        c = unit.counts
        sheet.row([index, unit.code, unit.name, c.assigned, c.done, c.done_on_time, c.done_late,
                   c.in_progress_on_time, c.not_started, c.overdue, unit.rate, unit.rank], decimals)
    t = result.totals
    sheet.row(["", "", S.TOTAL_ROW, t.assigned, t.done, t.done_on_time, t.done_late, t.in_progress_on_time,
               t.not_started, t.overdue, result.total_rate, ""], decimals, bold=True)
    return sheet


def write_consolidation(path: str | os.PathLike, consolidation: Any, office_lines: Sequence[str]) -> Path:
    """The three consolidated sheets in one workbook, written atomically; returns the path."""
    book = ExportBook()
    add_submissions(book, consolidation, office_lines)
    add_indicators(book, consolidation, office_lines)
    add_units(book, consolidation, office_lines)
    return book.save(path)
