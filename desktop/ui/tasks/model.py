"""TaskTableModel: the task list as a Qt table model over desktop.core.tasks.TaskRow.

Columns are data (desktop.ui.common.Column). Sorting compares dates as dates and names in
Vietnamese order; empty cells stay at the bottom in both directions. Text sort keys are
memoised by text, so re-sorting 10,000 rows after each filter change costs a few ms.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from desktop.core import status as st
from desktop.core.task_rows import TaskRow, phase_sort_key
from desktop.core.vn import format_date
from desktop.core.vn import sort_key as text_sort_key
from desktop.strings import common as S
from desktop.strings import tasks as T
from desktop.ui.common import Column, ColumnTableModel

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

# Status colours: readable on white (contrast ≥ 4.5:1) with a light tint behind the cell.
STATUS_FOREGROUND = {
    st.OVERDUE: QColor("#b3261e"),
    st.DONE_LATE: QColor("#8a5300"),
    st.DONE_ON_TIME: QColor("#1b6e20"),
}
STATUS_BACKGROUND = {
    st.OVERDUE: QColor("#fdecea"),
    st.DONE_LATE: QColor("#fff3dc"),
    st.DONE_ON_TIME: QColor("#e8f5e9"),
}
# Most urgent first when sorting by status.
STATUS_ORDER = {st.OVERDUE: 0, st.NOT_STARTED: 1, st.IN_PROGRESS_ON_TIME: 2, st.DONE_LATE: 3, st.DONE_ON_TIME: 4}


@lru_cache(maxsize=65536)
def _text_key(text: str) -> tuple[str, str, str] | None:
    return text_sort_key(text) if text else None


def status_foreground(status: str) -> QColor | None:
    return STATUS_FOREGROUND.get(status)


def status_background(status: str) -> QColor | None:
    return STATUS_BACKGROUND.get(status)


def deadline_sort_value(row: TaskRow) -> Any:
    """Dated tasks by date; then recurring ones by kind; empty last."""
    if row.deadline is not None:
        return (0, row.deadline.toordinal(), "")
    if row.recurrence != st.RECURRENCE_NONE:
        return (1, 0, row.recurrence)
    if row.deadline_note:
        return (2, 0, row.deadline_note)
    return None


class TaskTableModel(ColumnTableModel):
    """Read-only task table. `set_rows()` keeps the current sort; `number` (STT) is the row's
    place in the full list as loaded (appendix order), so it survives filtering."""

    def __init__(self, parent=None) -> None:
        super().__init__(self._make_columns(), parent)
        self._ordinal: dict[int, int] = {}
        self._sort_column: int | None = None
        self._sort_order = Qt.SortOrder.AscendingOrder

    def _make_columns(self) -> list[Column]:
        ordinal = lambda r: self._ordinal.get(r.id, 0)  # noqa: E731 - read at call time
        return [
            Column("number", T.COLUMN["number"], lambda r: ordinal(r) or r.id, RIGHT,
                   sort_value=lambda r: ordinal(r) or r.id, tooltip=lambda r: T.NUMBER_TOOLTIP.format(id=r.id),
                   width=44),
            Column("title", T.COLUMN["title"], lambda r: r.title, LEFT, sort_value=lambda r: _text_key(r.title),
                   tooltip=lambda r: r.title, width=320),
            Column("status", T.COLUMN["status"], lambda r: S.STATUS[r.status], LEFT,
                   sort_value=lambda r: STATUS_ORDER.get(r.status, 9), foreground=lambda r: status_foreground(r.status),
                   tooltip=lambda r: r.last_note or None, width=172),
            Column("deadline", T.COLUMN["deadline"], lambda r: r.deadline_text, CENTER,
                   sort_value=deadline_sort_value, tooltip=lambda r: r.deadline_note or None, width=104),
            Column("lead", T.COLUMN["lead"], lambda r: r.lead, LEFT, sort_value=lambda r: _text_key(r.lead),
                   tooltip=lambda r: r.lead_name or None, width=76),
            Column("coordinators", T.COLUMN["coordinators"], lambda r: r.coordinators, LEFT,
                   sort_value=lambda r: _text_key(r.coordinators), tooltip=lambda r: r.coordinators or None, width=104),
            Column("phase", T.COLUMN["phase"], lambda r: r.phase, CENTER,
                   sort_value=lambda r: phase_sort_key(r.phase) if r.phase else None, width=74),
            Column("sources", T.COLUMN["sources"], lambda r: r.source_text, LEFT,
                   sort_value=lambda r: _text_key(r.source_text), tooltip=lambda r: r.source_text or None, width=118),
            Column("plan", T.COLUMN["plan"], lambda r: r.plan_label, LEFT,
                   sort_value=lambda r: _text_key(r.plan_label), tooltip=lambda r: r.plan_label or None, width=110),
            Column("completed_on", T.COLUMN["completed_on"], lambda r: format_date(r.completed_on), CENTER,
                   sort_value=lambda r: r.completed_on, width=112),
        ]

    # -- data in -----------------------------------------------------------------------
    def set_numbering(self, rows: Sequence[TaskRow]) -> None:
        """Number rows 1..n in the order of the full (unfiltered) list."""
        self._ordinal = {row.id: number for number, row in enumerate(rows, start=1)}

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = self._sorted(list(rows))
        self.endResetModel()

    def row_index(self, task_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == task_id), None)

    # -- Qt model API ------------------------------------------------------------------
    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.BackgroundRole and index.isValid()
                and self.columns[index.column()].key == "status" and 0 <= index.row() < len(self._rows)):
            return status_background(self._rows[index.row()].status)
        return super().data(index, role)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return self.columns[section].header
        return super().headerData(section, orientation, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        old = list(self._rows)
        self._rows = self._sorted(self._rows)
        # Keep selections and persistent indexes on the same tasks.
        position = {id(row): i for i, row in enumerate(self._rows)}
        for persistent in self.persistentIndexList():
            if persistent.isValid() and persistent.row() < len(old):
                new_row = position[id(old[persistent.row()])]
                self.changePersistentIndex(persistent, self.index(new_row, persistent.column()))
        self.layoutChanged.emit()

    def _sorted(self, rows: list[Any]) -> list[Any]:
        if self._sort_column is None or not (0 <= self._sort_column < len(self.columns)):
            return rows
        column = self.columns[self._sort_column]
        key = column.sort_value or column.value
        keyed = [(key(row), row) for row in rows]
        present = [pair for pair in keyed if pair[0] is not None and pair[0] != ""]
        empty = [row for value, row in keyed if value is None or value == ""]
        present.sort(key=lambda pair: pair[0], reverse=self._sort_order == Qt.SortOrder.DescendingOrder)
        return [row for _value, row in present] + empty
