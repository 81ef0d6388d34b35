"""Two small dialogs that each save one thing at once: a status update (record_status) and
a cited document as evidence (add_evidence_citation)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core import directives as directives_core
from desktop.core import status as st
from desktop.core import tasks as core
from desktop.core.errors import ValidationError
from desktop.strings import common as S
from desktop.strings import tasks as T
from desktop.ui.common import BaseDialog, ErrorLabel, with_error
from desktop.ui.context import AppContext
from desktop.ui.tasks.fields import DateLineEdit


def _buttons(dialog: BaseDialog) -> QDialogButtonBox:
    box = QDialogButtonBox()
    ok = box.addButton(S.SAVE, QDialogButtonBox.ButtonRole.AcceptRole)
    box.addButton(S.CANCEL, QDialogButtonBox.ButtonRole.RejectRole)
    ok.setDefault(True)
    box.accepted.connect(dialog.submit)
    box.rejected.connect(dialog.reject)
    return box


class StatusDialog(BaseDialog):
    """Status, date (today by default, never in the future) and a note; saved on "Lưu"."""

    def __init__(self, ctx: AppContext, task_id: int, task_title: str = "", parent: QWidget | None = None,
                 current: str | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.task_id = ctx, task_id
        self.setWindowTitle(T.STATUS_DIALOG_TITLE)
        self.setMinimumWidth(460)

        layout = QVBoxLayout(self)
        if task_title:
            heading = QLabel(T.STATUS_DIALOG_TASK.format(title=task_title))
            heading.setWordWrap(True)
            heading.setStyleSheet("font-weight: 600;")
            layout.addWidget(heading)
        form = QFormLayout()
        layout.addLayout(form)

        self.status = QComboBox()
        for key, label in S.RECORDED_STATUS.items():
            self.status.addItem(label, key)
        suggested = st.DONE if current == st.IN_PROGRESS else st.IN_PROGRESS
        self.status.setCurrentIndex(self.status.findData(suggested))
        self.status_error = ErrorLabel()
        form.addRow(T.STATUS_LABEL["status"], with_error(self.status, self.status_error))

        self.on_date = DateLineEdit()
        self.on_date.set_date(date.today())
        self.on_date.setToolTip(T.STATUS_DATE_TIP)
        self.date_error = ErrorLabel()
        form.addRow(T.STATUS_LABEL["on_date"], with_error(self.on_date, self.date_error))

        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(T.STATUS_NOTE_PLACEHOLDER)
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        self.note_error = ErrorLabel()
        form.addRow(T.STATUS_LABEL["note"], with_error(self.note, self.note_error))

        layout.addWidget(_buttons(self))

    def submit(self) -> bool:
        for label in (self.status_error, self.date_error, self.note_error):
            label.show_message("")
        on_date, message = self.on_date.try_date()
        if message:
            self.date_error.show_message(message)
            self.on_date.setFocus()
            return False
        try:
            result = self.ctx.write(self, core.record_status, self.task_id, self.status.currentData(), on_date,
                                    self.note.toPlainText())
        except ValidationError as exc:
            errors = {"status": self.status_error, "on_date": self.date_error, "note": self.note_error}
            for field, text in exc.problems.items():
                errors.get(field, self.note_error).show_message(text)
            return False
        if result is None:
            return False
        self.accept()
        return True


class CitationDialog(BaseDialog):
    """A cited document as evidence, typed or picked from the directive registry."""

    def __init__(self, ctx: AppContext, task_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.task_id = ctx, task_id
        self.setWindowTitle(T.CITATION_DIALOG_TITLE)
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)

        self.directive = QComboBox()
        self.directive.addItem(T.CITATION_NO_DIRECTIVE, None)
        self._directives = {row.id: row for row in ctx.read(directives_core.list_directives)}
        for row in self._directives.values():
            self.directive.addItem(row.citation, row.id)
        self.directive.currentIndexChanged.connect(self._directive_chosen)
        form.addRow(T.CITATION_LABEL["directive"], self.directive)

        self.citation = QLineEdit()
        self.citation.setPlaceholderText(T.CITATION_PLACEHOLDER)
        form.addRow(T.CITATION_LABEL["citation"], self.citation)
        self.note = QLineEdit()
        form.addRow(T.CITATION_LABEL["note"], self.note)
        layout.addWidget(_buttons(self))

    def _directive_chosen(self) -> None:
        row = self._directives.get(self.directive.currentData())
        if row is not None:
            self.citation.setText(row.citation)

    def submit(self) -> bool:
        directive_id = self.directive.currentData()
        result = self.ctx.write(self, core.add_evidence_citation, self.task_id, self.citation.text(),
                                self.note.text(), directive_id)
        if result is None:
            return False
        self.accept()
        return True
