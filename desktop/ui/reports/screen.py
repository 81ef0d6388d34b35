"""The reports screen (Báo cáo): tabs for the reports (list and editor), the outlines, and the
register of document numbers."""

from __future__ import annotations

import unicodedata
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core import reports as rp
from desktop.core.changes import REPORTS, Changes
from desktop.core.errors import UserError
from desktop.strings import common as C
from desktop.strings import reports_ui as S
from desktop.ui.common import ColumnTableModel, confirm, list_table
from desktop.ui.context import AppContext
from desktop.ui.reports.editor import ReportEditor
from desktop.ui.reports.models import NUMBER_COLUMNS, REPORT_COLUMNS


def ascii_name(text: str) -> str:
    """"BC-UBND An Hải 2025-11" -> "BC-UBND An Hai 2025-11" (file names any PC accepts)."""
    text = text.replace("Đ", "D").replace("đ", "d")
    folded = unicodedata.normalize("NFD", text)
    return "".join(c for c in folded if not unicodedata.combining(c) and ord(c) < 128)


def preview_document(parent: QWidget, ctx: AppContext, build, file_name: str) -> bool:
    """Build a PrintDocument with `build(session)`, lay it out and show the preview dialog.
    A UserError becomes a message box. reportlab is loaded here, never at start-up."""
    from desktop.ui.reports.pages import PreviewDialog, busy_cursor

    try:
        with busy_cursor():
            doc = ctx.read(build)
            from desktop.printing.layout import lay_out

            laid_out = lay_out(doc)
    except UserError as exc:
        QMessageBox.warning(parent, C.ERROR_TITLE, str(exc))
        return False
    except OSError as exc:  # a missing font file
        QMessageBox.warning(parent, C.ERROR_TITLE, S.PREVIEW_FAILED.format(reason=exc))
        return False
    dialog = PreviewDialog(laid_out, file_name, parent, save_dir=ctx.folder.exports)
    dialog.exec()
    return True


class ReportsScreen(QWidget):
    help_topic = "bao-cao"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._list_stale = True

        # -- reports tab: list page
        self.list_page = QWidget()
        self.new_button = QPushButton(S.NEW_REPORT)
        self.new_button.setObjectName("new_report")
        self.new_button.setToolTip("Ctrl+N")
        self.new_button.clicked.connect(self.new_item)
        self.open_button = QPushButton(S.OPEN_REPORT)
        self.open_button.clicked.connect(self.open_selected)
        self.preview_button = QPushButton(S.PREVIEW)
        self.preview_button.setToolTip("Ctrl+P")
        self.preview_button.clicked.connect(self.print_current)
        self.revise_button = QPushButton(S.REVISE_REPORT)
        self.revise_button.setToolTip(S.REVISE_TIP)
        self.revise_button.clicked.connect(self.revise_selected)
        self.delete_button = QPushButton(S.DELETE_REPORT)
        self.delete_button.clicked.connect(self.delete_selected)
        top = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.preview_button, self.revise_button,
                       self.delete_button):
            button.setAutoDefault(False)
            top.addWidget(button)
        top.addStretch(1)
        self.model = ColumnTableModel(REPORT_COLUMNS, self)
        self.table = list_table(self.model, "reports_table", {"number": 9, "type": 6, "period": 17,
                                                               "status": 8, "updated": 10})
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSectionResizeMode(self.model.column_index("summary"),
                                                           QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.activated.connect(lambda _i: self.open_selected())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.empty_label = QLabel(S.EMPTY_LIST)
        self.empty_label.setWordWrap(True)
        self.count_label = QLabel()
        list_layout = QVBoxLayout(self.list_page)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addLayout(top)
        list_layout.addWidget(self.empty_label)
        list_layout.addWidget(self.table, 1)
        list_layout.addWidget(self.count_label)

        # -- reports tab: editor page
        self.editor = ReportEditor(ctx)
        self.editor.back_requested.connect(self.show_list)
        self.editor.preview_requested.connect(self.preview_report)
        self.editor.issue_requested.connect(self.issue_report)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.list_page)
        self.pages.addWidget(self.editor)

        # -- outlines tab (built when first shown)
        self.outlines_holder = QWidget()
        QVBoxLayout(self.outlines_holder).setContentsMargins(0, 0, 0, 0)
        self.outlines = None

        # -- number register tab
        self.numbers_page = QWidget()
        self.year = QSpinBox()
        self.year.setObjectName("numbers_year")
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.year.valueChanged.connect(self.refresh_numbers)
        self.symbol = QComboBox()
        self.symbol.setObjectName("numbers_symbol")
        self.symbol.currentIndexChanged.connect(self.refresh_numbers)
        self.numbers_model = ColumnTableModel(NUMBER_COLUMNS, self)
        self.numbers_table = list_table(self.numbers_model, "numbers_table", {"number": 6, "symbol": 10, "date": 9,
                                                                              "summary": 40})
        self.numbers_table.horizontalHeader().setStretchLastSection(True)
        self.numbers_count = QLabel()
        numbers_top = QHBoxLayout()
        numbers_top.addWidget(QLabel(S.N_YEAR))
        numbers_top.addWidget(self.year)
        numbers_top.addSpacing(12)
        numbers_top.addWidget(QLabel(S.N_SYMBOL))
        numbers_top.addWidget(self.symbol)
        numbers_top.addStretch(1)
        numbers_layout = QVBoxLayout(self.numbers_page)
        numbers_layout.addLayout(numbers_top)
        numbers_layout.addWidget(self.numbers_table, 1)
        numbers_layout.addWidget(self.numbers_count)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("reports_tabs")
        self.tabs.addTab(self.pages, S.TAB_REPORTS)
        self.tabs.addTab(self.outlines_holder, S.TAB_OUTLINES)
        self.tabs.addTab(self.numbers_page, S.TAB_NUMBERS)
        self._tab = 0
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.tabs)
        self._update_buttons()

    # -- the screen protocol ---------------------------------------------------------------
    def refresh(self) -> None:
        self.refresh_list()
        if self.editing() and not self.editor.is_pending():
            self.editor.reload()
        if self.tabs.currentWidget() is self.numbers_page:
            self.refresh_numbers()
        if self.outlines is not None and callable(getattr(self.outlines, "refresh", None)):
            self.outlines.refresh()

    def on_changes(self, changes: Changes) -> None:
        if not changes.touches(REPORTS):
            if self.outlines is not None and callable(getattr(self.outlines, "on_changes", None)):
                self.outlines.on_changes(changes)
            return
        if self.editing():
            self._list_stale = True  # the editor made this change itself
        else:
            self.refresh_list()
        if self.tabs.currentWidget() is self.numbers_page:
            self.refresh_numbers()
        if self.outlines is not None and callable(getattr(self.outlines, "on_changes", None)):
            self.outlines.on_changes(changes)

    def new_item(self) -> None:
        if self.tabs.currentWidget() is self.outlines_holder and self.outlines is not None:
            handler = getattr(self.outlines, "new_item", None)
            if callable(handler):
                handler()
            return
        if not self.can_close():
            return
        from desktop.ui.reports.dialogs import NewReportDialog

        dialog = NewReportDialog(self.ctx, self)
        if dialog.exec() and dialog.created_id is not None:
            self.tabs.setCurrentIndex(0)
            self.open_report(dialog.created_id)

    def save(self) -> bool:
        if self.editing():
            return self.editor.flush()
        handler = getattr(self.outlines, "save", None) if self.tabs.currentWidget() is self.outlines_holder else None
        return bool(handler()) if callable(handler) else False

    def print_current(self) -> None:
        if self.tabs.currentWidget() is self.outlines_holder:
            return
        if self.editing() and self.editor.report_id is not None:
            self.preview_report(self.editor.report_id)
            return
        row = self.selected_report()
        if row is not None:
            self.preview_report(row.id)

    def can_close(self) -> bool:
        if self.editing() and not self.editor.can_close():
            return False
        if self.outlines is not None and callable(getattr(self.outlines, "can_close", None)):
            return self.outlines.can_close()
        return True

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.editor.flush()  # leaving the screen saves what was typed
        super().hideEvent(event)

    # -- tabs ------------------------------------------------------------------------------
    def _tab_changed(self, index: int) -> None:
        previous = self.tabs.widget(self._tab)
        if previous is self.pages:
            self.editor.flush()
        elif previous is self.outlines_holder and self.outlines is not None:
            can_close = getattr(self.outlines, "can_close", None)
            if callable(can_close) and not can_close():
                self.tabs.blockSignals(True)
                self.tabs.setCurrentIndex(self._tab)
                self.tabs.blockSignals(False)
                return
        self._tab = index
        widget = self.tabs.widget(index)
        if widget is self.outlines_holder:
            self._ensure_outlines()
        elif widget is self.numbers_page:
            self.refresh_numbers()
        elif widget is self.pages and self._list_stale and not self.editing():
            self.refresh_list()

    def _ensure_outlines(self) -> None:
        if self.outlines is None:
            from desktop.ui.reports.outlines import OutlinesScreen

            self.outlines = OutlinesScreen(self.ctx)
            self.outlines_holder.layout().addWidget(self.outlines)
            self.outlines.show()
        refresh = getattr(self.outlines, "refresh", None)
        if callable(refresh):
            refresh()

    # -- list --------------------------------------------------------------------------------
    def editing(self) -> bool:
        return self.pages.currentWidget() is self.editor

    def refresh_list(self) -> None:
        selected = self.selected_report()
        rows = self.ctx.read(rp.list_reports, rp.REPORT)
        self.model.set_rows(rows)
        self._list_stale = False
        self.empty_label.setVisible(not rows)
        self.count_label.setText(S.REPORT_COUNT.format(count=len(rows)))
        if selected is not None:
            self.select_report(selected.id)
        elif rows:
            self.table.selectRow(0)
        self._update_buttons()

    def selected_report(self) -> rp.ReportRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() and index.row() < self.model.rowCount() else None

    def select_report(self, report_id: int) -> None:
        for row, report in enumerate(self.model.rows()):
            if report.id == report_id:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        row = self.selected_report()
        for button in (self.open_button, self.preview_button, self.delete_button):
            button.setEnabled(row is not None)
        self.revise_button.setEnabled(row is not None and row.status == rp.ISSUED)

    def show_list(self) -> None:
        report_id = self.editor.report_id
        self.pages.setCurrentWidget(self.list_page)
        self.refresh_list()
        if report_id is not None:
            self.select_report(report_id)
        self.table.setFocus()

    def open_report(self, report_id: int) -> None:
        if self.editing() and not self.editor.can_close():
            return
        self.tabs.setCurrentIndex(0)
        self.editor.open_report(report_id)
        self.pages.setCurrentWidget(self.editor)

    def open_selected(self) -> None:
        row = self.selected_report()
        if row is not None:
            self.open_report(row.id)

    def _name(self, row: rp.ReportRow) -> str:
        name = f"{row.doc_type.capitalize()} {row.number_symbol} — {row.summary}"
        return name if len(name) <= 120 else name[:120] + "…"

    def delete_selected(self) -> bool:
        row = self.selected_report()
        if row is None:
            return False
        issued = row.status == rp.ISSUED
        question = (S.CONFIRM_DELETE_ISSUED if issued else S.CONFIRM_DELETE).format(name=self._name(row))
        if not confirm(self, S.CONFIRM_DELETE_TITLE, question):
            return False
        if self.ctx.write(self, rp.delete_report, row.id, confirm_issued=issued) is None:
            return False
        self.refresh_list()
        return True

    def revise_selected(self) -> int | None:
        row = self.selected_report()
        if row is None or row.status != rp.ISSUED:
            return None
        if not confirm(self, S.REVISE_REPORT, S.CONFIRM_REVISE.format(name=self._name(row))):
            return None
        result = self.ctx.write(self, rp.revise_report, row.id)
        if result is None:
            return None
        self.refresh_list()
        self.open_report(result[0])
        return result[0]

    # -- issuing and printing ----------------------------------------------------------------
    def issue_report(self, report_id: int) -> bool:
        if not self.editor.flush():
            self.editor.select_header()
            return False
        from desktop.ui.reports.dialogs import IssueDialog

        dialog = IssueDialog(self.ctx, report_id, self)
        dialog.exec()
        if dialog.issued:
            if self.editor.report_id == report_id:
                self.editor.reload()
            self._list_stale = True
        return dialog.issued

    def file_name(self, report_id: int) -> str:
        detail = self.ctx.read(rp.get_report, report_id, with_problems=False)
        from desktop.core.office import get_office

        profile = self.ctx.read(get_office)
        place = profile.place_name if profile else ""
        number = f"{detail.number}-" if detail.number is not None else ""
        kind = "BC" if detail.kind == rp.REPORT else "KH"
        try:
            code = detail.period.code
            period = code if ".." not in code else f"{detail.year}-{detail.date_month or 0:02d}"
        except UserError:
            period = str(detail.year)
        return ascii_name(f"{number}{kind}-UBND {place} {period}".strip())

    def preview_report(self, report_id: int) -> bool:
        if self.editor.report_id == report_id:
            self.editor.flush()
        from desktop.core import compose

        return preview_document(self, self.ctx, lambda session: compose.report_document(session, report_id),
                                self.file_name(report_id))

    # -- number register -----------------------------------------------------------------------
    def refresh_numbers(self, *_args) -> None:
        year = self.year.value()
        all_rows = self.ctx.read(rp.list_numbers, year)
        symbols = sorted({row.symbol for row in all_rows})
        chosen = self.symbol.currentData()
        self.symbol.blockSignals(True)
        self.symbol.clear()
        self.symbol.addItem(S.N_SYMBOL_ALL, None)
        for symbol in symbols:
            self.symbol.addItem(symbol, symbol)
        self.symbol.setCurrentIndex(max(0, self.symbol.findData(chosen)))
        self.symbol.blockSignals(False)
        chosen = self.symbol.currentData()
        rows = [row for row in all_rows if chosen is None or row.symbol == chosen]
        self.numbers_model.set_rows(rows)
        self.numbers_count.setText(S.N_COUNT.format(count=len(rows)))
