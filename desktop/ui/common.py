"""Shared widgets: a column-driven table model, a dialog that remembers its geometry,
and form helpers (inline error display, unsaved-changes guard)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QByteArray, QModelIndex, QPersistentModelIndex, Qt, SignalInstance
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QLayout,
    QMessageBox,
    QPlainTextEdit,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.strings import common as S

Row = TypeVar("Row")
_GEOMETRY: dict[str, QByteArray] = {}  # per dialog class, for the session


@dataclass(frozen=True)
class Column(Generic[Row]):
    key: str
    header: str
    value: Callable[[Any], Any]  # row -> display text
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    sort_value: Callable[[Any], Any] | None = None  # row -> comparable (defaults to value)
    tooltip: Callable[[Any], str] | None = None
    foreground: Callable[[Any], QColor | None] | None = None
    width: int | None = None


SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2


class ColumnTableModel(QAbstractTableModel, Generic[Row]):
    """A read-only table over a list of frozen rows; columns are data."""

    def __init__(self, columns: Sequence[Column], parent=None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[Any] = []

    # -- data in -----------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def column_index(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    # -- Qt model API ------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row, column = self._rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = column.value(row)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(row) if column.tooltip else None
        if role == Qt.ItemDataRole.ForegroundRole and column.foreground:
            return column.foreground(row)
        if role == SORT_ROLE:
            return (column.sort_value or column.value)(row)
        if role == ROW_ROLE:
            return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.columns[column].sort_value or self.columns[column].value
        self.layoutAboutToBeChanged.emit()
        self._rows.sort(key=lambda r: _none_last(key(r)), reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()


def _none_last(value: Any) -> tuple:
    return (value is None or value == "", value if value is not None else 0)


def list_table(model: ColumnTableModel, name: str, widths_em: dict[str, float] | None = None) -> QTableView:
    """A read-only list: whole rows selected one at a time, alternating colours, compact rows,
    and the given columns sized in "M" widths so they follow the interface font."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().lineSpacing() + 10)
    em = view.fontMetrics().horizontalAdvance("M")
    for key, width in (widths_em or {}).items():
        view.horizontalHeader().resizeSection(model.column_index(key), round(width * em))
    return view


class BaseDialog(QDialog):
    """Restores its size and position within the session; Esc closes (with the unsaved guard)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        saved = _GEOMETRY.get(type(self).__name__)
        if saved is not None:
            self.restoreGeometry(saved)
        super().showEvent(event)

    def done(self, result: int) -> None:
        _GEOMETRY[type(self).__name__] = self.saveGeometry()
        super().done(result)


class ErrorLabel(QLabel):
    """A red line under a field, shown only when there is a message."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A palette, not a style sheet: a style sheet freezes the font size, so the label
        # would not follow the interface font scale (View → "Cỡ chữ giao diện").
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#b3261e"))
        self.setPalette(palette)
        self.setWordWrap(True)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


def with_error(field: QWidget | QLayout, *errors: ErrorLabel) -> QWidget:
    """The field with its error line(s) right under it (a line is hidden while empty)."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    if isinstance(field, QWidget):
        layout.addWidget(field)
    else:
        layout.addLayout(field)
    for error in errors:
        layout.addWidget(error)
    clear_on_change(field, *errors)
    return holder


def clear_on_change(field: QWidget | QLayout, *errors: ErrorLabel) -> None:
    """Hide the messages once the user edits the field: the old message no longer applies."""
    widgets = [field] if isinstance(field, QWidget) else [field.itemAt(i).widget() for i in range(field.count())]
    for widget in widgets:
        for name in ("textChanged", "currentIndexChanged"):
            signal = getattr(widget, name, None)
            if isinstance(signal, SignalInstance):
                signal.connect(lambda *_args: [error.show_message("") for error in errors])
                break


def ask_save_changes(parent: QWidget) -> QMessageBox.StandardButton:
    """Save / Discard / Cancel, in Vietnamese."""
    box = QMessageBox(QMessageBox.Icon.Question, S.UNSAVED_TITLE, S.UNSAVED_QUESTION, parent=parent)
    save = box.addButton(S.SAVE, QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Không lưu", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(S.CANCEL, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        return QMessageBox.StandardButton.Save
    if clicked is discard:
        return QMessageBox.StandardButton.Discard
    return QMessageBox.StandardButton.Cancel


def confirm(parent: QWidget, title: str, text: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    yes = box.addButton(S.YES, QMessageBox.ButtonRole.YesRole)
    box.addButton(S.NO, QMessageBox.ButtonRole.NoRole)
    box.exec()
    return box.clickedButton() is yes


def shortcut(widget: QWidget, keys: QKeySequence | QKeySequence.StandardKey | str, handler: Callable[[], None]) -> QShortcut:
    sc = QShortcut(QKeySequence(keys), widget)
    sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    sc.activated.connect(handler)
    return sc


# ------------------------------------------------------------------------ small widgets


def make_title(label: QLabel) -> QLabel:
    """A screen's title: the body font, 15 % larger and bold."""
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.15)
    font.setBold(True)
    label.setFont(font)
    return label


def text_edit(lines: int | None = None, placeholder: str = "", name: str = "") -> QPlainTextEdit:
    """A plain multi-line field; Tab moves on to the next field; `lines` fixes its height."""
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    if name:
        edit.setObjectName(name)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    if lines:
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    return edit


def form_label(text: str) -> QLabel:
    """A label for a form row that never takes the field's width."""
    label = QLabel(text)
    label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
    return label
