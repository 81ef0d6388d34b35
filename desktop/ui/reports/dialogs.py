"""Dialogs of the reports screen: a new report from an outline, and issuing a draft."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core import blocks
from desktop.core import outlines as outline_service
from desktop.core import reports as rp
from desktop.core.errors import UserError, ValidationError
from desktop.core.vn import clean_line
from desktop.strings import reports_ui as S
from desktop.ui.common import BaseDialog, ErrorLabel
from desktop.ui.context import AppContext
from desktop.ui.indicators.period_picker import PeriodPicker


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


class NewReportDialog(BaseDialog):
    """Outline, period and summary of a new report; `created_id` is set once created."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.created_id: int | None = None
        self.setWindowTitle(S.NEW_TITLE)
        self.setObjectName("new_report_dialog")
        ctx.write(self, outline_service.ensure_builtins)
        self.outlines = [o for o in ctx.read(outline_service.list_outlines) if o.kind == rp.REPORT]
        self.outline = QComboBox()
        self.outline.setObjectName("new_report_outline")
        for row in self.outlines:
            self.outline.addItem(row.name, row.id)
        self.outline.currentIndexChanged.connect(self._outline_chosen)
        self.picker = PeriodPicker(self)
        self.summary = QLineEdit()
        self.summary.setObjectName("new_report_summary")
        self.error = ErrorLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(S.NEW_CREATE)
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(S.NEW_OUTLINE, self.outline)
        form.addRow(S.NEW_PERIOD, self.picker)
        form.addRow(S.NEW_SUMMARY, self.summary)
        form.addRow("", _hint(S.NEW_SUMMARY_HINT))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(720, self.sizeHint().height())
        self._outline_chosen()

    def _outline_chosen(self, *_args) -> None:
        outline_id = self.outline.currentData()
        if outline_id is None:
            return
        detail = self.ctx.read(outline_service.get_outline, outline_id)
        self.summary.setText(detail.document.summary)

    def create(self) -> int | None:
        outline_id = self.outline.currentData()
        if outline_id is None:
            self.error.show_message(S.NEW_NO_OUTLINE)
            return None
        try:
            period = self.picker.period()
        except UserError as exc:
            self.error.show_message(str(exc))
            return None
        try:
            result = self.ctx.write(self, rp.create_report, outline_id, period.code,
                                    summary=clean_line(self.summary.text()) or None)
        except ValidationError as exc:
            self.error.show_message("\n".join(exc.problems.values()))
            return None
        if result is None:
            return None
        self.created_id = result[0]
        self.accept()
        return self.created_id


class IssueDialog(BaseDialog):
    """The suggested number (editable, blank allowed), the problems, then issue_report."""

    def __init__(self, ctx: AppContext, report_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report_id = report_id
        self.issued = False
        self.setWindowTitle(S.ISSUE_TITLE)
        self.setObjectName("issue_dialog")
        detail = ctx.read(rp.get_report, report_id)
        suggested = detail.number or ctx.read(rp.suggest_number, detail.symbol, detail.year)
        self.number = QLineEdit(str(suggested))
        self.number.setObjectName("issue_number")
        self.number.setMaximumWidth(self.number.fontMetrics().horizontalAdvance("0") * 10)
        symbol = QLabel(f"/{detail.symbol} — {detail.year}")
        self.problems = QLabel()
        self.problems.setObjectName("issue_problems")
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(S.ISSUE_OK)
        self.buttons.accepted.connect(self.issue)
        self.buttons.rejected.connect(self.reject)

        intro = QLabel(S.ISSUE_INTRO)
        intro.setWordWrap(True)
        row = QFormLayout()
        line = QWidget()
        from PySide6.QtWidgets import QHBoxLayout

        box = QHBoxLayout(line)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.number)
        box.addWidget(symbol)
        box.addStretch(1)
        row.addRow(S.ISSUE_NUMBER, line)
        row.addRow("", _hint(S.ISSUE_NUMBER_NOTE))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.problems)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._show_problems()
        self.resize(640, self.sizeHint().height())

    def _show_problems(self) -> None:
        from desktop.core import compose

        try:
            _doc, found = self.ctx.read(compose.build_report_document, self.report_id)
        except UserError as exc:
            self.problems.setText(str(exc))
            return
        hard = blocks.blocking(found)
        soft = [p for p in found if not p.blocking]
        lines = []
        if hard:
            lines.append(S.ISSUE_REFUSED)
            lines += [f"• {p.name}: {p.message}" for p in dict((p.name, p) for p in hard).values()]
            self.problems.setStyleSheet("color: #b00020;")
            self.ok.setEnabled(False)
        elif soft:
            lines.append(S.ISSUE_WARNINGS)
            lines += [f"• {p.message}" for p in dict((p.message, p) for p in soft).values()][:12]
        self.problems.setText("\n".join(lines))
        self.problems.setVisible(bool(lines))

    def issue(self) -> bool:
        text = self.number.text().strip()
        number: int | None = None
        if text:
            if not text.isdigit():
                self.error.show_message(S.H_BAD_INT.format(value=text))
                return False
            number = int(text)
        try:
            result = self.ctx.write(self, rp.issue_report, self.report_id, number, register=number is not None)
        except ValidationError as exc:
            self.error.show_message("\n".join(exc.problems.values()))
            return False
        if result is None:
            return False
        self.issued = True
        self.accept()
        return True
