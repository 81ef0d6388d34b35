"""Trao đổi dữ liệu: four tabs — send a package up, receive packages, consolidate what was
received, send lists down. Each tab reads its data when first shown and again when it is shown
after a change."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desktop.core.changes import Changes
from desktop.strings import exchange_ui as S
from desktop.ui import jobs
from desktop.ui.context import AppContext
from desktop.ui.exchange.consolidation import ConsolidationTab
from desktop.ui.exchange.downward import DownwardTab
from desktop.ui.exchange.receive import ReceiveTab
from desktop.ui.exchange.send import SendTab

SEND, RECEIVE, CONSOLIDATE, DOWN = range(4)


class ExchangeScreen(QWidget):
    help_topic = "trao-doi"
    open_report_requested = Signal(int)  # the main window opens the report in «Báo cáo»

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.send = SendTab(ctx)
        self.receive = ReceiveTab(ctx)
        self.consolidation = ConsolidationTab(ctx)
        self.downward = DownwardTab(ctx)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("exchange_tabs")
        self.tabs.addTab(self.send, S.TAB_SEND)
        self.tabs.addTab(self.receive, S.TAB_RECEIVE)
        self.tabs.addTab(self.consolidation, S.TAB_CONSOLIDATE)
        self.tabs.addTab(self.downward, S.TAB_DOWN)
        self._stale_tabs: set[int] = {SEND, CONSOLIDATE, DOWN}
        self.tabs.currentChanged.connect(self._load_tab)
        self.consolidation.open_report_requested.connect(self.open_report_requested)
        self.receive.imported.connect(self._imported)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.tabs)
        jobs.stop_at_exit()  # a running import finishes its package before the database is closed

    # -- the screen protocol -------------------------------------------------------------------
    def refresh(self) -> None:
        self._stale_tabs = {SEND, CONSOLIDATE, DOWN}
        self._load_tab(self.tabs.currentIndex())
        self._stale = False

    def on_changes(self, _changes: Changes) -> None:
        # Any write can change what goes out or what was received: re-read the visible tab.
        self._stale_tabs = {SEND, CONSOLIDATE, DOWN}
        self._load_tab(self.tabs.currentIndex())

    def _load_tab(self, index: int) -> None:
        if index not in self._stale_tabs:
            return
        self._stale_tabs.discard(index)
        self.tabs.widget(index).refresh()

    def _imported(self, results) -> None:
        """Consolidation moves to the period most of the imported reports are for."""
        from desktop.core import periods
        from desktop.core.errors import UserError

        codes = Counter(r.period_code for r in results
                        if r.status in ("imported", "replaced") and r.content == "report" and r.period_code)
        if codes:
            try:
                self.consolidation.picker.set_period(periods.parse(codes.most_common(1)[0][0]))
            except UserError:
                pass
        self._stale_tabs.update({SEND, CONSOLIDATE, DOWN})

    def can_close(self) -> bool:
        return True

    # -- opening packages given to the program ------------------------------------------------
    def open_files(self, paths: Iterable[str | Path]):
        """Switch to «Nhận gói dữ liệu» and preview these files (the job, or None)."""
        self.tabs.setCurrentWidget(self.receive)
        return self.receive.add_files(paths)
