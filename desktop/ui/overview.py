"""Tổng quan: the figures by derived status, the overdue list, deadlines in the next 14 days
and the statistics per phase (with the sentences ward reports use), on a reference date.

Everything comes from one read (desktop.core.stats.overview); clicking a task in either list
opens its dialog.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core import stats as stats_core
from desktop.core.changes import DEPARTMENTS, DIRECTIVES, OFFICE, PLANS, TASKS
from desktop.core.errors import UserError
from desktop.core.vn import format_date, format_number, format_percent, percent
from desktop.strings import common as S
from desktop.strings import overview as O
from desktop.ui.common import Column, ColumnTableModel, shortcut
from desktop.ui.context import AppContext
from desktop.ui.tasks.fields import DateLineEdit

DUE_SOON_DAYS = 14
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

# key, colour of the figure
FIGURES = (
    ("total", "#1f2d3d"),
    ("done_on_time", "#1b6e20"),
    ("done_late", "#8a5300"),
    ("in_progress_on_time", "#0b57d0"),
    ("overdue", "#b3261e"),
    ("not_started", "#5f6368"),
)
# Rows of the per-phase table: (key, label, whether the share of assigned is shown)
PHASE_ROWS = tuple((key, O.PHASE_ROW[key], key != "assigned") for key in O.PHASE_ROW)


class Figure(QFrame):
    """One large number with its caption and share of the total."""

    def __init__(self, key: str, colour: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"figure_{key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(f"#figure_{key} {{ border: 1px solid #d0d7de; border-left: 5px solid {colour};"
                           " border-radius: 4px; background: palette(base); }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 8, 6)
        layout.setSpacing(0)
        self.number = QLabel("0")
        font = self.number.font()
        font.setPointSizeF(font.pointSizeF() * 2.1)
        font.setBold(True)
        self.number.setFont(font)
        self.number.setStyleSheet(f"color: {colour};")
        self.caption = QLabel(O.FIGURE[key])
        self.caption.setWordWrap(True)
        self.share = QLabel("")
        self.share.setStyleSheet("color: #555;")
        self.share.setWordWrap(True)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)
        layout.addWidget(self.share)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(120)

    def set_value(self, value: int, total: int) -> None:
        self.number.setText(format_number(value))
        if self.key == "total":
            self.share.setText("")
        elif self.key == "not_started":
            self.share.setText(O.NOT_STARTED_NOTE)
        else:
            share = percent(value, total)
            self.share.setText(O.FIGURE_SHARE.format(pct=format_percent(share if share is not None else 0)))


class PhaseStatsTableModel(ColumnTableModel):
    """Rows are the report's categories, columns the phases and the total (a small table per
    phase, side by side)."""

    def __init__(self, parent=None) -> None:
        super().__init__([], parent)

    def set_stats(self, groups: list[stats_core.Group], total: stats_core.Counts) -> None:
        self.beginResetModel()
        columns = [Column("label", O.PHASE_LABEL_COLUMN, lambda r: r[1], LEFT)]
        for group in [*groups, stats_core.Group("total", O.TOTAL_ROW, total)]:
            columns.append(Column(group.key or "none", group.label,
                                  lambda r, c=group.counts: _cell(c, r[0], r[2]), RIGHT))
        self.columns = columns
        self._rows = list(PHASE_ROWS)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        return  # the categories keep the report's order


def _cell(counts: stats_core.Counts, key: str, with_share: bool) -> str:
    value = getattr(counts, key)
    if not with_share:
        return format_number(value)
    share = percent(value, counts.assigned)
    return f"{format_number(value)} ({format_percent(share if share is not None else 0)})"


def _task_list_model(kind: str, parent) -> ColumnTableModel:
    columns = [
        Column("title", O.COLUMN["title"], lambda r: r.title, LEFT, tooltip=lambda r: r.title),
        Column("deadline", O.COLUMN["deadline"], lambda r: format_date(r.deadline), CENTER),
        Column("lead", O.COLUMN["lead"], lambda r: r.lead, LEFT, tooltip=lambda r: r.lead_name or None),
    ]
    if kind == "overdue":
        columns.append(Column("days", O.COLUMN["days_late"], lambda r: r.days_text, RIGHT))
    else:
        columns.append(Column("days", O.COLUMN["days_left"], lambda r: r.days_text, RIGHT))
    return ColumnTableModel(columns, parent)


class _Listed:
    """A task row with the day count the list shows (late by / left)."""

    __slots__ = ("row", "days_text")

    def __init__(self, row, days_text: str) -> None:
        self.row, self.days_text = row, days_text

    def __getattr__(self, name):
        return getattr(self.row, name)


def _list_view(model: ColumnTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().lineSpacing() + 10)
    view.setCursor(Qt.CursorShape.PointingHandCursor)
    view.setToolTip(O.LIST_HINT)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for index in (1, 2, 3):
        header.setSectionResizeMode(index, QHeaderView.ResizeMode.ResizeToContents)
    view.setMinimumHeight(view.fontMetrics().lineSpacing() * 6)
    return view


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.1)
    label.setFont(font)
    return label


class OverviewScreen(QWidget):
    help_topic = "overview"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: stats_core.Overview | None = None
        self._as_of = date.today()
        self._as_of_chosen = False

        content = QWidget()
        layout = QVBoxLayout(content)

        top = QHBoxLayout()
        title = _heading(O.TITLE)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        title.setFont(font)
        top.addWidget(title, 1)
        as_of_label = QLabel(O.AS_OF)
        as_of_label.setToolTip(O.AS_OF_TIP)
        self.as_of = DateLineEdit()
        self.as_of.set_date(self._as_of)
        self.as_of.setToolTip(O.AS_OF_TIP)
        self.as_of.date_committed.connect(self._as_of_committed)
        top.addWidget(as_of_label)
        top.addWidget(self.as_of)
        layout.addLayout(top)

        figures = QGridLayout()
        figures.setSpacing(8)
        self.figures: dict[str, Figure] = {}
        for column, (key, colour) in enumerate(FIGURES):
            figure = Figure(key, colour)
            self.figures[key] = figure
            figures.addWidget(figure, 0, column)
            figures.setColumnStretch(column, 1)
        layout.addLayout(figures)

        self.empty_label = QLabel(O.NO_TASKS)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: #555; padding: 6px 0;")
        self.empty_label.hide()
        layout.addWidget(self.empty_label)

        columns = QHBoxLayout()
        columns.setSpacing(14)
        left = self._left = QVBoxLayout()
        self.overdue_heading = _heading(O.OVERDUE_LIST.format(count=0))
        self.overdue_heading.setStyleSheet("color: #b3261e;")
        self.overdue_model = _task_list_model("overdue", self)
        self.overdue_view = _list_view(self.overdue_model)
        self.overdue_view.clicked.connect(lambda index: self._open_from(self.overdue_model, index))
        shortcut(self.overdue_view, "Return", lambda: self._open_from(self.overdue_model, self.overdue_view.currentIndex()))
        self.overdue_empty = QLabel(O.NO_OVERDUE)
        left.addWidget(self.overdue_heading)
        left.addWidget(self.overdue_view, 1)
        left.addWidget(self.overdue_empty)
        self.due_heading = _heading(O.DUE_SOON_LIST.format(days=DUE_SOON_DAYS, count=0))
        self.due_model = _task_list_model("due", self)
        self.due_view = _list_view(self.due_model)
        self.due_view.clicked.connect(lambda index: self._open_from(self.due_model, index))
        shortcut(self.due_view, "Return", lambda: self._open_from(self.due_model, self.due_view.currentIndex()))
        self.due_empty = QLabel(O.NO_DUE_SOON.format(days=DUE_SOON_DAYS))
        left.addSpacing(6)
        left.addWidget(self.due_heading)
        left.addWidget(self.due_view, 1)
        left.addWidget(self.due_empty)

        right = QVBoxLayout()
        right.addWidget(_heading(O.PHASE_STATS))
        self.phase_model = PhaseStatsTableModel(self)
        self.phase_view = QTableView()
        self.phase_view.setModel(self.phase_model)
        self.phase_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.phase_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.phase_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.phase_view.verticalHeader().hide()
        self.phase_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() + 8)
        self.phase_view.setWordWrap(False)
        self.phase_view.horizontalHeader().setHighlightSections(False)
        self.phase_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.phase_view.setToolTip(O.PHASE_TABLE_TIP)
        right.addWidget(self.phase_view)

        sentences_row = QHBoxLayout()
        sentences_row.addWidget(_heading(O.SENTENCES), 1)
        self.copy_button = QPushButton(O.COPY)
        self.copy_button.clicked.connect(self.copy_sentences)
        sentences_row.addWidget(self.copy_button)
        right.addLayout(sentences_row)
        self.sentences = QPlainTextEdit()
        self.sentences.setReadOnly(True)
        self.sentences.setMinimumHeight(self.fontMetrics().lineSpacing() * 7)
        right.addWidget(self.sentences, 1)
        self.copied_label = QLabel("")
        self.copied_label.setStyleSheet("color: #1b6e20;")
        right.addWidget(self.copied_label)

        columns.addLayout(left, 5)
        columns.addLayout(right, 6)
        layout.addLayout(columns, 1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # ------------------------------------------------------------------ data
    def refresh(self) -> None:
        if not self._as_of_chosen and self._as_of != date.today():
            self._as_of = date.today()
            self.as_of.set_date(self._as_of)
        self.data = self.ctx.read(stats_core.overview, self._as_of, DUE_SOON_DAYS)
        self._show(self.data)
        self._stale = False

    def on_changes(self, changes) -> None:
        if changes.touches(TASKS, DEPARTMENTS, DIRECTIVES, PLANS, OFFICE):
            self.refresh()

    def _show(self, data: stats_core.Overview) -> None:
        total = data.stats.total
        values = {
            "total": total.assigned,
            "done_on_time": total.done_on_time,
            "done_late": total.done_late,
            "in_progress_on_time": total.in_progress_on_time,
            "overdue": total.overdue,
            "not_started": total.not_started,
        }
        for key, figure in self.figures.items():
            figure.set_value(values[key], total.assigned)
        self.empty_label.setVisible(total.assigned == 0)

        as_of = data.as_of
        overdue = [_Listed(r, O.DAYS_LATE.format(days=(as_of - r.deadline).days)) for r in data.overdue]
        due = [_Listed(r, O.DUE_TODAY if r.deadline == as_of else O.DAYS_LEFT.format(days=(r.deadline - as_of).days))
               for r in data.due_soon]
        self.overdue_model.set_rows(overdue)
        self.due_model.set_rows(due)
        self.overdue_heading.setText(O.OVERDUE_LIST.format(count=len(overdue)))
        self.due_heading.setText(O.DUE_SOON_LIST.format(days=DUE_SOON_DAYS, count=len(due)))
        self.overdue_view.setVisible(bool(overdue))
        self.overdue_empty.setVisible(not overdue)
        self.due_view.setVisible(bool(due))
        self.due_empty.setVisible(not due)
        # Room in proportion to the rows each list has (a list of one row stays small).
        self._left.setStretchFactor(self.overdue_view, max(2, min(len(overdue), 12)))
        self._left.setStretchFactor(self.due_view, max(2, min(len(due), 12)))

        self.phase_model.set_stats(data.stats.by_phase, total)
        header = self.phase_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        self._fit_phase_table()
        self.sentences.setPlainText("\n".join(data.sentences))
        self.copied_label.setText("")

    def _fit_phase_table(self) -> None:
        """As tall as its rows (plus a scroll bar when many phases make it wider than the room);
        the label column takes the spare width but never less than its text."""
        view = self.phase_view
        header = view.horizontalHeader()
        if header.count():
            others = sum(header.sectionSize(i) for i in range(1, header.count()))
            needed = max(view.sizeHintForColumn(0), header.sectionSizeHint(0))
            header.resizeSection(0, max(needed, view.viewport().width() - others))
        height = header.sizeHint().height() + sum(view.rowHeight(i) for i in range(self.phase_model.rowCount()))
        height += 2 * view.frameWidth()
        if header.length() > view.viewport().width() + 1:
            height += view.horizontalScrollBar().sizeHint().height()
        view.setFixedHeight(height)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        QTimer.singleShot(0, self._fit_phase_table)

    # ------------------------------------------------------------------ actions
    def _as_of_committed(self) -> None:
        value = self.as_of.date_value() or date.today()
        self._as_of_chosen = value != date.today()
        self.as_of.set_date(value)
        if value != self._as_of:
            self._as_of = value
            self.refresh()

    def set_as_of(self, value: date) -> None:
        self.as_of.set_date(value)
        self._as_of_committed()

    def copy_sentences(self) -> None:
        QGuiApplication.clipboard().setText(self.sentences.toPlainText())
        self.copied_label.setText(O.COPIED)

    def _open_from(self, model: ColumnTableModel, index) -> None:
        if not index.isValid():
            return
        self.open_task(model.row_at(index.row()).id)

    def open_task(self, task_id: int) -> None:
        from desktop.ui.tasks.detail import TaskDialog

        try:
            dialog = TaskDialog(self.ctx, task_id, self)
        except UserError as exc:  # deleted meanwhile
            QMessageBox.warning(self, S.ERROR_TITLE, str(exc))
            self.refresh()
            return
        dialog.exec()
        dialog.deleteLater()
