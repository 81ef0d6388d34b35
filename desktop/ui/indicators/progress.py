"""Tiến độ so với chỉ tiêu: every indicator with a target for the chosen period, how far its
value is from the year's target, sortable by "furthest from target"."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.core import indicators as core
from desktop.core.periods import Period
from desktop.core.vn import format_number
from desktop.strings import indicators as S
from desktop.ui.common import Column, ColumnTableModel, list_table
from desktop.ui.context import AppContext

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter
COLOURS = {core.MET: QColor("#1b6e20"), core.NOT_MET: QColor("#b3261e"), core.NO_DATA: QColor("#5f6368")}


class ProgressTableModel(ColumnTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__([
            Column("code", S.PROGRESS_HEADERS[0], lambda r: r.indicator.code),
            Column("name", S.PROGRESS_HEADERS[1], lambda r: r.indicator.name, tooltip=lambda r: r.indicator.name),
            Column("unit", S.PROGRESS_HEADERS[2], lambda r: r.indicator.unit, CENTER),
            Column("value", S.PROGRESS_HEADERS[3], lambda r: r.text, RIGHT,
                   sort_value=lambda r: r.value if isinstance(r.value, Decimal) else None),
            Column("target", S.PROGRESS_HEADERS[4], lambda r: r.target.text if r.target else "", CENTER),
            Column("share", S.PROGRESS_HEADERS[5],
                   lambda r: "" if core.share_of_target(r) is None else format_number(core.share_of_target(r), 1) + "%", RIGHT,
                   sort_value=core.share_of_target),
            Column("achievement", S.PROGRESS_HEADERS[6], lambda r: S.ACHIEVEMENT.get(r.achievement, ""), CENTER,
                   foreground=lambda r: COLOURS.get(r.achievement)),
            Column("gap", S.PROGRESS_HEADERS[7],
                   lambda r: format_number(core.target_gap(r), 1) + "%" if core.target_gap(r) else ("" if core.target_gap(r) is None else "0"), RIGHT,
                   sort_value=core.gap_sort),
        ], parent)


class ProgressPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.period: Period | None = None
        self.catalogue = QComboBox()
        self.catalogue.currentIndexChanged.connect(self.load)
        self.model = ProgressTableModel(self)
        self.table = list_table(self.model, "progress_table", {"code": 7, "unit": 5, "value": 8, "target": 9,
                                                               "share": 8, "achievement": 10, "gap": 8})
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.model.column_index("name"), QHeaderView.ResizeMode.Stretch)
        self.table.setSortingEnabled(True)
        self.sort_label = QLabel(S.PROGRESS_SORT_GAP)
        self.sort_label.setStyleSheet("color: #555;")
        top = QHBoxLayout()
        top.addWidget(QLabel(S.PROGRESS_CATALOGUE))
        top.addWidget(self.catalogue)
        top.addStretch(1)
        top.addWidget(self.sort_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def set_catalogues(self, catalogues: list[tuple[str, str]]) -> None:
        current = self.catalogue.currentData()
        self.catalogue.blockSignals(True)
        self.catalogue.clear()
        self.catalogue.addItem(S.PROGRESS_ALL, None)
        for code, name in catalogues:
            self.catalogue.addItem(name, code)
        self.catalogue.setCurrentIndex(max(0, self.catalogue.findData(current)))
        self.catalogue.blockSignals(False)

    def show_period(self, period: Period) -> None:
        self.period = period
        self.load()

    def load(self) -> None:
        if self.period is None:
            return
        catalogue = self.catalogue.currentData()
        rows = [r for r in self.ctx.read(core.period_values, self.period)
                if r.target is not None and r.target.comparator != "none"
                and (catalogue is None or r.indicator.catalogue == catalogue)]
        self.model.set_rows(rows)
        self.sort_by_gap()

    def sort_by_gap(self) -> None:
        self.table.sortByColumn(self.model.column_index("gap"), Qt.SortOrder.DescendingOrder)
