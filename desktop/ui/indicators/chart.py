"""Seeing the figures: a grid of a group's indicators × the periods of a year, and one
indicator across those periods with a small chart (QPainter, no plotting library) and the
line of its target."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core import indicators as core
from desktop.core import periods as P
from desktop.strings import indicators as S
from desktop.ui.common import Column, ColumnTableModel
from desktop.ui.context import AppContext

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter


def periods_of_year(kind: str, year: int) -> list[P.Period]:
    if kind == P.MONTH:
        return [P.month(year, n) for n in range(1, 13)]
    if kind == P.HALF:
        return [P.half(year, n) for n in (1, 2)]
    return [P.quarter(year, n) for n in range(1, 5)]


def short_label(period: P.Period) -> str:
    if period.kind == P.MONTH:
        return f"T{period.number}"
    if period.kind == P.QUARTER:
        return f"Quý {P.ROMAN[period.number]}"
    if period.kind == P.HALF:
        return f"6 tháng {'đầu' if period.number == 1 else 'cuối'}"
    return period.code


class GridTableModel(ColumnTableModel):
    """Rows: (IndicatorRow, {period code: ValueRow}); one column per period."""

    def set_periods(self, periods: list[P.Period]) -> None:
        columns = [
            Column("name", S.GRID_INDICATOR, lambda r: r[0].name, tooltip=lambda r: f"{r[0].name} ({r[0].code})"),
            Column("unit", S.GRID_UNIT, lambda r: r[0].unit, CENTER),
            Column("target", S.GRID_TARGET, lambda r: _target_text(r), CENTER),
        ]
        for period in periods:
            columns.append(Column(
                period.code, short_label(period), lambda r, c=period.code: r[1][c].text if c in r[1] else "", RIGHT,
                sort_value=lambda r, c=period.code: _numeric(r[1][c].value) if c in r[1] else None,
                tooltip=lambda r, c=period.code: (r[1][c].problem or None) if c in r[1] else None,
            ))
        self.beginResetModel()
        self.columns = columns
        self._rows = []
        self.endResetModel()


def _numeric(value) -> Decimal | None:
    return value if isinstance(value, Decimal) else None


def _target_text(row) -> str:
    values = list(row[1].values())
    target = values[-1].target if values else None
    return target.text if target else ""


class TrendChart(QWidget):
    """Bars of one indicator's values over the periods, with the target drawn as a dashed line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.points: list[tuple[str, Decimal | None, str]] = []  # label, value, value text
        self.target: core.TargetRow | None = None
        self.decimals = 0

    def set_series(self, points: list[tuple[str, Decimal | None, str]], target: core.TargetRow | None,
                   decimals: int = 0) -> None:
        self.points, self.target, self.decimals = list(points), target, decimals
        self.update()

    def target_levels(self) -> list[Decimal]:
        if self.target is None or self.target.comparator == "none":
            return []
        return [v for v in (self.target.low, self.target.high) if v is not None]

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        values = [v for _label, v, _text in self.points if v is not None]
        if not values:
            painter.setPen(QColor("#5f6368"))
            painter.drawText(self.rect(), int(CENTER), S.CHART_NO_DATA)
            return
        levels = self.target_levels()
        top_value = max([*values, *levels, Decimal(0)]) or Decimal(1)
        area = QRectF(12, line + 8, self.width() - 24, self.height() - 2 * line - 20)
        painter.setPen(QPen(QColor("#9aa0a6"), 1))
        painter.drawLine(QPointF(area.left(), area.bottom()), QPointF(area.right(), area.bottom()))
        slot = area.width() / max(len(self.points), 1)
        bar_width = min(slot * 0.6, 70)

        def y_of(value: Decimal) -> float:
            return area.bottom() - float(value / top_value) * area.height()

        for index, (label, value, text) in enumerate(self.points):
            centre = area.left() + slot * (index + 0.5)
            painter.setPen(QColor("#3c4043"))
            label_rect = QRectF(centre - slot / 2, area.bottom() + 4, slot, line)
            painter.drawText(label_rect, int(CENTER), metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(slot)))
            if value is None:
                continue
            top = y_of(value)
            bar = QRectF(centre - bar_width / 2, top, bar_width, area.bottom() - top)
            painter.fillRect(bar, QColor("#4a7bd0"))
            painter.setPen(QColor("#1f2d3d"))
            painter.drawText(QRectF(centre - slot / 2, top - line - 2, slot, line), int(CENTER), text)
        for level in levels:
            y = y_of(level)
            painter.setPen(QPen(QColor("#b3261e"), 2, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.drawText(QRectF(area.left(), y - line - 1, area.width(), line), int(RIGHT),
                             S.CHART_TARGET.format(text=self.target.text))
        painter.end()


class GridPanel(QWidget):
    """Bảng theo kỳ: the group's indicators × the periods of the chosen year, and a detail."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.year = 0
        self.group_code: str | None = None
        self.periods: list[P.Period] = []
        self.kind = QComboBox()
        for key, label in S.GRID_KINDS.items():
            self.kind.addItem(label, key)
        self.kind.currentIndexChanged.connect(self.load)
        self.model = GridTableModel([], self)
        self.table = QTableView()
        self.table.setObjectName("grid_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() + 10)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self.show_detail())
        self.detail_title = QLabel(S.DETAIL_EMPTY)
        self.detail_title.setWordWrap(True)
        self.detail_title.setStyleSheet("font-weight: 600;")
        self.chart = TrendChart()
        self.chart.setObjectName("trend_chart")

        top = QHBoxLayout()
        top.addWidget(QLabel(S.GRID_KIND))
        top.addWidget(self.kind)
        top.addStretch(1)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.detail_title)
        detail_layout.addWidget(self.chart, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    def show_group(self, year: int, group_code: str | None) -> None:
        self.year, self.group_code = year, group_code
        self.load()

    def load(self) -> None:
        if not self.year or self.group_code is None:
            return
        selected = self.table.currentIndex().row()
        self.periods = periods_of_year(self.kind.currentData(), self.year)
        periods, group = self.periods, self.group_code

        def read(session):
            return [core.period_values(session, p, group) for p in periods]

        per_period = self.ctx.read(read)
        rows: dict[str, tuple] = {}
        for period, values in zip(periods, per_period, strict=True):
            for value in values:
                rows.setdefault(value.indicator.code, (value.indicator, {}))[1][period.code] = value
        self.model.set_periods(periods)
        self.model.set_rows(list(rows.values()))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        em = self.fontMetrics().horizontalAdvance("M")
        for column in range(1, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.resizeColumnToContents(column)
            header.resizeSection(column, max(header.sectionSize(column), (5 if column < 3 else 6) * em))
        if self.model.rowCount():
            self.table.selectRow(min(max(selected, 0), self.model.rowCount() - 1))
        self.show_detail()

    def show_detail(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            self.detail_title.setText(S.DETAIL_EMPTY)
            self.chart.set_series([], None)
            return
        indicator, values = self.model.row_at(index.row())
        points = []
        for period in self.periods:
            value = values.get(period.code)
            number = value.value if value is not None and isinstance(value.value, Decimal) else None
            points.append((short_label(period), number, value.text if value is not None else ""))
        self.detail_title.setText(S.DETAIL_TITLE.format(name=indicator.name, unit=indicator.unit or "—", year=self.year))
        self.chart.set_series(points, indicator.target_for(self.year), indicator.decimals)

