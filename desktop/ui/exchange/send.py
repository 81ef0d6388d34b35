"""«Gửi lên cấp trên»: the period, what goes out (which report, tasks, figures, PDF, XLSX), a
summary of it (desktop.core.exchange.export_summary) and «Lưu gói dữ liệu…», written on the
worker thread (desktop.core.exchange.export_package)."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.core import periods as P
from desktop.core.errors import UserError
from desktop.core.vn import format_date, format_number
from desktop.strings import exchange_ui as S
from desktop.ui import jobs
from desktop.ui.context import AppContext
from desktop.ui.exchange.common import ORANGE, RED, explain_failure, save_row, size_text
from desktop.ui.indicators.period_picker import PeriodPicker
from desktop.ui.office import hint_label


def _period_reports(session, period_code: str) -> list:
    """The period's reports, issued first, newest first within each."""
    from desktop.core import reports as rp

    rows = [r for r in rp.list_reports(session, rp.REPORT) if r.period_code == period_code]
    rows.sort(key=lambda r: r.status != rp.ISSUED)  # stable: list_reports already puts the newest first
    return rows


def _newest_report_period(session) -> P.Period | None:
    from desktop.core import reports as rp

    for row in rp.list_reports(session, rp.REPORT):
        try:
            return P.parse(row.period_code)
        except UserError:
            continue
    return None


class SendTab(QWidget):
    exported = Signal(object)  # the ExportResult

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.job: jobs.Job | None = None
        self.last_result = None
        self._loaded = False

        self.picker = PeriodPicker()
        self.picker.setObjectName("send_period")
        self.picker.period_changed.connect(lambda _p: self.reload())

        self.report = QComboBox()
        self.report.setObjectName("send_report")
        self.report.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.report.setMinimumContentsLength(40)
        self.tasks = QCheckBox(S.SEND_TASKS)
        self.indicators = QCheckBox(S.SEND_INDICATORS)
        self.pdf = QCheckBox(S.SEND_PDF)
        self.xlsx = QCheckBox(S.SEND_XLSX)
        for name, box in (("send_tasks", self.tasks), ("send_indicators", self.indicators), ("send_pdf", self.pdf),
                          ("send_xlsx", self.xlsx)):
            box.setObjectName(name)
            box.setChecked(True)
            box.toggled.connect(self.update_summary)
        self.report.currentIndexChanged.connect(self._report_chosen)

        content = QGroupBox(S.SEND_CONTENT)
        grid = QGridLayout(content)
        grid.addWidget(QLabel(S.SEND_REPORT), 0, 0)
        grid.addWidget(self.report, 0, 1, 1, 2)
        grid.addWidget(self.tasks, 1, 0, 1, 2)
        grid.addWidget(self.indicators, 1, 2)
        grid.addWidget(self.pdf, 2, 0, 1, 2)
        grid.addWidget(self.xlsx, 2, 2)
        grid.setColumnStretch(2, 1)

        self.summary = QLabel()
        self.summary.setObjectName("send_summary")
        self.summary_data = None
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        summary_box = QGroupBox(S.SEND_SUMMARY)
        QVBoxLayout(summary_box).addWidget(self.summary)

        actions = save_row(self, "send", S.SEND_SAVE, self.save_package)

        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(S.SEND_INTRO))
        layout.addWidget(self.picker)
        layout.addWidget(content)
        layout.addWidget(summary_box)
        layout.addLayout(actions)
        layout.addWidget(self.result)
        layout.addStretch(1)

    # -- data --------------------------------------------------------------------------------
    def period(self) -> P.Period:
        return self.picker.period()

    def refresh(self) -> None:
        if not self._loaded:
            self._loaded = True
            period = self.ctx.read(_newest_report_period)
            if period is not None:
                self.picker.set_period(period)
        self.reload()

    def reload(self) -> None:
        chosen = self.report.currentData()
        rows = self.ctx.read(_period_reports, self.period().code)
        self.report.blockSignals(True)
        self.report.clear()
        for row in rows:
            number = row.number_symbol if row.number is not None else S.SEND_NO_NUMBER
            self.report.addItem(S.SEND_REPORT_ITEM.format(number=number, summary=row.summary,
                                                          status=row.status_label), row.id)
            self.report.setItemData(self.report.count() - 1, row.summary, Qt.ItemDataRole.ToolTipRole)
        if not rows:
            self.report.addItem(S.SEND_NO_REPORT, None)
        index = self.report.findData(chosen) if chosen is not None else -1
        self.report.setCurrentIndex(index if index >= 0 else 0)
        self.report.setEnabled(bool(rows))
        self.report.blockSignals(False)
        self._report_chosen()

    def _report_chosen(self, *_args) -> None:
        self.pdf.setEnabled(self.report.currentData() is not None)
        self.update_summary()

    def content(self):
        from desktop.core.exchange import ExportContent

        report_id = self.report.currentData()
        return ExportContent(report_id=report_id, tasks=self.tasks.isChecked(),
                             indicators=self.indicators.isChecked(), pdf=self.pdf.isChecked(),
                             xlsx=self.xlsx.isChecked())

    def update_summary(self, *_args) -> None:
        from desktop.core import exchange

        period, content = self.period(), self.content()
        try:
            summary = self.ctx.read(exchange.export_summary, period, content)
        except UserError as exc:
            self.summary.setText(f"<span style='color:{ORANGE}'>{html.escape(str(exc))}</span>")
            self.save_button.setEnabled(False)
            return
        self.summary_data = summary
        self.summary.setText(summary_html(summary))
        self.save_button.setEnabled(self.job is None and not summary.problems)

    # -- saving ------------------------------------------------------------------------------
    def default_path(self) -> Path:
        from desktop.core import exchange, office

        profile = self.ctx.read(office.get_office)
        if profile is None:
            raise UserError(S.SEND_NO_OFFICE)
        return Path(self.ctx.folder.exports) / exchange.default_file_name(profile, self.period())

    def save_package(self, path: str | Path | None = None) -> jobs.Job | None:
        """Ask where (unless `path` is given), then write the package on the worker thread."""
        if self.job is not None:
            return None
        try:
            default = self.default_path()
        except UserError as exc:
            explain_failure(self, exc)
            return None
        if path is None:
            chosen, _filter = QFileDialog.getSaveFileName(self, S.SEND_SAVE_TITLE, str(default), S.FILE_FILTER)
            if not chosen:
                return None
            path = chosen
        from desktop.core.nq57file import EXTENSION

        target = Path(path)
        if target.suffix.lower() != EXTENSION:
            target = target.with_name(target.name + EXTENSION)
        period, content, database = self.period(), self.content(), self.ctx.db

        def work(_job):
            from desktop.core import exchange

            return exchange.export_package(database, period, target, content)

        self.result.clear()
        self._busy(True)
        self.job = jobs.start(self, work, self._saved, self._failed)
        return self.job

    def _busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.save_button.setEnabled(not busy)
        self.picker.setEnabled(not busy)

    def _saved(self, result) -> None:
        self.job = None
        self._busy(False)
        self.last_result = result
        self.result.show_file(S.SEND_SAVED.format(path=result.path, size=size_text(result.size)), result.path)
        self.exported.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.job = None
        self._busy(False)
        explain_failure(self, exc, self.ctx.folder)


def summary_html(summary) -> str:
    """What goes out, one line each; warnings in orange, what prevents saving in red."""
    from desktop.strings import reports as R

    unit = S.SUM_UNIT_CODE.format(name=summary.unit_name, code=summary.unit_code) if summary.unit_code \
        else summary.unit_name
    lines = [S.SUM_UNIT.format(unit=unit, period=summary.period_name, day=format_date(summary.as_of))]
    lines.append(S.SUM_TASKS.format(count=format_number(summary.tasks)))
    lines.append(S.SUM_VALUES.format(values=format_number(summary.values),
                                     indicators=format_number(summary.indicators)))
    if summary.report_label:
        lines.append(S.SUM_REPORT.format(label=summary.report_label,
                                         status=R.STATUS.get(summary.report_status, summary.report_status)))
    else:
        lines.append(S.SUM_NO_REPORT)
    files = [name for name, wanted in ((S.SUM_PDF, summary.pdf), (S.SUM_XLSX, summary.xlsx)) if wanted]
    lines.append(S.SUM_FILES.format(files=", ".join(files)) if files else S.SUM_NO_FILES)
    out = [html.escape(line) for line in lines]
    out += [f"<span style='color:{ORANGE}'>⚠ {html.escape(w)}</span>" for w in summary.warnings]
    out += [f"<span style='color:{RED}'><b>{html.escape(p)}</b></span>" for p in summary.problems]
    return "<br>".join(out)
