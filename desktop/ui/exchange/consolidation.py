"""«Tổng hợp»: for a period, which units sent their package (on time, late, missing), the
indicator totals across units, task completion by unit with the ranking; a unit's details and
its PDF; the tables to Excel; a consolidated report from the built-in outline; the expected units
and the deadline (desktop.core.consolidate)."""

from __future__ import annotations

import html
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core import periods as P
from desktop.core.errors import UserError
from desktop.core.vn import format_date, format_number, format_percent
from desktop.strings import common as C
from desktop.strings import consolidate as K
from desktop.strings import exchange_ui as S
from desktop.ui import jobs
from desktop.ui.common import BaseDialog, Column, ColumnTableModel
from desktop.ui.context import AppContext
from desktop.ui.exchange.common import (
    CENTER,
    GREEN,
    GREY,
    ORANGE,
    RED,
    RIGHT,
    ResultLine,
    busy_bar,
    explain_failure,
    size_text,
)
from desktop.ui.indicators.period_picker import PeriodPicker
from desktop.ui.office import hint_label, make_table, selected_row

CONSOLIDATED_OUTLINE = "consolidated"  # resources/outlines/consolidated.json
SUBMISSION_COLOURS = {"on_time": GREEN, "late": ORANGE, "missing": RED}
SUBMISSION_TAB, INDICATOR_TAB, UNITS_TAB = range(3)
TASK_COLOURS = {"done_on_time": GREEN, "done_late": ORANGE, "overdue": RED}


def _when(value: datetime | date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    return format_date(value)


def _count(value) -> str:
    return format_number(value) if value is not None else ""


class SubmissionTableModel(ColumnTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__([
            Column("name", S.COL_UNIT, lambda r: r.name),
            Column("code", S.COL_CODE, lambda r: r.code),
            Column("status", S.COL_STATUS, lambda r: r.status_label,
                   foreground=lambda r: QColor(SUBMISSION_COLOURS.get(r.status, GREY)),
                   sort_value=lambda r: list(SUBMISSION_COLOURS).index(r.status) if r.status in SUBMISSION_COLOURS
                   else 9, tooltip=lambda r: None if r.expected else K.NOT_EXPECTED),
            Column("created", S.COL_SENT, lambda r: _when(r.created), sort_value=lambda r: r.created or datetime.min),
            Column("received", S.COL_RECEIVED, lambda r: _when(r.received_at),
                   sort_value=lambda r: r.received_at or datetime.min),
            Column("report", S.COL_REPORT, _report_text, tooltip=_report_text),
        ], parent)


def _report_text(row) -> str:
    if not row.sent:
        return ""
    label = row.report_label or K.NO_REPORT
    return f"{label} — {S.YES_PDF}" if row.has_pdf else label


def _method_text(row) -> str:
    return row.note or K.METHOD.get(row.method, row.method)


def _method_tip(row) -> str:
    method = K.METHOD.get(row.method, row.method)
    return f"{method}. {row.note}" if row.note else method


class IndicatorTotalTableModel(ColumnTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__([
            Column("name", S.COL_INDICATOR, lambda r: r.name, tooltip=lambda r: f"{r.name}\n{r.code} — {r.group_name}"),
            Column("unit", S.COL_MEASURE, lambda r: r.unit or ""),
            Column("total", S.COL_TOTAL, lambda r: r.text or "", align=RIGHT,
                   sort_value=lambda r: r.value if r.value is not None else None),
            Column("reporting", S.COL_REPORTING, lambda r: _count(r.units_reporting), align=CENTER,
                   sort_value=lambda r: r.units_reporting),
            Column("method", S.COL_METHOD, _method_text, tooltip=_method_tip,
                   foreground=lambda r: QColor(GREY) if r.method == "none" else None),
        ], parent)


class UnitTasksTableModel(ColumnTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__([
            Column("rank", S.COL_RANK, lambda r: _count(r.rank), align=CENTER, sort_value=lambda r: r.rank or 10**6),
            Column("name", S.COL_UNIT, lambda r: r.name, tooltip=lambda r: r.code),
            Column("assigned", S.COL_ASSIGNED, lambda r: _count(r.counts.assigned), align=RIGHT,
                   sort_value=lambda r: r.counts.assigned),
            Column("done", S.COL_DONE, lambda r: _count(r.counts.done), align=RIGHT,
                   sort_value=lambda r: r.counts.done),
            Column("on_time", S.COL_ON_TIME, lambda r: _count(r.counts.done_on_time), align=RIGHT,
                   sort_value=lambda r: r.counts.done_on_time),
            Column("overdue", S.COL_OVERDUE, lambda r: _count(r.counts.overdue), align=RIGHT,
                   sort_value=lambda r: r.counts.overdue,
                   foreground=lambda r: QColor(RED) if r.counts.overdue else None),
            Column("rate", S.COL_RATE, lambda r: format_percent(r.rate) if r.rate is not None else "", align=RIGHT,
                   sort_value=lambda r: r.rate if r.rate is not None else -1),
        ], parent)


def _stacked(table: QWidget, below: QWidget) -> QWidget:
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(table, 1)
    layout.addWidget(below)
    return holder


def create_consolidated_report(session, period_code: str):
    """A draft report from the built-in consolidated outline for the period: (report id, changes)."""
    from desktop.core import outlines, reports

    loaded = outlines.ensure_builtins(session)
    outline = outlines.find_builtin(session, CONSOLIDATED_OUTLINE)
    if outline is None:
        raise UserError(S.CONS_NO_OUTLINE)
    report_id, created = reports.create_report(session, outline.id, period_code)
    return report_id, loaded | created


class ConsolidationTab(QWidget):
    open_report_requested = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.consolidation = None
        self.job: jobs.Job | None = None
        self.export_job: jobs.Job | None = None
        self._again = False
        self._opened = False  # the first refresh shows the period of the latest received package

        self.picker = PeriodPicker()
        self.picker.setObjectName("consolidation_period")
        self.picker.period_changed.connect(lambda _p: self.refresh())

        self.units_button = QPushButton(S.CONS_UNITS)
        self.units_button.setObjectName("consolidation_units")
        self.units_button.clicked.connect(self.edit_units)
        self.excel_button = QPushButton(S.CONS_EXCEL)
        self.excel_button.setObjectName("consolidation_excel")
        self.excel_button.clicked.connect(lambda: self.export_excel())
        self.report_button = QPushButton(S.CONS_REPORT)
        self.report_button.setObjectName("consolidation_report")
        self.report_button.setToolTip(S.CONS_REPORT_TIP)
        self.report_button.clicked.connect(self.create_report)
        self.detail_button = QPushButton(S.CONS_DETAIL)
        self.detail_button.setObjectName("consolidation_detail")
        self.detail_button.clicked.connect(lambda: self.show_detail())
        for button in (self.units_button, self.excel_button, self.report_button, self.detail_button):
            button.setAutoDefault(False)

        self.summary = QLabel()
        self.summary.setObjectName("consolidation_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.busy = busy_bar("consolidation_busy")
        self.result = ResultLine("consolidation_result")

        self.submissions_model = SubmissionTableModel(self)
        self.submissions = self._table(self.submissions_model, "consolidation_submissions",
                                       {"name": 18}, "report")
        self.indicators_model = IndicatorTotalTableModel(self)
        self.indicators = self._table(self.indicators_model, "consolidation_indicators",
                                      {"name": 30}, "method")
        self.units_model = UnitTasksTableModel(self)
        self.units = self._table(self.units_model, "consolidation_units_table",
                                 {}, "name")
        for view in (self.submissions, self.units):
            view.doubleClicked.connect(lambda _index, v=view: self.show_detail(v))
            view.activated.connect(lambda _index, v=view: self.show_detail(v))
            view.selectionModel().selectionChanged.connect(self._update_buttons)

        self.only_reported = QCheckBox(S.CONS_ONLY_REPORTED)
        self.only_reported.setObjectName("consolidation_only_reported")
        self.only_reported.setChecked(True)
        self.only_reported.toggled.connect(self._show_indicators)
        self.tasks_total = QLabel()
        self.tasks_total.setObjectName("consolidation_tasks_total")

        self.tables = QTabWidget()
        self.tables.setObjectName("consolidation_tables")
        self.tables.addTab(self.submissions, S.CONS_SUBMISSIONS)
        self.tables.addTab(_stacked(self.indicators, self.only_reported), S.CONS_INDICATORS)
        self.tables.addTab(_stacked(self.units, self.tasks_total), S.CONS_TASKS)
        self.tables.currentChanged.connect(self._update_buttons)

        actions = QHBoxLayout()
        actions.addWidget(self.detail_button)
        actions.addWidget(self.busy, 1)
        actions.addStretch(0)
        actions.addWidget(self.units_button)
        actions.addWidget(self.excel_button)
        actions.addWidget(self.report_button)

        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(S.CONS_INTRO))
        layout.addWidget(self.picker)
        layout.addWidget(self.summary)
        layout.addWidget(self.tables, 1)
        layout.addLayout(actions)
        layout.addWidget(self.result)
        self._update_buttons()

    @staticmethod
    def _table(model: ColumnTableModel, name: str, widths: dict[str, float], stretch: str):
        """A sortable list: the named columns `widths` em wide, the others fitted to their
        contents, `stretch` taking what is left."""
        view = make_table(model, name)
        view.setSortingEnabled(True)
        header = view.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        em = view.fontMetrics().horizontalAdvance("M")
        for index, column in enumerate(model.columns):
            if column.key in widths:
                header.resizeSection(index, round(widths[column.key] * em))
            elif column.key != stretch:
                header.setSectionResizeMode(index, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(model.column_index(stretch), QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(model.columns[-1].key == stretch)
        return view

    # -- reading -------------------------------------------------------------------------------
    def period(self) -> P.Period:
        return self.picker.period()

    def refresh(self) -> jobs.Job | None:
        """Consolidate the period on the worker thread."""
        if self.job is not None:
            self._again = True
            return None
        if not self._opened:
            self._opened = True
            self._show_latest_period()
        period, database = self.period(), self.ctx.db

        def work(_job):
            from desktop.core import consolidate

            with database.read() as session:
                return consolidate.consolidate(session, period)

        self.busy.show()
        self.job = jobs.start(self, work, self._consolidated, self._failed)
        return self.job

    def _show_latest_period(self) -> None:
        from desktop.core import consolidate

        code = self.ctx.read(consolidate.latest_period)
        if code:
            try:
                period = P.parse(code)
            except Exception:  # noqa: BLE001 - an odd code: keep the current quarter
                return
            self.picker.blockSignals(True)
            try:
                self.picker.set_period(period)
            finally:
                self.picker.blockSignals(False)

    def _consolidated(self, result) -> None:
        self.job = None
        self.busy.hide()
        if self._again:
            self._again = False
            self.refresh()
            return
        consolidation = result
        self.consolidation = consolidation
        self.submissions_model.set_rows(consolidation.submissions)
        self._show_indicators()
        self.units_model.set_rows(sorted(consolidation.units, key=lambda u: (u.rank or 10**6, u.name)))
        totals = consolidation.totals
        self.tasks_total.setText(S.CONS_TASKS_TOTAL.format(
            units=format_number(len(consolidation.units)), assigned=format_number(totals.assigned),
            done=format_number(totals.done), on_time=format_number(totals.done_on_time),
            overdue=format_number(totals.overdue),
            rate=format_percent(consolidation.total_rate) if consolidation.total_rate is not None else "—"))
        self.summary.setText(self._summary_text(consolidation))
        for view in (self.submissions, self.units):
            if view.model().rowCount():
                view.selectRow(0)
        self._update_buttons()

    def _show_indicators(self, *_args) -> None:
        rows = self.consolidation.indicators if self.consolidation is not None else ()
        if self.only_reported.isChecked():
            rows = [r for r in rows if r.units_reporting]
        self.indicators_model.set_rows(rows)

    @staticmethod
    def _summary_text(consolidation) -> str:
        from desktop.core.consolidate import summary_line

        if not consolidation.submissions:
            return html.escape(S.CONS_EMPTY)
        return html.escape(summary_line(consolidation))

    def _failed(self, exc: BaseException) -> None:
        self.job = None
        self.busy.hide()
        self._again = False
        explain_failure(self, exc, self.ctx.folder)

    def _update_buttons(self, *_args) -> None:
        has_data = self.consolidation is not None and self.consolidation.sent_count > 0
        self.excel_button.setEnabled(has_data and self.export_job is None)
        self.report_button.setEnabled(has_data)
        self.detail_button.setEnabled(self._selected_unit() is not None)
        self.detail_button.setVisible(self.tables.currentIndex() != INDICATOR_TAB)

    def _selected_unit(self, view=None):
        if view is None:
            view = {SUBMISSION_TAB: self.submissions, UNITS_TAB: self.units}.get(self.tables.currentIndex())
        if view is None:
            return None
        row = selected_row(view)
        if row is None or getattr(row, "unit_id", None) is None:
            return None
        return row

    # -- actions -------------------------------------------------------------------------------
    def show_detail(self, view=None) -> "UnitDetailDialog | None":
        row = self._selected_unit(view)
        if row is None:
            return None
        try:
            dialog = UnitDetailDialog(self.ctx, row.unit_id, self.period(), self)
        except UserError as exc:
            explain_failure(self, exc)
            return None
        dialog.exec()
        return dialog

    def edit_units(self) -> bool:
        from desktop.ui.exchange.units_dialog import ExpectedUnitsDialog

        dialog = ExpectedUnitsDialog(self.ctx, self.period(), self)
        dialog.exec()
        if dialog.saved:
            self.refresh()
        return dialog.saved

    def export_excel(self, path: str | Path | None = None) -> jobs.Job | None:
        if self.consolidation is None or self.export_job is not None:
            return None
        period = self.period()
        if path is None:
            default = Path(self.ctx.folder.exports) / S.CONS_EXCEL_FILE.format(code=period.code.replace("..", "_"))
            chosen, _filter = QFileDialog.getSaveFileName(self, S.CONS_EXCEL_TITLE, str(default), S.XLSX_FILTER)
            if not chosen:
                return None
            path = chosen
        target = Path(path)
        if target.suffix.lower() != ".xlsx":
            target = target.with_name(target.name + ".xlsx")
        database = self.ctx.db

        def work(_job):
            from desktop.core import consolidate, office
            from desktop.export.consolidation import write_consolidation

            with database.read() as session:
                consolidation = consolidate.consolidate(session, period)
                profile = office.get_office(session)
            lines = profile.header_lines if profile else []
            return write_consolidation(target, consolidation, lines)

        self.result.clear()
        self.busy.show()
        self.export_job = jobs.start(self, work, self._exported, self._export_failed)
        self._update_buttons()
        return self.export_job

    def _exported(self, written) -> None:
        self.export_job = None
        self.busy.setVisible(self.job is not None)
        path = Path(written)
        size = path.stat().st_size if path.exists() else 0
        self.result.show_file(S.CONS_EXCEL_DONE.format(path=path, size=size_text(size)), path)
        self._update_buttons()

    def _export_failed(self, exc: BaseException) -> None:
        self.export_job = None
        self.busy.setVisible(self.job is not None)
        self._update_buttons()
        explain_failure(self, exc, self.ctx.folder)

    def create_report(self) -> int | None:
        result = self.ctx.write(self, create_consolidated_report, self.period().code)
        if result is None:
            return None
        self.open_report_requested.emit(result[0])
        return result[0]


class ValueTableModel(ColumnTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__([
            Column("name", S.COL_INDICATOR, lambda r: r.name, tooltip=lambda r: f"{r.name}\n{r.code} — {r.group_name}"),
            Column("value", S.COL_VALUE, lambda r: r.text, align=RIGHT),
            Column("unit", S.COL_MEASURE, lambda r: r.unit or ""),
            Column("comment", S.COL_COMMENT, lambda r: r.comment or "", tooltip=lambda r: r.comment or None),
        ], parent)


class TaskTableModel(ColumnTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__([
            Column("title", S.COL_TASK, lambda r: r.title, tooltip=lambda r: r.last_note or r.title),
            Column("lead", S.COL_LEAD, lambda r: r.lead, tooltip=lambda r: r.lead or None),
            Column("deadline", S.COL_DEADLINE, lambda r: r.deadline_text),
            Column("status", S.COL_TASK_STATUS, lambda r: r.status_label,
                   foreground=lambda r: QColor(TASK_COLOURS[r.status]) if r.status in TASK_COLOURS else None),
        ], parent)


class UnitDetailDialog(BaseDialog):
    """One unit's figures and tasks for the period, and its report's PDF."""

    def __init__(self, ctx: AppContext, unit_id: int, period: P.Period, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from desktop.core import consolidate

        self.ctx = ctx
        self.detail = ctx.read(consolidate.unit_detail, unit_id, period, ctx.folder)
        self.setWindowTitle(S.DETAIL_TITLE.format(name=self.detail.name))
        self.resize(980, 620)

        report = QLabel(self._report_line())
        report.setObjectName("detail_report")
        report.setWordWrap(True)
        self.pdf_button = QPushButton(S.DETAIL_OPEN_PDF)
        self.pdf_button.setObjectName("detail_open_pdf")
        self.pdf_button.setAutoDefault(False)
        self.pdf_button.setEnabled(self.detail.pdf_path is not None)
        if self.detail.pdf_path is None:
            self.pdf_button.setToolTip(S.DETAIL_NO_PDF)
        self.pdf_button.clicked.connect(self.open_pdf)
        top = QHBoxLayout()
        top.addWidget(report, 1)
        top.addWidget(self.pdf_button)

        self.values_model = ValueTableModel(self)
        self.values_model.set_rows(self.detail.values)
        self.values = make_table(self.values_model, "detail_values")
        self.tasks_model = TaskTableModel(self)
        self.tasks_model.set_rows(self.detail.tasks)
        self.tasks = make_table(self.tasks_model, "detail_tasks")
        em = self.values.fontMetrics().horizontalAdvance("M")
        for view, model, fixed, stretch in ((self.values, self.values_model, {"comment": 16}, "name"),
                                            (self.tasks, self.tasks_model, {"lead": 12}, "title")):
            header = view.horizontalHeader()
            header.setStretchLastSection(False)
            for index, column in enumerate(model.columns):
                if column.key == stretch:
                    header.setSectionResizeMode(index, QHeaderView.ResizeMode.Stretch)
                elif column.key in fixed:
                    header.resizeSection(index, round(fixed[column.key] * em))
                else:
                    header.setSectionResizeMode(index, QHeaderView.ResizeMode.ResizeToContents)
        tabs = QTabWidget()
        tabs.addTab(self.values, S.DETAIL_VALUES.format(count=format_number(len(self.detail.values))))
        tabs.addTab(self.tasks, S.DETAIL_TASKS.format(count=format_number(len(self.detail.tasks))))

        close = QPushButton(S.CLOSE)
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(tabs, 1)
        layout.addLayout(bottom)

    def _report_line(self) -> str:
        submission = self.detail.submission
        if submission is None:
            return S.DETAIL_NO_REPORT
        sent = S.DETAIL_SENT.format(when=_when(submission.created), status=submission.status_label.lower())
        label = self.detail.report_label or K.NO_REPORT
        return f"{S.DETAIL_REPORT.format(label=label)}. {sent}"

    def open_pdf(self) -> bool:
        path = self.detail.pdf_path
        if path is None:
            return False
        if not Path(path).exists():
            QMessageBox.warning(self, C.ERROR_TITLE, S.DETAIL_PDF_MISSING.format(path=path))
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
