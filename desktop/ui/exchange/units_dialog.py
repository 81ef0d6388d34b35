"""«Đơn vị cấp dưới và hạn nộp»: the units expected to send a report (code and name, rows added,
removed or pasted from Excel) and the period's deadline (desktop.core.consolidate)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.changes import SETTINGS, Changes
from desktop.core.periods import Period
from desktop.core.vn import clean_line
from desktop.strings import exchange_ui as S
from desktop.ui.common import BaseDialog, ErrorLabel, shortcut
from desktop.ui.context import AppContext
from desktop.ui.office import hint_label
from desktop.ui.tasks.fields import DateLineEdit


def parse_rows(text: str) -> list[tuple[str, str]]:
    """Rows pasted from a sheet: tab-separated "code<TAB>name" lines (extra columns ignored); a line
    without a tab is "code name" split at the first space. Empty lines are skipped."""
    rows = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not line.strip():
            continue
        cells = [clean_line(c) for c in line.split("\t")] if "\t" in line else clean_line(line).split(" ", 1)
        cells = [c for c in cells if c != ""] if "\t" not in line else cells
        code = cells[0] if cells else ""
        name = cells[1] if len(cells) > 1 else ""
        if code or name:
            rows.append((code, name))
    return rows


class UnitRowsModel(QAbstractTableModel):
    """Editable (code, name) rows."""

    HEADERS = (S.UNITS_COL_CODE, S.UNITS_COL_NAME)

    def __init__(self, rows: list[tuple[str, str]] | None = None, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[list[str]] = [list(r) for r in rows or []]

    def rows(self) -> list[tuple[str, str]]:
        """The rows as typed, cleaned, without the blank ones."""
        out = []
        for code, name in self._rows:
            code, name = clean_line(code), clean_line(name)
            if code or name:
                out.append((code, name))
        return out

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 2

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._rows[index.row()][index.column()]
        return None

    def setData(self, index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        self._rows[index.row()][index.column()] = clean_line(str(value))
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True

    def flags(self, index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return section + 1

    def insert(self, row: int, values: list[tuple[str, str]]) -> None:
        if not values:
            return
        row = max(0, min(row, len(self._rows)))
        self.beginInsertRows(QModelIndex(), row, row + len(values) - 1)
        self._rows[row:row] = [list(v) for v in values]
        self.endInsertRows()

    def remove(self, rows: list[int]) -> None:
        for row in sorted(set(rows), reverse=True):
            if 0 <= row < len(self._rows):
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()


class ExpectedUnitsDialog(BaseDialog):
    def __init__(self, ctx: AppContext, period: Period, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from desktop.core import consolidate

        self.ctx = ctx
        self.period = period
        self.saved = False
        self.setWindowTitle(S.UNITS_TITLE)
        self.resize(720, 560)

        rows, deadline = ctx.read(lambda s: (consolidate.expected_units(s), consolidate.deadline(s, period)))
        self.model = UnitRowsModel([tuple(r) for r in rows], self)
        self.view = QTableView()
        self.view.setObjectName("units_table")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().lineSpacing() + 10)
        em = self.view.fontMetrics().horizontalAdvance("M")
        self.view.horizontalHeader().resizeSection(0, 8 * em)
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        shortcut(self.view, QKeySequence.StandardKey.Paste, self.paste)

        add = QPushButton(S.UNITS_ADD)
        add.setObjectName("units_add")
        add.clicked.connect(self.add_row)
        remove = QPushButton(S.UNITS_REMOVE)
        remove.setObjectName("units_remove")
        remove.clicked.connect(self.remove_rows)
        paste = QPushButton(S.UNITS_PASTE)
        paste.setObjectName("units_paste")
        paste.clicked.connect(self.paste)
        for button in (add, remove, paste):
            button.setAutoDefault(False)
        row = QHBoxLayout()
        for button in (add, remove, paste):
            row.addWidget(button)
        row.addStretch(1)

        self.deadline = DateLineEdit()
        self.deadline.setObjectName("units_deadline")
        self.deadline.set_date(deadline)
        deadline_row = QHBoxLayout()
        deadline_row.addWidget(QLabel(S.UNITS_DEADLINE.format(period=period.name)))
        deadline_row.addWidget(self.deadline)
        deadline_row.addWidget(hint_label(S.UNITS_DEADLINE_HINT), 1)
        self.error = ErrorLabel()

        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(S.UNITS_SAVE, QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("units_save")
        buttons.addButton(S.UNITS_CANCEL, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(S.UNITS_INTRO))
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        layout.addLayout(deadline_row)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    # -- editing -------------------------------------------------------------------------------
    def add_row(self) -> None:
        row = self.model.rowCount()
        self.model.insert(row, [("", "")])
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.edit(index)

    def remove_rows(self) -> None:
        rows = [i.row() for i in self.view.selectionModel().selectedRows()]
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        self.model.remove(rows)

    def paste(self, text: str | None = None) -> int:
        """Rows pasted from Excel (code, name) go after the current row; returns how many."""
        rows = parse_rows(QGuiApplication.clipboard().text() if text is None else text)
        current = self.view.currentIndex()
        at = current.row() + 1 if current.isValid() else self.model.rowCount()
        self.model.insert(at, rows)
        return len(rows)

    # -- saving --------------------------------------------------------------------------------
    def save(self) -> bool:
        from desktop.core import consolidate
        from desktop.core.errors import UserError

        day, message = self.deadline.try_date()
        if message or day is None:
            self.error.show_message(message or S.UNITS_BAD_DATE)
            self.deadline.setFocus()
            return False
        rows, code = self.model.rows(), self.period.code

        try:
            with self.ctx.db.unit_of_work() as session:
                consolidate.set_expected_units(session, rows)
                consolidate.set_deadline(session, code, day)
        except UserError as exc:  # nothing was saved: the unit of work rolled back
            self.error.show_message(str(exc))
            return False
        self.ctx.notify(Changes.of(SETTINGS))
        self.saved = True
        self.accept()
        return True

