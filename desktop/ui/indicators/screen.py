"""Chỉ tiêu, số liệu: the period picker on top, the group, and four tabs — data entry, the
figures across the year's periods, progress against the year's targets, the catalogue — and
«Xuất Excel» for the period table. Tabs load when shown; a change marks the others stale."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core import indicators as core
from desktop.core.changes import INDICATORS, OFFICE
from desktop.core.errors import UserError
from desktop.core.periods import Period
from desktop.strings import common as C
from desktop.strings import indicators as S
from desktop.ui.context import AppContext
from desktop.ui.indicators.catalogue import CataloguePanel
from desktop.ui.indicators.chart import GridPanel
from desktop.ui.indicators.entry import EntryPanel
from desktop.ui.indicators.period_picker import PeriodPicker
from desktop.ui.indicators.progress import ProgressPanel

ENTRY, GRID, PROGRESS, CATALOGUE = range(4)


class IndicatorsScreen(QWidget):
    help_topic = "indicators"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale_tabs: set[int] = set()
        self.picker = PeriodPicker()
        self.picker.period_changed.connect(self._period_chosen)
        self._period = self.picker.period()
        self.export_button = QPushButton(S.EXPORT_BUTTON)
        self.export_button.setObjectName("export_button")
        self.export_button.clicked.connect(self.export_excel)

        self.group_label = QLabel(S.GROUP_PICK)
        self.group = QComboBox()
        self.group.setObjectName("group_combo")
        self.group.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.group.setMinimumContentsLength(40)
        self.group.currentIndexChanged.connect(self._group_chosen)
        self._group_code: str | None = None

        self.entry = EntryPanel(ctx)
        self.grid = GridPanel(ctx)
        self.progress = ProgressPanel(ctx)
        self.catalogue = CataloguePanel(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.entry, S.TAB_ENTRY)
        self.tabs.addTab(self.grid, S.TAB_GRID)
        self.tabs.addTab(self.progress, S.TAB_PROGRESS)
        self.tabs.addTab(self.catalogue, S.TAB_CATALOGUE)
        self.tabs.currentChanged.connect(self._tab_shown)

        top = QHBoxLayout()
        top.addWidget(self.picker, 1)
        top.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignTop)
        group_row = QHBoxLayout()
        group_row.addWidget(self.group_label)
        group_row.addWidget(self.group, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(group_row)
        layout.addWidget(self.tabs, 1)

    # ------------------------------------------------------------------ data
    def period(self) -> Period:
        return self._period

    def refresh(self) -> None:
        groups = self.ctx.read(core.list_groups)
        catalogues = self.ctx.read(core.list_catalogues)
        self.group.blockSignals(True)
        self.group.clear()
        for group in groups:
            self.group.addItem(group.name, group.code)
            self.group.setItemData(self.group.count() - 1, S.CATALOGUES.get(group.catalogue, group.catalogue),
                                   Qt.ItemDataRole.ToolTipRole)
        index = self.group.findData(self._group_code) if self._group_code else -1
        if index < 0:  # the routine statistics first: that is what a ward types each period
            index = next((i for i, g in enumerate(groups) if g.catalogue == "operations"), 0)
        self.group.setCurrentIndex(index)
        self.group.blockSignals(False)
        self._group_code = self.group.currentData()
        self.progress.set_catalogues(catalogues)
        self.catalogue.set_catalogues(catalogues)
        self._stale_tabs = {ENTRY, GRID, PROGRESS, CATALOGUE}
        self._load_tab(self.tabs.currentIndex())
        self._stale = False

    def on_changes(self, changes) -> None:
        if not changes.touches(INDICATORS, OFFICE):
            return
        if self.entry.dirty():  # keep what is being typed; reload the rest
            self._stale_tabs |= {GRID, PROGRESS, CATALOGUE}
            self._load_tab(self.tabs.currentIndex())
            return
        self.refresh()

    def _load_tab(self, index: int) -> None:
        if index not in self._stale_tabs:
            return
        self._stale_tabs.discard(index)
        if index == ENTRY:
            self.entry.show_group(self._period, self._group_code)
        elif index == GRID:
            self.grid.show_group(self._period.year_for_targets, self._group_code)
        elif index == PROGRESS:
            self.progress.show_period(self._period)
        else:
            self.catalogue.load()

    def _tab_shown(self, index: int) -> None:
        uses_group = index in (ENTRY, GRID)
        self.group_label.setVisible(uses_group)
        self.group.setVisible(uses_group)
        self._load_tab(index)

    # ------------------------------------------------------------------ choices
    def set_period(self, period: Period) -> bool:
        """Show `period` (as if picked); False when the user kept unsaved edits."""
        self.picker.set_period(period)
        return self._period_chosen(period)

    def _period_chosen(self, period: Period) -> bool:
        if period == self._period:
            return True
        if not self.entry.can_close():
            self.picker.set_period(self._period)
            return False
        self._period = period
        self._stale_tabs |= {ENTRY, GRID, PROGRESS}
        self._load_tab(self.tabs.currentIndex())
        return True

    def set_group(self, code: str) -> bool:
        index = self.group.findData(code)
        if index < 0:
            return False
        self.group.setCurrentIndex(index)
        return self._group_code == code

    def _group_chosen(self) -> None:
        code = self.group.currentData()
        if code == self._group_code:
            return
        if not self.entry.can_close():
            self.group.blockSignals(True)
            self.group.setCurrentIndex(self.group.findData(self._group_code))
            self.group.blockSignals(False)
            return
        self._group_code = code
        self._stale_tabs |= {ENTRY, GRID}
        self._load_tab(self.tabs.currentIndex())

    # ------------------------------------------------------------------ shell actions
    def save(self) -> None:
        if self.tabs.currentIndex() == ENTRY:
            self.entry.save()

    def can_close(self) -> bool:
        return self.entry.can_close()

    def new_item(self) -> None:
        if self.tabs.currentIndex() == CATALOGUE:
            self.catalogue.new_item()

    def focus_search(self) -> None:
        if self.tabs.currentIndex() == CATALOGUE:
            self.catalogue.focus_search()
        elif self.tabs.currentIndex() == ENTRY:
            self.entry.focus_first_value()

    def export_excel(self):
        """Write the period table of every indicator to an .xlsx chosen by the user: read and written
        on the worker thread behind a progress dialog. The job (desktop.ui.jobs.ProgressJob, its
        result the path written) or None when the user chose no file."""
        from desktop.ui.jobs import explain_failure, run_with_progress

        period = self._period
        default = str(Path(self.ctx.folder.exports) / S.EXPORT_FILE_NAME.format(code=period.code.replace("..", "_")))
        path, _filter = QFileDialog.getSaveFileName(self, S.EXPORT_TITLE, default, S.EXPORT_FILTER)
        if not path:
            return None
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        database = self.ctx.db

        def work(ticket) -> str:
            from desktop.core import office
            from desktop.export import indicators as export

            ticket.report(0, 0, C.JOB_READING)
            with database.read() as session:
                profile = office.get_office(session)
                lines = profile.header_lines if profile else []
                rows, groups = core.period_values(session, period), core.list_groups(session)
            ticket.report(0, 0, C.JOB_WRITING_FILE.format(name=Path(path).name))
            return str(export.write_period_table(path, lines, period, rows, groups))

        def failed(exc: BaseException) -> None:
            if isinstance(exc, UserError):  # the folder is gone, the file is open in Excel…
                QMessageBox.warning(self, C.ERROR_TITLE, str(exc))
            elif isinstance(exc, OSError):
                QMessageBox.warning(self, C.ERROR_TITLE, S.EXPORT_FAILED.format(path=path, reason=exc))
            else:
                explain_failure(self, exc, self.ctx.folder)

        return run_with_progress(self, C.JOB_EXCEL_TITLE, C.JOB_EXCEL.format(name=Path(path).name), work,
                                 lambda written: QMessageBox.information(self, S.DONE_TITLE,
                                                                         S.EXPORTED.format(path=written)),
                                 failed, cancellable=False)
