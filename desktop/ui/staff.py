"""«Người làm việc»: who is at the keyboard (recorded in the change log), and the office's staff
list with the choice to ask at every start."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core import staff
from desktop.core.changes import SETTINGS, Changes
from desktop.core.errors import ValidationError
from desktop.strings import common as S
from desktop.strings import staff as T
from desktop.ui.common import BaseDialog, ErrorLabel, text_edit
from desktop.ui.context import AppContext


class WorkerDialog(BaseDialog):
    """Choose (or type) who is working now."""

    def __init__(self, names: list[str], current: str, login: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(T.CHOOSE_TITLE)
        self.login = login
        text = QLabel(T.CHOOSE_TEXT)
        text.setWordWrap(True)
        self.combo = QComboBox()
        self.combo.setObjectName("worker_name")
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.addItems(names)
        if login:
            self.combo.addItem(T.USE_LOGIN.format(login=login), login)
        index = self.combo.findText(current)
        if index >= 0:
            self.combo.setCurrentIndex(index)
        else:
            self.combo.setEditText(current)
        row = QHBoxLayout()
        row.addWidget(QLabel(T.CHOOSE_LABEL))
        row.addWidget(self.combo, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(S.OK)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(S.CANCEL)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(max(self.sizeHint().width(), 460), self.sizeHint().height())

    def chosen(self) -> str:
        data = self.combo.currentData()
        if data is not None and self.combo.currentText() == self.combo.itemText(self.combo.currentIndex()):
            return str(data)
        return self.combo.currentText()


def choose_worker(ctx: AppContext, parent: QWidget | None = None) -> bool:
    """Ask who is working; the name is used for every later change. False when cancelled."""
    names = ctx.read(staff.list_staff)
    dialog = WorkerDialog(names, ctx.db.user or "", staff.os_login(), parent)
    if not dialog.exec():
        return False
    ctx.db.user = staff.working_name(dialog.chosen())
    return True


class StaffPage(QWidget):
    """The office screen's «Cán bộ sử dụng» tab."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        hint = QLabel(T.HINT)
        hint.setWordWrap(True)
        self.names = text_edit(8, name="staff_names")
        self.ask = QCheckBox(T.ASK)
        self.ask.setObjectName("staff_ask")
        self.error = ErrorLabel()
        self.status = QLabel()
        self.save_button = QPushButton(T.SAVE)
        self.save_button.setObjectName("staff_save")
        self.save_button.clicked.connect(self.save)
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(QLabel(T.NAMES_LABEL))
        layout.addWidget(self.names, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.ask)
        layout.addLayout(bar)

    def refresh(self) -> None:
        self.names.setPlainText("\n".join(self.ctx.read(staff.list_staff)))
        self.ask.setChecked(self.ctx.read(staff.asks_at_start))
        self.error.show_message("")

    def save(self) -> bool:
        self.error.show_message("")
        try:
            result = self.ctx.write(self, staff.save_staff, self.names.toPlainText().split("\n"), self.ask.isChecked())
        except ValidationError as exc:
            self.error.show_message(" ".join(exc.problems.values()))
            return False
        if result is None:
            return False
        self.refresh()
        self.status.setText(T.SAVED)
        return True

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(SETTINGS):
            self.refresh()
