"""The period picker: kind, year and number (or two dates for a range), with the period's
name and its data window in words (Nghị định 09/2019 cut-off on the 14th)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core import periods as P
from desktop.core.errors import UserError
from desktop.strings import indicators as S
from desktop.ui.tasks.fields import DateLineEdit


class PeriodPicker(QWidget):
    period_changed = Signal(object)  # Period

    def __init__(self, parent: QWidget | None = None, period: P.Period | None = None) -> None:
        super().__init__(parent)
        self._period = period or P.current(P.QUARTER)
        self._loading = False
        self.kind = QComboBox()
        for key in P.KINDS:
            self.kind.addItem(S.PERIOD_KINDS[key], key)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.number = QComboBox()
        self.number.setMinimumContentsLength(14)
        self.number.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.start = DateLineEdit()
        self.end = DateLineEdit()
        self.name_label = QLabel()
        self.name_label.setObjectName("period_name")
        self.name_label.setStyleSheet("font-weight: 600;")
        self.window_label = QLabel()
        self.window_label.setObjectName("period_window")
        self.window_label.setStyleSheet("color: #444;")
        for label in (self.name_label, self.window_label):
            # A long range name wraps instead of widening the screen (1366×768 at 125 % leaves ≈ 880 px).
            label.setWordWrap(True)
            label.setMinimumWidth(180)

        self.number_label = QLabel(S.PICKER_NUMBER)
        self.year_label = QLabel(S.PICKER_YEAR)
        self.from_label = QLabel(S.PICKER_FROM)
        self.to_label = QLabel(S.PICKER_TO)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (QLabel(S.PICKER_KIND), self.kind, self.year_label, self.year, self.number_label, self.number,
                       self.from_label, self.start, self.to_label, self.end):
            row.addWidget(widget)
        texts = QVBoxLayout()
        texts.setSpacing(0)
        texts.addWidget(self.name_label)
        texts.addWidget(self.window_label)
        row.addSpacing(12)
        row.addLayout(texts, 1)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row, 0, 0)

        self.kind.currentIndexChanged.connect(self._kind_chosen)
        self.year.valueChanged.connect(self._changed)
        self.number.currentIndexChanged.connect(self._changed)
        self.start.date_committed.connect(self._changed)
        self.end.date_committed.connect(self._changed)
        self.set_period(self._period)

    # ------------------------------------------------------------------ API
    def period(self) -> P.Period:
        return self._period

    def set_period(self, period: P.Period) -> None:
        """Show `period` (no signal)."""
        self._loading = True
        self.kind.setCurrentIndex(self.kind.findData(period.kind))
        self._fill_numbers(period.kind)
        self.year.setValue(period.year)
        if period.kind in (P.MONTH, P.QUARTER, P.HALF):
            self.number.setCurrentIndex(period.number - 1)
        if period.kind == P.RANGE:
            self.start.set_date(period.start)
            self.end.set_date(period.end)
        self._show_fields(period.kind)
        self._loading = False
        self._period = period
        self._show_texts()

    # ------------------------------------------------------------------ internals
    def _fill_numbers(self, kind: str) -> None:
        self.number.blockSignals(True)
        self.number.clear()
        if kind == P.MONTH:
            items = [S.PICKER_MONTH_ITEM.format(n=n) for n in range(1, 13)]
        elif kind == P.QUARTER:
            items = [S.PICKER_QUARTER_ITEM.format(roman=P.ROMAN[n]) for n in range(1, 5)]
        elif kind == P.HALF:
            items = list(S.PICKER_HALF_ITEMS)
        else:
            items = []
        self.number.addItems(items)
        self.number.blockSignals(False)

    def _show_fields(self, kind: str) -> None:
        ranged = kind == P.RANGE
        numbered = kind in (P.MONTH, P.QUARTER, P.HALF)
        for widget in (self.year_label, self.year):
            widget.setVisible(not ranged)
        for widget in (self.number_label, self.number):
            widget.setVisible(numbered)
        for widget in (self.from_label, self.start, self.to_label, self.end):
            widget.setVisible(ranged)

    def _kind_chosen(self) -> None:
        if self._loading:
            return
        kind = self.kind.currentData()
        self._loading = True
        self._fill_numbers(kind)
        if kind in (P.MONTH, P.QUARTER, P.HALF):
            current = P.current(kind)
            if current.year == self.year.value():
                self.number.setCurrentIndex(current.number - 1)
        if kind == P.RANGE and not self.start.date_value():
            first, last = self._period.window
            self.start.set_date(first)
            self.end.set_date(min(last, date.today()) if last > first else last)
        self._show_fields(kind)
        self._loading = False
        self._changed()

    def _read(self) -> P.Period:
        kind, y, index = self.kind.currentData(), self.year.value(), max(self.number.currentIndex(), 0) + 1
        if kind == P.MONTH:
            return P.month(y, index)
        if kind == P.QUARTER:
            return P.quarter(y, index)
        if kind == P.HALF:
            return P.half(y, index)
        if kind == P.NINE_MONTHS:
            return P.nine_months(y)
        if kind == P.YEAR:
            return P.year(y)
        start, end = self.start.date_value(), self.end.date_value()
        if start is None or end is None:
            raise UserError(S.PICKER_BAD_RANGE)
        return P.date_range(start, end)

    def _changed(self, *_args) -> None:
        if self._loading:
            return
        try:
            period = self._read()
        except UserError as exc:
            self.window_label.setText(str(exc))
            self.window_label.setStyleSheet("color: #b3261e;")
            return
        if period == self._period:
            self._show_texts()
            return
        self._period = period
        self._show_texts()
        self.period_changed.emit(period)  # a receiver may call set_period() to go back (unsaved edits kept)

    def _show_texts(self) -> None:
        self.name_label.setText(S.PICKER_NAME.format(name=self._period.name, code=self._period.code))
        self.window_label.setStyleSheet("color: #444;")
        self.window_label.setText(self._period.window_text)
