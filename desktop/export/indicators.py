"""Indicator worksheets, written from the plain rows of desktop.core.indicators (TargetRow,
GroupRow, IndicatorRow, ValueRow — read by attribute, so any row with those fields will do):

- `write_period_table`: the results of a period — TT | Chỉ tiêu | Đơn vị | Kỳ trước | Kỳ này |
  Chỉ tiêu năm | Đánh giá | Ghi chú, grouped by indicator group;
- `write_targets_2030`: the plan's appendix 1 layout — TT | Chỉ tiêu | Đơn vị | Kết quả |
  Cơ quan chủ trì theo dõi, đánh giá (the targets for one year, 2030 by default);
- `write_milestones`: the plan's appendix 2 layout — Stt | Chỉ tiêu | Năm 2025 … Năm 2045 |
  Cơ quan chủ trì theo dõi, đánh giá | Sản phẩm đầu ra.

Each `add_*` function adds its sheet to an ExportBook, so several layouts can share one file.
Groups are numbered I, II, III …; indicators restart at 1 in each group, as in the appendices.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop.core.periods import Period, parse
from desktop.core.plans import to_roman
from desktop.core.vn import format_date
from desktop.export.workbook import Column, ExportBook, TableSheet
from desktop.strings import export as X

MILESTONE_YEARS = (2025, 2030, 2035, 2040, 2045)


def grouped(indicators: Iterable[Any], groups: Sequence[Any], indicator_of=lambda item: item) -> list[tuple[str, list]]:
    """[(group name, items)] in the groups' order (then groups met only in the rows), each group's
    items by indicator position. `indicator_of` reaches the IndicatorRow inside an item."""
    order = {g.code: (index, g.position) for index, g in enumerate(groups)}
    names = {g.code: g.name for g in groups}
    buckets: dict[str, list] = {}
    for item in indicators:
        ind = indicator_of(item)
        buckets.setdefault(ind.group_code, []).append(item)
        names.setdefault(ind.group_code, ind.group_name or X.OTHER_GROUP)
    extra = {code: len(order) + i for i, code in enumerate(c for c in buckets if c not in order)}

    def group_key(code: str):
        if code in order:
            return (0, order[code][1], order[code][0])
        return (1, extra[code], 0)

    return [
        (names[code], sorted(buckets[code], key=lambda item: (indicator_of(item).position, indicator_of(item).id)))
        for code in sorted(buckets, key=group_key)
    ]


def _write_groups(sheet: TableSheet, groups: list[tuple[str, list]], make_row) -> None:
    for number, (name, items) in enumerate(groups, start=1):
        sheet.group(to_roman(number), name)
        for index, item in enumerate(items, start=1):
            values, decimals = make_row(index, item)
            sheet.row(values, decimals)


def cell_value(value: Decimal | str | bool | None, text: str = "") -> Decimal | str | bool | None:
    """What goes in a value cell: the number itself (stored as a number), a text, Có/Không."""
    if value is None:
        return text or None
    return value


def _target_for(indicator: Any, year: int) -> Any | None:
    return next((t for t in indicator.targets if t.year == year), None)


# ------------------------------------------------------------------------ (a) period table

PERIOD_COLUMNS = (
    Column(X.PERIOD_HEADERS[0], 6, "center"),
    Column(X.PERIOD_HEADERS[1], 50),
    Column(X.PERIOD_HEADERS[2], 11, "center"),
    Column(X.PERIOD_HEADERS[3], 13, "right"),
    Column(X.PERIOD_HEADERS[4], 13, "right"),
    Column(X.PERIOD_HEADERS[5], 15, "center"),
    Column(X.PERIOD_HEADERS[6], 14, "center"),
    Column(X.PERIOD_HEADERS[7], 22),
)


def _period(period: Period | str) -> Period:
    return period if isinstance(period, Period) else parse(period)


def period_subtitles(period: Period) -> list[str]:
    first, last = period.window
    return [X.PERIOD_SUBTITLE.format(name=period.name),
            X.PERIOD_WINDOW.format(first=format_date(first), last=format_date(last))]


def add_period_table(book: ExportBook, office_lines: Sequence[str], period: Period | str,
                     rows: Sequence[Any], groups: Sequence[Any]) -> TableSheet:
    period = _period(period)
    sheet = book.add_sheet(X.PERIOD_SHEET.format(period=period.code), PERIOD_COLUMNS, office_lines=office_lines,
                           title=X.PERIOD_TITLE, subtitles=period_subtitles(period))

    def make_row(index: int, row: Any):
        ind = row.indicator
        note = row.comment
        if row.computed and not note:
            note = X.COMPUTED_NOTE
        values = [index, ind.name, ind.unit, cell_value(row.previous, row.previous_text),
                  cell_value(row.value, row.text), row.target.text if row.target else "",
                  X.ACHIEVEMENT.get(row.achievement, row.achievement), note]
        return values, [None, None, None, ind.decimals, ind.decimals, None, None, None]

    _write_groups(sheet, grouped(rows, groups, lambda r: r.indicator), make_row)
    return sheet


def write_period_table(path: str | os.PathLike, office_lines: Sequence[str], period: Period | str,
                       rows: Sequence[Any], groups: Sequence[Any]) -> Path:
    book = ExportBook()
    add_period_table(book, office_lines, period, rows, groups)
    return book.save(path)


# ------------------------------------------------------------------------ (b) targets of one year

TARGETS_COLUMNS = (
    Column(X.TARGETS_HEADERS[0], 6, "center"),
    Column(X.TARGETS_HEADERS[1], 62),
    Column(X.TARGETS_HEADERS[2], 14, "center"),
    Column(X.TARGETS_HEADERS[3], 18, "center"),
    Column(X.TARGETS_HEADERS[4], 28),
)


def add_targets(book: ExportBook, office_lines: Sequence[str], indicators: Sequence[Any], groups: Sequence[Any],
                *, year: int = 2030, subtitles: Sequence[str] = ()) -> TableSheet:
    """Indicators with a target in `year`, with that target as printed ("≥ 80", "Phấn đấu đạt 3%")."""
    chosen = [i for i in indicators if _target_for(i, year) is not None and not i.retired]
    sheet = book.add_sheet(X.TARGETS_SHEET.format(year=year), TARGETS_COLUMNS, office_lines=office_lines,
                           title=X.TARGETS_TITLE, subtitles=[X.TARGETS_SUBTITLE.format(year=year), *subtitles])

    def make_row(index: int, ind: Any):
        return [index, ind.name, ind.unit, _target_for(ind, year).text, ind.department], None

    _write_groups(sheet, grouped(chosen, groups), make_row)
    return sheet


def write_targets_2030(path: str | os.PathLike, office_lines: Sequence[str], indicators: Sequence[Any],
                       groups: Sequence[Any], *, year: int = 2030, subtitles: Sequence[str] = ()) -> Path:
    book = ExportBook()
    add_targets(book, office_lines, indicators, groups, year=year, subtitles=subtitles)
    return book.save(path)


# ------------------------------------------------------------------------ (c) milestones by five years


def milestone_columns(years: Sequence[int]) -> tuple[Column, ...]:
    return (
        Column(X.MILESTONES_STT, 6, "center"),
        Column(X.MILESTONES_NAME, 46),
        *(Column(X.MILESTONE_YEAR.format(year=y), 11, "center") for y in years),
        Column(X.MILESTONES_LEAD, 20),
        Column(X.MILESTONES_OUTPUT, 16),
    )


def add_milestones(book: ExportBook, office_lines: Sequence[str], indicators: Sequence[Any], groups: Sequence[Any],
                   *, years: Sequence[int] = MILESTONE_YEARS, subtitles: Sequence[str] = ()) -> TableSheet:
    """Indicators with a target in at least one of `years`; a year without a target stays blank."""
    chosen = [i for i in indicators if not i.retired and any(_target_for(i, y) for y in years)]
    sheet = book.add_sheet(X.MILESTONES_SHEET, milestone_columns(years), office_lines=office_lines,
                           title=X.MILESTONES_TITLE, subtitles=subtitles)

    def make_row(index: int, ind: Any):
        targets = [(_target_for(ind, y).text if _target_for(ind, y) else "") for y in years]
        return [index, ind.name, *targets, ind.department, ind.output], None

    _write_groups(sheet, grouped(chosen, groups), make_row)
    return sheet


def write_milestones(path: str | os.PathLike, office_lines: Sequence[str], indicators: Sequence[Any],
                     groups: Sequence[Any], *, years: Sequence[int] = MILESTONE_YEARS,
                     subtitles: Sequence[str] = ()) -> Path:
    book = ExportBook()
    add_milestones(book, office_lines, indicators, groups, years=years, subtitles=subtitles)
    return book.save(path)
