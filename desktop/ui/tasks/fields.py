"""Small input widgets the task screens share: a date typed the Vietnamese way and a
checkable list model for multi-select (coordinating departments)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from desktop.core.vn import ParseError, format_date, parse_date
from desktop.strings import tasks as T

_INVALID_STYLE = "QLineEdit { border: 1px solid #b3261e; background: #fdecea; }"


class DateLineEdit(QLineEdit):
    """dd/mm/yyyy typed freely ("5/3/25", "05.03.2025", "ngày 5 tháng 3 năm 2025"),
    read with desktop.core.vn.parse_date; rewritten as 05/03/2025 when the field is left."""

    date_committed = Signal()  # editing finished with a readable value (or empty)

    def __init__(self, parent: QWidget | None = None, *, width_chars: int = 11) -> None:
        super().__init__(parent)
        self.setPlaceholderText(T.DATE_PLACEHOLDER)
        self.setClearButtonEnabled(False)
        self.setMaxLength(40)
        width = self.fontMetrics().horizontalAdvance("0" * width_chars) + 16
        self.setMinimumWidth(width)
        self.setMaximumWidth(width + 40)
        self._error = ""
        self.editingFinished.connect(self._normalise)
        self.textEdited.connect(lambda _text: self._mark(""))

    # -- values --------------------------------------------------------------------------
    def date_value(self) -> date | None:
        """The typed date, None when empty; raises ParseError with a Vietnamese message."""
        return parse_date(self.text())

    def try_date(self) -> tuple[date | None, str]:
        """(date, "") or (None, message)."""
        try:
            return self.date_value(), ""
        except ParseError as exc:
            return None, str(exc)

    def set_date(self, value: date | None) -> None:
        self.setText(format_date(value))
        self._mark("")

    @property
    def error(self) -> str:
        return self._error

    # -- feedback ------------------------------------------------------------------------
    def _mark(self, message: str) -> None:
        self._error = message
        self.setStyleSheet(_INVALID_STYLE if message else "")
        self.setToolTip(message)

    def _normalise(self) -> None:
        value, message = self.try_date()
        self._mark(message)
        if not message:
            if value is not None:
                self.setText(format_date(value))
            self.date_committed.emit()


class CheckListModel(QAbstractListModel):
    """A list of (id, label) items with a check box each; `checked_ids()` in list order."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._items: list[tuple[int, str]] = []
        self._checked: set[int] = set()

    def set_items(self, items: Sequence[tuple[int, str]], checked: Iterable[int] = ()) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._checked = set(checked)
        self.endResetModel()

    def checked_ids(self) -> tuple[int, ...]:
        return tuple(item_id for item_id, _label in self._items if item_id in self._checked)

    def set_checked(self, ids: Iterable[int]) -> None:
        self._checked = set(ids)
        if self._items:
            self.dataChanged.emit(self.index(0), self.index(len(self._items) - 1), [Qt.ItemDataRole.CheckStateRole])

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._items)):
            return None
        item_id, label = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return label
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if item_id in self._checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.UserRole:
            return item_id
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        item_id = self._items[index.row()][0]
        state = Qt.CheckState(value) if not isinstance(value, Qt.CheckState) else value
        if state == Qt.CheckState.Checked:
            self._checked.add(item_id)
        else:
            self._checked.discard(item_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True
